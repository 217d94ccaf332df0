package org.sgdlab.theory.scaleinv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * scale-invariance.convergence (002 eq. 13.4, Thm 13.4.6, Thm 13.4.2): GD with weight decay w_{t+1} = (1 − ηλ)w_t −
 * η∇L(w_t) on a scale-invariant loss.
 * <ul>
 *   <li>eq. 13.4 (Pythagoras, since ⟨w, ∇L⟩ = 0): ‖w_{t+1}‖² = (1 − ηλ)²‖w_t‖² + η²‖∇L(w_t)‖² at every step, to
 *       {@link #LAW_TOLERANCE} relative — on the Rayleigh quotient and on the layer-norm and batch-norm networks;</li>
 *   <li>Thm 13.4.6 (premise ηλ ≤ ½): L(w_t) − L(w_{t+1}) ≥ η(1 − 2ρη/‖w_t‖²)‖∇L(w_t)‖² at every step, less the rounding of
 *       the two loss values, with ρ = max_{‖w‖=1}‖∇²L(w)‖₂ known exactly for the Rayleigh quotient (ρ = 2(max a − min a));</li>
 *   <li>Thm 13.4.2 (ηλ &lt; ½): the first t with ‖∇L(w̄_t)‖² ≤ 8π⁴ρ²λη is at most (1/(2λη))(|ln(‖w₀‖²/(ρπ²η))| + 3), for
 *       ‖w₀‖ from 1e-3 to 1e3 along fixed directions; for large ‖w₀‖ the measured time grows like ln‖w₀‖²/(−2 ln(1 − ηλ)) —
 *       the time weight decay takes to shrink the norm — the logarithmic dependence of the bound.</li>
 * </ul>
 */
final class ConvergenceClaim extends BaseClaim {
    static final double LAW_TOLERANCE = 1e-12;
    /** Relative tolerance of the fitted slope of t* against ln‖w₀‖² (large ‖w₀‖) around 1/(−2 ln(1 − ηλ)). */
    static final double SLOPE_TOLERANCE = 0.05;
    static final double ETA = 1.0 / 16;
    static final double LAMBDA = 1.0 / 2048;
    /** Step size and weight decay of eq. 13.4's check on the normalized networks. */
    static final double NET_ETA = 0.1;
    static final double NET_LAMBDA = 0.01;
    static final int D = 6;

    ConvergenceClaim() {
        super("scale-invariance.convergence", "GD + WD on a scale-invariant loss: ‖w_{t+1}‖² = (1 − ηλ)²‖w_t‖² + η²‖∇L‖²; "
                + "L(w_t) − L(w_{t+1}) ≥ η(1 − 2ρη/‖w_t‖²)‖∇L(w_t)‖²; ‖∇L(w̄_t)‖² ≤ 8π⁴ρ²λη within (1/(2λη))(|ln(‖w₀‖²/(ρπ²η))| + 3) "
                + "steps, logarithmic in ‖w₀‖", "002 eq. 13.4, Thm 13.4.6, Thm 13.4.2 (Li, Bhojanapalli et al. 2022)");
    }

    /**
     * What is predicted (the theory's: {@link #THEORY}; tests plant others): the exponent of (1 − ηλ) in eq. 13.4, the factor
     * of Thm 13.4.6's right side, the scale of Thm 13.4.2's step bound, and the slope of t* against ln‖w₀‖² in units of
     * 1/(−2 ln(1 − ηλ)).
     */
    record Prediction(double decayPower, double descentFactor, double boundScale, double slopeScale) {
        static final Prediction THEORY = new Prediction(2, 1, 1, 1);
    }

    /**
     * One run from w₀.
     *
     * @param hit             the first t with ‖∇L(w̄_t)‖² ≤ threshold, −1 if none by the cap
     * @param bound           Thm 13.4.2's bound on it
     * @param steps           steps run
     * @param worstLaw        max_t |‖w_{t+1}‖² − (q^p‖w_t‖² + η²‖∇L‖²)| / ‖w_{t+1}‖²
     * @param descentViolations steps where L(w_t) − L(w_{t+1}) fell below the predicted bound by more than the rounding slack
     * @param positiveBoundSteps steps whose Thm 13.4.6 bound was positive (the inequality promises a decrease)
     * @param tightest        min of decrease / bound over the steps whose bound exceeds 100× the loss values' rounding
     */
    record Run(double norm0, long hit, double bound, long steps, double worstLaw, long descentViolations, long positiveBoundSteps,
               double tightest) {
    }

    static double threshold(double rho) {
        return 8 * Math.pow(Math.PI, 4) * rho * rho * LAMBDA * ETA;
    }

    static double stepBound(double norm0, double rho) {
        return (Math.abs(Math.log(norm0 * norm0 / (rho * Math.PI * Math.PI * ETA))) + 3) / (2 * LAMBDA * ETA);
    }

    /** GD + WD from {@code w0} (read only) until {@code extra} steps after the hit (or {@code cap} steps). */
    static Run run(double[] a, double[] w0, long cap, long extra, Prediction p) {
        double rho = new RayleighQuotient<>(org.sgdlab.precision.Arithmetic.FLOAT64, a).rho();
        double q = 1 - ETA * LAMBDA;
        double qp = Math.pow(q, p.decayPower());
        double thr = threshold(rho);
        int d = a.length;
        double[] w = w0.clone();
        double[] prev = new double[d];
        double[] g = new double[d];
        double n2 = dot(w, w);
        double norm0 = Math.sqrt(n2);
        long hit = -1;
        long stop = cap;
        double worstLaw = 0;
        long violations = 0;
        long positive = 0;
        double tightest = Double.POSITIVE_INFINITY;
        double prevL = Double.NaN;
        double prevN2 = Double.NaN;
        double prevBound = Double.NaN;
        long t = 0;
        for (; ; t++) {
            double l = RayleighQuotient.gradient(a, w, g);
            if (t > 0) {
                double decrease = prevL - l;
                if (decrease < prevBound && decrease < prevBound - descentSlack(a, w, g, l, prev, prevL, prevN2)) {
                    violations++;
                }
                if (prevBound > 0) {
                    positive++;
                    // decrease/bound is meaningful only where the bound is well above the loss values' rounding
                    if (prevBound > 100 * (2 * d + 4) * 0x1.0p-53 * (Math.abs(prevL) + Math.abs(l))) {
                        tightest = Math.min(tightest, decrease / prevBound);
                    }
                }
            }
            double gsq = dot(g, g);
            if (hit < 0 && n2 * gsq <= thr) {
                hit = t;
                stop = Math.min(cap, t + extra);
            }
            if (t >= stop) {
                break;
            }
            prevL = l;
            prevN2 = n2;
            prevBound = p.descentFactor() * ETA * (1 - 2 * rho * ETA / n2) * gsq;
            System.arraycopy(w, 0, prev, 0, d);
            double next = 0;
            for (int i = 0; i < d; i++) {
                w[i] = q * w[i] - ETA * g[i];
                next += w[i] * w[i];
            }
            double law = Math.abs(next - (qp * n2 + ETA * ETA * gsq)) / next;
            worstLaw = Math.max(worstLaw, law);
            n2 = next;
        }
        return new Run(norm0, hit, p.boundScale() * stepBound(norm0, rho), t, worstLaw, violations, positive, tightest);
    }

    /**
     * How far float64 may move the step's decrease L(w_t) − L(w_{t+1}) from its exact-arithmetic value (first order): the
     * two loss values, each within (d + 2)u relative (sums of positive terms and a division), give
     * (2d + 4)u(|L(w_t)| + |L(w_{t+1})|); the computed w_{t+1} is the exact update plus, per entry, the rounding of
     * q·w − ηg (≤ 3u|w_{t+1,i}|) and η times the gradient's rounding (≤ (2d + 8)u·(2/‖w_t‖²)|w_{t,i}|(|aᵢ| + |L(w_t)|)), which
     * moves L(w_{t+1}) by at most Σᵢ|∂ᵢL(w_{t+1})| times that.
     */
    static double descentSlack(double[] a, double[] w1, double[] g1, double l1, double[] w0, double l0, double n20) {
        double u = 0x1.0p-53;
        int d = a.length;
        double s = (2 * d + 4) * u * (Math.abs(l0) + Math.abs(l1));
        for (int i = 0; i < d; i++) {
            double move = 3 * u * Math.abs(w1[i]) + ETA * (2 * d + 8) * u * (2 / n20) * Math.abs(w0[i]) * (Math.abs(a[i]) + Math.abs(l0));
            s += Math.abs(g1[i]) * move;
        }
        return s;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /**
     * aᵢ = 1 + i/(d − 1): ρ = 2. The shift by 1 changes neither ∇L nor the dynamics (L + 1 has the same gradient) but keeps
     * L ≥ 1, away from the subnormal range where float64's rounding is absolute rather than relative (with min a = 0 the
     * runs converge to L ≈ 1e-322 and the descent check would compare subnormals).
     */
    static double[] spectrum(int d) {
        double[] a = new double[d];
        for (int i = 0; i < d; i++) {
            a[i] = 1 + (double) i / (d - 1);
        }
        return a;
    }

    /** Initial norms 10^{−3} … 10⁴, log-spaced (the bound's range 1e-3 … 1e3 and a decade beyond for the slope). */
    static double[] norms(int count) {
        double[] r = new double[count];
        for (int i = 0; i < count; i++) {
            r[i] = Math.pow(10, -3 + 7.0 * i / (count - 1));
        }
        return r;
    }

    /** A unit direction whose ‖∇L‖² exceeds the threshold (so the hit is not at t = 0), from {@code r}. */
    static double[] direction(double[] a, RandomStream r) {
        double thr = threshold(2 * (a[a.length - 1] - a[0]));
        double[] g = new double[a.length];
        for (int k = 0; k < 1000; k++) {
            double[] w = r.gaussians(new double[a.length]);
            double n = Math.sqrt(dot(w, w));
            for (int i = 0; i < w.length; i++) {
                w[i] /= n;
            }
            RayleighQuotient.gradient(a, w, g);
            if (dot(g, g) > 2 * thr) {
                return w;
            }
        }
        throw new IllegalStateException("no direction with ‖∇L‖² > 2·" + thr + " in 1000 draws");
    }

    /** The sweep over initial norms along one direction. */
    static List<Run> sweep(double[] a, double[] dir, double[] norms, Prediction p) {
        List<Run> runs = new ArrayList<>();
        for (double r : norms) {
            double[] w0 = new double[dir.length];
            for (int i = 0; i < w0.length; i++) {
                w0[i] = r * dir[i];
            }
            runs.add(run(a, w0, 5_000_000, (long) (1 / (2 * ETA * LAMBDA)), p));
        }
        return runs;
    }

    /**
     * The slope of t* against ln‖w₀‖² over the runs with ‖w₀‖² ≥ 100/λ. Why there: the direction relaxes on the sphere in
     * ~‖w‖²/η steps and weight decay halves ‖w‖² in ~1/(2ηλ); above ‖w‖² ~ 1/λ the direction waits for the norm, and
     * t* − ln‖w₀‖²/(−2 ln(1 − ηλ)) settles to a constant (corrections ∝ 1/(λ‖w₀‖²)).
     */
    static Fit largeNormFit(List<Run> runs, double rho) {
        List<double[]> pts = new ArrayList<>();
        for (Run r : runs) {
            if (r.norm0() * r.norm0() >= 100 / LAMBDA && r.hit() >= 0) {
                pts.add(new double[] {Math.log(r.norm0() * r.norm0()), r.hit()});
            }
        }
        return Fit.line(pts.stream().mapToDouble(x -> x[0]).toArray(), pts.stream().mapToDouble(x -> x[1]).toArray());
    }

    static double predictedSlope() {
        return 1 / (-2 * Math.log1p(-ETA * LAMBDA));
    }

    /** eq. 13.4 on a frozen-head network: the worst relative defect over {@code steps} steps of GD + WD. */
    static double networkLaw(Mlp.Normalization norm, long seed, int steps, double decayPower) {
        FrozenHeadNet f = new FrozenHeadNet(norm, 0, 32, 4, 8, seed);
        double eta = NET_ETA;
        double q = 1 - eta * NET_LAMBDA;
        double qp = Math.pow(q, decayPower);
        double[] w = f.initialW();
        double[] g = new double[w.length];
        double worst = 0;
        for (int t = 0; t < steps; t++) {
            f.gradient(w, g);
            double n2 = dot(w, w);
            double gsq = dot(g, g);
            double next = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = q * w[i] - eta * g[i];
                next += w[i] * w[i];
            }
            worst = Math.max(worst, Math.abs(next - (qp * n2 + eta * eta * gsq)) / next);
        }
        return worst;
    }

    /**
     * HOLDS when every run meets eq. 13.4 within LAW_TOLERANCE (networks included: {@code networkWorst}), has no Thm 13.4.6
     * violation, hits the gradient threshold within Thm 13.4.2's bound, and the large-norm slope of t* against ln‖w₀‖² is
     * within SLOPE_TOLERANCE of p.slopeScale/(−2 ln(1 − ηλ)); FAILS otherwise (INCONCLUSIVE if some run never hit the
     * threshold by the cap: the bound is then unchecked, not refuted, unless the cap already exceeds the bound).
     */
    static Verdict decide(List<List<Run>> sweeps, double networkWorst, double rho, Prediction p) {
        boolean missing = false;
        for (List<Run> s : sweeps) {
            for (Run r : s) {
                if (!(r.worstLaw() <= LAW_TOLERANCE) || r.descentViolations() > 0) {
                    return Verdict.FAILS;
                }
                if (r.hit() < 0) {
                    if (r.steps() > r.bound()) {
                        return Verdict.FAILS;
                    }
                    missing = true;
                } else if (r.hit() > r.bound()) {
                    return Verdict.FAILS;
                }
            }
            Fit f = largeNormFit(s, rho);
            if (!(Math.abs(f.slope() / (p.slopeScale() * predictedSlope()) - 1) <= SLOPE_TOLERANCE)) {
                return Verdict.FAILS;
            }
        }
        if (!(networkWorst <= LAW_TOLERANCE)) {
            return Verdict.FAILS;
        }
        return missing ? Verdict.INCONCLUSIVE : Verdict.HOLDS;
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        boolean quick = c.budget() == Budget.QUICK;
        int directions = quick ? 1 : 4;
        double[] norms = norms(quick ? 8 : 29);
        double[] a = spectrum(D);
        double rho = 2 * (a[D - 1] - a[0]);
        RandomStream master = new RandomStream(c.seed()).split(41);
        List<List<Run>> sweeps = new ArrayList<>();
        for (int k = 0; k < directions; k++) {
            sweeps.add(sweep(a, direction(a, master.split(k)), norms, Prediction.THEORY));
            c.progress().onProgress(k + 1, directions + 1);
        }
        int netSteps = quick ? 200 : 2000;
        double lnLaw = networkLaw(Mlp.Normalization.LAYER, c.seed(), netSteps, 2);
        double bnLaw = networkLaw(Mlp.Normalization.BATCH, c.seed(), netSteps, 2);
        c.progress().onProgress(directions + 1, directions + 1);
        Verdict v = decide(sweeps, Math.max(lnLaw, bnLaw), rho, Prediction.THEORY);

        List<String> cols = new ArrayList<>(List.of("norm0", "step_bound"));
        for (int k = 0; k < directions; k++) {
            cols.add("first_hit_dir" + k);
        }
        cols.add("norm_shrink_time");
        Trace t = new Trace("first_hit_vs_norm0", cols);
        double worstLaw = 0;
        long violations = 0;
        long positive = 0;
        double tightest = Double.POSITIVE_INFINITY;
        double worstHitOverBound = 0;
        long totalSteps = 0;
        for (int j = 0; j < norms.length; j++) {
            double[] row = new double[cols.size() + 1];
            row[0] = j;
            row[1] = norms[j];
            row[2] = sweeps.get(0).get(j).bound();
            for (int k = 0; k < directions; k++) {
                Run r = sweeps.get(k).get(j);
                row[3 + k] = r.hit();
                worstLaw = Math.max(worstLaw, r.worstLaw());
                violations += r.descentViolations();
                positive += r.positiveBoundSteps();
                tightest = Math.min(tightest, r.tightest());
                worstHitOverBound = Math.max(worstHitOverBound, r.hit() / r.bound());
                totalSteps += r.steps();
            }
            row[3 + directions] = Math.max(0, Math.log(norms[j] * norms[j] / (Math.PI * Math.PI * rho * ETA))) * predictedSlope();
            t.add(row);
        }
        rb.trace(t);
        Fit fit = largeNormFit(sweeps.get(0), rho);
        double worstSlopeDev = 0;
        for (List<Run> s : sweeps) {
            worstSlopeDev = Math.max(worstSlopeDev, Math.abs(largeNormFit(s, rho).slope() / predictedSlope() - 1));
        }
        Run smallest = sweeps.get(0).get(0);
        int at1e3 = 0;
        for (int j = 0; j < norms.length; j++) {
            if (Math.abs(Math.log10(norms[j]) - 3) < Math.abs(Math.log10(norms[at1e3]) - 3)) {
                at1e3 = j;
            }
        }
        Run largest = sweeps.get(0).get(at1e3);
        rb.number("eta", ETA).number("lambda", LAMBDA).number("rho", rho).number("threshold_8pi4_rho2_lambda_eta", threshold(rho))
                .number("eq13_4.worst_relative_defect", worstLaw).number("eq13_4.layer_norm_net_worst_relative_defect", lnLaw)
                .number("eq13_4.batch_norm_net_worst_relative_defect", bnLaw)
                .number("thm13_4_6.violations", violations).number("thm13_4_6.steps_with_positive_bound", positive)
                .number("thm13_4_6.min_decrease_over_bound", tightest).number("thm13_4_6.steps_checked", totalSteps)
                .number("thm13_4_2.worst_first_hit_over_bound", worstHitOverBound)
                .number("thm13_4_2.first_hit_norm0_1e-3", smallest.hit()).number("thm13_4_2.bound_norm0_1e-3", smallest.bound())
                .number("thm13_4_2.first_hit_norm0_1e3", largest.hit()).number("thm13_4_2.bound_norm0_1e3", largest.bound())
                .number("log_dependence.slope_steps_per_unit_ln_norm0_sq", fit.slope())
                .number("log_dependence.slope_se", fit.slopeStdErr())
                .number("log_dependence.predicted_slope_1_over_minus_2ln_q", predictedSlope())
                .number("log_dependence.bound_slope_1_over_2_lambda_eta", 1 / (2 * LAMBDA * ETA))
                .number("log_dependence.worst_relative_slope_deviation", worstSlopeDev).number("directions", directions);
        List<String> ys = new ArrayList<>(cols.subList(1, cols.size()));
        rb.plot(PlotSpec.semiLogX("first_hit.png").title("scale-invariance.convergence: first t with ‖∇L(w̄_t)‖² ≤ 8π⁴ρ²λη against ‖w₀‖, "
                        + "and Thm 13.4.2's bound").trace(t.name()).x("norm0", "‖w₀‖").y(ys, "steps").build());
        Trace lawTrace = lawTrace(a, sweeps.get(0).get(norms.length / 2).norm0(), master);
        rb.trace(lawTrace);
        rb.plot(PlotSpec.semiLogY("descent.png").title("scale-invariance.convergence: per-step decrease of L against Thm 13.4.6's bound, "
                        + "and eq. 13.4's defect (‖w₀‖ = 1)").trace(lawTrace.name()).x("step", "step t")
                .y(List.of("decrease", "thm13_4_6_bound", "eq13_4_relative_defect", "grad_norm_sq_at_unit_w"), "value").build());
        rb.note("Loss: the Rayleigh quotient L(w) = Σaᵢwᵢ²/Σwᵢ², a = (" + Format.g(a[0]) + ", " + Format.g(a[1])
                + ", …, " + Format.g(a[D - 1]) + "), d = " + D + ", so ρ = max_{‖w‖=1}‖∇²L‖₂ = 2(max a − "
                + "min a) = " + Format.g(rho) + " exactly (docs/normalization.md derives it; a is shifted to [1, 2], which changes no gradient, to keep L away from subnormals) — Thm 13.4.6 and Thm 13.4.2 are judged with the "
                + "true ρ, not an estimate. η = " + ETA + ", λ = " + LAMBDA + " (ηλ = " + Format.g(ETA * LAMBDA) + "; the threshold 8π⁴ρ²λη = "
                + Format.g(threshold(rho)) + " is below max‖∇L(w̄)‖² = 1, so the theorem says something). eq. 13.4 is also checked on the "
                + "layer-norm and batch-norm networks of scale-invariance.identities (η = " + Format.g(NET_ETA) + ", λ = " + Format.g(NET_LAMBDA)
                + ", " + netSteps + " steps).");
        rb.note("Thm 13.4.6's slack: the theorem is about exact iterates; a violation counts only beyond the first-order rounding of the "
                + "float64 step (descentSlack: the two loss values, the rounding of the update and of the gradient). Steps with a positive bound "
                + "(‖w_t‖² > 2ρη): " + positive + " of " + totalSteps + "; where the bound exceeds 100× the loss values' rounding the tightest had decrease/bound = " + Format.g(tightest) + ".");
        rb.note("Logarithmic dependence: from a large ‖w₀‖ the direction barely moves (effective step η/‖w‖²) until weight decay has "
                + "shrunk ‖w‖² by (1 − ηλ)^{2t}, so t* ≈ ln(‖w₀‖²/c)/(−2 ln(1 − ηλ)): measured slope " + Format.g(fit.slope()) + " ± "
                + Format.g(fit.slopeStdErr()) + " steps per unit of ln‖w₀‖², predicted " + Format.g(predictedSlope())
                + " (the bound's own slope is 1/(2λη) = " + Format.g(1 / (2 * LAMBDA * ETA)) + "). From a small ‖w₀‖ the first step "
                + "throws ‖w‖ up to ~η‖∇L(w̄₀)‖/‖w₀‖ (Lemma 13.4.8), and the time is that of the larger norm.");
        rb.sourceStatement("定理13.4.2（主要）。对于 ηλ < 1/2，存在 t ≤ (1/(2λη))(|ln(‖w₀‖²/(ρπ²η))| + 3) 使得 ‖∇L(w̄_t)‖² ≤ 8π⁴ρ²λη "
                + "(For ηλ < 1/2 there is t ≤ … with ‖∇L(w̄_t)‖² ≤ 8π⁴ρ²λη); 定理13.4.6: L(w_t) − L(w_{t+1}) ≥ η(1 − 2ρη/‖w_t‖²)‖∇L(w_t)‖²; "
                + "eq. 13.4: ‖w_{t+1}‖² − (1 − ηλ)²‖w_t‖² = η²‖∇L(w_t)‖²", v,
                "‖w₀‖ = 1e-3 … 1e4 along " + directions + " direction(s): first hit ≤ " + Format.g(worstHitOverBound) + " × the bound; "
                        + violations + " descent violations; eq. 13.4 to " + Format.g(Math.max(worstLaw, Math.max(lnLaw, bnLaw))) + ".");
        String rule = "HOLDS when at every step of every run (" + norms.length + " norms 1e-3 … 1e4 × " + directions + " direction(s), each "
                + "run to 1/(2ηλ) steps past its hit) |‖w_{t+1}‖² − ((1 − ηλ)²‖w_t‖² + η²‖∇L‖²)|/‖w_{t+1}‖² ≤ " + Format.g(LAW_TOLERANCE)
                + " (and on the two networks), L(w_t) − L(w_{t+1}) ≥ η(1 − 2ρη/‖w_t‖²)‖∇L(w_t)‖² − (2d + 4)u(|L(w_t)| + |L(w_{t+1})|), "
                + "the first t with ‖∇L(w̄_t)‖² ≤ 8π⁴ρ²λη is ≤ Thm 13.4.2's bound, and the slope of that t against ln‖w₀‖² over "
                + "‖w₀‖² ≥ 100/λ is within " + Format.g(100 * SLOPE_TOLERANCE) + "% of 1/(−2 ln(1 − ηλ)); FAILS on any miss; "
                + "INCONCLUSIVE if a run never reaches the threshold within a cap below the bound.";
        return rb.build(v, "eq. 13.4 to 1e-12; Thm 13.4.6 at every step; first hit ≤ Thm 13.4.2's bound, logarithmic in ‖w₀‖",
                "eq. 13.4 worst " + Format.g(worstLaw) + " (networks " + Format.g(lnLaw) + ", " + Format.g(bnLaw) + "); " + violations
                        + " Thm 13.4.6 violations in " + totalSteps + " steps (tightest decrease/bound " + Format.g(tightest) + "); first hit "
                        + smallest.hit() + " … " + largest.hit() + " steps for ‖w₀‖ = 1e-3 … 1e3, ≤ " + Format.g(worstHitOverBound)
                        + " × the bound; slope " + Format.g(fit.slope()) + " vs " + Format.g(predictedSlope()), rule);
    }

    /** Per-step decrease, Thm 13.4.6's bound and eq. 13.4's defect over the first 2000 steps from ‖w₀‖ = {@code norm0}. */
    private static Trace lawTrace(double[] a, double norm0, RandomStream master) {
        double[] w = direction(a, master.split(0));
        for (int i = 0; i < w.length; i++) {
            w[i] *= norm0;
        }
        double rho = 2 * (a[a.length - 1] - a[0]);
        double q = 1 - ETA * LAMBDA;
        double[] g = new double[w.length];
        Trace t = new Trace("descent_and_law", List.of("decrease", "thm13_4_6_bound", "eq13_4_relative_defect", "grad_norm_sq_at_unit_w"));
        double l = RayleighQuotient.gradient(a, w, g);
        for (int s = 0; s < 2000; s++) {
            double n2 = dot(w, w);
            double gsq = dot(g, g);
            double bound = ETA * (1 - 2 * rho * ETA / n2) * gsq;
            double next = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = q * w[i] - ETA * g[i];
                next += w[i] * w[i];
            }
            double law = Math.abs(next - (q * q * n2 + ETA * ETA * gsq)) / next;
            double l1 = RayleighQuotient.gradient(a, w, g);
            t.add(new double[] {s, l - l1, bound, law, n2 * gsq});
            l = l1;
        }
        return t;
    }
}
