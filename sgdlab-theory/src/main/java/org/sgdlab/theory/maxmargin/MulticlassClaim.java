package org.sgdlab.theory.maxmargin;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.objective.SoftmaxCrossEntropy;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.optim.Transform;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Traces;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * max-margin.multiclass: GD and single-sample SGD on the mean softmax cross-entropy over separable K-class data converge in
 * direction, in ℝ^{K×d} with the Frobenius norm, to the hard-margin multiclass SVM Ŵ = argmin Σ_k‖w_k‖² s.t.
 * ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1 (source 001 §2.6 eq. 20). As in the binary case (Soudry et al. 2018), W_t = Ŵ ln t + O(1), so the
 * angle to Ŵ shrinks like 1/ln t, ‖W_t‖_F grows by ‖Ŵ‖_F per unit of ln t, the loss falls like 1/t and the normalized
 * margin gap like 1/ln t. The rule is {@link MaxMarginVerdict}'s, applied to every run with angles and norms in ℝ^{K×d}.
 *
 * <p>Beyond the rule the check records the share of the loss gradient's pair weights p_{i,k} carried by the oracle's
 * support constraints (→ 1), and the angle to the stacked one-vs-rest binary SVMs — the source calls eq. 20 "the multiclass
 * SVM (one-vs-rest form)"; the constraints are Crammer and Singer's, and one-vs-rest is a different direction.
 *
 * <p>Budgets: quick 2·10⁵ steps, GD and one SGD seed (the planted-prediction tests' length); full 3·10⁷ steps, GD and
 * three SGD seeds.
 */
final class MulticlassClaim extends BaseClaim {
    MulticlassClaim() {
        super("max-margin.multiclass",
                "softmax cross-entropy on separable K-class data: GD and SGD converge in direction to the multiclass SVM "
                        + "min Σ‖w_k‖² s.t. ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1",
                "source 001 §2.6 (derivation 7.6, eq. 20); Soudry et al. 2018 (JMLR 19), multi-class extension; "
                        + "Ravi, Scott, Soudry, Wang 2024 (arXiv 2411.01350)");
    }

    static final String PREDICTION = "W_t/‖W_t‖_F → Ŵ/‖Ŵ‖_F in ℝ^{K×d} with angle ~ 1/ln t; ‖W_t‖_F ≈ ‖Ŵ‖_F ln t; loss ~ 1/t; "
            + "margin gap ~ 1/ln t; for GD and for every SGD seed";

    @Override
    public ClaimResult check(ClaimContext c) {
        MulticlassProblem p = MulticlassProblem.standard(c.seed());
        return run(this, c, p, p.wHat());
    }

    /** The check with angles and margins measured against {@code target} (tests plant wrong predictions here). */
    static ClaimResult run(BaseClaim claim, ClaimContext c, MulticlassProblem p, double[] target) {
        ResultBuilder rb = new ResultBuilder(claim);
        // quick: 2·10⁵ steps, the length at which the planted-prediction tests show the rule telling Ŵ from a wrong
        // direction (one-vs-rest; Ŵ rotated by 0.2 rad); its fits over [T/100, T] still span two decades. Measured at
        // seed 1, GD (SGD alike), against 10⁶ steps before: angle 0.191 → 0.139 over [T/100, T] (0.168 → 0.128),
        // limit C 0.053 ≤ angle(T)/2 = 0.069 (0.049 ≤ 0.064), d‖W‖/d ln t 0.489 (0.500; ‖Ŵ‖ = 0.526), loss ~ t^−0.975
        // (t^−0.985): the same verdict with the same slack at a fifth of the cost.
        long steps = c.budget().pick(200_000L, 30_000_000L);
        int sgdSeeds = c.budget().pick(1, 3);
        int parts = 1 + sgdSeeds;
        double[] ovr = p.oneVsRest();
        List<MaxMarginRun> runs = new ArrayList<>();
        double gdStep = p.gdStep();
        runs.add(run("gd", p, target, ovr, Optimizers.sgd(gdStep), Samplers.fullBatch(p.data().n()), steps,
                c.part(0, parts).progress()));
        double sgdStep = p.sgdStep();
        for (int s = 0; s < sgdSeeds; s++) {
            RandomStream rng = new RandomStream(c.seed()).split(700 + s);
            runs.add(run("sgd_seed" + s, p, target, ovr, Optimizers.sgd(sgdStep), Samplers.withReplacement(p.data().n(), 1, rng),
                    steps, c.part(1 + s, parts).progress()));
        }
        double targetNorm = Kernels.norm2(target);
        double wHatNorm = p.wHatNorm();
        rb.number("n", p.data().n()).number("d", p.data().d()).number("K", p.numClasses()).number("steps", steps)
                .number("gd_learning_rate", gdStep).number("sgd_learning_rate", sgdStep).number("sgd_seeds", sgdSeeds)
                .number("svm.norm_W_hat", wHatNorm).number("svm.margin", 1 / wHatNorm)
                .number("svm.support_constraints", p.svm().supportConstraints().length)
                .number("svm.kkt_residual", p.svm().kktResidual())
                .number("target.angle_to_W_hat", Angles.between(target, p.wHat()));
        if (ovr != null) {
            rb.number("one_vs_rest.angle_to_W_hat", Angles.between(ovr, p.wHat()));
        }
        for (MaxMarginRun r : runs) {
            String k = r.name() + ".";
            Trace tr = r.trace();
            double[] t = tr.column("step");
            rb.number(k + "final_angle", r.finalAngle()).number(k + "angle_at_T_over_100", r.angleTwoDecadesBefore())
                    .number(k + "angle_rate_vs_ln_t", r.angleRate()).number(k + "angle_limit", r.angleLimit())
                    .number(k + "norm_growth_per_ln_t", r.normGrowth())
                    .number(k + "norm_over_ln_t_at_T", tr.last("norm_over_ln_t"))
                    .number(k + "loss_rate", r.lossRate()).number(k + "margin_gap_rate_vs_ln_t", r.marginGapRate())
                    .number(k + "sv_share_at_T_over_100", MaxMarginRun.valueAt(t, tr.column("sv_share"), steps / 100))
                    .number(k + "sv_share_final", tr.last("sv_share"));
            for (long dec = 100; dec <= steps; dec *= 10) {
                rb.number(k + "angle_at_t_1e" + Math.round(Math.log10(dec)), MaxMarginRun.valueAt(t, tr.column("angle"), dec));
            }
            if (ovr != null) {
                rb.number(k + "angle_to_one_vs_rest_at_T_over_100", MaxMarginRun.valueAt(t, tr.column("angle_ovr"), steps / 100))
                        .number(k + "angle_to_one_vs_rest_final", tr.last("angle_ovr"));
            }
        }
        MaxMarginChecks.addTracesAndPlots(claim, rb, runs);
        List<Trace> traces = runs.stream().map(MaxMarginRun::trace).toList();
        List<String> names = traces.stream().map(Trace::name).toList();
        rb.trace(Traces.mergeColumn("sv_share", traces, "sv_share"));
        rb.plot(PlotSpec.semiLogX("sv_share.png")
                .title(claim.id() + ": share of the pair weights p_ik on the SVM's support constraints").trace("sv_share")
                .x("step", "step t").y(names, "share").build());
        if (ovr != null) {
            rb.trace(Traces.mergeColumn("angle_ovr", traces, "angle_ovr"));
            rb.plot(PlotSpec.logLog("angle_one_vs_rest.png")
                    .title(claim.id() + ": angle to the stacked one-vs-rest SVMs (not the limit)").trace("angle_ovr")
                    .x("step", "step t").y(names, "angle (rad)").build());
        }
        Verdict v = MaxMarginVerdict.decide(runs, targetNorm);
        rb.note("Data: " + p.data().name() + "; mean softmax cross-entropy, W0 = 0. GD: η = 1/L = " + Format.g(gdStep)
                + " with L = λ_max(XᵀX)/(2n) (the softmax Hessian diag(p) − ppᵀ ⪯ ½I). SGD: one sample per step with "
                + "replacement, η = 2/maxᵢ‖xᵢ‖² = " + Format.g(sgdStep) + ". Angles, norms and margins are taken in ℝ^{K×d} "
                + "(Frobenius); the margin gap is (γ̂ − γ(W_t))/γ̂ with γ(W) = min_{i,k≠yᵢ}⟨w_{yᵢ} − w_k, xᵢ⟩/‖W‖_F.");
        String ovrText;
        if (ovr == null) {
            ovrText = "(the one-vs-rest SVMs do not exist here: some class is not separable from the rest through the origin)";
        } else {
            MaxMarginRun gd = runs.get(0);
            ovrText = "the one-vs-rest stack is " + Format.g(Angles.between(ovr, p.wHat())) + " rad from Ŵ, and GD's angle to it "
                    + "went " + Format.g(MaxMarginRun.valueAt(gd.trace().column("step"), gd.trace().column("angle_ovr"),
                    steps / 100)) + " → " + Format.g(gd.trace().last("angle_ovr")) + " over [T/100, T] while its angle to Ŵ went "
                    + Format.g(gd.angleTwoDecadesBefore()) + " → " + Format.g(gd.finalAngle());
        }
        rb.sourceStatement("the softmax gradient flow converges to the solution of min Σ‖w_k‖² s.t. ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1 "
                        + "(eq. 20), \"exactly the multiclass SVM (one-vs-rest form)\"", v,
                "eq. 20 is judged by this claim's verdict (GD with a step, and SGD, in place of the flow). Its label is not: "
                        + "eq. 20 is Crammer and Singer's all-pairs multiclass SVM, not one-vs-rest — " + ovrText
                        + ". The source credits Ji and Telgarsky (2019); the multiclass statement is in Soudry et al. (2018).");
        return rb.build(v, PREDICTION, MaxMarginVerdict.measurement(runs, targetNorm), MaxMarginVerdict.rule());
    }

    /** One probed run from W0 = 0 and its fitted rates (angles and margins against {@code target}). */
    static MaxMarginRun run(String name, MulticlassProblem p, double[] target, double[] ovr, Transform optimizer, Sampler sampler,
                            long steps, ProgressListener progress) {
        SoftmaxCrossEntropy f = p.loss();
        double gammaTarget = f.minMargin(target) / Kernels.norm2(target);
        boolean[] sv = p.supportMask();
        double[] weights = new double[p.data().n() * p.numClasses()];
        List<Probe> probes = new ArrayList<>(List.of(
                Probe.of("angle", (t, w, o) -> Angles.between(w, target)),
                Probe.of("norm", (t, w, o) -> Kernels.norm2(w)),
                Probe.of("norm_over_ln_t", (t, w, o) -> t >= 2 ? Kernels.norm2(w) / Math.log(t) : Double.NaN),
                Probe.of("loss", (t, w, o) -> Math.exp(f.logValue(w))),
                Probe.of("loss_times_t", (t, w, o) -> Math.exp(f.logValue(w) + Math.log(Math.max(t, 1)))),
                Probe.of("margin_gap", (t, w, o) -> (gammaTarget - f.minMargin(w) / Kernels.norm2(w)) / gammaTarget),
                Probe.of("sv_share", (t, w, o) -> {
                    f.normalizedPairWeights(w, weights);
                    double s = 0;
                    for (int i = 0; i < weights.length; i++) {
                        s += sv[i] ? weights[i] : 0;
                    }
                    return s;
                })));
        if (ovr != null) {
            probes.add(Probe.of("angle_ovr", (t, w, o) -> Angles.between(w, ovr)));
        }
        TrainResult r = Trainer.builder(f, optimizer).sampler(sampler).probes(probes)
                .probeSchedule(MaxMarginRun.schedule(steps)).progress(progress).traceName(name).build()
                .run(new double[f.dimension()], steps);
        return MaxMarginRun.fromTrace(name, r.trace(), steps, r.params());
    }
}
