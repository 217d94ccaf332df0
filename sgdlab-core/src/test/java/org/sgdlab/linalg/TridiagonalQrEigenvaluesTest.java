package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.random.RandomStream;

/**
 * {@link TridiagonalQrEigenvalues} against {@link SymmetricEigen} (Jacobi) and against closed forms. Both solvers are
 * backward stable, so by Weyl's theorem each computed λ_i is within O(dε‖A‖₂) of the exact one; the tests assert the
 * a-priori bound |λ_i − λ_i'| ≤ d·ε·‖A‖_F (‖A‖₂ ≤ ‖A‖_F), and the invariants Σλ_i = tr A and Σλ_i² = ‖A‖_F² to
 * d·ε·‖A‖_F and d·ε·‖A‖_F² respectively.
 */
class TridiagonalQrEigenvaluesTest {
    private static final double EPS = Math.ulp(1.0);

    static Stream<Arguments> matrices() {
        double[] graded = new double[12];
        for (int i = 0; i < graded.length; i++) {
            graded[i] = (i % 2 == 0 ? 1 : -1) * Math.pow(10, 4 - 1.5 * i); // 1e4 .. 3e-13, both signs
        }
        double[] repeated = new double[40];
        for (int i = 0; i < repeated.length; i++) {
            repeated[i] = i % 3 == 0 ? 2.0 : (i % 3 == 1 ? -1.0 : 0.0); // three eigenvalues, each ~13 times
        }
        return Stream.of(
                Arguments.of("random 1", 1, randomSymmetric(1, 1)),
                Arguments.of("random 2", 2, randomSymmetric(2, 2)),
                Arguments.of("random 3", 3, randomSymmetric(3, 3)),
                Arguments.of("random 7", 7, randomSymmetric(4, 7)),
                Arguments.of("random 20", 20, randomSymmetric(5, 20)),
                Arguments.of("random 100", 100, randomSymmetric(6, 100)),
                Arguments.of("random 600", 600, randomSymmetric(7, 600)),
                Arguments.of("diagonal 9", 9, diagonal(new double[] {3, -1, 0, 2, 2, -5, 1e-3, 7, 0})),
                Arguments.of("repeated eigenvalues 40", 40, TestMatrices.symmetricWithEigenvalues(8, repeated)),
                Arguments.of("Gram AᵀA with zero columns (exact zeros), 60", 60, gramWithZeroColumns(9, 30, 60)),
                Arguments.of("Gram BBᵀ, rank 5 of 50", 50, TestMatrices.gram(10, 50, 5, 0.0)),
                Arguments.of("graded spectrum 1e4..1e-13", 12, TestMatrices.symmetricWithEigenvalues(11, graded)),
                Arguments.of("graded entries 10^-(i+j)", 15, gradedEntries(12, 15)),
                Arguments.of("2×2 blocks, 30", 30, twoByTwoBlocks(13, 15)),
                Arguments.of("tridiagonal 50", 50, randomTridiagonal(14, 50, false)),
                Arguments.of("tridiagonal 50, split by zeros", 50, randomTridiagonal(15, 50, true)),
                Arguments.of("second difference 80", 80, secondDifference(80)),
                Arguments.of("zero 4", 4, new double[16]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrices")
    void agreesWithJacobiAndKeepsTheInvariants(String name, int d, double[] a) {
        double[] copy = a.clone();
        double[] lam = TridiagonalQrEigenvalues.eigenvalues(a, d);
        assertArrayEquals(copy, a, 0.0, "input not modified");
        assertEquals(d, lam.length);
        for (int k = 1; k < d; k++) {
            assertTrue(lam[k - 1] <= lam[k], name + ": ascending at " + k);
        }
        double fro = TestMatrices.frobenius(a);
        double bound = d * EPS * fro;
        double[] jacobi = SymmetricEigen.eigenvalues(a, d);
        for (int k = 0; k < d; k++) {
            assertEquals(jacobi[k], lam[k], bound, name + ": λ_" + k + " against Jacobi");
        }
        double trace = 0;
        double sum = 0;
        double squares = 0;
        for (int k = 0; k < d; k++) {
            trace += a[k * d + k];
            sum += lam[k];
            squares += lam[k] * lam[k];
        }
        assertEquals(trace, sum, bound, name + ": Σλ = tr A");
        assertEquals(fro * fro, squares, d * EPS * fro * fro, name + ": Σλ² = ‖A‖_F²");
        assertArrayEquals(lam, TridiagonalQrEigenvalues.eigenvalues(a, d), 0.0, name + ": same input, same bits");
    }

    /** λ_k = 2 − 2cos(kπ/(n+1)) = 4sin²(kπ/(2(n+1))), k = 1..n, of tridiag(−1, 2, −1). */
    @Test
    void secondDifferenceMatrixHasItsKnownEigenvalues() {
        for (int n : new int[] {1, 2, 5, 64, 301}) {
            double[] lam = TridiagonalQrEigenvalues.eigenvalues(secondDifference(n), n);
            for (int k = 1; k <= n; k++) {
                double s = Math.sin(k * Math.PI / (2.0 * (n + 1)));
                assertEquals(4 * s * s, lam[k - 1], n * EPS * 4, "n = " + n + ", k = " + k);
            }
        }
    }

    @Test
    void twoByTwoClosedForm() {
        double a = 3.25;
        double b = -1.5e-3;
        double c = -0.75;
        double mid = 0.5 * (a + c);
        double rad = Math.hypot(0.5 * (a - c), b);
        double[] lam = TridiagonalQrEigenvalues.eigenvalues(new double[] {a, b, b, c}, 2);
        assertEquals(mid - rad, lam[0], 4 * EPS * 3.25);
        assertEquals(mid + rad, lam[1], 4 * EPS * 3.25);
    }

    /** The exact zero eigenvalues of a Gram matrix with zero columns stay at rounding level of ‖A‖. */
    @Test
    void exactZerosOfARankDeficientGramMatrix() {
        int d = 120;
        int zeros = 20; // zero columns
        double[] g = gramWithZeroColumns(16, 200, d);
        double[] lam = TridiagonalQrEigenvalues.eigenvalues(g, d);
        double fro = TestMatrices.frobenius(g);
        int small = 0;
        for (double l : lam) {
            if (Math.abs(l) <= d * EPS * fro) {
                small++;
            }
        }
        assertEquals(zeros, small, "one eigenvalue at rounding level per zero column");
        assertTrue(lam[zeros] > 1e-6 * fro, "the rest is well separated: " + lam[zeros]);
    }

    @Test
    void readsOnlyTheUpperTriangle() {
        int d = 9;
        double[] a = randomSymmetric(17, d);
        double[] b = a.clone();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                b[i * d + j] = 1e6 * (i + j); // garbage below the diagonal
            }
        }
        assertArrayEquals(TridiagonalQrEigenvalues.eigenvalues(a, d), TridiagonalQrEigenvalues.eigenvalues(b, d), 0.0);
    }

    @Test
    void extremeScalesNeitherOverflowNorUnderflow() {
        double[] a = randomSymmetric(18, 12);
        double[] ref = TridiagonalQrEigenvalues.eigenvalues(a, 12);
        for (double scale : new double[] {0x1p900, 0x1p-900}) {
            double[] s = a.clone();
            for (int i = 0; i < s.length; i++) {
                s[i] *= scale;
            }
            double[] lam = TridiagonalQrEigenvalues.eigenvalues(s, 12);
            for (int k = 0; k < 12; k++) {
                assertEquals(ref[k] * scale, lam[k], 0.0, "power-of-two scaling is exact, scale " + scale);
            }
        }
    }

    /** A column of size 1e-200 next to entries of size 1: its reflection must not underflow (β = −1/(αv₀)). */
    @Test
    void tinyColumnsNextToLargeEntries() {
        int d = 8;
        double[] a = randomSymmetric(21, d);
        for (int j = 1; j < d; j++) {
            a[j] *= 1e-200;
            a[j * d] *= 1e-200;
        }
        double[] lam = TridiagonalQrEigenvalues.eigenvalues(a, d);
        double[] jacobi = SymmetricEigen.eigenvalues(a, d);
        for (int k = 0; k < d; k++) {
            assertEquals(jacobi[k], lam[k], d * EPS * TestMatrices.frobenius(a), "λ_" + k);
        }
    }

    @Test
    void convergesInAboutTwoStepsPerEigenvalue() {
        int n = 200;
        double[] a = randomSymmetric(19, n);
        double[] diag = new double[n];
        double[] off = new double[n];
        double[] work = a.clone();
        TridiagonalQrEigenvalues.tridiagonalizeInPlace(work, n, diag, off);
        long steps = TridiagonalQrEigenvalues.qrInPlace(diag, off, n, 30L * n);
        assertTrue(steps > 0 && steps <= 3L * n, "QR steps " + steps + " for n = " + n + " (−1: more than 30n)");
    }

    @Test
    void nonConvergenceIsAnErrorNamingTheLimit() {
        ArithmeticException x = assertThrows(ArithmeticException.class,
                () -> TridiagonalQrEigenvalues.eigenvalues(randomSymmetric(20, 5), 5, 2));
        assertTrue(x.getMessage().contains("within 2 steps"), x.getMessage());
        // a diagonal matrix needs no step
        assertArrayEquals(new double[] {-1, 2}, TridiagonalQrEigenvalues.eigenvalues(new double[] {2, 0, 0, -1}, 2, 0), 0.0);
    }

    @Test
    void badInput() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> TridiagonalQrEigenvalues.eigenvalues(new double[0], 0));
        assertTrue(x.getMessage().contains("got 0"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> TridiagonalQrEigenvalues.eigenvalues(new double[8], 3));
        assertTrue(x.getMessage().contains("length 8"), x.getMessage());
        double[] nan = TridiagonalQrEigenvalues.eigenvalues(new double[] {1, Double.POSITIVE_INFINITY, 0, 1}, 2);
        assertTrue(Double.isNaN(nan[0]) && Double.isNaN(nan[1]), Arrays.toString(nan));
    }

