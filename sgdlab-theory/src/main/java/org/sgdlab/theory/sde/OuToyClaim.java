package org.sgdlab.theory.sde;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.sgdlab.finitesum.Normal;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sde.LinearSde;
import org.sgdlab.sde.OrderFit;
import org.sgdlab.sde.ThreeFunctionExample;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ReachesRule;
import org.sgdlab.theory.ResultBuilder;

/**
 * sde.ou-toy (002 Problem 12.2.4): SGD on f₁ = (x − 3)², f₂ = (x + 3)², f₃ = x² + 9 (one uniformly sampled per step) is the
 * chain x ← (1 − 2η)x + ηcᵢ, cᵢ ∈ {6, −6, 0}; its canonical SDE (002 eq. 12.4) is the OU process dX = −2X dt + √(24η) dW.
 * SGD's stationary variance is exactly 6η/(1 − η), the SDE's 6η (derivation in docs/sde.md §5): the relative gap
 * η/(1 − η) scales like η.
 *
 * <p>Measurement, per η: one long SGD run from x = 0 (burn-in 10/η steps, after which the start's weight is
 * (1 − 2η)^{20/η} ≤ e^{−40}), time averages over N/η steps with batch-means standard errors ({@value #BATCHES}
 * batches, each ≥ 2N/{@value #BATCHES} autocorrelation times 1/(2η) long). SGD's variance is estimated with a control
 * variate: beside the SGD chain runs the SDE's exact skeleton Y_{k+1} = e^{−2η}Y_k + s·uₖ (s² = P(η) of the OU law,
 * e^{−2η} = its mean factor, both from {@link LinearSde}) driven by the same standardized noise uₖ = cᵢ/√24, whose
 * stationary second moment is P∞ = 6η for any mean-0, variance-1 driving noise (only second moments enter a linear
 * recursion). Then mean(x² − Y²) estimates the gap V − P∞ with a standard error about η times that of mean(x²), and
 * V̂ = P∞ + mean(x² − Y²) is an unbiased estimate of SGD's stationary variance; the plain mean(x²) is recorded too.
 */
final class OuToyClaim extends BaseClaim {
    /** Step sizes: two decades, 0.0025 … 0.25. */
    static final double[] ETAS = {0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25};
    /** Batch-means batches per η. */
    static final int BATCHES = 32;
    /** |fitted slope − predicted| within which the gap's scaling holds. */
    static final double SLOPE_TOLERANCE = 0.1;
    /** Family error rate of the Bonferroni-corrected intervals. */
    static final double FAMILY_ALPHA = 0.05;
    private static final double[] C = {6, -6, 0};
    private static final double SQRT24 = Math.sqrt(24);

    OuToyClaim() {
        super("sde.ou-toy", "three-function SGD (f₁ = (x−3)², f₂ = (x+3)², f₃ = x² + 9): stationary variance 6η/(1 − η) exactly, "
                + "the SDE's 6η; the relative SGD–SDE gap scales like η", "002 Problem 12.2.4, eq. 12.4");
    }

    /**
     * One η's measurements.
     *
     * @param steps         measured steps (after burn-in)
     * @param plainVariance mean of x² over the run
     * @param plainSe       its batch-means standard error
     * @param gap           mean of x² − Y² (SGD minus the SDE skeleton driven by the same noise)
     * @param gapSe         its batch-means standard error
     * @param sdeVariance   the SDE's stationary variance P∞ from {@link LinearSde#stationaryCovariance()}
     */
    record PerEta(double eta, long steps, double plainVariance, double plainSe, double gap, double gapSe, double sdeVariance) {
        /** SGD's stationary variance, control-variate estimate P∞ + mean(x² − Y²). */
        double variance() {
            return sdeVariance + gap;
        }

        /** (V − P∞)/P∞ measured. */
        double relativeGap() {
            return gap / sdeVariance;
        }

        double relativeGapSe() {
            return gapSe / sdeVariance;
        }
    }

