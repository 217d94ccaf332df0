package org.sgdlab.theory.ntk;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.kernels.GramSpectrum;
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
 * ntk.eigen-speed (002 §9.3, eq. 9.10, Fig. 9.1; Arora, Du, Hu, Li &amp; Wang 2019): in the kernel regime the training
 * residual along the i-th eigenvector vᵢ of H* decays at its own rate, vᵢᵀ(u(t) − y) = e^{−λᵢt}vᵢᵀ(u(0) − y); for GD with
 * step η the loss along vᵢ is (vᵢᵀ(u(k) − y))² = (1 − ηλᵢ)^{2k}(vᵢᵀy)² when u(0) = 0. Labels whose energy sits on the top
 * eigenvectors are therefore learned fast; the true MNIST labels are such labels, random labels are not.
 *
 * <p>Setup: n unit-norm MNIST 4-vs-9 digits ({@link MnistUnitSubset}), H* the analytic eq. 9.7 kernel (corrected eq.
 * 9.8), its full eigendecomposition by {@link GramSpectrum} (SymmetricEigen's Jacobi sweeps: the prediction needs every
 * eigenpair, so Lanczos, which gives the top of the spectrum, does not do; n ≤ 200 keeps the O(n³) sweeps well under a
 * second), η = 1/λ₁.
 * The eq. 9.7 network (ReLU, first layer trained, paired initialization so u(0) = 0: {@link FirstLayerGd}) is trained by
 * GD for T steps on the true labels and on uniformly random ±1 labels; the measured residuals are projected on H*'s
 * eigenvectors.
 */
final class EigenSpeedClaim extends BaseClaim {
    /** "The top eigenvectors": the first {@value} (largest eigenvalues). */
    static final int TOP = 10;
    /** The largest allowed gap between measured and predicted loss (summed over a group of directions) as a fraction of ‖y‖². */
    static final double GAP_TOLERANCE = 0.1;
    /** "Most of their energy": more than this fraction of ‖y‖² on the top eigenvectors. */
    static final double MOST = 0.5;
    /** The eigen-directions (1-based, by decreasing λ) drawn in the per-direction plot. */
    static final int[] SHOWN = {1, 2, 3, 5, 10, 20};

    EigenSpeedClaim() {
        super("ntk.eigen-speed", "the training residual of a wide two-layer ReLU network along H*'s i-th eigenvector decays like "
                        + "(1 − ηλᵢ)^{2k}; true MNIST 4/9 labels carry most of their energy on the top eigenvectors and train faster "
                        + "than random labels", "002 §9.3 (eq. 9.10, Fig. 9.1); Arora et al. 2019");
    }

    /** The configuration of a budget. */
    record Setting(int n, int width, int steps) {
    }

    static Setting setting(Budget budget) {
        return budget == Budget.QUICK ? new Setting(100, 512, 60) : new Setting(200, 2048, 150);
    }

