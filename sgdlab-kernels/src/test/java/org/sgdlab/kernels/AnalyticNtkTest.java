package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The recursion against hand-derived closed forms (docs/ntk.md) and its own structure. */
class AnalyticNtkTest {
    /** Two-layer ReLU, He (c_σ = 2), both layers, unit inputs at angle θ: (2(π − θ) cos θ + sin θ)/π. */
    static double twoLayerHe(double theta) {
        return (2 * (Math.PI - theta) * Math.cos(theta) + Math.sin(theta)) / Math.PI;
    }

    @Test
    void twoLayerReluHeMatchesTheClosedForm() {
        AnalyticNtk k = AnalyticNtk.relu(2);
        for (double t : KernelTestData.ANGLES) {
            assertEquals(twoLayerHe(t), k.fromInnerProducts(1, 1, Math.cos(t)), 1e-15, "θ = " + t);
        }
        assertEquals(2.0, k.fromInnerProducts(1, 1, 1), 0.0);
    }

    @Test
    void firstLayerOnlyIsTheCorrectedEquation98() {
        // 002 §9.2: f = (1/√m) Σ a_r σ(w_rᵀx), first layer trained, c_σ = 1:
        // H*ᵢⱼ = xᵢᵀxⱼ (π − arccos ρ)/(2π); the printed eq. 9.8 drops the factor xᵢᵀxⱼ.
        AnalyticNtk k = AnalyticNtk.builder(2).cSigma(1).firstLayerOnly().build();
        double[][] pairs = {{1, 1, 0.5}, {4, 9, -3}, {2, 3, 2.4}, {1, 1, 0}};
        for (double[] p : pairs) {
            double rho = p[2] / Math.sqrt(p[0] * p[1]);
            double corrected = p[2] * (Math.PI - Math.acos(rho)) / (2 * Math.PI);
            double misprint = (Math.PI - Math.acos(rho)) / (2 * Math.PI);
            assertEquals(corrected, k.fromInnerProducts(p[0], p[1], p[2]), 1e-15);
            if (p[2] != 1) {
                assertTrue(Math.abs(misprint - k.fromInnerProducts(p[0], p[1], p[2])) > 0.05, "differs from the misprint");
            }
        }
    }

    @Test
    void reluHeDiagonalIsDepthTimesTheSquaredNorm() {
        // Σ^{(h)}(x, x) = ‖x‖² and Σ̇^{(h)}(x, x) = 1 for every h, so each of the D terms is ‖x‖².
        for (int depth = 1; depth <= 6; depth++) {
            for (double sq : new double[] {2.5, 0.3, 7.1, 1e-3}) {
                // exact: the correlation stays exactly 1 through the layers (ReluDual's step is exactly 1/2 at θ = 0)
                assertEquals(depth * sq, AnalyticNtk.relu(depth).fromInnerProducts(sq, sq, sq), 2 * depth * Math.ulp(depth * sq),
                        "D=" + depth + ", ‖x‖² = " + sq);
            }
        }
    }

    @Test
    void depthThreeReluByHandAtRightAngle() {
        // x ⟂ x′, unit: Σ⁰ = 0, Σ̇¹ = 1/2, Σ¹ = 1/π; ρ₂ = 1/π: Σ̇² = (π − arccos(1/π))/π,
        // Σ² = (√(1 − 1/π²) + (π − arccos(1/π))/π)/π; Θ = Σ¹·Σ̇² + Σ².
        double r = 1 / Math.PI;
        double dot2 = (Math.PI - Math.acos(r)) / Math.PI;
        double s2 = (Math.sqrt(1 - r * r) + (Math.PI - Math.acos(r)) * r) / Math.PI;
        assertEquals(r * dot2 + s2, AnalyticNtk.relu(3).fromInnerProducts(1, 1, 0), 1e-15);
        assertEquals(s2, AnalyticNtk.builder(3).lastLayerOnly().build().fromInnerProducts(1, 1, 0), 1e-15);
        assertEquals(s2, AnalyticNtk.relu(3).nngp(1, 1, 0), 1e-15);
        assertEquals(0.0, AnalyticNtk.builder(3).firstLayerOnly().build().fromInnerProducts(1, 1, 0), 0.0);
    }

    @Test
    void variantsSumToTheAllLayersKernel() {
        for (int depth = 2; depth <= 4; depth++) {
            for (double c : new double[] {-0.8, 0.1, 0.7}) {
                double sum = 0;
                for (int h = 1; h <= depth; h++) {
                    sum += AnalyticNtk.builder(depth).trainOnly(h).build().fromInnerProducts(1.3, 0.9, c);
                }
                assertEquals(AnalyticNtk.relu(depth).fromInnerProducts(1.3, 0.9, c), sum, 1e-14);
            }
        }
    }

    @Test
    void standardParameterizationWeighsLayerHByItsFanInOverCSigma() {
        int depth = 3;
        int[] widths = {50, 80};
        AnalyticNtk sp = AnalyticNtk.builder(depth).parameterization(Parameterization.STANDARD).hiddenWidths(widths).build();
        double expected = 0;
        for (int h = 1; h <= depth; h++) {
            double s = h == 1 ? 1 : widths[h - 2] / 2.0;
            expected += s * AnalyticNtk.builder(depth).trainOnly(h).build().fromInnerProducts(1, 2, 0.4);
        }
        assertEquals(expected, sp.fromInnerProducts(1, 2, 0.4), 1e-12 * expected);
    }

    @Test
    void erfByQuadratureMatchesErfInClosedForm() {
        AnalyticNtk closed = AnalyticNtk.builder(3).activation(new ErfDual()).build();
        AnalyticNtk quad = AnalyticNtk.builder(3).activation(QuadratureDual.erf(96)).cSigma(closed.cSigma()).build();
        for (double c : new double[] {-0.9, 0, 0.5, 1}) {
            assertEquals(closed.fromInnerProducts(1, 1, c), quad.fromInnerProducts(1, 1, c), 1e-10, "ρ = " + c);
        }
    }

    @Test
    void tanhKernelIsPositiveSemidefiniteOnRandomPoints() {
        AnalyticNtk k = AnalyticNtk.builder(3).activation(QuadratureDual.tanh(32)).build();
        double[] g = GramMatrix.symmetric(k, KernelTestData.gaussian(3, 12, 4));
        double max = 0;
        for (int i = 0; i < 12; i++) {
            max = Math.max(max, g[i * 12 + i]);
        }
        assertTrue(KernelTestData.minEigenvalue(g, 12) > -1e-12 * max);
    }

    @Test
    void badArgumentsAreRejectedWithTheirValues() {
        assertMessage(() -> AnalyticNtk.builder(0), "got 0");
        assertMessage(() -> AnalyticNtk.builder(2).cSigma(-1), "got -1.0");
        assertMessage(() -> AnalyticNtk.builder(2).trainOnly(3), "got 3");
        assertMessage(() -> AnalyticNtk.builder(3).parameterization(Parameterization.STANDARD).build(), "width");
        assertMessage(() -> AnalyticNtk.builder(3).parameterization(Parameterization.STANDARD).hiddenWidths(10).build(),
                "[10]");
        assertMessage(() -> AnalyticNtk.builder(2).hiddenWidths(0), "got 0");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
