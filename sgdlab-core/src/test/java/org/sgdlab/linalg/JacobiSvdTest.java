package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JacobiSvd} against its definition A = UΣVᵀ, UᵀU = VᵀV = I, and its polar fast path against the factors. */
class JacobiSvdTest {
    private static final double EPS = Math.ulp(1.0);

    /** name, rows, cols, the matrix. */
    static Stream<Arguments> matrices() {
        double[] graded = new double[8];
        for (int i = 0; i < graded.length; i++) {
            graded[i] = Math.pow(10, -2.0 * i); // 1 .. 1e-14
        }
        return Stream.of(
                Arguments.of("gaussian 7x4", 7, 4, TestMatrices.gaussian(1, 7, 4)),
                Arguments.of("gaussian 4x7", 4, 7, TestMatrices.gaussian(2, 4, 7)),
                Arguments.of("gaussian 6x6", 6, 6, TestMatrices.gaussian(3, 6, 6)),
                Arguments.of("gaussian 120x40 (SIMD dots)", 120, 40, TestMatrices.gaussian(4, 120, 40)),
                Arguments.of("gaussian 30x90", 30, 90, TestMatrices.gaussian(5, 30, 90)),
                Arguments.of("row 1x9", 1, 9, TestMatrices.gaussian(6, 1, 9)),
                Arguments.of("column 9x1", 9, 1, TestMatrices.gaussian(7, 9, 1)),
                Arguments.of("rank 3 of 12x10", 12, 10, rankDeficient(8, 12, 10, 3)),
                Arguments.of("rank 2 of 5x20", 5, 20, rankDeficient(9, 5, 20, 2)),
                Arguments.of("ill-conditioned 20x8, κ = 1e14", 20, 8, TestMatrices.withSingularValues(10, 20, 8, graded)),
                Arguments.of("zero 3x2", 3, 2, new double[6]));
    }

