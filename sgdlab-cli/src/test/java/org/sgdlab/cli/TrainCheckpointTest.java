package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.train.checkpoint.CheckpointFile;

/**
 * `sgdlab train --checkpoint-every N` and `--resume DIR`: a child JVM killed with SIGKILL after its first checkpoint and
 * resumed ends with the same bits (parameters and trace) as an uninterrupted run; bad resumptions are refused with exit
 * 2 and a message naming the mismatch.
 */
class TrainCheckpointTest {
    @TempDir
    Path dir;

    /**
     * A stochastic run (Adam, batches drawn with replacement: optimizer and random state both matter), ~1 s of steps, on
     * data read from a CSV file.
     */
    private List<String> run(Path csv, String out, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--data", csv.toString(), "--loss", "logistic", "--optimizer", "adam",
                "--lr", "0.01", "--sampler", "with-replacement", "--batch", "200", "--steps", "30000", "--out",
                dir.resolve(out).toString()));
        a.addAll(List.of(extra));
        return a;
    }

    /** The "summary" object of result.json as text (provenance, with its timings, comes before it). */
    private static String summary(Path out) throws Exception {
        String json = Files.readString(out.resolve("result.json"));
        int from = json.indexOf("\"summary\"");
        int to = json.indexOf("\"traces\"");
        assertTrue(from > 0 && to > from, json);
        return json.substring(from, to);
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        Files.copy(CheckpointFile.file(from), CheckpointFile.file(to));
    }

    @Test
    void aRunKilledWithSigkillAndResumedHasTheSameBitsAsAnUninterruptedOne() throws Exception {
        Path csv = dir.resolve("data.csv");
        CliTest.Result gen = CliTest.run("generate", "separable", "--n", "1000", "--d", "50", "--out", csv.toString());
        assertEquals(0, gen.code(), gen.err());
        CliTest.Result whole = CliTest.run(run(csv, "whole").toArray(new String[0]));
        assertEquals(0, whole.code(), whole.err());

        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-modules") || arg.startsWith("-Xmx")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(run(csv, "killed", "--checkpoint-every", "1500"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        Path ckDir = TrainCheckpoints.defaultDir(dir.resolve("killed"));
        Path ck = CheckpointFile.file(ckDir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(ck) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(Files.exists(ck), "no checkpoint appeared: " + Files.readString(dir.resolve("child.log")));
        Thread.sleep(new java.util.Random().nextInt(150)); // a random later step
        assertTrue(child.isAlive(), "the child finished before it could be killed; make its run longer");
        new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "the child was not killed by SIGKILL");
        assertFalse(Files.exists(dir.resolve("killed").resolve("result.json")), "the killed run wrote a report");
        Path spare = dir.resolve("spare.checkpoint");
        copyFolder(ckDir, spare);

        CliTest.Result conflict = CliTest.run("train", "--resume", ckDir.toString(), "--lr", "0.1");
        assertEquals(2, conflict.code());
        assertTrue(conflict.err().contains("--lr 0.1 conflicts with the checkpoint's run (--lr 0.01)"), conflict.err());

        // the same value as recorded is accepted
        CliTest.Result resumed = CliTest.run("train", "--resume", ckDir.toString(), "--lr", "0.01");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("resuming at step"), resumed.err());
        assertEquals(Files.readString(dir.resolve("whole").resolve("trace.csv")), Files.readString(dir.resolve("killed").resolve("trace.csv")),
                "the resumed run's trace differs from the uninterrupted run's");
        String a = summary(dir.resolve("whole"));
        assertTrue(a.contains("\"w\""), a);
        assertEquals(a, summary(dir.resolve("killed")), "the resumed run's parameters or summary differ from the uninterrupted run's");
        assertFalse(Files.exists(ckDir), "the checkpoint is deleted once the report is written");

        // another build, then other data: refused before anything runs
        org.sgdlab.train.checkpoint.FieldMap m = CheckpointFile.read(spare);
        org.sgdlab.train.checkpoint.FieldMap old = new org.sgdlab.train.checkpoint.FieldMap();
        m.values().forEach((k, v) -> old.set(k, k.equals("meta/sgdlab_version") ? "0.0.1-old" : v));
        Path oldDir = dir.resolve("old.checkpoint");
        CheckpointFile.write(oldDir, old);
        CliTest.Result version = CliTest.run("train", "--resume", oldDir.toString());
        assertEquals(2, version.code());
        assertTrue(version.err().contains("written by sgdlab 0.0.1-old"), version.err());

        Files.writeString(csv, Files.readString(csv).replaceFirst("\n(?<sign>-?)", "\n${sign}1")); // first value x → ±1x
        CliTest.Result changed = CliTest.run("train", "--resume", spare.toString());
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("the checkpoint's data hash is"), changed.err());
    }

    @Test
    void aDivergedRunLeavesNoCheckpoint() {
        CliTest.Result r = CliTest.run("train", "--generate", "regression", "--optimizer", "gd", "--lr", "20", "--steps", "100000",
                "--checkpoint-every", "5", "--out", dir.resolve("div").toString());
        assertEquals(1, r.code(), r.err());
        assertFalse(Files.exists(TrainCheckpoints.defaultDir(dir.resolve("div"))), "a diverged run's checkpoint is of no use");
    }

    @Test
    void resumeRefusesConflictingOptionsMissingFoldersAndBadFiles() throws Exception {
        Path ckDir = dir.resolve("ck");
        Files.createDirectories(ckDir);
        CliTest.Result none = CliTest.run("train", "--resume", ckDir.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no checkpoint in"), none.err());

        Files.write(CheckpointFile.file(ckDir), "not a checkpoint at all, just text".getBytes());
        CliTest.Result garbage = CliTest.run("train", "--resume", ckDir.toString());
        assertEquals(2, garbage.code());
        assertTrue(garbage.err().contains("is not an sgdlab checkpoint"), garbage.err());
    }

    @Test
    void aStaleCheckpointBlocksAFreshRunAndOptionsWithoutCheckpointsAreRefused() throws Exception {
        Path out = dir.resolve("o");
        Path ckDir = TrainCheckpoints.defaultDir(out);
        Files.createDirectories(ckDir);
        Files.write(CheckpointFile.file(ckDir), new byte[] {1});
        CliTest.Result r = CliTest.run("train", "--generate", "regression", "--steps", "10", "--checkpoint-every", "5", "--out",
                out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("holds the checkpoint of an interrupted run") && r.err().contains("--resume"), r.err());

        CliTest.Result dirOnly = CliTest.run("train", "--generate", "regression", "--steps", "10", "--checkpoint-dir",
                dir.resolve("x").toString(), "--out", dir.resolve("p").toString());
        assertEquals(2, dirOnly.code());
        assertTrue(dirOnly.err().contains("--checkpoint-dir needs --checkpoint-every"), dirOnly.err());

        CliTest.Result zero = CliTest.run("train", "--generate", "regression", "--steps", "10", "--checkpoint-every", "0",
                "--out", dir.resolve("q").toString());
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--checkpoint-every must be >= 1 step, got 0"), zero.err());
    }
}
