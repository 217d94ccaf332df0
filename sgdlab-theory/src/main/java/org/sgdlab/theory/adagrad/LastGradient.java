package org.sgdlab.theory.adagrad;

import org.sgdlab.objective.Objective;

/**
 * An objective that remembers its last exact gradient: {@link #gradient} or {@link #gradientOnly} at the same w as the
 * previous call (equal entries, compared bit for bit) copies the remembered ∇f(w) (and f(w), where it was evaluated)
 * instead of evaluating them again. The claim's stochastic loop evaluates the exact gradient at w_t for its observer
 * and then, through {@link org.sgdlab.problems.PerturbedSum#minibatchGradientOnly}, the base gradient at the same w_t
 * once more; with this wrapper as the base the second evaluation is a copy of the first, the same bits (a
 * deterministic function of w, which no caller modifies between the two calls; the wrapped objective's gradientOnly
 * must have its gradient's bits). Not thread-safe (neither are the objectives it wraps).
 */
final class LastGradient implements Objective {
    private final Objective f;
    private final double[] w;
    private final double[] g;
    private double value;
    private boolean held;
    /** Whether {@link #value} belongs to the held point (false when it was reached through gradientOnly). */
    private boolean valueHeld;

    /** Wraps {@code f} (not modified; its own scratch is still used for the evaluations). */
    LastGradient(Objective f) {
        this.f = f;
        this.w = new double[f.dimension()];
        this.g = new double[f.dimension()];
    }

    @Override
    public int dimension() {
        return f.dimension();
    }

    @Override
    public int sampleCount() {
        return f.sampleCount();
    }

    @Override
    public double value(double[] at) {
        return f.value(at);
    }

    /** ∇f(at) into {@code out} and f(at) (at read only): a copy when {@code at} equals the last call's point. */
    @Override
    public double gradient(double[] at, double[] out) {
        if (!(held && valueHeld && org.sgdlab.linalg.Kernels.sameBits(at, w))) {
            value = f.gradient(at, g);
            System.arraycopy(at, 0, w, 0, w.length);
            held = true;
            valueHeld = true;
        }
        System.arraycopy(g, 0, out, 0, g.length);
        return value;
    }

    /** ∇f(at) into {@code out} (at read only), without f: a copy when {@code at} equals the last call's point. */
    @Override
    public void gradientOnly(double[] at, double[] out) {
        if (!(held && org.sgdlab.linalg.Kernels.sameBits(at, w))) {
            f.gradientOnly(at, g);
            System.arraycopy(at, 0, w, 0, w.length);
            held = true;
            valueHeld = false;
        }
        System.arraycopy(g, 0, out, 0, g.length);
    }

    @Override
    public double minibatchGradient(double[] at, int[] batch, int count, double[] out) {
        return f.minibatchGradient(at, batch, count, out);
    }
}
