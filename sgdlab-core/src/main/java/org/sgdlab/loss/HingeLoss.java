package org.sgdlab.loss;

import java.util.OptionalDouble;

/**
 * Hinge loss φ(m) = max(0, 1 − m), subgradient φ'(m) = −1 for m &lt; 1 and 0 for m ≥ 1
 * (the choice at the kink matches source 001 exp. 7's {@code (z < 1)} indicator).
 */
public final class HingeLoss implements MarginLoss {
    public static final HingeLoss INSTANCE = new HingeLoss();

    private HingeLoss() {
    }

    @Override
    public double value(double m) {
        return Math.max(0.0, 1.0 - m);
    }

    @Override
    public double derivative(double m) {
        return m < 1.0 ? -1.0 : 0.0;
    }

    /** φ''(m) = 0 wherever φ is twice differentiable (every m ≠ 1; 0 is also taken at the kink). */
    @Override
    public double secondDerivative(double m) {
        return 0.0;
    }

    @Override
    public double logValue(double m) {
        return Math.log(value(m));
    }

    @Override
    public double logNegDerivative(double m) {
        return m < 1.0 ? 0.0 : Double.NEGATIVE_INFINITY;
    }

    @Override
    public boolean exponentialTail() {
        return false;
    }

    /** None: φ' jumps from −1 to 0 at m = 1. */
    @Override
    public OptionalDouble curvatureBound() {
        return OptionalDouble.empty();
    }

    /** None: the jump of φ' at m = 1 lies on margins ≥ 0. */
    @Override
    public OptionalDouble curvatureBoundOnNonnegativeMargins() {
        return OptionalDouble.empty();
    }

    @Override
    public String name() {
        return "hinge";
    }
}
