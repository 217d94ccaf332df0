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

class BasisPursuitTest {

    /** Checks the certificate from scratch: Xw = y, ‖Xᵀλ‖∞ ≤ 1, ⟨y, λ⟩ = ‖w‖₁ (relative). */
    private static void assertCertified(Matrix x, double[] y, BasisPursuitSolution s) {
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        assertTrue(s.residual() <= 1e-10, s.message());
        double[] xw = x.times(s.w());
        double rr = 0;
        double yy = 0;
        for (int i = 0; i < y.length; i++) {
            rr += (xw[i] - y[i]) * (xw[i] - y[i]);
            yy += y[i] * y[i];
        }
        assertTrue(Math.sqrt(rr / yy) <= 1e-12, "residual " + Math.sqrt(rr / yy));
        double[] xtl = x.transposeTimes(s.lambda());
        for (double v : xtl) {
            assertTrue(Math.abs(v) <= 1 + 1e-13, "dual infeasible " + v);
        }
        double l1 = 0;
        for (double v : s.w()) {
            l1 += Math.abs(v);
        }
        assertEquals(l1, SvmTestData.dot(y, s.lambda()), 1e-10 * l1);
    }

    @Test
    void singleEquation() {
        Matrix x = Matrix.of(new double[][] {{1, 2, 3}});
        double[] y = {1};
        BasisPursuitSolution s = BasisPursuit.solve(x, y);
        assertCertified(x, y, s);
        assertArrayEquals(new double[] {0, 0, 1.0 / 3}, s.w(), 1e-15);
        assertArrayEquals(new double[] {1.0 / 3}, s.lambda(), 1e-15);
        assertArrayEquals(new int[] {2}, s.support());
    }

    @Test
    void sharedCoordinateBeatsTwoSeparateOnes() {
        Matrix x = Matrix.of(new double[][] {{1, 1, 0}, {0, 1, 1}});
        double[] y = {1, 1};
        BasisPursuitSolution s = BasisPursuit.solve(x, y);
        assertCertified(x, y, s);
        assertArrayEquals(new double[] {0, 1, 0}, s.w(), 1e-15);
        assertEquals(1.0, s.l1Norm(), 1e-15);
    }

    private static Matrix gaussian(SplittableRandom rng, int n, int d) {
        double[] a = new double[n * d];
        for (int k = 0; k < a.length; k++) {
            a[k] = rng.nextGaussian() / Math.sqrt(n);
        }
        return new Matrix(n, d, a);
    }

    @Test
    void recoversPlantedSparseVector() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 80;
        int d = 200;
        int k = 8;
        for (int rep = 0; rep < 3; rep++) {
            Matrix x = gaussian(rng, n, d);
            double[] w = new double[d];
            for (int c = 0; c < k; c++) {
                int j;
                do {
                    j = rng.nextInt(d);
                } while (w[j] != 0);
                w[j] = rng.nextBoolean() ? 1 + rng.nextDouble() : -1 - rng.nextDouble();
            }
            double[] y = x.times(w);
            BasisPursuitSolution s = BasisPursuit.solve(x, y);
            assertCertified(x, y, s);
            assertArrayEquals(w, s.w(), 1e-10);
            assertEquals(k, s.support().length);
        }
    }

    @Test
    void largerProblemIsFast(TestReporter reporter) {
        SplittableRandom rng = new SplittableRandom(8);
        int n = 150;
        int d = 500;
        Matrix x = gaussian(rng, n, d);
        double[] w = new double[d];
        for (int c = 0; c < 20; c++) {
            w[rng.nextInt(d)] = rng.nextGaussian();
        }
        double[] y = x.times(w);
        long t0 = System.nanoTime();
        BasisPursuitSolution s = BasisPursuit.solve(x, y);
        double secs = (System.nanoTime() - t0) / 1e9;
        reporter.publishEntry(String.format("BasisPursuit n=%d d=%d: %.3f s, gap %.2e, residual %.2e", n, d, secs, s.dualityGap(), s.residual()));
        assertCertified(x, y, s);
        assertArrayEquals(w, s.w(), 1e-9);
    }

    @Test
    void denseTargetStillCertified() {
        // Too few measurements for recovery: the minimiser is not the planted vector, but it is certified.
        SplittableRandom rng = new SplittableRandom(9);
        Matrix x = gaussian(rng, 20, 60);
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            y[i] = rng.nextGaussian();
        }
        BasisPursuitSolution s = BasisPursuit.solve(x, y);
        assertCertified(x, y, s);
        assertTrue(s.support().length <= 20);
    }

    @Test
    void rankDeficientButConsistent() {
        Matrix x = Matrix.of(new double[][] {{1, 2, 0, 1}, {1, 2, 0, 1}, {0, 1, 1, 0}});
        double[] y = {2, 2, 1};
        BasisPursuitSolution s = BasisPursuit.solve(x, y);
        assertCertified(x, y, s);
        assertEquals(1.0, s.l1Norm(), 1e-14); // w = (0, 1, 0, 0)
    }

    @Test
    void infeasibleWhenYOutsideRange() {
        Matrix x = Matrix.of(new double[][] {{1, 0}, {1, 0}});
        double[] y = {1, 2};
        BasisPursuitSolution s = BasisPursuit.solve(x, y);
        assertEquals(OracleStatus.INFEASIBLE, s.status());
        assertNull(s.w());
        // Fredholm certificate: X^T r = 0 and <y, r> > 0.
        double[] xtr = x.transposeTimes(s.lambda());
        assertArrayEquals(new double[] {0, 0}, xtr, 1e-14);
        assertTrue(SvmTestData.dot(y, s.lambda()) > 0.4);
    }

    @Test
    void zeroTargetAndErrors() {
        Matrix x = Matrix.of(new double[][] {{1, 2}});
        BasisPursuitSolution s = BasisPursuit.solve(x, new double[] {0});
        assertEquals(OracleStatus.OPTIMAL, s.status());
        assertArrayEquals(new double[] {0, 0}, s.w());
        assertThrows(IllegalArgumentException.class, () -> BasisPursuit.solve(x, new double[] {1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BasisPursuit.solve(x, new double[] {Double.NaN}));
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
    }
}
