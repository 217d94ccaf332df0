package org.sgdlab.theory.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Schedule;
import org.sgdlab.optim.Schedules;
import org.sgdlab.oracles.BregmanProjection;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Traces;
import org.sgdlab.train.ProgressListener;

/**
 * Geometry of the optimizer (002 §8.1): steepest descent w.r.t. a non-Euclidean norm has an η-dependent limit that
 * is not the min-norm interpolant even as η → 0 (Fig. 8.1), while mirror descent converges to the Bregman projection
 * of its start onto the interpolants (Thm 8.1.2).
 */
public final class GeometryClaims {
    private GeometryClaims() {
    }

    /** The claims of this family: steepest.fig81 and mirror.bregman. */
    public static List<Claim> all() {
        return List.of(new Fig81(), new Bregman());
    }

    /** The step sizes of the Figure 8.1 sweep. */
    static double[] fig81Etas(Budget b) {
        return b == Budget.QUICK ? new double[] {0.3, 0.1, 0.03, 0.01, 0.003}
                : new double[] {0.3, 0.2, 0.1, 0.05, 0.03, 0.01, 0.005, 0.003, 0.001};
    }

    /** steepest.fig81 */
    static final class Fig81 extends BaseClaim {
        static final double P = 4.0 / 3.0;

        Fig81() {
            super("steepest.fig81", "steepest descent w.r.t. ‖·‖_{4/3} on X = [[1,1,1],[1,2,0]], y = [1,10] from 0 converges to an "
                    + "η-dependent interpolant, and even as η → 0 not to the min-‖·‖_{4/3} interpolant", "002 Fig. 8.1, eq. (8.5)");
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            ResultBuilder rb = new ResultBuilder(this);
            double[] etas = fig81Etas(c.budget());
            // ⌈horizon/η⌉ steps: the residual contracts roughly like (1 − cη)^t, so a fixed "time" η·t suffices for every η
            double horizon = c.budget() == Budget.QUICK ? 60 : 100;
            SteepestFig81.Measurement m = SteepestFig81.measure(P, etas, horizon, c.progress());
            Verdict v = SteepestFig81.decide(m);
            return report(this, rb, m, v);
        }
    }

    static ClaimResult report(Claim claim, ResultBuilder rb, SteepestFig81.Measurement m, Verdict v) {
        Trace limits = new Trace("limits", List.of("eta", "w1", "flow_w1", "minnorm_w1", "gap_to_flow"));
        double[] gaps = m.gapsToFlow();
        double[] etas = new double[m.limits().size()];
        for (int i = 0; i < etas.length; i++) {
            SteepestFig81.EtaLimit l = m.limits().get(i);
            etas[i] = l.eta();
            limits.add(new double[] {i, l.eta(), l.w()[0], m.flow()[0], m.minNorm()[0], gaps[i]});
            String k = "eta_" + l.eta();
            rb.number(k + ".w1", l.w()[0]).number(k + ".w2", l.w()[1]).number(k + ".w3", l.w()[2])
                    .number(k + ".residual", l.residual()).number(k + ".steps", l.steps());
        }
        rb.number("flow.w1", m.flow()[0]).number("flow.w2", m.flow()[1]).number("flow.w3", m.flow()[2])
                .number("flow.residual", m.flowResidual());
        rb.number("minnorm.w1", m.minNorm()[0]).number("minnorm.w2", m.minNorm()[1]).number("minnorm.w3", m.minNorm()[2]);
        rb.number("flow_vs_minnorm_rel_dist", m.flowVsMinNorm()).number("w1_spread_over_eta", m.spreadW1());
        Fit fit = Fit.logLog(etas, gaps, 0, 0.1);
        rb.number("gap_vs_eta_loglog_slope(eta<=0.1)", fit.slope());
        rb.trace(limits);
        rb.plot(new PlotSpec("fig81.png", claim.id() + ": w₁ of the limit vs η (Fig. 8.1)", "limits", "eta",
                List.of("w1", "flow_w1", "minnorm_w1"), true, false, "step size η", "w₁ of the limit"));
        rb.plot(new PlotSpec("gap.png", claim.id() + ": |w₁(η) − w₁(flow)| vs η", "limits", "eta", List.of("gap_to_flow"), true, true,
                "step size η", "gap to the η → 0 limit"));
        rb.note("Objective L(w) = Σᵢ ½(⟨xᵢ,w⟩ − yᵢ)² (the ½ only rescales η relative to 002 eq. 8.1). Update w ← w − η‖g‖_4 sharp_{4/3}(g) "
                + "(002 eq. 8.5, GeometricOptimizers.steepestDescent(Norms.lp(4/3))). η → 0 limit: the flow ẇ = −‖∇L‖_4 sharp_{4/3}(∇L) "
                + "integrated by FlowIntegrator (Dormand–Prince, rtol 1e-12, atol 1e-14) to t = " + SteepestFig81.FLOW_TIME + ".");
        rb.note("The figure (fig81.png) shows w₁ of the limit against η on a log axis: the points move with η and settle, as η "
                + "decreases, onto the flow line w₁ = " + Format.g(m.flow()[0]) + ", which stays away from the min-‖·‖_{4/3} line w₁ = "
                + Format.g(m.minNorm()[0]) + ". Limits: " + limitsText(m) + ".");
        String measurement = "flow limit " + vec(m.flow()) + " vs min-‖·‖_{4/3} interpolant " + vec(m.minNorm()) + ": relative distance "
                + Format.g(m.flowVsMinNorm()) + "; w₁ spread over η " + Format.g(m.spreadW1()) + " (relative to |w₁(flow)|); gaps to flow "
                + Arrays.stream(gaps).mapToObj(Format::g).toList() + " for η = " + Arrays.toString(etas) + "; log-log slope "
                + Format.g(fit.slope());
        rb.seedStatement("Even as η → 0, steepest descent w.r.t. ‖·‖_{4/3} does not converge to the min-‖·‖_{4/3} interpolant "
                + "(w_{η→0}^∞ ≠ w*_{‖·‖})", v, "flow limit vs oracle: relative distance " + Format.g(m.flowVsMinNorm()));
        return rb.build(v, "limits depend on η; η → 0 limit (flow) ≠ argmin{‖w‖_{4/3} : Xw = y}", measurement, SteepestFig81.rule());
    }

