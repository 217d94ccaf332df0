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
import org.sgdlab.theory.BaseClaim;
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
        return List.of(
                new GdDirection("max-margin.gd-logistic",
                        "GD on the logistic loss over separable data converges in direction to the max-margin SVM",
                        LogisticLoss.INSTANCE,
                        "Mean logistic loss, w0 = 0, η = 1/L with L = λ_max(XᵀX)/(4n) (the loss's smoothness constant)."),
                new GdDirection("max-margin.exp-loss", "the same for the exponential loss", ExponentialLoss.INSTANCE,
                        "Mean exponential loss, w0 = 0, η = n/λ_max(XᵀX) (the curvature at w0; the loss only decreases from there)."),
                new Sgd(), new SupportVectors(), new SeedExperiment1Claim());
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
            rb.plot(new PlotSpec("norm.png", claim.id() + ": ‖w_t‖ against ln t (asymptotic slope ‖ŵ‖)", t, "step",
                    List.of("norm"), true, false, "step t (log scale = ln t)", "‖w‖"));
            rb.plot(new PlotSpec("norm_over_ln_t.png", claim.id() + ": ‖w_t‖ / ln t (→ ‖ŵ‖)", t, "step",
                    List.of("norm_over_ln_t"), true, false, "step t", "‖w‖ / ln t"));
            rb.plot(new PlotSpec("loss.png", claim.id() + ": loss and loss·t", t, "step", List.of("loss", "loss_times_t"),
                    true, true, "step t", "loss"));
            rb.plot(new PlotSpec("margin_gap.png", claim.id() + ": normalized margin gap (γ_svm − γ(w_t))/γ_svm", t, "step",
                    List.of("margin_gap"), true, true, "step t", "relative margin gap"));
            return;
        }
        for (String col : List.of("angle", "norm", "norm_over_ln_t", "loss", "margin_gap")) {
            rb.trace(Traces.mergeColumn(col, traces, col));
        }
        rb.plot(new PlotSpec("angle.png", claim.id() + ": angle to the SVM direction", "angle", "step", names, true, true,
                "step t", "angle (rad)"));
        rb.plot(new PlotSpec("norm.png", claim.id() + ": ‖w_t‖ against ln t (asymptotic slope ‖ŵ‖)", "norm", "step", names, true,
                false, "step t (log scale = ln t)", "‖w‖"));
        rb.plot(new PlotSpec("norm_over_ln_t.png", claim.id() + ": ‖w_t‖ / ln t", "norm_over_ln_t", "step", names, true, false,
                "step t", "‖w‖ / ln t"));
        rb.plot(new PlotSpec("loss.png", claim.id() + ": loss", "loss", "step", names, true, true, "step t", "loss"));
        rb.plot(new PlotSpec("margin_gap.png", claim.id() + ": normalized margin gap", "margin_gap", "step", names, true, true,
                "step t", "relative margin gap"));
        for (MaxMarginRun r : runs) {
            rb.trace(r.trace());
        }
    }

    /** GD's step η = 1/L on the mean loss, L = λ_max(XᵀX)/n times the loss's curvature bound at 0. */
    static double gdStep(MaxMarginProblem p, MarginLoss loss) {
        double curvature = loss == LogisticLoss.INSTANCE ? 0.25 : 1.0; // sup φ'' for logistic; φ''(0) for exponential
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

    /** max-margin.gd-logistic and max-margin.exp-loss: full-batch GD from 0 on an exponentially tailed loss. */
    static final class GdDirection extends BaseClaim {
        private final MarginLoss loss;
        private final String note;

        GdDirection(String id, String title, MarginLoss loss, String note) {
            super(id, title, "seed 001 §2; 002 §8.3; Soudry et al. 2018 Thm 3");
            this.loss = loss;
            this.note = note;
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            MaxMarginProblem p = problem(c);
            ResultBuilder rb = new ResultBuilder(this);
            long steps = c.budget().pick(1_000_000L, 30_000_000L);
            rb.number("steps", steps);
            List<MaxMarginRun> runs = List.of(gdRun("gd_" + loss.name(), p, loss, steps, c.progress()));
            rb.note(note);
            return finish(this, rb, p, runs, "w_t/‖w_t‖ → ŵ/‖ŵ‖ with angle ~ 1/ln t; ‖w_t‖ ≈ ‖ŵ‖ ln t; loss ~ 1/t; margin gap ~ 1/ln t");
        }
    }

    /** max-margin.sgd */
    static final class Sgd extends BaseClaim {
        Sgd() {
            super("max-margin.sgd", "SGD with a fixed step on separable data converges in direction to the max-margin SVM",
                    "seed 001 §2; Nacson, Srebro, Soudry 2019 (SGD on separable data, fixed step)");
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
    static final class SupportVectors extends BaseClaim {
        SupportVectors() {
            super("max-margin.support-vectors", "late in training the gradient weight concentrates on the support vectors",
                    "seed 001 exp. 2 and derivation 7.2; Soudry et al. 2018 §3");
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            MaxMarginProblem p = problem(c);
            ResultBuilder rb = new ResultBuilder(this);
            long steps = c.budget().pick(1_000_000L, 30_000_000L);
            MaxMarginRun run = gdRun("gd_logistic", p, LogisticLoss.INSTANCE, steps, c.progress());
            // With w_t = ŵ ln t + w̃ + o(1), sample i's weight −φ'(mᵢ) ≈ e^{−mᵢ} ∝ t^{−γ̂ᵢ}, γ̂ᵢ = yᵢ⟨ŵ, xᵢ⟩ (= 1 on support
            // vectors). The non-support share S(t) = Σ_{i∉SV} cᵢ t^{−κᵢ} (κᵢ = γ̂ᵢ − 1 > 0) therefore decays with local
            // exponent d ln S / d ln t = −κ_eff(t), κ_eff the κᵢ averaged with the current weights — a prediction the probe
            // kappa_eff evaluates from the oracle's margins and the run's own weights.
            double[] m = p.svmMargins();
            boolean[] sv = p.supportMask();
            EmpiricalRisk f = EmpiricalRisk.of(p.data(), LogisticLoss.INSTANCE, Reduction.MEAN);
            double kappaMin = Double.POSITIVE_INFINITY;
            double kappaMax = 0;
            for (int i = 0; i < m.length; i++) {
                if (!sv[i]) {
                    kappaMin = Math.min(kappaMin, m[i] - 1);
                    kappaMax = Math.max(kappaMax, m[i] - 1);
                }
            }
            Trace tr = run.trace();
            double[] t = tr.column("step");
            double[] nonSv = tr.column("non_sv_share");
            double[] share = tr.column("sv_share");
            double lo = steps / 100.0;
            org.sgdlab.theory.Fit fit = org.sgdlab.theory.Fit.logLog(t, nonSv, lo, steps);
            boolean monotone = true;
            for (int i = 1; i < t.length; i++) {
                if (t[i - 1] >= lo && share[i] < share[i - 1]) {
                    monotone = false;
                }
            }
            // S = A/(A + B) with A the non-support and B the support weight: d ln S/d ln t = (1 − S)(d ln A − d ln B)
            // = −(1 − S)·κ_eff asymptotically, where κ_eff is the weight-averaged κᵢ of the non-support points.
            double[] wCentre = gdIterate(p, LogisticLoss.INSTANCE, steps / 10);
            double kappaCentre = kappaEff(f, m, sv, wCentre);
            double shareCentre = MaxMarginRun.valueAt(t, nonSv, steps / 10.0);
            double local = -(1 - shareCentre) * kappaCentre;
            double finalShare = tr.last("sv_share");
            double earlier = MaxMarginRun.valueAt(t, share, lo);
            rb.number("steps", steps).number("support_vectors", p.svm().supportVectors().length)
                    .number("sv_share_at_T_over_100", earlier).number("sv_share_final", finalShare)
                    .number("kappa_min", kappaMin).number("kappa_max", kappaMax)
                    .number("kappa_eff_at_T_over_10", kappaCentre)
                    .number("asymptotic_local_exponent_at_T_over_10", local)
                    .number("fitted_decay_exponent", fit.slope()).number("fitted_decay_exponent_stderr", fit.slopeStdErr());
            rb.trace(tr);
            rb.plot(new PlotSpec("sv_share.png", id() + ": share of gradient weight on support vectors", tr.name(), "step",
                    List.of("sv_share", "non_sv_share"), true, true, "step t", "share of Σ −φ'(mᵢ)"));
            rb.note("The asymptotic local exponent −(1 − S)·κ_eff at T/10 (" + Format.g(local) + ") is what the non-support share's "
                    + "slope tends to once w_t − ŵ ln t has settled; before that, the slowly converging remainder ρ(t) of "
                    + "Soudry et al. makes the measured slope differ. The envelope [−κ_max, −κ_min] holds at any time in the "
                    + "asymptotic regime.");
            Verdict v = decide(monotone, fit, kappaMin, kappaMax, finalShare, earlier);
            String measurement = "support-vector share " + Format.g(earlier) + " at T/100 → " + Format.g(finalShare)
                    + " at T = " + steps + (monotone ? " (rising at every probe)" : " (not monotone)")
                    + "; non-support share ~ t^" + Format.g(fit.slope()) + " ± " + Format.g(fit.slopeStdErr())
                    + " over [T/100, T]; envelope [" + Format.g(-kappaMax) + ", " + Format.g(-kappaMin)
                    + "]; asymptotic local exponent at T/10: " + Format.g(local);
            return rb.build(v, "the share on the SVM's support vectors → 1: the remainder decays like a power of t with an "
                    + "exponent between −κ_max and −κ_min, κᵢ = yᵢ⟨ŵ, xᵢ⟩ − 1 over the non-support points", measurement, rule());
        }

        /** κ_eff = Σ_{i∉SV} sᵢ κᵢ / Σ_{i∉SV} sᵢ with sᵢ the normalized per-sample weights of the iterate w and κᵢ = γ̂ᵢ − 1. */
        static double kappaEff(EmpiricalRisk f, double[] svmMargins, boolean[] sv, double[] w) {
            double[] s = new double[svmMargins.length];
            f.normalizedSampleWeights(w, s);
            double num = 0;
            double den = 0;
            for (int i = 0; i < s.length; i++) {
                if (!sv[i]) {
                    num += s[i] * (svmMargins[i] - 1);
                    den += s[i];
                }
            }
            return num / den;
        }

        static String rule() {
            return "HOLDS if over the last two decades the support-vector share rises at every probe, the non-support share "
                    + "decays as a power of t (fitted slope below 0 by more than 3 standard errors) and that slope lies in the "
                    + "envelope [−κ_max, −κ_min]; FAILS if the share falls over the window; INCONCLUSIVE otherwise.";
        }

        /** The verdict from the measured shares and the fitted decay. */
        static Verdict decide(boolean monotone, org.sgdlab.theory.Fit fit, double kappaMin, double kappaMax,
                              double finalShare, double earlierShare) {
            if (!(finalShare > earlierShare)) {
                return Verdict.FAILS;
            }
            boolean decays = fit.slope() + 3 * fit.slopeStdErr() < 0;
            boolean inEnvelope = fit.slope() >= -kappaMax && fit.slope() <= -kappaMin;
            return monotone && decays && inEnvelope ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
        }
    }
}
