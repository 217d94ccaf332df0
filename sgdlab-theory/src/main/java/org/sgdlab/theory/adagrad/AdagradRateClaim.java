package org.sgdlab.theory.adagrad;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.optim.Chain;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.optim.ScaleByLearningRate;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.Transform;
import org.sgdlab.probe.Trace;
import org.sgdlab.problems.PerturbedSum;
import org.sgdlab.problems.SeparableNonconvex;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.SamePointGradient;
import org.sgdlab.theory.Starts;
import org.sgdlab.theory.StepLoop;

/**
 * adagrad.rate (002 §2.5.4, Thm 2.5.4 with the square root restored). AdaGrad-norm,
 * w_{t+1} = w_t − η g_t/√S_t with S_t = b₀² + Σ_{s≤t}‖g_s‖², is run with the same η and b₀ on β-smooth nonconvex
 * functions whose β spans two decades (it is never told β).
 *
 * <p>Deterministic gradients: the theorem's proof, redone for this parametrisation, gives the a-posteriori bound
 * (1/T)Σ_{t&lt;T}‖∇f(w_t)‖² ≤ √S_{T−1}·((f(w₀) − f*)/η + (βη/2)·log(S_{T−1}/b₀²))/T: smoothness gives
 * f(w_{t+1}) ≤ f(w_t) − η‖g_t‖²/√S_t + (βη²/2)‖g_t‖²/S_t, the sum Σ‖g_t‖²/S_t ≤ log(S_{T−1}/b₀²) (since
 * x ≤ log(1/(1 − x))), and S_t ≤ S_{T−1}. With S_{T−1} ≤ b₀² + G²T this is Õ(1/√T); when Σ‖g‖² stays bounded it is Õ(1/T).
 * Stochastic gradients (the source's ∇̂ with second moment σ²): S_T grows like σ²T and the rate is Õ(1/√T).
 */
public final class AdagradRateClaim extends BaseClaim {
    /** The rate's exponent: Õ(T^{-1/2}). */
    public static final double PREDICTED_EXPONENT = -0.5;
    /** A measured exponent may exceed the prediction by at most this much (logs, finite T). */
    public static final double EXPONENT_TOLERANCE = 0.15;
    /** Rounding allowance for the deterministic bound. */
    public static final double ROUNDING_REL = 1e-9;
    /** Exponents are fitted over t ∈ [T/FIT_DECADES_FRACTION, T] (after the transient from the far start). */
    public static final double FIT_DECADES_FRACTION = 25;
    /** The same step for every β. */
    public static final double ETA = 1.0;
    /** The same b₀ for every β. */
    public static final double B0 = 0.1;

    /** One β: the deterministic bound check and the stochastic exponents. */
    public record Case(String name, double smoothness, int boundViolations, double maxMeanOverBound,
                       double meanExponent, double meanExponentSe, double instantExponent, double instantExponentSe) {
    }

    AdagradRateClaim() {
        super("adagrad.rate", "AdaGrad-norm (step η/√(b₀² + Σ‖g‖²)) reaches Õ(1/√T) on β-smooth nonconvex f without knowing β",
                "002 §2.5.4, Thm 2.5.4 (printed without the square root: a known misprint)");
    }

    /**
     * HOLDS if, for every β, the deterministic bound held at every probed T and the stochastic exponent of
     * E(1/T)Σ‖∇f‖² is at most {@code predicted} + {@code tolerance}; FAILS otherwise; INCONCLUSIVE if an exponent is NaN.
     */
    public static Verdict decide(List<Case> cases, double predicted, double tolerance) {
        boolean undecided = cases.isEmpty();
        for (Case k : cases) {
            if (k.boundViolations() > 0) {
                return Verdict.FAILS;
            }
            if (Double.isNaN(k.meanExponent())) {
                undecided = true;
            } else if (k.meanExponent() > predicted + tolerance) {
                return Verdict.FAILS;
            }
        }
        return undecided ? Verdict.INCONCLUSIVE : Verdict.HOLDS;
    }