    private static String limitsText(SteepestFig81.Measurement m) {
        StringBuilder sb = new StringBuilder();
        for (SteepestFig81.EtaLimit l : m.limits()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append("η = ").append(l.eta()).append(": ").append(vec(l.w()));
        }
        return sb.toString();
    }

    static String vec(double[] w) {
        return Arrays.stream(w).mapToObj(Format::g).toList().toString();
    }

    /** mirror.bregman */
    static final class Bregman extends BaseClaim {
        Bregman() {
            super("mirror.bregman", "mirror descent with potential R on under-determined least squares converges to argmin D_R(w, w0) "
                    + "s.t. Xw = y, for any step schedule, also stochastically", "002 Thm 8.1.2");
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            ResultBuilder rb = new ResultBuilder(this);
            List<MirrorBregman.Run> runs = runs(c, false);
            return reportMirror(this, rb, runs, c);
        }
    }

    /** Frobenius norm squared of X: a bound on the largest eigenvalue of XᵀX. */
    static double frobenius2(Dataset data) {
        double s = 0;
        for (int i = 0; i < data.n(); i++) {
            for (int j = 0; j < data.d(); j++) {
                s += data.x().get(i, j) * data.x().get(i, j);
            }
        }
        return s;
    }

    static Dataset mirrorData(ClaimContext c) {
        return c.budget() == Budget.QUICK ? MirrorBregman.data(10, 40, c.seed()) : MirrorBregman.data(20, 100, c.seed());
    }

