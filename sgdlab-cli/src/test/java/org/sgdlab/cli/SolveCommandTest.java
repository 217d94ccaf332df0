package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgdlab.oracles.OracleCatalog;
import org.sgdlab.oracles.OracleEntry;

/** `sgdlab solve` and `sgdlab list oracles` driven by the oracle catalog: names, help, and the JSON each problem writes. */
class SolveCommandTest {
    @TempDir
    Path dir;

    @Test
    void listOraclesPrintsEveryCatalogEntry() {
        CliTest.Result r = CliTest.run("list", "oracles");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        List<OracleEntry> problems = ListCommand.solveProblems();
        assertEquals(OracleCatalog.all().size() + 2, problems.size(), "the oracle catalog and the two kernel oracles");
        assertEquals(problems.size(), lines.size(), r.out());
        for (int k = 0; k < lines.size(); k++) {
            OracleEntry e = problems.get(k);
            assertTrue(lines.get(k).startsWith(e.name() + " ") && lines.get(k).contains(e.problem())
                    && lines.get(k).contains("[" + e.source() + "]"), lines.get(k));
        }
        assertTrue(r.out().contains("{intercept=false}") && r.out().contains("{potential=hyperbolic, alpha, p}"), r.out());
        assertTrue(r.out().contains("kernel-regression ") && r.out().contains("kernel-svm "), r.out());
    }

    /** The help text is written by hand: it must name every oracle, and the usage error must list them all. */
    @Test
    void helpAndUsageErrorNameEveryOracle() throws IOException {
        CliTest.Result help = CliTest.run("solve", "--help");
        CliTest.Result unknown = CliTest.run("solve", "simplex", "--data", csv().toString());
        assertEquals(2, unknown.code());
        for (String name : OracleCatalog.names()) {
            assertTrue(help.out().contains("  " + name + " "), name + " missing from the help:\n" + help.out());
            assertTrue(unknown.err().contains(name), unknown.err());
        }
        assertTrue(unknown.err().contains("multiclass-svm, nuclear-norm or min-frobenius"), unknown.err());
    }

    /** The keys and their order in the JSON of each problem, as before the catalog drove the command. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "min-norm --generate regression --n 5 --d 12|problem,status,rank,residual_norm,w,singular_values,provenance",
        "svm --generate separable --n 30 --d 3 --intercept|problem,status,w,b,margin,kkt_residual,support_vectors,iterations,provenance",
        "min-p-norm --p 1.5 --generate regression --n 6 --d 20|problem,p,status,w,norm,duality_gap,primal_residual,iterations,provenance",
        "bregman --alpha 0.01 --generate regression --n 6 --d 20|problem,potential,status,w,kkt_residual,primal_residual,iterations,provenance",
        "logistic-reg --lambda 0.01 --generate separable --n 30 --d 3|problem,lambda,status,w,value,gradient_norm,iterations,provenance",
        "margin --norm l1 --generate separable --n 30 --d 5|problem,norm,status,w,margin,duality_gap,active_constraints,provenance",
        "basis-pursuit --generate regression --n 10 --d 40|problem,status,w,l1_norm,support,duality_gap,relative_residual,provenance",
        "multiclass-svm --data MC|problem,classes,status,w,w_layout,objective,kkt_residual,iterations,provenance",
        "nuclear-norm --data ENTRIES --rows 2 --cols 2|problem,status,rows,cols,observed,w,w_layout,nuclear_norm,dual_value,"
            + "duality_gap,relative_residual,residual,rank,singular_values,lambda,iterations,provenance",
        "min-frobenius --data ENTRIES --rows 2 --cols 2|problem,status,rows,cols,observed,w,w_layout,frobenius_norm,"
            + "relative_residual,independent_measurements,lambda,provenance"})
    void eachProblemWritesItsFieldsInOrder(String args, String keys) throws IOException {
        List<String> argv = new ArrayList<>(List.of("solve"));
        for (String a : args.split(" ")) {
            argv.add(a.equals("MC") ? csv().toString() : a.equals("ENTRIES") ? entries().toString() : a);
        }
        CliTest.Result r = CliTest.run(argv.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(keys.split(",")), topLevelKeys(r.out()), r.out());
        assertTrue(r.out().contains("\"status\": \"OPTIMAL\""), r.out());
        String first = argv.get(1);
        assertTrue(r.out().contains("\"problem\": \"" + (args.contains("--intercept") ? "svm-intercept" : first) + "\""), r.out());
    }

    /**
     * [[2, 1], [3, ?]]: for 2×2 matrices ‖W‖_* = √(‖W‖²_F + 2|det W|), so with x the missing entry the value is
     * √(14 + x² + 2|2x − 3|), which decreases while x &lt; 1.5 = bc/a (below a = 2, the interior minimum) and increases
     * after it: the minimum is the rank-1 completion x = 1.5, W = (1, 1.5)ᵀ(2, 1), ‖W‖_* = ‖W‖_F = √16.25. The file has
     * a comment and a blank line, and gives one entry twice with the same value (kept once).
     */
    private Path entries() throws IOException {
        Path p = dir.resolve("entries.csv");
        Files.writeString(p, "# observed entries of a 2x2 matrix\ni,j,value\n0,0,2\n\n0,1,1\n1,0,3\n0,1,1.0\n");
        return p;
    }

