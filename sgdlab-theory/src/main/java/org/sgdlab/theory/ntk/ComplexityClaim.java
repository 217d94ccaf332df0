package org.sgdlab.theory.ntk;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.kernels.KernelRegressionSolution;
import org.sgdlab.kernels.KernelRidge;
import org.sgdlab.linalg.SymmetricEigen;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * ntk.complexity (002 §9.3.1, eq. 9.11, Fig. 9.2; Arora, Du, Hu, Li &amp; Wang 2019): the data-dependent complexity
 * √(2yᵀ(H*)⁻¹y·tr(H*))/n of the kernel predictor that an ultra-wide network approximates grows with the fraction of
 * random labels, like the test error of the trained network.
 *
 * <p>Setup: n unit-norm MNIST 4-vs-9 training digits and a disjoint test set ({@link MnistUnitSubset}); for each
 * corruption fraction p a seeded set of round(pn) training labels is replaced by uniform random ±1 labels (so about half
 * of them flip; the sets are nested across fractions within a draw, {@link #corrupt}; 002: "我们改变数据集中随机标签的部分"); H* the analytic eq. 9.7 kernel (corrected eq. 9.8) and yᵀ(H*)⁻¹y by
 * {@link KernelRidge} at λ = 0 (Cholesky, certified by its residual and condition estimate). The eq. 9.7 network
 * (ReLU, first layer trained, paired initialization: {@link FirstLayerGd}) is trained by GD with η = 1/λ_max(H*) for T
 * steps on the corrupted labels and tested on the clean test labels. λ_max by {@link SymmetricEigen#eigenvalues}: n ≤
 * 100 here, where the eigenvalues-only Jacobi sweeps cost milliseconds, so a Lanczos solve would save nothing.
 *
 * <p>The issue states the measure as √(2yᵀH⁻¹y/n); eq. 9.11 as printed is √(2yᵀH⁻¹y·tr H)/n, which is invariant to the
 * scale of H and equals the issue's form when tr H = n. With unit inputs and c_σ = 1, tr H* = n/2, so the issue's
 * expression evaluated on this H* is √2 times eq. 9.11: both are reported; ranks (the verdict) are the same.
 */
final class ComplexityClaim extends BaseClaim {
    /** Rank correlations at or above this count as "grows with" / "tracks". */
    static final double TRACKS = 0.8;
    /** Below this (or undefined) the statement is refuted; in between INCONCLUSIVE. */
    static final double REFUTED_BELOW = 0.5;

    ComplexityClaim() {
        super("ntk.complexity", "the data-dependent complexity √(2yᵀ(H*)⁻¹y·tr H*)/n (eq. 9.11) grows with the fraction of random "
                + "labels and tracks the test error of the trained wide two-layer ReLU network", "002 §9.3.1 (eq. 9.11, Fig. 9.2); Arora et al. 2019");
    }

    /** The configuration of a budget. */
    record Setting(int n, int test, int width, int steps, double[] fractions, int draws) {
    }

    /**
     * Quick: T = 100 (200 before). Seed 1 at T = 100 still fits every training label in sign (train MSE 0.075, 0.017 at
     * 200) and the clean test errors 0.067, 0.207, 0.293, 0.550 over p = 0 … 1 (0.067, 0.213, 0.303, 0.540 at 200) rank
     * like the complexity: both Spearman correlations 1.0, as at 200 (HOLDS at ≥ 0.8).
     */
    static Setting setting(Budget budget) {
        return budget == Budget.QUICK ? new Setting(60, 300, 256, 100, new double[] {0, 1.0 / 3, 2.0 / 3, 1}, 1)
                : new Setting(100, 800, 512, 300, new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}, 3);
    }

    /** One (fraction, draw) run. */
    record Run(double fraction, double complexity, double issueForm, double testError, double testL1, double trainError,
               double trainLoss, double ridgeResidual, OracleStatus ridgeStatus) {
    }

    /** Means over the draws of one fraction. */
    record Level(double fraction, double complexity, double issueForm, double testError, double testL1, double maxTrainError) {
        static Level of(List<Run> runs) {
            double c = 0;
            double c2 = 0;
            double e = 0;
            double l = 0;
            double t = 0;
            for (Run r : runs) {
                c += r.complexity() / runs.size();
                c2 += r.issueForm() / runs.size();
                e += r.testError() / runs.size();
                l += r.testL1() / runs.size();
                t = Math.max(t, r.trainError());
            }
            return new Level(runs.get(0).fraction(), c, c2, e, l, t);
        }
    }

    /**
     * The training labels with the first round(p·n) entries of a seeded order replaced by uniform random ±1; a new array
     * (y read only). The order and the random labels depend on {@code rnd}'s state only, not on p, so for one draw the
     * fractions are nested: each corrupted set contains the smaller ones with the same random labels (common random
     * numbers: the differences between fractions are not swamped by the draw-to-draw noise of yᵀ(H*)⁻¹y).
     */
    static double[] corrupt(double[] y, double p, RandomStream rnd) {
        int n = y.length;
        int k = (int) Math.round(p * n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        rnd.shuffleInPlace(order);
        double[] random = new double[n];
        for (int i = 0; i < n; i++) {
            random[i] = rnd.nextDouble() < 0.5 ? -1 : 1;
        }
        double[] out = y.clone();
        for (int i = 0; i < k; i++) {
            out[order[i]] = random[i];
        }
        return out;
    }

    /** √(2yᵀK⁻¹y·tr K)/n with yᵀK⁻¹y from {@code ridgeless} (α = K⁻¹y). */
    static double equation911(double[] kernel, double[] y, double[] alpha) {
        return equation911(quadraticForm(y, alpha), trace(kernel, y.length), y.length);
    }

    /** √(2·yKy·trK)/n: eq. 9.11 from yᵀK⁻¹y and tr K. */
    private static double equation911(double yKy, double trK, int n) {
        return Math.sqrt(2 * yKy * trK) / n;
    }

    /** yᵀK⁻¹y = Σᵢ yᵢαᵢ with α = K⁻¹y. */
    private static double quadraticForm(double[] y, double[] alpha) {
        double yKy = 0;
        for (int i = 0; i < y.length; i++) {
            yKy += y[i] * alpha[i];
        }
        return yKy;
    }

    static List<Level> runAll(Setting s, MnistUnitSubset.Split data, long seed, org.sgdlab.train.ProgressListener progress,
                              List<Run> allRuns) {
        Dataset train = data.train();
        int n = train.n();
        double[] h = MnistUnitSubset.hStar(train.x());
        double eta = 1.0 / SymmetricEigen.eigenvalues(h, n)[n - 1];
        double trH = trace(h, n);
        List<Level> levels = new ArrayList<>();
        int done = 0;
        for (int l = 0; l < s.fractions().length; l++) {
            List<Run> runs = new ArrayList<>();
            for (int r = 0; r < s.draws(); r++) {
                double p = s.fractions()[l];
                double[] y = corrupt(train.y(), p, new RandomStream(seed).split(14400L + r));
                KernelRegressionSolution sol = KernelRidge.solve(h, n, y, 0.0);
                double yKy = sol.alpha() == null ? Double.NaN : quadraticForm(y, sol.alpha());
                double c = equation911(yKy, trH, n);
                FirstLayerGd gd = new FirstLayerGd(train.x(), s.width(), new RandomStream(seed).split(14500L + 100L * l + r));
                double[] u = new double[n];
                for (int k = 0; k < s.steps(); k++) {
                    gd.stepInPlace(gd.outputs(u), y, eta);
                }
                gd.outputs(u);
                double trainErr = 0;
                double trainLoss = 0;
                for (int i = 0; i < n; i++) {
                    trainErr += (u[i] * y[i] > 0 ? 0 : 1.0) / n;
                    trainLoss += (u[i] - y[i]) * (u[i] - y[i]) / n;
                }
                double[] f = gd.predict(data.test().x());
                double err = 0;
                double l1 = 0;
                double[] yt = data.test().y();
                for (int i = 0; i < f.length; i++) {
                    err += (f[i] * yt[i] > 0 ? 0 : 1.0) / f.length;
                    l1 += Math.abs(f[i] - yt[i]) / f.length;
                }
                Run run = new Run(p, c, Math.sqrt(2 * yKy / n), err, l1, trainErr, trainLoss, sol.relativeResidual(), sol.status());
                runs.add(run);
                allRuns.add(run);
                progress.onProgress(++done, s.fractions().length * s.draws());
            }
            levels.add(Level.of(runs));
        }
        return levels;
    }

    private static double trace(double[] h, int n) {
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += h[i * n + i];
        }
        return t;
    }

    /**
     * The rule on the per-fraction means (arrays read only): ρ₁ = Spearman(fraction, complexity), ρ₂ = Spearman(complexity,
     * test error). HOLDS if both are ≥ {@value #TRACKS}; FAILS if either is below {@value #REFUTED_BELOW} or undefined (a
     * constant series); INCONCLUSIVE otherwise.
     */
    static Verdict decide(double[] fractions, double[] complexity, double[] testError) {
        double r1 = NtkStats.spearman(fractions, complexity);
        double r2 = NtkStats.spearman(complexity, testError);
        if (!(r1 >= REFUTED_BELOW) || !(r2 >= REFUTED_BELOW)) {
            return Verdict.FAILS;
        }
        return r1 >= TRACKS && r2 >= TRACKS ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    static String rule() {
        return "Per corruption fraction p (round(pn) training labels replaced by uniform random ±1; R seeded draws, means over them): "
                + "C(p) = √(2yᵀ(H*)⁻¹y·tr H*)/n (eq. 9.11, H* the analytic eq. 9.7 kernel on the n unit-norm MNIST 4/9 training digits, "
                + "(H*)⁻¹y by Cholesky) and the clean-label test classification error E(p) of the eq. 9.7 network (m neurons, first layer "
                + "trained by GD on the squared loss, η = 1/λ_max(H*), T steps). ρ₁ = Spearman(p, C), ρ₂ = Spearman(C, E). HOLDS if ρ₁ ≥ "
                + TRACKS + " and ρ₂ ≥ " + TRACKS + "; FAILS if either is < " + REFUTED_BELOW
                + " or undefined (a constant series); INCONCLUSIVE otherwise. A Cholesky solve that is not certified makes it INCONCLUSIVE.";
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        Setting s = setting(c.budget());
        MnistUnitSubset.Split data = MnistUnitSubset.draw(c.seed(), s.n(), s.test());
        List<Run> runs = new ArrayList<>();
        List<Level> levels = runAll(s, data, c.seed(), c.progress(), runs);
        int k = levels.size();
        double[] p = new double[k];
        double[] comp = new double[k];
        double[] err = new double[k];
        double[] l1 = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = levels.get(i).fraction();
            comp[i] = levels.get(i).complexity();
            err[i] = levels.get(i).testError();
            l1[i] = levels.get(i).testL1();
        }
        boolean certified = runs.stream().allMatch(r -> r.ridgeStatus() == OracleStatus.OPTIMAL);
        double worstResidual = runs.stream().mapToDouble(Run::ridgeResidual).max().orElse(Double.NaN);
        double maxTrainError = runs.stream().mapToDouble(Run::trainError).max().orElse(Double.NaN);
        double maxTrainLoss = runs.stream().mapToDouble(Run::trainLoss).max().orElse(Double.NaN);
        Verdict v = certified ? decide(p, comp, err) : Verdict.INCONCLUSIVE;
        double r1 = NtkStats.spearman(p, comp);
        double r2 = NtkStats.spearman(comp, err);
        double r3 = NtkStats.spearman(comp, l1);
        rb.number("n", s.n()).number("test_points", s.test()).number("width", s.width()).number("steps", s.steps())
                .number("draws_per_fraction", s.draws()).number("spearman_fraction_complexity", r1)
                .number("spearman_complexity_test_error", r2).number("spearman_complexity_test_l1", r3)
                .number("max_cholesky_relative_residual", worstResidual).number("max_train_error_end", maxTrainError)
                .number("max_train_mse_end", maxTrainLoss);
        for (Level l : levels) {
            String key = "p" + Format.g(l.fraction()).replace('.', '_');
            rb.number(key + ".complexity_eq911", l.complexity()).number(key + ".issue_form_sqrt_2yHy_over_n", l.issueForm())
                    .number(key + ".test_error_end", l.testError()).number(key + ".test_l1_end", l.testL1());
        }
        Trace t = new Trace("complexity_vs_corruption", List.of("corruption", "complexity_eq911", "test_error", "test_l1"));
        for (int i = 0; i < k; i++) {
            t.add(new double[] {i, p[i], comp[i], err[i], l1[i]});
        }
        rb.trace(t);
        rb.plot(PlotSpec.linear("complexity_vs_corruption.png").title("ntk.complexity: √(2yᵀ(H*)⁻¹y·tr H*)/n and the trained network's "
                        + "test error against the fraction of random labels (cf. 002 Fig. 9.2)").trace(t.name()).x("corruption", "fraction of random labels p")
                .y(List.of("complexity_eq911", "test_error", "test_l1"), "complexity; test error; test ℓ₁ loss").build());
        String m = "over p = " + Format.g(p[0]) + " … " + Format.g(p[k - 1]) + " (" + k + " fractions × " + s.draws() + " draws; n = " + s.n()
                + ", m = " + s.width() + ", T = " + s.steps() + "): eq. 9.11 from " + Format.g(comp[0]) + " to " + Format.g(comp[k - 1])
                + ", test error from " + Format.g(err[0]) + " to " + Format.g(err[k - 1]) + " (ℓ₁ " + Format.g(l1[0]) + " to "
                + Format.g(l1[k - 1]) + "); Spearman(p, complexity) = " + Format.g(r1) + ", Spearman(complexity, test error) = "
                + Format.g(r2) + " (with the ℓ₁ loss " + Format.g(r3) + "); largest training error at step T " + Format.g(maxTrainError)
                + (certified ? "" : "; a Cholesky solve was not certified (worst residual " + Format.g(worstResidual) + ")");
        rb.sourceStatement("当随机标签的部分增加时，这个复杂度度量几乎与泛化误差的趋势相匹配 (002 §9.3.1, Fig. 9.2: \"as the fraction of random "
                + "labels increases, this complexity measure almost matches the trend of the generalization error\")", v,
                "judged by the rank correlations on MNIST 4/9 (the seed also shows CIFAR, not checked here): " + m);
        rb.note("eq. 9.11 is invariant to the scale of H; the issue's √(2yᵀH⁻¹y/n) equals it when tr H = n. Here tr H* = n/2 (unit "
                + "inputs, c_σ = 1), so the issue's expression on this H* (numbers *.issue_form_…) is √2·eq. 9.11: same ranks, same verdict.");
        rb.note("The value of eq. 9.11 is an upper bound (up to constants and a confidence term) on the generalization gap of a "
                + "1-Lipschitz loss; the verdict judges only the trend the seed states, not the bound's level. The test error is "
                + "measured against the clean test labels, so at p = 1 the network predicts from pure noise.");
        return rb.build(v, "Spearman(p, complexity) ≥ " + TRACKS + " and Spearman(complexity, test error) ≥ " + TRACKS, m, rule());
    }
}
