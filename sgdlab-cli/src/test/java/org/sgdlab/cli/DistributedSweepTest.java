package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DistributedSweep}: a sweep whose runs go through Java serialization, executed in reverse order (as a
 * distributed executor may), writes the same sweep.csv and per-run CSVs as the local sweep, bit for bit, with the same
 * verdict and exit code.
 */
class DistributedSweepTest {
    @TempDir
    Path dir;

    static final String SPEC = String.join("\n",
            "name: lr-sweep",
            "train:",
            "  generate: regression",
            "  n: 20",
            "  d: 50",
            "  loss: squared",
            "  optimizer: sgd",
            "  batch: 4",
            "steps: {quick: 300, full: 600}",
            "reference: min-norm",
            "seeds: [1, 2]",
            "sweep:",
            "  lr: [0.002, 0.004]",
            "prediction: rel_dist_to_ref ≤ 1e-30 at T",
            "");

    private static Serializable roundTrip(Serializable o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Serializable) in.readObject();
        }
    }

    /** {@link DistributedSweep#execute} with System.out and System.err captured (tests print nothing); the exit code. */
    private static int quietly(String[] args, DistributedSweep.Executor executor) {
        java.io.PrintStream stdout = System.out;
        java.io.PrintStream stderr = System.err;
        try (java.io.PrintStream capture = new java.io.PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            return DistributedSweep.execute(args, executor);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void serializedRunsInAnyOrderGiveTheLocalSweepsTable() throws Exception {
        Path spec = Files.writeString(dir.resolve("sweep.yaml"), SPEC, StandardCharsets.UTF_8);
        Path local = dir.resolve("local");
        Path remote = dir.resolve("remote");
        CliTest.Result l = CliTest.run("sweep", spec.toString(), "--quick", "--out", local.toString());
        assertEquals(1, l.code(), "the planted prediction (≤ 1e-30) FAILS: " + l.err());
        int[] tasksSeen = {0};
        int code = quietly(new String[] {spec.toString(), "--quick", "--out", remote.toString()}, tasks -> {
            tasksSeen[0] = tasks.size();
            List<Serializable> results = new ArrayList<>();
            for (int k = tasks.size() - 1; k >= 0; k--) {
                results.add(0, roundTrip(DistributedSweep.runTask(roundTrip(tasks.get(k)))));
            }
            return results;
        });
        assertEquals(1, code);
        assertEquals(4, tasksSeen[0], "2 step sizes × 2 seeds");
        for (String csv : List.of("sweep.csv", "run0.csv", "run1.csv", "run2.csv", "run3.csv")) {
            assertTrue(Files.isRegularFile(local.resolve(csv)), csv);
            assertArrayEquals(Files.readAllBytes(local.resolve(csv)), Files.readAllBytes(remote.resolve(csv)), csv);
        }
    }

    @Test
    void anExecutorThatLosesARunIsAnError() throws Exception {
        Path spec = Files.writeString(dir.resolve("sweep.yaml"), SPEC, StandardCharsets.UTF_8);
        int code = quietly(new String[] {spec.toString(), "--quick", "--out", dir.resolve("x").toString()},
                tasks -> List.of(DistributedSweep.runTask(tasks.get(0))));
        assertEquals(2, code);
        assertTrue(!Files.exists(dir.resolve("x")), "nothing written");
    }
}
