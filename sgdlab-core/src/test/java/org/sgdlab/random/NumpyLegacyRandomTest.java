package org.sgdlab.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.data.TestVectors;
import org.sgdlab.linalg.Matrix;

class NumpyLegacyRandomTest {

    @Test
    void randomSampleMatchesNumpyBitForBit() {
        List<TestVectors.Value> want = TestVectors.load("numpy_seed42_random_sample1000.txt");
        assertEquals(1000, want.size());
        double[] got = new NumpyLegacyRandom(42).randomSample(1000);
        for (int i = 0; i < got.length; i++) {
            assertEquals(Double.doubleToRawLongBits(want.get(i).value()), Double.doubleToRawLongBits(got[i]), "index " + i);
        }
    }

    @Test
    void randnMatchesNumpySeed42() {
        List<TestVectors.Value> want = TestVectors.load("numpy_seed42_randn1000.txt");
        assertEquals(1000, want.size());
        double[] got = new NumpyLegacyRandom(42).randn(1000);
        int exact = 0;
        for (int i = 0; i < got.length; i++) {
            assertTrue(TestVectors.matches(want.get(i), got[i], 3), "index " + i + ": numpy " + want.get(i) + ", java " + got[i]);
            if (want.get(i).value() == got[i]) {
                exact++;
            }
        }
        assertTrue(exact >= 998, "bit-exact values: " + exact);
    }

    @Test
    void randnMatchesNumpyOtherSeeds() {
        List<TestVectors.Value> want = TestVectors.load("numpy_other_seeds_randn25.txt");
        long[] seeds = {0, 1, 12345, 4294967295L};
        for (int s = 0; s < seeds.length; s++) {
            double[] got = new NumpyLegacyRandom(seeds[s]).randn(25);
            for (int i = 0; i < 25; i++) {
                assertTrue(TestVectors.matches(want.get(25 * s + i), got[i], 3), "seed " + seeds[s] + " index " + i);
            }
        }
    }

    @Test
    void matrixRandnIsRowMajorLikeNumpy() {
        Matrix m = new NumpyLegacyRandom(42).randn(3, 2);
        double[] flat = new NumpyLegacyRandom(42).randn(6);
        assertEquals(flat[1], m.get(0, 1));
        assertEquals(flat[2], m.get(1, 0));
    }

    @Test
    void logIsCorrectlyRounded() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/data/log_cr.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int n = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split(" ");
            double x = Double.parseDouble(p[0]);
            assertEquals(Double.parseDouble(p[1]), NumpyLegacyRandom.log(x), 0.0, "log(" + p[0] + ")");
            n++;
        }
        assertTrue(n >= 1900);
        assertEquals(0.0, NumpyLegacyRandom.log(1.0));
        assertEquals(Math.log(Double.MIN_VALUE), NumpyLegacyRandom.log(Double.MIN_VALUE), Math.ulp(745.0));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, 4294967296L})
    void rejectsSeedsNumpyRejects(long seed) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NumpyLegacyRandom(seed));
        assertTrue(e.getMessage().contains(Long.toString(seed)));
    }
}