    /**
     * Stochastic runs of {@code opt} over seeds: E(1/t)Σ_{s<t}‖∇f‖², E min and E‖∇f(w_t)‖² at the probe steps. Only
     * gradients are used, so the loop skips f's values ({@link StepLoop#runWithoutValue}).
     */
    static double[][] stochastic(PerturbedSum f, java.util.function.Supplier<Transform> opt, double[] w0, long steps, int seeds,
                                 long[] ps, RandomStream rng) {
        double[][] out = new double[3][ps.length];
        for (int s = 0; s < seeds; s++) {
            double[] acc = {0, Double.POSITIVE_INFINITY};
            int[] row = {0};
            StepLoop.runWithoutValue(f, opt.get(), Samplers.withReplacement(f.sampleCount(), 1, rng.split(s)), w0, steps, (t, w, v, g) -> {
                double gs = StepLoop.normSq(g);
                if (row[0] < ps.length && ps[row[0]] == t) {
                    if (t > 0) {
                        out[0][row[0]] += acc[0] / t / seeds;
                        out[1][row[0]] += acc[1] / seeds;
                    }
                    out[2][row[0]] += gs / seeds;
                    row[0]++;
                }
                acc[0] += gs;
                acc[1] = Math.min(acc[1], gs);
                return true;
            });
        }
        return out;
    }

