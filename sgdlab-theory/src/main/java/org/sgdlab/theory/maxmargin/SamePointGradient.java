package org.sgdlab.theory.maxmargin;

import org.sgdlab.linalg.Kernels;
import org.sgdlab.objective.ForwardingObjective;
import org.sgdlab.objective.Objective;

/**
 * A full-batch gradient remembered with its point: at a point with the same bits as the last one it copies the
 * remembered gradient instead of recomputing it. Why: GD on the hinge loss stops moving once ∇L = 0 exactly (step ~100
 * of max-margin.loss-table's 300 000: w + (−η·0) is w), and on the squared hinge once its updates fall below half an
 * ulp of w; the trainer still asks for the gradient at every step. The full-batch gradient is a function of w's bits
 * (deterministic kernels), so the copy has the recomputation's bits. Only {@link #gradientOnly} is remembered
 * (the trainer's full-batch call); everything else is forwarded. Not thread-safe.
 */
final class SamePointGradient extends ForwardingObjective {
    private final double[] lastPoint;
    private final double[] lastGradient;
    private boolean remembered;
    private long reused;

    /** Remembers the full-batch gradients of {@code f} (not copied; its full-batch gradient must be deterministic). */
    SamePointGradient(Objective f) {
        super(f);
        this.lastPoint = new double[f.dimension()];
        this.lastGradient = new double[f.dimension()];
    }

    @Override
    public void gradientOnly(double[] w, double[] out) {
        if (remembered && Kernels.sameBits(w, lastPoint)) {
            System.arraycopy(lastGradient, 0, out, 0, out.length);
            reused++;
            return;
        }
        super.gradientOnly(w, out);
        System.arraycopy(w, 0, lastPoint, 0, lastPoint.length);
        System.arraycopy(out, 0, lastGradient, 0, lastGradient.length);
        remembered = true;
    }

    /** How many calls were answered from memory (tests check that a stalled run uses it). */
    long reusedCalls() {
        return reused;
    }
}
