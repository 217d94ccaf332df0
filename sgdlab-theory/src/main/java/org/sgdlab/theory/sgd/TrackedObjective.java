package org.sgdlab.theory.sgd;

import org.sgdlab.finitesum.FiniteSum;
import org.sgdlab.finitesum.SpreadQuadratic;
import org.sgdlab.objective.Objective;

/**
 * Wraps a finite sum's objective for one SGD run and observes every iterate at which the trainer
 * evaluates a gradient (X₀, …, X_{K−1}): the largest distance ‖X_k − center‖ (for bounding
 * sup Var(G|X_k) on the visited region) the largest exact single-sample variance S(X_k) (when given S as a quadratic), and, when asked,
 * ‖∇f(X_k)‖² or f(X_k) − f* at every step.
 * One instance per run (not thread-safe).
 */
final class TrackedObjective implements Objective {
    private final FiniteSum f;
    private final double[] center;
    private final double[] gradNormSq;
    private final double[] scratch;
    private double maxDistance;
    private double maxSpread;
    private SpreadQuadratic spread;
    private int step;

    /** What to record at every step. */
    enum Record {
        /** ‖∇f(X_k)‖². */
        GRADIENT_NORM_SQUARED,
        /** f(X_k) − f*. */
        EXCESS
    }

    private final Record what;

    /** @param recordSteps the number of steps whose quantity to record (0: none) */
    TrackedObjective(FiniteSum f, double[] center, int recordSteps, Record what) {
        this.f = f;
        this.what = what;
        this.center = center;
        this.gradNormSq = new double[recordSteps];
        this.scratch = new double[f.dimension()];
    }

    private void observe(double[] w) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            double e = w[i] - center[i];
            s += e * e;
        }
        maxDistance = Math.max(maxDistance, Math.sqrt(s));
        if (spread != null) {
            maxSpread = Math.max(maxSpread, spread.at(w));
        }
        if (step < gradNormSq.length) {
            gradNormSq[step] = what == Record.EXCESS ? f.excess(w) : f.gradient(w, scratch);
        }
        step++;
    }

    /** Also track max_k S(X_k), the exact single-sample variance at every iterate (O(d²) per step). */
    TrackedObjective trackSpread(SpreadQuadratic q) {
        this.spread = q;
        return this;
    }

    /** max_k S(X_k) over the observed iterates (0 unless {@link #trackSpread} was called). */
    double maxSpread() {
        return maxSpread;
    }

    double maxDistance() {
        return maxDistance;
    }

    /** The recorded quantity at X_k for k below the recorded length (the array itself). */
    double[] recorded() {
        return gradNormSq;
    }

    @Override
    public int dimension() {
        return f.risk().dimension();
    }

    @Override
    public int sampleCount() {
        return f.risk().sampleCount();
    }

    @Override
    public double value(double[] w) {
        return f.risk().value(w);
    }

    @Override
    public double gradient(double[] w, double[] out) {
        observe(w);
        return f.risk().gradient(w, out);
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        observe(w);
        return f.risk().minibatchGradient(w, batch, count, out);
    }

    @Override
    public void gradientOnly(double[] w, double[] out) {
        observe(w);
        f.risk().gradientOnly(w, out);
    }

    @Override
    public void minibatchGradientOnly(double[] w, int[] batch, int count, double[] out) {
        observe(w);
        f.risk().minibatchGradientOnly(w, batch, count, out);
    }
}