    static double[] asDouble(long[] a) {
        double[] x = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            x[i] = a[i];
        }
        return x;
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        RandomStream rng = new RandomStream(c.seed()).split(0xD4);
        int d = 10;
        long detSteps = c.budget().pick(10_000, 200_000);
        long stoSteps = c.budget().pick(50_000, 300_000);
        // quick: 5 seeds (was 10; 2026-12-07): the stochastic exponents judged (−0.83, −0.70, −0.60 at 10 seeds) are far
        // below the limit −0.35, with standard errors ≈ 0.007
        int seeds = c.budget().pick(5, 24);
        double v = 1.0;
        double[] argScales = {1 / Math.sqrt(10), 1, Math.sqrt(10)}; // β = 2c²: 0.2, 2, 20
        double[] a = Starts.gaussian(d, rng.split(1), 1.0);
        double[] w0 = Starts.gaussian(d, rng.split(2), 3.0);
        for (int i = 0; i < d; i++) {
            w0[i] += a[i];
        }
        long[] dps = org.sgdlab.probe.ProbeSchedule.logSpaced(detSteps, 10).steps();
        long[] sps = org.sgdlab.probe.ProbeSchedule.logSpaced(stoSteps, 10).steps();
        double betaMin = 2 * argScales[0] * argScales[0];
        List<Case> cases = new ArrayList<>();
        List<String> detCols = new ArrayList<>();
        List<double[]> detData = new ArrayList<>();
        List<String> stoCols = new ArrayList<>();
        List<double[]> stoData = new ArrayList<>();
        int part = 0;
        for (double cs : argScales) {
            SeparableNonconvex f = SeparableNonconvex.rotated(SeparableNonconvex.Profile.LOG, 1.0, cs, a, rng.split(3));
            double beta = f.smoothness();
            String name = "beta_" + Format.g(beta);
            // deterministic: the corrected Thm 2.5.4 bound at every probed T
            double[] mean = new double[dps.length];
            double[] min = new double[dps.length];
            double[] bound = new double[dps.length];
            java.util.Arrays.fill(mean, Double.NaN);
            java.util.Arrays.fill(min, Double.NaN);
            java.util.Arrays.fill(bound, Double.NaN);
            double[] acc = {0, Double.POSITIVE_INFINITY, 0}; // Σ‖g‖², min, f0
            int[] row = {0};
            int[] bad = {0};
            double[] worst = {0};
            StepLoop.run(f, Optimizers.adagradNorm(ETA, B0), null, w0, detSteps, (t, w, val, g) -> {
                if (t == 0) {
                    acc[2] = val;
                }
                if (row[0] < dps.length && dps[row[0]] == t) {
                    if (t > 0) {
                        double s = B0 * B0 + acc[0];
                        double b = Math.sqrt(s) * ((acc[2] - f.minimum()) / ETA + beta * ETA / 2 * Math.log(s / (B0 * B0))) / t;
                        mean[row[0]] = acc[0] / t;
                        min[row[0]] = acc[1];
                        bound[row[0]] = b;
                        if (!(acc[0] / t <= b * (1 + ROUNDING_REL))) {
                            bad[0]++;
                        }
                        worst[0] = Math.max(worst[0], acc[0] / t / b);
                    }
                    row[0]++;
                }
                double gs = StepLoop.normSq(g);
                acc[0] += gs;
                acc[1] = Math.min(acc[1], gs);
                return true;
            });
            detCols.add(name + "_mean");
            detCols.add(name + "_min");
            detCols.add(name + "_bound");
            detData.add(mean);
            detData.add(min);
            detData.add(bound);
            Fit detFit = Fit.logLog(asDouble(dps), min, detSteps / 100.0, detSteps);
            rb.number(name + ".deterministic.max_mean_over_bound", worst[0]).number(name + ".deterministic.bound_violations", bad[0])
                    .number(name + ".deterministic.min_grad_sq_at_T", min[min.length - 1])
                    .number(name + ".deterministic.sum_grad_sq", acc[0])
                    .number(name + ".deterministic.exponent_of_min", detFit.slope());
            c.progress().onProgress(++part, 12);

            // stochastic: f_j = f + <c_j, w>, variance v, same η and b₀; f_j's gradient reuses the observer's ∇f(w_t)
            PerturbedSum sum = PerturbedSum.gaussian(new SamePointGradient(f), 100, v, rng.split(4));
            RandomStream sr = rng.split(5);
            double[][] ada = stochastic(sum, () -> Optimizers.adagradNorm(ETA, B0), w0, stoSteps, seeds, sps, sr);
            c.progress().onProgress(++part, 12);
            double[][] sgd = stochastic(sum, () -> Optimizers.sgd(1 / betaMin), w0, stoSteps, seeds, sps, sr);
            c.progress().onProgress(++part, 12);
            double[][] printed = stochastic(sum, () -> Chain.of(new PrintedAdagradNorm(B0), new ScaleByLearningRate(Schedules.constant(ETA))),
                    w0, stoSteps, seeds, sps, sr);
            c.progress().onProgress(++part, 12);
            double from = stoSteps / FIT_DECADES_FRACTION;
            Fit meanFit = Fit.logLog(asDouble(sps), ada[0], from, stoSteps);
            Fit minFit = Fit.logLog(asDouble(sps), ada[1], from, stoSteps);
            Fit instFit = Fit.logLog(asDouble(sps), ada[2], from, stoSteps);
            Fit printedFit = Fit.logLog(asDouble(sps), printed[2], from, stoSteps);
            int last = sps.length - 1;
            stoCols.add(name + "_adagrad_mean");
            stoCols.add(name + "_adagrad_current");
            stoCols.add(name + "_sgd_eta_1_over_beta_min_mean");
            stoCols.add(name + "_printed_form_mean");
            stoData.add(ada[0]);
            stoData.add(ada[2]);
            stoData.add(sgd[0]);
            stoData.add(printed[0]);
            rb.number(name + ".stochastic.exponent_of_mean", meanFit.slope()).number(name + ".stochastic.exponent_of_mean_se", meanFit.slopeStdErr())
                    .number(name + ".stochastic.exponent_of_min", minFit.slope())
                    .number(name + ".stochastic.exponent_of_current", instFit.slope()).number(name + ".stochastic.exponent_of_current_se", instFit.slopeStdErr())
                    .number(name + ".stochastic.mean_grad_sq_at_T", ada[0][last])
                    .number(name + ".stochastic.sgd_eta_1_over_beta_min.mean_grad_sq_at_T", sgd[0][last])
                    .number(name + ".stochastic.printed_form.mean_grad_sq_at_T", printed[0][last])
                    .number(name + ".stochastic.printed_form.exponent_of_current", printedFit.slope());
            cases.add(new Case(name, beta, bad[0], worst[0], meanFit.slope(), meanFit.slopeStdErr(), instFit.slope(), instFit.slopeStdErr()));
        }
        rb.trace(table("deterministic", dps, detCols, detData));
        rb.trace(table("stochastic", sps, stoCols, stoData));
        rb.plot(PlotSpec.logLog("deterministic.png")
                .title("adagrad.rate: exact gradients, η = " + ETA + ", b₀ = " + B0 + ": (1/T)Σ‖∇f‖², min‖∇f‖² and the corrected Thm 2.5.4 bound")
                .trace("deterministic").x("step", "horizon T").y(detCols, "‖∇f‖²").build());
        rb.plot(PlotSpec.logLog("stochastic.png")
                .title("adagrad.rate: stochastic gradients (v = " + Format.g(v) + "), " + seeds + " seeds: AdaGrad-norm vs SGD tuned for β_min vs the printed (no square root) form")
                .trace("stochastic").x("step", "step T").y(stoCols, "E ‖∇f‖²").build());
        Verdict verdict = decide(cases, PREDICTED_EXPONENT, EXPONENT_TOLERANCE);
        StringBuilder ex = new StringBuilder();
        for (Case k : cases) {
            ex.append(k.name()).append(": mean ").append(Format.g(k.meanExponent())).append(" ± ").append(Format.g(k.meanExponentSe()))
                    .append(", current ").append(Format.g(k.instantExponent())).append("; ");
        }
        boolean tight = true;
        for (Case k : cases) {
            tight &= Math.abs(k.instantExponent() - PREDICTED_EXPONENT) <= EXPONENT_TOLERANCE + 2 * k.instantExponentSe();
        }
        rb.note("Rate attained, not only bounded: the exponent of E‖∇f(w_t)‖² (current iterate, noise-dominated regime) is "
                + (tight ? "within" : "NOT within") + " ±(" + EXPONENT_TOLERANCE + " + 2 SE) of −1/2 for every β (reported, not judged; "
                + "the mean over t < T falls faster because it still averages the transient from the start).");
        rb.sourceStatement("Thm 2.5.4 (square root restored): AdaGrad-norm needs no knowledge of β and reaches (1/T)Σ‖∇_t‖² = Õ(1/√T)",
                verdict,
                "same η = " + ETA + ", b₀ = " + B0 + " for β ∈ {0.2, 2, 20}; stochastic exponents " + ex);
        rb.note("Functions: Σφ(c·zᵢ), φ = log(1 + u²), z = Qᵀ(w − a), d = " + d + ", c ∈ {1/√10, 1, √10} so β = 2c² ∈ {0.2, 2, 20}; the same "
                + "start (|z|·c ~ 1–10) and the same η = " + ETA + ", b₀ = " + B0 + " for all. Stochastic: f_j = f + ⟨c_j, w⟩, m = 100, variance v = "
                + Format.g(v) + " (exact), batch 1; exponents fitted over t ∈ [T/" + Format.g(FIT_DECADES_FRACTION) + ", T] with T = " + stoSteps + ".");
        rb.note("Deterministic bound (the theorem's proof with the square root and this parametrisation): (1/T)Σ_{t<T}‖∇f‖² ≤ "
                + "√S·((f(w₀) − f*)/η + (βη/2)·log(S/b₀²))/T, S = b₀² + Σ_{t<T}‖g_t‖²; it is Õ(1/√T) in the worst case and "
                + "Õ(1/T) when Σ‖g‖² converges, which it does with exact gradients here (the deterministic runs converge fast; "
                + "their 'exponent_of_min' is reported, not judged). The source's proof takes expectations with P_t depending on ∇̂_t, "
                + "so the bound is checked only for exact gradients; the stochastic rate is judged by its exponent.");
        rb.note("Misprint (002 Thm 2.5.4 prints P_t = ‖∇̂²_{1:t}‖^{-1}): the printed form divides by b₀² + Σ‖g‖² (no square root). With "
                + "noise Σ‖g‖² ~ vT, so its step decays like 1/T and it is not invariant to rescaling f; its runs are recorded as "
                + "'printed_form' numbers and curves. SGD with the constant step 1/β_min (tuned for the flattest function) is the "
                + "contrast that needs tuning: see '*.sgd_eta_1_over_beta_min.mean_grad_sq_at_T'.");
        String measurement = "deterministic bound violations " + cases.stream().mapToInt(Case::boundViolations).sum()
                + " (max mean/bound " + Format.g(cases.stream().mapToDouble(Case::maxMeanOverBound).max().orElse(Double.NaN))
                + "); stochastic exponents " + ex;
        return rb.build(verdict, "exponent of E(1/T)Σ‖∇f‖² ≤ −1/2 (+ logs) for every β with one (η, b₀); the deterministic bound at every T",
                measurement, "HOLDS if for every β the corrected deterministic bound holds at every probed T (rounding "
                        + Format.g(ROUNDING_REL) + ") and the stochastic exponent of E(1/T)Σ‖∇f‖² over [T/" + Format.g(FIT_DECADES_FRACTION) + ", T] is ≤ "
                        + PREDICTED_EXPONENT + " + " + EXPONENT_TOLERANCE + "; FAILS if a bound is violated or an exponent is larger; "
                        + "INCONCLUSIVE if an exponent cannot be fitted.");
    }

    private static Trace table(String name, long[] steps, List<String> cols, List<double[]> data) {
        Trace t = new Trace(name, cols);
        for (int i = 0; i < steps.length; i++) {
            double[] row = new double[cols.size() + 1];
            row[0] = steps[i];
            for (int k = 0; k < cols.size(); k++) {
                row[k + 1] = data.get(k)[i];
            }
            t.add(row);
        }
        return t;
    }
}
