package org.sgdlab.theory.sgd;

import java.util.Arrays;
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
    /**
     * For {@link #observeFused}: H = AᵀA/m (least squares with a minimum) and e = X_k − x*, or null when the
     * quantities are taken one by one through {@link FiniteSum} and {@link SpreadQuadratic}.
     */
    private double[] hessian;
    private double[] e;
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
        if (hessian != null) {
            observeFused(w);
            return;
        }
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

    /**
     * {@link #observe} in one pass over e = X_k − x* (computed once) and one over H and P together (row i: (Pe)ᵢ and
     * (He)ᵢ in the same loop), for the least-squares sums whose center is their minimizer x* (the Monte Carlo claims
     * at d = 5, where the three separate O(d²) passes that recomputed e were half of each SGD step). Every sum is
     * accumulated in the same order, from the same differences, as in {@link FiniteSum#gradient},
     * {@link FiniteSum#excess} and {@link SpreadQuadratic#at}, so the bits are theirs (TrackedObjectiveTest).
     */
    private void observeFused(double[] w) {
        int d = e.length;
        double dist = 0;
        for (int i = 0; i < d; i++) {
            double ei = w[i] - center[i];
            e[i] = ei;
            dist += ei * ei;
        }
        maxDistance = Math.max(maxDistance, Math.sqrt(dist));
        boolean record = step < gradNormSq.length;
        double[] g = spread.grad();
        double[] p = spread.p();
        double lin = 0;
        double quad = 0;
        double rec = 0;
        for (int i = 0; i < d; i++) {
            double ei = e[i];
            lin += g[i] * ei;
            double pe = 0;
            double he = 0;
            for (int k = 0; k < d; k++) {
                pe += p[i * d + k] * e[k];
                he += hessian[i * d + k] * e[k];
            }
            quad += ei * pe;
            rec += what == Record.EXCESS ? ei * he : he * he;
        }
        maxSpread = Math.max(maxSpread, Math.max(0, spread.value() + lin + quad));
        if (record) {
            gradNormSq[step] = what == Record.EXCESS ? 0.5 * rec : rec;
        }
        step++;
    }

    /** Also track max_k S(X_k), the exact single-sample variance at every iterate (O(d²) per step). */
    TrackedObjective trackSpread(SpreadQuadratic q) {
        this.spread = q;
        if (f.kind() == FiniteSum.Kind.LEAST_SQUARES && f.hasMinimum() && Arrays.equals(q.center(), center)
                && Arrays.equals(f.minimizer(), center)) {
            this.hessian = f.hessianMatrix();
            this.e = new double[center.length];
        }
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
