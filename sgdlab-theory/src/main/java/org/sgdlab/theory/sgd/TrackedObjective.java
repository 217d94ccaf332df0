package org.sgdlab.theory.sgd;

import java.util.Arrays;
import org.sgdlab.finitesum.FiniteSum;
import org.sgdlab.finitesum.SpreadQuadratic;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.FusedSampleStep;
import org.sgdlab.objective.Objective;

/**
 * Wraps a finite sum's objective for one SGD run and observes every iterate at which the trainer
 * evaluates a gradient (X₀, …, X_{K−1}): the largest distance ‖X_k − center‖ (for bounding
 * sup Var(G|X_k) on the visited region) the largest exact single-sample variance S(X_k) (when given S as a quadratic), and, when asked,
 * ‖∇f(X_k)‖² or f(X_k) − f* at every step (or at the steps of {@link #recordOnly}).
 *
 * <p>{@link #withFusedStep()} offers the sum's fused single-sample step ({@link FusedSampleStep}, observing the incoming
 * iterate first), so that the trainer takes its single-sample fast path for batch-1 plain SGD: the same iterates, bit
 * for bit, as its general loop through {@link #minibatchGradientOnly} (the fast path's contract; TrackedObjectiveTest
 * runs both). Opt-in: sgd.mnist-4v9 (d = 784, 8·10⁴ steps, its cost in the probes) keeps the general loop, where the
 * fast path's SIMD step-ahead kernel was measured no cheaper with its compilation counted.
 * One instance per run (not thread-safe).
 */
