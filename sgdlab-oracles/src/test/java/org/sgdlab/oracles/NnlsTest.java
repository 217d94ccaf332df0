package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.HouseholderQr;
import org.sgdlab.random.RandomStream;

/** Nnls against its KKT conditions, against exhaustive enumeration of supports, and on cases with known answers. */
class NnlsTest {
    private static double[] gaussian(RandomStream r, int k) {
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static double objective(double[] a, int m, int n, double[] b, double[] x) {
        double s = 0;
        for (int i = 0; i < m; i++) {
            double r = -b[i];
            for (int j = 0; j < n; j++) {
                r += a[i * n + j] * x[j];
            }
            s += r * r;
        }
        return Math.sqrt(s);
    }

    /** The KKT conditions checked from scratch (not from the solver's own w). */
    private static void assertKkt(double[] a, int m, int n, double[] b, Nnls.Result r, double tol) {
        assertEquals(OracleStatus.OPTIMAL, r.status(), r.message());
        double[] res = b.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                res[i] -= a[i * n + j] * r.x()[j];
            }
        }
        double colMax = 0;
        for (int j = 0; j < n; j++) {
            double c = 0;
            for (int i = 0; i < m; i++) {
                c += a[i * n + j] * a[i * n + j];
            }
            colMax = Math.max(colMax, Math.sqrt(c));
        }
        double scale = colMax * Math.sqrt(java.util.Arrays.stream(b).map(v -> v * v).sum());
        for (int j = 0; j < n; j++) {
            assertTrue(r.x()[j] >= 0, "x_" + j + " = " + r.x()[j]);
            double w = 0;
            for (int i = 0; i < m; i++) {
                w += a[i * n + j] * res[i];
            }
            assertTrue(w <= tol * scale, "dual feasibility w_" + j + " = " + w);
            if (r.x()[j] > 0) {
                assertEquals(0.0, w, tol * scale, "complementarity at " + j);
            }
        }
        assertTrue(r.kktResidual() <= tol, "reported " + r.kktResidual());
        assertEquals(objective(a, m, n, b, r.x()), r.residualNorm(), 1e-12 * (1 + r.residualNorm()));
    }

    /**
     * The independent method: every support S ⊆ [n], the least-squares solution on A_S (its own Householder QR, all
     * subsets, no active-set logic), kept when it is positive; the smallest residual over those is the optimum (the
     * optimum is the least-squares solution on its support, and every kept point is feasible).
     */
    private static double[] enumerate(double[] a, int m, int n, double[] b) {
        double best = objective(a, m, n, b, new double[n]);
        double[] arg = new double[n];
        for (int mask = 1; mask < 1 << n; mask++) {
            int k = Integer.bitCount(mask);
            if (k > m) {
                continue;
            }
            int[] cols = new int[k];
            double[] ap = new double[m * k];
            for (int j = 0, c = 0; j < n; j++) {
                if ((mask >> j & 1) != 0) {
                    cols[c] = j;
                    for (int i = 0; i < m; i++) {
                        ap[c * m + i] = a[i * n + j];
                    }
                    c++;
                }
            }
            HouseholderQr qr = HouseholderQr.factorInPlace(ap, m, k);
            if (!qr.fullRank()) {
                continue;
            }
            double[] rhs = b.clone();
            qr.qtTimesInPlace(rhs);
            qr.solveRInPlace(rhs);
            double[] x = new double[n];
            boolean positive = true;
            for (int c = 0; c < k; c++) {
                positive &= rhs[c] > 0;
                x[cols[c]] = rhs[c];
            }
            if (positive) {
                double v = objective(a, m, n, b, x);
                if (v < best) {
                    best = v;
                    arg = x;
                }
            }
        }
        return arg;
    }

    @Test
    void kktHoldsOnRandomTallWideAndSquareProblems() {
        RandomStream r = new RandomStream(11);
        int[][] sizes = {{30, 10}, {10, 30}, {12, 12}, {60, 20}, {5, 40}, {200, 25}};
        for (int[] s : sizes) {
            for (int rep = 0; rep < 5; rep++) {
                double[] a = gaussian(r, s[0] * s[1]);
                double[] b = gaussian(r, s[0]);
                Nnls.Result res = Nnls.solve(a, s[0], s[1], b);
                assertKkt(a, s[0], s[1], b, res, 1e-12);
            }
        }
    }

    @Test
    void agreesWithExhaustiveEnumerationOfSupports() {
        RandomStream r = new RandomStream(12);
        int[][] sizes = {{9, 6}, {6, 9}, {7, 7}, {15, 10}, {4, 10}};
        for (int[] s : sizes) {
            for (int rep = 0; rep < 6; rep++) {
                int m = s[0];
                int n = s[1];
                double[] a = gaussian(r, m * n);
                double[] b = gaussian(r, m);
                double[] ref = enumerate(a, m, n, b);
                Nnls.Result res = Nnls.solve(a, m, n, b);
                assertEquals(objective(a, m, n, b, ref), res.residualNorm(), 1e-12, "objective " + m + "x" + n);
                if (m >= n) {
                    // full column rank: the minimizer is unique
                    assertArrayEquals(ref, res.x(), 1e-10, m + "x" + n);
                }
            }
        }
    }

    @Test
    void identityGivesThePositivePartAndTheConeGivesZeroResidual() {
        double[] eye = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        Nnls.Result r = Nnls.solve(eye, 3, 3, new double[] {2, -1, 0.5});
        assertArrayEquals(new double[] {2, 0, 0.5}, r.x(), 0);
        assertEquals(1.0, r.residualNorm(), 1e-15);
        // b = A·(1, 0, 2, 0.5) with x ≥ 0 inside the cone of a random A: recovered with residual at rounding level
        RandomStream s = new RandomStream(13);
        double[] a = gaussian(s, 8 * 4);
        double[] x = {1, 0, 2, 0.5};
        double[] b = new double[8];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                b[i] += a[i * 4 + j] * x[j];
            }
        }
        Nnls.Result c = Nnls.solve(a, 8, 4, b);
        assertArrayEquals(x, c.x(), 1e-12);
        assertTrue(c.residualNorm() < 1e-13, "residual " + c.residualNorm());
    }

    @Test
    void zeroTargetAndScaling() {
        RandomStream r = new RandomStream(14);
        double[] a = gaussian(r, 10 * 5);
        Nnls.Result zero = Nnls.solve(a, 10, 5, new double[10]);
        assertArrayEquals(new double[5], zero.x(), 0);
        assertEquals(OracleStatus.OPTIMAL, zero.status());
        double[] b = gaussian(r, 10);
        double[] big = a.clone();
        for (int i = 0; i < big.length; i++) {
            big[i] *= 1e6;
        }
        Nnls.Result one = Nnls.solve(a, 10, 5, b);
        Nnls.Result scaled = Nnls.solve(big, 10, 5, b);
        for (int j = 0; j < 5; j++) {
            assertEquals(one.x()[j], scaled.x()[j] * 1e6, 1e-12 * (1 + Math.abs(one.x()[j])));
        }
    }

    @Test
    void duplicatedColumnsStillCertify() {
        // columns 0 and 2 equal: the minimizer is not unique, the optimum value is, and the certificate holds
        double[] a = {1, 2, 1, 0, 1, 0, 3, 1, 3, 2, 0, 2};
        double[] b = {1, 1, 1, 1};
        Nnls.Result r = Nnls.solve(a, 4, 3, b);
        assertKkt(a, 4, 3, b, r, 1e-12);
        assertEquals(objective(a, 4, 3, b, enumerate(a, 4, 3, b)), r.residualNorm(), 1e-12);
    }

    @Test
    void badInputNamesTheParameterAndValue() {
        double[] a = {1, 2, 3, 4};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Nnls.solve(a, 0, 4, new double[0])).getMessage()
                .contains("m=0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Nnls.solve(a, 2, 3, new double[2])).getMessage()
                .contains("got 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Nnls.solve(a, 2, 2, new double[3])).getMessage()
                .contains("got 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Nnls.solve(a, 2, 2, new double[2], 0, 5)).getMessage()
                .contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Nnls.solve(a, 2, 2, new double[2], 1e-12, 0)).getMessage()
                .contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Nnls.solve(new double[] {1, Double.NaN, 0, 1}, 2, 2,
                new double[2])).getMessage().contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Nnls.solve(a, 2, 2,
                new double[] {1, Double.POSITIVE_INFINITY})).getMessage().contains("Infinity"));
    }
}
