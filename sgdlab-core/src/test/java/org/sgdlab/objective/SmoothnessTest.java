package org.sgdlab.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.Transpose;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.HingeLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.SquaredHingeLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;

/** The automatic step size: the CLI's former formula bit for bit, and a step the descent lemma accepts. */
class SmoothnessTest {
    private static final Loss[] SMOOTH = {SquaredLoss.INSTANCE, LogisticLoss.INSTANCE, ExponentialLoss.INSTANCE,
        SquaredHingeLoss.INSTANCE};

    /**
     * {@code sgdlab train}'s autoLearningRate before it moved here (c by the loss's identity), as the reference; σ_max²
     * now from the Gram matrix (checked against an SVD below).
     */
    private static double formerCliRate(Dataset d, Loss l, Reduction red, boolean intercept, boolean fullBatch) {
        double c = l == LogisticLoss.INSTANCE ? 0.25 : l == SquaredHingeLoss.INSTANCE ? 2.0 : 1.0;
        int n = d.n();
        double big = fullBatch
                ? Smoothness.sigmaMaxSquaredByGram(d, intercept, rows -> { }) * (red == Reduction.MEAN ? 1.0 / n : 1.0)
                : Smoothness.maxRowNormSquared(d, intercept) * (red == Reduction.SUM ? n : 1.0);
        return 1.0 / (c * big);
    }

    @Test
    void autoLearningRateIsTheFormerCliFormulaBitForBit() {
        Dataset data = Generators.separableGaussians(37, 6, 0.5, 11);
        for (Loss l : SMOOTH) {
            for (Reduction red : Reduction.values()) {
                for (boolean intercept : new boolean[] {false, true}) {
                    double full = Smoothness.autoLearningRate(data, l, red, intercept, Samplers.fullBatch(data.n()));
                    double batch = Smoothness.autoLearningRate(data, l, red, intercept,
                            Samplers.withReplacement(data.n(), 4, new RandomStream(1)));
                    String what = l.name() + " " + red + (intercept ? " intercept" : "");
                    assertEquals(formerCliRate(data, l, red, intercept, true), full, 0.0, what + " full batch");
                    assertEquals(formerCliRate(data, l, red, intercept, false), batch, 0.0, what + " minibatch");
                }
            }
        }
    }

