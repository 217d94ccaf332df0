package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.SourceStatement;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;

/**
 * `sgdlab check --resume`: claims whose results an earlier check saved (same claim, budget, seed, build) are skipped,
 * the rest run, and the report is the same as an uninterrupted check's but for the timings.
 */
class CheckResumeTest {
    @TempDir
    Path dir;

    private static final String[] CLAIMS = {"gd.descent-lemma", "min-norm.gd"};

    private CliTest.Result check(Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("check", "--quick", "--out", out.toString()));
        a.addAll(List.of(extra));
        a.addAll(List.of(CLAIMS));
        return CliTest.run(a.toArray(new String[0]));
    }

    /** Every file of a report, with the lines that carry timings (wall time, start, elapsed) removed from the text ones. */
    private static Map<String, String> withoutTimings(Path report) throws Exception {
        try (Stream<Path> files = Files.walk(report)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(p -> report.relativize(p).toString(), p -> {
                try {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".png")) {
                        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(p)));
                    }
                    return Files.readString(p).lines()
                            .filter(l -> !l.contains("elapsed") && !l.contains("started") && !l.contains("wall"))
                            .collect(Collectors.joining("\n"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }

    @Test
    void resumeRunsOnlyTheClaimWhoseResultIsMissingAndWritesTheSameReport() throws Exception {
        Path out = dir.resolve("c");
        CliTest.Result first = check(out);
        assertEquals(0, first.code(), first.console());
        Map<String, String> whole = withoutTimings(out);
        ClaimResultStore store = new ClaimResultStore(out, Budget.QUICK, 1);
        for (String id : CLAIMS) {
            assertTrue(Files.isRegularFile(store.file(id)), "no saved result for " + id);
        }

        Files.delete(store.file("min-norm.gd"));
        CliTest.Result resumed = check(out, "--resume");
        assertEquals(0, resumed.code(), resumed.console());
        assertTrue(resumed.console().contains("gd.descent-lemma") && resumed.console().contains("saved result, skipped"),
                resumed.console());
        assertEquals(1, resumed.console().lines().filter(l -> l.contains("saved result, skipped")).count(), resumed.console());
        assertFalse(resumed.console().lines().anyMatch(l -> l.contains("min-norm.gd") && l.contains("skipped")), resumed.console());
        assertTrue(Files.isRegularFile(store.file("min-norm.gd")), "the rerun claim's result is saved again");
        assertEquals(whole, withoutTimings(out), "the resumed check's report differs from the uninterrupted one's");

        // another seed is another configuration: nothing is reused, and the console says why
        CliTest.Result otherSeed = check(out, "--resume", "--seed", "2");
        assertEquals(0, otherSeed.code(), otherSeed.console());
        assertFalse(otherSeed.console().contains("skipped"), otherSeed.console());
        assertTrue(otherSeed.console().contains("runs again: its saved result is of another budget, seed or sgdlab build"),
                otherSeed.console());
    }

    @Test
    void aClaimResultSurvivesTheStoreBitForBit() throws Exception {
        Trace t = new Trace("run", List.of("loss", "angle"));
        t.add(new double[] {0, 1.5, Double.NaN});
        t.add(new double[] {10, 0x1.0000000000001p-3, -0.0});
        ClaimResult r = new ClaimResult("x.y", "title", "source 001", Verdict.INCONCLUSIVE, "p", "m", "rule",
                new SourceStatement("said", null, "why"), new java.util.LinkedHashMap<>(Map.of("a", 1e-300)), List.of(t),
                List.of(PlotSpec.logLog("a.png").title("t").trace("run").x("step", "t").y(List.of("loss", "angle"), "v").build()),
                List.of("note 1", "note ü"), Duration.ofNanos(123456789));
        ClaimResultStore store = new ClaimResultStore(dir.resolve("o"), Budget.FULL, 7);
        store.save(r);
        ClaimResult back = store.previous("x.y", new StringBuilder());
        assertEquals(r.id(), back.id());
        assertEquals(org.sgdlab.report.Json.toMap(r), org.sgdlab.report.Json.toMap(back));
        assertEquals(r.plots(), back.plots());
        assertEquals(r.sourceStatement(), back.sourceStatement());
        assertEquals(r.elapsed(), back.elapsed());
        assertTrue(r.traces().get(0).sameValues(back.traces().get(0)));
        assertEquals(r.traces().get(0).name(), back.traces().get(0).name());
        assertArrayEquals(r.traces().get(0).row(1), back.traces().get(0).row(1), 0.0);
        // every component of the record comes back equal (traces, which have no equals, compared above)
        for (java.lang.reflect.RecordComponent c : ClaimResult.class.getRecordComponents()) {
            if (!c.getName().equals("traces")) {
                assertEquals(c.getAccessor().invoke(r), c.getAccessor().invoke(back), c.getName());
            }
        }
    }
}
