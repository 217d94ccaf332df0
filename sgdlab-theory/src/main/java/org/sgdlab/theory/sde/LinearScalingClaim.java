package org.sgdlab.theory.sde;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgdlab.finitesum.Normal;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sde.OrderFit;
import org.sgdlab.sde.WeakError;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ReachesRule;
import org.sgdlab.theory.ResultBuilder;

/**
 * sde.linear-scaling (002 Def. 12.1.3, Thm 12.3.5): SGD with batch B and learning rate η, and SGD with batch κB and learning
 * rate κη, compared at the same time t = kη (K steps against K/κ), differ in E g by at most C(1 + κ)η (002 prints "=" for
 * "≤"). On least squares in ℝ² with minibatch noise (B = 1, with replacement, η = 1/256, T = 3; docs/sde.md §9):
 * <ul>
 *   <li>the gap is measured by Monte Carlo with common random numbers (both runs consume the same i.i.d. index sequence,
 *   B resp. κB at a time: each run has its exact law) and checked against the exact moment recursions
 *   ({@link LeastSquaresMoments});</li>
 *   <li>it grows linearly, ∝ (κ − 1)η = κη − η (the difference of two first-order weak errors), for κη ≤ 2/(8λ_max);</li>
 *   <li>it breaks down as κη approaches the stability limit 2/λ_max of GD on f: at κη ≥ 0.9·2/λ_max the gap exceeds
 *   {@value #BREAKDOWN_FACTOR}× the linear law, and beyond 2/λ_max the second moments of SGD(κB, κη) diverge (the exact
 *   moment map's spectral radius exceeds 1).</li>
 * </ul>
 */
final class LinearScalingClaim extends BaseClaim {
    static final double SCALE = 1.8;
    static final double ETA = 1.0 / 256;
    static final double HORIZON = 3;
    static final int STEPS = 768;
    static final int[] KAPPAS = {2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384};
    static final double[] X0 = {2, -1};
    /** The linear region: κη ≤ LINEAR_SHARE·2/λ_max. */
    static final double LINEAR_SHARE = 0.125;
    /** Near the limit (κη ≥ NEAR_SHARE·2/λ_max, below it) the gap must exceed BREAKDOWN_FACTOR × the linear law. */
    static final double NEAR_SHARE = 0.9;
    static final double BREAKDOWN_FACTOR = 3;
    static final double SLOPE_TOLERANCE = 0.15;
    static final double FAMILY_ALPHA = 0.05;

    /** The test functions. */
    enum TestFunction { X1, SQUARED_NORM, LOSS }

    LinearScalingClaim() {
        super("sde.linear-scaling", "linear scaling rule: SGD(B, η) and SGD(κB, κη) agree at matched time kη up to a gap growing "
                + "linearly in κη, and break down as κη approaches the stability limit 2/λ_max", "002 Def. 12.1.3, Thm 12.3.5");
    }

    static FiniteSumToy toy() {
        return FiniteSumToy.leastSquares(SCALE);
    }

    /** λ_max of H = ∇²f (2×2, closed form). */
    static double lambdaMax() {
        double[] h = new LeastSquaresMoments(toy()).hessian();
        double tr = h[0] + h[3];
        double det = h[0] * h[3] - h[1] * h[2];
        return tr / 2 + Math.sqrt(tr * tr / 4 - det);
    }

    static double limit() {
        return 2 / lambdaMax();
    }

    static double evaluate(TestFunction g, FiniteSumToy toy, double[] x) {
        return switch (g) {
            case X1 -> x[0];
            case SQUARED_NORM -> x[0] * x[0] + x[1] * x[1];
            case LOSS -> toy.value(x);
        };
    }

    private static double exact(TestFunction g, LeastSquaresMoments lsm, double[] z) {
        return switch (g) {
            case X1 -> lsm.coordinate(z, 0);
            case SQUARED_NORM -> lsm.squaredNorm(z);
            case LOSS -> lsm.loss(z);
        };
    }

