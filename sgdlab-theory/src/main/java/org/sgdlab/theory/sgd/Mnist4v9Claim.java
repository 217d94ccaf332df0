package org.sgdlab.theory.sgd;

import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.MnistDigits;
import org.sgdlab.finitesum.Constant;
import org.sgdlab.finitesum.FiniteSum;
import org.sgdlab.finitesum.MonteCarlo;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.finitesum.Normal;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.TridiagonalQrEigenvalues;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * sgd.mnist-4v9 (source 003 §4.1): least squares min (1/m)Σ(aᵢᵀx − yᵢ)² on MNIST 4 (y = −1) vs 9 (y = +1),
 * SGD with α_k = 0.001 and |S_k| = 1: "the objective decreases but fluctuates later (noise floor)".
 *
 * <p>The source's objective has no ½: F(x) = (1/m)Σ(aᵢᵀx − yᵢ)² = 2f(x) with the library's
 * f = (1/m)Σ½(aᵢᵀx − yᵢ)². The source's step x ← x − α∇F_{i}(x) = x − 2α·aᵢ(aᵢᵀx − yᵢ) is run as SGD on f
 * with learning rate 2α (the same iteration); every number is reported in the source's scale F:
 * L_F = 2λ_max(AᵀA/m), γ_F = 2λ_min(AᵀA/m), M_F = 4·M_f, η = αL_F. α = 0.001 is the raw step on F
 * (the source writes α_k = 0.001, not η). x₀ = 0 (the source allows any start).
 *
 * <p>The theorem's floor ηM/(2γ) needs γ &gt; 0; pixel columns that are 0 in every image make AᵀA
 * singular, so γ = 0 and the strongly-convex bound is vacuous (infinite). The verdict then rests on the
 * source's qualitative statement (rule in {@link #decide}).
 */
final class Mnist4v9Claim extends BaseClaim {
    /** The source's raw step on F = (1/m)Σ(aᵢᵀx − yᵢ)². */
    static final double SOURCE_ALPHA = 0.001;
    /** "Falls": the floor is at most this fraction of F(x₀). */
    static final double FALL_RATIO = 0.5;
    /** "At a floor": |mean F over [K/2, 3K/4) − mean over [3K/4, K]| ≤ this × floor. */
    static final double DRIFT_TOLERANCE = 0.05;
    /** "Fluctuates": the mean per-run standard deviation of F over [K/2, K] is at least this × floor. */
    static final double MIN_FLUCTUATION = 1e-3;
    /** Probes per run. */
    static final int PROBES = 100;

    Mnist4v9Claim() {
        super("sgd.mnist-4v9", "least squares (1/m)Σ(aᵢᵀx − yᵢ)² on MNIST 4 (−1) vs 9 (+1), SGD with α = 0.001 and single-sample "
                + "steps: the objective falls, then fluctuates at a noise floor", "source 003 §4.1");
    }

    /**
     * What a run measured (all in the source's scale F = 2f).
     *
     * @param f0             F(x₀)
     * @param floor          mean of E F over probes in [K/2, K]
     * @param floorSe        its standard error over runs
     * @param mid            mean F over [K/2, 3K/4)
     * @param late           mean F over [3K/4, K]
     * @param fluctuation    mean over runs of the standard deviation of F over [K/2, K]
     * @param theoryFloor    ηM/(2γ) (∞ when γ = 0)
     * @param lowerBound     a certified lower bound on F* (0, or F* when known)
     */
    record Measurement(double f0, double floor, double floorSe, double mid, double late, double fluctuation, double theoryFloor,
                       double lowerBound) {
        /** The theorem's floor says nothing: infinite, or at least the whole starting gap. */
        boolean vacuous() {
            return !(theoryFloor < f0 - lowerBound);
        }
    }

