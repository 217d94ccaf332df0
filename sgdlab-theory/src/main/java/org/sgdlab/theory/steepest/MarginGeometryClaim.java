package org.sgdlab.theory.steepest;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import org.sgdlab.geometry.GeometricOptimizers;
import org.sgdlab.geometry.Norm;
import org.sgdlab.geometry.Norms;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Objective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Schedule;
import org.sgdlab.optim.Schedules;
import org.sgdlab.oracles.HardMarginSvm;
import org.sgdlab.oracles.LinearMarginSolution;
import org.sgdlab.oracles.LinearMarginSolver;
import org.sgdlab.oracles.MarginNorm;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.oracles.SvmSolution;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.LogDomainGradient;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Traces;
import org.sgdlab.train.DivergenceException;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * steepest.margin-geometry (002 §8.3.2, Thm 8.3.2; Gunasekar, Lee, Soudry, Srebro, "Characterizing implicit bias in
 * terms of optimization geometry", ICML 2018): steepest descent w.r.t. a norm ‖·‖,
 * <pre>  w_{t+1} = w_t − η_t ‖∇L(w_t)‖_* sharp(∇L(w_t))   (002 eq. 8.27; GeometricOptimizers.steepestDescent),</pre>
 * on the exponential loss L(w) = Σᵢ exp(−yᵢ⟨w, xᵢ⟩) over separable data converges in direction to the maximum-margin
 * separator of that norm: minᵢ yᵢ⟨w_t, xᵢ⟩/‖w_t‖ → γ* = max_{‖w‖ ≤ 1} minᵢ yᵢ⟨w, xᵢ⟩. Checked for ℓ1 (greedy
 * coordinate descent; ties go to the lowest index, one of the valid steepest directions), ℓ2 (GD) and ℓ∞ (sign
 * descent scaled by ‖∇L‖₁), on Gaussian data with d &gt; n, against the ℓ1/ℓ∞ LPs ({@link LinearMarginSolver}) and the
 * ℓ2 SVM ({@link HardMarginSvm}, γ* = 1/‖w_svm‖₂).
 *
 * <p>Two step-size schedules per norm, with B = maxᵢ‖xᵢ‖_* (the dual norm):
 * <ul>
 *   <li><b>normalized</b> (decides the verdict): η_t = c_t/L(w_t), c_t = 1/(B²√(1 + t/τ)). Since ∇L/L = ∇log L this is
 *   steepest descent on F = log L with steps c_t, computed in the log domain ({@link LogDomainGradient}: no e^{−m} ever
 *   underflows). F is B²-smooth, so c_t ≤ 1/B² is a descent step; with ‖∇F‖_* ≥ γ* (∇F is minus a convex combination
 *   of the yᵢxᵢ) the standard descent argument gives γ_t ≥ γ*(1 − B²Σc_s²/(2Σc_s)) − log n/Σc_s, a gap of order
 *   ln t/√t (the primal–dual view of Ji &amp; Telgarsky, "Characterizing the implicit bias via a primal-dual analysis",
 *   ALT 2021). A constant c would leave an O(c) bias (AdaBoost with shrinkage), hence the slow decay of c_t.</li>
 *   <li><b>Theorem 8.3.2's own</b> (a trend check): a constant η = 1/(B² L(w₀)) on L itself, which satisfies the theorem's
 *   bound η_t ≤ min{η₊, 1/(B² L(w_t))} at every step because L(w_t) ≤ L(w₀). Its margin gap decays only like 1/ln t, so
 *   a budget can show the trend, not the limit.</li>
 * </ul>
 */
public final class MarginGeometryClaim extends BaseClaim {
    /** A normalized run's final relative margin gap (γ* − γ_T)/γ* must be at most this. */
    static final double GAP_TOLERANCE = 0.01;
    /** "Shrinks toward 0": over the last two decades the gap falls at least by this factor (normalized runs). */
    static final double SHRINK_FACTOR = 0.5;
    /** Theorem-schedule runs only need a downward trend over the last two decades: gap(T) ≤ this · gap(T/100). */
    static final double TREND_FACTOR = 0.9;
    /** A gap at or below this counts as zero (rounding). */
    static final double GAP_FLOOR = 1e-9;

    /** The three geometries, in table order. */
    enum Geometry {
        L1("l1", Norms.l1()),
        L2("l2", Norms.l2()),
        LINF("linf", Norms.linf());

        final String label;
        final Norm norm;

        Geometry(String label, Norm norm) {
            this.label = label;
            this.norm = norm;
        }
    }

    /**
     * One run.
     *
     * @param method     the norm the method descends in
     * @param predicted  the geometry whose max-margin value the run is measured against (= method unless planted)
     * @param normalized true for the normalized schedule (verdict), false for Theorem 8.3.2's constant step (trend)
     * @param steps      the probe steps
     * @param gaps       (γ*_predicted − γ_predicted(w_t))/γ*_predicted at the probe steps
     * @param cross      γ_p(w_T)/γ*_p for p = ℓ1, ℓ2, ℓ∞ (the margin of the final iterate in each norm, relative to that
     *                   norm's optimum)
     * @param trace      the probe trace (gap in all three norms)
     */
    record Run(Geometry method, Geometry predicted, boolean normalized, double[] steps, double[] gaps, double[] cross,
               Trace trace) {
        double finalGap() {
            return gaps[gaps.length - 1];
        }

        /** The gap at exactly step T/100 (integer division; a probed step), NaN for a diverged run. */
        double gapTwoDecadesBefore() {
            long at = (long) steps[steps.length - 1] / 100;
            for (int i = 0; i < steps.length; i++) {
                if (steps[i] == at) {
                    return gaps[i];
                }
            }
            if (Double.isNaN(gaps[0])) {
                return Double.NaN;
            }
            throw new IllegalStateException("step " + at + " was not probed in run " + trace.name());
        }

        boolean shrinks(double factor) {
            double last = finalGap();
            return last <= GAP_FLOOR || last <= factor * gapTwoDecadesBefore();
        }

        String name() {
            return method.label + (normalized ? "" : "_theorem-step") + (predicted == method ? "" : "_vs_" + predicted.label);
        }
    }

    /**
     * Everything the verdict needs.
     *
     * @param optimum  γ* for ℓ1, ℓ2, ℓ∞
     * @param oracleOk whether all three oracles were certified OPTIMAL
     * @param runs     the runs (normalized and theorem-schedule)
     */
    record Measurement(double[] optimum, boolean oracleOk, List<Run> runs) {
        List<Run> normalizedRuns() {
            return runs.stream().filter(Run::normalized).toList();
        }

        /** Whether run k's margin in its predicted norm beats every other normalized run's margin in that norm. */
        boolean ownIsLargest(Run k) {
            int p = k.predicted().ordinal();
            for (Run o : normalizedRuns()) {
                if (o != k && !(k.cross()[p] > o.cross()[p])) {
                    return false;
                }
            }
            return true;
        }
    }

    MarginGeometryClaim() {
        super("steepest.margin-geometry", "steepest descent w.r.t. ℓ1, ℓ2, ℓ∞ on the exponential loss over separable data converges "
                + "in direction to the max-margin separator of that norm", "002 §8.3.2, Thm 8.3.2 (Gunasekar et al. 2018)");
    }

    static String rule() {
        return "Normalized runs (η_t = c_t/L(w_t)): HOLDS if for each of ℓ1, ℓ2, ℓ∞ the relative margin gap (γ* − γ_T)/γ* in its own "
                + "norm is ≤ " + GAP_TOLERANCE + " and fell by at least ×" + SHRINK_FACTOR + " over the last two decades of t, each "
                + "method's own-norm margin is strictly the largest of the three methods' in that norm, and each Theorem 8.3.2 "
                + "constant-step run's gap fell (gap(T) ≤ " + TREND_FACTOR + "·gap(T/100)); FAILS if a normalized run's gap ends above "
                + GAP_TOLERANCE + " without shrinking by ×" + SHRINK_FACTOR + " over the last two decades (it converged elsewhere) "
                + "or a constant-step run's gap grows; INCONCLUSIVE otherwise (gaps still shrinking but above the tolerance, an "
                + "oracle not certified, or the geometries not told apart by the data)";
    }

    /** The verdict on "each method's margin in its own norm → the LP/QP optimum". */
    static Verdict decide(Measurement m) {
        if (!m.oracleOk() || m.normalizedRuns().isEmpty()) {
            return Verdict.INCONCLUSIVE;
        }
        boolean allGood = true;
        for (Run r : m.runs()) {
            double last = r.finalGap();
            if (Double.isNaN(last) || Double.isNaN(r.gapTwoDecadesBefore())) {
                allGood = false;
                continue;
            }
            if (r.normalized()) {
                boolean within = last <= GAP_TOLERANCE;
                boolean shrinking = r.shrinks(SHRINK_FACTOR);
                if (!within && !shrinking) {
                    return Verdict.FAILS;
                }
                allGood &= within && shrinking && m.ownIsLargest(r);
            } else {
                if (last > r.gapTwoDecadesBefore() && last > GAP_FLOOR) {
                    return Verdict.FAILS;
                }
                allGood &= r.shrinks(TREND_FACTOR);
            }
        }
        return allGood ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    static Dataset data(Budget b, long seed) {
        return b == Budget.QUICK ? Generators.separableGaussians(12, 30, 0.1, seed) : Generators.separableGaussians(20, 60, 0.1, seed);
    }

    /** minᵢ yᵢ⟨w, xᵢ⟩/‖w‖ (NaN for w = 0). */
    static double normalizedMargin(EmpiricalRisk f, double[] w, Norm norm) {
        double nw = norm.of(w);
        return nw > 0 ? f.minMargin(w) / nw : Double.NaN;
    }

    /** B = maxᵢ‖xᵢ‖_* in the dual norm of {@code norm}. */
    static double dualRadius(Dataset data, Norm norm) {
        double b = 0;
        double[] row = new double[data.d()];
        for (int i = 0; i < data.n(); i++) {
            for (int j = 0; j < data.d(); j++) {
                row[j] = data.x().get(i, j);
            }
            b = Math.max(b, norm.dual(row));
        }
        return b;
    }

    /** The max-margin values γ* (ℓ1, ℓ2, ℓ∞) and whether all three oracles are certified. */
    record Optimum(double[] gamma, boolean ok) {
    }

    static Optimum optimum(Dataset data) {
        LinearMarginSolution l1 = LinearMarginSolver.solve(data.x(), data.y(), MarginNorm.L1);
        LinearMarginSolution linf = LinearMarginSolver.solve(data.x(), data.y(), MarginNorm.LINF);
        SvmSolution svm = HardMarginSvm.solve(data.x(), data.y(), false);
        boolean ok = l1.status() == OracleStatus.OPTIMAL && linf.status() == OracleStatus.OPTIMAL && svm.status() == OracleStatus.OPTIMAL;
        double g2 = svm.w() == null ? Double.NaN : 1.0 / Kernels.norm2(svm.w());
        return new Optimum(new double[] {l1.margin(), g2, linf.margin()}, ok);
    }

    /**
     * Runs steepest descent w.r.t. {@code method}'s norm for {@code steps} steps (normalized or Theorem 8.3.2's schedule)
     * and measures its margins against {@code predicted}'s optimum.
     */
    static Run run(Dataset data, Geometry method, Geometry predicted, boolean normalized, double[] gammaStar, long steps,
                   ProgressListener progress) {
        EmpiricalRisk f = EmpiricalRisk.of(data, ExponentialLoss.INSTANCE, Reduction.SUM);
        double b = dualRadius(data, method.norm);
        Objective objective;
        Schedule lr;
        if (normalized) {
            objective = new LogDomainGradient(f, LogDomainGradient.Mode.GRADIENT_OVER_LOSS);
            // c_t = 1/(B²√(1 + t/τ)); τ = 100 lets the first hundred steps run at the full smoothness-limited step
            lr = Schedules.inverseSqrt(1.0 / (b * b), 100);
        } else {
            objective = f;
            // L(w_t) ≤ L(w₀) = n along the run, so η = 1/(B²n) ≤ 1/(B²L(w_t)) meets Thm 8.3.2's step condition throughout
            lr = Schedules.constant(1.0 / (b * b * data.n()));
        }
        List<Probe> probes = new ArrayList<>();
        for (Geometry g : Geometry.values()) {
            probes.add(Probe.of("gap_" + g.label, (t, w, o) -> (gammaStar[g.ordinal()] - normalizedMargin(f, w, g.norm))
                    / gammaStar[g.ordinal()]));
        }
        String name = method.label + (normalized ? "" : "_theorem-step");
        TrainResult r;
        try {
            r = Trainer.builder(objective, GeometricOptimizers.steepestDescent(method.norm, lr)).probes(probes)
                    .probeSchedule(ProbeSchedule.logSpaced(steps, 5).with(steps / 100)).progress(progress).traceName(name).build().run(new double[data.d()], steps);
        } catch (DivergenceException e) {
            double[] nan = {Double.NaN};
            return new Run(method, predicted, normalized, new double[] {steps}, nan, new double[] {Double.NaN, Double.NaN, Double.NaN},
                    new Trace(name, List.of("gap_l1", "gap_l2", "gap_linf")));
        }
        double[] cross = new double[3];
        for (Geometry g : Geometry.values()) {
            cross[g.ordinal()] = normalizedMargin(f, r.params(), g.norm) / gammaStar[g.ordinal()];
        }
        Trace tr = r.trace();
        return new Run(method, predicted, normalized, tr.column("step"), tr.column("gap_" + predicted.label), cross, tr);
    }

    static long normalizedSteps(Budget b) {
        return b.pick(100_000L, 2_000_000L);
    }

    static long theoremSteps(Budget b) {
        return b.pick(100_000L, 1_000_000L);
    }

    /** All six runs, each measured against the max-margin value of its own norm (the theory's prediction). */
    static Measurement measure(ClaimContext c) {
        Dataset data = data(c.budget(), c.seed());
        Optimum opt = optimum(data);
        List<Run> runs = new ArrayList<>();
        Geometry[] gs = Geometry.values();
        int total = 2 * gs.length;
        int k = 0;
        for (boolean normalized : new boolean[] {true, false}) {
            for (Geometry g : gs) {
                ProgressListener pl = c.part(k++, total).progress();
                runs.add(run(data, g, g, normalized, opt.gamma(), normalized ? normalizedSteps(c.budget()) : theoremSteps(c.budget()), pl));
            }
        }
        return new Measurement(opt.gamma(), opt.ok(), runs);
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        Measurement m = measure(c);
        Verdict v = decide(m);
        return report(rb, m, v, c);
    }

    private ClaimResult report(ResultBuilder rb, Measurement m, Verdict v, ClaimContext c) {
        Dataset data = data(c.budget(), c.seed());
        rb.number("n", data.n()).number("d", data.d()).number("normalized_steps", normalizedSteps(c.budget()))
                .number("theorem_steps", theoremSteps(c.budget()));
        for (Geometry g : Geometry.values()) {
            rb.number("gamma_star." + g.label, m.optimum()[g.ordinal()]);
        }
        Trace cross = new Trace("cross", List.of("margin_in_l1", "margin_in_l2", "margin_in_linf"));
        StringBuilder table = new StringBuilder();
        List<Trace> normalizedTraces = new ArrayList<>();
        List<Trace> theoremTraces = new ArrayList<>();
        int row = 0;
        for (Run r : m.runs()) {
            String k = r.name();
            rb.number(k + ".final_gap", r.finalGap()).number(k + ".gap_at_T/100", r.gapTwoDecadesBefore());
            Fit fit = Fit.logLog(r.steps(), r.gaps(), r.steps()[r.steps().length - 1] / 100, r.steps()[r.steps().length - 1]);
            rb.number(k + ".gap_loglog_slope(last 2 decades)", fit.slope());
            Trace own = ownGapTrace(r);
            if (r.normalized()) {
                for (Geometry g : Geometry.values()) {
                    rb.number(k + ".margin_in_" + g.label + "/gamma_star", r.cross()[g.ordinal()]);
                }
                cross.add(new double[] {row++, r.cross()[0], r.cross()[1], r.cross()[2]});
                table.append(table.length() == 0 ? "" : "; ").append(r.method().label).append(" descent: ")
                        .append(Format.g(r.cross()[0])).append(" / ").append(Format.g(r.cross()[1])).append(" / ")
                        .append(Format.g(r.cross()[2]));
                normalizedTraces.add(own);
            } else {
                theoremTraces.add(own);
            }
        }
        rb.trace(cross);
        if (!normalizedTraces.isEmpty()) {
            rb.trace(Traces.mergeColumn("gap", normalizedTraces, "gap"));
            rb.plot(PlotSpec.logLog("gap.png").title(id() + ": own-norm margin gap (γ* − γ_t)/γ*, normalized steps")
                    .trace("gap").x("step", "step t")
                    .y(normalizedTraces.stream().map(Trace::name).toList(), "relative margin gap").build());
        }
        if (!theoremTraces.isEmpty()) {
            rb.trace(Traces.mergeColumn("gap_theorem_step", theoremTraces, "gap"));
            rb.plot(PlotSpec.logLog("gap_theorem_step.png").title(id() + ": own-norm margin gap, Thm 8.3.2's constant step")
                    .trace("gap_theorem_step").x("step", "step t")
                    .y(theoremTraces.stream().map(Trace::name).toList(), "relative margin gap").build());
        }
        rb.note("Data: Generators.separableGaussians(n = " + data.n() + ", d = " + data.d() + ", margin 0.1). Loss Σᵢ exp(−yᵢ⟨w,xᵢ⟩), "
                + "w₀ = 0. Normalized schedule: steepest descent on log L with c_t = 1/(B²√(1 + t/100)), B = maxᵢ‖xᵢ‖_* "
                + "(= η_t = c_t/L(w_t) "
                + "on L, computed in the log domain). Theorem schedule: constant η = 1/(B²n) on L (≤ 1/(B²L(w_t)) since L(w_t) ≤ n). "
                + "Oracles: LinearMarginSolver (ℓ1, ℓ∞ LPs, duality gap ≤ 1e-10) and HardMarginSvm (ℓ2, γ* = 1/‖w_svm‖₂).");
        rb.note("Cross table (rows: method; columns: margin of its final iterate in ℓ1 / ℓ2 / ℓ∞, relative to that norm's optimum): "
                + table + ". Each method should be the largest in its own column.");
        String measurement = gapsText(m, true) + "; Thm 8.3.2 constant step: " + gapsText(m, false) + "; cross table " + table;
        rb.sourceStatement("Thm 8.3.2: for any norm, steepest descent on the exponential loss with bounded steps has "
                + "lim minᵢ yᵢ⟨w_t, xᵢ⟩/‖w_t‖ = max_{‖w‖≤1} minᵢ yᵢ⟨w, xᵢ⟩ (checked for ℓ1, ℓ2, ℓ∞)", v,
                "limits judged on the normalized schedule; the theorem's own constant step shows the same trend at the slow 1/ln t rate");
        return rb.build(v, "for ℓ1, ℓ2, ℓ∞: own-norm margin → γ* (LP/QP), each method largest in its own norm", measurement, rule());
    }

    /** The run's own (predicted-norm) gap as a one-column trace named after the run. */
    private static Trace ownGapTrace(Run r) {
        Trace t = new Trace(r.name(), List.of("gap"));
        for (int i = 0; i < r.steps().length; i++) {
            t.add(new double[] {r.steps()[i], r.gaps()[i]});
        }
        return t;
    }

    private static String gapsText(Measurement m, boolean normalized) {
        StringBuilder sb = new StringBuilder();
        for (Run r : m.runs()) {
            if (r.normalized() == normalized) {
                sb.append(sb.length() == 0 ? "" : ", ").append(r.method().label).append(" gap ").append(Format.g(r.gapTwoDecadesBefore()))
                        .append(" → ").append(Format.g(r.finalGap()));
            }
        }
        return sb.toString();
    }
}
