package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SymmetricEigen}'s row-wise rotations (rows of A and of Vᵀ, SIMD when enabled) and its eigenvalues-only form
 * give the same bits as the textbook cyclic Jacobi with column loops ({@link TextbookJacobi}, the layout before).
 */
class SymmetricEigenLayoutTest {
    static Stream<Arguments> matrices() {
        double[] g = TestMatrices.gaussian(5, 37, 37);
        double[] sym = new double[37 * 37];
        for (int i = 0; i < 37; i++) {
            for (int j = 0; j < 37; j++) {
                sym[i * 37 + j] = g[i * 37 + j] + g[j * 37 + i];
            }
        }
        double[] graded = new double[12];
        for (int i = 0; i < graded.length; i++) {
            graded[i] = Math.pow(10, -1.5 * i);
        }
        return Stream.of(
                Arguments.of("symmetric gaussian 37 (odd: SIMD tail)", 37, sym),
                Arguments.of("positive semidefinite 64, rank 20", 64, TestMatrices.gram(7, 64, 20, 0.0)),
                Arguments.of("graded 12, κ = 1e16.5", 12, TestMatrices.symmetricWithEigenvalues(8, graded)),
                Arguments.of("7 (below the SIMD length)", 7, TestMatrices.gram(9, 7, 7, 0.5)),
                Arguments.of("1x1", 1, new double[] {-7}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrices")
    void sameBitsAsTheTextbookColumnLoops(String name, int d, double[] m) {
        TextbookJacobi ref = new TextbookJacobi(m, d);
        SymmetricEigen e = SymmetricEigen.of(m, d);
        assertEquals(ref.sweeps, e.sweeps(), name + ": sweeps");
        assertArrayEquals(ref.values, e.values(), 0.0, name + ": eigenvalues");
        assertArrayEquals(ref.vectors, e.vectors(), 0.0, name + ": eigenvectors");
        assertArrayEquals(ref.values, SymmetricEigen.eigenvalues(m, d), 0.0, name + ": eigenvalues only");
    }

    @Test
    void rotateRowsMatchesItsScalarLoop() {
        for (int n : new int[] {1, 3, 4, 5, 8, 11, 64, 67}) {
            double[] x = TestMatrices.gaussian(n, 3, n + 2);
            double[] y = x.clone();
            double c = Math.cos(0.7);
            double s = Math.sin(0.7);
            SymmetricEigen.rotateRows(x, 1, 2 * (n + 2) + 1, n, c, s);
            SymmetricEigen.rotateRowsScalar(y, 1, 2 * (n + 2) + 1, n, c, s);
            assertArrayEquals(y, x, 0.0, "n = " + n);
            if (Simd.ENABLED) {
                double[] z = TestMatrices.gaussian(n, 3, n + 2);
                VectorKernels.rotateRows(z, 1, 2 * (n + 2) + 1, n, c, s);
                assertArrayEquals(y, z, 0.0, "SIMD, n = " + n);
            }
        }
    }

    @Test
    void eigenvaluesOnlyHasNoVectorsAndChecksItsInput() {
        double[] m = {2, 1, 1, 3};
        assertTrue(SymmetricEigen.eigenvalues(m, 2)[0] < SymmetricEigen.eigenvalues(m, 2)[1]);
        assertTrue(Double.isNaN(SymmetricEigen.eigenvalues(new double[] {1, Double.NaN, 0, 1}, 2)[0]));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(m, 0));
        assertTrue(bad.getMessage().contains("got 0"), bad.getMessage());
    }

    /** The cyclic Jacobi method as written before the row layout: column loops over A and V (the reference). */
    static final class TextbookJacobi {
        final double[] values;
        final double[] vectors;
        int sweeps;
        private final int d;
        private final double[] a;
        private final double[] v;

        TextbookJacobi(double[] m, int d) {
            this.d = d;
            a = new double[d * d];
            v = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    a[i * d + j] = m[i * d + j];
                    a[j * d + i] = m[i * d + j];
                }
                v[i * d + i] = 1;
            }
            while (sweeps < 100) {
                double off = 0;
                double diag = 0;
                for (int p = 0; p < d; p++) {
                    diag += a[p * d + p] * a[p * d + p];
                    for (int q = p + 1; q < d; q++) {
                        off += a[p * d + q] * a[p * d + q];
                    }
                }
                if (off == 0 || off <= 1e-34 * diag) {
                    break;
                }
                for (int p = 0; p < d - 1; p++) {
                    for (int q = p + 1; q < d; q++) {
                        rotate(p, q);
                    }
                }
                sweeps++;
            }
            int[] order = new int[d];
            for (int i = 0; i < d; i++) {
                int key = i;
                int j = i - 1;
                while (j >= 0 && Double.compare(a[order[j] * d + order[j]], a[key * d + key]) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = key;
            }
            values = new double[d];
            vectors = new double[d * d];
            for (int k = 0; k < d; k++) {
                values[k] = a[order[k] * d + order[k]];
                for (int i = 0; i < d; i++) {
                    vectors[i * d + k] = v[i * d + order[k]];
                }
            }
        }

        private void rotate(int p, int q) {
            double apq = a[p * d + q];
            if (apq == 0) {
                return;
            }
            double app = a[p * d + p];
            double aqq = a[q * d + q];
            double theta = (aqq - app) / (2 * apq);
            double t = (theta >= 0 ? 1.0 : -1.0) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
            if (Double.isInfinite(theta * theta)) {
                t = 0.5 / theta;
            }
            double c = 1 / Math.sqrt(t * t + 1);
            double s = t * c;
            for (int k = 0; k < d; k++) {
                if (k == p || k == q) {
                    continue;
                }
                double akp = a[k * d + p];
                double akq = a[k * d + q];
                a[k * d + p] = c * akp - s * akq;
                a[p * d + k] = a[k * d + p];
                a[k * d + q] = s * akp + c * akq;
                a[q * d + k] = a[k * d + q];
            }
            a[p * d + p] = app - t * apq;
            a[q * d + q] = aqq + t * apq;
            a[p * d + q] = 0;
            a[q * d + p] = 0;
            for (int k = 0; k < d; k++) {
                double vkp = v[k * d + p];
                double vkq = v[k * d + q];
                v[k * d + p] = c * vkp - s * vkq;
                v[k * d + q] = s * vkp + c * vkq;
            }
        }
    }
}