    /**
     * The rule: FAILS if F is non-finite or does not fall (floor ≥ F(x₀)), or if the theorem's floor is
     * informative (finite and below the starting gap) and the measured excess floor − F_lower exceeds it by
     * more than FAIL_Z standard errors. HOLDS if the floor is at most FALL_RATIO·F(x₀), the drift between the
     * third and fourth quarters is at most DRIFT_TOLERANCE·floor, the per-run fluctuation is at least
     * MIN_FLUCTUATION·floor, and (when informative) the theorem's floor holds. INCONCLUSIVE otherwise.
     */
    static Verdict decide(Measurement m) {
        if (!Double.isFinite(m.floor()) || !(m.floor() < m.f0())) {
            return Verdict.FAILS;
        }
        boolean theoremOk = true;
        if (!m.vacuous()) {
            double excess = m.floor() - m.lowerBound();
            if (excess - BoundVerdict.FAIL_Z * m.floorSe() > m.theoryFloor()) {
                return Verdict.FAILS;
            }
            theoremOk = excess <= m.theoryFloor();
        }
        boolean falls = m.floor() <= FALL_RATIO * m.f0();
        boolean flat = Math.abs(m.mid() - m.late()) <= DRIFT_TOLERANCE * m.floor();
        boolean noisy = m.fluctuation() >= MIN_FLUCTUATION * m.floor();
        return falls && flat && noisy && theoremOk ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    static String rule() {
        return "Qualitative (the source's statement): F must fall to a floor ≤ " + FALL_RATIO + "·F(x₀) (floor = mean of E F over the "
                + "last half of the run), stop descending (|mean over [K/2, 3K/4) − mean over [3K/4, K]| ≤ " + DRIFT_TOLERANCE
                + "·floor) and keep fluctuating (mean per-run standard deviation over the last half ≥ " + MIN_FLUCTUATION
                + "·floor). Quantitative: the theorem's floor ηM/(2γ) is checked only when it is informative (γ > 0 and ηM/(2γ) < "
                + "F(x₀) − F_lower); with γ = 0 it is vacuous and recorded as such. FAILS if F does not fall or diverges, or an "
                + "informative theorem floor is exceeded by > " + Format.g(BoundVerdict.FAIL_Z) + " se; HOLDS if every part holds; "
                + "INCONCLUSIVE otherwise (e.g. still descending at the end of the budget).";
    }

    /** Runs the experiment on {@code data} and records everything into {@code rb}; returns the verdict. */
    static ClaimResult runOn(BaseClaim claim, ResultBuilder rb, Dataset data, int steps, int runs, long seed, ProgressListener pr) {
        EmpiricalRisk risk = EmpiricalRisk.of(data, SquaredLoss.INSTANCE, Reduction.MEAN);
        FiniteSum f = FiniteSum.of(risk);
        int m = data.n();
        int d = data.d();
        double lf = f.smoothness().value();
        Constant gamma = f.strongConvexity();
        double lF = 2 * lf;
        double gammaF = 2 * gamma.value();
        double eta = SOURCE_ALPHA * lF;
        double libraryRate = 2 * SOURCE_ALPHA;
        double[] x0 = new double[d];
        int[] probeSteps = new int[PROBES + 1];
        for (int i = 0; i <= PROBES; i++) {
            probeSteps[i] = (int) ((long) steps * i / PROBES);
        }
        long every = Math.max(1, steps / PROBES);
        int np = probeSteps.length;
        MonteCarlo.Estimates e = MonteCarlo.estimate(runs, new RandomStream(seed).split(21),
                Runtime.getRuntime().availableProcessors(), (r, s) -> {
                    FiniteSum own = f.copy();
                    TrackedObjective obj = new TrackedObjective(own, x0, 0, TrackedObjective.Record.EXCESS);
                    double[] g = new double[d];
                    Probe value = Probe.of("F", (t, w, o) -> 2 * own.value(w));
                    Probe grad = Probe.of("grad_sq", (t, w, o) -> 4 * own.gradient(w, g));
                    Probe spread = Probe.of("spread", (t, w, o) -> 4 * own.spread(w));
                    TrainResult res = Trainer.builder(obj, Optimizers.sgd(libraryRate)).sampler(Samplers.withReplacement(m, 1, s))
                            .probes(List.of(value, grad, spread)).probeSchedule(ProbeSchedule.linear(steps, every)).build()
                            .run(x0, steps);
                    Trace t = res.trace();
                    double[] fv = t.column("F");
                    double[] out = new double[3 * np + 2];
                    System.arraycopy(fv, 0, out, 0, np);
                    System.arraycopy(t.column("grad_sq"), 0, out, np, np);
                    System.arraycopy(t.column("spread"), 0, out, 2 * np, np);
                    // per-run standard deviation of F over the last half
                    double mu = 0;
                    int cnt = 0;
                    for (int i = np / 2; i < np; i++) {
                        mu += fv[i];
                        cnt++;
                    }
                    mu /= cnt;
                    double ss = 0;
                    for (int i = np / 2; i < np; i++) {
                        ss += (fv[i] - mu) * (fv[i] - mu);
                    }
                    out[3 * np] = Math.sqrt(ss / (cnt - 1));
                    out[3 * np + 1] = Math.max(obj.maxDistance(), Math.sqrt(Kernels.dot(res.params(), res.params())));
                    return out;
                }, pr);
        double[] mean = e.mean();
        double[] se = e.stdErr();
        double radius = e.max()[3 * np + 1];
        Constant mBall = f.spreadBoundOnBall(x0, radius);
        double mF = 4 * mBall.value();
        double mProbed = 0;
        for (int i = 0; i < np; i++) {
            mProbed = Math.max(mProbed, e.max()[2 * np + i]);
        }
        double f0 = mean[0];
        double lower = 0;
        double theoryFloor = gammaF > 0 ? eta * mF / (2 * gammaF) : Double.POSITIVE_INFINITY;
        // last-half statistics of E F
        double floor = 0;
        double floorVar = 0;
        int cnt = 0;
        double mid = 0;
        int cm = 0;
        double late = 0;
        int cl = 0;
        for (int i = np / 2; i < np; i++) {
            floor += mean[i];
            floorVar += se[i] * se[i];
            cnt++;
            if (i < 3 * (np - 1) / 4) {
                mid += mean[i];
                cm++;
            } else {
                late += mean[i];
                cl++;
            }
        }
        floor /= cnt;
        // conservative: the probes of one run are positively correlated, so se(mean) ≤ mean of se
        double floorSe = 0;
        for (int i = np / 2; i < np; i++) {
            floorSe += se[i];
        }
        floorSe /= cnt;
        mid /= cm;
        late /= cl;
        double fluct = mean[3 * np];
        Measurement meas = new Measurement(f0, floor, floorSe, mid, late, fluct, theoryFloor, lower);
        Verdict v = decide(meas);
        // the L-smooth theorem (source 003 §5.3) with f_inf = 0 ≤ F*, at k = K
        double minGrad = Double.POSITIVE_INFINITY;
        for (int i = 0; i < np - 1; i++) {
            minGrad = Math.min(minGrad, mean[np + i]);
        }
        double lsmoothBound = eta * mF + 2 * lF * (f0 - lower) / (steps * eta);
        double lsmoothBoundProbed = eta * mProbed + 2 * lF * (f0 - lower) / (steps * eta);
        double fRef = 2 * reference(risk, d, 4 * steps / m + 50);
        double[] restrictedEigen = restrictedEigenvalues(data);
        double gammaRestricted = 2 * Math.max(0, restrictedEigen[0]);
        int nullDirections = 0;
        for (double ev : restrictedEigen) {
            if (ev <= FiniteSum.RANK_TOLERANCE * restrictedEigen[restrictedEigen.length - 1] * restrictedEigen.length) {
                nullDirections++;
            }
        }
        double gammaRowSpace = 2 * smallestAbove(restrictedEigen,
                FiniteSum.RANK_TOLERANCE * restrictedEigen[restrictedEigen.length - 1] * restrictedEigen.length);
        double restrictedFloor = eta * Math.min(mF, mProbed) / (2 * gammaRowSpace);
        Trace t = new Trace("objective", List.of("F_estimate", "F_upper", "F_lower", "F_ref", "F_x0"));
        double z = Normal.bonferroniZ(BoundVerdict.FAMILY_ALPHA, np);
        for (int i = 0; i < np; i++) {
            t.add(new double[] {probeSteps[i], mean[i], mean[i] + z * se[i], mean[i] - z * se[i], fRef, f0});
        }
        rb.trace(t);
        rb.plot(PlotSpec.semiLogY("objective.png")
                .title(claim.id() + ": F(X_k) = (1/m)Σ(aᵢᵀX_k − yᵢ)², α = 0.001, |S_k| = 1").trace("objective")
                .x("step", "step k").y(List.of("F_estimate", "F_upper", "F_lower", "F_ref"), "F").build());
        Trace gtr = new Trace("gradient_and_variance", List.of("grad_sq_estimate", "variance_estimate", "lsmooth_bound_at_K"));
        for (int i = 0; i < np; i++) {
            gtr.add(new double[] {probeSteps[i], mean[np + i], mean[2 * np + i], lsmoothBound});
        }
        rb.trace(gtr);
        rb.plot(PlotSpec.semiLogY("gradient.png")
                .title(claim.id() + ": E‖∇F(X_k)‖², Var(G|X_k) and the L-smooth bound at k = K")
                .trace("gradient_and_variance").x("step", "step k")
                .y(List.of("grad_sq_estimate", "variance_estimate", "lsmooth_bound_at_K"), "value").build());
        rb.number("m", m).number("d", d).number("zero_pixel_columns", f.zeroColumns()).number("alpha", SOURCE_ALPHA)
                .number("library_learning_rate", libraryRate).number("steps", steps).number("runs", runs)
                .number("L_F", lF).number("L_F_max_component", 2 * f.componentSmoothness().value()).number("gamma_F", gammaF)
                .number("eta", eta).number("M_F_ball_bound", mF).number("M_F_max_probed", mProbed)
                .number("M_F_at_final_mean", mean[3 * np - 1]).number("visited_radius", radius)
                .number("F_x0", f0).number("floor", floor).number("floor_se", floorSe).number("floor_mid", mid)
                .number("floor_late", late).number("fluctuation_sd", fluct).number("F_ref", fRef)
                .number("floor_minus_F_ref", floor - fRef).number("theory_floor", theoryFloor)
                .number("theory_floor_vacuous", meas.vacuous() ? 1 : 0).number("min_grad_sq_estimate", minGrad)
                .number("lsmooth_bound_at_K", lsmoothBound).number("lsmooth_bound_at_K_probed_M", lsmoothBoundProbed)
                .number("gamma_F_on_nonzero_pixels", gammaRestricted)
                .number("lambda_min_raw_on_nonzero_pixels", restrictedEigen[0]).number("null_directions_on_nonzero_pixels", nullDirections)
                .number("gamma_F_on_row_space", gammaRowSpace).number("theory_floor_on_row_space", restrictedFloor);
        rb.note("Scale: the source's F = (1/m)Σ(aᵢᵀx − yᵢ)² (no ½) = 2f with the library's squared loss ½(p − y)²; α = 0.001 is the "
                + "raw step on F, run as SGD on f with learning rate 2α = " + Format.g(libraryRate) + " (the same iteration). "
                + "Constants in F's scale: L_F = 2λ_max(AᵀA/m) = " + Format.g(lF) + " (" + f.smoothness().method() + "), so η = αL_F = "
                + Format.g(eta) + (eta <= 1 ? " ≤ 1 as the theorems require" : " > 1: outside the theorems' range") + ".");
        rb.note("γ_F = " + Format.g(gammaF) + ": " + gamma.method() + " (" + f.zeroColumns() + " of " + d + " pixel columns are 0 in all "
                + m + " images). " + (meas.vacuous() ? "The strongly-convex floor ηM/(2γ) is therefore vacuous (" + Format.g(theoryFloor)
                + "); the verdict rests on the qualitative statement." : "The theorem's floor ηM/(2γ) = " + Format.g(theoryFloor)
                + " is informative and checked."));
        rb.note("On the " + (d - f.zeroColumns()) + " pixels that are ever non-zero, λ_min of the reduced Hessian is " + Format.g(restrictedEigen[0])
                + " (tridiagonal QR; " + nullDirections + " eigenvalues at rounding level): still singular. SGD from x₀ = 0 stays in row(A) "
                + "(every step adds a multiple of one image), where f is strongly convex with γ_F = 2·(smallest positive eigenvalue) = "
                + Format.g(gammaRowSpace) + "; with M = the largest probed Var(G|X_k) = " + Format.g(mProbed) + " the floor ηM/(2γ) is "
                + Format.g(restrictedFloor) + " against F(x₀) = " + Format.g(f0) + ": " + (restrictedFloor >= f0 ? "vacuous as well." : "informative.")
                + " (The positive eigenvalues this small are near the rank-decision threshold, so this γ is itself fragile.)");
        rb.note("M_F bounds sup Var(G|x) over the ball of radius max_k ‖X_k‖ = " + Format.g(radius) + " around x₀ = 0 that contains every "
                + "iterate of every run: " + mBall.method() + "; the largest exact Var(G|X_k) at the probed iterates is " + Format.g(mProbed)
                + ". The L-smooth theorem (f_inf = 0 ≤ F*) gives min_{i<K} E‖∇F(X_i)‖² ≤ " + Format.g(lsmoothBound)
                + " (" + Format.g(lsmoothBoundProbed) + " with M = the largest probed variance); measured min over the probes "
                + Format.g(minGrad) + ": the L-smooth bound holds but is loose by orders of magnitude.");
        rb.note("F_ref = " + Format.g(fRef) + " is F at the conjugate-gradient solution of the normal equations (an upper bound on F*); "
                + "the SGD floor sits " + Format.g(floor - fRef) + " above it.");
        rb.sourceStatement("数值结果显示目标减少但后期有波动（噪声地板，noise floor）(source 003 §4.1)",
                v,
                "F falls from " + Format.g(f0) + " to a floor " + Format.g(floor) + " (drift over the last quarter "
                        + Format.g(Math.abs(mid - late)) + ", per-run fluctuation sd " + Format.g(fluct) + ")");
        return rb.build(v, "F falls, then fluctuates at a noise floor above F*; theory floor ηM/(2γ)" + (meas.vacuous() ? " (vacuous: γ = "
                        + Format.g(gammaF) + ")" : ""),
                runs + " runs × " + steps + " steps: F " + Format.g(f0) + " → floor " + Format.g(floor) + " ± " + Format.g(floorSe)
                        + " (drift " + Format.g(Math.abs(mid - late)) + ", fluctuation sd " + Format.g(fluct) + "; F_ref "
                        + Format.g(fRef) + "); theory floor " + Format.g(theoryFloor), rule());
    }

    /** The smallest value above {@code tol}. */
    static double smallestAbove(double[] ascending, double tol) {
        for (double v : ascending) {
            if (v > tol) {
                return v;
            }
        }
        return Double.NaN;
    }

    /**
     * The eigenvalues (ascending) of AᵀA/m restricted to the k columns that are not identically zero (k = 574 for the
     * digits): Householder tridiagonalization and implicit QR ({@link TridiagonalQrEigenvalues}, ≈ (4/3)k³ flops;
     * within k·ε·‖H‖_F of the Jacobi eigenvalues of {@code SymmetricEigen}, about 10× cheaper at this k).
     */
    static double[] restrictedEigenvalues(Dataset data) {
        int m = data.n();
        int d = data.d();
        double[] x = data.x().data();
        int[] keep = new int[d];
        int k = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < m; j++) {
                if (x[j * d + i] != 0) {
                    keep[k++] = i;
                    break;
                }
            }
        }
        double[] h = new double[k * k];
        double[] row = new double[k];
        for (int j = 0; j < m; j++) {
            for (int u = 0; u < k; u++) {
                row[u] = x[j * d + keep[u]];
            }
            for (int u = 0; u < k; u++) {
                double v = row[u];
                if (v != 0) {
                    for (int q = u; q < k; q++) {
                        h[u * k + q] += v * row[q];
                    }
                }
            }
        }
        for (int u = 0; u < k; u++) {
            for (int q = u; q < k; q++) {
                h[u * k + q] /= m;
                h[q * k + u] = h[u * k + q];
            }
        }
        return TridiagonalQrEigenvalues.eigenvalues(h, k);
    }

    /** f at the conjugate-gradient solution of (AᵀA/m)x = Aᵀy/m from 0 after {@code iterations} iterations. */
    static double reference(EmpiricalRisk risk, int d, int iterations) {
        Dataset data = risk.data();
        int m = data.n();
        double[] b = data.x().transposeTimes(data.y());
        for (int i = 0; i < d; i++) {
            b[i] /= m;
        }
        double[] x = new double[d];
        double[] r = b.clone();
        double[] p = r.clone();
        double[] ap = new double[m];
        double rr = Kernels.dot(r, r);
        double rr0 = rr;
        for (int it = 0; it < iterations && rr > 1e-28 * rr0; it++) {
            Kernels.gemv(data.x(), p, ap);
            double[] hp = data.x().transposeTimes(ap);
            for (int i = 0; i < d; i++) {
                hp[i] /= m;
            }
            double a = rr / Kernels.dot(p, hp);
            for (int i = 0; i < d; i++) {
                x[i] += a * p[i];
                r[i] -= a * hp[i];
            }
            double rrNew = Kernels.dot(r, r);
            for (int i = 0; i < d; i++) {
                p[i] = r[i] + rrNew / rr * p[i];
            }
            rr = rrNew;
        }
        return risk.value(x);
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        Dataset data = MnistDigits.fourVsNine();
        int steps = c.budget() == Budget.QUICK ? 20_000 : 200_000;
        int runs = c.budget().pick(4, 16);
        return runOn(this, rb, data, steps, runs, c.seed(), c.progress()::onProgress);
    }

}
