package org.sgdlab.oracles;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * One solve of {@link HardMarginSvm} on validated data: the stages of its algorithm in order — the Lawson–Hanson
 * active-set start ({@link LdpNnls}), the coarse dual phase ({@link HardMarginDualAscent}), the exact finish
 * ({@link HardMarginSupportFinish}) and the non-separability certificate ({@link GordanCertificate}) — and the
 * {@link SvmSolution} they end in. Diagnostics (stage times, KKT residuals) go to the logger named
 * {@code org.sgdlab.oracles.HardMarginSvm} at level DEBUG.
 */
final class HardMarginSvmSolver {
    private static final Logger LOG = System.getLogger(HardMarginSvm.class.getName());

    /** A finished candidate: (w, b, α) and its KKT residual. */
    record Candidate(double[] w, double b, double[] alpha, double kkt) {
    }

    private final Matrix x;
    private final double[] a;
    private final double[] y;
    private final int n;
    private final int d;
    private final boolean intercept;
    private final DualSolverOptions opt;
    private final boolean activeSetFirst;
    private final double[] sqNorm;
    private final HardMarginDualAscent ascent;
    private final HardMarginSupportFinish finish;

    /** x and y are read, never modified; labels must be ±1 and entries finite (checked by the facade). */
    HardMarginSvmSolver(Matrix x, double[] y, boolean intercept, DualSolverOptions opt, boolean activeSetFirst) {
        this.activeSetFirst = activeSetFirst;
        this.x = x;
        this.a = x.data();
        this.y = y;
        this.n = x.rows();
        this.d = x.cols();
        this.intercept = intercept;
        this.opt = opt;
        this.sqNorm = new double[n];
        for (int i = 0; i < n; i++) {
            sqNorm[i] = Kernels.dot(a, i * d, a, i * d, d);
        }
        this.ascent = new HardMarginDualAscent(x, y, intercept, sqNorm, opt.maxIterations(), opt.seed());
        this.finish = new HardMarginSupportFinish(x, y, intercept, sqNorm);
    }

    SvmSolution run() {
        double[] alpha = ascent.alpha;
        Candidate best = null;
        if (activeSetFirst) {
            long tA = System.nanoTime();
            best = activeSetStart();
            Candidate start = best;
            LOG.log(Level.DEBUG, () -> String.format("nnls start kkt=%s %.1f ms", start == null ? "null" : String.valueOf(start.kkt),
                    (System.nanoTime() - tA) / 1e6));
            if (best != null && best.kkt <= opt.tolerance()) {
                return solution(OracleStatus.OPTIMAL, best, "converged: KKT residual " + best.kkt + " <= " + opt.tolerance()
                        + " (Lawson-Hanson active set, " + ascent.iterations + " outer iterations, then the support-set finish)");
            }
            if (intercept) {
                Arrays.fill(alpha, 0.0); // SMO needs a start with sum alpha_i y_i = 0
            }
        }
        double eps = 1e-3;
        int stalls = 0;
        while (true) {
            long tA = System.nanoTime();
            HardMarginDualAscent.Outcome out = ascent.run(eps);
            double epsNow = eps;
            LOG.log(Level.DEBUG, () -> String.format("coarse eps=%g out=%s it=%d epochs=%d %.1f ms", epsNow, out,
                    ascent.iterations, ascent.epochs(), (System.nanoTime() - tA) / 1e6));
            if (out == HardMarginDualAscent.Outcome.SUSPECT || out == HardMarginDualAscent.Outcome.BUDGET) {
                String certificate = gordanCertificate();
                if (certificate != null) {
                    return HardMarginSvm.notSeparable(ascent.iterations, certificate);
                }
                if (out == HardMarginDualAscent.Outcome.SUSPECT) {
                    continue;
                }
            }
            long tB = System.nanoTime();
            Candidate c = finish.run(alpha, opt.tolerance());
            LOG.log(Level.DEBUG, () -> String.format("finish kkt=%s %.1f ms", c == null ? "null" : String.valueOf(c.kkt),
                    (System.nanoTime() - tB) / 1e6));
            if (c != null && (best == null || c.kkt < best.kkt)) {
                best = c;
            }
            if (best != null && best.kkt <= opt.tolerance()) {
                return solution(OracleStatus.OPTIMAL, best, "converged: KKT residual " + best.kkt
                        + " <= " + opt.tolerance() + " after " + ascent.iterations + " iterations (coarse eps " + eps + ")");
            }
            if (out == HardMarginDualAscent.Outcome.BUDGET) {
                if (best == null) {
                    best = fromAlpha();
                }
                return solution(OracleStatus.MAX_ITERATIONS, best, "iteration budget " + opt.maxIterations()
                        + " exhausted; best KKT residual " + best.kkt + " > " + opt.tolerance()
                        + " (no certificate of non-separability was found either)");
            }
            if (eps <= 1e-15) {
                if (++stalls >= 3) {
                    if (best == null) {
                        best = fromAlpha();
                    }
                    return solution(OracleStatus.INACCURATE, best, "coarse solver at eps " + eps
                            + " but the support-set finish reached only KKT residual " + best.kkt
                            + " > " + opt.tolerance());
                }
            }
            eps = Math.max(eps * 1e-2, 1e-15);
        }
    }

