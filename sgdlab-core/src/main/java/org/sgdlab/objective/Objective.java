package org.sgdlab.objective;

/**
 * A differentiable objective f: ℝ^p → ℝ, optionally a finite sum f = Σᵢ fᵢ (or its mean) that
 * supports minibatch gradients. Implementations may keep scratch buffers, so an instance is not
 * thread-safe; none of the methods modifies {@code w}. An objective may offer the trainer's single-sample fast path
 * besides by implementing {@link FusedSampleStep}.
 */
public interface Objective {
    /** The number of parameters p. */
    int dimension();

    /** The number of terms n of the finite sum (1 for an objective that is not a sum). */
    int sampleCount();

    /** f(w). */
    double value(double[] w);

    /** Writes ∇f(w) into {@code out} and returns f(w). */
    double gradient(double[] w, double[] out);

    /**
     * Writes an unbiased estimate of ∇f(w) from the terms {@code batch[0..count)} into {@code out}
     * and returns the matching estimate of f(w). Indices may repeat (sampling with replacement).
     */
    double minibatchGradient(double[] w, int[] batch, int count, double[] out);

    /** Writes ∇f(w) into {@code out}; implementations may skip evaluating f (the trainer's step loop needs no value). */
    default void gradientOnly(double[] w, double[] out) {
        gradient(w, out);
    }

    /** As {@link #minibatchGradient} without the value estimate. */
    default void minibatchGradientOnly(double[] w, int[] batch, int count, double[] out) {
        minibatchGradient(w, batch, count, out);
    }
}