    /**
     * η = 1/L is a step the descent lemma accepts: f(w − η∇f) ≤ f(w) − (η/2)‖∇f(w)‖² at random points (for an
     * L-smooth f; Nesterov, Introductory Lectures, Lemma 1.2.3), full batch and for single terms.
     */
    @Test
    void theStepSatisfiesTheDescentLemma() {
        Dataset data = Generators.separableGaussians(25, 4, 0.3, 5);
        RandomStream r = new RandomStream(9);
        for (Loss l : new Loss[] {SquaredLoss.INSTANCE, LogisticLoss.INSTANCE, SquaredHingeLoss.INSTANCE}) {
            for (Reduction red : Reduction.values()) {
                EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(data.d(), true), l, red);
                double etaFull = Smoothness.autoLearningRate(data, l, red, true, Samplers.fullBatch(data.n()));
                double etaOne = Smoothness.autoLearningRate(data, l, red, true,
                        Samplers.withReplacement(data.n(), 1, new RandomStream(2)));
                for (int k = 0; k < 20; k++) {
                    double[] w = r.gaussians(new double[f.dimension()]);
                    double[] g = new double[w.length];
                    double fw = f.gradient(w, g);
                    assertDescent(fw, g, etaFull, w, x -> f.value(x), l.name() + " " + red + " full");
                    int[] one = {k % data.n()};
                    double fi = f.minibatchGradient(w, one, 1, g);
                    assertDescent(fi, g, etaOne, w, x -> f.minibatchGradient(x, one, 1, new double[x.length]),
                            l.name() + " " + red + " term " + one[0]);
                }
            }
        }
    }

    private static void assertDescent(double fw, double[] g, double eta, double[] w,
                                      java.util.function.ToDoubleFunction<double[]> f, String what) {
        double[] next = w.clone();
        double g2 = 0;
        for (int j = 0; j < w.length; j++) {
            next[j] -= eta * g[j];
            g2 += g[j] * g[j];
        }
        double bound = fw - eta / 2 * g2;
        assertTrue(f.applyAsDouble(next) <= bound + 1e-12 * Math.max(1, Math.abs(fw)),
                what + ": f(w − η∇f) = " + f.applyAsDouble(next) + " above " + bound);
    }

    @Test
    void theExponentialLossUsesItsCurvatureAtZeroAndTheHingeIsRefused() {
        assertEquals(1.0, Smoothness.stepSizeCurvature(ExponentialLoss.INSTANCE), 0.0);
        Dataset data = Generators.separableGaussians(10, 3, 0.5, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Smoothness.autoLearningRate(data,
                HingeLoss.INSTANCE, Reduction.MEAN, false, Samplers.fullBatch(data.n())));
        assertTrue(e.getMessage().contains("hinge"), e.getMessage());
    }

    /** [X 1] or X as a row-major array. */
    private static double[] augmented(Dataset data, boolean intercept) {
        int n = data.n();
        int d = data.d();
        int p = intercept ? d + 1 : d;
        double[] a = new double[n * p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.x().data(), i * d, a, i * p, d);
            if (intercept) {
                a[i * p + d] = 1.0;
            }
        }
        return a;
    }

    private static Dataset gaussian(int n, int d, long seed) {
        RandomStream r = new RandomStream(seed);
        return new Dataset("gaussian", new Matrix(n, d, r.gaussians(new double[n * d])), new double[n]);
    }

    /**
     * σ_max² from the Gram matrix equals the largest singular value of X̃ squared from an independent method (one-sided
     * Jacobi SVD of X̃ itself, no Gram matrix) to 1e-13 relative: tall data (p × p Gram), wide data (n × n Gram), with
     * and without the intercept column, and isotropic data, where power iteration needs thousands of iterations.
     */
    @Test
    void theGramValueIsTheSquaredLargestSingularValue() {
        List<Dataset> sets = new ArrayList<>(List.of(gaussian(400, 7, 3), gaussian(6, 300, 4), gaussian(600, 20, 5),
                Generators.separableGaussians(37, 6, 0.5, 11), Generators.underdeterminedRegression(20, 80, 0.1, 2)));
        for (Dataset data : sets) {
            for (boolean intercept : new boolean[] {false, true}) {
                int p = data.d() + (intercept ? 1 : 0);
                double sv = JacobiSvd.spectralNorm(augmented(data, intercept), data.n(), p);
                double gram = Smoothness.sigmaMaxSquaredByGram(data, intercept, rows -> { });
                String what = data.n() + " × " + p;
                assertEquals(sv * sv, gram, 1e-13 * sv * sv, what);
            }
        }
    }

    /** Where power iteration converges quickly (a dominant direction), it agrees with the Gram value to 1e-11. */
    @Test
    void theGramValueAgreesWithPowerIteration() {
        Dataset data = Generators.separableGaussians(300, 9, 0.5, 7);
        for (boolean intercept : new boolean[] {false, true}) {
            double power = Smoothness.sigmaMaxSquared(data, intercept);
            assertEquals(power, Smoothness.sigmaMaxSquaredByGram(data, intercept, rows -> { }), 1e-11 * power);
        }
    }

    /**
     * Above the Gram limit on both sides the power iteration runs (same bits as {@link Smoothness#sigmaMaxSquared});
     * the Gram formed in blocks of 2¹⁵ rows has the bits of one product over all rows; progress ends at n.
     */
    @Test
    void largeSidesFallBackAndBlocksDoNotChangeTheBits() {
        Dataset small = gaussian(12, 9, 8);
        assertEquals(Smoothness.sigmaMaxSquared(small, true), Smoothness.sigmaMaxSquaredByGram(small, true, r -> { }, 5), 0.0);

        Dataset tall = gaussian(70_000, 3, 9);
        long[] last = {-1};
        int[] calls = {0};
        double blocked = Smoothness.sigmaMaxSquaredByGram(tall, false, rows -> {
            assertTrue(rows > last[0], "rows done increase");
            last[0] = rows;
            calls[0]++;
        });
        assertEquals(70_000, last[0]);
        assertEquals(3, calls[0], "blocks of 2^15 rows");
        double[] g = new double[9];
        Gemm.multiply(Transpose.T, Transpose.N, 3, 3, 70_000, tall.x().data(), 0, 3, tall.x().data(), 0, 3, g, 0, 3);
        assertEquals(org.sgdlab.linalg.SymmetricEigen.of(g, 3).max(), blocked, 0.0);
    }
}
