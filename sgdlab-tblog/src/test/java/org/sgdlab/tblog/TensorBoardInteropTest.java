package org.sgdlab.tblog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.probe.Trace;

/**
 * The runs of {@link SampleRuns} read by TensorBoard itself: {@code tools/tensorboard/read_events.py} loads each run
 * folder with {@code tensorboard.backend.event_processing.event_accumulator.EventAccumulator} and TensorBoard's own
 * {@code plugin_data_pb2}; every scalar's step and float32 bits, every image, text and hparams record must match.
 *
 * <p>Needs a Python virtual environment with the {@code tensorboard} package: {@code $SGDLAB_TB_VENV}, else
 * {@code /tmp/tbvenv} ({@code .ci/run} creates it: {@code python3 -m venv /tmp/tbvenv && /tmp/tbvenv/bin/pip install
 * tensorboard}); skipped, saying so, without one.
 */
class TensorBoardInteropTest {
    @TempDir
    static Path tmp;

    static Path python;
    static Path script;
    /** Why the tests are skipped (no virtual environment, or no tensorboard in it), or null. */
    static String skipReason;

    @BeforeAll
    static void findTensorBoard() throws IOException, InterruptedException {
        String venv = System.getenv().getOrDefault("SGDLAB_TB_VENV", "/tmp/tbvenv");
        python = Path.of(venv, "bin", "python");
        if (!Files.isExecutable(python)) {
            skipReason = "no Python virtual environment at " + venv + " (set SGDLAB_TB_VENV, or: python3 -m venv /tmp/tbvenv "
                    + "&& /tmp/tbvenv/bin/pip install tensorboard): TensorBoard interop not checked";
            return;
        }
        Process p = new ProcessBuilder(python.toString(), "-c", "import tensorboard").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            skipReason = venv + " has no tensorboard package (" + python + " -m pip install tensorboard): TensorBoard "
                    + "interop not checked";
            return;
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("tools/tensorboard/read_events.py"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "tools/tensorboard/read_events.py not found above " + Path.of("").toAbsolutePath());
        script = dir.resolve("tools/tensorboard/read_events.py");
        SampleRuns.write(tmp);
    }

