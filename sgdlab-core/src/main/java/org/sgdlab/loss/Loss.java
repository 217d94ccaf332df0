package org.sgdlab.loss;

/**
 * A per-sample loss ℓ(p, y) of a prediction p against a target y, with its derivative ∂ℓ/∂p.
 * Implementations are stateless and thread-safe.
 */
public interface Loss {
    /** ℓ(p, y). */
    double value(double prediction, double target);

    /** ∂ℓ/∂p at (p, y). */
    double derivative(double prediction, double target);

    /** A short identifier, e.g. {@code logistic}. */
    String name();

    /** True when targets must be ±1 (margin losses). */
    default boolean needsBinaryLabels() {
        return false;
    }
}