    private SvmSolution solution(OracleStatus status, Candidate c, String message) {
        List<Integer> sv = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (c.alpha[i] > 0) {
                sv.add(i);
            }
        }
        int[] svs = sv.stream().mapToInt(Integer::intValue).toArray();
        double wn = Kernels.norm2(c.w);
        return new SvmSolution(status, c.w, c.b, c.alpha, svs, wn == 0 ? Double.POSITIVE_INFINITY : 1.0 / wn,
                c.kkt, (int) Math.min(ascent.iterations, Integer.MAX_VALUE), message);
    }

    /** The current dual iterate as a candidate (w = Σαᵢyᵢxᵢ, b the mean fit over αᵢ &gt; 0), unpolished. */
    private Candidate fromAlpha() {
        double[] alpha = ascent.alpha;
        double[] ww = new double[d];
        new LabelledRows(x, y, 0.0, sqNorm).combine(alpha, ww);
        double bb = 0;
        if (intercept) {
            int cnt = 0;
            for (int i = 0; i < n; i++) {
                if (alpha[i] > 0) {
                    bb += y[i] - Kernels.dot(a, i * d, ww, 0, d);
                    cnt++;
                }
            }
            bb = cnt == 0 ? 0 : bb / cnt;
        }
        double[] al = alpha.clone();
        return new Candidate(ww, bb, al, HardMarginSvm.kktResidual(x, y, ww, bb, al, intercept));
    }

    /**
     * The current (growing) dual iterate as a Gordan certificate on the rows zᵢ = yᵢxᵢ (zᵢ = yᵢ(xᵢ, 1) with an
     * intercept), judged against the largest ‖zᵢ‖ on its support; the message, or null if there is none.
     */
    private String gordanCertificate() {
        GordanCertificate g = GordanCertificate.find(new LabelledRows(x, y, intercept ? 1.0 : 0.0, sqNorm), ascent.alpha,
                GordanCertificate.Scale.SUPPORT_ROWS);
        if (g == null) {
            return null;
        }
        return "data are not linearly separable" + (intercept ? "" : " through the origin")
                + ": nonnegative weights on " + g.used() + " samples (summing to 1) give |sum_i lambda_i y_i "
                + (intercept ? "(x_i, 1)" : "x_i") + "| = " + g.residual() + " <= 1e-12 * max|z_i| (Gordan certificate: no "
                + (intercept ? "(w, b)" : "w") + " has y_i(<w, x_i>" + (intercept ? " + b" : "")
                + ") > 0 for all i); the dual had grown to sum(alpha) = " + g.dualSum() + " after " + ascent.iterations
                + " iterations";
    }

    /**
     * Stage 0: the least-distance form min ‖w̃‖ s.t. zᵢ·w̃ ≥ 1 solved by {@link LdpNnls}, with zᵢ = yᵢxᵢ, or with an
     * intercept zᵢ = yᵢ(xᵢ, M) and w̃ = (w, b/M): the homogeneous problem in d + 1 dimensions whose objective
     * ‖w‖² + b²/M² tends to the intercept problem's as M grows (M = 100·maxᵢ‖xᵢ‖). Its support set, handed to the
     * exact finish (which solves the true problem, with b free), usually is the final one. Returns the finished
     * candidate (its α become the warm start), or null when the active-set method gave up (e.g. on non-separable
     * data, where 1 − Σuᵢ → 0); the caller then falls back to the coordinate/SMO stages.
     */
    private Candidate activeSetStart() {
        int p = intercept ? d + 1 : d;
        double bigM = 0;
        if (intercept) {
            for (double s : sqNorm) {
                bigM = Math.max(bigM, s);
            }
            bigM = 100.0 * Math.sqrt(bigM);
        }
        double[] z = new double[n * p];
        for (int i = 0; i < n; i++) {
            int src = i * d;
            int dst = i * p;
            for (int j = 0; j < d; j++) {
                z[dst + j] = y[i] * a[src + j];
            }
            if (intercept) {
                z[dst + d] = y[i] * bigM;
            }
        }
        LdpNnls.Result r = LdpNnls.solve(z, n, p, 1e-13, (int) Math.min(20L * (p + 1) + 100, opt.maxIterations()));
        ascent.iterations += r.iterations();
        LOG.log(Level.DEBUG, () -> "nnls: " + r.iterations() + " outer, " + (r.failure() == null ? "ok" : r.failure()));
        if (r.alpha() == null) {
            return null;
        }
        System.arraycopy(r.alpha(), 0, ascent.alpha, 0, n);
        Candidate c = finish.run(ascent.alpha, opt.tolerance());
        if (c != null) {
            System.arraycopy(c.alpha, 0, ascent.alpha, 0, n);
        }
        return c;
    }
}
