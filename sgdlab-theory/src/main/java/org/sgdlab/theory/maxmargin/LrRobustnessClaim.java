package org.sgdlab.theory.maxmargin;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Generators;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.oracles.RegularizedLogistic;
import org.sgdlab.oracles.RegularizedLogisticSolution;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Traces;
import org.sgdlab.train.Trainer;

/**
 * Robustness of the max-margin implicit bias (seed 001 §4.5 experiment 5, §4.6 experiment 6, §2.7):
 * the direction GD reaches does not depend on the step size or the initialization, and the explicitly
 * regularized path argmin L(w) + λ‖w‖² reaches the same direction as λ → 0 (Rosset, Zhu, Hastie 2004).
 */
public final class RobustnessClaims {
    private RobustnessClaims() {
    }

    /** max-margin.lr-robustness, max-margin.init-robustness, max-margin.reg-path. */
    public static List<Claim> all() {
        return List.of(new LrRobustness(), new InitRobustness(), new RegPath());
    }

    /** Worst of the verdicts: any FAILS → FAILS, all HOLDS → HOLDS, else INCONCLUSIVE. */
    static Verdict combine(List<Verdict> vs) {
        if (vs.contains(Verdict.FAILS)) {
            return Verdict.FAILS;
        }
        return vs.stream().allMatch(v -> v == Verdict.HOLDS) ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    // ------------------------------------------------------------------------------------------------
    /** max-margin.lr-robustness: seed 001 experiment 5. */
    static final class LrRobustness extends BaseClaim {
        static final double[] RATES = {0.01, 0.1, 1, 10};
        static final long SEED_STEPS = 2000;
        static final int EARLY = 200;

        LrRobustness() {
            super("max-margin.lr-robustness",
                    "seed 001 exp. 5: GD with step sizes 0.01, 0.1, 1, 10 all converge in direction to the SVM",
                    "seed 001 §4.5 (experiment 5); Soudry et al. 2018 Thm 3 (any η < 2/β; larger η reported as measured)");
        }

        /** Relative-update bound below which a float64 GD step cannot change w: 2^-53. */
        static final double ROUNDING = Math.ulp(1.0) / 2;

        /**
         * One rate's verdict. FROZEN runs (the bound on ‖η∇f(w_T)‖/‖w_T‖ is below the rounding unit and the angle did
         * not change over [T/100, T]) → INCONCLUSIVE: float64 cannot move them, which says nothing about the exact
         * dynamics. Otherwise {@link MaxMarginVerdict#decideRun}: the angle does not decrease over [T/100, T] → FAILS;
         * "asymptotic" means loss ~ t^k with k in [−1.25, −0.75] and d‖w‖/d ln t within 25% of ‖ŵ‖; then an extrapolated
         * limit C (angle ≈ C + A/ln t) with C &gt; angle(T)/2 and C &gt; 1e-3 → FAILS, C ≤ angle(T)/2 → HOLDS. A negative
         * C (the fitted trend reaches 0 at finite t) is consistent with the limit 0 and counts as HOLDS. Not yet
         * asymptotic → INCONCLUSIVE.
         */
        static Verdict decideRate(MaxMarginRun r, double wHatNorm, boolean frozen) {
            return frozen ? Verdict.INCONCLUSIVE : MaxMarginVerdict.decideRun(r, wHatNorm);
        }

        static String rateRule() {
            return "per step size: a run frozen in float64 (bound on ‖η∇f(w_T)‖/‖w_T‖ below 2^-53 and no change of the angle over "
                    + "[T/100, T]) → INCONCLUSIVE; else angle(T) ≥ angle(T/100) → FAILS; else, once asymptotic (loss ~ t^k, "
                    + "k in [−1.25, −0.75], and d‖w‖/d ln t within 25% of ‖ŵ‖), the extrapolated limit C of angle ≈ C + A/ln t "
                    + "decides: C > angle(T)/2 and C > 1e-3 → FAILS, C ≤ angle(T)/2 → HOLDS (a negative C, the trend going to 0, "
                    + "counts as consistent with 0); not asymptotic → INCONCLUSIVE. "
                    + "Overall: any rate FAILS → FAILS; all HOLDS → HOLDS; else INCONCLUSIVE.";
        }

        /** log10 of an upper bound on ‖η∇f(w)‖/‖w‖ for the summed logistic loss: σ(−m) ≤ log(1 + e^{−m}). */
        static double log10UpdateBound(EmpiricalRisk f, double lr, double maxRowNorm, double[] w) {
            return Math.log10(lr * maxRowNorm) + f.logValue(w) / Math.log(10) - Math.log10(Kernels.norm2(w));
        }

        static boolean frozen(MaxMarginRun r, double log10Bound) {
            return log10Bound < Math.log10(ROUNDING) && r.finalAngle() == r.angleTwoDecadesBefore();
        }

        /** Overall: the worst per-rate verdict. */
        static Verdict decide(List<MaxMarginRun> runs, double wHatNorm, boolean[] frozen) {
            List<Verdict> vs = new ArrayList<>();
            for (int k = 0; k < runs.size(); k++) {
                vs.add(decideRate(runs.get(k), wHatNorm, frozen[k]));
            }
            return combine(vs);
        }

        /** Number of steps k &lt; len−1 with v[k+1] &gt; v[k]·(1 + 1e-12). */
        static int increases(double[] v) {
            int c = 0;
            for (int k = 0; k + 1 < v.length; k++) {
                if (v[k + 1] > v[k] * (1 + 1e-12)) {
                    c++;
                }
            }
            return c;
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            Generators.SeedExperiment1 exp = Generators.seedExperiment1();
            MaxMarginProblem p = new MaxMarginProblem(exp.data());
            EmpiricalRisk f = EmpiricalRisk.of(exp.data(), LogisticLoss.INSTANCE, Reduction.SUM);
            ResultBuilder rb = new ResultBuilder(this);
            long steps = c.budget().pick(300_000L, 30_000_000L);
            double wHatNorm = Kernels.norm2(p.wHat());
            double beta = 0.25 * p.sigmaMaxSquared();
            rb.number("steps", steps).number("n", exp.data().n()).number("svm.norm_w_hat", wHatNorm)
                    .number("smoothness_beta_summed_loss", beta).number("two_over_beta", 2 / beta);
            List<MaxMarginRun> runs = new ArrayList<>();
            List<Trace> early = new ArrayList<>();
            for (int k = 0; k < RATES.length; k++) {
                double lr = RATES[k];
                String name = "lr_" + Format.g(lr);
                runs.add(MaxMarginRun.run(name, p, f, Optimizers.sgd(lr), Samplers.fullBatch(exp.data().n()), exp.initialW(), steps,
                        MaxMarginClaims.part(c, k, RATES.length)));
                double[] wHat = p.wHat();
                early.add(Trainer.builder(f, Optimizers.sgd(lr)).probes(List.of(
                                Probe.of("loss", (t, w, o) -> Math.exp(f.logValue(w))),
                                Probe.of("angle", (t, w, o) -> Angles.between(w, wHat))))
                        .probeSchedule(ProbeSchedule.linear(EARLY, 1)).traceName("early_" + name).build()
                        .run(exp.initialW(), EARLY).trace());
            }
            double maxRowNorm = Math.sqrt(org.sgdlab.objective.Smoothness.maxRowNormSquared(exp.data(), false));
            List<Verdict> per = new ArrayList<>();
            boolean[] frozen = new boolean[RATES.length];
            for (int k = 0; k < RATES.length; k++) {
                double bound = log10UpdateBound(f, RATES[k], maxRowNorm, runs.get(k).finalParams());
                frozen[k] = frozen(runs.get(k), bound);
                per.add(decideRate(runs.get(k), wHatNorm, frozen[k]));
                rb.number(runs.get(k).name() + ".log10_relative_update_bound_at_T", bound)
                        .number(runs.get(k).name() + ".frozen_in_float64", frozen[k] ? 1 : 0)
                        .number(runs.get(k).name() + ".norm_at_T", Kernels.norm2(runs.get(k).finalParams()));
            }
            double[] angleAt2000 = new double[RATES.length];
            int[] lossUps = new int[RATES.length];
            int[] angleUps = new int[RATES.length];
            for (int k = 0; k < RATES.length; k++) {
                MaxMarginRun r = runs.get(k);
                String key = r.name() + ".";
                angleAt2000[k] = MaxMarginRun.valueAt(r.trace().column("step"), r.trace().column("angle"), SEED_STEPS);
                lossUps[k] = increases(early.get(k).column("loss"));
                angleUps[k] = increases(early.get(k).column("angle"));
                rb.number(key + "verdict_holds", per.get(k) == Verdict.HOLDS ? 1 : 0)
                        .number(key + "verdict_fails", per.get(k) == Verdict.FAILS ? 1 : 0)
                        .number(key + "angle_at_2000", angleAt2000[k])
                        .number(key + "loss_increases_first_200_steps", lossUps[k])
                        .number(key + "angle_increases_first_200_steps", angleUps[k])
                        .number(key + "final_angle", r.finalAngle()).number(key + "angle_at_T_over_100", r.angleTwoDecadesBefore())
                        .number(key + "angle_limit", r.angleLimit()).number(key + "angle_rate_vs_ln_t", r.angleRate())
                        .number(key + "norm_growth_per_ln_t", r.normGrowth()).number(key + "loss_rate", r.lossRate());
            }
            // the seed's four findings, each computed from the runs
            boolean slow = angleAt2000[0] > angleAt2000[1] && angleAt2000[0] > angleAt2000[2];
            boolean oscillates = lossUps[3] > 0 || angleUps[3] > 0;
            boolean largeConverges = runs.get(3).finalAngle() < runs.get(3).angleTwoDecadesBefore();
            boolean allConverge = true;
            for (MaxMarginRun r : runs) {
                allConverge &= r.finalAngle() < r.angleTwoDecadesBefore();
            }
            // the seed reports what its float64 runs show: judged on the measured runs (a frozen run does not converge)
            Boolean held = slow && oscillates && largeConverges && allConverge;
            rb.seedStatement("lr 0.01 converges very slowly; lr 10 oscillates strongly at first but eventually converges; "
                    + "across all four step sizes the direction converges to the SVM", held,
                    "angle at step 2000: " + fmt(angleAt2000) + " for lr " + fmt(RATES) + " (0.01 slowest of 0.01/0.1/1: " + slow
                            + "); lr 10 in its first " + EARLY + " steps: loss rose at " + lossUps[3] + " steps, angle rose at "
                            + angleUps[3] + " steps (oscillates: " + oscillates + "); lr 10 angle " + Format.g(runs.get(3)
                            .angleTwoDecadesBefore()) + " → " + Format.g(runs.get(3).finalAngle()) + " over [T/100, T] ("
                            + "converging: " + largeConverges + "); angle decreasing over [T/100, T] for every rate: " + allConverge
                            + "; frozen in float64 " + java.util.Arrays.toString(frozen) + "; per-rate verdicts " + per);
            rb.note("Summed logistic loss as in the seed: its smoothness β = λ_max(XᵀX)/4 = " + Format.g(beta)
                    + ", so every rate above 2/β = " + Format.g(2 / beta) + " (here 0.1, 1 and 10) is beyond the classical "
                    + "step-size condition of Soudry et al.'s theorem; their behaviour is measured, not assumed.");
            rb.note("A rate whose first steps carry w to margins of hundreds has gradients ~e^{−margin}: the exact iterate still "
                    + "moves (and, for logistic regression, converges in direction for any constant step, Wu, Braverman, Lee 2023), "
                    + "but each float64 step rounds to no change at all. Such runs are marked frozen and judged INCONCLUSIVE: "
                    + "the measurement cannot see the exact dynamics.");
            rb.note("w0 = seed 001 experiment 1's initialW for every rate (the seed redraws randn(2)·0.01 per rate).");
            MaxMarginClaims.addTracesAndPlots(this, rb, runs);
            rb.trace(Traces.mergeColumn("early_loss", early, "loss"));
            rb.trace(Traces.mergeColumn("early_angle", early, "angle"));
            List<String> earlyNames = early.stream().map(Trace::name).toList();
            rb.plot(new PlotSpec("early_loss.png", id() + ": loss over the first " + EARLY + " steps", "early_loss", "step",
                    earlyNames, false, true, "step t", "summed logistic loss"));
            rb.plot(new PlotSpec("early_angle.png", id() + ": angle over the first " + EARLY + " steps", "early_angle", "step",
                    earlyNames, false, true, "step t", "angle (rad)"));
            Verdict v = combine(per);
            return rb.build(v, "for every step size w_t/‖w_t‖ → ŵ/‖ŵ‖ (angle ~ 1/ln t, ‖w‖ ≈ ‖ŵ‖ ln t, loss ~ 1/t)",
                    "per rate " + per + ", frozen in float64 " + java.util.Arrays.toString(frozen) + ". "
                            + MaxMarginVerdict.measurement(runs, wHatNorm),
                    rateRule());
        }
    }

    static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Format.g(v[i]));
        }
        return sb.append(']').toString();
    }

    // ------------------------------------------------------------------------------------------------
    /** max-margin.init-robustness: seed 001 experiment 6. */
    static final class InitRobustness extends BaseClaim {
        static final int INITS = 10;

        InitRobustness() {
            super("max-margin.init-robustness", "seed 001 exp. 6: ten random initializations reach the same direction",
                    "seed 001 §4.6 (experiment 6); Soudry et al. 2018 Thm 3 (the limit direction does not depend on w0)");
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
            MaxMarginProblem p = MaxMarginClaims.problem(c);
            return run(this, c, p, p.wHat());
        }

        /** The experiment with angles measured against {@code target} (tests plant a wrong one). */
        static ClaimResult run(BaseClaim claim, ClaimContext c, MaxMarginProblem p, double[] target) {
            ResultBuilder rb = new ResultBuilder(claim);
            long steps = c.budget().pick(200_000L, 10_000_000L);
            int d = p.data().d();
            EmpiricalRisk f = EmpiricalRisk.of(p.data(), LogisticLoss.INSTANCE, Reduction.MEAN);
            double eta = MaxMarginClaims.gdStep(p, LogisticLoss.INSTANCE);
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
                traces.add(Trainer.builder(f, Optimizers.sgd(eta)).probes(probes).probeSchedule(ProbeSchedule.logSpaced(steps, 10))
                        .progress(MaxMarginClaims.part(c, k, INITS)).traceName("init" + k).build().run(w0, steps).trace());
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
            double spreadEarly = MaxMarginRun.valueAt(t, sp, lo);
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
                anglesEarly[k] = MaxMarginRun.valueAt(t, a, lo);
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
            rb.plot(new PlotSpec("spread.png", claim.id() + ": max pairwise angle between the ten runs' directions", "spread",
                    "step", List.of("max_pairwise_angle"), true, true, "step t", "angle (rad)"));
            rb.plot(new PlotSpec("angle.png", claim.id() + ": each run's angle to the SVM direction", "angle", "step",
                    traces.stream().map(Trace::name).toList(), true, true, "step t", "angle (rad)"));
            rb.note("n = " + p.data().n() + ", d = " + d + " separable Gaussians (margin 0.1), mean logistic loss, GD η = 1/L = "
                    + Format.g(eta) + "; w0 = scale·N(0, I) with scales 0.01 … 1 per coordinate (log-spaced; the seed uses 0.1), each from its own seeded stream.");
            rb.seedStatement("all initializations converge to almost the same direction (std < 0.001); the initialization only "
                    + "affects the speed, not the final direction", v,
                    "spread of directions " + Format.g(sp[0]) + " at t = 0, " + Format.g(spreadEarly) + " at T/100, "
                            + Format.g(spreadT) + " at T = " + steps + " (extrapolated limit " + Format.g(limit.intercept())
                            + "); the seed's 'std < 0.001' after 3000 steps on its 2-D data is not reproduced here (other data); "
                            + "judged by this claim's verdict");
            String measurement = "spread " + Format.g(spreadEarly) + " → " + Format.g(spreadT) + " rad over [T/100, T] "
                    + "(~ t^" + Format.g(rate.slope()) + "; fit C + A/ln t gives C = " + Format.g(limit.intercept())
                    + "); angles to ŵ at T/100 " + fmt(anglesEarly) + " → at T " + fmt(anglesT) + ", extrapolated limits "
                    + fmt(angleLimits) + (asymptotic ? "" : "; not every run's loss is ~ 1/t yet");
            return rb.build(v, "the ten runs' directions approach each other (spread → 0 like 1/ln t) and each approaches ŵ/‖ŵ‖",
                    measurement, rule());
        }
    }

    // ------------------------------------------------------------------------------------------------
    /** max-margin.reg-path: argmin L + λ‖w‖² → SVM direction as λ → 0. */
    static final class RegPath extends BaseClaim {
        static final double FACTOR = 5;
        static final double TAIL_DECADES = 4;

        RegPath() {
            super("max-margin.reg-path",
                    "the normalized regularization path argmin L(w) + λ‖w‖² tends to the SVM direction as λ → 0",
                    "seed 001 §2.7; Rosset, Zhu, Hastie 2004 (margin-maximizing loss functions)");
        }

        /**
         * The rule on the angles {@code angle[k]} at {@code lambda[k]} (decreasing λ). HOLDS: angle(λ_min) ≤
         * angle(λ_max)/FACTOR, and over the last TAIL_DECADES decades of λ the fit angle ≈ C + A/ln(1/λ) has A &gt; 0
         * and |C| ≤ angle(λ_min)/2. FAILS: angle(λ_min) ≥ angle(λ_max), or that tail fit has A ≤ 0 or C &gt;
         * angle(λ_min)/2 with C &gt; 1e-3. Otherwise INCONCLUSIVE.
         */
        static Verdict decide(double[] lambda, double[] angle) {
            Fit fit = tailFit(lambda, angle);
            double first = angle[0];
            double last = angle[angle.length - 1];
            if (!(last < first) || !(fit.slope() > 0)) {
                return Verdict.FAILS;
            }
            if (fit.intercept() > 0.5 * last && fit.intercept() > 1e-3) {
                return Verdict.FAILS;
            }
            return last * FACTOR <= first && Math.abs(fit.intercept()) <= 0.5 * last ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
        }

        static Fit tailFit(double[] lambda, double[] angle) {
            double lmin = lambda[lambda.length - 1];
            double[] x = new double[lambda.length];
            double[] y = new double[lambda.length];
            for (int k = 0; k < lambda.length; k++) {
                boolean in = lambda[k] <= lmin * Math.pow(10, TAIL_DECADES) && lambda[k] < 1;
                x[k] = in ? 1 / Math.log(1 / lambda[k]) : Double.NaN;
                y[k] = in ? angle[k] : Double.NaN;
            }
            return Fit.line(x, y);
        }

        static String rule() {
            return "angle(λ_min) ≤ angle(λ_max)/" + Format.g(FACTOR) + ", and over the last " + Format.g(TAIL_DECADES)
                    + " decades of λ the fit angle ≈ C + A/ln(1/λ) has A > 0 and |C| ≤ angle(λ_min)/2 → HOLDS; "
                    + "angle(λ_min) ≥ angle(λ_max), A ≤ 0, or C > angle(λ_min)/2 with C > 1e-3 → FAILS; else INCONCLUSIVE. "
                    + "(The angle need not be monotone in λ everywhere.)";
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            MaxMarginProblem p = MaxMarginClaims.problem(c);
            return run(this, c, p, p.wHat());
        }

        static double[] grid(int perDecade) {
            int n = 12 * perDecade + 1;
            double[] l = new double[n];
            for (int k = 0; k < n; k++) {
                l[k] = Math.pow(10, -(double) k / perDecade);
            }
            return l;
        }

        static ClaimResult run(BaseClaim claim, ClaimContext c, MaxMarginProblem p, double[] target) {
            ResultBuilder rb = new ResultBuilder(claim);
            double[] lambda = grid(c.budget().pick(2, 8));
            RegularizedLogisticSolution[] sol = RegularizedLogistic.path(p.data().x(), p.data().y(), lambda);
            double[] angle = new double[lambda.length];
            Trace tr = new Trace("reg_path", List.of("angle", "norm", "norm_over_ln_inv_lambda"));
            int notOptimal = 0;
            for (int k = 0; k < lambda.length; k++) {
                if (sol[k].status() != OracleStatus.OPTIMAL) {
                    notOptimal++;
                }
                angle[k] = Angles.between(sol[k].w(), target);
                double nrm = Kernels.norm2(sol[k].w());
                tr.add(new double[] {lambda[k], angle[k], nrm, lambda[k] < 1 ? nrm / Math.log(1 / lambda[k]) : Double.NaN});
            }
            Fit fit = tailFit(lambda, angle);
            int ups = 0;
            for (int k = 0; k + 1 < angle.length; k++) {
                if (angle[k + 1] > angle[k]) {
                    ups++;
                }
            }
            Verdict v = notOptimal > 0 ? Verdict.INCONCLUSIVE : decide(lambda, angle);
            rb.number("lambdas", lambda.length).number("lambda_max", lambda[0]).number("lambda_min", lambda[lambda.length - 1])
                    .number("angle_at_lambda_max", angle[0]).number("angle_at_lambda_min", angle[angle.length - 1])
                    .number("tail_fit_A", fit.slope()).number("tail_fit_C", fit.intercept())
                    .number("tail_fit_A_stderr", fit.slopeStdErr()).number("angle_increases_along_path", ups)
                    .number("solves_not_optimal", notOptimal).number("svm.norm_w_hat", Kernels.norm2(p.wHat()))
                    .number("norm_w_at_lambda_min", Kernels.norm2(sol[sol.length - 1].w()));
            rb.trace(tr);
            rb.plot(new PlotSpec("angle_vs_lambda.png", claim.id() + ": angle of w_λ to the SVM direction", "reg_path", "step",
                    List.of("angle"), true, true, "λ", "angle (rad)"));
            rb.plot(new PlotSpec("norm_vs_lambda.png", claim.id() + ": ‖w_λ‖ (→ ∞ like ‖ŵ‖ ln(1/λ))", "reg_path", "step",
                    List.of("norm", "norm_over_ln_inv_lambda"), true, false, "λ", "‖w_λ‖"));
            rb.note("The trace's 'step' column holds λ. Path: RegularizedLogistic.path (Newton, warm starts) on the mean "
                    + "logistic loss + λ‖w‖², n = " + p.data().n() + ", d = " + p.data().d() + " separable Gaussians."
                    + (notOptimal > 0 ? " " + notOptimal + " solves did not reach OPTIMAL: verdict INCONCLUSIVE." : ""));
            rb.seedStatement("as λ → 0 the limit of the regularization path is the solution SGD reaches under its implicit bias "
                    + "(in direction: the max-margin SVM)", v, "angle " + Format.g(angle[0]) + " at λ = 1 → "
                    + Format.g(angle[angle.length - 1]) + " at λ = " + Format.g(lambda[lambda.length - 1])
                    + "; judged by this claim's verdict (the seed's literal equality θ*(λ) → θ_SGD cannot hold for the "
                    + "unnormalized vectors, whose norms diverge; the normalized version is checked)");
            String measurement = "angle " + Format.g(angle[0]) + " rad at λ = 1 → " + Format.g(angle[angle.length - 1])
                    + " rad at λ = " + Format.g(lambda[lambda.length - 1]) + " (" + ups + " increases along the grid); last "
                    + Format.g(TAIL_DECADES) + " decades: angle ≈ " + Format.g(fit.intercept()) + " + " + Format.g(fit.slope())
                    + "/ln(1/λ)";
            return rb.build(v, "w_λ/‖w_λ‖ → ŵ/‖ŵ‖ as λ → 0 (angle ~ 1/ln(1/λ))", measurement, rule());
        }
    }
}
