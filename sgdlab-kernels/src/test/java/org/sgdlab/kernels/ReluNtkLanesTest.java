package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.Simd;
import org.sgdlab.parallel.Parallel;

/**
 * {@link AnalyticNtk#fromInnerProductsInPlace} (the ReLU dual four entries at a time) has the bits of
 * {@link AnalyticNtk#fromInnerProducts} entry by entry: every variant (depths 1–5, both parameterizations, trained
 * layer sets, c_σ), rows of every length around the vector width and the chunk size, cosines at and beyond ±1, zero
 * and underflowing norms.
 */
class ReluNtkLanesTest {
    private static final List<AnalyticNtk> KERNELS = List.of(
            AnalyticNtk.relu(1), AnalyticNtk.relu(2), AnalyticNtk.relu(3), AnalyticNtk.relu(5),
            AnalyticNtk.builder(3).firstLayerOnly().build(), AnalyticNtk.builder(3).lastLayerOnly().build(),
            AnalyticNtk.builder(4).trainOnly(2, 4).cSigma(1.3).build(),
            AnalyticNtk.builder(3).parameterization(Parameterization.STANDARD).hiddenWidths(7, 300).build(),
            AnalyticNtk.builder(2).cSigma(1.0).firstLayerOnly().build());

    /** A row: yy and xy for entries with the given row norm xx, every kind of entry mixed in. */
    private static void fill(SplittableRandom rng, double xx, double[] yy, double[] xy, int off, int count) {
        for (int j = 0; j < count; j++) {
            double b = rng.nextDouble(0.01, 50);
            double rho = rng.nextDouble(-1, 1);
            switch (rng.nextInt(12)) {
                case 0 -> rho = 1;
                case 1 -> rho = -1;
                case 2 -> rho = 1 + 1e-15; // cosines past ±1 by rounding: clamped
                case 3 -> rho = -1 - 1e-15;
                case 4 -> b = 0; // a zero point
                case 5 -> b = 1e-300; // xx·yy may underflow
                case 6 -> rho = 1 - Math.pow(2, rng.nextDouble(-50, -2)); // near-parallel: acos's far branch
                case 7 -> rho = rng.nextDouble(-0.5, 0.5); // acos's near branch
                default -> { }
            }
            yy[j] = b;
            xy[off + j] = rho * Math.sqrt(xx * b);
            if (j % 11 == 5) { // an inner product the norms do not bound (e.g. nonzero beside a zero norm)
                xy[off + j] = rng.nextDouble(-5, 5);
            }
        }
    }

    @Test
    void theBitsAreTheOnesRecordedHere() {
        // Arccos on 10⁵ points and a ReLU NTK Gram matrix (600 × 20, depth 3, 2 threads) hashed bit by bit; the
        // constants were computed on JDK 17 (SIMD and -Dsgdlab.simd=false) and JDK 25 (SIMD, and -Xint), all equal.
        Random rnd = new Random(42);
        long h = 0;
        for (int i = 0; i < 100_000; i++) {
            double x = i % 2 == 0 ? rnd.nextDouble() * 2 - 1
                    : (rnd.nextBoolean() ? 1 : -1) * (1 - Math.pow(2, -1 - 52 * rnd.nextDouble()));
            h = h * 31 + Double.doubleToRawLongBits(Arccos.acos(x));
        }
        assertEquals(0x32022b450591048dL, h, Long.toHexString(h));
        int n = 600; // rows from AnalyticNtk.LANES_MIN_ROW = 512 on go through the lanes
        int d = 20;
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextDouble();
        }
        int threads = Parallel.threads();
        Parallel.setThreads(2);
        try {
            double[] g = GramMatrix.symmetric(AnalyticNtk.relu(3), new Matrix(n, d, a));
            long hg = 0;
            for (double v : g) {
                hg = hg * 31 + Double.doubleToRawLongBits(v);
            }
            assertEquals(0xa6dd3796f450b34dL, hg, Long.toHexString(hg));
            assertEquals(16.177853381408994, g[1]);
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void rowsHaveThePointwiseBitsForEveryVariantAndLength() {
        assertTrue(Simd.ENABLED, "the build runs the tests with the Vector API module: " + Simd.describe());
        SplittableRandom rng = new SplittableRandom(2026);
        int[] counts = {0, 1, 3, 4, 5, 7, 8, 13, 255, 256, 257, 259, 260, AnalyticNtk.LANES_MIN_ROW - 1,
            AnalyticNtk.LANES_MIN_ROW, AnalyticNtk.LANES_MIN_ROW + 3, 1030};
        double[] rowNorms = {1.0, 784 / 3.0, 0.0, 1e-300, 3.7};
        for (AnalyticNtk k : KERNELS) {
            for (int count : counts) {
                for (double xx : rowNorms) {
                    int off = rng.nextInt(5);
                    double[] yy = new double[count];
                    double[] xy = new double[off + count];
                    fill(rng, xx, yy, xy, off, count);
                    // the lanes on their own (whatever the row length), and the public map (lanes from
                    // LANES_MIN_ROW entries on)
                    double[] lanes = xy.clone();
                    int done = k.rowInPlaceByLanes(xx, yy, lanes, off, count);
                    assertEquals(count - count % 4, done);
                    double[] mapped = xy.clone();
                    k.fromInnerProductsInPlace(xx, yy, mapped, off, count);
                    for (int j = 0; j < count; j++) {
                        double want = k.fromInnerProducts(xx, yy[j], xy[off + j]);
                        String where = k + ", count " + count + ", entry " + j + ": (" + xx + ", " + yy[j] + ", "
                                + xy[off + j] + ")";
                        if (j < done) {
                            assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(lanes[off + j]), where);
                        } else {
                            assertEquals(xy[off + j], lanes[off + j], "the tail is the caller's: " + where);
                        }
                        assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(mapped[off + j]), where);
                    }
                    for (int j = 0; j < off; j++) {
                        assertEquals(xy[j], lanes[j], "entries before the offset are left alone");
                        assertEquals(xy[j], mapped[j], "entries before the offset are left alone");
                    }
                }
            }
        }
    }
}