    /** Runs SGD (and the coupled SDE skeleton) at η for ⌈units/η⌉ steps (rounded up to whole batches) with {@code rng}. */
    static PerEta measure(double eta, long units, RandomStream rng) {
        LinearSde ou = LinearSde.ornsteinUhlenbeck(1, 2, 0, Math.sqrt(24 * eta));
        double b = ou.mean(new double[] {1}, eta)[0];
        double s = Math.sqrt(ou.covariance(eta)[0]);
        double pInf = ou.stationaryCovariance()[0];
        long burn = (long) Math.ceil(10 / eta);
        long perBatch = (long) Math.ceil(units / eta / BATCHES);
        double x = 0;
        double y = 0;
        for (long k = 0; k < burn; k++) {
            int i = rng.nextInt(3);
            x = ThreeFunctionExample.step(x, eta, i);
            y = b * y + s * (C[i] / SQRT24);
        }
        double[] plain = new double[BATCHES];
        double[] diff = new double[BATCHES];
        for (int batch = 0; batch < BATCHES; batch++) {
            double sumX = 0;
            double sumD = 0;
            for (long k = 0; k < perBatch; k++) {
                int i = rng.nextInt(3);
                x = ThreeFunctionExample.step(x, eta, i);
                y = b * y + s * (C[i] / SQRT24);
                sumX += x * x;
                sumD += x * x - y * y;
            }
            plain[batch] = sumX / perBatch;
            diff[batch] = sumD / perBatch;
        }
        return new PerEta(eta, perBatch * BATCHES, mean(plain), batchSe(plain), mean(diff), batchSe(diff), pInf);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double batchSe(double[] v) {
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }

    /** The slope of log(relative gap) against log η; NaN if some measured gap is not positive. */
    static OrderFit gapFit(List<PerEta> per) {
        double[] h = new double[per.size()];
        double[] g = new double[per.size()];
        for (int e = 0; e < per.size(); e++) {
            h[e] = per.get(e).eta();
            g[e] = per.get(e).relativeGap();
            if (!(g[e] > 0)) {
                return new OrderFit(Double.NaN, Double.NaN, Double.NaN, per.size());
            }
        }
        return OrderFit.logLog(h, g);
    }

    /** Per η: HOLDS when |V̂ − V_pred| ≤ z·se, FAILS beyond 2z·se, else INCONCLUSIVE. */
    static Verdict decideVariance(PerEta p, DoubleUnaryOperator predictedVariance, double z) {
        double dev = Math.abs(p.variance() - predictedVariance.applyAsDouble(p.eta()));
        if (!Double.isFinite(p.variance()) || dev > 2 * z * p.gapSe()) {
            return Verdict.FAILS;
        }
        return dev <= z * p.gapSe() ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** HOLDS when |slope − predicted| ≤ tolerance, FAILS when it exceeds tolerance + z·se (or no fit), else INCONCLUSIVE. */
    static Verdict decideSlope(OrderFit fit, double predictedSlope, double z) {
        if (!Double.isFinite(fit.order())) {
            return Verdict.INCONCLUSIVE;
        }
        double dev = Math.abs(fit.order() - predictedSlope);
        if (dev <= SLOPE_TOLERANCE) {
            return Verdict.HOLDS;
        }
        double se = Double.isFinite(fit.stdErr()) ? fit.stdErr() : 0;
        return dev > SLOPE_TOLERANCE + z * se ? Verdict.FAILS : Verdict.INCONCLUSIVE;
    }

    /**
     * The claim: every η's variance matches {@code predictedVariance}, the SDE's value is resolved from SGD's at every η
     * (gap > z·se, else INCONCLUSIVE: the budget cannot see the gap) and the relative gap's log-log slope matches
     * {@code predictedSlope}.
     */
    static Verdict decide(List<PerEta> per, DoubleUnaryOperator predictedVariance, double predictedSlope, double z) {
        List<Verdict> parts = new ArrayList<>();
        for (PerEta p : per) {
            parts.add(decideVariance(p, predictedVariance, z));
            parts.add(Math.abs(p.gap()) > z * p.gapSe() ? Verdict.HOLDS : Verdict.INCONCLUSIVE);
        }
        parts.add(decideSlope(gapFit(per), predictedSlope, z));
        return ReachesRule.combine(parts);
    }

    /** The exact relative gap η/(1 − η). */
    static double exactRelativeGap(double eta) {
        return ThreeFunctionExample.sgdStationaryVariance(eta) / ThreeFunctionExample.sdeStationaryVariance(eta) - 1;
    }

    static int comparisons() {
        return 2 * ETAS.length + 1;
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        long units = c.budget().pick(2_000L, 50_000L);
        RandomStream master = new RandomStream(c.seed()).split(15);
        List<PerEta> per = new ArrayList<>();
        for (int e = 0; e < ETAS.length; e++) {
            per.add(measure(ETAS[e], units, master.split(e)));
            c.progress().onProgress(e + 1, ETAS.length);
        }
        double z = Normal.bonferroniZ(FAMILY_ALPHA, comparisons());
        DoubleUnaryOperator exact = ThreeFunctionExample::sgdStationaryVariance;
        Verdict v = decide(per, exact, 1.0, z);
        OrderFit fit = gapFit(per);
        double[] exactGaps = Arrays.stream(ETAS).map(OuToyClaim::exactRelativeGap).toArray();
        OrderFit exactFit = OrderFit.logLog(ETAS, exactGaps);
        Trace variance = new Trace("variance_vs_eta", List.of("eta", "sgd_measured", "sgd_measured_se", "sgd_exact", "sde",
                "sgd_plain_mean_x2", "sgd_plain_se"));
        Trace gaps = new Trace("gap_vs_eta", List.of("eta", "relative_gap", "relative_gap_se", "exact_eta_over_1_minus_eta", "eta_line"));
        double worstZ = 0;
        double minResolution = Double.POSITIVE_INFINITY;
        double maxPinfError = 0;
        long steps = 0;
        for (int e = 0; e < per.size(); e++) {
            PerEta p = per.get(e);
            double ve = exact.applyAsDouble(p.eta());
            double sde = ThreeFunctionExample.sdeStationaryVariance(p.eta());
            variance.add(new double[] {e, p.eta(), p.variance(), p.gapSe(), ve, sde, p.plainVariance(), p.plainSe()});
            gaps.add(new double[] {e, p.eta(), p.relativeGap(), p.relativeGapSe(), exactRelativeGap(p.eta()), p.eta()});
            String tag = "eta" + p.eta();
            rb.number(tag + ".sgd_variance", p.variance()).number(tag + ".sgd_variance_se", p.gapSe())
                    .number(tag + ".sgd_exact", ve).number(tag + ".sde", sde)
                    .number(tag + ".z_vs_exact", (p.variance() - ve) / p.gapSe())
                    .number(tag + ".z_vs_sde", (p.variance() - sde) / p.gapSe())
                    .number(tag + ".plain_mean_x2", p.plainVariance()).number(tag + ".plain_se", p.plainSe())
                    .number(tag + ".relative_gap", p.relativeGap()).number(tag + ".relative_gap_se", p.relativeGapSe());
            worstZ = Math.max(worstZ, Math.abs(p.variance() - ve) / p.gapSe());
            minResolution = Math.min(minResolution, Math.abs(p.gap()) / p.gapSe());
            maxPinfError = Math.max(maxPinfError, Math.abs(p.sdeVariance() - sde) / sde);
            steps += p.steps();
        }
        rb.trace(variance).trace(gaps);
        rb.plot(PlotSpec.logLog("variance_vs_eta.png").title("sde.ou-toy: stationary variance of SGD (measured) vs 6η/(1 − η) and the SDE's 6η")
                .trace(variance.name()).x("eta", "η").y(List.of("sgd_measured", "sgd_exact", "sde"), "stationary Var x").build());
        rb.plot(PlotSpec.logLog("gap_vs_eta.png").title("sde.ou-toy: relative gap (V_SGD − V_SDE)/V_SDE vs η")
                .trace(gaps.name()).x("eta", "η").y(List.of("relative_gap", "exact_eta_over_1_minus_eta", "eta_line"), "relative gap").build());
        rb.number("measured_steps", steps).number("units", units).number("z", z).number("gap_slope", fit.order())
                .number("gap_slope_se", fit.stdErr()).number("exact_curve_slope", exactFit.order())
                .number("max_abs_z_vs_exact", worstZ).number("min_gap_over_se", minResolution)
                .number("linear_sde_pinf_rel_error", maxPinfError);
        rb.note("The SDE of 002 eq. 12.4 for this example: f' = 2x, gradient noise −cᵢ with variance σ²Σ = 24 (B = 1), so "
                + "dX = −2X dt + √(24η) dW, an OU process with stationary variance 6η (LinearSde's Lyapunov solution agrees to "
                + Format.g(maxPinfError) + " relative). Time t = kη.");
        rb.note("Control variate: Y_{k+1} = e^{−2η}Y_k + √P(η)·cᵢ/√24 is the SDE's exact skeleton at times kη driven by SGD's own "
                + "standardized noise; E Y² = 6η in stationarity whatever the driving law, so V̂ = 6η + mean(x² − Y²) is unbiased for "
                + "SGD's E x², with a standard error ≈ η times the plain mean(x²)'s (both recorded; the plain one is shown as "
                + "sgd_plain_mean_x2).");
        rb.note("The exact relative gap η/(1 − η) has a fitted log-log slope of " + Format.g(exactFit.order())
                + " on this grid (its curvature near η = 0.25); the prediction is the leading-order slope 1 with tolerance "
                + Format.g(SLOPE_TOLERANCE) + ".");
        rb.sourceStatement("问题12.2.4 … Write down the precise SDE approximation for the trajectory SGD takes in this setting "
                        + "(with eq. 12.4, SGD的规范SDE): the SDE dX = −2X dt + √(24η) dW approximates SGD",
                v, "judged as the approximation the problem asks for: its stationary variance 6η against SGD's measured "
                        + "one (exactly 6η/(1 − η)); the relative error is " + Format.g(per.get(0).relativeGap()) + " at η = "
                        + ETAS[0] + " and " + Format.g(per.get(per.size() - 1).relativeGap()) + " at η = " + ETAS[ETAS.length - 1]
                        + ", vanishing like η^" + Format.g(fit.order()) + ": a first-order approximation, exact only as η → 0 "
                        + "(the source itself notes the heuristic SDE is not proven to track SGD).");
        String rule = "For each η in " + Arrays.toString(ETAS) + ": HOLDS when |V̂ − 6η/(1 − η)| ≤ z·se (z = " + Format.g(z)
                + ", Bonferroni over " + comparisons() + " comparisons at family α = " + FAMILY_ALPHA + "), FAILS beyond 2z·se; the "
                + "SDE's 6η must be resolved from V̂ (|V̂ − 6η| > z·se, else INCONCLUSIVE). The log-log slope of the relative gap "
                + "(V̂ − 6η)/(6η) against η: HOLDS when |slope − 1| ≤ " + Format.g(SLOPE_TOLERANCE) + ", FAILS beyond "
                + Format.g(SLOPE_TOLERANCE) + " + z·se. HOLDS if every part holds, FAILS if any fails.";
        return rb.build(v, "Var_SGD = 6η/(1 − η) at every η; the SDE's 6η differs by the relative gap η/(1 − η) ∝ η",
                ETAS.length + " step sizes, " + steps + " SGD steps: largest |V̂ − 6η/(1 − η)|/se " + Format.g(worstZ)
                        + "; smallest |V̂ − 6η|/se " + Format.g(minResolution) + "; gap slope " + Format.g(fit.order()) + " ± "
                        + Format.g(fit.stdErr()) + " (exact curve " + Format.g(exactFit.order()) + ")",
                rule);
    }
}
