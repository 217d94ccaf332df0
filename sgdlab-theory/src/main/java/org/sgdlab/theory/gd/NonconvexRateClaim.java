package org.sgdlab.theory.gd;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.Trace;
import org.sgdlab.problems.PerturbedSum;
import org.sgdlab.problems.SeparableNonconvex;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Starts;
import org.sgdlab.theory.StepLoop;

/**
 * gd.nonconvex-rate (002 §2.5.2 Thm 2.5.1, §2.5.3 Thm 2.5.2). GD with η = 1/β on a β-smooth f:
 * min_{t&lt;T}‖∇f(w_t)‖² ≤ (1/T)Σ_{t&lt;T}‖∇f(w_t)‖² ≤ 2β(f(w₀) − f*)/T (the proof's sum; the source prints the weaker
 * 4Mβ/T with |f(w_t)| ≤ M/2). SGD with η = √(M/(βσ²T)), where σ² ≥ E‖∇̂‖² (the source's (2.4) is a second-moment bound)
 * and M ≥ f(w₀) − f*: E[(1/T)Σ‖∇f(w_t)‖²] ≤ 2√(Mβσ²/T).
 */
public final class NonconvexRateClaim extends BaseClaim {
    /** Rounding allowance for the deterministic bound: measured ≤ bound·(1 + ROUNDING_REL). */
    public static final double ROUNDING_REL = 1e-9;
    /** z-value of the two-sided 95% normal confidence interval of the Monte-Carlo means. */
    public static final double Z95 = 1.96;

    /** GD at horizon T: min and mean of ‖∇f‖² over t &lt; T and the bound 2L(f(w₀) − f*)/T. */
    public record GdPoint(long horizon, double minGradSq, double meanGradSq, double bound) {
    }

    /** SGD at horizon T (its own run with its own step): Monte-Carlo mean of (1/T)Σ‖∇f‖² with a 95% CI, and the bound. */
    public record SgdPoint(long horizon, double eta, double mean, double ciLow, double ciHigh, double meanMin, double bound) {
    }

    NonconvexRateClaim() {
        super("gd.nonconvex-rate", "GD with η = 1/L: min_{t<T}‖∇f‖² ≤ 2L(f(w₀) − f*)/T; SGD with η = √(M/(Lσ²T)): E min‖∇f‖² ≤ 2√(MLσ²/T)",
                "002 §2.5.2 Thm 2.5.1, §2.5.3 Thm 2.5.2");
    }

    /** FAILS if the mean of ‖∇f‖² over t &lt; T exceeds the bound (beyond rounding) at some probed T, else HOLDS. */
    public static Verdict decideGd(List<GdPoint> points) {
        for (GdPoint p : points) {
            if (!(p.meanGradSq() <= p.bound() * (1 + ROUNDING_REL))) {
                return Verdict.FAILS;
            }
        }
        return points.isEmpty() ? Verdict.INCONCLUSIVE : Verdict.HOLDS;
    }

