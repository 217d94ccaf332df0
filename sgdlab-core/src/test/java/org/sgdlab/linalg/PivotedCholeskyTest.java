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

/**
 * {@link PivotedCholesky} against its definition P A Pᵀ = L Lᵀ, the rank it detects on positive semidefinite matrices
 * of known rank, its null space and basic solutions, the unpivoted {@link Cholesky} of the permuted matrix, and the
 * former private copy in the nuclear-norm oracles (same bits).
 */
class PivotedCholeskyTest {
    private static final double EPS = Math.ulp(1.0);

    /** name, n, A, tolerance, expected rank. */
    static Stream<Arguments> semidefinite() {
        return Stream.of(
                Arguments.of("gram 6 + I, full rank", 6, TestMatrices.gram(1, 6, 6, 1.0), 1e-12, 6),
                Arguments.of("gram 9 of rank 4", 9, TestMatrices.gram(2, 9, 4, 0.0), 1e-12, 4),
                Arguments.of("gram 30 of rank 17", 30, TestMatrices.gram(3, 30, 17, 0.0), 1e-12, 17),
                Arguments.of("gram 12 of rank 1", 12, TestMatrices.gram(4, 12, 1, 0.0), 1e-12, 1),
                Arguments.of("Hilbert 8, no tolerance", 8, TestMatrices.hilbert(8), 0.0, 8),
                Arguments.of("zero 3", 3, new double[9], 1e-12, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("semidefinite")
    void factorSatisfiesTheDefinitionAndFindsTheRank(String name, int n, double[] a, double tol, int rank) {
        double[] copy = a.clone();
        PivotedCholesky c = new PivotedCholesky(n, tol);
        assertEquals(rank == n, c.decompose(a), name);
        assertArrayEquals(copy, a, 0.0, "input not modified");
        assertEquals(rank, c.rank(), name);
        int[] p = c.permutation();
        boolean[] seen = new boolean[n];
        for (int k = 0; k < n; k++) {
            assertFalse(seen[p[k]], "a permutation");
            seen[p[k]] = true;
        }
        double[] l = c.factor();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j > i || j >= rank) {
                    assertEquals(0.0, l[i * n + j], 0.0, name + ": L is lower triangular with " + rank + " columns");
                }
            }
        }
        for (int k = 0; k < rank; k++) {
            assertTrue(l[k * n + k] > 0, "positive pivot");
            assertTrue(k == 0 || l[k * n + k] <= l[(k - 1) * n + k - 1], "diagonal pivoting: pivots do not increase");
        }
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, a[i * n + i]);
        }
        double[] pap = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                pap[i * n + j] = a[p[i] * n + p[j]];
            }
        }
        double[] llt = TestMatrices.multiply(l, TestMatrices.transpose(l, n, n), n, n, n);
        // the backward error of the factor plus the Schur complement left out (diagonal ≤ τ·max a_ii, PSD)
        double bound = 10 * n * EPS * TestMatrices.frobenius(a) + tol * maxDiag;
        assertTrue(TestMatrices.maxDiff(llt, pap) <= bound, name + ": PAPᵀ = LLᵀ to " + TestMatrices.maxDiff(llt, pap));
        if (rank < n) {
            assertTrue(c.remainderPivot() <= tol * maxDiag, name + ": remainder " + c.remainderPivot());
        } else {
            assertEquals(Double.NEGATIVE_INFINITY, c.remainderPivot());
        }
    }

    /** For positive definite A, Cholesky's uniqueness: the pivoted factor is the unpivoted factor of PAPᵀ. */
    @Test
    void fullRankFactorIsTheCholeskyFactorOfThePermutedMatrix() {
        int n = 10;
        double[] a = TestMatrices.gram(5, n, 14, 0.1);
        PivotedCholesky pc = new PivotedCholesky(n, 0.0);
        assertTrue(pc.decompose(a));
        int[] p = pc.permutation();
        double[] pap = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                pap[i * n + j] = a[p[i] * n + p[j]];
            }
        }
        Cholesky c = new Cholesky(n);
        assertTrue(c.decompose(pap));
        assertTrue(TestMatrices.maxDiff(c.factor(), pc.factor()) <= 100 * EPS * Math.sqrt(TestMatrices.frobenius(a)),
                "difference " + TestMatrices.maxDiff(c.factor(), pc.factor()));
    }

    @Test
    void handWorkedPivotOrder() {
        // diag(1, 4, 9) with one coupling: the largest diagonal entry comes first, then the largest of the Schur
        // complement. A = [[1, 0, 0], [0, 4, 2], [0, 2, 9]]: pivot 9 (index 2), l = (0, 2/3) below it, Schur diagonal
        // (1, 4 − 4/9 = 32/9): pivot index 1, then index 0.
        double[] a = {1, 0, 0, 0, 4, 2, 0, 2, 9};
        PivotedCholesky c = new PivotedCholesky(3, 1e-12);
        assertTrue(c.decompose(a));
        assertArrayEquals(new int[] {2, 1, 0}, c.permutation());
        double[] l = c.factor();
        assertEquals(3.0, l[0], 0.0);
        assertEquals(2.0 / 3.0, l[3], 1e-16);
        assertEquals(Math.sqrt(32.0 / 9.0), l[4], 1e-15);
        assertEquals(1.0, l[8], 0.0);
        assertEquals(0.0, l[6], 0.0);
        assertEquals(0.0, l[7], 0.0);
    }

    /** An indefinite matrix with a positive diagonal stops where the Schur complement turns negative, and says so. */
    @Test
    void indefiniteMatrixShowsANegativeRemainder() {
        PivotedCholesky c = new PivotedCholesky(2, 1e-12);
        assertFalse(c.decompose(new double[] {1, 2, 2, 1}));
        assertEquals(1, c.rank());
        assertEquals(-3.0, c.remainderPivot(), 1e-15);
    }

    /** The null-space vectors: A z = 0 to rounding for A of rank ρ, n − ρ of them, independent (z_{P(ρ+j)} = e_j). */
    @Test
    void nullSpaceBasisAnnihilatesTheMatrix() {
        int n = 11;
        int r = 6;
        double[] a = TestMatrices.gram(6, n, r, 0.0);
        PivotedCholesky c = new PivotedCholesky(n, 1e-12);
        assertFalse(c.decompose(a));
        assertEquals(r, c.rank());
        double scale = TestMatrices.frobenius(a);
        int[] p = c.permutation();
        for (int j = 0; j < n - r; j++) {
            double[] z = c.nullSpaceBasisVector(j, new double[n]);
            double[] az = TestMatrices.multiply(a, z, n, n, 1);
            assertTrue(TestMatrices.frobenius(az) <= 1e-12 * scale * TestMatrices.frobenius(z),
                    "‖Az‖ = " + TestMatrices.frobenius(az));
            for (int t = 0; t < n - r; t++) {
                assertEquals(t == j ? 1.0 : 0.0, z[p[r + t]], 0.0, "identity block");
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.nullSpaceBasisVector(n - r, new double[n]));
        assertTrue(e.getMessage().contains("got " + (n - r)), e.getMessage());
    }

    /** b ∈ range(A): the basic solution solves A x = b and is zero on the pivots left out. */
    @Test
    void basicSolutionSolvesConsistentSystems() {
        int n = 9;
        int r = 5;
        double[] a = TestMatrices.gram(7, n, r, 0.0);
        double[] b = TestMatrices.multiply(a, TestMatrices.gaussian(8, n, 1), n, n, 1);
        PivotedCholesky c = new PivotedCholesky(n, 1e-12);
        c.decompose(a);
        double[] x = b.clone();
        c.solveInPlace(x);
        double[] ax = TestMatrices.multiply(a, x, n, n, 1);
        assertTrue(TestMatrices.maxDiff(ax, b) <= 1e-11 * TestMatrices.frobenius(b), "residual " + TestMatrices.maxDiff(ax, b));
        for (int s = r; s < n; s++) {
            assertEquals(0.0, x[c.permutation()[s]], 0.0);
        }
    }

    /**
     * The reference: the pivoted Cholesky the nuclear-norm oracles (MatrixSensingOperator, NuclearNormPolish) carried
     * before, sgdlab's own former code, on the full symmetric matrix. The class updates only the lower triangle and
     * gives the same factor, rank, permutation and null-space vectors, bit for bit, so moving those callers here
     * changes no result.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("semidefinite")
    void sameBitsAsTheFormerNuclearNormCopy(String name, int n, double[] a, double tol, int rank) {
        double[] g = a.clone();
        int[] perm = new int[n];
        for (int s = 0; s < n; s++) {
            perm[s] = s;
        }
        int formerRank = formerPivotedCholeskyInPlace(g, n, perm, tol);
        PivotedCholesky c = new PivotedCholesky(n, tol);
        c.decompose(a);
        assertEquals(formerRank, c.rank());
        assertArrayEquals(perm, c.permutation());
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= Math.min(i, formerRank - 1); j++) {
                assertEquals(g[i * n + j], c.factor()[i * n + j], 0.0, name + ": L at " + i + ", " + j);
            }
        }
        for (int j = 0; j < n - formerRank; j++) { // the former null basis, on the same factor
            double[] x1 = new double[formerRank];
            int row = (formerRank + j) * n;
            for (int t = 0; t < formerRank; t++) {
                x1[t] = -g[row + t];
            }
            for (int t = formerRank - 1; t >= 0; t--) {
                double v = x1[t];
                for (int q = t + 1; q < formerRank; q++) {
                    v -= g[q * n + t] * x1[q];
                }
                x1[t] = v / g[t * n + t];
            }
            double[] v = new double[n];
            for (int t = 0; t < formerRank; t++) {
                v[perm[t]] = x1[t];
            }
            v[perm[formerRank + j]] = 1.0;
            assertArrayEquals(v, c.nullSpaceBasisVector(j, new double[n]), 0.0);
        }
    }

    private static int formerPivotedCholeskyInPlace(double[] g, int n, int[] perm, double tol) {
        double maxDiag = 0;
        for (int s = 0; s < n; s++) {
            maxDiag = Math.max(maxDiag, g[s * n + s]);
        }
        double floor = tol * maxDiag;
        for (int k = 0; k < n; k++) {
            int piv = k;
            for (int s = k + 1; s < n; s++) {
                if (g[s * n + s] > g[piv * n + piv]) {
                    piv = s;
                }
            }
            if (!(g[piv * n + piv] > floor)) {
                return k;
            }
            if (piv != k) {
                for (int t = 0; t < n; t++) {
                    double x = g[k * n + t];
                    g[k * n + t] = g[piv * n + t];
                    g[piv * n + t] = x;
                }
                for (int t = 0; t < n; t++) {
                    double x = g[t * n + k];
                    g[t * n + k] = g[t * n + piv];
                    g[t * n + piv] = x;
                }
                int t = perm[k];
                perm[k] = perm[piv];
                perm[piv] = t;
            }
            double d = Math.sqrt(g[k * n + k]);
            g[k * n + k] = d;
            for (int s = k + 1; s < n; s++) {
                g[s * n + k] /= d;
            }
            for (int s = k + 1; s < n; s++) {
                double gs = g[s * n + k];
                if (gs == 0) {
                    continue;
                }
                for (int t = k + 1; t < n; t++) {
                    g[s * n + t] -= gs * g[t * n + k];
                }
            }
        }
        return n;
    }

    @Test
    void badArgumentsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PivotedCholesky(-1, 0));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PivotedCholesky(2, Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PivotedCholesky(2, 0).decompose(new double[5]));
        assertTrue(e.getMessage().contains("length 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PivotedCholesky(2, 0).decompose(new double[] {1, 0, Double.POSITIVE_INFINITY, 1}));
        assertTrue(e.getMessage().contains("(1, 0)") && e.getMessage().contains("Infinity"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> new PivotedCholesky(1, 0).rank());
        assertTrue(s.getMessage().contains("not been called"), s.getMessage());
        PivotedCholesky empty = new PivotedCholesky(0, 0);
        assertTrue(empty.decompose(new double[0]));
        assertEquals(0, empty.rank());
    }
}
