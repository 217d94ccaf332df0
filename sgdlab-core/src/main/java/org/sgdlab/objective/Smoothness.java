package org.sgdlab.objective;

import java.util.Arrays;
import java.util.OptionalDouble;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.Loss;
import org.sgdlab.sample.Sampler;

/**
 * Smoothness constants of linear-model objectives, used to pick stable step sizes η = 1/L.
 * For L(w) = Σᵢ ℓ(⟨w, x̃ᵢ⟩, yᵢ) with ∂²ℓ/∂p² ≤ c (x̃ᵢ = xᵢ, or (xᵢ, 1) with an intercept),
 * ∇²L = X̃ᵀ diag(∂²ℓ/∂p²) X̃ ≤ c·σ_max(X̃)², and a single term is c·‖x̃ᵢ‖²-smooth (Nesterov, Introductory Lectures,
 * §2.1); c is the loss's curvature bound ({@link Loss#curvatureBound}).
 *
 * <p>Entry point for step sizes: {@link #autoLearningRate} (what {@code sgdlab train --lr auto} uses).
 */
public final class Smoothness {
    private Smoothness() {
    }

    /** σ_max(X̃)² = λ_max(X̃ᵀX̃) by power iteration on X̃ᵀX̃ from a deterministic start, to 1e-12 relative. */
    public static double sigmaMaxSquared(Dataset data, boolean intercept) {
        Matrix x = data.x();
        int d = x.cols();
        int p = intercept ? d + 1 : d;
        double[] v = new double[p];
        Arrays.fill(v, 1.0 / Math.sqrt(p));
        double[] xv = new double[x.rows()];
        double[] u = new double[p];
        double lambda = 0;
        for (int it = 0; it < 10_000; it++) {
            double b = intercept ? v[d] : 0;
            Kernels.gemv(x, v, xv);
            double sum = 0;
            for (int i = 0; i < xv.length; i++) {
                xv[i] += b;
                sum += xv[i];
            }
            Kernels.gemvTransposed(x, xv, u);
            if (intercept) {
                u[d] = sum;
            }
            double norm = Kernels.norm2(u);
            if (norm == 0) {
                return 0;
            }
            for (int j = 0; j < p; j++) {
                v[j] = u[j] / norm;
            }
            if (Math.abs(norm - lambda) <= 1e-12 * norm) {
                return norm;
            }
            lambda = norm;
        }
        return lambda;
    }

    /** maxᵢ ‖x̃ᵢ‖². */
    public static double maxRowNormSquared(Dataset data, boolean intercept) {
        Matrix x = data.x();
        double m = 0;
        for (int i = 0; i < x.rows(); i++) {
            double s = Kernels.dot(x.data(), i * x.cols(), x.data(), i * x.cols(), x.cols());
            m = Math.max(m, s + (intercept ? 1 : 0));
        }
        return m;
    }

    /**
     * The step size η = 1/L of {@code sgdlab train --lr auto} for the risk of a linear model on {@code data} (not
     * modified) trained with batches from {@code sampler} (only asked whether it is full-batch; not advanced):
     * <ul>
     *   <li>full batch: L = {@link #fullBatchSmoothness} = c·σ_max(X̃)² for {@link Reduction#SUM}, c·σ_max(X̃)²/n for
     *       {@link Reduction#MEAN};</li>
     *   <li>stochastic batches: L = {@link #stochasticSmoothness} = c·maxᵢ‖x̃ᵢ‖²·n for SUM, c·maxᵢ‖x̃ᵢ‖² for MEAN,</li>
     * </ul>
     * with c = {@link #stepSizeCurvature}{@code (loss)}. GD with η = 1/L on an L-smooth objective decreases it at
     * every step (the descent lemma, Nesterov §1.2.3, needs η &lt; 2/L).
     *
     * @throws IllegalArgumentException when the loss has no curvature bound (hinge)
     */
    public static double autoLearningRate(Dataset data, Loss loss, Reduction reduction, boolean intercept, Sampler sampler) {
        double l = sampler.fullBatch() ? fullBatchSmoothness(data, loss, reduction, intercept)
                : stochasticSmoothness(data, loss, reduction, intercept);
        return 1.0 / l;
    }

    /**
     * L of the full-batch risk: c·σ_max(X̃)², divided by n for {@link Reduction#MEAN}; c = {@link #stepSizeCurvature}.
     *
     * @throws IllegalArgumentException when the loss has no curvature bound (hinge)
     */
    public static double fullBatchSmoothness(Dataset data, Loss loss, Reduction reduction, boolean intercept) {
        double c = stepSizeCurvature(loss);
        return c * (sigmaMaxSquared(data, intercept) * (reduction == Reduction.MEAN ? 1.0 / data.n() : 1.0));
    }

    /**
     * L of every minibatch estimate k·Σ_{i∈B} ℓᵢ (k = {@link Reduction#batchScale}(b, n), any batch B of b terms):
     * its Hessian is at most k·b·c·maxᵢ‖x̃ᵢ‖², and k·b is n for {@link Reduction#SUM}, 1 for {@link Reduction#MEAN}.
     *
     * @throws IllegalArgumentException when the loss has no curvature bound (hinge)
     */
    public static double stochasticSmoothness(Dataset data, Loss loss, Reduction reduction, boolean intercept) {
        double c = stepSizeCurvature(loss);
        return c * (maxRowNormSquared(data, intercept) * (reduction == Reduction.SUM ? data.n() : 1.0));
    }

    /**
     * The curvature c behind the step sizes above: {@link Loss#curvatureBoundOnNonnegativeMargins()}, which is the
     * global bound {@link Loss#curvatureBound()} where one exists (squared 1, logistic ¼, squared hinge 2) and the
     * curvature at w = 0 for the exponential loss (1; it holds while every margin stays ≥ 0).
     *
     * @throws IllegalArgumentException when the loss has none (hinge)
     */
    public static double stepSizeCurvature(Loss loss) {
        OptionalDouble c = loss.curvatureBoundOnNonnegativeMargins();
        if (c.isEmpty()) {
            throw new IllegalArgumentException("a step size 1/L needs a smooth loss; the " + loss.name()
                    + " loss has no curvature bound");
        }
        return c.getAsDouble();
    }
}