    // ---- matrices

    static double[] randomSymmetric(long seed, int d) {
        RandomStream r = new RandomStream(seed);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = r.nextGaussian();
                a[i * d + j] = v;
                a[j * d + i] = v;
            }
        }
        return a;
    }

    static double[] diagonal(double[] values) {
        int d = values.length;
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            a[i * d + i] = values[i];
        }
        return a;
    }

    /** XᵀX/m for an m × d matrix X in [0, 1] whose every sixth column is 0 in every row (MNIST's blank pixels). */
    static double[] gramWithZeroColumns(long seed, int m, int d) {
        RandomStream r = new RandomStream(seed);
        double[] x = new double[m * d];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) {
                x[j * d + i] = i % 6 == 5 ? 0 : r.nextDouble();
            }
        }
        double[] g = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = i; k < d; k++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += x[j * d + i] * x[j * d + k];
                }
                g[i * d + k] = s / m;
                g[k * d + i] = s / m;
            }
        }
        return g;
    }

    /** a_ij = g_ij·10^−(i+j) for a symmetric Gaussian g: entries from ~1 down to ~1e-28. */
    static double[] gradedEntries(long seed, int d) {
        double[] a = randomSymmetric(seed, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] *= Math.pow(10, -(i + j));
            }
        }
        return a;
    }

    /** Block diagonal with blocks [[a, b], [b, c]], some with b = 0 and some with a = c (eigenvalues a ± b). */
    static double[] twoByTwoBlocks(long seed, int blocks) {
        RandomStream r = new RandomStream(seed);
        int d = 2 * blocks;
        double[] m = new double[d * d];
        for (int k = 0; k < blocks; k++) {
            int i = 2 * k;
            double a = r.nextGaussian();
            double c = k % 3 == 0 ? a : r.nextGaussian();
            double b = k % 4 == 1 ? 0 : r.nextGaussian();
            m[i * d + i] = a;
            m[(i + 1) * d + i + 1] = c;
            m[i * d + i + 1] = b;
            m[(i + 1) * d + i] = b;
        }
        return m;
    }

    static double[] randomTridiagonal(long seed, int d, boolean splits) {
        RandomStream r = new RandomStream(seed);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            a[i * d + i] = r.nextGaussian();
            if (i + 1 < d) {
                double e = splits && i % 7 == 3 ? 0 : r.nextGaussian();
                a[i * d + i + 1] = e;
                a[(i + 1) * d + i] = e;
            }
        }
        return a;
    }

    static double[] secondDifference(int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 2;
            if (i + 1 < n) {
                a[i * n + i + 1] = -1;
                a[(i + 1) * n + i] = -1;
            }
        }
        return a;
    }
}
