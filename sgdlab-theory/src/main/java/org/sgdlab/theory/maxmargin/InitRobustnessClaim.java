package org.sgdlab.theory.maxmargin;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Traces;
import org.sgdlab.train.Trainer;

/**
 * max-margin.init-robustness: source 001 experiment 6.
 *
 * Part of the robustness of the max-margin implicit bias (source 001 §4.5 experiment 5, §4.6 experiment 6, §2.7): the
 * direction GD reaches does not depend on the step size or the initialization, and the explicitly regularized path
 * argmin L(w) + λ‖w‖² reaches the same direction as λ → 0 (Rosset, Zhu, Hastie 2004).
 */
final class InitRobustnessClaim extends BaseClaim {
    static final int INITS = 10;

    InitRobustnessClaim() {
        super("max-margin.init-robustness", "source 001 exp. 6: ten random initializations reach the same direction",
                "source 001 §4.6 (experiment 6); Soudry et al. 2018 Thm 3 (the limit direction does not depend on w0)");
    }

    /**
     * The rule. {@code spreadT}, {@code spreadEarly}: max pairwise angle at T and T/100; {@code spreadLimit}: the
     * intercept C of spread ≈ C + A/ln t over [T/100, T]; {@code anglesT}, {@code anglesEarly}: each run's angle to
     * the prediction at T and T/100; {@code asymptotic}: every run's loss falls like t^k, k in [−1.25, −0.75], over
     * [T/100, T] (before that the 1/ln t extrapolation is not meaningful); {@code angleLimits}: each run's extrapolated
     * angle C_k of angle ≈ C_k + A_k/ln t. A negative extrapolated limit means decay faster than 1/ln t and counts as → 0.
     */
    static Verdict decide(double spreadT, double spreadEarly, double spreadLimit, double[] anglesT, double[] anglesEarly,
                          double[] angleLimits, boolean asymptotic) {
        for (int k = 0; k < anglesT.length; k++) {
            if (!(anglesT[k] < anglesEarly[k])) {
                return Verdict.FAILS;
            }
        }
        if (!(spreadT < spreadEarly)) {
            return Verdict.FAILS;
        }
        if (!asymptotic) {
            return Verdict.INCONCLUSIVE;
        }
        boolean anglesToZero = true;
        for (int k = 0; k < anglesT.length; k++) {
            if (angleLimits[k] > 0.5 * anglesT[k] && angleLimits[k] > 1e-3) {
                return Verdict.FAILS;
            }
            anglesToZero &= angleLimits[k] <= 0.5 * anglesT[k];
        }
        if (spreadLimit > 0.5 * spreadT && spreadLimit > 1e-3) {
            return Verdict.FAILS;
        }
        return anglesToZero && spreadLimit <= 0.5 * spreadT ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    static String rule() {
        return "every run's angle to ŵ decreases over [T/100, T]; the spread (max pairwise angle between the runs' "
                + "directions) decreases from T/100 to T; and, once every run is asymptotic (loss ~ t^k, k in [−1.25, −0.75] "
                + "over [T/100, T]; else INCONCLUSIVE), its fit spread ≈ C + A/ln t over [T/100, T] extrapolates "
                + "to C ≤ spread(T)/2 (negative C: faster than 1/ln t) and each run's angle ≈ C_k + A_k/ln t has C_k ≤ "
                + "angle_k(T)/2 → HOLDS. A growing angle or spread, or (asymptotic) C > spread(T)/2 or C_k > angle_k(T)/2 "
                + "with C, C_k > 1e-3 → FAILS; otherwise INCONCLUSIVE.";
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        MaxMarginProblem p = MaxMarginChecks.problem(c);
        return run(this, c, p, p.wHat());
    }

    /** The experiment with angles measured against {@code target} (tests plant a wrong one). */
    static ClaimResult run(BaseClaim claim, ClaimContext c, MaxMarginProblem p, double[] target) {
        ResultBuilder rb = new ResultBuilder(claim);
        // quick: 10⁵ steps (2·10⁵ before): measured at seed 1, spread 0.0158 → 0.00148 over [T/100, T] (0.0105 →
        // 0.00110), its limit C = −0.020 (−0.014), every run's limit C_k ≤ −0.0022 (≤ −0.0056) and loss ~ t^−0.965
        // (t^−0.974): the same verdict, each condition with its slack
        long steps = c.budget().pick(100_000L, 10_000_000L);
        int d = p.data().d();
        EmpiricalRisk f = EmpiricalRisk.of(p.data(), LogisticLoss.INSTANCE, Reduction.MEAN);
        double eta = MaxMarginChecks.gdStep(p, LogisticLoss.INSTANCE);
        List<Probe> probes = new ArrayList<>();
        probes.add(Probe.of("angle", (t, w, o) -> Angles.between(w, target)));
        probes.add(Probe.of("loss", (t, w, o) -> Math.exp(f.logValue(w))));
        for (int j = 0; j < d; j++) {
            int jj = j;
            probes.add(Probe.of("u" + j, (t, w, o) -> w[jj] / Kernels.norm2(w)));
        }
        List<Trace> traces = new ArrayList<>();
        double[] scales = new double[INITS];
        for (int k = 0; k < INITS; k++) {
            scales[k] = Math.pow(10, -2 + 2.0 * k / (INITS - 1)); // 0.01 … 1 per coordinate
            double[] w0 = new RandomStream(c.seed()).split(600 + k).gaussians(new double[d]);
            for (int j = 0; j < d; j++) {
                w0[j] *= scales[k];
            }
            traces.add(Trainer.builder(f, Optimizers.sgd(eta)).probes(probes).probeSchedule(MaxMarginRun.schedule(steps))
                    .progress(c.part(k, INITS).progress()).traceName("init" + k).build().run(w0, steps).trace());
        }
        double[] t = traces.get(0).column("step");
        double[][][] u = new double[INITS][d][];
        for (int k = 0; k < INITS; k++) {
            for (int j = 0; j < d; j++) {
                u[k][j] = traces.get(k).column("u" + j);
            }
        }
        Trace spread = new Trace("spread", List.of("max_pairwise_angle"));
        double[] sp = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            double max = 0;
            for (int a = 0; a < INITS; a++) {
                for (int b = a + 1; b < INITS; b++) {
                    double[] ua = new double[d];
                    double[] ub = new double[d];
                    for (int j = 0; j < d; j++) {
                        ua[j] = u[a][j][i];
                        ub[j] = u[b][j][i];
                    }
                    max = Math.max(max, Angles.between(ua, ub));
                }
            }
            sp[i] = max;
            spread.add(new double[] {t[i], max});
        }
        double lo = steps / 100.0;
        double spreadEarly = MaxMarginRun.valueAt(t, sp, steps / 100);
        double spreadT = sp[sp.length - 1];
        double[] inv = new double[t.length];
        double[] win = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            boolean in = t[i] >= lo && t[i] >= 2;
            inv[i] = in ? 1 / Math.log(t[i]) : Double.NaN;
            win[i] = in ? sp[i] : Double.NaN;
        }
        Fit limit = Fit.line(inv, win);
        Fit rate = Fit.logLog(t, sp, lo, steps);
        double[] anglesT = new double[INITS];
        double[] anglesEarly = new double[INITS];
        double[] angleLimits = new double[INITS];
        boolean asymptotic = true;
        for (int k = 0; k < INITS; k++) {
            double lossRate = Fit.logLog(t, traces.get(k).column("loss"), lo, steps).slope();
            asymptotic &= lossRate >= MaxMarginVerdict.LOSS_RATE_LOW && lossRate <= MaxMarginVerdict.LOSS_RATE_HIGH;
            rb.number("init" + k + ".loss_rate", lossRate);
            double[] a = traces.get(k).column("angle");
            anglesT[k] = a[a.length - 1];
            anglesEarly[k] = MaxMarginRun.valueAt(t, a, steps / 100);
            double[] aw = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                aw[i] = Double.isFinite(inv[i]) ? a[i] : Double.NaN;
            }
            angleLimits[k] = Fit.line(inv, aw).intercept();
            rb.number("init" + k + ".angle_limit", angleLimits[k]);
            rb.number("init" + k + ".scale", scales[k]).number("init" + k + ".angle_at_T_over_100", anglesEarly[k])
                    .number("init" + k + ".final_angle", anglesT[k]);
        }
        rb.number("steps", steps).number("learning_rate", eta).number("inits", INITS)
                .number("spread_at_0", sp[0]).number("spread_at_T_over_100", spreadEarly).number("spread_final", spreadT)
                .number("spread_limit_C", limit.intercept()).number("spread_exponent_vs_t", rate.slope());
        Verdict v = decide(spreadT, spreadEarly, limit.intercept(), anglesT, anglesEarly, angleLimits, asymptotic);
        rb.number("all_runs_asymptotic", asymptotic ? 1 : 0);
        rb.trace(spread);
        rb.trace(Traces.mergeColumn("angle", traces, "angle"));
        rb.plot(PlotSpec.logLog("spread.png").title(claim.id() + ": max pairwise angle between the ten runs' directions")
                .trace("spread").x("step", "step t").y("max_pairwise_angle", "angle (rad)").build());
        rb.plot(PlotSpec.logLog("angle.png").title(claim.id() + ": each run's angle to the SVM direction").trace("angle")
                .x("step", "step t").y(traces.stream().map(Trace::name).toList(), "angle (rad)").build());
        rb.note("n = " + p.data().n() + ", d = " + d + " separable Gaussians (margin 0.1), mean logistic loss, GD η = 1/L = "
                + Format.g(eta) + "; w0 = scale·N(0, I) with scales 0.01 … 1 per coordinate (log-spaced; the source uses 0.1), each from its own seeded stream.");
        rb.sourceStatement("all initializations converge to almost the same direction (std < 0.001); the initialization only "
                + "affects the speed, not the final direction", v,
                "spread of directions " + Format.g(sp[0]) + " at t = 0, " + Format.g(spreadEarly) + " at T/100, "
                        + Format.g(spreadT) + " at T = " + steps + " (extrapolated limit " + Format.g(limit.intercept())
                        + "); the source's 'std < 0.001' after 3000 steps on its 2-D data is not reproduced here (other data); "
                        + "judged by this claim's verdict");
        String measurement = "spread " + Format.g(spreadEarly) + " → " + Format.g(spreadT) + " rad over [T/100, T] "
                + "(~ t^" + Format.g(rate.slope()) + "; fit C + A/ln t gives C = " + Format.g(limit.intercept())
                + "); angles to ŵ at T/100 " + MaxMarginChecks.fmt(anglesEarly) + " → at T " + MaxMarginChecks.fmt(anglesT) + ", extrapolated limits "
                + MaxMarginChecks.fmt(angleLimits) + (asymptotic ? "" : "; not every run's loss is ~ 1/t yet");
        return rb.build(v, "the ten runs' directions approach each other (spread → 0 like 1/ln t) and each approaches ŵ/‖ŵ‖",
                measurement, rule());
    }
}