    static double[] rankDeficient(long seed, int rows, int cols, int rank) {
        return TestMatrices.multiply(TestMatrices.gaussian(seed, rows, rank), TestMatrices.gaussian(seed + 1, rank, cols),
                rows, rank, cols);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrices")
    void factorsSatisfyTheDefinition(String name, int rows, int cols, double[] a) {
        double[] copy = a.clone();
        JacobiSvd svd = new JacobiSvd(rows, cols);
        assertTrue(svd.decompose(a), "converged");
        assertArrayEquals(copy, a, 0.0, "input not modified");
        int r = Math.min(rows, cols);
        int s = Math.max(rows, cols);
        double[] sigma = svd.singularValues();
        for (int j = 0; j < r; j++) {
            assertTrue(sigma[j] >= 0 && (j == 0 || sigma[j] <= sigma[j - 1]), "σ descending and ≥ 0: " + Arrays.toString(sigma));
        }
        double[] ut = svd.leftVectors();
        double[] vt = svd.rightVectors();
        // A = Σ σⱼ uⱼ vⱼᵀ
        double[] rec = new double[rows * cols];
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < cols; k++) {
                    rec[i * cols + k] += ut[j * rows + i] * sigma[j] * vt[j * cols + k];
                }
            }
        }
        double scale = Math.max(sigma.length == 0 ? 0 : sigma[0], Double.MIN_NORMAL);
        assertTrue(TestMatrices.maxDiff(a, rec) <= 10 * s * EPS * scale, "‖A − UΣVᵀ‖_max = " + TestMatrices.maxDiff(a, rec));
        // the vectors of the nonzero singular values are orthonormal (the stopping test is relative to the column
        // norms, so this holds also for the singular values at rounding level of a rank-deficient matrix)
        int nz = svd.rank(0.0);
        double[] u = TestMatrices.transpose(Arrays.copyOf(ut, nz * rows), nz, rows);
        double[] v = TestMatrices.transpose(Arrays.copyOf(vt, nz * cols), nz, cols);
        assertTrue(TestMatrices.orthonormalityError(u, rows, nz) <= 10 * s * EPS,
                name + ": UᵀU = I to " + TestMatrices.orthonormalityError(u, rows, nz));
        assertTrue(TestMatrices.orthonormalityError(v, cols, nz) <= 10 * s * EPS,
                name + ": VᵀV = I to " + TestMatrices.orthonormalityError(v, cols, nz));
    }

    @Test
    void rankDeficientMatricesRevealTheirRank() {
        JacobiSvd svd = JacobiSvd.of(new Matrix(12, 10, rankDeficient(8, 12, 10, 3)));
        double[] sigma = svd.singularValues();
        assertEquals(3, svd.rank(Math.max(12, 10) * EPS));
        for (int j = 3; j < sigma.length; j++) {
            assertTrue(sigma[j] <= 12 * EPS * sigma[0], "σ_" + j + " = " + sigma[j] + " is rounding noise");
        }
        assertEquals(0, JacobiSvd.of(new Matrix(3, 2, new double[6])).rank(0.0));
    }

    /** Known singular values, from 1 down to 1e-14: every σ to a few ulps of σ_max (backward stability). */
    @Test
    void illConditionedMatricesKeepTheirSingularValuesToRoundingOfSigmaMax() {
        double[] graded = new double[8];
        for (int i = 0; i < graded.length; i++) {
            graded[i] = Math.pow(10, -2.0 * i);
        }
        double[] sv = JacobiSvd.of(new Matrix(20, 8, TestMatrices.withSingularValues(10, 20, 8, graded))).singularValues();
        for (int j = 0; j < 8; j++) {
            assertEquals(graded[j], sv[j], 50 * EPS, "σ_" + j);
        }
    }

    /**
     * Column-graded A = Q·diag(σ) (orthonormal Q): one-sided Jacobi keeps every σ to high RELATIVE accuracy, even
     * σ = 1e-15 (Demmel–Veselić), which a method accurate only to ε·σ_max would not.
     */
    @Test
    void columnGradedMatricesKeepSmallSingularValuesToRelativeAccuracy() {
        int m = 15;
        int k = 6;
        double[] q = TestMatrices.orthonormalColumns(21, m, k);
        double[] sigma = {1, 1e-3, 1e-6, 1e-9, 1e-12, 1e-15};
        double[] a = new double[m * k];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                a[i * k + j] = q[i * k + j] * sigma[j];
            }
        }
        double[] sv = JacobiSvd.singularValues(a, m, k);
        for (int j = 0; j < k; j++) {
            assertEquals(sigma[j], sv[j], 20 * EPS * sigma[j], "relative accuracy of σ_" + j);
        }
    }

    /** Moved from the geometry NormsTest: singular values, the polar factor U Vᵀ and the nuclear norm of known matrices. */
    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34})
    void recoversKnownSingularValuesAndPolarFactor(long seed) {
        int[][] shapes = {{5, 3}, {3, 5}, {4, 4}, {6, 1}};
        for (int[] sh : shapes) {
            int k = Math.min(sh[0], sh[1]);
            double[] sigma = new double[k];
            for (int i = 0; i < k; i++) {
                sigma[i] = 3.0 / (i + 1);
            }
            double[] g = TestMatrices.withSingularValues(seed, sh[0], sh[1], sigma);
            double[] polar = TestMatrices.polarOf(seed, sh[0], sh[1], k);
            assertArrayEquals(sigma, JacobiSvd.singularValues(g, sh[0], sh[1]), 1e-13);
            double[] s = new double[g.length];
            double nuclear = JacobiSvd.polarInto(g, sh[0], sh[1], s, new double[JacobiSvd.workspaceSize(sh[0], sh[1])]);
            assertArrayEquals(polar, s, 1e-13, "U Vᵀ");
            assertEquals(Arrays.stream(sigma).sum(), nuclear, 1e-13);
            assertEquals(sigma[0], JacobiSvd.spectralNorm(g, sh[0], sh[1]), 1e-13);
        }
    }

    /** The static polar fast path (unsorted, multiplies by 1/σ) against the naive Σ_{σ &gt; cut} uⱼvⱼᵀ from the instance. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("matrices")
    void polarFastPathMatchesTheFactors(String name, int rows, int cols, double[] a) {
        int r = Math.min(rows, cols);
        int s = Math.max(rows, cols);
        JacobiSvd svd = JacobiSvd.of(new Matrix(rows, cols, a));
        double[] sigma = svd.singularValues();
        double cut = r == 0 ? 0 : s * EPS * sigma[0];
        double[] naive = new double[rows * cols];
        double nuclear = 0;
        for (int j = 0; j < r; j++) {
            nuclear += sigma[j];
            if (sigma[j] <= cut) {
                continue;
            }
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < cols; k++) {
                    naive[i * cols + k] += svd.leftVectors()[j * rows + i] * svd.rightVectors()[j * cols + k];
                }
            }
        }
        double[] out = new double[rows * cols];
        double got = JacobiSvd.polarInto(a, rows, cols, out, new double[JacobiSvd.workspaceSize(rows, cols)]);
        assertTrue(TestMatrices.maxDiff(naive, out) <= 10 * s * EPS, name + ": " + TestMatrices.maxDiff(naive, out));
        assertEquals(nuclear, got, 10 * r * EPS * Math.max(nuclear, Double.MIN_NORMAL));
        // and out may alias a
        double[] alias = a.clone();
        JacobiSvd.polarInto(alias, rows, cols, alias, new double[JacobiSvd.workspaceSize(rows, cols)]);
        assertArrayEquals(out, alias, 0.0);
    }

    /** The static forms run the same sweeps as the instance: the same singular values to the last bit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("matrices")
    void staticAndInstanceFormsGiveTheSameBits(String name, int rows, int cols, double[] a) {
        assertArrayEquals(JacobiSvd.of(new Matrix(rows, cols, a)).singularValues(), JacobiSvd.singularValues(a, rows, cols), 0.0);
    }

    /** The Penrose conditions X X⁺ X = X, X⁺ X X⁺ = X⁺, (X X⁺)ᵀ = X X⁺, (X⁺X)ᵀ = X⁺X for the truncated pseudoinverse. */
    @ParameterizedTest
    @ValueSource(strings = {"random", "rank-deficient"})
    void pseudoInverseSatisfiesThePenroseConditions(String kind) {
        int n = 6;
        int d = 9;
        double[] x = kind.equals("random") ? TestMatrices.gaussian(41, n, d) : rankDeficient(42, n, d, 3);
        JacobiSvd svd = JacobiSvd.of(new Matrix(n, d, x));
        int rank = svd.rank(Math.max(n, d) * EPS);
        assertEquals(kind.equals("random") ? 6 : 3, rank);
        double[] pinv = new double[d * n]; // d × n, column i = X⁺ e_i
        double[] col = new double[d];
        for (int i = 0; i < n; i++) {
            double[] e = new double[n];
            e[i] = 1;
            svd.pseudoInverseTimes(rank, e, col);
            for (int t = 0; t < d; t++) {
                pinv[t * n + i] = col[t];
            }
        }
        double[] xp = TestMatrices.multiply(x, pinv, n, d, n);
        double[] px = TestMatrices.multiply(pinv, x, d, n, d);
        assertTrue(TestMatrices.maxDiff(TestMatrices.multiply(xp, x, n, n, d), x) <= 1e-13);
        assertTrue(TestMatrices.maxDiff(TestMatrices.multiply(px, pinv, d, d, n), pinv) <= 1e-13);
        assertTrue(TestMatrices.maxDiff(xp, TestMatrices.transpose(xp, n, n)) <= 1e-14);
        assertTrue(TestMatrices.maxDiff(px, TestMatrices.transpose(px, d, d)) <= 1e-14);
        assertThrows(IllegalArgumentException.class, () -> svd.pseudoInverseTimes(rank + (kind.equals("random") ? 1 : 4),
                new double[n], new double[d]));
    }

    @Test
    void emptyMatricesHaveNoSingularValues() {
        for (int[] sh : new int[][] {{0, 3}, {3, 0}, {0, 0}}) {
            JacobiSvd svd = new JacobiSvd(sh[0], sh[1]);
            assertTrue(svd.decompose(new double[0]));
            assertEquals(0, svd.singularValues().length);
            assertEquals(0, svd.rank(0.0));
            double[] out = new double[sh[1]];
            svd.pseudoInverseTimes(0, new double[sh[0]], out);
            assertEquals(0.0, JacobiSvd.spectralNorm(new double[0], sh[0], sh[1]));
        }
    }

    @Test
    void nonFiniteInputIsRejectedOrPropagated() {
        double[] a = TestMatrices.gaussian(51, 3, 2);
        a[3] = Double.NaN; // row 1, column 1
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JacobiSvd(3, 2).decompose(a));
        assertTrue(e.getMessage().contains("(1, 1)") && e.getMessage().contains("NaN"), e.getMessage());
        double[] out = new double[6];
        assertTrue(Double.isNaN(JacobiSvd.polarInto(a, 3, 2, out, new double[JacobiSvd.workspaceSize(3, 2)])));
        assertTrue(Arrays.stream(out).allMatch(Double::isNaN));
        assertTrue(Arrays.stream(JacobiSvd.singularValues(a, 3, 2)).allMatch(Double::isNaN));
    }

    @Test
    void badArgumentsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JacobiSvd(-1, 2));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new JacobiSvd(2, 2).decompose(new double[5]));
        assertTrue(e.getMessage().contains("5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JacobiSvd.of(new Matrix(2, 2, new double[4])).rank(-1e-3));
        assertTrue(e.getMessage().contains("-0.001"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JacobiSvd.polarInto(new double[6], 3, 2, new double[6], new double[3]));
        assertTrue(e.getMessage().contains("work"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
