package org.sgdlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.cli.Main;
import picocli.CommandLine;

/**
 * {@code ./sgdlab spark train}: its report is {@code sgdlab train}'s (result.json with w and the provenance, the trace,
 * plots), its w the same bits as {@code sgdlab train}'s on the same CSV, and bad options are one error line and exit 2
 * before Spark starts, with nothing written.
 */
class SparkTrainCommandTest {
    @TempDir
    Path dir;

    private static final Path CSV = Path.of("..", "docs", "specs", "noisy-regression.csv").toAbsolutePath().normalize();
    private static final String[] OPTIONS = {"--data", CSV.toString(), "--label", "y", "--loss", "squared", "--lr", "0.05",
        "--steps", "40", "--seed", "3"};

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(OPTIONS, OPTIONS.length + more.length);
        System.arraycopy(more, 0, all, OPTIONS.length, more.length);
        return all;
    }

    /** {@code train} followed by the options and {@code more}: arguments of {@code sgdlab spark}. */
    private static String[] train(String... more) {
        String[] args = with(more);
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static String weights(Path report) throws IOException {
        Matcher m = Pattern.compile("\"w\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(Files.readString(report.resolve("result.json")));
        assertTrue(m.find(), "result.json of " + report + " has w");
        return m.group(1).replaceAll("\\s+", "");
    }

    @Test
    void theReportIsTrainsWithTheSameWeightsAndItsProvenance() throws Exception {
        Path spark = dir.resolve("spark");
        Path local = dir.resolve("local");
        SparkMain.Train train = new SparkMain.Train();
        new CommandLine(train).parseArgs(with("--out", spark.toString()));
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (PrintStream capture = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            assertEquals(0, train.train(SparkTestSession.get()));
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(new StringWriter()));
            cl.setErr(new PrintWriter(new StringWriter()));
            assertEquals(0, cl.execute(train("--optimizer", "gd", "--out", local.toString())));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertEquals(weights(local), weights(spark), "w after 40 full-batch GD steps, sgdlab train vs sgdlab spark train");
        String json = Files.readString(spark.resolve("result.json"));
        for (String key : new String[] {"\"provenance\"", "\"seed\"", "\"version\"", "\"jvm\"", "\"master\"", "\"final_loss\""}) {
            assertTrue(json.contains(key), key + " in result.json");
        }
        for (String file : new String[] {"trace.csv", "loss.png", "norm.png", "index.html"}) {
            assertTrue(Files.isRegularFile(spark.resolve(file)), file);
        }
    }

    @Test
    void aBadOptionIsOneErrorLineAndExitTwoBeforeSparkStartsWithNothingWritten() throws IOException {
        Path out = dir.resolve("never");
        StringWriter err = new StringWriter();
        CommandLine cl = Main.withErrorHandling(new CommandLine(new SparkMain()));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute(train("--reduction", "avg", "--out", out.toString())));
        assertEquals("sgdlab: error: --reduction must be sum or mean, got \"avg\"", err.toString().strip());
        assertFalse(Files.exists(out), "nothing written");

        StringWriter err3 = new StringWriter();
        cl.setErr(new PrintWriter(err3, true));
        assertEquals(2, cl.execute(train("--optimizer", "adamm", "--out", out.toString())));
        assertTrue(err3.toString().startsWith("sgdlab: error: ") && err3.toString().contains("adamm"), err3.toString());
        assertFalse(Files.exists(out), "nothing written");

        Path notAReport = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(notAReport.resolve("notes.txt"), "keep me");
        StringWriter err2 = new StringWriter();
        cl.setErr(new PrintWriter(err2, true));
        assertEquals(2, cl.execute(train("--out", notAReport.toString())));
        assertTrue(err2.toString().startsWith("sgdlab: error: "), err2.toString());
        assertTrue(err2.toString().contains("notes.txt"), err2.toString());
        assertEquals("keep me", Files.readString(notAReport.resolve("notes.txt")));
    }
}
