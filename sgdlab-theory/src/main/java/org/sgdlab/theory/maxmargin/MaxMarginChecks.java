package org.sgdlab.theory.maxmargin;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Generators;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.MarginLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.objective.Smoothness;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Traces;
import org.sgdlab.train.ProgressListener;

/**
 * What the max-margin claims share: the standard separable problem, full-batch GD at η = 1/L, and the standard
 * report (oracle numbers, per-run rates, merged traces and plots, verdict by {@link MaxMarginVerdict}).
 */
final class MaxMarginChecks {
    private MaxMarginChecks() {
    }

    /** n = 50 separable Gaussian points in d = 10, margin 0.1 through the origin. */
    static MaxMarginProblem problem(ClaimContext c) {
        return new MaxMarginProblem(Generators.separableGaussians(50, 10, 0.1, c.seed()));
    }

    /** Records the oracle, per-run numbers, traces and the standard plots; decides the verdict. */
    static ClaimResult finish(Claim claim, ResultBuilder rb, MaxMarginProblem p, List<MaxMarginRun> runs, String prediction) {
        double wHatNorm = Kernels.norm2(p.wHat());
        rb.number("n", p.data().n()).number("d", p.data().d())
                .number("svm.norm_w_hat", wHatNorm).number("svm.margin", p.svm().margin())
                .number("svm.support_vectors", p.svm().supportVectors().length)
                .number("svm.kkt_residual", p.svm().kktResidual());
        for (MaxMarginRun r : runs) {
            String k = r.name() + ".";
            rb.number(k + "final_angle", r.finalAngle()).number(k + "angle_at_T_over_100", r.angleTwoDecadesBefore())
                    .number(k + "angle_rate_vs_ln_t", r.angleRate()).number(k + "angle_limit", r.angleLimit())
                    .number(k + "norm_growth_per_ln_t", r.normGrowth()).number(k + "loss_rate", r.lossRate())
                    .number(k + "margin_gap_rate_vs_ln_t", r.marginGapRate());
        }
        addTracesAndPlots(claim, rb, runs);
        Verdict v = MaxMarginVerdict.decide(runs, wHatNorm);
        return rb.build(v, prediction, MaxMarginVerdict.measurement(runs, wHatNorm), MaxMarginVerdict.rule());
    }

    static void addTracesAndPlots(Claim claim, ResultBuilder rb, List<MaxMarginRun> runs) {
        List<Trace> traces = new ArrayList<>();
        for (MaxMarginRun r : runs) {
            traces.add(r.trace());
        }
        List<String> names = traces.stream().map(Trace::name).toList();
        if (runs.size() == 1) {
            String t = runs.get(0).name();
            rb.trace(runs.get(0).trace());
            rb.plot(PlotSpec.logLog("angle.png").title(claim.id() + ": angle to the SVM direction").trace(t)
                    .x("step", "step t").y("angle", "angle (rad)").build());
            rb.plot(PlotSpec.semiLogX("norm.png").title(claim.id() + ": ‖w_t‖ against ln t (asymptotic slope ‖ŵ‖)").trace(t)
                    .x("step", "step t (log scale = ln t)").y("norm", "‖w‖").build());
            rb.plot(PlotSpec.semiLogX("norm_over_ln_t.png").title(claim.id() + ": ‖w_t‖ / ln t (→ ‖ŵ‖)").trace(t)
                    .x("step", "step t").y("norm_over_ln_t", "‖w‖ / ln t").build());
            rb.plot(PlotSpec.logLog("loss.png").title(claim.id() + ": loss and loss·t").trace(t).x("step", "step t")
                    .y(List.of("loss", "loss_times_t"), "loss").build());
            rb.plot(PlotSpec.logLog("margin_gap.png").title(claim.id() + ": normalized margin gap (γ_svm − γ(w_t))/γ_svm")
                    .trace(t).x("step", "step t").y("margin_gap", "relative margin gap").build());
            return;
        }
        for (String col : List.of("angle", "norm", "norm_over_ln_t", "loss", "margin_gap")) {
            rb.trace(Traces.mergeColumn(col, traces, col));
        }
        rb.plot(PlotSpec.logLog("angle.png").title(claim.id() + ": angle to the SVM direction").trace("angle")
                .x("step", "step t").y(names, "angle (rad)").build());
        rb.plot(PlotSpec.semiLogX("norm.png").title(claim.id() + ": ‖w_t‖ against ln t (asymptotic slope ‖ŵ‖)").trace("norm")
                .x("step", "step t (log scale = ln t)").y(names, "‖w‖").build());
        rb.plot(PlotSpec.semiLogX("norm_over_ln_t.png").title(claim.id() + ": ‖w_t‖ / ln t").trace("norm_over_ln_t")
                .x("step", "step t").y(names, "‖w‖ / ln t").build());
        rb.plot(PlotSpec.logLog("loss.png").title(claim.id() + ": loss").trace("loss").x("step", "step t").y(names, "loss")
                .build());
        rb.plot(PlotSpec.logLog("margin_gap.png").title(claim.id() + ": normalized margin gap").trace("margin_gap")
                .x("step", "step t").y(names, "relative margin gap").build());
        for (MaxMarginRun r : runs) {
            rb.trace(r.trace());
        }
    }

    /** GD's step η = 1/L on the mean loss, L = λ_max(XᵀX)/n times the loss's curvature bound at 0. */
    static double gdStep(MaxMarginProblem p, MarginLoss loss) {
        double curvature = Smoothness.stepSizeCurvature(loss); // sup φ'' for logistic; φ''(0) for exponential
        return p.data().n() / (curvature * p.sigmaMaxSquared());
    }

    /** GD from 0 with {@link #gdStep} on the mean loss, probed. */
    static MaxMarginRun gdRun(String name, MaxMarginProblem p, MarginLoss loss, long steps, ProgressListener progress) {
        EmpiricalRisk f = EmpiricalRisk.of(p.data(), loss, Reduction.MEAN);
        return MaxMarginRun.run(name, p, f, Optimizers.sgd(gdStep(p, loss)), Samplers.fullBatch(p.data().n()),
                new double[p.data().d()], steps, progress);
    }

    /** The same GD run's iterate after {@code steps} steps, without probes (deterministic: equals the probed run's w_steps). */
    static double[] gdIterate(MaxMarginProblem p, MarginLoss loss, long steps) {
        EmpiricalRisk f = EmpiricalRisk.of(p.data(), loss, Reduction.MEAN);
        return org.sgdlab.train.Trainer.builder(f, Optimizers.sgd(gdStep(p, loss)))
                .probeSchedule(org.sgdlab.probe.ProbeSchedule.linear(0, 1)).build().run(new double[p.data().d()], steps).params();
    }

    /** {@code [a, b, …]} with {@link org.sgdlab.theory.Format#g} entries. */
    static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Format.g(v[i]));
        }
        return sb.append(']').toString();
    }
}
