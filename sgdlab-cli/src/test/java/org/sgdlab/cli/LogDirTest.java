package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.tblog.EventReader;
import org.sgdlab.tblog.RunLog;

/**
 * {@code --log-dir} of train and check: the TensorBoard run read back with sgdlab's reader holds every value of the
 * report's trace.csv at its step (as float32), every plot, the provenance and the hyperparameters; a bad folder is a
 * usage error; without the option the protobuf runtime is not even loaded.
 */
class LogDirTest {
    @TempDir
    Path dir;

    /** trace.csv's rows (header first), parsed. */
    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(line.split(","));
        }
        return rows;
    }

    /** Every column of {@code traceCsv} but step is in {@code run} under {@code prefix + column}: same steps, float32 values. */
    private static void assertMatchesCsv(Path traceCsv, EventReader.Run run, String prefix) throws IOException {
        List<String[]> rows = csv(traceCsv);
        String[] header = rows.get(0);
        assertEquals("step", header[0]);
        for (int k = 1; k < header.length; k++) {
            List<EventReader.Scalar> points = run.scalars().get(prefix + header[k]);
            assertEquals(rows.size() - 1, points.size(), header[k]);
            for (int i = 1; i < rows.size(); i++) {
                assertEquals(Long.parseLong(rows.get(i)[0]), points.get(i - 1).step(), header[k] + " row " + i);
                assertEquals(Float.floatToIntBits((float) Double.parseDouble(rows.get(i)[k])),
                        Float.floatToIntBits(points.get(i - 1).value()), header[k] + " row " + i);
            }
        }
    }

    @Test
    void trainWritesTheRunForTensorBoard() throws IOException {
        Path out = dir.resolve("out");
        Path logs = dir.resolve("logs/run1");
        CliTest.Result r = CliTest.run("train", "--generate", "separable", "--loss", "logistic", "--optimizer", "sgd",
                "-H", "momentum=0.9", "--lr", "0.05", "--steps", "300", "--seed", "3", "--out", out.toString(),
                "--log-dir", logs.toString());
        assertEquals(0, r.code(), r.err());
        EventReader.Run run = EventReader.read(logs);
        assertMatchesCsv(out.resolve("trace.csv"), run, "");
        List<String> pngs;
        try (var s = Files.list(out)) {
            pngs = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
        assertFalse(pngs.isEmpty());
        for (String png : pngs) {
            String tag = RunLog.PLOTS_PREFIX + png.substring(0, png.length() - 4);
            assertEquals(1, run.images().get(tag).size(), tag);
            assertEquals(300L, run.images().get(tag).get(0).step(), tag);
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(out.resolve(png)), run.images().get(tag).get(0).png()), tag);
        }
        String provenance = run.texts().get(RunLog.PROVENANCE_TAG).get(0).markdown();
        assertTrue(provenance.contains("| seed | 3 |"), provenance);
        assertEquals("sgd", run.hparams().get("optimizer"));
        assertEquals(0.9, run.hparams().get("momentum"));
        assertEquals(0.05, run.hparams().get("learning_rate"));
        assertEquals(300.0, run.hparams().get("steps"));
        assertEquals(3.0, run.hparams().get("seed"));
        assertEquals("with-replacement", run.hparams().get("sampler"));
        assertEquals(1, run.endStatus());
    }

    @Test
    void trainOfANetworkWritesItsRunToo() throws IOException {
        Path out = dir.resolve("net");
        Path logs = dir.resolve("net-logs");
        CliTest.Result r = CliTest.run("train", "--generate", "separable", "--loss", "logistic", "--model", "mlp:4",
                "--lr", "0.05", "--steps", "50", "--out", out.toString(), "--log-dir", logs.toString());
        assertEquals(0, r.code(), r.err());
        EventReader.Run run = EventReader.read(logs);
        assertMatchesCsv(out.resolve("trace.csv"), run, "");
        assertEquals("mlp:4", run.hparams().get("model"));
    }

    @Test
    void checkWritesOneRunPerClaim() throws IOException {
        Path out = dir.resolve("check");
        Path logs = dir.resolve("check-logs");
        CliTest.Result r = CliTest.run("check", "min-norm.gd", "--quick", "--jobs", "1", "--out", out.toString(),
                "--log-dir", logs.toString());
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        EventReader.Run run = EventReader.read(logs.resolve("min-norm.gd"));
        List<Path> traces;
        try (var s = Files.list(out.resolve("min-norm.gd"))) {
            traces = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertFalse(traces.isEmpty());
        for (Path t : traces) {
            String name = t.getFileName().toString();
            assertMatchesCsv(t, run, name.substring(0, name.length() - 4) + "/");
        }
        String claim = run.texts().get(RunLog.CLAIM_TAG).get(0).markdown();
        assertTrue(claim.startsWith("**HOLDS**") || claim.startsWith("**FAILS**") || claim.startsWith("**INCONCLUSIVE**"), claim);
        assertEquals("min-norm.gd", run.hparams().get("claim"));
        assertEquals("quick", run.hparams().get("budget"));
    }

    /**
     * {@code sweep --log-dir}: the experiment at the root lists every swept value, one session per configuration holds its
     * values, seed and step size, repeats over seeds share a session group, and each run's last logged value of every probe
     * is sweep.csv's value at T (as float32); a second sweep into the same folder is refused.
     */
    @Test
    void aSweepWritesItsExperimentAndOneRunPerConfiguration() throws IOException {
        Path spec = Files.writeString(dir.resolve("sweep.yaml"), String.join("\n",
                "name: lr-sweep",
                "train:",
                "  generate: regression",
                "  n: 20",
                "  d: 50",
                "  loss: squared",
                "  optimizer: gd",
                "steps: {quick: 200, full: 400}",
                "reference: min-norm",
                "seeds: [1, 2]",
                "sweep:",
                "  lr: [0.001, 0.002]",
                ""), StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        Path logs = dir.resolve("sweep-logs");
        CliTest.Result r = CliTest.run("sweep", spec.toString(), "--quick", "--out", out.toString(), "--log-dir",
                logs.toString());
        assertEquals(0, r.code(), r.err());
        EventReader.Run root = EventReader.read(logs);
        assertEquals(List.of(0.001, 0.002), root.experiment().hparams().get("lr"));
        assertEquals(List.of(1.0, 2.0), root.experiment().hparams().get("seed"));
        List<String[]> table = csv(out.resolve("sweep.csv"));
        List<String> header = List.of(table.get(0));
        assertEquals(4, table.size() - 1, "four runs");
        List<String> metrics = root.experiment().metricTags();
        assertFalse(metrics.isEmpty());
        java.util.Set<String> groups = new java.util.HashSet<>();
        for (String[] row : table.subList(1, table.size())) {
            EventReader.Run run = EventReader.read(logs.resolve("run" + row[0]));
            assertEquals(Double.parseDouble(row[header.indexOf("lr")]), run.hparams().get("lr"));
            assertEquals(Double.parseDouble(row[header.indexOf("seed")]), run.hparams().get("seed"));
            groups.add(run.groupName());
            for (String m : metrics) {
                List<EventReader.Scalar> points = run.scalars().get(m);
                assertEquals(200L, points.get(points.size() - 1).step(), m);
                assertEquals(Float.floatToIntBits((float) Double.parseDouble(row[header.indexOf(m + "_at_T")])),
                        Float.floatToIntBits(points.get(points.size() - 1).value()), m + " at T, run " + row[0]);
            }
        }
        assertEquals(2, groups.size(), "one session group per step size, the two seeds repeating it: " + groups);
        CliTest.Result again = CliTest.run("sweep", spec.toString(), "--quick", "--out", dir.resolve("out2").toString(),
                "--log-dir", logs.toString());
        assertEquals(2, again.code(), again.out());
        assertTrue(again.err().contains("already holds TensorBoard event files"), again.err());
        assertFalse(Files.exists(dir.resolve("out2")), "refused before the runs");
    }

    @Test
    void anUnusableLogDirIsAUsageErrorBeforeTheRun() throws IOException {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        Path out = dir.resolve("never");
        CliTest.Result r = CliTest.run("train", "--generate", "separable", "--steps", "10", "--out", out.toString(),
                "--log-dir", file.resolve("logs").toString());
        assertEquals(Main.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--log-dir " + file.resolve("logs")) && r.err().contains("is not a folder"), r.err());
        assertFalse(Files.exists(out), "nothing is run or written");
        CliTest.Result c = CliTest.run("check", "min-norm.gd", "--quick", "--out", dir.resolve("c").toString(),
                "--log-dir", file.toString());
        assertEquals(Main.EXIT_USAGE, c.code());
        assertTrue(c.err().contains("--log-dir"), c.err());
    }

    /** A JVM of its own, so that the classes it loads are its own: protobuf only with --log-dir. */
    private Process train(boolean withLogDir, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--generate", "separable", "--steps", "20", "--out", dir.resolve(log.getFileName()
                        + "-out").toString()));
        if (withLogDir) {
            cmd.addAll(List.of("--log-dir", dir.resolve(log.getFileName() + "-tb").toString()));
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(log.getFileName() + ".out").toFile())
                .start();
    }

    @Test
    void protobufLoadsOnlyWithLogDir() throws IOException, InterruptedException {
        Path without = dir.resolve("without.log");
        Path with = dir.resolve("with.log");
        Process a = train(false, without);
        Process b = train(true, with);
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS), "train timed out");
        assertEquals(0, a.exitValue(), Files.readString(dir.resolve("without.log.out")));
        assertEquals(0, b.exitValue(), Files.readString(dir.resolve("with.log.out")));
        String loadedWithout = Files.readString(without, StandardCharsets.UTF_8);
        String loadedWith = Files.readString(with, StandardCharsets.UTF_8);
        assertTrue(loadedWith.contains("com.google.protobuf.DynamicMessage"), "the check sees protobuf when it is used");
        assertFalse(loadedWithout.contains("com.google.protobuf."), "protobuf classes loaded without --log-dir");
        assertFalse(loadedWithout.contains("org.sgdlab.tblog."), "sgdlab-tblog classes loaded without --log-dir");
    }
}
