package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.sgdlab.linalg.Matrix;

class MulticlassSvmTest {

    /** Independent checks of an OPTIMAL answer: margins ≥ 1, stationarity, complementarity, strong duality. */
    private static void assertCertified(Matrix x, int[] y, int kk, MulticlassSvmSolution s) {
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        assertTrue(s.kktResidual() <= 1e-10, s.message());
        int n = x.rows();
        int d = x.cols();
        double[][] w = s.w();
        double[][] rebuilt = new double[kk][d];
        double asum = 0;
        for (int i = 0; i < n; i++) {
            double[] xi = x.row(i);
            for (int k = 0; k < kk; k++) {
                if (k == y[i]) {
                    assertEquals(0.0, s.alpha()[i][k]);
                    continue;
                }
                double m = SvmTestData.dot(w[y[i]], xi) - SvmTestData.dot(w[k], xi);
                assertTrue(m >= 1 - 1e-10, "margin " + m + " at (" + i + ", " + k + ")");
                double al = s.alpha()[i][k];
                assertTrue(al >= 0);
                asum += al;
                for (int j = 0; j < d; j++) {
                    rebuilt[y[i]][j] += al * xi[j];
                    rebuilt[k][j] -= al * xi[j];
                }
            }
        }
        double obj = 0;
        for (int k = 0; k < kk; k++) {
            assertArrayEquals(w[k], rebuilt[k], 1e-9 * (1 + Math.sqrt(s.objective())));
            obj += SvmTestData.dot(w[k], w[k]);
        }
        assertEquals(obj, s.objective(), 1e-12 * obj);
        // Strong duality for the 1/2-scaled problem: sum_k ||w_k||^2 = sum alpha.
        assertEquals(obj, asum, 1e-9 * obj);
    }

