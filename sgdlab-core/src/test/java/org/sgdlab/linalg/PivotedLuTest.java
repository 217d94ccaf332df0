package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PivotedLu}: PA = LU exactly as factored, solutions by their residuals and against Cholesky and QR. */
class PivotedLuTest {

    private static double normInf(double[] a, int rows, int cols) {
        double best = 0;
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += Math.abs(a[i * cols + j]);
            }
            best = Math.max(best, s);
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 17, 40})
    void factorsReproducePermutedMatrixAndSolveWithSmallBackwardError(int n) {
        double[] a = TestMatrices.gaussian(100 + n, n, n);
        PivotedLu lu = new PivotedLu(n);
        assertTrue(lu.decompose(a));
        double[] f = lu.factors();
        double[] l = new double[n * n];
        double[] u = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j < i) {
                    l[i * n + j] = f[i * n + j];
                    assertTrue(Math.abs(f[i * n + j]) <= 1.0, "partial pivoting bounds |l_ij| by 1");
                } else {
                    u[i * n + j] = f[i * n + j];
                }
            }
            l[i * n + i] = 1;
        }
        int[] p = lu.permutation();
        double[] pa = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, p[i] * n, pa, i * n, n);
        }
        double[] prod = TestMatrices.multiply(l, u, n, n, n);
        double eps = Math.ulp(1.0);
        assertTrue(TestMatrices.maxDiff(pa, prod) <= 4 * n * eps * normInf(a, n, n), "PA = LU to rounding");

        int m = 3;
        double[] b = TestMatrices.gaussian(200 + n, n, m);
        double[] x = lu.solve(b, m, new double[n * m]);
        double[] r = TestMatrices.multiply(a, x, n, n, m);
        for (int i = 0; i < r.length; i++) {
            r[i] -= b[i];
        }
        // normwise backward error ‖Ax − b‖ / (‖A‖‖x‖ + ‖b‖), a small multiple of n·u for a stable solve
        double backward = normInf(r, n, m) / (normInf(a, n, n) * normInf(x, n, m) + normInf(b, n, m));
        assertTrue(backward <= 10 * n * eps, "backward error " + backward);
        assertArrayEquals(x, lu.solve(b.clone(), m, b.clone()), 0.0, "in place (out == b) gives the same bits");
    }

    @Test
    void agreesWithCholeskyOnAPositiveDefiniteSystem() {
        int n = 12;
        double[] a = TestMatrices.gram(7, n, n + 3, 0.5);
        double[] b = TestMatrices.gaussian(8, n, 1);
        PivotedLu lu = new PivotedLu(n);
        assertTrue(lu.decompose(a));
        double[] x = lu.solve(b, 1, new double[n]);
        Cholesky ch = new Cholesky(n);
        assertTrue(ch.decompose(a));
        double[] y = ch.solve(b, new double[n]);
        double cond = ch.conditionEstimate();
        for (int i = 0; i < n; i++) {
            assertEquals(y[i], x[i], 50 * cond * Math.ulp(1.0) * Math.max(1, Math.abs(y[i])), "x[" + i + "]");
        }
    }

    @Test
    void pivotsWhenTheLeadingEntryIsZero() {
        PivotedLu lu = new PivotedLu(2);
        assertTrue(lu.decompose(new double[] {0, 1, 1, 0}));
        assertArrayEquals(new int[] {1, 0}, lu.permutation());
        assertArrayEquals(new double[] {3, 2}, lu.solve(new double[] {2, 3}, 1, new double[2]), 0.0);
    }

    @Test
    void aZeroPivotIsReportedAndSolvingRefused() {
        PivotedLu lu = new PivotedLu(3);
        assertFalse(lu.decompose(new double[] {1, 2, 3, 2, 4, 6, 0, 0, 1}));
        assertFalse(lu.nonsingular());
        assertEquals(1, lu.zeroPivotIndex());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> lu.solve(new double[3], 1, new double[3]));
        assertTrue(e.getMessage().contains("pivot 1"), e.getMessage());
        assertTrue(lu.decompose(TestMatrices.gaussian(3, 3, 3)), "the instance recovers on the next matrix");
        assertEquals(-1, lu.zeroPivotIndex());
    }

    @Test
    void badSizesNameTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PivotedLu(0)).getMessage().contains("got 0"));
        PivotedLu lu = new PivotedLu(2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> lu.decompose(new double[3])).getMessage()
                .startsWith("a must hold a 2×2 matrix"));
        assertTrue(lu.decompose(new double[] {2, 0, 0, 2}));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> lu.solve(new double[4], 1, new double[2]))
                .getMessage().startsWith("b must hold a 2×1 matrix"));
    }
}
