package org.sgdlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.cli.Main;

/**
 * {@code spark sweep}: the runs of a spec's sweep on the shared local Spark session give the local {@code sgdlab sweep}'s
 * table and run CSVs bit for bit, and the same verdict (exit code).
 */
class SparkSweepTest {
    @TempDir
    Path dir;

    private static final String SPEC = String.join("\n",
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
            "  lr: [0.002, 0.004, 0.008]",
            "prediction: rel_dist_to_ref ∝ lr^1 over the sweep",
            "");

    /** Runs {@code command} with System.out and System.err captured (tests print nothing). */
    private static int quietly(IntSupplier command) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (PrintStream capture = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            return command.getAsInt();
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void aSweepOnSparkWritesTheLocalSweepsTableAndVerdict() throws Exception {
        Path spec = Files.writeString(dir.resolve("sweep.yaml"), SPEC, StandardCharsets.UTF_8);
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        int localCode = quietly(() -> Main.commandLine().execute("sweep", spec.toString(), "--quick", "--out", local.toString()));
        int sparkCode = quietly(() -> SparkSweep.run(SparkTestSession.get(),
                new String[] {spec.toString(), "--quick", "--out", spark.toString()}));
        assertTrue(localCode == 0 || localCode == 1, "local sweep exit " + localCode);
        assertEquals(localCode, sparkCode, "the same verdict");
        for (String csv : List.of("sweep.csv", "run0.csv", "run1.csv", "run2.csv", "run3.csv", "run4.csv", "run5.csv")) {
            assertTrue(Files.isRegularFile(local.resolve(csv)), csv);
            assertArrayEquals(Files.readAllBytes(local.resolve(csv)), Files.readAllBytes(spark.resolve(csv)), csv);
        }
    }
}
