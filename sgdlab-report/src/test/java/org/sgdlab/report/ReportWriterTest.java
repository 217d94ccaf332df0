package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.probe.Trace;

class ReportWriterTest {

    @TempDir
    Path root;

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString().replace('\\', '/')).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void writesEveryFileAndAParseableResult() throws IOException {
        List<ClaimResult> claims = Fixtures.claims();
        Path out = root.resolve("reports/check");
        Path index = ReportWriter.writeCheck(out, claims, Fixtures.provenance());

        assertEquals(out.toAbsolutePath().resolve("index.html"), index);
        assertTrue(Files.isRegularFile(index));
        for (ClaimResult c : claims) {
            assertTrue(Files.isRegularFile(out.resolve(c.id()).resolve("train.csv")));
            assertTrue(Files.size(out.resolve(c.id()).resolve("loss.png")) > 1000);
            assertTrue(Files.size(out.resolve(c.id()).resolve("angle.png")) > 1000);
        }
        // Nothing else beside the report in the parent: no temporary or backup directory.
        assertEquals(Set.of("check"), Files.list(root.resolve("reports")).map(p -> p.getFileName().toString())
                .collect(Collectors.toSet()));

        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(Files.readString(out.resolve("result.json")));
        assertEquals("check", json.get("kind"));
        Map<String, Object> prov = (Map<String, Object>) json.get("provenance");
        assertEquals("abc123", prov.get("gitCommit"));
        assertEquals("7", ((MiniJson.Num) prov.get("seed")).text());
        assertEquals(Map.of("steps", "1000", "eta", "0.01"), prov.get("parameters"));
        assertEquals("2026-01-02T03:04:05Z", prov.get("started"));
        Map<String, Object> summary = (Map<String, Object>) json.get("summary");
        assertEquals(2.0, ((MiniJson.Num) summary.get("HOLDS")).value());
        assertEquals(1.0, ((MiniJson.Num) summary.get("FAILS")).value());

        List<Object> jc = (List<Object>) json.get("claims");
        assertEquals(claims.size(), jc.size());
        for (int i = 0; i < claims.size(); i++) {
            ClaimResult c = claims.get(i);
            Map<String, Object> m = (Map<String, Object>) jc.get(i);
            assertEquals(List.of("id", "title", "source", "verdict", "prediction", "measurement", "rule",
                    "sourceStatement", "numericalFindings", "numbers", "traces", "plots", "notes", "elapsed", "elapsedSeconds"),
                    new ArrayList<>(m.keySet()));
            assertEquals(c.id(), m.get("id"));
            assertEquals(c.title(), m.get("title"));
            assertEquals(c.verdict().name(), m.get("verdict"));
            assertEquals(c.prediction(), m.get("prediction"));
            assertEquals(c.notes(), m.get("notes"));
            assertEquals("PT1.234S", m.get("elapsed"));
            Map<String, Object> numbers = (Map<String, Object>) m.get("numbers");
            assertEquals(List.of("predicted", "measured", "gap"), new ArrayList<>(numbers.keySet()));
            assertEquals(0.4999999, ((MiniJson.Num) numbers.get("measured")).value());
            assertEquals("NaN", numbers.get("gap"));
            if (c.sourceStatement() == null) {
                assertNull(m.get("sourceStatement"));
            } else {
                Map<String, Object> s = (Map<String, Object>) m.get("sourceStatement");
                assertEquals(c.sourceStatement().statement(), s.get("statement"));
                assertEquals(c.sourceStatement().held(), s.get("held"));
            }
            List<Object> findings = (List<Object>) m.get("numericalFindings");
            assertEquals(c.numericalFindings().size(), findings.size());
            for (int k = 0; k < findings.size(); k++) {
                Map<String, Object> f = (Map<String, Object>) findings.get(k);
                NumericalFinding expected = c.numericalFindings().get(k);
                assertEquals(List.of("arithmetic", "statement", "held", "status", "measurement", "explanation"),
                        new ArrayList<>(f.keySet()));
                assertEquals(expected.statement(), f.get("statement"));
                assertEquals(expected.held(), f.get("held"));
                assertEquals(expected.status(), f.get("status"));
                assertEquals(expected.measurement(), f.get("measurement"));
            }
            List<Object> traces = (List<Object>) m.get("traces");
            Map<String, Object> t0 = (Map<String, Object>) traces.get(0);
            assertEquals(c.id() + "/train.csv", t0.get("file"));
            assertTrue(Files.isRegularFile(out.resolve((String) t0.get("file"))));
            for (Object p : (List<Object>) m.get("plots")) {
                assertTrue(Files.isRegularFile(out.resolve((String) ((Map<String, Object>) p).get("file"))));
            }
        }
    }

    @Test
    void indexHtmlShowsEveryClaimAndReferencesExistingFiles() throws IOException {
        List<ClaimResult> claims = Fixtures.claims();
        Path out = root.resolve("check");
        String html = Files.readString(ReportWriter.writeCheck(out, claims, Fixtures.provenance()));

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        for (ClaimResult c : claims) {
            assertTrue(html.contains(">" + c.id() + "<"), c.id());
            assertTrue(html.contains("id=\"claim-" + c.id() + "\""), c.id());
        }
        assertTrue(html.contains("class=\"verdict HOLDS\">HOLDS<"));
        assertTrue(html.contains("class=\"verdict FAILS\">FAILS<"));
        assertTrue(html.contains("class=\"verdict INCONCLUSIVE\">INCONCLUSIVE<"));
        assertTrue(html.contains(">held<") && html.contains(">refuted<") && html.contains(">undecided<"));
        assertTrue(html.contains("4 claims: 2 HOLDS, 1 FAILS, 1 INCONCLUSIVE"));
        // numerical findings: a column of the verdict table and a row of the claim's section, escaped
        assertTrue(html.contains("<th>numerical findings</th>"));
        assertTrue(html.contains("<span class=\"departs\">float64: departs</span>"), html);
        assertTrue(html.contains("<span class=\"holds\">float64: holds</span>"), html);
        assertTrue(html.contains("<th>numerical finding (float64)</th><td>|‖w‖ − 1| ≤ 1e-14 at every step"), html);
        assertTrue(html.contains("repeats &lt;every&gt; step"), html);
        // escaping
        assertFalse(html.contains("<b>co</b>"));
        assertTrue(html.contains("Title of gd-min-norm &amp; &lt;b&gt;co&lt;/b&gt;"));
        assertTrue(html.contains("note &quot;one&quot;"));
        // offline: no external resources
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"));

        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            assertTrue(Files.isRegularFile(out.resolve(img.group(1))), img.group(1));
            images++;
        }
        assertEquals(2 * claims.size(), images);
        Matcher csv = Pattern.compile("<a href=\"([^\"#]+\\.csv)\"").matcher(html);
        int links = 0;
        while (csv.find()) {
            assertTrue(Files.isRegularFile(out.resolve(csv.group(1))), csv.group(1));
            links++;
        }
        assertEquals(claims.size(), links);
    }

    private static ClaimResult brokenClaim() {
        Trace t = Fixtures.curve("train", 10);
        return new ClaimResult("broken", "b", "s", Verdict.HOLDS, "p", "m", "r", null, Map.of(), List.of(t),
                List.of(PlotSpec.linear("ok.png").title("ok").trace("train").x("step").y(List.of("loss")).build(),
                        PlotSpec.linear("bad.png").title("bad").trace("train").x("step").y(List.of("missing")).build()),
                List.of(), Duration.ZERO);
    }

    @Test
    void failedPlotLeavesNoOutputAndNoTemporaryDirectory() throws IOException {
        List<ClaimResult> claims = new ArrayList<>(Fixtures.claims());
        claims.add(brokenClaim());
        Path out = root.resolve("check");
        Set<String> before = listing(root);
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.writeCheck(out, claims,
                Fixtures.provenance()));
        assertFalse(Files.exists(out));
        assertEquals(before, listing(root));
    }

    @Test
    void failedPlotLeavesAPreviousReportUntouched() throws IOException {
        Path out = root.resolve("check");
        ReportWriter.writeCheck(out, Fixtures.claims().subList(0, 1), Fixtures.provenance());
        Set<String> before = listing(root);
        byte[] oldJson = Files.readAllBytes(out.resolve("result.json"));

        List<ClaimResult> claims = new ArrayList<>(Fixtures.claims());
        claims.add(brokenClaim());
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.writeCheck(out, claims,
                Fixtures.provenance()));
        assertEquals(before, listing(root));
        assertTrue(java.util.Arrays.equals(oldJson, Files.readAllBytes(out.resolve("result.json"))));
    }

    @Test
    void successfulWriteReplacesAPreviousReport() throws IOException {
        Path out = root.resolve("check");
        ReportWriter.writeCheck(out, Fixtures.claims().subList(0, 1), Fixtures.provenance());
        List<ClaimResult> second = Fixtures.claims().subList(1, 3);
        ReportWriter.writeCheck(out, second, Fixtures.provenance());
        assertFalse(Files.exists(out.resolve("gd-min-norm")));
        assertTrue(Files.isDirectory(out.resolve("sgd-noise")));
        assertEquals(Set.of("check"), Files.list(root).map(p -> p.getFileName().toString())
                .collect(Collectors.toSet()));
    }

    @Test
    void writesIntoAnExistingEmptyDirectory() throws IOException {
        Path out = Files.createDirectories(root.resolve("empty"));
        ReportWriter.writeCheck(out, Fixtures.claims(), Fixtures.provenance());
        assertTrue(Files.isRegularFile(out.resolve("result.json")));
    }

    @Test
    void refusesToReplaceADirectoryThatIsNotAReport() throws IOException {
        Path out = Files.createDirectories(root.resolve("home"));
        Files.writeString(out.resolve("precious.txt"), "data");
        Set<String> before = listing(root);
        assertThrows(IOException.class, () -> ReportWriter.writeCheck(out, Fixtures.claims(),
                Fixtures.provenance()));
        assertEquals(before, listing(root));
    }

    @Test
    void rejectsUnsafeOrDuplicateNamesBeforeWriting() {
        Path out = root.resolve("check");
        ClaimResult c = Fixtures.claims().get(0);
        ClaimResult traversal = new ClaimResult("../evil", c.title(), c.source(), c.verdict(), c.prediction(),
                c.measurement(), c.rule(), null, c.numbers(), c.traces(), c.plots(), c.notes(), c.elapsed());
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.writeCheck(out, List.of(traversal),
                Fixtures.provenance()));
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.writeCheck(out, List.of(c, c),
                Fixtures.provenance()));
        ClaimResult unknownTrace = new ClaimResult("x", null, null, Verdict.HOLDS, null, null, null, null, null,
                List.of(), List.of(PlotSpec.linear("a.png").title("a").trace("nope").x("step").y(List.of("loss"))
                        .build()), null, null);
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.writeCheck(out, List.of(unknownTrace),
                Fixtures.provenance()));
        assertFalse(Files.exists(out));
    }

    @Test
    void nullTextFieldsAreTolerated() throws IOException {
        ClaimResult bare = new ClaimResult("bare", null, null, Verdict.INCONCLUSIVE, null, null, null, null, null,
                null, null, null, null);
        Path out = root.resolve("bare");
        String html = Files.readString(ReportWriter.writeCheck(out, List.of(bare), Fixtures.provenance()));
        assertTrue(html.contains("bare"));
        MiniJson.parse(Files.readString(out.resolve("result.json")));
    }

    @SuppressWarnings("unchecked")
    @Test
    void writesARunReport() throws IOException {
        Trace train = Fixtures.curve("train", 100);
        Trace eval = Fixtures.curve("eval", 10);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("final loss", train.last("loss"));
        summary.put("steps", 99);
        summary.put("optimizer", "sgd <momentum>");
        List<PlotSpec> plots = List.of(
                PlotSpec.semiLogY("loss.png").title("loss").trace("train").x("step").y("loss", "loss").build(),
                PlotSpec.linear("eval.png").title("eval").trace("eval").x("step").y(List.of("angle")).build());
        Path out = root.resolve("run");
        Path index = ReportWriter.writeRun(out, "Run <1>", summary, List.of(train, eval), plots,
                Fixtures.provenance());
        assertEquals(Set.of("", "index.html", "result.json", "train.csv", "eval.csv", "loss.png", "eval.png",
                ReportWriter.MANIFEST), listing(out));
        String html = Files.readString(index);
        assertTrue(html.contains("Run &lt;1&gt;"));
        assertTrue(html.contains("sgd &lt;momentum&gt;"));
        assertTrue(html.contains("<img src=\"loss.png\""));
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(Files.readString(out.resolve("result.json")));
        assertEquals("run", json.get("kind"));
        assertEquals("Run <1>", json.get("title"));
        Map<String, Object> s = (Map<String, Object>) json.get("summary");
        assertEquals(train.last("loss"), ((MiniJson.Num) s.get("final loss")).value());
        assertEquals("eval.csv", ((Map<String, Object>) ((List<Object>) json.get("traces")).get(1)).get("file"));
    }
}
