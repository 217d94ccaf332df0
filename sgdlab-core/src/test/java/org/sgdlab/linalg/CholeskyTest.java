package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Cholesky} against its definition A = LLᵀ, its status on indefinite and singular matrices, and κ₁ exactly. */
class CholeskyTest {
    private static final double EPS = Math.ulp(1.0);

    static Stream<Arguments> positiveDefinite() {
        double[] graded = new double[9];
        for (int i = 0; i < graded.length; i++) {
            graded[i] = Math.pow(10, -1.25 * i); // κ = 1e10
        }
        return Stream.of(
                Arguments.of("gram 6 + I", 6, TestMatrices.gram(1, 6, 6, 1.0)),
                Arguments.of("gram 40 of rank 40", 40, TestMatrices.gram(2, 40, 60, 0.0)),
                Arguments.of("1x1", 1, new double[] {4.0}),
                Arguments.of("ill-conditioned 9, κ = 1e10", 9, TestMatrices.symmetricWithEigenvalues(3, graded)),
                Arguments.of("Hilbert 8", 8, TestMatrices.hilbert(8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positiveDefinite")
    void factorSatisfiesTheDefinitionAndSolves(String name, int n, double[] a) {
        double[] copy = a.clone();
        Cholesky c = new Cholesky(n);
        assertTrue(c.decompose(a), name);
        assertArrayEquals(copy, a, 0.0, "input not modified");
        assertTrue(c.positiveDefinite());
        assertEquals(-1, c.failedPivotIndex());
        double[] l = c.factor();
        for (int i = 0; i < n; i++) {
            assertTrue(l[i * n + i] > 0, "positive diagonal");
            for (int j = i + 1; j < n; j++) {
                assertEquals(0.0, l[i * n + j], 0.0, "lower triangular");
            }
        }
        double scale = TestMatrices.frobenius(a);
        double[] llt = TestMatrices.multiply(l, TestMatrices.transpose(l, n, n), n, n, n);
        assertTrue(TestMatrices.maxDiff(llt, a) <= 10 * n * EPS * scale, name + ": A = LLᵀ to " + TestMatrices.maxDiff(llt, a));
        // backward error of the solve: ‖b − Ax‖ ≤ c·n·ε·‖A‖‖x‖
        double[] b = TestMatrices.gaussian(7, n, 1);
        double[] x = c.solve(b, new double[n]);
        double[] res = TestMatrices.multiply(a, x, n, n, 1);
        for (int i = 0; i < n; i++) {
            res[i] -= b[i];
        }
        assertTrue(TestMatrices.frobenius(res) <= 10 * n * EPS * scale * TestMatrices.frobenius(x), name + ": residual");
        double[] inPlace = b.clone();
        c.solveInPlace(inPlace);
        assertArrayEquals(x, inPlace, 0.0);
    }

    @Test
    void indefiniteMatricesFailAtTheirFirstNonPositivePivot() {
        double[] a = {4, 2, 0, 0, 2, 5, 0, 0, 0, 0, -3, 0, 0, 0, 0, 1}; // pivots 4, 4, −3
        Cholesky c = new Cholesky(4);
        assertFalse(c.decompose(a));
        assertFalse(c.positiveDefinite());
        assertEquals(2, c.failedPivotIndex());
        assertEquals(-3.0, c.failedPivotValue(), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, c.conditionEstimate());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.solveInPlace(new double[4]));
        assertTrue(e.getMessage().contains("pivot 2"), e.getMessage());
        // a shift of 4 makes it positive definite: pivot 2 becomes 1
        assertTrue(c.decompose(a, 4.0));
        assertEquals(-1, c.failedPivotIndex());
        assertTrue(Double.isNaN(c.failedPivotValue()));
        a[5] = Double.NaN;
        assertFalse(c.decompose(a));
        assertEquals(1, c.failedPivotIndex());
    }

    /** Positive semidefinite of rank r: with a relative pivot tolerance the factorization stops at pivot r exactly. */
    @Test
    void singularMatricesFailAtTheirRankUnderAPivotTolerance() {
        int n = 7;
        int r = 4;
        double[] a = TestMatrices.gram(11, n, r, 0.0);
        Cholesky strict = new Cholesky(n, 1e-12);
        assertFalse(strict.decompose(a));
        assertEquals(r, strict.failedPivotIndex());
        assertTrue(Math.abs(strict.failedPivotValue()) <= 1e-12 * 50, "the failed pivot is rounding noise: " + strict.failedPivotValue());
        // a tiny but clean pivot: passes without a tolerance, fails with one
        double[] d = {1, 0, 0, 1e-14};
        assertTrue(new Cholesky(2).decompose(d));
        assertFalse(new Cholesky(2, 1e-12).decompose(d));
    }

    /** decompose(a, μ) is decompose(a + μI) to the last bit. */
    @Test
    void aShiftIsTheSameAsAddingItToTheDiagonal() {
        int n = 5;
        double[] a = TestMatrices.gram(21, n, 3, 0.0);
        double mu = 0.37;
        double[] shifted = a.clone();
        for (int i = 0; i < n; i++) {
            shifted[i * n + i] += mu;
        }
        Cholesky c1 = new Cholesky(n);
        Cholesky c2 = new Cholesky(n);
        assertTrue(c1.decompose(a, mu));
        assertTrue(c2.decompose(shifted));
        assertArrayEquals(c2.factor(), c1.factor(), 0.0);
        assertEquals(c2.conditionEstimate(), c1.conditionEstimate(), 0.0);
    }

    /**
     * The naive reference: the row-by-row loop with left-to-right sums (the Bregman projection's former code). The
     * factor's inner products are {@link Kernels#dot}, grouped differently, so the two agree to rounding: entry (i, j)
     * within a few units of ε·√(a_ii a_jj)·n (the size of the terms summed), the solve within the factor's backward error.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("positiveDefinite")
    void matchesTheNaiveLoop(String name, int n, double[] a) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = i == j ? Math.sqrt(s) : s / l[j * n + j];
            }
        }
        Cholesky c = new Cholesky(n);
        c.decompose(a);
        double[] f = c.factor();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double scale = Math.sqrt(a[i * n + i] * a[j * n + j]) / l[j * n + j];
                assertEquals(l[i * n + j], f[i * n + j], 4 * n * EPS * scale, name + ": L at " + i + ", " + j);
            }
        }
        if (n <= 6) { // well-conditioned cases: the solves agree to κ·nε too
            double[] b = TestMatrices.gaussian(31, n, 1);
            double[] x = b.clone();
            for (int i = 0; i < n; i++) {
                double s = x[i];
                for (int k = 0; k < i; k++) {
                    s -= l[i * n + k] * x[k];
                }
                x[i] = s / l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = x[i];
                for (int k = i + 1; k < n; k++) {
                    s -= l[k * n + i] * x[k];
                }
                x[i] = s / l[i * n + i];
            }
            assertArrayEquals(x, c.solve(b, new double[n]), 1e-12 * TestMatrices.frobenius(x), name);
        }
    }

    /**
     * The nuclear-norm oracle's former private Cholesky (sgdlab's own code: each entry one {@link Kernels#dot} of two
     * row prefixes, the shift added to a copy's diagonal beforehand) and its solve give the same bits as this class, so
     * moving that oracle here changed none of its results.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("positiveDefinite")
    void sameBitsAsTheFormerNuclearNormCopy(String name, int n, double[] a) {
        double mu = 1e-3;
        double[] g = a.clone();
        for (int i = 0; i < n; i++) {
            g[i * n + i] += mu;
        }
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = 0; j < i; j++) {
                int rj = j * n;
                g[ri + j] = (g[ri + j] - Kernels.dot(g, ri, g, rj, j)) / g[rj + j];
            }
            g[ri + i] = Math.sqrt(g[ri + i] - Kernels.dot(g, ri, g, ri, i));
        }
        double[] x = TestMatrices.gaussian(32, n, 1);
        double[] y = x.clone();
        for (int i = 0; i < n; i++) {
            double s = x[i];
            for (int c = 0; c < i; c++) {
                s -= g[i * n + c] * x[c];
            }
            x[i] = s / g[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int c = i + 1; c < n; c++) {
                s -= g[c * n + i] * x[c];
            }
            x[i] = s / g[i * n + i];
        }
        Cholesky c = new Cholesky(n);
        assertTrue(c.decompose(a, mu));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                assertEquals(g[i * n + j], c.factor()[i * n + j], 0.0, name + ": L at " + i + ", " + j);
            }
        }
        c.solveInPlace(y);
        assertArrayEquals(x, y, 0.0);
    }

    /** The estimate against κ₁ = ‖A‖₁‖A⁻¹‖₁ with A⁻¹ formed column by column: a lower bound, within a factor 3. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("positiveDefinite")
    void conditionEstimateIsALowerBoundWithinAFactorOfThree(String name, int n, double[] a) {
        Cholesky c = new Cholesky(n);
        c.decompose(a);
        double[] inv = new double[n * n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            c.solveInPlace(e);
            for (int i = 0; i < n; i++) {
                inv[i * n + j] = e[i];
            }
        }
        double kappa = norm1(a, n) * norm1(inv, n);
        double est = c.conditionEstimate();
        assertTrue(est <= kappa * (1 + 1e-6) && est >= kappa / 3, name + ": estimate " + est + " vs κ₁ " + kappa);
    }

    private static double norm1(double[] a, int n) {
        double mx = 0;
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.abs(a[i * n + j]);
            }
            mx = Math.max(mx, s);
        }
        return mx;
    }

    @Test
    void badArgumentsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Cholesky(-2));
        assertTrue(e.getMessage().contains("-2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Cholesky(2, -1e-3));
        assertTrue(e.getMessage().contains("-0.001"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Cholesky(2).decompose(new double[3]));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Cholesky(1).decompose(new double[] {1}, Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> new Cholesky(1).solveInPlace(new double[1]));
        assertTrue(s.getMessage().contains("not been called"), s.getMessage());
        Cholesky empty = new Cholesky(0);
        assertTrue(empty.decompose(new double[0]));
        assertEquals(1.0, empty.conditionEstimate());
    }
}