    /** HOLDS if the CI's upper end is below the bound at every T; FAILS if its lower end is above the bound at some T; else INCONCLUSIVE. */
    public static Verdict decideSgd(List<SgdPoint> points) {
        boolean allBelow = !points.isEmpty();
        for (SgdPoint p : points) {
            if (p.ciLow() > p.bound()) {
                return Verdict.FAILS;
            }
            allBelow &= p.ciHigh() <= p.bound();
        }
        return allBelow ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** GD with η = 1/L on f from w0 for T steps; points at the log-spaced probe horizons; also records a trace. */
    static List<GdPoint> gdRun(String name, SeparableNonconvex f, double[] w0, long steps, ResultBuilder rb) {
        double l = f.smoothness();
        boolean[] probe = StepLoop.probeMask(steps, 10);
        List<GdPoint> points = new ArrayList<>();
        Trace tr = new Trace(name, List.of("min_grad_sq", "mean_grad_sq", "bound_2L_gap_over_T", "seed_printed_4M_beta_over_T"));
        double[] acc = {0, Double.POSITIVE_INFINITY, 0, 0}; // sum, min, f0, max|f|
        StepLoop.run(f, Optimizers.sgd(1 / l), null, w0, steps, (t, w, v, g) -> {
            if (t == 0) {
                acc[2] = v;
            }
            acc[3] = Math.max(acc[3], Math.abs(v));
            if (t > 0 && probe[(int) t]) { // horizon T = t: gradients at w_0..w_{T−1}
                double bound = 2 * l * (acc[2] - f.minimum()) / t;
                double seedM = 2 * acc[3]; // |f(w_s)| ≤ M/2 for s ≤ T
                GdPoint p = new GdPoint(t, acc[1], acc[0] / t, bound);
                points.add(p);
                tr.add(new double[] {t, p.minGradSq(), p.meanGradSq(), bound, 4 * seedM * l / t});
            }
            double gs = StepLoop.normSq(g);
            acc[0] += gs;
            acc[1] = Math.min(acc[1], gs);
            return true;
        });
        rb.trace(tr);
        rb.plot(PlotSpec.logLog(name + ".png")
                .title("gd.nonconvex-rate: GD η = 1/L on " + f.describe() + ": min/mean ‖∇f‖² over t < T vs Thm 2.5.1")
                .trace(name).x("step", "horizon T")
                .y(List.of("min_grad_sq", "mean_grad_sq", "bound_2L_gap_over_T", "seed_printed_4M_beta_over_T"), "‖∇f‖²")
                .build());
        double worst = 0;
        for (GdPoint p : points) {
            worst = Math.max(worst, p.meanGradSq() / p.bound());
        }
        rb.number(name + ".L", l).number(name + ".f0_minus_fstar", acc[2] - f.minimum())
                .number(name + ".max_mean_over_bound", worst)
                .number(name + ".min_grad_sq_at_T", points.get(points.size() - 1).minGradSq());
        return points;
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        RandomStream rng = new RandomStream(c.seed()).split(0xD2);
        int d = 10;
        long gdSteps = c.budget().pick(5000, 100_000);
        double[] a = Starts.gaussian(d, rng.split(1), 1.0);
        SeparableNonconvex log = SeparableNonconvex.rotated(SeparableNonconvex.Profile.LOG, 1.0, 1.0, a, rng.split(2));
        SeparableNonconvex cos = SeparableNonconvex.rotated(SeparableNonconvex.Profile.COSINE, 1.0, 1.0, a, rng.split(3));
        double[] wLog = Starts.gaussian(d, rng.split(4), 12.0);
        double[] wCos = Starts.gaussian(d, rng.split(5), 3.0);
        for (int i = 0; i < d; i++) {
            wLog[i] += a[i];
            wCos[i] += a[i];
        }
        List<GdPoint> gd = new ArrayList<>(gdRun("gd_log_profile", log, wLog, gdSteps, rb));
        gd.addAll(gdRun("gd_cosine_profile", cos, wCos, gdSteps, rb));
        c.progress().onProgress(1, 4);

        // SGD: f_j = f + <c_j, w>, single-sample with replacement; E‖ĝ‖² = ‖∇f‖² + v ≤ G² + v =: σ²
        int m = 100;
        double v = 1.0;
        PerturbedSum sum = PerturbedSum.gaussian(log, m, v, rng.split(6));
        double[] w0 = Starts.gaussian(d, rng.split(7), 5.0);
        for (int i = 0; i < d; i++) {
            w0[i] += a[i];
        }
        double l = log.smoothness();
        double sigma2 = log.gradientBound() * log.gradientBound() + sum.variance();
        double bigM = log.value(w0) - log.minimum();
        long[] horizons = c.budget() == Budget.QUICK ? new long[] {100, 1000, 10_000}
                : new long[] {100, 300, 1000, 3000, 10_000, 30_000, 100_000};
        int seeds = c.budget().pick(16, 64);
        List<SgdPoint> sgd = new ArrayList<>();
        Trace st = new Trace("sgd", List.of("mean_avg_grad_sq", "ci_high", "mean_min_grad_sq", "bound_thm_2_5_2"));
        for (int h = 0; h < horizons.length; h++) {
            long horizon = horizons[h];
            double eta = Math.sqrt(bigM / (l * sigma2 * horizon));
            double s1 = 0;
            double s2 = 0;
            double sMin = 0;
            for (int s = 0; s < seeds; s++) {
                double[] acc = {0, Double.POSITIVE_INFINITY};
                StepLoop.run(sum, Optimizers.sgd(eta), Samplers.withReplacement(m, 1, rng.split(1000 + 100L * h + s)), w0,
                        horizon - 1, (t, w, val, g) -> {
                            double gs = StepLoop.normSq(g);
                            acc[0] += gs;
                            acc[1] = Math.min(acc[1], gs);
                            return true;
                        });
                double avg = acc[0] / horizon;
                s1 += avg;
                s2 += avg * avg;
                sMin += acc[1];
            }
            double mean = s1 / seeds;
            double sd = Math.sqrt(Math.max(0, (s2 - seeds * mean * mean) / (seeds - 1)));
            double half = Z95 * sd / Math.sqrt(seeds);
            double bound = 2 * Math.sqrt(bigM * l * sigma2 / horizon);
            SgdPoint p = new SgdPoint(horizon, eta, mean, mean - half, mean + half, sMin / seeds, bound);
            sgd.add(p);
            st.add(new double[] {horizon, mean, mean + half, p.meanMin(), bound});
            rb.number("sgd.T_" + horizon + ".eta", eta).number("sgd.T_" + horizon + ".mean_avg_grad_sq", mean)
                    .number("sgd.T_" + horizon + ".ci_high", mean + half).number("sgd.T_" + horizon + ".mean_min_grad_sq", p.meanMin())
                    .number("sgd.T_" + horizon + ".bound", bound);
            c.progress().onProgress(2 + h, 2 + horizons.length);
        }
        rb.trace(st);
        rb.plot(PlotSpec.logLog("sgd.png")
                .title("gd.nonconvex-rate: SGD with η = √(M/(Lσ²T)): E (1/T)Σ‖∇f‖² (95% CI) and E min vs 2√(MLσ²/T)")
                .trace("sgd").x("step", "horizon T")
                .y(List.of("mean_avg_grad_sq", "ci_high", "mean_min_grad_sq", "bound_thm_2_5_2"), "‖∇f‖²").build());
        double[] hs = new double[sgd.size()];
        double[] ms = new double[sgd.size()];
        for (int i = 0; i < hs.length; i++) {
            hs[i] = sgd.get(i).horizon();
            ms[i] = sgd.get(i).mean();
        }
        Fit fit = Fit.logLog(hs, ms, 0, Double.POSITIVE_INFINITY);
        rb.number("sgd.L", l).number("sgd.variance_v", sum.variance()).number("sgd.sigma2_second_moment_bound", sigma2)
                .number("sgd.M", bigM).number("sgd.seeds", seeds).number("sgd.exponent_of_mean", fit.slope())
                .number("sgd.exponent_of_mean_se", fit.slopeStdErr());

        Verdict vg = decideGd(gd);
        Verdict vs = decideSgd(sgd);
        Verdict verdict = DescentLemmaClaim.both(vg, vs);
        rb.sourceStatement("Thm 2.5.1: with η = 1/β, min‖∇_τ‖² ≤ (1/T)Σ‖∇_t‖² ≤ 4Mβ/T; Thm 2.5.2: with η = √(M/(βσ²T)), "
                        + "E[(1/T)Σ‖∇_t‖²] ≤ 2√(Mβσ²/T)",
                verdict,
                "GD: the proof's sharper 2β(f(w₀) − f*)/T held at every probed T (it implies the printed 4Mβ/T); SGD: "
                        + seeds + " seeds per horizon, 95% CI");
        rb.note("Functions: d = " + d + ", s·Σφ(c·zᵢ), z = Qᵀ(w − a), Q Haar-random: φ = log(1 + u²) (L = 2, start |z| ~ 12 in the flat "
                + "region) and φ = 1 − cos u (L = 1, minima, maxima and saddles; start |z| ~ 3). f* = 0 for both.");
        rb.note("GD bound used by the verdict: the proof of Thm 2.5.1 gives (1/T)Σ_{t<T}‖∇f(w_t)‖² ≤ 2L(f(w₀) − f(w_T))/T ≤ 2L(f(w₀) − f*)/T; "
                + "the printed 4Mβ/T with M = 2·max_t|f(w_t)| is weaker and plotted alongside.");
        rb.note("SGD: f_j(w) = f(w) + ⟨c_j, w⟩, m = " + m + ", Σc_j = 0 (org.sgdlab.problems.PerturbedSum), batch 1 with replacement: "
                + "exact variance v = " + Format.g(sum.variance()) + "; the source's σ² is a bound on the second moment E‖∇̂‖² = ‖∇f‖² + v ≤ G² + v with "
                + "G = √d·sup|φ'| = " + Format.g(log.gradientBound()) + ", so σ² = " + Format.g(sigma2) + ". The proof uses M only through "
                + "f(w₁) − f(w_{T+1}) ≤ M, so M = f(w₀) − f* = " + Format.g(bigM) + ". Each horizon T is its own run with its own η.");
        rb.note("Measured exponent of E(1/T)Σ‖∇f‖² over the horizons: " + Format.g(fit.slope()) + " ± " + Format.g(fit.slopeStdErr())
                + " (the bound's exponent is −1/2; the verdict compares with the bound itself, not the exponent).");
        double worstGd = 0;
        for (GdPoint p : gd) {
            worstGd = Math.max(worstGd, p.meanGradSq() / p.bound());
        }
        double worstSgd = 0;
        for (SgdPoint p : sgd) {
            worstSgd = Math.max(worstSgd, p.ciHigh() / p.bound());
        }
        rb.number("gd.max_mean_over_bound", worstGd).number("sgd.max_ci_high_over_bound", worstSgd);
        String measurement = "GD: max over T of mean‖∇f‖²/bound = " + Format.g(worstGd) + " (" + gd.size()
                + " horizons, 2 functions); SGD: max CI-high/bound = " + Format.g(worstSgd) + " over " + sgd.size() + " horizons";
        return rb.build(verdict, "GD: (1/T)Σ‖∇f‖² ≤ 2L(f(w₀) − f*)/T at every T; SGD: E(1/T)Σ‖∇f‖² ≤ 2√(MLσ²/T)", measurement,
                "HOLDS if the GD mean of ‖∇f‖² over t < T is ≤ the bound (rounding " + Format.g(ROUNDING_REL)
                        + ") at every probed T and the SGD 95% CI's upper end is below its bound at every horizon; FAILS if a GD point exceeds "
                        + "its bound or an SGD CI lies entirely above its bound; INCONCLUSIVE otherwise.");
    }
}
