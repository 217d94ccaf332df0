package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: data files through the CLI. A table whose first line is numbers keeps that row (the choice is
 * said on stderr, --header/--no-header override it), and a file that cannot be read is one line naming
 * it with exit 2, never a stack trace.
 */
class DataFileCliTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertCleanError(CliTest.Result r, String... fragments) {
        assertEquals(2, r.code(), r.err() + r.console());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("sgdlab: error: "), err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "lacks \"" + f + "\": " + err);
        }
        assertFalse((r.err() + r.console()).contains("Exception"), r.err() + r.console());
        assertFalse((r.err() + r.console()).contains("\tat "), "no stack trace: " + r.console());
    }

    @Test
    void aWideNumericCsvKeepsItsFirstRow() throws IOException {
        // issue 12: 300 × 1001 numbers gave rank 299 from `solve min-norm` (the first row was taken for a header)
        Random rnd = new Random(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 1001; j++) {
                sb.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17g", rnd.nextGaussian()));
            }
            sb.append('\n');
        }
        Path csv = write("wide.csv", sb.toString());
        Path out = dir.resolve("w.json");
        CliTest.Result r = CliTest.run("solve", "min-norm", "--data", csv.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(csv + ": first line is numeric, read as data (no header); 1001 columns x0..x1000, "
                + "label = x1000 (the last column); --header to override"), r.err());
        Matcher m = Pattern.compile("\"rank\"\\s*:\\s*(\\d+)").matcher(Files.readString(out));
        assertTrue(m.find(), "rank in the result");
        assertEquals(300, Integer.parseInt(m.group(1)));
    }

    @Test
    void headerFlagsOverrideTheRule() throws IOException {
        Path nums = write("nums.csv", "1,2,3\n4,5,6\n7,8,10\n");
        Path out = dir.resolve("a.json");
        CliTest.Result asHeader = CliTest.run("solve", "min-norm", "--data", nums.toString(), "--header", "--label", "3",
                "--out", out.toString());
        assertEquals(0, asHeader.code(), asHeader.err());
        assertFalse(asHeader.err().contains("first line"), "nothing was guessed: " + asHeader.err());
        Path named = write("named.csv", "a,b,y\n1,2,3\n");
        assertCleanError(CliTest.run("solve", "min-norm", "--data", named.toString(), "--no-header", "--out", out.toString()),
                named + ": line 1, column \"x0\"", "\"a\"");
        CliTest.Result detected = CliTest.run("solve", "min-norm", "--data", named.toString(), "--out", out.toString());
        assertEquals(0, detected.code(), detected.err());
        assertTrue(detected.err().contains("read as the header (\"a\" is not a number); 3 columns, label = \"y\" (the last column); "
                + "--no-header to override"), detected.err());
        assertCleanError(CliTest.run("solve", "min-norm", "--generate", "regression", "--header"), "--header", "--data FILE");
    }

    @Test
    void unusableFilesAreOneLineAndExitTwo() throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertCleanError(CliTest.run("train", "--data", missing.toString(), "--steps", "1", "--out", dir.resolve("t").toString()),
                missing + ": cannot open: no such file");
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        assertCleanError(CliTest.run("train", "--data", folder.toString(), "--steps", "1", "--out", dir.resolve("t").toString()),
                folder + ": cannot open: is a directory");
        Path xNpy = dir.resolve("b.npy");
        org.sgdlab.data.NpyWriter.write(xNpy, new org.sgdlab.linalg.Matrix(2, 2, new double[] {1, 2, 3, 4}));
        assertCleanError(CliTest.run("solve", "min-norm", "--data", xNpy.toString()), dir.resolve("b_y.npy") + ": cannot open: no such file",
                "the targets of " + xNpy);
        assertCleanError(CliTest.run("train", "--data", xNpy.toString(), "--mmap", "--steps", "1", "--out", dir.resolve("t").toString()),
                dir.resolve("b_y.npy") + ": cannot open: no such file");
        assertFalse(Files.exists(dir.resolve("t")), "no partial output");
    }
}
