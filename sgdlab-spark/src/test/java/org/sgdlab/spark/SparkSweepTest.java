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
 * {@code spark sweep}: the runs of docs/specs' worked sweep on the shared local Spark session give the local
 * {@code sgdlab sweep}'s table and run CSVs bit for bit, and the same verdict (exit code).
 */
class SparkSweepTest {
    @TempDir
    Path dir;

    /** The worked sweep example of docs/specs (4 step sizes × 4 seeds; its prediction HOLDS). */
    private static final Path SPEC = Path.of("..", "docs", "specs", "sgd-noise-floor.yaml");

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
        Path spec = SPEC;
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        int localCode = quietly(() -> Main.commandLine().execute("sweep", spec.toString(), "--quick", "--out", local.toString()));
        int sparkCode = quietly(() -> SparkSweep.run(SparkTestSession.get(),
                new String[] {spec.toString(), "--quick", "--out", spark.toString()}));
        assertEquals(0, localCode, "the example's prediction HOLDS locally");
        assertEquals(localCode, sparkCode, "the same verdict");
        List<String> csvs = new java.util.ArrayList<>(List.of("sweep.csv"));
        for (int k = 0; k < 16; k++) {
            csvs.add("run" + k + ".csv");
        }
        for (String csv : csvs) {
            assertTrue(Files.isRegularFile(local.resolve(csv)), csv);
            assertArrayEquals(Files.readAllBytes(local.resolve(csv)), Files.readAllBytes(spark.resolve(csv)), csv);
        }
    }
}