    /** H*'s eigenpairs by decreasing eigenvalue: λ (length n) and the unit eigenvectors, {@code vectors[k]} for λ_k. */
    record Spectrum(double[] values, double[][] vectors) {
        /** From sgdlab-kernels' {@link GramSpectrum} (Jacobi; the eigenvectors copied into rows for the projections). */
        static Spectrum of(double[] kernel, int n) {
            GramSpectrum g = GramSpectrum.of(kernel, n);
            if (!g.converged()) {
                throw new IllegalStateException("Jacobi sweeps did not converge on the " + n + " × " + n + " kernel");
            }
            double[] columns = g.vectors();
            double[][] vectors = new double[n][n];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    vectors[k][i] = columns[i * n + k];
                }
            }
            return new Spectrum(g.values(), vectors);
        }

        /** (v_kᵀr)² for every k, a new array. */
        double[] squaredProjections(double[] r) {
            double[] p = new double[values.length];
            for (int k = 0; k < p.length; k++) {
                double s = 0;
                for (int i = 0; i < r.length; i++) {
                    s += vectors[k][i] * r[i];
                }
                p[k] = s * s;
            }
            return p;
        }
    }

    /** One GD run: the labels and the residuals u(k) − y, k = 0 … T. */
    record Run(double[] y, double[][] residuals) {
        int steps() {
            return residuals.length - 1;
        }
    }

    /**
     * The measured and predicted losses along the eigen-directions of {@code s}: {@code measured[k][i]} =
     * (vᵢᵀ(u(k) − y))², {@code predicted[k][i]} = (1 − ηλᵢ)^{exponent·k}(vᵢᵀy)² (exponent 2 is the theory's).
     */
    record Curves(double[][] measured, double[][] predicted) {
        static Curves of(Run run, Spectrum s, double eta, double exponent) {
            int steps = run.steps();
            double[][] meas = new double[steps + 1][];
            double[][] pred = new double[steps + 1][];
            double[] y0 = s.squaredProjections(run.y());
            for (int k = 0; k <= steps; k++) {
                meas[k] = s.squaredProjections(run.residuals()[k]);
                pred[k] = new double[y0.length];
                for (int i = 0; i < y0.length; i++) {
                    pred[k][i] = Math.pow(1 - eta * s.values()[i], exponent * k) * y0[i];
                }
            }
            return new Curves(meas, pred);
        }

        static double sum(double[] v, int from, int to) {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += v[i];
            }
            return s;
        }

        /** max_k |Σ_{i∈[from,to)} measured − predicted| / ‖y‖² (‖y‖² = the total at k = 0). */
        double gap(int from, int to) {
            double scale = sum(predicted[0], 0, predicted[0].length);
            double g = 0;
            for (int k = 0; k < measured.length; k++) {
                g = Math.max(g, Math.abs(sum(measured[k], from, to) - sum(predicted[k], from, to)) / scale);
            }
            return g;
        }

        /** The measured loss ‖u(k) − y‖² over ‖y‖² at step k. */
        double measuredFraction(int k) {
            return sum(measured[k], 0, measured[k].length) / sum(predicted[0], 0, predicted[0].length);
        }

        double predictedFraction(int k) {
            return sum(predicted[k], 0, predicted[k].length) / sum(predicted[0], 0, predicted[0].length);
        }
    }

    /** The numbers the rule judges, for one label set. */
    record Assessment(double gapTop, double gapRest, double energyTop, double lossFractionAtT) {
        /** The numbers of {@code c}, the curves of a run of {@code steps} steps. */
        static Assessment of(Curves c, int steps) {
            double[] y0 = c.predicted()[0];
            int n = y0.length;
            return new Assessment(c.gap(0, TOP), c.gap(TOP, n), Curves.sum(y0, 0, TOP) / Curves.sum(y0, 0, n),
                    c.measuredFraction(steps));
        }
    }

    /** Trains the eq. 9.7 network on {@code y} (read only) for {@code steps} GD steps from a paired draw of {@code rnd}. */
    static Run run(Dataset train, double[] y, int width, double eta, int steps, RandomStream rnd) {
        FirstLayerGd gd = new FirstLayerGd(train.x(), width, rnd);
        int n = train.n();
        double[][] res = new double[steps + 1][n];
        double[] u = new double[n];
        for (int k = 0; k <= steps; k++) {
            gd.outputs(u);
            for (int i = 0; i < n; i++) {
                res[k][i] = u[i] - y[i];
            }
            if (k < steps) {
                gd.stepInPlace(u, y, eta);
            }
        }
        return new Run(y.clone(), res);
    }

    /** Uniform ±1 labels, n of them, from {@code seed}. */
    static double[] randomLabels(long seed, int n) {
        RandomStream r = new RandomStream(seed).split(14200);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.5 ? -1 : 1;
        }
        return y;
    }

    /** Everything one check computes. */
    record Outcome(Setting setting, Dataset train, Spectrum spectrum, double eta, Run trueRun, Run randomRun) {
    }

    static Outcome compute(Budget budget, long seed) {
        Setting s = setting(budget);
        Dataset train = MnistUnitSubset.draw(seed, s.n(), 0).train();
        Spectrum spectrum = Spectrum.of(MnistUnitSubset.hStar(train.x()), s.n());
        double eta = 1.0 / spectrum.values()[0];
        Run t = run(train, train.y(), s.width(), eta, s.steps(), new RandomStream(seed).split(14300));
        Run r = run(train, randomLabels(seed, s.n()), s.width(), eta, s.steps(), new RandomStream(seed).split(14301));
        return new Outcome(s, train, spectrum, eta, t, r);
    }

    /**
     * The rule with the prediction's ingredients as parameters (the theory's: H*'s spectrum, exponent 2). FAILS if, for
     * either label set, the measured loss summed over the top {@value #TOP} directions, or over the rest, leaves the
     * predicted one by more than {@value #GAP_TOLERANCE}·‖y‖² at some step; if the true labels carry no more than
     * {@value #MOST} of ‖y‖² on the top {@value #TOP} eigenvectors, or no more than the random labels; or if the true
     * labels' measured loss at step T (as a fraction of ‖y‖²) is not below the random labels'. HOLDS otherwise.
     */
    static Verdict decide(Run trueRun, Run randomRun, Spectrum s, double eta, double exponent) {
        return decide(Assessment.of(Curves.of(trueRun, s, eta, exponent), trueRun.steps()),
                Assessment.of(Curves.of(randomRun, s, eta, exponent), randomRun.steps()));
    }

    /** {@link #decide(Run, Run, Spectrum, double, double)} from the two label sets' assessments. */
    static Verdict decide(Assessment t, Assessment r) {
        for (Assessment a : new Assessment[] {t, r}) {
            if (!(a.gapTop() <= GAP_TOLERANCE && a.gapRest() <= GAP_TOLERANCE)) {
                return Verdict.FAILS;
            }
        }
        if (!(t.energyTop() > MOST && t.energyTop() > r.energyTop())) {
            return Verdict.FAILS;
        }
        return t.lossFractionAtT() < r.lossFractionAtT() ? Verdict.HOLDS : Verdict.FAILS;
    }

    static String rule() {
        return "n unit-norm MNIST 4/9 digits, H* = xᵢᵀxⱼ(π − θᵢⱼ)/(2π) with eigenpairs (λᵢ, vᵢ) by decreasing λ, η = 1/λ₁; the eq. 9.7 "
                + "network (first layer trained, u(0) = 0) trained by GD for T steps on the true labels and on random ±1 labels. "
                + "Measured: (vᵢᵀ(u(k) − y))²; predicted: (1 − ηλᵢ)^{2k}(vᵢᵀy)². FAILS if for either label set the measured loss summed "
                + "over the top " + TOP + " directions, or over the others, departs from the predicted sum by more than " + GAP_TOLERANCE
                + "·‖y‖² at any step k ≤ T; if the true labels carry ≤ " + MOST + " of ‖y‖² on the top " + TOP
                + " eigenvectors or no more than the random labels; or if ‖u(T) − y‖²/‖y‖² is not smaller for the true labels. "
                + "HOLDS otherwise.";
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        Outcome o = compute(c.budget(), c.seed());
        Setting s = o.setting();
        c.progress().onProgress(1, 1);
        Curves ct = Curves.of(o.trueRun(), o.spectrum(), o.eta(), 2);
        Curves cr = Curves.of(o.randomRun(), o.spectrum(), o.eta(), 2);
        int steps = s.steps();
        Assessment t = Assessment.of(ct, steps);
        Assessment r = Assessment.of(cr, steps);
        double[] lam = o.spectrum().values();
        rb.number("n", s.n()).number("width", s.width()).number("steps", steps).number("eta", o.eta())
                .number("lambda_1", lam[0]).number("lambda_2", lam[1]).number("lambda_10", lam[TOP - 1]).number("lambda_min", lam[s.n() - 1])
                .number("max_abs_u0", maxAbsOutput(o.trueRun()));
        rb.number("true.energy_top" + TOP, t.energyTop()).number("random.energy_top" + TOP, r.energyTop())
                .number("true.loss_fraction_measured_step" + steps, t.lossFractionAtT())
                .number("true.loss_fraction_predicted_step" + steps, ct.predictedFraction(steps))
                .number("random.loss_fraction_measured_step" + steps, r.lossFractionAtT())
                .number("random.loss_fraction_predicted_step" + steps, cr.predictedFraction(steps))
                .number("true.gap_top" + TOP, t.gapTop()).number("true.gap_rest", t.gapRest())
                .number("random.gap_top" + TOP, r.gapTop()).number("random.gap_rest", r.gapRest());
        Verdict v = decide(t, r);
        String m = "n = " + s.n() + ", m = " + s.width() + ", η = 1/λ₁ = " + Format.g(o.eta()) + ", T = " + steps + ": true labels carry "
                + Format.g(t.energyTop()) + " of ‖y‖² on the top " + TOP + " eigenvectors (random labels " + Format.g(r.energyTop())
                + "); ‖u(T) − y‖²/‖y‖² measured " + Format.g(t.lossFractionAtT()) + " (predicted " + Format.g(ct.predictedFraction(steps))
                + ") for the true labels against " + Format.g(r.lossFractionAtT()) + " (predicted " + Format.g(cr.predictedFraction(steps))
                + ") for random labels; largest gap measured − predicted over k ≤ T: top " + TOP + " directions "
                + Format.g(t.gapTop()) + " / " + Format.g(r.gapTop()) + ", the rest " + Format.g(t.gapRest()) + " / "
                + Format.g(r.gapRest()) + " of ‖y‖² (true / random)";
        traces(rb, o, ct, cr);
        rb.sourceStatement("对应较大 λ_i 的分量比对应较小 λ_i 的分量更快地收敛到 0 … 这些图表明，原始标签与最高特征向量有更好的对齐，因此收敛速度更快 "
                + "(002 §9.3, eq. 9.10 and Fig. 9.1: \"components along larger λᵢ converge to 0 faster than those along smaller λᵢ … the "
                + "original labels are better aligned with the top eigenvectors and therefore converge faster\")", v,
                "judged on the discrete-time form of eq. 9.10 (GD with η = 1/λ₁: e^{−λᵢt} becomes (1 − ηλᵢ)^k) with u(0) = 0 (the "
                        + "seed's footnote 4 ignores u(0)): " + m);
        rb.note("The prediction uses the analytic H* (infinite width); the measured network has finite width m, so its kernel H(0) "
                + "differs from H* by O(m^{−1/2}) and drifts during training (ntk.lazy-training): the gaps above include both. "
                + "Random labels, whose energy sits on small eigenvalues, need the most training and show the largest gaps.");
        rb.note("Eigenvectors of H* by SymmetricEigen (Jacobi, all n eigenpairs: the prediction needs every direction, so a Lanczos "
                + "top-k solve would not do; n ≤ 200 keeps the O(n³) sweeps cheap). Network steps by FirstLayerGd (the pre-activations "
                + "updated through XXᵀ, exact; checked against sgdlab-nn's reverse-mode gradient in FirstLayerGdTest).");
        return rb.build(v, "(vᵢᵀ(u(k) − y))² = (1 − ηλᵢ)^{2k}(vᵢᵀy)² within " + GAP_TOLERANCE + "·‖y‖² (top " + TOP
                + " directions and the rest, both label sets); true labels: > " + MOST + " of ‖y‖² on the top " + TOP
                + " eigenvectors and a smaller loss at step T than random labels", m, rule());
    }

    private static double maxAbsOutput(Run run) {
        double m = 0;
        for (int i = 0; i < run.y().length; i++) {
            m = Math.max(m, Math.abs(run.residuals()[0][i] + run.y()[i]));
        }
        return m;
    }

    private static void traces(ResultBuilder rb, Outcome o, Curves ct, Curves cr) {
        int steps = o.setting().steps();
        int n = o.setting().n();
        double yy = Curves.sum(ct.predicted()[0], 0, n);
        List<String> cols = new ArrayList<>();
        for (int i : SHOWN) {
            cols.add("measured_v" + i);
            cols.add("predicted_v" + i);
        }
        Trace dirs = new Trace("loss_along_eigenvectors_true_labels", cols);
        for (int k = 0; k <= steps; k++) {
            double[] row = new double[cols.size() + 1];
            row[0] = k;
            for (int j = 0; j < SHOWN.length; j++) {
                row[1 + 2 * j] = ct.measured()[k][SHOWN[j] - 1] / yy;
                row[2 + 2 * j] = ct.predicted()[k][SHOWN[j] - 1] / yy;
            }
            dirs.add(row);
        }
        rb.trace(dirs);
        rb.plot(PlotSpec.semiLogY("loss_along_eigenvectors.png").title("ntk.eigen-speed: true labels, (vᵢᵀ(u(k) − y))²/‖y‖² "
                + "measured vs (1 − ηλᵢ)^{2k}(vᵢᵀy)²/‖y‖² predicted").trace(dirs.name()).x("step", "GD step k").y(cols, "loss along vᵢ / ‖y‖²")
                .build());
        List<String> tc = List.of("true_measured", "true_predicted", "random_measured", "random_predicted");
        Trace total = new Trace("total_loss", tc);
        for (int k = 0; k <= steps; k++) {
            total.add(new double[] {k, ct.measuredFraction(k), ct.predictedFraction(k), cr.measuredFraction(k), cr.predictedFraction(k)});
        }
        rb.trace(total);
        rb.plot(PlotSpec.semiLogY("total_loss.png").title("ntk.eigen-speed: ‖u(k) − y‖²/‖y‖², true vs random labels, measured vs "
                + "predicted Σᵢ(1 − ηλᵢ)^{2k}(vᵢᵀy)²").trace(total.name()).x("step", "GD step k").y(tc, "‖u(k) − y‖² / ‖y‖²").build());
        List<String> ec = List.of("eigenvalue", "true_energy", "random_energy");
        Trace energy = new Trace("energy_by_eigenvector", ec);
        double[] et = ct.predicted()[0];
        double[] er = cr.predicted()[0];
        double ry = Curves.sum(er, 0, n);
        for (int i = 0; i < n; i++) {
            energy.add(new double[] {i + 1, o.spectrum().values()[i], et[i] / yy, er[i] / ry});
        }
        rb.trace(energy);
        rb.plot(PlotSpec.logLog("energy_by_eigenvector.png").title("ntk.eigen-speed: eigenvalues λᵢ of H* and the label energy "
                + "(vᵢᵀy)²/‖y‖² on each eigenvector (cf. 002 Fig. 9.1 right)").trace(energy.name()).x("step", "eigen index i (by decreasing λ)")
                .y(ec, "λᵢ; (vᵢᵀy)²/‖y‖²").build());
    }
}
