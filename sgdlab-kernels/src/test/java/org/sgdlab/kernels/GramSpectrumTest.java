package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GramSpectrumTest {
    @Test
    void reconstructsTheGramMatrixWithDescendingEigenvalues() {
        int n = 25;
        double[] g = GramMatrix.symmetric(AnalyticNtk.relu(3), KernelTestData.gaussian(51, n, 4));
        GramSpectrum s = GramSpectrum.of(g, n);
        assertTrue(s.converged());
        double[] l = s.values();
        double[] v = s.vectors();
        for (int k = 1; k < n; k++) {
            assertTrue(l[k] <= l[k - 1]);
        }
        double max = l[0];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double r = 0;
                for (int k = 0; k < n; k++) {
                    r += v[i * n + k] * l[k] * v[j * n + k];
                }
                assertEquals(g[i * n + j], r, 1e-12 * max);
            }
        }
        // Projections: Σ (vₖᵀy)² = ‖y‖², and y = Σ (vₖᵀy) vₖ.
        double[] y = KernelRidgeTest.targets(52, n);
        double[] p = s.projections(y);
        double a = 0;
        double b = 0;
        for (int i = 0; i < n; i++) {
            a += p[i] * p[i];
            b += y[i] * y[i];
        }
        assertEquals(b, a, 1e-12 * b);
        AnalyticNtkTest.assertMessage(() -> s.projections(new double[3]), "got 3");
    }
}
