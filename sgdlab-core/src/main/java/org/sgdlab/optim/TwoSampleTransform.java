package org.sgdlab.optim;

/**
 * A transform that consumes two independent stochastic gradients at the same parameters per step (SVAG, 002 Def.
 * 12.4.1). The {@link org.sgdlab.train.Trainer} recognizes it and draws a second batch (after the first, from the same
 * sampler) for {@link #updateInPlace(double[], double[], State, double[])}; with a full-batch sampler both gradients
 * are the full gradient.
 *
 * <p>The one-gradient {@link #updateInPlace(double[], State, double[])} treats its gradient as both draws — exact for a
 * deterministic gradient oracle (two draws of it are equal), which is how callers that hand one gradient per step use
 * it; it is not the two-sample method on a stochastic oracle.
 */
public interface TwoSampleTransform extends Transform {
    /**
     * Transforms {@code updates} in place (in: the first gradient g₁; out: the updates) from g₁ and {@code second}
     * (g₂, read only; may be the same array as {@code updates}), and advances {@code state}. {@code params} read only.
     */
    void updateInPlace(double[] updates, double[] second, State state, double[] params);

    /** Both draws equal: {@code updateInPlace(updates, updates, state, params)}. */
    @Override
    default void updateInPlace(double[] updates, State state, double[] params) {
        updateInPlace(updates, updates, state, params);
    }
}
