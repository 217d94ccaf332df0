package org.sgdlab.loss;

import java.util.OptionalDouble;

/** Squared hinge loss φ(m) = max(0, 1 − m)², φ'(m) = −2 max(0, 1 − m) (source 001 exp. 7). */
public final class SquaredHingeLoss implements MarginLoss {
    public static final SquaredHingeLoss INSTANCE = new SquaredHingeLoss();

    private SquaredHingeLoss() {
    }

    @Override
    public double value(double m) {
        double v = Math.max(0.0, 1.0 - m);
        return v * v;
    }

    @Override
    public double derivative(double m) {
        return -2.0 * Math.max(0.0, 1.0 - m);
    }

    /** φ''(m) = 2 for m &lt; 1, 0 for m ≥ 1 (φ' is continuous, its derivative jumps at m = 1). */
    @Override
    public double secondDerivative(double m) {
        return m < 1.0 ? 2.0 : 0.0;
    }

    @Override
    public double logValue(double m) {
        return 2.0 * Math.log(Math.max(0.0, 1.0 - m));
    }

    @Override
    public double logNegDerivative(double m) {
        return Math.log(2.0 * Math.max(0.0, 1.0 - m));
    }

    @Override
    public boolean exponentialTail() {
        return false;
    }

    /** 2: φ'(m) = −2 max(0, 1 − m) is 2-Lipschitz (φ'' = 2 for m &lt; 1, 0 for m &gt; 1). */
    @Override
    public OptionalDouble curvatureBound() {
        return OptionalDouble.of(2.0);
    }

    @Override
    public String name() {
        return "squared-hinge";
    }
}
