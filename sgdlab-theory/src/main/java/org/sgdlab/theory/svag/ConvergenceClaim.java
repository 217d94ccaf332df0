package org.sgdlab.theory.svag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.sgdlab.finitesum.Normal;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.Svag;
import org.sgdlab.optim.State;
import org.sgdlab.probe.Trace;
import org.sgdlab.problems.Quadratic;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sde.GaussianOracle;
import org.sgdlab.sde.Integrator;
import org.sgdlab.sde.LinearSde;
import org.sgdlab.sde.OrderFit;
import org.sgdlab.sde.PathSimulator;
import org.sgdlab.sde.Paths;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * svag.convergence (002 Def. 12.4.1, Thm 12.4.2): SVAG's ĝ = r₁g₁ + r₂g₂ is unbiased with covariance ℓσ²Σ, and SVAG
 * (step η/ℓ, ℓ steps per unit η of continuous time) approximates SGD's canonical SDE dX = −∇f dt + √η σΣ^{1/2} dW weakly
 * with error O(η/ℓ): E g(x_T) converges as ℓ = 1, 2, 4, …, 32 with successive differences ∝ 1/ℓ.
 *
 * <p>Setup: f(x) = ½xᵀHx, H = diag(1, 2), Gaussian NGOS with σ = 1 and Σ = [[1, 0.6], [0.6, 1.5]] ({@link GaussianOracle}),
 * η = {@value #ETA}, T = {@value #HORIZON}, x₀ = (1, −1), g(x) = ‖x‖². The SDE is linear, dX = −HX dt + √η σL dW
 * (LLᵀ = Σ), so its E g(X_T) = ‖m(T)‖² + tr P(T) is exact ({@link LinearSde}).
 *
 * <p>Part 1: ĝ from two {@link GaussianOracle#sample} draws combined by {@link Svag#combineInPlace}, its mean and
 * covariance by Monte Carlo at each ℓ. Part 2: the levels ℓ are coupled by common random numbers: on each path the finest
 * level draws normalized noise νₖ ~ N(0, I) per step, a level with half as many steps uses (ν₂ₖ + ν₂ₖ₊₁)/√2, and each level
 * builds its two oracle draws ζ₁ = u₁ν + v₁ω, ζ₂ = u₂ν + v₂ω from ν and a fresh ω ~ N(0, I), with (u₁, u₂) = (r₁, r₂)/√ℓ and
 * (v₁, v₂) = (−r₂, r₁)/√ℓ orthonormal: ζ₁, ζ₂ are independent N(0, I) (the oracle's law) and r₁ζ₁ + r₂ζ₂ = √ℓ·ν. The
 * two gradients g = ∇f(x) + σLζ go to {@link Svag#updateInPlace} unchanged. Successive differences of E g(x_T) are then
 * measured with the standard error of the per-path differences.
 */
final class ConvergenceClaim extends BaseClaim {
    static final double ETA = 0.1;
    static final double HORIZON = 1.0;
    static final int[] LEVELS = {1, 2, 4, 8, 16, 32};
    static final double[] LAMBDA = {1, 2};
    static final double[] SIGMA_SHAPE = {1, 0.6, 0.6, 1.5};
    static final double[] X0 = {1, -1};
    /** The point where ĝ's moments are measured. */
    static final double[] PROBE_POINT = {0.5, 0.3};
    /** |fitted slope − predicted| within which the differences' scaling holds. */
    static final double SLOPE_TOLERANCE = 0.15;
    static final double FAMILY_ALPHA = 0.05;
    /** Euler–Maruyama reference step η/(32·{@value #EM_REFINE}). */
    static final int EM_REFINE = 4;

    ConvergenceClaim() {
        super("svag.convergence", "SVAG's ĝ is unbiased with covariance ℓσ²Σ; E g(x_T) at fixed T converges as ℓ = 1 … 32 with "
                + "successive differences ∝ 1/ℓ, to the SDE limit", "002 Def. 12.4.1, Thm 12.4.2");
    }

    /** ĝ − ∇f at one ℓ: mean (2 entries) and second moments (00, 01, 11) with standard errors. */
    record Moments(int l, double[] bias, double[] biasSe, double[] cov, double[] covSe) {
    }

    /**
     * The coupled levels and the references.
     *
     * @param mean        E g(x_T) per level
     * @param meanSe      its standard error
     * @param diff        E g at level 2ℓ minus at level ℓ (coupled), for ℓ = LEVELS[0 … n−2]
     * @param diffSe      standard error of the per-path differences
     * @param richardson  2E_32 − E_16 (the leading 1/ℓ term removed)
     * @param emCoarse    Euler–Maruyama at h = η/32, independent paths
     * @param emFine      Euler–Maruyama at h = η/(32·EM_REFINE)
     */
    record Levels(double[] mean, double[] meanSe, double[] diff, double[] diffSe, double richardson, double richardsonSe,
                  double emCoarse, double emCoarseSe, double emFine, double emFineSe) {
    }

    static Quadratic objective() {
        return Quadratic.of(LAMBDA, new double[][] {{1, 0}, {0, 1}}, new double[2]);
    }

    /** L with LLᵀ = Σ (Cholesky of the 2×2 shape). */
    static double[] factor() {
        double l00 = Math.sqrt(SIGMA_SHAPE[0]);
        double l10 = SIGMA_SHAPE[2] / l00;
        return new double[] {l00, 0, l10, Math.sqrt(SIGMA_SHAPE[3] - l10 * l10)};
    }

    /** The SDE dX = −HX dt + √η σL dW (σ = 1). */
    static LinearSde sde() {
        double[] l = factor();
        double s = Math.sqrt(ETA);
        return new LinearSde(new double[] {-LAMBDA[0], 0, 0, -LAMBDA[1]}, new double[2], new double[] {s * l[0], s * l[1], s * l[2], s * l[3]}, 2);
    }

    /** E‖X_T‖² of the SDE, exactly. */
    static double exactLimit() {
        LinearSde sde = sde();
        double[] m = sde.mean(X0, HORIZON);
        double[] p = sde.covariance(HORIZON);
        return m[0] * m[0] + m[1] * m[1] + p[0] + p[3];
    }

    static double g(double[] x) {
        return x[0] * x[0] + x[1] * x[1];
    }

    /** Part 1 at every level: {@code draws} ĝ from the oracle at PROBE_POINT. */
    static List<Moments> moments(int draws, RandomStream master) {
        Quadratic f = objective();
        GaussianOracle oracle = GaussianOracle.withCovariance(f, 1.0, SIGMA_SHAPE);
        double[] grad = new double[2];
        f.gradient(PROBE_POINT, grad);
        List<Moments> out = new ArrayList<>();
        for (int li = 0; li < LEVELS.length; li++) {
            Svag svag = new Svag(Schedules.constant(ETA), LEVELS[li]);
            RandomStream rng = master.split(li);
            double[] g1 = new double[2];
            double[] g2 = new double[2];
            double[][] v = new double[5][draws];
            for (int n = 0; n < draws; n++) {
                oracle.sample(PROBE_POINT, rng, g1);
                oracle.sample(PROBE_POINT, rng, g2);
                svag.combineInPlace(g1, g2);
                double e0 = g1[0] - grad[0];
                double e1 = g1[1] - grad[1];
                v[0][n] = e0;
                v[1][n] = e1;
                v[2][n] = e0 * e0;
                v[3][n] = e0 * e1;
                v[4][n] = e1 * e1;
            }
            double[] m = new double[5];
            double[] se = new double[5];
            for (int k = 0; k < 5; k++) {
                m[k] = mean(v[k]);
                se[k] = sd(v[k], m[k]) / Math.sqrt(draws);
            }
            out.add(new Moments(LEVELS[li], new double[] {m[0], m[1]}, new double[] {se[0], se[1]}, new double[] {m[2], m[3], m[4]},
                    new double[] {se[2], se[3], se[4]}));
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v, double m) {
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    /** One path's x_T at every level (coupled), into {@code out[level]}. */
    static void coupledPath(RandomStream rng, double[][] out) {
        Quadratic f = objective();
        double[] l = factor();
        int n = LEVELS.length;
        int finest = (int) Math.round(HORIZON / ETA * LEVELS[n - 1]);
        double[] nu = rng.gaussians(new double[finest * 2]);
        for (int li = n - 1; li >= 0; li--) {
            int ell = LEVELS[li];
            int steps = (int) Math.round(HORIZON / ETA * ell);
            if (li < n - 1) {
                double[] coarse = new double[steps * 2];
                for (int k = 0; k < steps * 2; k++) {
                    int step = k / 2;
                    int i = k % 2;
                    coarse[k] = (nu[(2 * step) * 2 + i] + nu[(2 * step + 1) * 2 + i]) / Math.sqrt(2);
                }
                nu = coarse;
            }
            Svag svag = new Svag(Schedules.constant(ETA), ell);
            double root = Math.sqrt(ell);
            double u1 = svag.firstWeight() / root;
            double u2 = svag.secondWeight() / root;
            State state = svag.init(X0);
            double[] x = X0.clone();
            double[] omega = new double[2];
            double[] g1 = new double[2];
            double[] g2 = new double[2];
            double[] z1 = new double[2];
            double[] z2 = new double[2];
            for (int k = 0; k < steps; k++) {
                rng.gaussians(omega);
                for (int i = 0; i < 2; i++) {
                    z1[i] = u1 * nu[k * 2 + i] - u2 * omega[i];
                    z2[i] = u2 * nu[k * 2 + i] + u1 * omega[i];
                }
                f.gradient(x, g1);
                f.gradient(x, g2);
                for (int i = 0; i < 2; i++) {
                    g1[i] += l[i * 2] * z1[0] + l[i * 2 + 1] * z1[1];
                    g2[i] += l[i * 2] * z2[0] + l[i * 2 + 1] * z2[1];
                }
                svag.updateInPlace(g1, g2, state, x);
                x[0] += g1[0];
                x[1] += g1[1];
            }
            out[li] = x;
        }
    }

    /** Part 2: {@code paths} coupled paths, and the Euler–Maruyama references on {@code emPaths} independent paths. */
    static Levels levels(int paths, int emPaths, long seed) {
        int n = LEVELS.length;
        RandomStream master = new RandomStream(seed);
        double[][] gs = new double[n][paths];
        double[][] xs = new double[n][];
        for (int p = 0; p < paths; p++) {
            coupledPath(master.split(p), xs);
            for (int li = 0; li < n; li++) {
                gs[li][p] = g(xs[li]);
            }
        }
        double[] mean = new double[n];
        double[] meanSe = new double[n];
        for (int li = 0; li < n; li++) {
            mean[li] = mean(gs[li]);
            meanSe[li] = sd(gs[li], mean[li]) / Math.sqrt(paths);
        }
        double[] diff = new double[n - 1];
        double[] diffSe = new double[n - 1];
        double[] d = new double[paths];
        for (int li = 0; li < n - 1; li++) {
            for (int p = 0; p < paths; p++) {
                d[p] = gs[li + 1][p] - gs[li][p];
            }
            diff[li] = mean(d);
            diffSe[li] = sd(d, diff[li]) / Math.sqrt(paths);
        }
        for (int p = 0; p < paths; p++) {
            d[p] = 2 * gs[n - 1][p] - gs[n - 2][p];
        }
        double rich = mean(d);
        double richSe = sd(d, rich) / Math.sqrt(paths);
        Integrator em = Integrator.eulerMaruyama(sde());
        int coarseSteps = (int) Math.round(HORIZON / ETA * LEVELS[n - 1]);
        double[] emC = PathSimulator.simulate(em, X0, HORIZON, coarseSteps, emPaths, new RandomStream(seed).split(1L << 40).nextLong())
                .values(ConvergenceClaim::g);
        double[] emF = PathSimulator.simulate(em, X0, HORIZON, coarseSteps * EM_REFINE, emPaths,
                new RandomStream(seed).split((1L << 40) + 1).nextLong()).values(ConvergenceClaim::g);
        double mc = mean(emC);
        double mf = mean(emF);
        return new Levels(mean, meanSe, diff, diffSe, rich, richSe, mc, sd(emC, mc) / Math.sqrt(emPaths), mf,
                sd(emF, mf) / Math.sqrt(emPaths));
    }

    /** HOLDS when |dev| ≤ z·se, FAILS beyond 2z·se, else INCONCLUSIVE. */
    static Verdict agrees(double dev, double se, double z) {
        if (!Double.isFinite(dev) || Math.abs(dev) > 2 * z * se) {
            return Verdict.FAILS;
        }
        return Math.abs(dev) <= z * se ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** Part 1 against the predicted covariance factor c(ℓ)·σ²Σ (the theorem: c(ℓ) = ℓ) and mean zero. */
    static Verdict decideMoments(List<Moments> ms, DoubleUnaryOperator covarianceFactor, double z) {
        List<Verdict> parts = new ArrayList<>();
        for (Moments m : ms) {
            double c = covarianceFactor.applyAsDouble(m.l());
            double[] predicted = {c * SIGMA_SHAPE[0], c * SIGMA_SHAPE[1], c * SIGMA_SHAPE[3]};
            for (int i = 0; i < 2; i++) {
                parts.add(agrees(m.bias()[i], m.biasSe()[i], z));
            }
            for (int k = 0; k < 3; k++) {
                parts.add(agrees(m.cov()[k] - predicted[k], m.covSe()[k], z));
            }
        }
        return combine(parts);
    }

    /** The fitted slope of log|successive difference| against log ℓ (NaN if the differences change sign). */
    static OrderFit differenceFit(Levels lv) {
        int n = lv.diff().length;
        double[] ls = new double[n];
        double[] ad = new double[n];
        for (int i = 0; i < n; i++) {
            ls[i] = LEVELS[i];
            ad[i] = Math.abs(lv.diff()[i]);
            if (!(ad[i] > 0) || Math.signum(lv.diff()[i]) != Math.signum(lv.diff()[0])) {
                return new OrderFit(Double.NaN, Double.NaN, Double.NaN, n);
            }
        }
        return OrderFit.logLog(ls, ad);
    }

    /**
     * Part 2: every successive difference resolved (|Δ| > z·se, else INCONCLUSIVE); their slope against ℓ within
     * SLOPE_TOLERANCE of {@code predictedSlope} (FAILS beyond it + z·se); the Richardson value 2E_32 − E_16, and
     * Euler–Maruyama at h = η/(32·EM_REFINE), agree with {@code limit}; Euler–Maruyama at h = η/32 agrees with SVAG at ℓ = 32
     * (same law for Gaussian noise).
     */
    static Verdict decideLevels(Levels lv, double predictedSlope, double limit, double z) {
        List<Verdict> parts = new ArrayList<>();
        for (int i = 0; i < lv.diff().length; i++) {
            parts.add(Math.abs(lv.diff()[i]) > z * lv.diffSe()[i] ? Verdict.HOLDS : Verdict.INCONCLUSIVE);
        }
        OrderFit fit = differenceFit(lv);
        if (!Double.isFinite(fit.order())) {
            parts.add(Verdict.INCONCLUSIVE);
        } else {
            double dev = Math.abs(fit.order() - predictedSlope);
            double se = Double.isFinite(fit.stdErr()) ? fit.stdErr() : 0;
            parts.add(dev <= SLOPE_TOLERANCE ? Verdict.HOLDS : dev > SLOPE_TOLERANCE + z * se ? Verdict.FAILS : Verdict.INCONCLUSIVE);
        }
        parts.add(agrees(lv.richardson() - limit, lv.richardsonSe(), z));
        parts.add(agrees(lv.emFine() - limit, lv.emFineSe(), z));
        int last = lv.mean().length - 1;
        parts.add(agrees(lv.emCoarse() - lv.mean()[last], Math.hypot(lv.emCoarseSe(), lv.meanSe()[last]), z));
        return combine(parts);
    }

    static Verdict combine(List<Verdict> parts) {
        if (parts.contains(Verdict.FAILS)) {
            return Verdict.FAILS;
        }
        return parts.stream().allMatch(v -> v == Verdict.HOLDS) ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    static int comparisons() {
        return LEVELS.length * 5 + (LEVELS.length - 1) + 1 + 3;
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        int draws = c.budget().pick(4_000, 200_000);
        int paths = c.budget().pick(2_048, 65_536);
        int emPaths = c.budget().pick(512, 32_768);
        RandomStream master = new RandomStream(c.seed()).split(12);
        List<Moments> ms = moments(draws, master.split(0));
        c.progress().onProgress(1, 3);
        Levels lv = levels(paths, emPaths, master.split(1).nextLong());
        c.progress().onProgress(3, 3);
        double z = Normal.bonferroniZ(FAMILY_ALPHA, comparisons());
        double limit = exactLimit();
        Verdict vm = decideMoments(ms, l -> l, z);
        Verdict vl = decideLevels(lv, -1.0, limit, z);
        Verdict v = combine(List.of(vm, vl));
        OrderFit fit = differenceFit(lv);

        Trace mt = new Trace("ghat_moments", List.of("l", "bias0", "bias1", "cov00", "cov00_predicted", "cov01", "cov01_predicted",
                "cov11", "cov11_predicted", "cov00_se"));
        double worstMomentZ = 0;
        for (int i = 0; i < ms.size(); i++) {
            Moments m = ms.get(i);
            double[] pred = {m.l() * SIGMA_SHAPE[0], m.l() * SIGMA_SHAPE[1], m.l() * SIGMA_SHAPE[3]};
            mt.add(new double[] {i, m.l(), m.bias()[0], m.bias()[1], m.cov()[0], pred[0], m.cov()[1], pred[1], m.cov()[2], pred[2], m.covSe()[0]});
            for (int k = 0; k < 3; k++) {
                worstMomentZ = Math.max(worstMomentZ, Math.abs(m.cov()[k] - pred[k]) / m.covSe()[k]);
            }
            for (int k = 0; k < 2; k++) {
                worstMomentZ = Math.max(worstMomentZ, Math.abs(m.bias()[k]) / m.biasSe()[k]);
            }
            rb.number("l" + m.l() + ".cov00", m.cov()[0]).number("l" + m.l() + ".cov01", m.cov()[1]).number("l" + m.l() + ".cov11", m.cov()[2]);
        }
        Trace lt = new Trace("levels", List.of("l", "E_g", "E_g_se", "error_vs_exact", "abs_diff_to_next", "abs_diff_se", "exact_limit"));
        for (int i = 0; i < LEVELS.length; i++) {
            double diff = i < lv.diff().length ? Math.abs(lv.diff()[i]) : Double.NaN;
            double diffSe = i < lv.diff().length ? lv.diffSe()[i] : Double.NaN;
            lt.add(new double[] {i, LEVELS[i], lv.mean()[i], lv.meanSe()[i], lv.mean()[i] - limit, diff, diffSe, limit});
            rb.number("l" + LEVELS[i] + ".E_g", lv.mean()[i]).number("l" + LEVELS[i] + ".E_g_se", lv.meanSe()[i]);
            if (i < lv.diff().length) {
                rb.number("l" + LEVELS[i] + ".diff_to_next", lv.diff()[i]).number("l" + LEVELS[i] + ".diff_to_next_se", lv.diffSe()[i]);
            }
        }
        rb.trace(mt).trace(lt);
        rb.plot(PlotSpec.logLog("differences_vs_l.png").title("svag.convergence: |E g(x_T) at 2ℓ − at ℓ| (coupled) vs ℓ")
                .trace(lt.name()).x("l", "ℓ").y(List.of("abs_diff_to_next"), "|successive difference|").build());
        rb.plot(PlotSpec.semiLogX("E_g_vs_l.png").title("svag.convergence: E‖x_T‖² vs ℓ and the SDE's exact value")
                .trace(lt.name()).x("l", "ℓ").y(List.of("E_g", "exact_limit"), "E‖x_T‖²").build());
        rb.plot(PlotSpec.semiLogX("ghat_covariance.png").title("svag.convergence: Cov ĝ entries vs ℓσ²Σ")
                .trace(mt.name()).x("l", "ℓ").y(List.of("cov00", "cov00_predicted", "cov11", "cov11_predicted"), "Cov ĝ").build());
        rb.number("eta", ETA).number("T", HORIZON).number("draws_per_l", draws).number("paths", paths).number("em_paths", emPaths)
                .number("z", z).number("exact_limit", limit).number("difference_slope", fit.order())
                .number("difference_slope_se", fit.stdErr()).number("richardson", lv.richardson()).number("richardson_se", lv.richardsonSe())
                .number("em_h_eta_over_32", lv.emCoarse()).number("em_h_eta_over_32_se", lv.emCoarseSe())
                .number("em_fine", lv.emFine()).number("em_fine_se", lv.emFineSe()).number("max_abs_z_moments", worstMomentZ)
                .number("moments_verdict_holds", vm == Verdict.HOLDS ? 1 : 0).number("levels_verdict_holds", vl == Verdict.HOLDS ? 1 : 0);
        rb.note("For Gaussian noise SVAG's step is x ← x − (η/ℓ)∇f(x) − √(η/ℓ)·√η σL·ν with ν ~ N(0, I): the same law as "
                + "Euler–Maruyama on the SDE with h = η/ℓ, so the weak error here is Euler–Maruyama's, O(h) = O(η/ℓ); the "
                + "Euler–Maruyama reference at h = η/32 on independent paths is compared with ℓ = 32, and the one at h = η/"
                + (32 * EM_REFINE) + " with the exact value.");
        rb.note("The exact limit E‖X_T‖² = ‖m(T)‖² + tr P(T) = " + Format.g(limit) + " (LinearSde: block matrix exponentials).");
        rb.note("002's \"ℓ > 0\" is too weak: √(2ℓ − 1) needs ℓ ≥ ½ (ℓ = 1 is SGD); the levels here are ℓ ≥ 1.");
        rb.sourceStatement("定理12.4.2: D_G({x}_K, {X̃}_K, T) ≤ Cη/ℓ (SVAG with hyperparameter ℓ is an order-η/ℓ weak approximation of "
                        + "SGD's SDE)", vl,
                "judged on the quadratic with Gaussian noise (conditions 1, 2, 4 hold) with g = ‖x‖²: the successive differences fall like "
                        + "ℓ^" + Format.g(fit.order()) + " ± " + Format.g(fit.stdErr()) + " and E g at ℓ = 32 is "
                        + Format.g(lv.mean()[LEVELS.length - 1] - limit) + " from the exact SDE value (Richardson 2E_32 − E_16 − exact = "
                        + Format.g(lv.richardson() - limit) + " ± " + Format.g(lv.richardsonSe()) + ").");
        String rule = "Part 1 (each ℓ in " + Arrays.toString(LEVELS) + ", " + draws + " draws): E(ĝ − ∇f) = 0 and Cov ĝ = ℓσ²Σ entrywise, "
                + "HOLDS when within z·se (z = " + Format.g(z) + ", Bonferroni over " + comparisons() + " comparisons at family α = "
                + FAMILY_ALPHA + "), FAILS beyond 2z·se. Part 2 (" + paths + " coupled paths): every successive difference "
                + "resolved (|Δ| > z·se, else INCONCLUSIVE); the slope of log|Δ| against log ℓ: HOLDS within " + Format.g(SLOPE_TOLERANCE)
                + " of −1, FAILS beyond " + Format.g(SLOPE_TOLERANCE) + " + z·se; 2E_32 − E_16 and Euler–Maruyama at h = η/"
                + (32 * EM_REFINE) + " agree with the exact E g(X_T), and Euler–Maruyama at h = η/32 with SVAG at ℓ = 32 (within z·se, "
                + "FAILS beyond 2z·se). HOLDS if every part holds, FAILS if any fails.";
        return rb.build(v, "E ĝ = ∇f, Cov ĝ = ℓσ²Σ; E g(x_T) differences ∝ 1/ℓ toward the SDE's E g(X_T) = " + Format.g(limit),
                "largest |z| of ĝ's moments " + Format.g(worstMomentZ) + "; difference slope " + Format.g(fit.order()) + " ± "
                        + Format.g(fit.stdErr()) + "; E g at ℓ = 1 … 32: " + Format.g(lv.mean()[0]) + " … "
                        + Format.g(lv.mean()[LEVELS.length - 1]) + "; Richardson " + Format.g(lv.richardson()) + " ± "
                        + Format.g(lv.richardsonSe()) + " vs exact " + Format.g(limit),
                rule);
    }
}
