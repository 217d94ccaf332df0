package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hager's estimate of ‖A⁻¹‖₁: exact on diagonal matrices, within [‖A⁻¹‖₁/3, ‖A⁻¹‖₁] on random SPD ones. */
class InverseNormEstimateTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 40})
    void diagonalMatricesAreEstimatedExactly(int n) {
        Random rnd = new Random(n);
        double[] d = new double[n];
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            d[i] = 0.01 + rnd.nextDouble();
            min = Math.min(min, d[i]);
        }
        double est = InverseNormEstimate.of(n, v -> {
            for (int i = 0; i < n; i++) {
                v[i] /= d[i];
            }
        }, new double[n], new double[n]);
        assertEquals(1 / min, est, 1e-15 / min);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 10, 30})
    void randomSpdMatricesAreEstimatedWithinAFactorOfThreeFromBelow(int n) {
        for (int seed = 0; seed < 20; seed++) {
            Random rnd = new Random(1000L * n + seed);
            double[] b = new double[n * n];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextGaussian();
            }
            double[] a = new double[n * n]; // A = BBᵀ + 1e-3·I
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? 1e-3 : 0;
                    for (int k = 0; k < n; k++) {
                        s += b[i * n + k] * b[j * n + k];
                    }
                    a[i * n + j] = s;
                }
            }
            Cholesky c = new Cholesky(n);
            assertTrue(c.decompose(a, 0.0));
            double exact = 0; // ‖A⁻¹‖₁: the largest column sum of |A⁻¹|, column by column
            double[] e = new double[n];
            for (int j = 0; j < n; j++) {
                java.util.Arrays.fill(e, 0);
                e[j] = 1;
                c.solve(e, e);
                double s = 0;
                for (double v : e) {
                    s += Math.abs(v);
                }
                exact = Math.max(exact, s);
            }
            double est = InverseNormEstimate.of(n, v -> c.solve(v, v), new double[n], new double[n]);
            assertTrue(est <= exact * (1 + 1e-9) && est >= exact / 3, "n=" + n + " seed=" + seed + ": " + est + " vs " + exact);
        }
    }
}
