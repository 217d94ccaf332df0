package org.sgdlab.loss;

import java.util.OptionalDouble;

/** Squared loss ℓ(p, y) = ½(p − y)², ∂ℓ/∂p = p − y (source 000; the ½ makes GD on Σℓ equal to w ← w − ηXᵀ(Xw − y)). */
public final class SquaredLoss implements Loss {
    public static final SquaredLoss INSTANCE = new SquaredLoss();

    private SquaredLoss() {
    }

    @Override
    public double value(double p, double y) {
        double r = p - y;
        return 0.5 * r * r;
    }

    @Override
    public double derivative(double p, double y) {
        return p - y;
    }

    /** ∂²ℓ/∂p² = 1. */
    @Override
    public double secondDerivative(double p, double y) {
        return 1.0;
    }

    @Override
    public boolean hasSecondDerivative() {
        return true;
    }

    /** 1: ∂²ℓ/∂p² = 1 everywhere. */
    @Override
    public OptionalDouble curvatureBound() {
        return OptionalDouble.of(1.0);
    }

    @Override
    public String name() {
        return "squared";
    }
}
