package org.sgdlab.loss;

import java.util.OptionalDouble;

/**
 * Exponential loss φ(m) = e^{−m}, φ'(m) = −e^{−m} (AdaBoost's loss; 002 §8.3).
 *
 * <p>φ(m) itself over- or underflows beyond |m| ≈ 709–745 because the true value leaves the
 * double range; {@link #logValue} and {@link #logNegDerivative} are exact (−m) for every finite m,
 * and the objective uses them (log-sum-exp) whenever a sum of such terms is needed.
 */
public final class ExponentialLoss implements MarginLoss {
    public static final ExponentialLoss INSTANCE = new ExponentialLoss();

    private ExponentialLoss() {
    }

    @Override
    public double value(double m) {
        return Math.exp(-m);
    }

    @Override
    public double derivative(double m) {
        return -Math.exp(-m);
    }

    /** φ''(m) = e^{−m}. */
    @Override
    public double secondDerivative(double m) {
        return Math.exp(-m);
    }

    @Override
    public double logValue(double m) {
        return -m;
    }

    @Override
    public double logNegDerivative(double m) {
        return -m;
    }

    @Override
    public boolean exponentialTail() {
        return true;
    }

    /** None: φ''(m) = e^{−m} grows without bound as m → −∞. */
    @Override
    public OptionalDouble curvatureBound() {
        return OptionalDouble.empty();
    }

    /** 1 = φ''(0): φ''(m) = e^{−m} ≤ 1 for m ≥ 0 (the curvature at w = 0). */
    @Override
    public OptionalDouble curvatureBoundOnNonnegativeMargins() {
        return OptionalDouble.of(1.0);
    }

    @Override
    public String name() {
        return "exponential";
    }
}
