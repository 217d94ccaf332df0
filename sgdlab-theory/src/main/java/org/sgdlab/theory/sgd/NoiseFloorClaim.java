package org.sgdlab.theory.sgd;

import java.util.List;
import org.sgdlab.finitesum.FiniteSum;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.finitesum.Normal;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * sgd.noise-floor (source 003 §5.3): for L-smooth f bounded below by f_inf, Var(G_k|X_k) ≤ M and
 * α ≡ η/L with η ∈ (0, 1], min_{0≤i≤k−1} E‖∇f(X_i)‖² ≤ ηM + 2L(f(x₀) − f_inf)/(kη); the floor ηM
 * does not vanish as k → ∞.
 *
 * <p>Setup: least squares f = (1/m)Σ½(aⱼᵀx − yⱼ)² with noisy targets; L = λ_max(∇²f) exact (the proof
 * uses only the L-smoothness of f), f_inf = f* exact, single-sample steps with replacement (|S_k| = 1,
 * the source's sampler), x₀ = x* + r·v_max (top Hessian eigenvector), see {@link #start}.
 * M: the largest exact Var(G|X_k) = S(X_k) over every step of every run (S(x) = (1/m)Σ‖∇fⱼ − ∇f‖²
 * evaluated as an exact quadratic); the looser region bound {@link FiniteSum#spreadBoundOnBall} on the
 * ball containing every iterate is recorded as well.
 */
final class NoiseFloorClaim extends BaseClaim {
    NoiseFloorClaim() {
        super("sgd.noise-floor", "L-smooth f, Var(G|X) ≤ M, α = η/L: min_{i<k} E‖∇f(X_i)‖² ≤ ηM + 2L(f(x₀) − f_inf)/(kη); "
                + "the floor ηM does not vanish with k and scales with η", "source 003 §5.3 (theorem, L-smooth case)");
    }

    /** One η's measurements and bound. */
    record PerEta(double eta, long[] ks, double[] avgMean, double[] avgSe, double[] minLower, double[] minMean, double[] bound,
                  double floor, double floorSe, double q3, double q4, double m, double mBall, double[] boundBall)
            implements EtaSweep.Point {
    }

    /**
     * The decision for one η at each probed k: holds at k when the upper end of the interval for the
     * running average (1/k)Σ_{i<k}E‖∇f(X_i)‖² (≥ the minimum in the theorem) is below the bound; fails at k
     * when every i &lt; k has E‖∇f(X_i)‖² above the bound by more than FAIL_Z standard errors.
     */
    static Verdict decideBound(double[] avgMean, double[] avgSe, double[] minLower, double[] bound, double z) {
        boolean all = true;
        for (int j = 0; j < bound.length; j++) {
            double slack = BoundVerdict.RELATIVE_SLACK * Math.abs(bound[j]);
            if (!Double.isFinite(avgMean[j]) || minLower[j] > bound[j] + slack) {
                return Verdict.FAILS;
            }
            all &= avgMean[j] + z * avgSe[j] <= bound[j] + slack;
        }
        return all ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** The whole claim: every η's bound, the floor exponent against η (predicted 1), and the floor's persistence. */
    static Verdict decide(List<PerEta> runs, double z, double predictedExponent) {
        return EtaSweep.decide(runs, p -> decideBound(p.avgMean(), p.avgSe(), p.minLower(), p.bound(), z), predictedExponent);
    }

    /** Runs one η and evaluates the theorem's bound with the measured M (and with the ball bound M_ball). */
    static PerEta measure(FiniteSum f, double eta, double[] x0, int steps, int runs, RandomStream master, ProgressListener pr) {
        double l = f.smoothness().value();
        long[] ks = SgdMonteCarlo.probeSteps(steps, 10, false);
        SgdMonteCarlo.Result r = SgdMonteCarlo.run(f, eta / l, 1, x0, steps, ks, null, runs, master,
                TrackedObjective.Record.GRADIENT_NORM_SQUARED, pr);
        double mBall = f.spreadBoundOnBall(f.minimizer(), r.maxDistance()).value();
        double m = r.maxSpread();
        double gap = f.value(x0) - f.minimum();
        int p = ks.length;
        double[] avgMean = new double[p];
        double[] avgSe = new double[p];
        double[] minLower = new double[p];
        double[] minMean = new double[p];
        double[] bound = new double[p];
        double[] boundBall = new double[p];
        double runLower = Double.POSITIVE_INFINITY;
        double runMean = Double.POSITIVE_INFINITY;
        int i = 0;
        for (int j = 0; j < p; j++) {
            for (; i < ks[j]; i++) {
                runLower = Math.min(runLower, r.stepMean(i) - BoundVerdict.FAIL_Z * r.stepSe(i));
                runMean = Math.min(runMean, r.stepMean(i));
            }
            avgMean[j] = r.estimates().mean()[r.averageOffset() + j];
            avgSe[j] = r.estimates().stdErr()[r.averageOffset() + j];
            minLower[j] = runLower;
            minMean[j] = runMean;
            bound[j] = eta * m + 2 * l * gap / (ks[j] * eta);
            boundBall[j] = eta * mBall + 2 * l * gap / (ks[j] * eta);
        }
        int t = r.tailOffset();
        double[] mean = r.estimates().mean();
        return new PerEta(eta, ks, avgMean, avgSe, minLower, minMean, bound, mean[t], r.estimates().stdErr()[t], mean[t + 1],
                mean[t + 2], m, mBall, boundBall);
    }

    /**
     * "‖∇f(X_k)‖² only converges to ηM" read as written: the floor's level is ηM. Read "is ηM" as: the interval
     * floor ± z·se lies within a factor {@value #LEVEL_FACTOR} of ηM. TRUE if it does at every η and the floor persists;
     * FALSE if at every η the interval lies entirely outside that band (the floor is a different level, e.g. well below
     * the upper bound ηM); null otherwise.
     */
    static Boolean floorIsEtaM(List<PerEta> runs, double z) {
        boolean all = true;
        boolean none = true;
        for (PerEta p : runs) {
            double etaM = p.eta() * p.m();
            double lo = (p.floor() - z * p.floorSe()) / etaM;
            double hi = (p.floor() + z * p.floorSe()) / etaM;
            boolean inside = lo >= 1 / LEVEL_FACTOR && hi <= LEVEL_FACTOR;
            boolean outside = hi < 1 / LEVEL_FACTOR || lo > LEVEL_FACTOR;
            all &= inside && EtaSweep.persists(p);
            none &= outside;
        }
        return all ? Boolean.TRUE : none ? Boolean.FALSE : null;
    }

    /** How far from ηM a floor may lie and still be "ηM" (a factor, both ways). */
    static final double LEVEL_FACTOR = 2;

    /** x₀ = x* + r·v_max, r as large as f(x₀) − f* ≤ EtaSweep.START_GAP and S(x₀) ≤ (1 + EtaSweep.START_VARIANCE_EXCESS)·S(x*) allow. */
    static double[] start(FiniteSum f) {
        return SgdProblem.startWithVarianceBudget(f, f.dimension() - 1,
                Math.sqrt(2 * EtaSweep.START_GAP / f.smoothness().value()), EtaSweep.START_VARIANCE_EXCESS);
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        int m = 200;
        int d = 5;
        FiniteSum f = SgdProblem.leastSquares(SgdProblem.regression(m, d, 0.5, c.seed(), 0.0));
        int steps = c.budget().pick(4000, 20000);
        // quick: 512 runs (was 1024; 2026-12-07): the largest (upper CI)/bound was 0.44, the floors' relative standard
        // errors ≤ 0.5 %
        int runs = c.budget().pick(512, 4096);
        double[] x0 = start(f);
        double l = f.smoothness().value();
        rb.number("m", m).number("d", d).number("L", l).number("L_max", f.componentSmoothness().value())
                .number("gamma", f.strongConvexity().value()).number("f_star", f.minimum()).number("f_x0_minus_f_star", f.excess(x0))
                .number("M_at_x_star", f.spread(f.minimizer())).number("steps", steps).number("runs", runs);
        List<PerEta> per = EtaSweep.run(EtaSweep.ETAS, new RandomStream(c.seed()).split(11), c,
                (eta, stream, pr) -> measure(f, eta, x0, steps, runs, stream, pr));
        int comparisons = per.size() * per.get(0).ks().length;
        double z = Normal.bonferroniZ(BoundVerdict.FAMILY_ALPHA, comparisons);
        Verdict v = decide(per, z, 1.0);
        Fit fit = EtaSweep.floorFit(per);
        Trace floorTrace = EtaSweep.floorTrace("eta_M");
        double worstRatio = 0;
        for (int e = 0; e < per.size(); e++) {
            PerEta p = per.get(e);
            String tag = "eta" + p.eta();
            Trace t = new Trace("grad_" + tag, List.of("avg_estimate", "avg_upper", "min_estimate", "bound", "floor_eta_M"));
            for (int j = 0; j < p.ks().length; j++) {
                t.add(new double[] {p.ks()[j], p.avgMean()[j], p.avgMean()[j] + z * p.avgSe()[j], p.minMean()[j], p.bound()[j],
                    p.eta() * p.m()});
                worstRatio = Math.max(worstRatio, (p.avgMean()[j] + z * p.avgSe()[j]) / p.bound()[j]);
            }
            rb.trace(t);
            rb.plot(PlotSpec.logLog("grad_" + tag + ".png")
                    .title("sgd.noise-floor, η = " + p.eta() + ": E‖∇f(X_i)‖² (Monte Carlo) vs the bound").trace(t.name())
                    .x("step", "k").y(List.of("avg_estimate", "avg_upper", "min_estimate", "bound", "floor_eta_M"), "‖∇f‖²")
                    .build());
            EtaSweep.addFloorRow(floorTrace, e, p, p.eta() * p.m());
            EtaSweep.numbersBefore(rb, tag, p, decideBound(p.avgMean(), p.avgSe(), p.minLower(), p.boundBall(), z));
            rb.number(tag + ".floor_over_eta_M", p.floor() / (p.eta() * p.m()));
            EtaSweep.numbersAfter(rb, tag, p, decideBound(p.avgMean(), p.avgSe(), p.minLower(), p.bound(), z));
        }
        rb.trace(floorTrace);
        rb.plot(PlotSpec.logLog("floor_vs_eta.png").title("sgd.noise-floor: measured floor of E‖∇f‖² vs the theorem's ηM")
                .trace("floor_vs_eta").x("eta", "η").y(List.of("floor", "eta_M"), "‖∇f‖² floor").build());
        rb.number("floor_exponent", fit.slope()).number("floor_exponent_se", fit.slopeStdErr()).number("z", z)
                .number("max_upper_over_bound", worstRatio);
        rb.note("L = λ_max(AᵀA/m) = " + Format.g(l) + " exactly (Jacobi); the source's assumption 1 asks every f_j to be L-smooth, "
                + "which needs L_max = max‖a_j‖² = " + Format.g(f.componentSmoothness().value()) + ", but its proof uses only the "
                + "L-smoothness of f, so the sharper L = λ_max(∇²f) is used (α = η/L).");
        rb.note("M (the theorem's bound on Var(G_k|X_k), needed at the iterates the process visits): the largest exact single-sample "
                + "variance S(X_k) = (1/m)Σ‖∇f_j(X_k) − ∇f(X_k)‖² over every step k of every run, evaluated in O(d²) per step from "
                + "the exact quadratic form of S. A region bound is also recorded (M_ball_bound: S(x*) + ‖∇S(x*)‖r + λ_max(P)r² on the "
                + "ball around x* of radius max ‖X_k − x*‖, which contains every visited iterate); the bound with it is looser and is "
                + "reported as ball_bound_verdict_holds. S(x*) = " + Format.g(f.spread(f.minimizer())) + "; the start x₀ = x* + r·v_max "
                + "(top Hessian eigenvector) has S(x₀) ≤ " + (1 + EtaSweep.START_VARIANCE_EXCESS) + "·S(x*), so M reflects the noise near x*.");
        rb.note("The theorem bounds min_{i<k}; the check compares the upper interval end of the running average (1/k)Σ_{i<k} "
                + "E‖∇f(X_i)‖² (which is ≥ the minimum) with the bound, and refutes only if every i < k is above it by "
                + Format.g(BoundVerdict.FAIL_Z) + " se. ‖∇f(X_i)‖² is recorded at every step of every run.");
        rb.note(EtaSweep.floorNote());
        boolean floorHolds = BoundVerdict.exponent(fit.slope(), 1) == Verdict.HOLDS;
        boolean persists = per.stream().allMatch(EtaSweep::persists);
        double ratioLo = Double.POSITIVE_INFINITY;
        double ratioHi = 0;
        for (PerEta p : per) {
            double ratio = p.floor() / (p.eta() * p.m());
            ratioLo = Math.min(ratioLo, ratio);
            ratioHi = Math.max(ratioHi, ratio);
        }
        rb.number("floor_over_eta_M_min", ratioLo).number("floor_over_eta_M_max", ratioHi);
        Boolean asWritten = floorIsEtaM(per, z);
        rb.sourceStatement("噪声存在，‖∇f(X_k)‖² 只收敛到 ηM，无法无限趋近于零（noise floor）(source 003 §5.3): ‖∇f(X_k)‖² only "
                        + "converges to ηM and cannot approach zero", asWritten,
                "judged as written, \"converges to ηM\" names the floor's level: read as the floor ± " + Format.g(z)
                        + " se lying within a factor " + Format.g(LEVEL_FACTOR) + " of ηM at every η. Measured floor of E‖∇f‖² "
                        + "(mean over the last half of the run) / ηM = " + Format.g(ratioLo) + " … " + Format.g(ratioHi)
                        + " across η: ηM is the theorem's upper bound on the floor, not the level it converges to"
                        + (asWritten == Boolean.FALSE ? ", so the statement as written is refuted" : "")
                        + ". A friendlier reading, \"a positive floor of at most ηM that scales with η\", "
                        + (floorHolds && persists && ratioHi <= 1 ? "holds" : "does not hold")
                        + " (floor " + Format.g(per.get(0).floor()) + " … " + Format.g(per.get(per.size() - 1).floor())
                        + ", scaling like η^" + Format.g(fit.slope()) + (persists ? ", not vanishing" : ", not shown to persist")
                        + "); the verdict judges the theorem itself (the bound and the floor's scaling with η).");
        String rule = "For each η in " + java.util.Arrays.toString(EtaSweep.ETAS) + " and every probed k: HOLDS at k when the upper end of the "
                + BoundVerdict.zText(comparisons, z) + " interval of (1/k)Σ_{i<k}E‖∇f(X_i)‖² is ≤ ηM + 2L(f(x₀) − f*)/(kη); FAILS "
                + "when E‖∇f(X_i)‖² − " + Format.g(BoundVerdict.FAIL_Z) + "·se exceeds the bound for every i < k. The floor "
                + "(mean of E‖∇f‖² over k in [K/2, K)) must scale like η^s with |s − 1| ≤ " + Format.g(BoundVerdict.EXPONENT_TOLERANCE)
                + " (FAILS beyond " + Format.g(BoundVerdict.EXPONENT_FAIL) + ") and must not vanish (mean over [3K/4, K) ≥ "
                + EtaSweep.PERSIST_RATIO + " × mean over [K/2, 3K/4), else INCONCLUSIVE). HOLDS if all parts hold.";
        return rb.build(v, "min_{i<k} E‖∇f(X_i)‖² ≤ ηM + 2L(f(x₀) − f*)/(kη) at every k; floor ∝ η",
                per.size() + " step sizes × " + runs + " runs × " + steps + " steps: largest (upper CI)/bound "
                        + Format.g(worstRatio) + "; floor exponent " + Format.g(fit.slope()) + " ± " + Format.g(fit.slopeStdErr()),
                rule);
    }
}