    /** The exact gap E g(SGD(κB, κη) at K/κ) − E g(SGD(B, η) at K) from the moment recursions. */
    static double exactGap(TestFunction g, int kappa) {
        LeastSquaresMoments lsm = new LeastSquaresMoments(toy());
        double[] base = lsm.sgd(X0, ETA, 1, STEPS);
        double[] big = lsm.sgd(X0, kappa * ETA, kappa, STEPS / kappa);
        return exact(g, lsm, big) - exact(g, lsm, base);
    }

    /**
     * The spectral radius of SGD's second-moment map (its linear part on z = (m, vec M)) at learning rate κη and batch κB,
     * by power iteration: ρ &lt; 1 iff E‖x‖² stays bounded for every start.
     */
    static double momentSpectralRadius(int kappa) {
        LeastSquaresMoments lsm = new LeastSquaresMoments(toy());
        double lr = kappa * ETA;
        double[] zero = lsm.sgdStep(new double[lsm.stateLength()], lr, kappa);
        double[] v = {1, 0.3, 0.2, 0.1, 0.1, 0.5};
        double logSum = 0;
        int iterations = 4_000;
        for (int i = 0; i < iterations; i++) {
            double[] w = lsm.sgdStep(v, lr, kappa);
            double norm = 0;
            for (int j = 0; j < w.length; j++) {
                w[j] -= zero[j];
                norm += w[j] * w[j];
            }
            norm = Math.sqrt(norm);
            logSum += Math.log(norm);
            for (int j = 0; j < w.length; j++) {
                v[j] = w[j] / norm;
            }
        }
        return Math.exp(logSum / iterations);
    }

    /** Measured gaps: gap[g][c] ± se[g][c] for KAPPAS[c]. */
    record Gaps(double[][] gap, double[][] se) {
    }

    static Gaps measure(int paths, long seed) {
        FiniteSumToy toy = toy();
        double[][] runs = SgdMonteCarlo.linearScaling(toy.dataset(), toy.loss(), 1, ETA, STEPS, KAPPAS, X0, paths, seed);
        TestFunction[] gs = TestFunction.values();
        double[][] gap = new double[gs.length][KAPPAS.length];
        double[][] se = new double[gs.length][KAPPAS.length];
        for (int k = 0; k < gs.length; k++) {
            double[] base = new double[paths];
            for (int p = 0; p < paths; p++) {
                base[p] = evaluate(gs[k], toy, new double[] {runs[0][2 * p], runs[0][2 * p + 1]});
            }
            for (int c = 0; c < KAPPAS.length; c++) {
                double[] big = new double[paths];
                for (int p = 0; p < paths; p++) {
                    big[p] = evaluate(gs[k], toy, new double[] {runs[1 + c][2 * p], runs[1 + c][2 * p + 1]});
                }
                WeakError.Estimate e = WeakError.coupled(big, base);
                gap[k][c] = e.value();
                se[k][c] = e.stdErr();
            }
        }
        return new Gaps(gap, se);
    }

    /** Indices of KAPPAS with κη ≤ LINEAR_SHARE·limit. */
    static int[] linearRegion(double limit) {
        return java.util.stream.IntStream.range(0, KAPPAS.length).filter(c -> KAPPAS[c] * ETA <= LINEAR_SHARE * limit).toArray();
    }