final class TrackedObjective implements Objective {
    /**
     * The relative margin of {@link #spreadCannotExceed}'s bound: it covers the rounding of the bound's own terms and
     * of the evaluation it stands for (each a few d·2⁻⁵³ relative; with d ≤ {@link #MAX_FILTER_DIMENSION} far below 1e-10).
     */
    static final double SPREAD_BOUND_MARGIN = 1e-10;
    /** Above this dimension the spread is evaluated at every step (the margin's rounding argument needs d·2⁻⁵³ ≪ 1e-10). */
    static final int MAX_FILTER_DIMENSION = 10_000;
    private final FiniteSum f;
    private final EmpiricalRisk risk;
    private final double[] center;
    /** The recorded quantities at slots 0 … recordSteps − 1, then one sink slot that {@link #observeFused} may overwrite. */
    private final double[] gradNormSq;
    /**
     * Where step k's quantity goes: {@code slot[k]} = k where k is recorded, else the sink {@code recordSteps}; one more
     * entry (the sink) for the steps k ≥ recordSteps, read at {@code min(k, recordSteps)}.
     */
    private final int[] slot;
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
    /** He, and the left factors of {@link #recordStep}'s products: e (f − f*) or He (‖∇f‖²); its factor ½ or 1. */
    private double[] hessianTimesE;
    private double[] recordLeft;
    private double recordScale;
    /** ‖∇S(x*)‖₂ and an upper bound on ‖|P|‖₂ (|P| entrywise), for {@link #spreadCannotExceed}. */
    private double gradNorm;
    private double pNormBound = Double.NaN;
    /** How many times S(X_k) was evaluated (the rest were skipped by {@link #spreadCannotExceed}); for tests. */
    private long spreadEvaluations;
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
        this.risk = f.risk();
        this.what = what;
        this.center = center;
        this.gradNormSq = new double[recordSteps + 1];
        this.slot = new int[recordSteps + 1];
        for (int k = 0; k <= recordSteps; k++) {
            slot[k] = k;
        }
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
        int at = slotOf(step);
        if (at < sink()) {
            gradNormSq[at] = what == Record.EXCESS ? f.excess(w) : f.gradient(w, scratch);
        }
        step++;
    }

    /**
     * {@link #observe} from e = X_k − x* computed once, for the least-squares sums whose center is their minimizer x*
     * (the Monte Carlo claims at d = 5, where the three separate O(d²) passes that recomputed e were half of each SGD
     * step). Every sum is accumulated in the same order, from the same differences, as in {@link FiniteSum#gradient},
     * {@link FiniteSum#excess} and {@link SpreadQuadratic#at}, so the bits are theirs (TrackedObjectiveTest). Only what
     * this step needs is computed: the P pass where S(X_k) might raise the running maximum
     * ({@link #spreadCannotExceed}: at a few % of the steps). The H pass runs at every step, into the sink slot where
     * the step is not recorded: the test on the record mask, compiled while the JIT had seen only the first (recorded)
     * steps, was an unstable_if that threw the trainer's compiled loop (this code inlined) away at the first unrecorded
     * step (JFR of check --quick, sgd.strongly-convex / sgd.noise-floor); the extra O(d²) pass at the unrecorded steps
     * costs less than that recompilation.
     */
    private void observeFused(double[] w) {
        int d = e.length;
        double dist = 0;
        for (int i = 0; i < d; i++) {
            double ei = w[i] - center[i];
            e[i] = ei;
            dist += ei * ei;
        }
        double norm = Math.sqrt(dist);
        maxDistance = Math.max(maxDistance, norm);
        boolean spreadNeeded = !spreadCannotExceed(norm, maxSpread);
        if (spreadNeeded) {
            observeSpread(d);
        }
        recordStep(d, slotOf(step));
        step++;
    }

    /** S(X_k) into the running maximum: the sums of {@link SpreadQuadratic#at}, from e. */
    private void observeSpread(int d) {
        double[] g = spread.grad();
        double[] p = spread.p();
        double lin = 0;
        double quad = 0;
        for (int i = 0; i < d; i++) {
            double ei = e[i];
            lin += g[i] * ei;
            double pe = 0;
            for (int k = 0; k < d; k++) {
                pe += p[i * d + k] * e[k];
            }
            quad += ei * pe;
        }
        spreadEvaluations++;
        maxSpread = Math.max(maxSpread, Math.max(0, spread.value() + lin + quad));
    }

    /**
     * The recorded quantity at this step, from e: the sums of {@link FiniteSum#gradient} or {@link FiniteSum#excess},
     * ½Σᵢ eᵢ(He)ᵢ or Σᵢ (He)ᵢ(He)ᵢ, as Σᵢ leftᵢ(He)ᵢ times {@link #recordScale}, {@link #recordLeft} being e or He (the
     * same products, summed in the same order; ×1 is exact). Without a branch on {@link Record}: sgd.strongly-convex
     * (f − f*) and sgd.noise-floor (‖∇f‖²) share this code inlined in the trainer's compiled loop, and a test on the
     * kind, compiled while only one claim had run, was an unstable_if that threw that loop away when the other started.
     */
    private void recordStep(int d, int at) {
        for (int i = 0; i < d; i++) {
            double he = 0;
            for (int k = 0; k < d; k++) {
                he += hessian[i * d + k] * e[k];
            }
            hessianTimesE[i] = he;
        }
        double rec = 0;
        for (int i = 0; i < d; i++) {
            rec += recordLeft[i] * hessianTimesE[i];
        }
        gradNormSq[at] = recordScale * rec;
    }

    /**
     * True when S(X_k) as {@link #observeSpread} computes it cannot exceed {@code max}, so skipping it leaves the running
     * maximum's bits unchanged. With e = X_k − x* and r = ‖e‖₂ (passed as computed): |⟨∇S, e⟩| ≤ ‖∇S‖r and
     * |eᵀPe| ≤ Σᵢₖ|eᵢ||Pᵢₖ||eₖ| ≤ ‖|P|‖₂r², and the computed sums exceed these exact absolute sums by at most a
     * relative (2d + 4)·2⁻⁵³ (and the computed r undershoots by a few 2⁻⁵³), all covered by
     * {@link #SPREAD_BOUND_MARGIN}; 1e-300 covers underflow. Non-finite input gives false (evaluate).
     */
    private boolean spreadCannotExceed(double norm, double max) {
        return spreadUpperBound(norm) < max;
    }

    /**
     * The bound of {@link #spreadCannotExceed} on S(X_k) as computed, given ‖X_k − x*‖₂ as computed; NaN where there is
     * none (no fused observation, or d above {@link #MAX_FILTER_DIMENSION}).
     */
    double spreadUpperBound(double norm) {
        if (!(pNormBound >= 0)) {
            return Double.NaN;
        }
        return (spread.value() + (gradNorm + pNormBound * norm) * norm) * (1 + SPREAD_BOUND_MARGIN) + 1e-300;
    }

    /** Also track max_k S(X_k), the exact single-sample variance at every iterate (O(d²) per step). */
    TrackedObjective trackSpread(SpreadQuadratic q) {
        this.spread = q;
        if (f.kind() == FiniteSum.Kind.LEAST_SQUARES && f.hasMinimum() && Arrays.equals(q.center(), center)
                && Arrays.equals(f.minimizer(), center)) {
            this.hessian = f.hessianMatrix();
            this.e = new double[center.length];
            this.hessianTimesE = new double[center.length];
            this.recordLeft = what == Record.EXCESS ? e : hessianTimesE;
            this.recordScale = what == Record.EXCESS ? 0.5 : 1.0;
            double gg = 0;
            for (double gi : q.grad()) {
                gg += gi * gi;
            }
            this.gradNorm = Math.sqrt(gg);
            this.pNormBound = center.length <= MAX_FILTER_DIMENSION ? absNormBound(q.p(), center.length) : -1;
        }
        return this;
    }

    /**
     * An upper bound on ‖|P|‖₂ for symmetric P (|P| entrywise; row-major d×d): the smaller of the Frobenius norm and the
     * largest absolute row sum (for a symmetric matrix ‖·‖₂ ≤ √(‖·‖₁‖·‖∞) = ‖·‖∞).
     */
    static double absNormBound(double[] p, int d) {
        double fro = 0;
        double rows = 0;
        for (int i = 0; i < d; i++) {
            double row = 0;
            for (int k = 0; k < d; k++) {
                double v = Math.abs(p[i * d + k]);
                row += v;
                fro += v * v;
            }
            rows = Math.max(rows, row);
        }
        return Math.min(Math.sqrt(fro), rows);
    }

    /**
     * Records only at the steps k with {@code mask[k]} true (k below the recorded length); the other entries of
     * {@link #recorded()} stay NaN. Returns this.
     */
    TrackedObjective recordOnly(boolean[] mask) {
        if (mask.length < sink()) {
            throw new IllegalArgumentException("the mask covers " + mask.length + " steps, the record " + sink());
        }
        for (int k = 0; k < sink(); k++) {
            if (!mask[k]) {
                gradNormSq[k] = Double.NaN;
                slot[k] = sink();
            }
        }
        return this;
    }

    /** The sink slot (= the number of recorded steps): where the quantities of unrecorded steps go. */
    private int sink() {
        return slot.length - 1;
    }

    /** Step k's slot: k where recorded, else {@link #sink()} (Math.min: a conditional move, no branch profile). */
    private int slotOf(int k) {
        return slot[Math.min(k, slot.length - 1)];
    }

    /** How many times S(X_k) was evaluated exactly (the fused path skips the steps where it cannot raise the maximum). */
    long spreadEvaluations() {
        return spreadEvaluations;
    }

    /** max_k S(X_k) over the observed iterates (0 unless {@link #trackSpread} was called). */
    double maxSpread() {
        return maxSpread;
    }

    double maxDistance() {
        return maxDistance;
    }

    /** The recorded quantity at X_k for k below the recorded length (NaN at unrecorded steps), as a new array. */
    double[] recorded() {
        return Arrays.copyOf(gradNormSq, sink());
    }

    @Override
    public int dimension() {
        return risk.dimension();
    }

    @Override
    public int sampleCount() {
        return risk.sampleCount();
    }

    @Override
    public double value(double[] w) {
        return risk.value(w);
    }

    @Override
    public double gradient(double[] w, double[] out) {
        observe(w);
        return risk.gradient(w, out);
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        observe(w);
        return risk.minibatchGradient(w, batch, count, out);
    }

    @Override
    public void gradientOnly(double[] w, double[] out) {
        observe(w);
        risk.gradientOnly(w, out);
    }

    @Override
    public void minibatchGradientOnly(double[] w, int[] batch, int count, double[] out) {
        observe(w);
        risk.minibatchGradientOnly(w, batch, count, out);
    }

    /**
     * This objective with the sum's fused single-sample step: the view the trainer's fast path takes (every call
     * forwards to this instance, so {@link #recorded()} and the maxima see its steps).
     */
    FusedSampleStep withFusedStep() {
        return new FusedView();
    }

    /** {@link #withFusedStep()}'s view: observes X_k = w, then takes the sum's fused step. */
    private final class FusedView implements FusedSampleStep {
        @Override
        public int dimension() {
            return TrackedObjective.this.dimension();
        }

        @Override
        public int sampleCount() {
            return TrackedObjective.this.sampleCount();
        }

        @Override
        public double value(double[] w) {
            return TrackedObjective.this.value(w);
        }

        @Override
        public double gradient(double[] w, double[] out) {
            return TrackedObjective.this.gradient(w, out);
        }

        @Override
        public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
            return TrackedObjective.this.minibatchGradient(w, batch, count, out);
        }

        @Override
        public void gradientOnly(double[] w, double[] out) {
            TrackedObjective.this.gradientOnly(w, out);
        }

        @Override
        public void minibatchGradientOnly(double[] w, int[] batch, int count, double[] out) {
            TrackedObjective.this.minibatchGradientOnly(w, batch, count, out);
        }

        /** Observes X_k = w, then the sum's fused step (w modified). */
        @Override
        public double sampleStep(double[] w, int i, double alpha) {
            observe(w);
            return risk.sampleStep(w, i, alpha);
        }

        @Override
        public boolean supportsStepAhead() {
            return risk.supportsStepAhead();
        }

        /** The prediction at w (observes nothing: not a step). */
        @Override
        public double samplePrediction(double[] w, int i) {
            return risk.samplePrediction(w, i);
        }

        /** Observes X_k = w, then the sum's fused step with the next prediction (w modified). */
        @Override
        public double sampleStepAhead(double[] w, int i, double p, double alpha, int next) {
            observe(w);
            return risk.sampleStepAhead(w, i, p, alpha, next);
        }
    }
}
