package org.sgdlab.theory.maxmargin;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Generators;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.MarginLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Traces;
import org.sgdlab.train.ProgressListener;

/**
 * Section B of the catalog: on separable data, GD and SGD on exponentially-tailed losses converge in
 * direction to the max-margin SVM (Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018, "The implicit bias
 * of gradient descent on separable data", Thm 3; Nacson et al. 2019 for SGD; seed 001 §2; 002 §8.3).
 */
public final class MaxMarginClaims {
    private MaxMarginClaims() {
    }

    /** The claims of this family (seed-exp1 is its own class). */
    public static List<Claim> all() {
        return List.of(new GdLogistic(), new ExpLoss(), new Sgd(), new SupportVectors(), new SeedExperiment1Claim());
    }

    /** n = 50 separable Gaussian points in d = 10, margin 0.1 through the origin. */
    static MaxMarginProblem problem(ClaimContext c) {
        return new MaxMarginProblem(Generators.separableGaussians(50, 10, 0.1, c.seed()));
    }

    static ProgressListener part(ClaimContext c, int k, int total) {
        return (done, all) -> c.progress().onProgress((long) k * all + done, (long) total * all);
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
            rb.plot(new PlotSpec("angle.png", claim.id() + ": angle to the SVM direction", t, "step", List.of("angle"),
                    true, true, "step t", "angle (rad)"));
            rb.plot(new PlotSpec("norm_over_ln_t.png", claim.id() + ": ‖w_t‖ / ln t (→ ‖ŵ‖)", t, "step",
                    List.of("norm_over_ln_t"), true, false, "step t", "‖w‖ / ln t"));
            rb.plot(new PlotSpec("loss.png", claim.id() + ": loss and loss·t", t, "step", List.of("loss", "loss_times_t"),
                    true, true, "step t", "loss"));
            rb.plot(new PlotSpec("margin_gap.png", claim.id() + ": normalized margin gap (γ_svm − γ(w_t))/γ_svm", t, "step",
                    List.of("margin_gap"), true, true, "step t", "relative margin gap"));
            return;
        }
        for (String col : List.of("angle", "norm_over_ln_t", "loss", "margin_gap")) {
            rb.trace(Traces.mergeColumn(col, traces, col));
        }
        rb.plot(new PlotSpec("angle.png", claim.id() + ": angle to the SVM direction", "angle", "step", names, true, true,
                "step t", "angle (rad)"));
        rb.plot(new PlotSpec("norm_over_ln_t.png", claim.id() + ": ‖w_t‖ / ln t", "norm_over_ln_t", "step", names, true, false,
                "step t", "‖w‖ / ln t"));
        rb.plot(new PlotSpec("loss.png", claim.id() + ": loss", "loss", "step", names, true, true, "step t", "loss"));
        rb.plot(new PlotSpec("margin_gap.png", claim.id() + ": normalized margin gap", "margin_gap", "step", names, true, true,
                "step t", "relative margin gap"));
        for (MaxMarginRun r : runs) {
            rb.trace(r.trace());
        }
    }

    /** GD with η = 1/L on the mean loss, L = λ_max(XᵀX)/n times the loss's curvature bound at 0. */
    static MaxMarginRun gdRun(String name, MaxMarginProblem p, MarginLoss loss, long steps, ProgressListener progress) {
        EmpiricalRisk f = EmpiricalRisk.of(p.data(), loss, Reduction.MEAN);
        double curvature = loss == LogisticLoss.INSTANCE ? 0.25 : 1.0; // sup φ'' for logistic; φ''(0) for exponential
        double eta = p.data().n() / (curvature * p.sigmaMaxSquared());
        return MaxMarginRun.run(name, p, f, Optimizers.sgd(eta), Samplers.fullBatch(p.data().n()),
                new double[p.data().d()], steps, progress);
    }

    /** max-margin.gd-logistic */
    static final class GdLogistic implements Claim {
        @Override
        public String id() {
            return "max-margin.gd-logistic";
        }

        @Override
        public String title() {
            return "GD on the logistic loss over separable data converges in direction to the max-margin SVM";
        }

        @Override
        public String source() {
            return "seed 001 §2; 002 §8.3; Soudry et al. 2018 Thm 3";
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            MaxMarginProblem p = problem(c);
            ResultBuilder rb = new ResultBuilder(this);
            long steps = c.budget().pick(1_000_000L, 30_000_000L);
            rb.number("steps", steps);
            List<MaxMarginRun> runs = List.of(gdRun("gd_logistic", p, LogisticLoss.INSTANCE, steps, c.progress()));
            rb.note("Mean logistic loss, w0 = 0, η = 1/L with L = λ_max(XᵀX)/(4n) (the loss's smoothness constant).");
            return finish(this, rb, p, runs, "w_t/‖w_t‖ → ŵ/‖ŵ‖ with angle ~ 1/ln t; ‖w_t‖ ≈ ‖ŵ‖ ln t; loss ~ 1/t; margin gap ~ 1/ln t");
        }
    }

    /** max-margin.exp-loss */
    static final class ExpLoss implements Claim {
        @Override
        public String id() {
            return "max-margin.exp-loss";
        }

        @Override
        public String title() {
            return "the same for the exponential loss";
        }

        @Override
        public String source() {
            return "seed 001 §2; 002 §8.3; Soudry et al. 2018 Thm 3";
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            MaxMarginProblem p = problem(c);
            ResultBuilder rb = new ResultBuilder(this);
            long steps = c.budget().pick(1_000_000L, 30_000_000L);
            rb.number("steps", steps);
            List<MaxMarginRun> runs = List.of(gdRun("gd_exponential", p, ExponentialLoss.INSTANCE, steps, c.progress()));
            rb.note("Mean exponential loss, w0 = 0, η = n/λ_max(XᵀX) (the curvature at w0; the loss only decreases from there).");
            return finish(this, rb, p, runs, "w_t/‖w_t‖ → ŵ/‖ŵ‖ with angle ~ 1/ln t; ‖w_t‖ ≈ ‖ŵ‖ ln t; loss ~ 1/t");
        }
    }

    /** max-margin.sgd */
    static final class Sgd implements Claim {
        @Override
        public String id() {
            return "max-margin.sgd";
        }

        @Override
        public String title() {
            return "SGD with a fixed step on separable data converges in direction to the max-margin SVM";
        }

        @Override
        public String source() {
            return "seed 001 §2; Nacson, Srebro, Soudry 2019 (SGD on separable data, fixed step)";
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            MaxMarginProblem p = problem(c);
            ResultBuilder rb = new ResultBuilder(this);
            long steps = c.budget().pick(2_000_000L, 100_000_000L);
            int seeds = c.budget().pick(3, 5);
            EmpiricalRisk f = EmpiricalRisk.of(p.data(), LogisticLoss.INSTANCE, Reduction.MEAN);
            double maxRow = org.sgdlab.objective.Smoothness.maxRowNormSquared(p.data(), false);
            // a single-sample step is φ''·‖xᵢ‖²-smooth with φ'' ≤ 1/4: η = 4/maxᵢ‖xᵢ‖² is below 2/β for every sample
            double eta = 1.0 / (0.25 * maxRow);
            rb.number("steps", steps).number("learning_rate", eta).number("batch", 1);
            List<MaxMarginRun> runs = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                RandomStream rng = new RandomStream(c.seed()).split(500 + s);
                runs.add(MaxMarginRun.run("sgd_seed" + s, p, f, Optimizers.sgd(eta),
                        Samplers.withReplacement(p.data().n(), 1, rng), new double[p.data().d()], steps, part(c, s, seeds)));
            }
            rb.note("Single-sample SGD with replacement, mean logistic loss, fixed η = 1/(maxᵢ‖xᵢ‖²/4) = " + Format.g(eta) + ".");
            return finish(this, rb, p, runs, "for every seed: w_t/‖w_t‖ → ŵ/‖ŵ‖ with angle ~ 1/ln t; loss ~ 1/t");
        }
    }

    /** max-margin.support-vectors */
    static final class SupportVectors implements Claim {
        @Override
        public String id() {
            return "max-margin.support-vectors";
        }

        @Override
        public String title() {
            return "late in training the gradient weight concentrates on the support vectors";
        }

        @Override
        public String source() {
            return "seed 001 exp. 2 and derivation 7.2; Soudry et al. 2018 §3";
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            MaxMarginProblem p = problem(c);
            ResultBuilder rb = new ResultBuilder(this);
            long steps = c.budget().pick(1_000_000L, 30_000_000L);
            MaxMarginRun run = gdRun("gd_logistic", p, LogisticLoss.INSTANCE, steps, c.progress());
            // weight of sample i ∝ exp(−yᵢ⟨w_t, xᵢ⟩) ≈ t^{−γ̂ᵢ} with γ̂ᵢ = yᵢ⟨ŵ, xᵢ⟩ (1 on support vectors),
            // so the non-support share decays like t^{−κ}, κ = min over non-support vectors of (γ̂ᵢ − 1).
            double[] m = p.svmMargins();
            boolean[] sv = p.supportMask();
            double kappa = Double.POSITIVE_INFINITY;
            for (int i = 0; i < m.length; i++) {
                if (!sv[i]) {
                    kappa = Math.min(kappa, m[i] - 1);
                }
            }
            Trace tr = run.trace();
            double[] t = tr.column("step");
            double[] nonSv = tr.column("non_sv_share");
            double fitted = org.sgdlab.theory.Fit.logLog(t, nonSv, steps / 100.0, steps).slope();
            double finalShare = tr.last("sv_share");
            double earlier = MaxMarginRun.valueAt(t, tr.column("sv_share"), steps / 100.0);
            rb.number("steps", steps).number("support_vectors", p.svm().supportVectors().length)
                    .number("sv_share_at_T_over_100", earlier).number("sv_share_final", finalShare)
                    .number("predicted_decay_exponent", -kappa).number("fitted_decay_exponent", fitted);
            rb.trace(tr);
            rb.plot(new PlotSpec("sv_share.png", id() + ": share of gradient weight on support vectors", tr.name(), "step",
                    List.of("sv_share", "non_sv_share"), true, true, "step t", "share of Σ −φ'(mᵢ)"));
            Verdict v = decide(finalShare, earlier, fitted, kappa);
            String measurement = "support-vector share " + Format.g(earlier) + " at T/100 → " + Format.g(finalShare)
                    + " at T = " + steps + "; non-support share ~ t^" + Format.g(fitted) + " (predicted t^" + Format.g(-kappa) + ")";
            return rb.build(v, "share on the SVM's support vectors → 1; the rest decays like t^(−κ), κ = min non-SV margin − 1 = "
                    + Format.g(kappa), measurement, rule());
        }

        static String rule() {
            return "HOLDS if the support-vector share grows over the last two decades and the fitted decay exponent of the "
                    + "non-support share is within 25% of −κ; FAILS if the share shrinks; INCONCLUSIVE otherwise.";
        }

        /** The verdict from the measured shares and exponents. */
        static Verdict decide(double finalShare, double earlierShare, double fittedExponent, double kappa) {
            if (!(finalShare > earlierShare)) {
                return Verdict.FAILS;
            }
            return Math.abs(fittedExponent / -kappa - 1) <= 0.25 ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
        }
    }
}
