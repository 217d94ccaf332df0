package org.sgdlab.objective;

/**
 * An objective that can also take a single-sample SGD step in one fused pass, without a gradient buffer: the fast
 * path {@link org.sgdlab.train.Trainer} takes for batch size 1 with plain SGD
 * ({@link org.sgdlab.optim.Transform#isPlainSgd()}). An optional capability next to {@link Objective}'s value and
 * gradient; every method must reproduce, bit for bit, what the general step loop computes from
 * {@link #minibatchGradientOnly} (its naive reference).
 *
 * <p>All methods modify {@code w} in place as documented (the step), and nothing else the caller owns.
 */
public interface FusedSampleStep extends Objective {
    /**
     * The fused single-sample SGD step w ← w + α·ĝᵢ (modifies {@code w}), where ĝᵢ is what
     * {@link #minibatchGradientOnly} writes for the batch {i}; must give the same bits as that call followed by
     * {@code ĝ·α} and {@code w + (ĝ·α)} entry by entry. Returns the prediction ⟨xᵢ, w⟩ + b at the incoming w, which
     * is non-finite whenever the incoming w is (the trainer's divergence check).
     */
    double sampleStep(double[] w, int i, double alpha);

    /** True when {@link #samplePrediction} and {@link #sampleStepAhead} are implemented (the trainer then uses them). */
    boolean supportsStepAhead();

    /**
     * The prediction ⟨xᵢ, w⟩ + b ({@code w} not modified), with the same bits as the one {@link #sampleStep} returns.
     * Defined only where {@link #supportsStepAhead()}.
     */
    double samplePrediction(double[] w, int i);

    /**
     * {@link #sampleStep}{@code (w, i, alpha)} given its prediction p = {@link #samplePrediction}{@code (w, i)}, fused
     * with the next sample's prediction: updates w (modified) with the same bits as {@code sampleStep} and returns
     * {@code samplePrediction(w, next)} at the updated w, with one pass over w instead of two. Defined only where
     * {@link #supportsStepAhead()}.
     */
    double sampleStepAhead(double[] w, int i, double p, double alpha, int next);
}
