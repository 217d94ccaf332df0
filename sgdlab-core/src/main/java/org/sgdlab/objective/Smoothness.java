package org.sgdlab.objective;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.function.LongConsumer;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.SymmetricEigen;
import org.sgdlab.linalg.Transpose;
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
    /**
     * Largest side of the Gram matrix {@link #sigmaMaxSquaredByGram} forms (p × p or n × n): a Jacobi sweep costs
     * O(side³), about 0.1 s at 256. Above it on both sides, power iteration.
     */
    static final int GRAM_LIMIT = 256;
    /** Rows per Gram block between two progress reports. */
    private static final int GRAM_BLOCK_ROWS = 1 << 15;
    private static final LongConsumer NO_PROGRESS = rows -> { };

    private Smoothness() {
    }

    /**
     * σ_max(X̃)² = λ_max(X̃ᵀX̃) by power iteration on X̃ᵀX̃ from a deterministic start, stopped when an iterate changes
     * the estimate by at most 1e-12 relative. Kept for the claims, whose step sizes are fixed to its bits; its cost is
     * two passes over X per iteration and the iterations grow as (λ₂/λ₁)ⁱ decays slowly (thousands on isotropic data),
     * so {@code --lr auto} uses {@link #sigmaMaxSquaredByGram} instead.
     */
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

    /**
     * σ_max(X̃)² = λ_max(X̃ᵀX̃) from the smaller Gram matrix, with X̃ = X or [X 1] ({@code intercept}); {@code data} is
     * not modified. With p = d (+1) columns: when p ≤ {@value #GRAM_LIMIT}, G = X̃ᵀX̃ (p × p) in one pass over the
     * rows, in blocks of 2¹⁵ rows with a progress report after each ({@link Gemm#multiplyAdd}: every entry one chain of
     * fused multiply-adds in row order, so the blocking does not change the bits); else when n ≤ {@value #GRAM_LIMIT},
     * K = X̃X̃ᵀ (n × n), which has the same nonzero eigenvalues; then λ_max by the Jacobi method
     * ({@link SymmetricEigen}). When both sides exceed the limit: {@link #sigmaMaxSquared} (power iteration).
     *
     * <p>Accuracy: forming G commits |ΔG_jk| ≤ γ_n Σᵢ|x̃ᵢⱼx̃ᵢₖ| (γ_n = nu/(1 − nu), u = 2⁻⁵³; Higham, <i>Accuracy and
     * Stability of Numerical Algorithms</i>, 2nd ed., §3.1), so ‖ΔG‖₂ ≤ γ_n‖|X̃|‖₂² ≤ γ_n·p·σ_max²; Jacobi is
     * backward stable (its eigenvalues are those of G + E, ‖E‖₂ = O(u)‖G‖₂; Golub &amp; Van Loan §8.5), and
     * eigenvalues of symmetric matrices move by at most the perturbation's norm (Weyl). So the relative error is at most
     * about n·p·u (2·10⁻⁹ at 2·10⁵ × 51), typically √n·u; the power iteration's stopping rule bounds no error. One pass
     * over X instead of two per power iteration: 0.2 s instead of a minute on 2·10⁵ isotropic rows of 50.
     *
     * @param rowsDone told the rows done (of n) after each block while G is formed (not called for the n × n Gram)
     */
    public static double sigmaMaxSquaredByGram(Dataset data, boolean intercept, LongConsumer rowsDone) {
        return sigmaMaxSquaredByGram(data, intercept, rowsDone, GRAM_LIMIT);
    }

    static double sigmaMaxSquaredByGram(Dataset data, boolean intercept, LongConsumer rowsDone, int limit) {
        Matrix x = data.x();
        int n = x.rows();
        int d = x.cols();
        int p = intercept ? d + 1 : d;
        if (n == 0 || p == 0) {
            return 0;
        }
        double[] gram;
        int side;
        if (p <= limit) {
            side = p;
            gram = new double[p * p];
            double[] colSums = new double[d];
            for (int from = 0; from < n; from += GRAM_BLOCK_ROWS) {
                int rows = Math.min(GRAM_BLOCK_ROWS, n - from);
                // G[0:d, 0:d] += X[from:from+rows]ᵀ X[from:from+rows]
                Gemm.multiplyAdd(Transpose.T, Transpose.N, d, d, rows, x.data(), from * d, d, x.data(), from * d, d,
                        gram, 0, p);
                if (intercept) {
                    for (int i = from; i < from + rows; i++) {
                        for (int j = 0; j < d; j++) {
                            colSums[j] += x.data()[i * d + j];
                        }
                    }
                }
                rowsDone.accept(from + rows);
            }
            if (intercept) {
                for (int j = 0; j < d; j++) {
                    gram[j * p + d] = colSums[j];
                    gram[d * p + j] = colSums[j];
                }
                gram[d * p + d] = n;
            }
        } else if (n <= limit) {
            side = n;
            gram = new double[n * n];
            Gemm.multiply(Transpose.N, Transpose.T, n, n, d, x.data(), 0, d, x.data(), 0, d, gram, 0, n);
            if (intercept) { // [X 1][X 1]ᵀ = XXᵀ + 11ᵀ
                for (int k = 0; k < gram.length; k++) {
                    gram[k] += 1.0;
                }
            }
        } else {
            return sigmaMaxSquared(data, intercept);
        }
        SymmetricEigen eigen = SymmetricEigen.of(gram, side);
        if (!eigen.converged()) {
            throw new ArithmeticException("the eigenvalues of the " + side + " × " + side
                    + " Gram matrix did not converge (non-finite data?)");
        }
        return Math.max(0.0, eigen.max());
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
     *       {@link Reduction#MEAN} (σ_max² by {@link #sigmaMaxSquaredByGram});</li>
     *   <li>stochastic batches: L = {@link #stochasticSmoothness} = c·maxᵢ‖x̃ᵢ‖²·n for SUM, c·maxᵢ‖x̃ᵢ‖² for MEAN,</li>
     * </ul>
     * with c = {@link #stepSizeCurvature}{@code (loss)}. GD with η = 1/L on an L-smooth objective decreases it at
     * every step (the descent lemma, Nesterov §1.2.3, needs η &lt; 2/L).
     *
     * @throws IllegalArgumentException when the loss has no curvature bound (hinge)
     */
    public static double autoLearningRate(Dataset data, Loss loss, Reduction reduction, boolean intercept, Sampler sampler) {
        return autoLearningRate(data, loss, reduction, intercept, sampler, NO_PROGRESS);
    }

    /** {@link #autoLearningRate(Dataset, Loss, Reduction, boolean, Sampler)}, {@code rowsDone} told the rows done of the full-batch pass. */
    public static double autoLearningRate(Dataset data, Loss loss, Reduction reduction, boolean intercept, Sampler sampler,
                                          LongConsumer rowsDone) {
        double l = sampler.fullBatch() ? fullBatchSmoothness(data, loss, reduction, intercept, rowsDone)
                : stochasticSmoothness(data, loss, reduction, intercept);
        return 1.0 / l;
    }

    /**
     * L of the full-batch risk: c·σ_max(X̃)², divided by n for {@link Reduction#MEAN}; c = {@link #stepSizeCurvature},
     * σ_max² = {@link #sigmaMaxSquaredByGram}.
     *
     * @throws IllegalArgumentException when the loss has no curvature bound (hinge)
     */
    public static double fullBatchSmoothness(Dataset data, Loss loss, Reduction reduction, boolean intercept) {
        return fullBatchSmoothness(data, loss, reduction, intercept, NO_PROGRESS);
    }

    private static double fullBatchSmoothness(Dataset data, Loss loss, Reduction reduction, boolean intercept,
                                              LongConsumer rowsDone) {
        double c = stepSizeCurvature(loss);
        return c * (sigmaMaxSquaredByGram(data, intercept, rowsDone) * (reduction == Reduction.MEAN ? 1.0 / data.n() : 1.0));
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
