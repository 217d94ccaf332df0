package org.sgdlab.theory;

import org.sgdlab.linalg.Kernels;
import org.sgdlab.objective.ForwardingObjective;
import org.sgdlab.objective.Objective;

/**
 * An objective that remembers its last exact gradient with its point: {@link #gradient} or {@link #gradientOnly} at a
 * point with the same bits as the previous call's copies the remembered ∇f(w) (and f(w), where it was evaluated)
 * instead of evaluating them again; everything else is forwarded. The exact gradient is a function of w's bits
 * (deterministic kernels), so a copy has the recomputation's bits; the wrapped objective's {@code gradientOnly} must
 * have its {@code gradient}'s bits.
 *
 * <p>Where it pays: adagrad.rate's stochastic loop evaluates the exact gradient at w_t for its observer and then,
 * through {@link org.sgdlab.problems.PerturbedSum#minibatchGradientOnly}, the base gradient at the same w_t once more;
 * GD on the hinge loss stops moving once ∇L = 0 exactly (step ~100 of max-margin.loss-table's 100 000: w + (−η·0) is
 * w), and on the squared hinge once its updates fall below half an ulp of w, while the trainer still asks for the
 * gradient at every step. Not thread-safe (neither are the objectives it wraps).
 */
public final class SamePointGradient extends ForwardingObjective {
    private final double[] lastPoint;
    private final double[] lastGradient;
    private double lastValue;
    private boolean remembered;
    /** Whether {@link #lastValue} belongs to the remembered point (false when it was reached through gradientOnly). */
    private boolean valueRemembered;
    private long reused;

    /** Remembers the exact gradients of {@code f} (not copied; its own scratch is still used for the evaluations). */
    public SamePointGradient(Objective f) {
        super(f);
        this.lastPoint = new double[f.dimension()];
        this.lastGradient = new double[f.dimension()];
    }

    /** ∇f(w) into {@code out} and f(w) (w read only): a copy when w has the last call's bits and f(w) is known. */
    @Override
    public double gradient(double[] w, double[] out) {
        if (remembered && valueRemembered && Kernels.sameBits(w, lastPoint)) {
            reused++;
        } else {
            lastValue = super.gradient(w, lastGradient);
            remember(w, true);
        }
        System.arraycopy(lastGradient, 0, out, 0, lastGradient.length);
        return lastValue;
    }

    /** ∇f(w) into {@code out} (w read only), without f: a copy when w has the last call's bits. */
    @Override
    public void gradientOnly(double[] w, double[] out) {
        if (remembered && Kernels.sameBits(w, lastPoint)) {
            reused++;
        } else {
            super.gradientOnly(w, lastGradient);
            remember(w, false);
        }
        System.arraycopy(lastGradient, 0, out, 0, lastGradient.length);
    }

    private void remember(double[] w, boolean withValue) {
        System.arraycopy(w, 0, lastPoint, 0, lastPoint.length);
        remembered = true;
        valueRemembered = withValue;
    }

    /** How many calls were answered from memory (tests check that a stalled run and the AdaGrad loop use it). */
    public long reusedCalls() {
        return reused;
    }
}