    /** The fitted law |gap| = C·(κη − η)^α over the linear region (NaN if a gap there is 0 or the signs differ). */
    static OrderFit linearFit(double[] gap, double limit) {
        int[] idx = linearRegion(limit);
        double[] h = new double[idx.length];
        double[] a = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            h[i] = (KAPPAS[idx[i]] - 1) * ETA;
            a[i] = Math.abs(gap[idx[i]]);
            if (!(a[i] > 0) || Math.signum(gap[idx[i]]) != Math.signum(gap[idx[0]])) {
                return new OrderFit(Double.NaN, Double.NaN, Double.NaN, idx.length);
            }
        }
        return OrderFit.logLog(h, a);
    }

    static Verdict agrees(double dev, double se, double z) {
        if (!Double.isFinite(dev) || Math.abs(dev) > 2 * z * se) {
            return Verdict.FAILS;
        }
        return Math.abs(dev) <= z * se ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /**
     * The claim for one test function, with the predicted slope and the predicted stability limit:
     * (a) at every κη below the limit the measured gap agrees with the exact one (z·se; FAILS beyond 2z·se);
     * (b) in the linear region every gap is resolved and the fitted slope on κη − η is within SLOPE_TOLERANCE of
     * {@code slope} (FAILS beyond tolerance + z·se);
     * (c) at grid points in [NEAR_SHARE·limit, limit) the gap exceeds BREAKDOWN_FACTOR × the fitted law (HOLDS when its lower
     * z-bound does, FAILS when its upper z-bound does not, else INCONCLUSIVE); there must be at least one such point.
     */
    static Verdict decide(double[] gap, double[] se, double[] exactGap, double slope, double limit, double z) {
        List<Verdict> parts = new ArrayList<>();
        for (int c = 0; c < KAPPAS.length; c++) {
            if (KAPPAS[c] * ETA < limit) {
                parts.add(agrees(gap[c] - exactGap[c], se[c], z));
            }
        }
        for (int c : linearRegion(limit)) {
            parts.add(Math.abs(gap[c]) > z * se[c] ? Verdict.HOLDS : Verdict.INCONCLUSIVE);
        }
        OrderFit fit = linearFit(gap, limit);
        if (!Double.isFinite(fit.order())) {
            parts.add(Verdict.INCONCLUSIVE);
        } else {
            double dev = Math.abs(fit.order() - slope);
            double fse = Double.isFinite(fit.stdErr()) ? fit.stdErr() : 0;
            parts.add(dev <= SLOPE_TOLERANCE ? Verdict.HOLDS : dev > SLOPE_TOLERANCE + z * fse ? Verdict.FAILS : Verdict.INCONCLUSIVE);
        }
        boolean near = false;
        for (int c = 0; c < KAPPAS.length; c++) {
            double ke = KAPPAS[c] * ETA;
            if (ke >= NEAR_SHARE * limit && ke < limit && Double.isFinite(fit.order())) {
                near = true;
                double line = BREAKDOWN_FACTOR * fit.constant() * Math.pow(ke - ETA, fit.order());
                double lo = Math.abs(gap[c]) - z * se[c];
                double hi = Math.abs(gap[c]) + z * se[c];
                parts.add(lo > line ? Verdict.HOLDS : hi <= line ? Verdict.FAILS : Verdict.INCONCLUSIVE);
            }
        }
        if (!near) {
            parts.add(Verdict.INCONCLUSIVE);
        }
        return ReachesRule.combine(parts);
    }

    /** Stability part: ρ &lt; 1 at every grid κη below {@code limit} and ρ &gt; 1 at every one above. */
    static Verdict decideStability(double[] rho, double limit) {
        List<Verdict> parts = new ArrayList<>();
        for (int c = 0; c < KAPPAS.length; c++) {
            boolean below = KAPPAS[c] * ETA < limit;
            parts.add(below == (rho[c] < 1) ? Verdict.HOLDS : Verdict.FAILS);
        }
        return ReachesRule.combine(parts);
    }

    static int comparisons() {
        int stable = 0;
        for (int k : KAPPAS) {
            stable += k * ETA < limit() ? 1 : 0;
        }
        return TestFunction.values().length * (stable + linearRegion(limit()).length + 2);
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        int paths = c.budget().pick(2_048, 32_768);
        Gaps m = measure(paths, new RandomStream(c.seed()).split(17).nextLong());
        c.progress().onProgress(1, 2);
        double limit = limit();
        double z = Normal.bonferroniZ(FAMILY_ALPHA, comparisons());
        TestFunction[] gs = TestFunction.values();
        double[][] exact = new double[gs.length][KAPPAS.length];
        for (int k = 0; k < gs.length; k++) {
            for (int i = 0; i < KAPPAS.length; i++) {
                exact[k][i] = exactGap(gs[k], KAPPAS[i]);
            }
        }
        double[] rho = Arrays.stream(KAPPAS).mapToDouble(LinearScalingClaim::momentSpectralRadius).toArray();
        c.progress().onProgress(2, 2);
        List<Verdict> parts = new ArrayList<>();
        StringBuilder slopes = new StringBuilder();
        List<String> cols = new ArrayList<>(List.of("kappa_eta", "kappa"));
        for (TestFunction g : gs) {
            String n = g.name().toLowerCase();
            cols.addAll(List.of(n + "_abs_gap", n + "_se", n + "_exact_abs_gap", n + "_linear_law"));
        }
        cols.addAll(List.of("moment_spectral_radius", "stability_limit"));
        Trace t = new Trace("gap_vs_kappa_eta", cols);
        double[] worstNear = new double[gs.length];
        OrderFit[] fits = new OrderFit[gs.length];
        for (int k = 0; k < gs.length; k++) {
            parts.add(decide(m.gap()[k], m.se()[k], exact[k], 1.0, limit, z));
            fits[k] = linearFit(m.gap()[k], limit);
            String n = gs[k].name().toLowerCase();
            rb.number(n + ".slope", fits[k].order()).number(n + ".slope_se", fits[k].stdErr()).number(n + ".law_constant", fits[k].constant());
            slopes.append(slopes.length() == 0 ? "" : "; ").append(n).append(" slope ").append(Format.g(fits[k].order())).append(" ± ")
                    .append(Format.g(fits[k].stdErr()));
            for (int i = 0; i < KAPPAS.length; i++) {
                double ke = KAPPAS[i] * ETA;
                rb.number(n + ".kappa" + KAPPAS[i] + ".gap", m.gap()[k][i]).number(n + ".kappa" + KAPPAS[i] + ".se", m.se()[k][i])
                        .number(n + ".kappa" + KAPPAS[i] + ".exact_gap", exact[k][i]);
                if (ke >= NEAR_SHARE * limit && ke < limit && Double.isFinite(fits[k].order())) {
                    worstNear[k] = Math.abs(m.gap()[k][i]) / (fits[k].constant() * Math.pow(ke - ETA, fits[k].order()));
                    rb.number(n + ".near_limit_gap_over_law", worstNear[k]);
                }
            }
        }
        Verdict vStab = decideStability(rho, limit);
        parts.add(vStab);
        Verdict v = ReachesRule.combine(parts);
        double yMax = 0;
        double yMin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < KAPPAS.length; i++) {
            double ke = KAPPAS[i] * ETA;
            double[] row = new double[1 + cols.size()];
            row[0] = i;
            row[1] = ke;
            row[2] = KAPPAS[i];
            for (int k = 0; k < gs.length; k++) {
                row[3 + 4 * k] = Math.abs(m.gap()[k][i]);
                row[4 + 4 * k] = m.se()[k][i];
                row[5 + 4 * k] = Math.abs(exact[k][i]);
                row[6 + 4 * k] = Double.isFinite(fits[k].order()) ? fits[k].constant() * Math.pow(ke - ETA, fits[k].order()) : Double.NaN;
                yMax = Math.max(yMax, Math.abs(m.gap()[k][i]));
                yMin = Math.min(yMin, Math.abs(m.gap()[k][i]) > 0 ? Math.abs(m.gap()[k][i]) : yMin);
            }
            row[3 + 4 * gs.length] = rho[i];
            row[4 + 4 * gs.length] = Double.NaN;
            t.add(row);
            rb.number("kappa" + KAPPAS[i] + ".moment_spectral_radius", rho[i]);
        }
        // the stability limit as a vertical segment (two rows whose only value is stability_limit)
        for (double y : new double[] {yMin, yMax}) {
            double[] row = new double[1 + cols.size()];
            Arrays.fill(row, Double.NaN);
            row[0] = t.size();
            row[1] = limit;
            row[4 + 4 * gs.length] = y;
            t.add(row);
        }
        rb.trace(t);
        List<String> ys = new ArrayList<>();
        for (TestFunction g : gs) {
            String n = g.name().toLowerCase();
            ys.addAll(List.of(n + "_abs_gap", n + "_linear_law"));
        }
        ys.add("stability_limit");
        rb.plot(PlotSpec.logLog("gap_vs_kappa_eta.png").title("sde.linear-scaling: |E g(SGD(κB, κη)) − E g(SGD(B, η))| at t = "
                        + Format.g(HORIZON) + " vs κη; "
                        + "fitted linear law; vertical: 2/λ_max").trace(t.name()).x("kappa_eta", "κη").y(ys, "|gap|").build());
        rb.number("lambda_max", lambdaMax()).number("stability_limit_2_over_lambda_max", limit).number("z", z).number("paths", paths)
                .number("eta", ETA).number("T", HORIZON).number("stability_verdict_holds", vStab == Verdict.HOLDS ? 1 : 0);
        rb.note("Least squares on " + toy().n() + " rows in ℝ² (scaled by " + SCALE + ": λ_max = " + Format.g(lambdaMax()) + ", 2/λ_max = "
                + Format.g(limit) + "), x₀ = (" + Format.g(X0[0]) + ", " + Format.g(X0[1]) + "), B = 1 with replacement, η = 1/"
                + Math.round(1 / ETA) + ", compared at t = " + Format.g(HORIZON) + " (K = " + STEPS + " steps of SGD(B, η) "
                + "against K/κ of SGD(κB, κη)). Common random numbers: per path one i.i.d. index sequence, consumed B resp. κB at a time.");
        rb.note("The linear law is fitted on κη − η (the gap is the difference of two first-order weak errors, c(κη) − c(η) + O(κη)²) over "
                + "κη ≤ " + LINEAR_SHARE + "·2/λ_max; Thm 12.3.5's C(1 + κ)η is an upper bound of the same order.");
        rb.note("Stability: the exact second-moment map of SGD(κB, κη) has spectral radius < 1 at every grid κη below 2/λ_max and > 1 at every "
                + "one above (" + (vStab == Verdict.HOLDS ? "as predicted" : "NOT as predicted") + "); its value at the grid points is in the trace.");
        rb.sourceStatement("定理12.3.5（线性缩放规则的有效性）… M_g({x}_K^{(B)}, {x̃}_K^{(κB)}, T) = C(1 + κ)η (read: ≤)",
                v, "judged on least squares with minibatch noise with g = x₁, ‖x‖², f: the gap grows linearly (" + slopes
                        + " on κη − η) while κη ≪ 2/λ_max, so C(1 + κ)η bounds it there; near the stability limit the gap is "
                        + Format.g(worstNear[1]) + "× the linear law for ‖x‖² (the bound's C is not uniform: 002's own remark that the rule "
                        + "fails for very large batches), and beyond it SGD(κB, κη) diverges.");
        String rule = "For each g in {x₁, ‖x‖², f}: the coupled Monte-Carlo gap agrees with the exact moment recursion at every κη < 2/λ_max "
                + "(within z·se, z = " + Format.g(z) + ", Bonferroni over " + comparisons() + " comparisons at family α = " + FAMILY_ALPHA
                + "; FAILS beyond 2z·se); every gap with κη ≤ " + LINEAR_SHARE + "·2/λ_max resolved (> z·se) and their log-log slope on "
                + "κη − η within " + SLOPE_TOLERANCE + " of 1 (FAILS beyond " + SLOPE_TOLERANCE + " + z·se); at κη in [" + NEAR_SHARE
                + ", 1)·2/λ_max the gap exceeds " + BREAKDOWN_FACTOR + "× the fitted law by more than z·se (FAILS if not even within z·se). "
                + "The second-moment map's spectral radius is < 1 exactly at the grid κη below 2/λ_max. HOLDS if every part holds.";
        return rb.build(v, "gap ∝ κη − η for κη ≪ 2/λ_max; breakdown near 2/λ_max = " + Format.g(limit),
                slopes + "; near the limit the ‖x‖² gap is " + Format.g(worstNear[1]) + "× the linear law; ρ(κη = "
                        + KAPPAS[KAPPAS.length - 1] * ETA + ") = " + Format.g(rho[KAPPAS.length - 1]), rule);
    }
}
