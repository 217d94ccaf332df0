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
import org.sgdlab.random.RandomStream;

/** {@link SymmetricEigen} against its definition AV = VΛ, VᵀV = I, and its eigenvalues against the SVD's. */
class SymmetricEigenTest {
    private static final double EPS = Math.ulp(1.0);

    static Stream<Arguments> matrices() {
        double[] graded = new double[8];
        for (int i = 0; i < graded.length; i++) {
            graded[i] = Math.pow(10, -2.0 * i);
        }
        double[] gaussian = TestMatrices.gaussian(1, 9, 9);
        double[] sym = new double[81];
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 9; j++) {
                sym[i * 9 + j] = gaussian[i * 9 + j] + gaussian[j * 9 + i];
            }
        }
        return Stream.of(
                Arguments.of("symmetric gaussian 9", 9, sym),
                Arguments.of("positive semidefinite, rank 3 of 8", 8, TestMatrices.gram(2, 8, 3, 0.0)),
                Arguments.of("ill-conditioned 8, κ = 1e14", 8, TestMatrices.symmetricWithEigenvalues(3, graded)),
                Arguments.of("repeated eigenvalues 1, 1, 1, 2, 2", 5,
                        TestMatrices.symmetricWithEigenvalues(4, new double[] {2, 1, 2, 1, 1})),
                Arguments.of("diagonal", 3, new double[] {3, 0, 0, 0, -1, 0, 0, 0, 2}),
                Arguments.of("1x1", 1, new double[] {-7}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrices")
    void eigenpairsSatisfyTheDefinition(String name, int d, double[] a) {
        double[] copy = a.clone();
        SymmetricEigen e = new SymmetricEigen(d);
        assertTrue(e.decompose(a), "converged");
        assertArrayEquals(copy, a, 0.0, "input not modified");
        double[] lam = e.values();
        double[] v = e.vectors();
        for (int k = 1; k < d; k++) {
            assertTrue(lam[k - 1] <= lam[k], "ascending: " + Arrays.toString(lam));
        }
        assertEquals(lam[0], e.min());
        assertEquals(lam[d - 1], e.max());
        double scale = Arrays.stream(lam).map(Math::abs).max().orElse(0);
        double[] av = TestMatrices.multiply(a, v, d, d, d);
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                assertEquals(v[i * d + k] * lam[k], av[i * d + k], 10 * d * EPS * scale, name + ": AV = VΛ at " + i + "," + k);
            }
        }
        assertTrue(TestMatrices.orthonormalityError(v, d, d) <= 10 * d * EPS, name + ": VᵀV = I");
    }

    /** Moved from RecurrenceTest (it tested the former JacobiEigen): VΛVᵀ = A with orthonormal V. */
    @Test
    void jacobiDecomposesASymmetricMatrix() {
        int d = 7;
        RandomStream r = new RandomStream(11);
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double x = r.gaussians(new double[1])[0];
                m[i * d + j] = x;
                m[j * d + i] = x;
            }
        }
        SymmetricEigen e = new SymmetricEigen(d);
        e.decompose(m);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double rec = 0;
                double orth = 0;
                for (int k = 0; k < d; k++) {
                    rec += e.vectors()[i * d + k] * e.values()[k] * e.vectors()[j * d + k];
                    orth += e.vectors()[k * d + i] * e.vectors()[k * d + j];
                }
                assertEquals(m[i * d + j], rec, 1e-13, "VΛVᵀ = A at " + i + "," + j);
                assertEquals(i == j ? 1 : 0, orth, 1e-14, "VᵀV = I at " + i + "," + j);
            }
        }
    }

    /** Known eigenvalues, and for a positive semidefinite A the independent check λ(A) = σ(A) from the SVD. */
    @Test
    void eigenvaluesMatchKnownValuesAndTheSingularValues() {
        double[] lambda = {5, 0.5, 3, 1e-3, 2, 2};
        double[] a = TestMatrices.symmetricWithEigenvalues(41, lambda);
        double[] sorted = lambda.clone();
        Arrays.sort(sorted);
        SymmetricEigen e = SymmetricEigen.of(a, 6);
        assertArrayEquals(sorted, e.values(), 20 * EPS * 5);
        double[] sv = JacobiSvd.singularValues(a, 6, 6);
        for (int k = 0; k < 6; k++) {
            assertEquals(sv[5 - k], e.values()[k], 20 * EPS * 5, "λ_" + k + " = σ_" + (5 - k));
        }
        // the rank-deficient Gram matrix: 5 eigenvalues at rounding level, 3 positive
        double[] g = TestMatrices.gram(2, 8, 3, 0.0);
        SymmetricEigen eg = SymmetricEigen.of(g, 8);
        for (int k = 0; k < 5; k++) {
            assertTrue(Math.abs(eg.values()[k]) <= 50 * EPS * eg.max(), "λ_" + k + " = " + eg.values()[k]);
        }
        assertTrue(eg.values()[5] > 1e-3 * eg.max());
    }

    /** The one-shot form and a reused instance give the same bits. */
    @Test
    void ofAndAReusedInstanceGiveTheSameBits() {
        double[] a = TestMatrices.gram(51, 6, 6, 0.1);
        double[] b = TestMatrices.gram(52, 6, 2, 0.0);
        SymmetricEigen reused = new SymmetricEigen(6);
        reused.decompose(b);
        reused.decompose(a);
        SymmetricEigen fresh = SymmetricEigen.of(a, 6);
        assertArrayEquals(fresh.values(), reused.values(), 0.0);
        assertArrayEquals(fresh.vectors(), reused.vectors(), 0.0);
        assertEquals(fresh.sweeps(), reused.sweeps());
    }

    @Test
    void nonFiniteInputGivesNaNAndNoConvergence() {
        double[] a = {1, 2, 2, Double.POSITIVE_INFINITY};
        SymmetricEigen e = new SymmetricEigen(2);
        assertFalse(e.decompose(a));
        assertFalse(e.converged());
        assertTrue(Double.isNaN(e.values()[0]) && Double.isNaN(e.vectors()[3]));
        assertTrue(e.decompose(new double[] {1, 2, 2, 1}));
        assertArrayEquals(new double[] {-1, 3}, e.values(), 1e-15);
    }

    @Test
    void badArgumentsNameTheValue() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> new SymmetricEigen(0));
        assertTrue(x.getMessage().contains("0"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> new SymmetricEigen(3).decompose(new double[8]));
        assertTrue(x.getMessage().contains("8"), x.getMessage());
    }
}