    @BeforeEach
    void requireTensorBoard() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    /** TensorBoard's reading of {@code runDir}, one tab-separated item a line. */
    static List<String[]> tensorBoardReads(Path runDir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python.toString(), script.toString(), runDir.toString()).start();
        byte[] err = p.getErrorStream().readAllBytes();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "read_events.py timed out");
        assertEquals(0, p.exitValue(), "read_events.py failed: " + new String(err, StandardCharsets.UTF_8));
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private static List<String[]> kind(List<String[]> rows, String kind) {
        return rows.stream().filter(r -> r[0].equals(kind)).toList();
    }

    /** Every (tag, step, float32 bits) of {@code trace}'s probes, in TensorBoard's order (by tag as listed, then by step). */
    private static void assertScalars(Trace trace, List<String[]> rows) {
        List<String[]> scalars = kind(rows, "scalar");
        List<String> cols = trace.columns();
        assertEquals((cols.size() - 1) * trace.size(), scalars.size());
        for (int k = 1; k < cols.size(); k++) {
            String tag = cols.get(k);
            List<String[]> mine = scalars.stream().filter(r -> r[1].equals(tag)).toList();
            assertEquals(trace.size(), mine.size(), tag);
            for (int i = 0; i < trace.size(); i++) {
                double[] row = trace.row(i);
                assertEquals((long) row[0], Long.parseLong(mine.get(i)[2]), tag + " row " + i);
                assertEquals(Float.floatToRawIntBits((float) row[k]), Integer.parseUnsignedInt(mine.get(i)[3]),
                        tag + " row " + i + ": " + row[k] + " vs bits " + mine.get(i)[3]);
            }
        }
    }

    /**
     * How TensorBoard's data loading (plugin_event_accumulator) classifies each tag: every scalar tag as the scalars
     * plugin's (data class 1 scalar), every image tag as the images plugin's (3 blob sequence), text and hparams tags as
     * theirs (2 tensor), and no tag twice.
     */
    private static void assertSeries(List<String[]> rows) {
        java.util.Map<String, String> series = new java.util.TreeMap<>();
        for (String[] r : kind(rows, "series")) {
            assertEquals(null, series.put(r[1], r[2] + ":" + r[3]), "tag " + r[1] + " twice");
        }
        java.util.Map<String, String> expected = new java.util.TreeMap<>();
        kind(rows, "scalar").forEach(r -> expected.put(r[1], "scalars:1"));
        kind(rows, "image").forEach(r -> expected.put(r[1], "images:3"));
        kind(rows, "text").forEach(r -> expected.put(r[1], "text:2"));
        if (!kind(rows, "group").isEmpty()) {
            expected.put(EventWriter.SESSION_START_TAG, "hparams:2");
        }
        if (!kind(rows, "status").isEmpty()) {
            expected.put(EventWriter.SESSION_END_TAG, "hparams:2");
        }
        if (!kind(rows, "experiment").isEmpty()) {
            expected.put(EventWriter.EXPERIMENT_TAG, "hparams:2");
        }
        assertEquals(expected, series);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void tensorBoardReadsTheTrainingRun() throws IOException, InterruptedException {
        List<String[]> rows = tensorBoardReads(tmp.resolve("train"));
        assertScalars(SampleRuns.trace(1.0), rows);
        assertSeries(rows);
        List<String[]> images = kind(rows, "image");
        assertEquals(2, images.size());
        for (String[] im : images) {
            byte[] png = Files.readAllBytes(tmp.resolve("report").resolve(im[1].substring(RunLog.PLOTS_PREFIX.length()) + ".png"));
            EventWriter.PngHeader h = EventWriter.PngHeader.of(png);
            assertEquals(List.of(Long.toString(1L << 40), Integer.toString(h.width()), Integer.toString(h.height()), sha256(png)),
                    List.of(im[2], im[3], im[4], im[5]), im[1]);
        }
        List<String[]> texts = kind(rows, "text");
        assertEquals(1, texts.size());
        assertEquals(RunLog.PROVENANCE_TAG, texts.get(0)[1]);
        assertEquals(sha256(RunLog.provenanceMarkdown(SampleRuns.provenance(1)).getBytes(StandardCharsets.UTF_8)), texts.get(0)[3]);
        // the session's values as TensorBoard's generated HParamsPluginData parses them (numbers compared as doubles)
        java.util.Map<String, Object> hparams = new java.util.TreeMap<>();
        for (String[] r : kind(rows, "hparam")) {
            hparams.put(r[1], switch (r[2]) {
                case "number_value" -> (Object) Double.parseDouble(r[3]);
                case "bool_value" -> (Object) Boolean.parseBoolean(r[3].toLowerCase(java.util.Locale.ROOT));
                default -> (Object) (r[2] + ":" + r[3]);
            });
        }
        assertEquals(java.util.Map.of("intercept", false, "learning_rate", 0.1, "optimizer", "string_value:sgd",
                "steps", (double) (1L << 40)), hparams);
        assertEquals(List.of("1"), kind(rows, "status").stream().map(r -> r[1]).toList());
    }

    @Test
    void tensorBoardReadsTheSweepsExperimentAndSessions() throws IOException, InterruptedException {
        Path sweep = tmp.resolve("sweep");
        List<String[]> root = tensorBoardReads(sweep);
        List<String[]> exp = kind(root, "experiment");
        assertEquals(1, exp.size());
        assertSeries(root);
        assertEquals(List.of("test sweep", "learning_rate,optimizer,intercept,steps", "loss,grad_norm"),
                List.of(exp.get(0)[1], exp.get(0)[2], exp.get(0)[3]));
        for (int k = 0; k < 2; k++) {
            List<String[]> rows = tensorBoardReads(sweep.resolve("run-" + k));
            assertScalars(SampleRuns.trace(k + 2.0), rows);
            assertSeries(rows);
            assertEquals(List.of("group-" + k), kind(rows, "group").stream().map(r -> r[1]).toList());
            assertEquals(List.of("1"), kind(rows, "status").stream().map(r -> r[1]).toList());
        }
    }
}
