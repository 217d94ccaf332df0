package org.sgdlab.theory.steepest;

import java.util.Arrays;
import java.util.List;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * steepest.fig81 (002 §8.1, Fig. 8.1): steepest descent w.r.t. ‖·‖_{4/3} on X = [[1,1,1],[1,2,0]], y = [1,10] has an
 * η-dependent limit that is not the min-norm interpolant even as η → 0. The runs, the flow and the verdict are
 * {@link SteepestFig81}'s; this class reports them.
 */
final class Fig81Claim extends BaseClaim {
    static final double P = 4.0 / 3.0;

    Fig81Claim() {
        super("steepest.fig81", "steepest descent w.r.t. ‖·‖_{4/3} on X = [[1,1,1],[1,2,0]], y = [1,10] from 0 converges to an "
                + "η-dependent interpolant, and even as η → 0 not to the min-‖·‖_{4/3} interpolant", "002 Fig. 8.1, eq. (8.5)");
    }

    /** The step sizes of the Figure 8.1 sweep. */
    static double[] etas(Budget b) {
        return b == Budget.QUICK ? new double[] {0.3, 0.1, 0.03, 0.01, 0.003}
                : new double[] {0.3, 0.2, 0.1, 0.05, 0.03, 0.01, 0.005, 0.003, 0.001};
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        double[] etas = etas(c.budget());
        // ⌈horizon/η⌉ steps: the residual contracts roughly like (1 − cη)^t, so a fixed "time" η·t suffices for every η
        double horizon = c.budget() == Budget.QUICK ? 60 : 100;
        SteepestFig81.Measurement m = SteepestFig81.measure(P, etas, horizon, c);
        Verdict v = SteepestFig81.decide(m);
        return report(this, rb, m, v);
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
        rb.plot(PlotSpec.semiLogX("fig81.png").title(claim.id() + ": w₁ of the limit vs η (Fig. 8.1)").trace("limits")
                .x("eta", "step size η").y(List.of("w1", "flow_w1", "minnorm_w1"), "w₁ of the limit").build());
        rb.plot(PlotSpec.logLog("gap.png").title(claim.id() + ": |w₁(η) − w₁(flow)| vs η").trace("limits")
                .x("eta", "step size η").y("gap_to_flow", "gap to the η → 0 limit").build());
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
        rb.sourceStatement("Even as η → 0, steepest descent w.r.t. ‖·‖_{4/3} does not converge to the min-‖·‖_{4/3} interpolant "
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
}
