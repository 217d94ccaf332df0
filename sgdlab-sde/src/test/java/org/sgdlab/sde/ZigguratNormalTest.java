package org.sgdlab.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;

/** The ziggurat normals: the tables' construction, the distribution (χ² over bins, moments, tails), determinism. */
class ZigguratNormalTest {
    private static double density(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** P(lo &lt; Z &lt; hi) by composite Simpson (error ≪ the test's statistical resolution). */
    private static double probability(double lo, double hi) {
        int m = 2000;
        double step = (hi - lo) / m;
        double s = density(lo) + density(hi);
        for (int k = 1; k < m; k++) {
            s += (k % 2 == 1 ? 4 : 2) * density(lo + k * step);
        }
        return s * step / 3;
    }

    @Test
    void everyLayerHasTheSameArea() {
        double[] x = ZigguratNormal.edges();
        assertEquals(ZigguratNormal.R, x[1]);
        assertEquals(0.0, x[ZigguratNormal.LAYERS]);
        for (int i = 1; i < ZigguratNormal.LAYERS; i++) {
            assertTrue(x[i] > x[i + 1], "edges decrease at " + i);
            double area = x[i] * (Math.exp(-0.5 * x[i + 1] * x[i + 1]) - Math.exp(-0.5 * x[i] * x[i]));
            assertEquals(ZigguratNormal.V, area, 1e-9 * ZigguratNormal.V, "layer " + i);
        }
        // base layer: rectangle [0, R] × [0, f(R)] plus the tail ∫_R^∞ f = √(2π)·P(Z > R)
        double base = ZigguratNormal.R * Math.exp(-0.5 * ZigguratNormal.R * ZigguratNormal.R)
                + Math.sqrt(2 * Math.PI) * probability(ZigguratNormal.R, 12);
        assertEquals(ZigguratNormal.V, base, 1e-9 * ZigguratNormal.V, "base layer");
    }

    @Test
    void binFrequenciesMatchTheNormalLawByChiSquare() {
        int n = 2_000_000;
        double[] edges = new double[41];
        for (int k = 0; k <= 40; k++) {
            edges[k] = -4.0 + 0.2 * k;
        }
        long[] counts = new long[42]; // below −4, 40 bins, above 4
        RandomStream r = new RandomStream(2024);
        double sum = 0;
        double sum2 = 0;
        double sum4 = 0;
        long beyondR = 0;
        for (int t = 0; t < n; t++) {
            double z = ZigguratNormal.next(r);
            sum += z;
            sum2 += z * z;
            sum4 += z * z * z * z;
            beyondR += Math.abs(z) > ZigguratNormal.R ? 1 : 0;
            int bin = z < -4 ? 0 : z >= 4 ? 41 : 1 + Math.min(39, (int) ((z + 4.0) / 0.2));
            counts[bin]++;
        }
        double chi2 = 0;
        for (int b = 0; b < 42; b++) {
            double p = b == 0 || b == 41 ? probability(4, 12) : probability(edges[b - 1], edges[b]);
            double e = n * p;
            chi2 += (counts[b] - e) * (counts[b] - e) / e;
        }
        // 41 degrees of freedom: mean 41, sd 9; P(χ² > 80) ≈ 3e-4
        assertTrue(chi2 < 80, "chi2 = " + chi2);
        assertEquals(0.0, sum / n, 5 * Math.sqrt(1.0 / n), "mean");
        assertEquals(1.0, sum2 / n, 5 * Math.sqrt(2.0 / n), "variance");
        assertEquals(3.0, sum4 / n, 5 * Math.sqrt(96.0 / n), "fourth moment");
        double tail = 2 * probability(ZigguratNormal.R, 12);
        assertEquals(tail * n, beyondR, 5 * Math.sqrt(tail * n), "draws beyond R (the tail method)");
    }

    @Test
    void fillGivesTheVariatesOfNextOnTheSameStream() {
        for (long seed : new long[] {1, 2, 3}) {
            RandomStream a = new RandomStream(seed).split(7);
            RandomStream b = new RandomStream(seed).split(7);
            long[] st = ZigguratNormal.state(b);
            double[] x = new double[100_000];
            double[] y = new double[100_000];
            for (int i = 0; i < x.length; i++) {
                x[i] = ZigguratNormal.next(a);
            }
            ZigguratNormal.fill(st, y, 37);                        // in uneven pieces: the state carries over
            ZigguratNormal.fill(st, y, 0);
            double[] rest = new double[y.length - 37];
            ZigguratNormal.fill(st, rest, rest.length);
            System.arraycopy(rest, 0, y, 37, rest.length);
            assertArrayEquals(x, y, "seed " + seed);
            // the state words now equal the stream's after the same draws
            assertArrayEquals(ZigguratNormal.state(a), st);
        }
    }

    @Test
    void sameStreamSameVariates() {
        RandomStream a = new RandomStream(9).split(3);
        RandomStream b = new RandomStream(9).split(3);
        double[] x = new double[1000];
        double[] y = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = GaussianSampler.ZIGGURAT.next(a);
            y[i] = ZigguratNormal.next(b);
        }
        assertArrayEquals(x, y);
    }

    /** The floating-point form of the fast test: z = m·2⁻⁵³·xᵢ &lt; xᵢ₊₁ for the draw u (m = u &gt;&gt;&gt; 11, i = bits 0–7). */
    private static boolean floatingAccepts(long u, double[] x) {
        int i = (int) (u & 0xFF);
        return (u >>> 11) * 0x1.0p-53 * x[i] < x[i + 1];
    }

    /** z = m·2⁻⁵³·xᵢ with the sign bit 8 of u, as bits. */
    private static long floatingVariateBits(long u, double[] x) {
        double z = (u >>> 11) * 0x1.0p-53 * x[(int) (u & 0xFF)];
        return Double.doubleToRawLongBits(z) | ((u & 0x100L) << 55);
    }

    @Test
    void integerTestAndSignedProductDecideAndGiveAsTheFloatingPointForm() {
        double[] x = ZigguratNormal.edges();
        for (int j = 0; j < 2 * ZigguratNormal.LAYERS; j++) {
            int i = j & 0xFF;
            // around the switch point m* ≈ 2⁵³·xᵢ₊₁/xᵢ (the rounded product moves it by at most a unit or two)
            long mStar = (long) Math.floor(x[i + 1] / x[i] * 0x1.0p53);
            for (long m = Math.max(0, mStar - 4); m <= Math.min((1L << 53) - 1, mStar + 4); m++) {
                long u = (m << 11) | j | (m & 0x600);  // bits 9–10 are unused: fill them with anything
                assertEquals(floatingAccepts(u, x), ZigguratNormal.accepts(u), "layer " + i + ", m = " + m);
                assertEquals(floatingVariateBits(u, x), Double.doubleToRawLongBits(ZigguratNormal.accepted(u)),
                        "layer " + i + ", m = " + m);
            }
            long u0 = j;  // m = 0: +0.0 or −0.0 by the sign
            assertEquals(floatingAccepts(u0, x), ZigguratNormal.accepts(u0), "layer " + i + ", m = 0");
            assertEquals(floatingVariateBits(u0, x), Double.doubleToRawLongBits(ZigguratNormal.accepted(u0)));
        }
        RandomStream r = new RandomStream(77);
        for (int t = 0; t < 1_000_000; t++) {
            long u = r.nextLong();
            assertEquals(floatingAccepts(u, x), ZigguratNormal.accepts(u), "u = " + u);
            if (ZigguratNormal.accepts(u)) {
                assertEquals(floatingVariateBits(u, x), Double.doubleToRawLongBits(ZigguratNormal.accepted(u)), "u = " + u);
            }
        }
    }

    @Test
    void variatesAreTheBitsOfTheFloatingPointFormRecordedBeforeTheIntegerTest() {
        // 2²⁰ variates of ZigguratNormal as it was with the floating-point test and the sign bit (sgdlab fb2ca5b),
        // hashed: the integer test and the signed table keep every bit, the wedge and tail draws included
        RandomStream r = new RandomStream(2026).split(5);
        long h = 0;
        double first = 0;
        double last = 0;
        for (int k = 0; k < 1 << 20; k++) {
            double z = ZigguratNormal.next(r);
            first = k == 0 ? z : first;
            last = z;
            h = h * 0x9E3779B97F4A7C15L + Double.doubleToRawLongBits(z);
        }
        assertEquals(0x1.93eb8451fdd56p0, first);
        assertEquals(0x1.9cfd537004babp-5, last);
        assertEquals(0xe09d48254a99d714L, h);
    }
}
