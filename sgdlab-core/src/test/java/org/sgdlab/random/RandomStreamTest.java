package org.sgdlab.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomStreamTest {
    @Test
    void sameSeedSameBitsDifferentSeedDifferentBits() {
        double[] a = new RandomStream(7).gaussians(new double[1000]);
        double[] b = new RandomStream(7).gaussians(new double[1000]);
        double[] c = new RandomStream(8).gaussians(new double[1000]);
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void firstValuesArePinned() {
        // Pinned so that a change of algorithm (which would silently change every seeded result) fails here.
        RandomStream r = new RandomStream(42);
        long first = r.nextLong();
        RandomStream again = new RandomStream(42);
        assertEquals(first, again.nextLong());
        assertEquals(PINNED_FIRST_LONG_SEED_42, first);
    }

    private static final long PINNED_FIRST_LONG_SEED_42 = computePinned();

    /** xoshiro256** first output from SplitMix64(42) state, computed independently of RandomStream. */
    private static long computePinned() {
        long z = 42;
        long[] s = new long[4];
        for (int i = 0; i < 4; i++) {
            z += 0x9E3779B97F4A7C15L;
            long x = z;
            x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
            x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
            s[i] = x ^ (x >>> 31);
        }
        return Long.rotateLeft(s[1] * 5, 7) * 9;
    }

    @Test
    void gaussianMomentsAndUniformRange() {
        RandomStream r = new RandomStream(1);
        int n = 200_000;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            s += g;
            s2 += g * g;
        }
        assertEquals(0.0, s / n, 5 * Math.sqrt(1.0 / n));
        assertEquals(1.0, s2 / n, 5 * Math.sqrt(2.0 / n));
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 5 * Math.sqrt(10_000));
        }
    }

    @Test
    void copyContinuesIdenticallyAndSplitIsIndependentOfAdvancing() {
        RandomStream r = new RandomStream(3);
        r.nextGaussian();
        RandomStream c = r.copy();
        for (int i = 0; i < 100; i++) {
            assertEquals(r.nextGaussian(), c.nextGaussian());
        }
        RandomStream base = new RandomStream(5);
        double a = base.split(1).nextDouble();
        double b = new RandomStream(5).split(1).nextDouble();
        double other = new RandomStream(5).split(2).nextDouble();
        assertEquals(a, b);
        assertTrue(a != other);
    }
}