    /**
     * All mirror-descent runs; with {@code euclideanPrediction} each is measured against w0 + X⁺(y − Xw0) instead of the
     * Bregman projection (a planted wrong prediction for the tests).
     */
    static List<MirrorBregman.Run> runs(ClaimContext c, boolean euclideanPrediction) {
        Dataset data = mirrorData(c);
        int n = data.n();
        int d = data.d();
        double fro = frobenius2(data);
        long steps = c.budget().pick(40000L, 120000L);
        double[] w0r = new RandomStream(c.seed()).split(77).gaussians(new double[d]);
        for (int j = 0; j < d; j++) {
            w0r[j] *= 0.1;
        }
        List<MirrorBregman.Run> runs = new ArrayList<>();
        List<BregmanProjection.Mirror> mirrors = MirrorBregman.mirrors();
        int total = mirrors.size() * 5;
        int k = 0;
        for (BregmanProjection.Mirror mirror : mirrors) {
            String pot = mirror.potential().describe();
            for (int s = 0; s < 5; s++) {
                double[] w0 = s == 0 || s == 2 ? new double[d] : w0r;
                String start = s == 0 || s == 2 ? "w0=0" : "w0=random";
                Reduction red = Reduction.SUM;
                Schedule lr;
                Sampler sampler = Samplers.fullBatch(n);
                String kind;
                if (s < 2) {
                    // ½‖·‖²_3 has ∇²R* unbounded where a dual coordinate crosses 0: constant η = 1/‖X‖²_F and 0.5/‖X‖²_F cycled there (seeds 4, 6, 7)
                    lr = Schedules.constant(0.2 / fro);
                    kind = "constant";
                } else if (s < 4) {
                    lr = Schedules.inverseSqrt(1.0 / fro, 1000);
                    kind = "inverse-sqrt";
                } else {
                    // mean loss, one sample with replacement per step: each term is ‖xᵢ‖²-smooth, η = 1/‖X‖²_F = 0.1/mean‖xᵢ‖² (n = 10)
                    red = Reduction.MEAN;
                    lr = Schedules.constant(1.0 / fro);
                    sampler = Samplers.withReplacement(n, 1, new RandomStream(c.seed()).split(1000 + k));
                    kind = "sgd-b1-constant";
                }
                double[] predicted = MirrorBregman.oracle(euclideanPrediction ? BregmanProjection.Mirror.euclidean() : mirror, data, w0);
                final int part = k;
                ProgressListener pl = (done, all) -> c.progress().onProgress((long) part * all + done, (long) total * all);
                runs.add(MirrorBregman.run(pot + "_" + kind + "_" + start, data, red, mirror, lr, sampler, w0, predicted, steps, pl));
                k++;
            }
        }
        return runs;
    }

    static ClaimResult reportMirror(Claim claim, ResultBuilder rb, List<MirrorBregman.Run> runs, ClaimContext c) {
        Dataset data = mirrorData(c);
        rb.number("n", data.n()).number("d", data.d()).number("steps", c.budget().pick(40000L, 120000L));
        double worstDist = 0;
        double worstRes = 0;
        List<Trace> traces = new ArrayList<>();
        for (MirrorBregman.Run r : runs) {
            rb.number(r.name() + ".rel_dist", r.relDist()).number(r.name() + ".rel_residual", r.relResidual());
            worstDist = Double.isNaN(r.relDist()) ? Double.NaN : Math.max(worstDist, r.relDist());
            worstRes = Double.isNaN(r.relResidual()) ? Double.NaN : Math.max(worstRes, r.relResidual());
            if (r.trace().size() > 0) {
                traces.add(r.trace());
            }
        }
        rb.number("max_rel_dist", worstDist).number("max_rel_residual", worstRes);
        if (!traces.isEmpty()) {
            List<String> names = traces.stream().map(Trace::name).toList();
            rb.trace(Traces.mergeColumn("distance", traces, "rel_dist"));
            rb.trace(Traces.mergeColumn("residual", traces, "residual"));
            rb.plot(new PlotSpec("distance.png", claim.id() + ": ‖w_t − w*‖/‖w*‖, w* = argmin D_R(w, w0) s.t. Xw = y", "distance", "step",
                    names, true, true, "step t", "relative distance"));
            rb.plot(new PlotSpec("residual.png", claim.id() + ": ‖Xw_t − y‖/‖y‖", "residual", "step", names, true, true, "step t",
                    "relative residual"));
        }
        rb.note("Data: Generators.underdeterminedRegression(n, d, noise 0.1). Potentials ½‖·‖²_1.5, ½‖·‖²_3, hyperbolic entropy α = 0.1. "
                + "Full batch (sum loss): η = 0.2/‖X‖²_F constant, and η_t = (1/‖X‖²_F)/√(1 + t/1000); stochastic: mean loss, batch 1 with "
                + "replacement, η = 1/‖X‖²_F, from the random w0 (entries N(0, 0.01)). Oracle: BregmanProjection.project (Newton on the dual).");
        Verdict v = MirrorBregman.decide(runs);
        String measurement = runs.size() + " runs: max ‖w_T − w*‖/‖w*‖ = " + Format.g(worstDist) + ", max ‖Xw_T − y‖/‖y‖ = "
                + Format.g(worstRes);
        rb.seedStatement("If mirror descent converges to a zero-loss solution, it is argmin_{w ∈ G} D_R(w, w0)", v, measurement);
        return rb.build(v, "every run → argmin D_R(w, w0) s.t. Xw = y", measurement, MirrorBregman.rule());
    }
}