    @Test
    void nuclearNormCompletesARankOneMatrixRoundTrip() throws IOException {
        Path json = dir.resolve("w.json");
        CliTest.Result r = CliTest.run("solve", "nuclear-norm", "--data", entries().toString(), "--rows", "2", "--cols", "2",
                "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(status OPTIMAL)"), r.out());
        String doc = Files.readString(json);
        List<Double> w = numbers(doc, "w"); // W from the rank-1 factors: the observed entries to rounding
        double[] expected = {2, 1, 3, 1.5};
        assertEquals(4, w.size(), doc);
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k], w.get(k), 1e-12, doc);
        }
        assertEquals(Math.sqrt(16.25), numbers(doc, "nuclear_norm").get(0), 1e-12, doc);
        assertEquals(1.0, numbers(doc, "rank").get(0));
        assertEquals(3.0, numbers(doc, "observed").get(0), doc);
        assertTrue(Math.abs(numbers(doc, "duality_gap").get(0)) <= 1e-8, doc);
        assertTrue(numbers(doc, "residual").get(0) <= 1e-8, doc);
        assertTrue(doc.contains("\"status\": \"OPTIMAL\"") && doc.contains("\"rows\": \"2\""), doc);

        Path csv = dir.resolve("W.csv");
        CliTest.Result c = CliTest.run("solve", "nuclear-norm", "--data", entries().toString(), "--rows", "2", "--cols", "2",
                "--out", csv.toString());
        assertEquals(0, c.code(), c.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(2, lines.size(), lines.toString());
        for (int k = 0; k < 4; k++) {
            assertEquals(w.get(k), parse(lines.get(k / 2)).get(k % 2), 0.0, "the CSV holds the JSON's bits");
        }

        // the minimum-Frobenius interpolant of the same entries: zeros where nothing is observed
        CliTest.Result f = CliTest.run("solve", "min-frobenius", "--data", entries().toString(), "--rows", "2", "--cols", "2");
        assertEquals(0, f.code(), f.err());
        assertEquals(List.of(2.0, 1.0, 3.0, 0.0), numbers(f.out(), "w"), f.out());
        assertEquals(Math.sqrt(14), numbers(f.out(), "frobenius_norm").get(0), 1e-15);
    }

    /** Columns named j, i are read by name; sensing reads vec(Aₖ) rows: w₁ + w₂ = 2 has the minimum (1, 1), norm √2. */
    @Test
    void columnsByNameAndSensingRows() throws IOException {
        Path swapped = dir.resolve("ji.csv");
        Files.writeString(swapped, "j,i,value\n0,0,2\n1,0,1\n0,1,3\n");
        CliTest.Result r = CliTest.run("solve", "min-frobenius", "--data", swapped.toString(), "--rows", "2", "--cols", "2");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(2.0, 1.0, 3.0, 0.0), numbers(r.out(), "w"), r.out());
        Path rows = dir.resolve("sensing.csv");
        Files.writeString(rows, "a00,a01,b\n1,1,2\n");
        CliTest.Result s = CliTest.run("solve", "nuclear-norm", "--data", rows.toString(), "--rows", "1", "--cols", "2",
                "--sensing");
        assertEquals(0, s.code(), s.err());
        List<Double> w = numbers(s.out(), "w");
        assertEquals(1.0, w.get(0), 1e-12);
        assertEquals(1.0, w.get(1), 1e-12);
        assertEquals(Math.sqrt(2), numbers(s.out(), "nuclear_norm").get(0), 1e-12);
        assertTrue(s.out().contains("\"sensing\": \"true\""), s.out());
        // the same measurement twice with different values: no solution, exit 2 with the certificate
        Files.writeString(rows, "a00,a01,b\n1,1,2\n1,1,3\n");
        CliTest.Result bad = CliTest.run("solve", "nuclear-norm", "--data", rows.toString(), "--rows", "1", "--cols", "2",
                "--sensing");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("sensing.csv") && bad.err().contains("Fredholm certificate"), bad.err());
    }

    /** Bad input: exit 2, a message naming the file, the line, the entry and the value, and no output file. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "i,j,value;0,0,2;# note;0,1,1;;0,0,2.5|--rows 2 --cols 2|line 6: entry 2 (i = 0, j = 0, value = 2.5) repeats entry 0 "
            + "(i = 0, j = 0) with a different value 2.0 (entry 0 is on line 2)",
        "i,j,value;0,0,2;2,1,1|--rows 2 --cols 2|line 3: entry 1 (i = 2, j = 1, value = 1.0): row index 2 is out of range [0, 2)",
        "i,j,value;0,-1,2|--rows 2 --cols 2|line 2: entry 0 (i = 0, j = -1, value = 2.0): column index -1 is out of range [0, 2)",
        "i,j,value;0,0,2;0.5,1,1|--rows 2 --cols 2|line 3: entry 1 (i = 0.5, j = 1.0, value = 1.0): row index 0.5 is not an integer",
        "i,j,value;0,0,nan|--rows 2 --cols 2|line 2, column \"value\": cell is NaN or infinite: \"nan\"",
        "i,j,value;0,0|--rows 2 --cols 2|line 2: expected 3 columns, found 2",
        "i,value;0,2|--rows 2 --cols 2|header: expected the three columns i, j, value (0-based row index, column index, "
            + "observed value), found 2: i and the value column",
        "i,j,value;0,0,2|--cols 2|nuclear-norm needs --rows (the rows of the matrix W)",
        "i,j,value;0,0,2|--rows 2 --cols 0|--cols must be an integer >= 1, got 0",
        "i,j,value;0,0,2|--rows -3 --cols 2|--rows must be an integer >= 1, got -3",
        "i,j,value;0,0,2|--rows 2 --cols 2 --sensing|header: --sensing reads each measurement matrix vec(A) as R·C = 4 columns "
            + "(row-major) besides the value column, found 2"})
    void badEntriesAreRejectedNamingFileLineEntryAndValue(String lines, String options, String message) throws IOException {
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, String.join("\n", lines.split(";", -1)) + "\n");
        Path out = dir.resolve("never.json");
        List<String> argv = new ArrayList<>(List.of("solve", "nuclear-norm", "--data", data.toString(), "--out", out.toString()));
        argv.addAll(List.of(options.split(" ")));
        CliTest.Result r = CliTest.run(argv.toArray(new String[0]));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(message), "expected \"" + message + "\" in:\n" + r.err());
        if (!message.startsWith("--") && !message.startsWith("nuclear-norm needs")) {
            assertTrue(r.err().contains("bad.csv: "), r.err());
        }
        assertFalse(Files.exists(out), "no output on error");
        assertEquals("", r.out());
    }

    /** The numbers of the JSON value of {@code key} (a number or an array of numbers; a quoted number also counts). */
    private static List<Double> numbers(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\\[[^\\]]*\\]|\"?[-0-9.eE+]+\"?)").matcher(json);
        assertTrue(m.find(), key + " missing from " + json);
        List<Double> out = new ArrayList<>();
        for (String t : m.group(1).replaceAll("[\\[\\]\"\\s]", "").split(",")) {
            out.add(Double.parseDouble(t));
        }
        return out;
    }

    private static List<Double> parse(String csvLine) {
        List<Double> out = new ArrayList<>();
        for (String t : csvLine.split(",")) {
            out.add(Double.parseDouble(t));
        }
        return out;
    }

    private Path csv() throws IOException {
        Path p = dir.resolve("mc.csv");
        Files.writeString(p, "x1,x2,y\n2,0,0\n0,2,1\n-2,-2,2\n3,0,0\n");
        return p;
    }

    /** The keys at indentation level one of the pretty-printed JSON object, in order. */
    private static List<String> topLevelKeys(String json) {
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  \"([a-z0-9_]+)\":").matcher(json);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
