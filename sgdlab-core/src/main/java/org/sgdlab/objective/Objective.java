package org.sgdlab.objective;

/**
 * A differentiable objective f: ℝ^p → ℝ, optionally a finite sum f = Σᵢ fᵢ (or its mean) that
 * supports minibatch gradients. Implementations may keep scratch buffers, so an instance is not
 * thread-safe; none of the methods modifies {@code w}.
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

    /** True when {@link #sampleStep} is implemented (the trainer's single-sample SGD fast path). */
    default boolean hasFusedSampleStep() {
        return false;
    }

    /**
     * The fused single-sample SGD step w ← w + α·ĝᵢ, where ĝᵢ is what {@link #minibatchGradientOnly}
     * writes for the batch {i}; must give the same bits as that call followed by {@code ĝ·α} and
     * {@code w + (ĝ·α)} entry by entry. Returns the prediction ⟨xᵢ, w⟩ + b at the incoming w, which is
     * non-finite whenever the incoming w is (the trainer's divergence check).
     *
     * @throws UnsupportedOperationException unless {@link #hasFusedSampleStep()}
     */
    default double sampleStep(double[] w, int i, double alpha) {
        throw new UnsupportedOperationException("no fused single-sample step");
    }

    /** True when {@link #samplePrediction} and {@link #sampleStepAhead} are implemented (the trainer then uses them). */
    default boolean hasSampleStepAhead() {
        return false;
    }

    /**
     * The prediction ⟨xᵢ, w⟩ + b, with the same bits as the one {@link #sampleStep} returns.
     *
     * @throws UnsupportedOperationException unless {@link #hasSampleStepAhead()}
     */
    default double samplePrediction(double[] w, int i) {
        throw new UnsupportedOperationException("no single-sample step ahead");
    }

    /**
     * {@link #sampleStep}{@code (w, i, alpha)} given its prediction p = {@link #samplePrediction}{@code (w, i)}, fused
     * with the next sample's prediction: updates w with the same bits as {@code sampleStep} and returns
     * {@code samplePrediction(w, next)} at the updated w, with one pass over w instead of two.
     *
     * @throws UnsupportedOperationException unless {@link #hasSampleStepAhead()}
     */
    default double sampleStepAhead(double[] w, int i, double p, double alpha, int next) {
        throw new UnsupportedOperationException("no single-sample step ahead");
    }
}
