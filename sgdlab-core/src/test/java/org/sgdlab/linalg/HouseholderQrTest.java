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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.parallel.Parallel;

/**
 * {@link HouseholderQr} against its definition A = QR with QᵀQ = I and R upper triangular, its four-column trailing
 * update against a naive one-column Householder QR, and its positive-diagonal Q factor against modified Gram–Schmidt
 * (the Stiefel retraction's former algorithm).
 */
class HouseholderQrTest {
    private static final double EPS = Math.ulp(1.0);

    static Stream<Arguments> matrices() {
        double[] graded = new double[7];
        for (int i = 0; i < graded.length; i++) {
            graded[i] = Math.pow(10, -2.0 * i); // κ = 1e12
        }
        return Stream.of(
                Arguments.of("gaussian 9x4", 9, 4, TestMatrices.gaussian(1, 9, 4)),
                Arguments.of("gaussian 8x8", 8, 8, TestMatrices.gaussian(2, 8, 8)),
                Arguments.of("gaussian 50x23 (apply4 and its tail)", 50, 23, TestMatrices.gaussian(3, 50, 23)),
                Arguments.of("column 6x1", 6, 1, TestMatrices.gaussian(4, 6, 1)),
                Arguments.of("rank 2 of 10x5", 10, 5, JacobiSvdTest.rankDeficient(5, 10, 5, 2)),
                Arguments.of("ill-conditioned 15x7", 15, 7, TestMatrices.withSingularValues(6, 15, 7, graded)),
                Arguments.of("zero column 5x3", 5, 3, new double[] {1, 0, 2, 3, 0, 1, -1, 0, 4, 2, 0, 0, 5, 0, 1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrices")
    void factorsSatisfyTheDefinition(String name, int m, int k, double[] a) {
        double[] copy = a.clone();
        HouseholderQr qr = new HouseholderQr(m, k);
        boolean fullRank = qr.decompose(a);
        assertArrayEquals(copy, a, 0.0, "input not modified");
        assertEquals(!name.startsWith("zero column"), fullRank, "full rank flag");
        double[] q = qr.qInto(new double[m * k]);
        double[] r = qr.rInto(new double[k * k]);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, r[i * k + j], 0.0, "R upper triangular");
                assertEquals(0.0, qr.r(i, j), 0.0);
            }
            for (int j = i; j < k; j++) {
                assertEquals(r[i * k + j], qr.r(i, j), 0.0);
            }
        }
        double scale = TestMatrices.frobenius(a);
        assertTrue(TestMatrices.maxDiff(TestMatrices.multiply(q, r, m, k, k), a) <= 10 * m * EPS * scale, name + ": A = QR");
        assertTrue(TestMatrices.orthonormalityError(q, m, k) <= 10 * m * EPS, name + ": QᵀQ = I");
        // qTimesInPlace and qtTimesInPlace are each other's inverse and keep norms
        double[] x = TestMatrices.gaussian(99, m, 1);
        double[] y = x.clone();
        qr.qtTimesInPlace(y);
        assertEquals(TestMatrices.frobenius(x), TestMatrices.frobenius(y), 10 * m * EPS * TestMatrices.frobenius(x));
        qr.qTimesInPlace(y);
        assertTrue(TestMatrices.maxDiff(x, y) <= 10 * m * EPS * TestMatrices.frobenius(x));
    }

    /** Moved from the oracles' MinNormQrPathTest: Q[R e_j; 0] gives column j back, Q is orthogonal, and the condition bound. */
    @ParameterizedTest
    @CsvSource({"31, 40, 10", "32, 25, 25", "33, 9, 1"})
    void householderFactorsReconstructAndAreOrthogonal(long seed, int m, int k) {
        double[] g = TestMatrices.gaussian(seed, k, m); // k rows of length m = the k columns of A
        HouseholderQr qr = HouseholderQr.factorInPlace(g.clone(), m, k);
        for (int j = 0; j < k; j++) {
            double[] v = new double[m];
            for (int i = 0; i <= j; i++) {
                v[i] = qr.r(i, j);
            }
            qr.qTimesInPlace(v);
            for (int i = 0; i < m; i++) {
                assertEquals(g[j * m + i], v[i], 1e-13 * Math.sqrt(m));
            }
        }
        for (int i = 0; i < Math.min(m, 5); i++) {
            double[] e = new double[m];
            e[i] = 1.0;
            qr.qTimesInPlace(e);
            assertEquals(1.0, TestMatrices.frobenius(e), 1e-14);
            qr.qtTimesInPlace(e);
            for (int t = 0; t < m; t++) {
                assertEquals(t == i ? 1.0 : 0.0, e[t], 1e-14);
            }
        }
        // The condition bound is an upper bound on σ_max/σ_min and at most k times it.
        double[] sigma = JacobiSvd.singularValues(g, k, m);
        double kappa = sigma[0] / sigma[sigma.length - 1];
        double bound = qr.conditionUpperBound();
        assertTrue(bound >= kappa * (1 - 1e-12) && bound <= k * kappa * (1 + 1e-12), "bound " + bound + " vs κ " + kappa);
    }

    /** Moved from MinNormQrPathTest: the blocked parallel trailing update gives the same bits for any thread count. */
    @Test
    void parallelTrailingUpdateGivesTheSameBitsForAnyThreadCount() {
        // 1000 × 120 is above PARALLEL_WORK, so the trailing updates run in column blocks
        int m = 1000;
        int k = 120;
        assertTrue((long) m * (k - 1) >= HouseholderQr.PARALLEL_WORK);
        double[] g = TestMatrices.gaussian(41, k, m);
        double[] probe = TestMatrices.gaussian(42, m, 1);
        int saved = Parallel.threads();
        try {
            double[] reference = null;
            for (int threads : new int[] {1, 2, 3, 8}) {
                Parallel.setThreads(threads);
                HouseholderQr qr = HouseholderQr.factorInPlace(g.clone(), m, k);
                double[] all = new double[k * k + m];
                System.arraycopy(qr.rInto(new double[k * k]), 0, all, 0, k * k);
                double[] x = probe.clone();
                qr.qtTimesInPlace(x); // depends on every reflector and τ
                System.arraycopy(x, 0, all, k * k, m);
                if (reference == null) {
                    reference = all;
                } else {
                    assertArrayEquals(reference, all, "threads = " + threads);
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /**
     * The naive reference: textbook Householder QR, one column at a time with single-accumulator loops. The fast path
     * (four columns per pass, parallel blocks) must give the same R to rounding.
     */
    @ParameterizedTest
    @CsvSource({"7, 5", "50, 23", "64, 64", "1000, 120"})
    void fastPathMatchesTheNaiveReference(int m, int k) {
        double[] a = TestMatrices.gaussian(m * 31L + k, m, k);
        double[] naive = naiveR(a, m, k);
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            HouseholderQr qr = new HouseholderQr(m, k);
            qr.decompose(a);
            double[] r = qr.rInto(new double[k * k]);
            double scale = TestMatrices.frobenius(a);
            assertTrue(TestMatrices.maxDiff(naive, r) <= 10 * m * EPS * scale, "max |R − R_naive| = " + TestMatrices.maxDiff(naive, r));
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** R of the row-major m × k matrix a by the unblocked textbook algorithm (Golub &amp; Van Loan Alg. 5.2.1), same signs. */
    static double[] naiveR(double[] a, int m, int k) {
        double[][] col = new double[k][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                col[j][i] = a[i * k + j];
            }
        }
        for (int j = 0; j < k; j++) {
            double norm = 0;
            for (int i = j; i < m; i++) {
                norm += col[j][i] * col[j][i];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                continue;
            }
            double beta = col[j][j] >= 0 ? -norm : norm;
            double[] v = new double[m];
            v[j] = col[j][j] - beta;
            for (int i = j + 1; i < m; i++) {
                v[i] = col[j][i];
            }
            double vv = 0;
            for (int i = j; i < m; i++) {
                vv += v[i] * v[i];
            }
            for (int c = j; c < k; c++) {
                double s = 0;
                for (int i = j; i < m; i++) {
                    s += v[i] * col[c][i];
                }
                s = 2 * s / vv;
                for (int i = j; i < m; i++) {
                    col[c][i] -= s * v[i];
                }
            }
        }
        double[] r = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                r[i * k + j] = col[j][i];
            }
        }
        return r;
    }

    @Test
    void decomposeTransposedIsTheLqOfAWideMatrix() {
        int n = 4;
        int d = 11;
        double[] x = TestMatrices.gaussian(61, n, d); // wide n × d
        HouseholderQr qr = new HouseholderQr(d, n);
        assertTrue(qr.decomposeTransposed(x));
        double[] q = qr.qInto(new double[d * n]);
        double[] r = qr.rInto(new double[n * n]);
        // Xᵀ = Q R, i.e. X = Rᵀ Qᵀ
        assertTrue(TestMatrices.maxDiff(TestMatrices.multiply(q, r, d, n, n), TestMatrices.transpose(x, n, d)) <= 1e-14 * d);
        HouseholderQr same = HouseholderQr.factorInPlace(x.clone(), d, n);
        assertArrayEquals(r, same.rInto(new double[n * n]), 0.0, "the transposed copy is factorInPlace on X's data");
    }

    @Test
    void triangularSolvesInvertRAndItsTranspose() {
        int m = 12;
        int k = 6;
        HouseholderQr qr = new HouseholderQr(m, k);
        qr.decompose(TestMatrices.gaussian(71, m, k));
        double[] r = qr.rInto(new double[k * k]);
        double[] b = TestMatrices.gaussian(72, k, 1);
        double[] z = java.util.Arrays.copyOf(b, m); // longer than k: the rest is left alone
        z[m - 1] = 42;
        qr.solveRInPlace(z);
        assertEquals(42, z[m - 1]);
        assertTrue(TestMatrices.maxDiff(TestMatrices.multiply(r, java.util.Arrays.copyOf(z, k), k, k, 1), b) <= 1e-13);
        double[] w = b.clone();
        qr.solveRtInPlace(w);
        assertTrue(TestMatrices.maxDiff(TestMatrices.multiply(TestMatrices.transpose(r, k, k), w, k, k, 1), b) <= 1e-13);
        assertEquals(Double.POSITIVE_INFINITY, qrOf(new double[15], 5, 3).conditionUpperBound(), "R_jj = 0");
    }

    private static HouseholderQr qrOf(double[] a, int m, int k) {
        HouseholderQr qr = new HouseholderQr(m, k);
        qr.decompose(a);
        return qr;
    }

    /** qf(A): the Q factor with a positive diagonal of R, against modified Gram–Schmidt (which makes it so by construction). */
    @ParameterizedTest
    @CsvSource({"6, 3, 81", "5, 5, 82", "40, 12, 83", "4, 1, 84"})
    void orthonormalFactorHasAPositiveDiagonalAndMatchesGramSchmidt(int m, int k, long seed) {
        double[] a = TestMatrices.gaussian(seed, m, k);
        double[] q = new double[m * k];
        assertEquals(-1, HouseholderQr.orthonormalFactorInto(a, m, k, q, new double[HouseholderQr.orthonormalWorkspaceSize(m, k)]));
        assertTrue(TestMatrices.orthonormalityError(q, m, k) <= 10 * m * EPS);
        double[] r = TestMatrices.multiply(TestMatrices.transpose(q, m, k), a, k, m, k); // R = QᵀA
        for (int i = 0; i < k; i++) {
            assertTrue(r[i * k + i] > 0, "R_" + i + i + " = " + r[i * k + i]);
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, r[i * k + j], 1e-13, "R lower part");
            }
        }
        double[] mgs = TestMatrices.orthonormalColumns(seed, m, k); // MGS twice on the same Gaussian matrix
        assertTrue(TestMatrices.maxDiff(mgs, q) <= 1e-13, "vs MGS: " + TestMatrices.maxDiff(mgs, q));
        // out may alias a
        double[] alias = a.clone();
        HouseholderQr.orthonormalFactorInto(alias, m, k, alias, new double[HouseholderQr.orthonormalWorkspaceSize(m, k)]);
        assertArrayEquals(q, alias, 0.0);
    }

    @Test
    void orthonormalFactorReportsTheColumnThatLostRank() {
        double[] a = {1, 2, 0, 3, -1, 0, 0, 4, 0, 2, 2, 0}; // 4 × 3, column 2 is zero
        double[] q = new double[12];
        double[] work = new double[HouseholderQr.orthonormalWorkspaceSize(4, 3)];
        assertEquals(2, HouseholderQr.orthonormalFactorInto(a, 4, 3, q, work));
        a[2] = Double.NaN;
        assertEquals(2, HouseholderQr.orthonormalFactorInto(a, 4, 3, q, work), "a NaN in column 2");
        a[2] = 1;
        assertEquals(-1, HouseholderQr.orthonormalFactorInto(a, 4, 3, q, work));
    }

    @Test
    void badArgumentsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HouseholderQr(2, 3));
        assertTrue(e.getMessage().contains("rows=2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HouseholderQr.factorInPlace(new double[5], 3, 2));
        assertTrue(e.getMessage().contains("length 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HouseholderQr(3, 2).decompose(new double[7]));
        assertTrue(e.getMessage().contains("7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> qrOf(new double[6], 3, 2).qTimesInPlace(new double[2]));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        assertFalse(qrOf(new double[6], 3, 2).fullRank());
        assertTrue(new HouseholderQr(3, 0).decompose(new double[0]));
    }
}