    @Test
    void threeSymmetricPoints() {
        double[][] pts = new double[3][];
        for (int c = 0; c < 3; c++) {
            pts[c] = new double[] {Math.cos(2 * Math.PI * c / 3), Math.sin(2 * Math.PI * c / 3)};
        }
        Matrix x = Matrix.of(pts);
        int[] y = {0, 1, 2};
        MulticlassSvmSolution s = MulticlassSvm.solve(x, y, 3);
        assertCertified(x, y, 3, s);
        // By symmetry w_c = t x_c with t (1 - cos 120deg) = 1, t = 2/3.
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(new double[] {2.0 / 3 * pts[c][0], 2.0 / 3 * pts[c][1]}, s.w()[c], 1e-14);
        }
        assertEquals(4.0 / 3, s.objective(), 1e-14);
        // All six constraints are tight, but they span only (K-1)d = 4 dimensions: the multipliers are not unique and
        // the solver returns a basic set of them.
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                if (k != i) {
                    double m = SvmTestData.dot(s.w()[i], pts[i]) - SvmTestData.dot(s.w()[k], pts[i]);
                    assertEquals(1.0, m, 1e-14);
                }
            }
        }
        assertTrue(s.supportConstraints().length <= 4, s.message());
    }

    @Test
    void binaryCaseMatchesHardMarginSvm() {
        for (long seed = 1; seed <= 4; seed++) {
            Object[] data = SvmTestData.separable(seed, 120, 6, false, 0.2);
            Matrix x = (Matrix) data[0];
            double[] ypm = (double[]) data[1];
            int[] y = new int[ypm.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = ypm[i] > 0 ? 1 : 0;
            }
            SvmSolution svm = HardMarginSvm.solve(x, ypm, false);
            assertEquals(OracleStatus.OPTIMAL, svm.status());
            MulticlassSvmSolution mc = MulticlassSvm.solve(x, y, 2);
            assertCertified(x, y, 2, mc);
            double scale = Math.sqrt(SvmTestData.dot(svm.w(), svm.w()));
            for (int j = 0; j < 6; j++) {
                assertEquals(svm.w()[j] / 2, mc.w()[1][j], 1e-9 * scale);
                assertEquals(-svm.w()[j] / 2, mc.w()[0][j], 1e-9 * scale);
            }
            assertEquals(SvmTestData.dot(svm.w(), svm.w()) / 2, mc.objective(), 1e-9 * mc.objective());
            double amax = 0;
            for (double v : svm.alpha()) {
                amax = Math.max(amax, v);
            }
            for (int i = 0; i < y.length; i++) {
                assertEquals(svm.alpha()[i] / 2, mc.alpha()[i][1 - y[i]], 1e-8 * amax, "alpha at " + i);
            }
        }
    }

    /** Labels argmax_k <u_k, x> of random directions, keeping points whose top-two score gap is at least gap. */
    static Object[] separable(long seed, int n, int d, int kk, double gap) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] u = new double[kk][];
        for (int k = 0; k < kk; k++) {
            u[k] = SvmTestData.gaussian(rng, d);
        }
        double[] a = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; ) {
            double[] p = SvmTestData.gaussian(rng, d);
            int best = 0;
            double s1 = Double.NEGATIVE_INFINITY;
            double s2 = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < kk; k++) {
                double s = SvmTestData.dot(u[k], p);
                if (s > s1) {
                    s2 = s1;
                    s1 = s;
                    best = k;
                } else if (s > s2) {
                    s2 = s;
                }
            }
            if (s1 - s2 >= gap) {
                System.arraycopy(p, 0, a, i * d, d);
                y[i] = best;
                i++;
            }
        }
        return new Object[] {new Matrix(n, d, a), y};
    }

    @Test
    void randomSeparableThreeAndFourClasses() {
        int[][] shapes = {{60, 3, 3}, {200, 10, 3}, {150, 5, 4}, {300, 20, 4}};
        long seed = 100;
        for (int[] sh : shapes) {
            Object[] data = separable(seed++, sh[0], sh[1], sh[2], 0.3);
            Matrix x = (Matrix) data[0];
            int[] y = (int[]) data[1];
            MulticlassSvmSolution s = MulticlassSvm.solve(x, y, sh[2]);
            assertCertified(x, y, sh[2], s);
            assertTrue(s.supportConstraints().length <= sh[1] * sh[2] + 1, s.message());
        }
    }

    /**
     * Tiny margins and degenerate supports (labels from an argmax with no gap). Before the Lawson–Hanson finish the first
     * problem ended MAX_ITERATIONS with KKT residual 0.145 after 50 000 000 updates; all must now be certified.
     */
    @Test
    void tinyMarginDegenerateSupportsAreCertified() {
        int[][] shapes = {{500, 5, 4, 30}, {300, 5, 4, 21}, {300, 5, 3, 20}, {100, 5, 4, 12}, {300, 20, 4, 24}};
        for (int[] sh : shapes) {
            Object[] data = separable(sh[3], sh[0], sh[1], sh[2], 0.0);
            Matrix x = (Matrix) data[0];
            int[] y = (int[]) data[1];
            MulticlassSvmSolution s = MulticlassSvm.solve(x, y, sh[2]);
            assertCertified(x, y, sh[2], s);
        }
    }

    /** The Lawson–Hanson least-distance method alone is an independent second solver: same W (the primal is unique). */
    @Test
    void leastDistanceMethodAgreesWithCoordinateAscent() {
        int[][] shapes = {{60, 3, 3}, {200, 10, 3}, {150, 5, 4}, {120, 6, 2}};
        long seed = 200;
        for (int[] sh : shapes) {
            Object[] data = separable(seed++, sh[0], sh[1], sh[2], 0.3);
            Matrix x = (Matrix) data[0];
            int[] y = (int[]) data[1];
            MulticlassSvmSolution ascent = MulticlassSvm.solve(x, y, sh[2]);
            MulticlassSvmSolution ldp = MulticlassSvm.solveByLeastDistance(x, y, sh[2], DualSolverOptions.defaults());
            assertCertified(x, y, sh[2], ascent);
            assertCertified(x, y, sh[2], ldp);
            double scale = Math.sqrt(ascent.objective());
            for (int k = 0; k < sh[2]; k++) {
                assertArrayEquals(ascent.w()[k], ldp.w()[k], 1e-9 * scale, "class " + k + " of shape " + java.util.Arrays.toString(sh));
            }
            assertEquals(ascent.objective(), ldp.objective(), 1e-9 * ascent.objective());
        }
        // the symmetric configuration (dependent tight constraints) through the least-distance method
        double[][] pts = new double[3][];
        for (int c = 0; c < 3; c++) {
            pts[c] = new double[] {Math.cos(2 * Math.PI * c / 3), Math.sin(2 * Math.PI * c / 3)};
        }
        MulticlassSvmSolution sym = MulticlassSvm.solveByLeastDistance(Matrix.of(pts), new int[] {0, 1, 2}, 3,
                DualSolverOptions.defaults());
        assertCertified(Matrix.of(pts), new int[] {0, 1, 2}, 3, sym);
        assertEquals(4.0 / 3, sym.objective(), 1e-14);
    }

    @Test
    void largeProblemIsFast(TestReporter reporter) {
        for (int kk : new int[] {3, 4}) {
            Object[] data = separable(7 + kk, 500, 50, kk, 1.0);
            Matrix x = (Matrix) data[0];
            int[] y = (int[]) data[1];
            long t0 = System.nanoTime();
            MulticlassSvmSolution s = MulticlassSvm.solve(x, y, kk);
            double secs = (System.nanoTime() - t0) / 1e9;
            reporter.publishEntry(String.format("MulticlassSvm n=500 d=50 K=%d: %.3f s, KKT %.2e, %d support constraints, %d updates", kk,
                    secs, s.kktResidual(), s.supportConstraints().length, s.iterations()));
            assertCertified(x, y, kk, s);
        }
    }

    @Test
    void notSeparable() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 60;
        int d = 2;
        int kk = 3;
        double[] a = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            a[i * d] = rng.nextGaussian();
            a[i * d + 1] = rng.nextGaussian();
            y[i] = rng.nextInt(kk);
        }
        Matrix x = new Matrix(n, d, a);
        MulticlassSvmSolution s = MulticlassSvm.solve(x, y, kk);
        assertEquals(OracleStatus.NOT_SEPARABLE, s.status(), s.message());
        assertNull(s.w());
        // Independent check of the Gordan certificate: sum lambda_ik (e_{y_i} - e_k) (x) x_i = 0, lambda >= 0, sum 1.
        double[][] comb = new double[kk][d];
        double lsum = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < kk; k++) {
                double l = s.alpha()[i][k];
                assertTrue(l >= 0);
                if (k == y[i]) {
                    assertEquals(0.0, l);
                }
                lsum += l;
                for (int j = 0; j < d; j++) {
                    comb[y[i]][j] += l * a[i * d + j];
                    comb[k][j] -= l * a[i * d + j];
                }
            }
        }
        assertEquals(1.0, lsum, 1e-9);
        for (double[] c : comb) {
            assertArrayEquals(new double[d], c, 1e-12);
        }
        // Duplicate point with two labels, and a zero row.
        Matrix dup = Matrix.of(new double[][] {{1, 2}, {1, 2}});
        assertEquals(OracleStatus.NOT_SEPARABLE, MulticlassSvm.solve(dup, new int[] {0, 2}, 3).status());
        MulticlassSvmSolution z = MulticlassSvm.solve(Matrix.of(new double[][] {{1, 2}, {0, 0}}), new int[] {0, 1}, 3);
        assertEquals(OracleStatus.NOT_SEPARABLE, z.status());
        assertTrue(z.message().contains("row 1"), z.message());
    }

    @Test
    void largeNonSeparableIsFast(TestReporter reporter) {
        SplittableRandom rng = new SplittableRandom(6);
        int n = 500;
        int d = 10;
        int kk = 4;
        double[] a = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = rng.nextGaussian();
            }
            y[i] = rng.nextInt(kk);
        }
        long t0 = System.nanoTime();
        MulticlassSvmSolution s = MulticlassSvm.solve(new Matrix(n, d, a), y, kk);
        double secs = (System.nanoTime() - t0) / 1e9;
        reporter.publishEntry(String.format("MulticlassSvm non-separable n=500 d=10 K=4: %.3f s, %s", secs, s.message()));
        assertEquals(OracleStatus.NOT_SEPARABLE, s.status(), s.message());
    }

    @Test
    void labelErrors() {
        Matrix x = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MulticlassSvm.solve(x, new int[] {0, 3}, 3));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MulticlassSvm.solve(x, new int[] {-1, 0}, 3));
        assertTrue(e.getMessage().contains("row 0") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MulticlassSvm.solve(x, new int[] {0, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> MulticlassSvm.solve(x, new int[] {0}, 2));
    }
}
