package org.sgdlab.loss;

import org.sgdlab.linalg.Kernels;

/**
 * A classification loss of the margin m = y·p with y ∈ {−1, +1}: ℓ(p, y) = φ(y p).
 *
 * <p>Besides φ and φ', margin losses expose log-domain forms. In the implicit-bias regime the
 * margins grow like ln t and the per-sample weights −φ'(mᵢ) span hundreds of orders of magnitude:
 * e^{−m} underflows at m ≈ 745. {@link #logNegDerivative(double)} stays finite there, so a
 * gradient direction can be formed from shifted weights exp(log(−φ'(mᵢ)) − s) without ever
 * underflowing to zero (Soudry et al. 2018, "The implicit bias of gradient descent on separable data").
 */
public interface MarginLoss extends Loss, Kernels.ScalarLoss {
    /** φ(m). */
    @Override
    double value(double margin);

    /** φ'(m) (a subgradient where φ is not differentiable). */
    @Override
    double derivative(double margin);

    /** log φ(m), finite whenever φ(m) &gt; 0 even if φ(m) itself over- or underflows; −∞ where φ(m) = 0. */
    double logValue(double margin);

    /** log(−φ'(m)), finite whenever φ'(m) ≠ 0 even if φ'(m) underflows; −∞ where φ'(m) = 0. */
    double logNegDerivative(double margin);

    @Override
    default double value(double p, double y) {
        return value(y * p);
    }

    @Override
    default double derivative(double p, double y) {
        return y * derivative(y * p);
    }

    /** φ''(m); the margin-loss form of {@link Loss#secondDerivative}. */
    double secondDerivative(double margin);

    /** ∂²ℓ/∂p² = y²·φ''(y·p) (y² = 1 for labels ±1). */
    @Override
    default double secondDerivative(double p, double y) {
        return y * y * secondDerivative(y * p);
    }

    @Override
    default boolean hasSecondDerivative() {
        return true;
    }

    @Override
    default boolean needsBinaryLabels() {
        return true;
    }

    /** True for losses with an exponential tail (logistic, exponential): GD on them converges in direction to the max-margin SVM. */
    boolean exponentialTail();
}
