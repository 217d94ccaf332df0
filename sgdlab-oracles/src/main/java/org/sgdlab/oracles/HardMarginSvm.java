package org.sgdlab.oracles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * The hard-margin linear support vector machine (Vapnik, <i>Statistical Learning Theory</i>, 1998;
 * Cortes &amp; Vapnik 1995 with C = ∞): the maximum-margin separator, i.e. the direction gradient descent on
 * separable logistic/exponential loss converges to (Soudry et al. 2018).
 *
 * <pre>
 *   primal:  min ½‖w‖²  s.t.  yᵢ(⟨w, xᵢ⟩ + b) ≥ 1,  i = 1..n        (b ≡ 0 for the homogeneous problem)
 *   dual:    max Σαᵢ − ½‖Σαᵢyᵢxᵢ‖²  s.t.  αᵢ ≥ 0  [and Σαᵢyᵢ = 0 with an intercept],   w = Σαᵢyᵢxᵢ
 * </pre>
 *
 * <p>Algorithm, in three stages after an active-set start:
 * <ol start="0">
 *   <li><b>Active-set start (the usual path).</b> The problem is a least-distance problem min ‖w‖ s.t. zᵢ·w ≥ 1 with
 *       zᵢ = yᵢxᵢ, solved by Lawson &amp; Hanson's active-set NNLS algorithm on its dual ({@link LdpNnls}; Lawson &amp;
 *       Hanson, <i>Solving Least Squares Problems</i>, 1974, ch. 23). With an intercept it is applied to
 *       zᵢ = yᵢ(xᵢ, M), w̃ = (w, b/M), M = 100·maxᵢ‖xᵢ‖, whose objective ‖w‖² + b²/M² approximates the intercept
 *       problem's; only its support set is used. Stage 2 (the exact finish, with b free) then turns the support set into
 *       the exact solution, usually in one round. The points enter the active set in order of smallest margin, so the
 *       support set is found in a number of O(nd) passes that does not grow as the margin shrinks, unlike stage 1's
 *       coordinate methods whose rate degrades with the conditioning of the support vectors. If this start gives up
 *       (non-separable or degenerate data) or its result misses the tolerance, stages 1–3 run as before.</li>
 *   <li><b>Coarse dual solve.</b> Homogeneous problem: dual coordinate ascent with the closed-form step
 *       αᵢ ← max(0, αᵢ − Gᵢ/‖xᵢ‖²), Gᵢ = yᵢ⟨w, xᵢ⟩ − 1, maintaining w = Σαᵢyᵢxᵢ, in seeded random
 *       permutation order with shrinking (Hsieh, Chang, Lin, Keerthi, Sundararajan, "A dual coordinate descent
 *       method for large-scale linear SVM", ICML 2008, with the upper bound C = ∞). Intercept: sequential
 *       minimal optimisation (Platt, "Sequential minimal optimization", MSR-TR-98-14, 1998) with the
 *       second-order working-set selection WSS2 of Fan, Chen &amp; Lin ("Working set selection using second
 *       order information for training SVM", JMLR 6, 2005), which keeps Σαᵢyᵢ = 0; kernel columns are cached.
 *       Both stop when the maximal violation of the projected-gradient optimality condition is below ε.</li>
 *   <li><b>Exact finish on the support set.</b> With S = {i : αᵢ &gt; 0}, w is the minimum-norm solution of
 *       the equalities ⟨w, xᵢ⟩ + b = yᵢ (i ∈ S) — with an intercept, of the centred system after eliminating
 *       b — computed by {@link MinNormLeastSquares}; the multipliers are then the αs closest to the coarse
 *       ones that reproduce w exactly, α_S ← α_S + M⁺(target − M α_S) with M = [y_S∘X_Sᵀ; y_Sᵀ]. Points whose
 *       multiplier turns negative leave S; points whose margin drops below 1 − tol join S; repeat. The result
 *       is accepted when its KKT residual is at most the tolerance; otherwise ε is divided by 100 and stage 1
 *       resumes from the current αs (warm start).</li>
 *   <li><b>Non-separability certificate.</b> On non-separable data the dual is unbounded: Σαᵢ grows while
 *       w = Σαᵢyᵢxᵢ stays bounded (at a finite optimum ‖w‖² = Σαᵢ). At 20, 40, 80, ... passes' worth of work, if
 *       ‖w‖² &lt; ½Σαᵢ, and when the budget runs out, the iterate is turned into a Gordan certificate (Gordan 1873:
 *       exactly one of "∃w: Zw &gt; 0" and "∃λ ≥ 0, λ ≠ 0: Zᵀλ = 0" holds, with rows zᵢ = yᵢxᵢ, or yᵢ(xᵢ, 1) with an
 *       intercept): λ ≥ 0 with Σλᵢ = 1 and ‖Σλᵢzᵢ‖ ≤ 1e-12·maxᵢ‖zᵢ‖, obtained as the min-norm correction of α/Σα on
 *       its support. Then the status is {@link OracleStatus#NOT_SEPARABLE}, w is null and the message states the
 *       certificate. (Separability, conversely, is certified by the OPTIMAL solution itself: all margins ≥ 1.)
 *       ojAlgo's LP solver was tried for this and rejected: on a separable 500 × 20 problem it took 72 s.</li>
 * </ol>
 *
 * <p>All randomness (the coordinate order) comes from {@link DualSolverOptions#seed()}, so results are reproducible.
 */
public final class HardMarginSvm {
    private static final double TAU = 1e-12;
    private static final boolean DEBUG = Boolean.getBoolean("sgdlab.svm.debug");
    private static final long CACHE_DOUBLES = 8_000_000L;

    private HardMarginSvm() {
    }


    /** Solves with {@link DualSolverOptions#defaults()}. */
    public static SvmSolution solve(Matrix x, double[] y, boolean fitIntercept) {
        return solve(x, y, fitIntercept, DualSolverOptions.defaults());
    }

    /**
     * Solves the hard-margin SVM on the rows of {@code x} with labels {@code y}.
     *
     * @param fitIntercept {@code false} for the homogeneous problem (separator through the origin, b = 0)
     * @throws IllegalArgumentException if a label is not exactly ±1 (naming the row and value), shapes disagree,
     *                                  n = 0 or an entry is not finite
     */
    public static SvmSolution solve(Matrix x, double[] y, boolean fitIntercept, DualSolverOptions options) {
        return solve(x, y, fitIntercept, options, true);
    }

    /**
     * The same problem solved without the active-set first stage (coordinate ascent or SMO, then the support-set
     * finish): an independent path that the tests compare {@link #solve} with.
     */
    static SvmSolution solveByCoordinateMethods(Matrix x, double[] y, boolean fitIntercept, DualSolverOptions options) {
        return solve(x, y, fitIntercept, options, false);
    }

    private static SvmSolution solve(Matrix x, double[] y, boolean fitIntercept, DualSolverOptions options,
                                     boolean activeSetFirst) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(options, "options");
        int n = x.rows();
        int d = x.cols();
        if (y.length != n) {
            throw new IllegalArgumentException("y has length " + y.length + " but X has " + n + " rows");
        }
        if (n == 0) {
            throw new IllegalArgumentException("the hard-margin SVM needs at least one sample");
        }
        for (int i = 0; i < n; i++) {
            if (y[i] != 1.0 && y[i] != -1.0) {
                throw new IllegalArgumentException("row " + i + ": label must be -1 or +1, got " + y[i]);
            }
        }
        double[] a = x.data();
        for (int k = 0; k < a.length; k++) {
            if (!Double.isFinite(a[k])) {
                throw new IllegalArgumentException("row " + (k / d) + ", column " + (k % d) + ": entry is not finite: " + a[k]);
            }
        }
        if (!fitIntercept) {
            for (int i = 0; i < n; i++) {
                if (Kernels.dot(a, i * d, a, i * d, d) == 0.0) {
                    return notSeparable(0, "data are not linearly separable through the origin: row " + i
                            + " is zero, so y_i<w, x_i> >= 1 cannot hold");
                }
            }
        } else {
            boolean allSame = true;
            for (int i = 1; i < n && allSame; i++) {
                allSame = y[i] == y[0];
            }
            if (allSame) {
                double[] alpha = new double[n];
                double[] w = new double[d];
                return new SvmSolution(OracleStatus.OPTIMAL, w, y[0], alpha, new int[0], Double.POSITIVE_INFINITY,
                        kktResidual(x, y, w, y[0], alpha, true), 0,
                        "all labels are " + (int) y[0] + ": w = 0, b = " + (int) y[0] + " (infinite margin)");
            }
        }
        return new Solver(x, y, fitIntercept, options, activeSetFirst).run();
    }

    /**
     * The KKT residual of (w, b, α) for the hard-margin problem, scale-aware (invariant under x → c·x, which
     * maps w → w/c, b → b, α → α/c²). With functional margins mᵢ = yᵢ(⟨w, xᵢ⟩ + b) and ‖α‖_∞ = maxᵢ|αᵢ|
     * (1 if α = 0) it is the maximum of
     * <ul>
     *   <li>primal infeasibility maxᵢ max(0, 1 − mᵢ);</li>
     *   <li>dual infeasibility maxᵢ max(0, −αᵢ) / ‖α‖_∞;</li>
     *   <li>complementarity maxᵢ (|αᵢ| / ‖α‖_∞)·|mᵢ − 1|;</li>
     *   <li>stationarity in w: ‖w − Σαᵢyᵢxᵢ‖₂ / ‖w‖₂ (absolute when w = 0);</li>
     *   <li>with an intercept, stationarity in b: |Σαᵢyᵢ| / Σ|αᵢ| (0 when α = 0).</li>
     * </ul>
     */
    public static double kktResidual(Matrix x, double[] y, double[] w, double b, double[] alpha, boolean fitIntercept) {
        int n = x.rows();
        int d = x.cols();
        double[] a = x.data();
        double amax = 0;
        double asum = 0;
        double aysum = 0;
        for (int i = 0; i < n; i++) {
            amax = Math.max(amax, Math.abs(alpha[i]));
            asum += Math.abs(alpha[i]);
            aysum += alpha[i] * y[i];
        }
        if (amax == 0) {
            amax = 1;
        }
        double res = 0;
        double[] s = new double[d];
        for (int i = 0, off = 0; i < n; i++, off += d) {
            double m = y[i] * (Kernels.dot(a, off, w, 0, d) + b);
            res = Math.max(res, Math.max(0.0, 1.0 - m));
            res = Math.max(res, Math.max(0.0, -alpha[i]) / amax);
            res = Math.max(res, Math.abs(alpha[i]) / amax * Math.abs(m - 1.0));
            if (alpha[i] != 0.0) {
                Kernels.axpy(alpha[i] * y[i], a, off, s, 0, d);
            }
        }
        for (int j = 0; j < d; j++) {
            s[j] = w[j] - s[j];
        }
        double wn = Kernels.norm2(w);
        res = Math.max(res, Kernels.norm2(s) / (wn > 0 ? wn : 1.0));
        if (fitIntercept && asum > 0) {
            res = Math.max(res, Math.abs(aysum) / asum);
        }
        return res;
    }

    private static SvmSolution notSeparable(long iterations, String message) {
        return new SvmSolution(OracleStatus.NOT_SEPARABLE, null, Double.NaN, null, new int[0], Double.NaN, Double.NaN,
                (int) Math.min(iterations, Integer.MAX_VALUE), message);
    }

    private enum Outcome { CONVERGED, BUDGET, SUSPECT }

    /** A finished candidate. */
    private record Candidate(double[] w, double b, double[] alpha, double kkt) {
    }

    /** Mutable state of one solve. */
    private static final class Solver {
        final Matrix x;
        final double[] a;
        final double[] y;
        final int n;
        final int d;
        final boolean intercept;
        final DualSolverOptions opt;
        final boolean activeSetFirst;
        final SplittableRandom rng;
        final double[] alpha;
        final double[] w;
        final double[] sqNorm;
        long iterations;
        long epochs;
        long nextCheck = 20;
        // SMO kernel-column cache
        double[][] columns;
        long cachedDoubles;

        Solver(Matrix x, double[] y, boolean intercept, DualSolverOptions opt, boolean activeSetFirst) {
            this.activeSetFirst = activeSetFirst;
            this.x = x;
            this.a = x.data();
            this.y = y;
            this.n = x.rows();
            this.d = x.cols();
            this.intercept = intercept;
            this.opt = opt;
            this.rng = new SplittableRandom(opt.seed());
            this.alpha = new double[n];
            this.w = new double[d];
            this.sqNorm = new double[n];
            for (int i = 0; i < n; i++) {
                sqNorm[i] = Kernels.dot(a, i * d, a, i * d, d);
            }
        }

        SvmSolution run() {
            Candidate best = null;
            if (activeSetFirst) {
                long tA = System.nanoTime();
                best = activeSetStart();
                if (DEBUG) System.err.printf("nnls start kkt=%s %.1f ms%n", best == null ? "null" : String.valueOf(best.kkt), (System.nanoTime()-tA)/1e6);
                if (best != null && best.kkt <= opt.tolerance()) {
                    return solution(OracleStatus.OPTIMAL, best, "converged: KKT residual " + best.kkt
                            + " <= " + opt.tolerance() + " (Lawson-Hanson active set, " + iterations + " outer iterations, then the support-set finish)");
                }
                if (intercept) {
                    Arrays.fill(alpha, 0.0); // SMO needs a start with sum alpha_i y_i = 0
                }
            }
            double eps = 1e-3;
            int stalls = 0;
            while (true) {
                long tA = System.nanoTime();
                Outcome out = intercept ? smo(eps) : dcd(eps);
                if (DEBUG) System.err.printf("coarse eps=%g out=%s it=%d epochs=%d %.1f ms%n", eps, out, iterations, epochs, (System.nanoTime()-tA)/1e6);
                if (out == Outcome.SUSPECT || out == Outcome.BUDGET) {
                    String certificate = gordanCertificate();
                    if (certificate != null) {
                        return notSeparable(iterations, certificate);
                    }
                    if (out == Outcome.SUSPECT) {
                        continue;
                    }
                }
                long tB = System.nanoTime();
                Candidate c = finish();
                if (DEBUG) System.err.printf("finish kkt=%s %.1f ms%n", c == null ? "null" : String.valueOf(c.kkt), (System.nanoTime()-tB)/1e6);
                if (c != null && (best == null || c.kkt < best.kkt)) {
                    best = c;
                }
                if (best != null && best.kkt <= opt.tolerance()) {
                    return solution(OracleStatus.OPTIMAL, best, "converged: KKT residual " + best.kkt
                            + " <= " + opt.tolerance() + " after " + iterations + " iterations (coarse eps " + eps + ")");
                }
                if (out == Outcome.BUDGET) {
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

        SvmSolution solution(OracleStatus status, Candidate c, String message) {
            List<Integer> sv = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (c.alpha[i] > 0) {
                    sv.add(i);
                }
            }
            int[] svs = sv.stream().mapToInt(Integer::intValue).toArray();
            double wn = Kernels.norm2(c.w);
            return new SvmSolution(status, c.w, c.b, c.alpha, svs, wn == 0 ? Double.POSITIVE_INFINITY : 1.0 / wn,
                    c.kkt, (int) Math.min(iterations, Integer.MAX_VALUE), message);
        }

        Candidate fromAlpha() {
            double[] ww = new double[d];
            recomputeW(alpha, ww);
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
            return new Candidate(ww, bb, al, kktResidual(x, y, ww, bb, al, intercept));
        }

        void recomputeW(double[] al, double[] out) {
            Arrays.fill(out, 0.0);
            for (int i = 0; i < n; i++) {
                if (al[i] != 0.0) {
                    Kernels.axpy(al[i] * y[i], a, i * d, out, 0, d);
                }
            }
        }

        /**
         * True at 20, 40, 80, ... full passes' worth of work when the dual looks unbounded: at the optimum
         * ‖w‖² = Σαᵢ, whereas on non-separable data Σαᵢ grows while w stays bounded.
         */
        boolean suspicious() {
            long work = intercept ? epochs : iterations / n;
            if (work < nextCheck) {
                return false;
            }
            nextCheck = 2 * work;
            double sa = 0;
            for (double v : alpha) {
                sa += v;
            }
            return Kernels.dot(w, w) < 0.5 * sa;
        }

        /**
         * Tries to turn the current (growing) dual iterate into a Gordan certificate of non-separability:
         * weights λ ≥ 0, Σλᵢ = 1, supported on S = {αᵢ &gt; 0}, with Σλᵢzᵢ = 0 where zᵢ = yᵢxᵢ (zᵢ = yᵢ(xᵢ, 1) with an
         * intercept). λ is the point closest to α_S/Σα satisfying the equalities (min-norm correction); it is
         * accepted if λ ≥ 0 and ‖Σλᵢzᵢ‖ ≤ 1e-12·maxᵢ‖zᵢ‖. Returns the message, or null if no certificate.
         */
        String gordanCertificate() {
            double amax = 0;
            double sa = 0;
            for (int i = 0; i < n; i++) {
                amax = Math.max(amax, alpha[i]);
                sa += alpha[i];
            }
            if (amax == 0) {
                return null;
            }
            boolean[] inS = new boolean[n];
            double[] lam = new double[n];
            for (int i = 0; i < n; i++) {
                if (alpha[i] > 1e-6 * amax) {
                    inS[i] = true;
                    lam[i] = alpha[i];
                }
            }
            int zDim = intercept ? d + 1 : d;
            int rowsM = zDim + 1;
            for (int round = 0; round < 60; round++) {
                int k = 0;
                double lsum0 = 0;
                for (int i = 0; i < n; i++) {
                    if (inS[i]) {
                        k++;
                        lsum0 += lam[i];
                    }
                }
                if (k == 0 || lsum0 <= 0) {
                    return null;
                }
                int[] s = new int[k];
                for (int i = 0, r = 0; i < n; i++) {
                    if (inS[i]) {
                        s[r++] = i;
                    }
                }
                double[] m = new double[rowsM * k];
                double zMax = 0;
                double[] lambda0 = new double[k];
                for (int r = 0; r < k; r++) {
                    int i = s[r];
                    for (int j = 0; j < d; j++) {
                        m[j * k + r] = y[i] * a[i * d + j];
                    }
                    if (intercept) {
                        m[d * k + r] = y[i];
                    }
                    m[zDim * k + r] = 1.0;
                    zMax = Math.max(zMax, Math.sqrt(sqNorm[i] + (intercept ? 1.0 : 0.0)));
                    lambda0[r] = lam[i] / lsum0;
                }
                double[] target = new double[rowsM];
                target[zDim] = 1.0;
                Matrix mm = new Matrix(rowsM, k, m);
                double[] lambda = MinNormLeastSquares.fromInitial(mm, target, lambda0).w();
                boolean negative = false;
                for (int r = 0; r < k; r++) {
                    if (!(lambda[r] >= 0)) {
                        negative = true;
                        inS[s[r]] = false;
                        lam[s[r]] = 0;
                    } else {
                        lam[s[r]] = lambda[r];
                    }
                }
                if (negative) {
                    continue;
                }
                double[] comb = mm.times(lambda);
                double resid = 0;
                for (int j = 0; j < zDim; j++) {
                    resid += comb[j] * comb[j];
                }
                resid = Math.sqrt(resid);
                if (!(resid <= 1e-12 * zMax) || Math.abs(comb[zDim] - 1.0) > 1e-9) {
                    return null;
                }
                int used = 0;
                for (double l : lambda) {
                    if (l > 0) {
                        used++;
                    }
                }
                return "data are not linearly separable" + (intercept ? "" : " through the origin")
                        + ": nonnegative weights on " + used + " samples (summing to 1) give |sum_i lambda_i y_i "
                        + (intercept ? "(x_i, 1)" : "x_i") + "| = " + resid + " <= 1e-12 * max|z_i| (Gordan certificate: no "
                        + (intercept ? "(w, b)" : "w") + " has y_i(<w, x_i>" + (intercept ? " + b" : "")
                        + ") > 0 for all i); the dual had grown to sum(alpha) = " + sa + " after " + iterations + " iterations";
            }
            return null;
        }

        // ---------------------------------------------------------------- active-set start (Lawson-Hanson)

        /**
         * Stage 0: the least-distance form min ‖w̃‖ s.t. zᵢ·w̃ ≥ 1 solved by {@link LdpNnls}, with zᵢ = yᵢxᵢ, or with an
         * intercept zᵢ = yᵢ(xᵢ, M) and w̃ = (w, b/M): the homogeneous problem in d + 1 dimensions whose objective
         * ‖w‖² + b²/M² tends to the intercept problem's as M grows (M = 100·maxᵢ‖xᵢ‖). Its support set, handed to the
         * exact finish (which solves the true problem, with b free), usually is the final one. Returns the finished
         * candidate (its α become the warm start), or null when the active-set method gave up (e.g. on non-separable
         * data, where 1 − Σuᵢ → 0); the caller then falls back to the coordinate/SMO stages.
         */
        Candidate activeSetStart() {
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
            iterations += r.iterations();
            if (DEBUG) System.err.println("  nnls: " + r.iterations() + " outer, " + (r.failure() == null ? "ok" : r.failure()));
            if (r.alpha() == null) {
                return null;
            }
            System.arraycopy(r.alpha(), 0, alpha, 0, n);
            Candidate c = finish();
            if (c != null) {
                System.arraycopy(c.alpha, 0, alpha, 0, n);
            }
            return c;
        }

        // ---------------------------------------------------------------- dual coordinate ascent (homogeneous)

        Outcome dcd(double eps) {
            recomputeW(alpha, w);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            int active = n;
            double mBar = Double.POSITIVE_INFINITY;
            while (true) {
                if (iterations >= opt.maxIterations()) {
                    return Outcome.BUDGET;
                }
                epochs++;
                for (int s = active - 1; s > 0; s--) {
                    int r = rng.nextInt(s + 1);
                    int tmp = idx[s];
                    idx[s] = idx[r];
                    idx[r] = tmp;
                }
                double pgMax = Double.NEGATIVE_INFINITY;
                double pgMin = Double.POSITIVE_INFINITY;
                for (int s = 0; s < active; s++) {
                    int i = idx[s];
                    int off = i * d;
                    double g = y[i] * Kernels.dot(a, off, w, 0, d) - 1.0;
                    double pg;
                    if (alpha[i] == 0.0) {
                        if (g > mBar) {
                            active--;
                            idx[s] = idx[active];
                            idx[active] = i;
                            s--;
                            continue;
                        }
                        pg = Math.min(g, 0.0);
                    } else {
                        pg = g;
                    }
                    pgMax = Math.max(pgMax, pg);
                    pgMin = Math.min(pgMin, pg);
                    if (pg != 0.0) {
                        double old = alpha[i];
                        double nu = Math.max(old - g / sqNorm[i], 0.0);
                        alpha[i] = nu;
                        Kernels.axpy((nu - old) * y[i], a, off, w, 0, d);
                    }
                    iterations++;
                }
                if (active == 0 || pgMax - pgMin <= eps) {
                    if (active == n) {
                        return Outcome.CONVERGED;
                    }
                    active = n;
                    mBar = Double.POSITIVE_INFINITY;
                    recomputeW(alpha, w);
                    continue;
                }
                mBar = pgMax > 0 ? pgMax : Double.POSITIVE_INFINITY;
                if (suspicious()) {
                    return Outcome.SUSPECT;
                }
            }
        }

        // ---------------------------------------------------------------- SMO with WSS2 (intercept)

        double[] column(int i) {
            if (columns == null) {
                columns = new double[n][];
            }
            double[] c = columns[i];
            if (c == null) {
                if (cachedDoubles + n > CACHE_DOUBLES) {
                    Arrays.fill(columns, null);
                    cachedDoubles = 0;
                }
                c = new double[n];
                int off = i * d;
                for (int t = 0; t < n; t++) {
                    c[t] = Kernels.dot(a, off, a, t * d, d);
                }
                columns[i] = c;
                cachedDoubles += n;
            }
            return c;
        }

        Outcome smo(double eps) {
            recomputeW(alpha, w);
            double[] g = new double[n];
            for (int t = 0; t < n; t++) {
                g[t] = y[t] * Kernels.dot(a, t * d, w, 0, d) - 1.0;
            }
            // Shrinking (LIBSVM style): act[0..activeSize) are the indices still considered.
            int[] act = new int[n];
            for (int t = 0; t < n; t++) {
                act[t] = t;
            }
            int activeSize = n;
            int shrinkCounter = Math.min(n, 1000);
            long sinceEpoch = 0;
            while (true) {
                if (iterations >= opt.maxIterations()) {
                    return Outcome.BUDGET;
                }
                double gMax = Double.NEGATIVE_INFINITY;
                int i = -1;
                for (int q = 0; q < activeSize; q++) {
                    int t = act[q];
                    if (y[t] > 0 || alpha[t] > 0) {
                        double v = -y[t] * g[t];
                        if (v >= gMax) {
                            gMax = v;
                            i = t;
                        }
                    }
                }
                double gMax2 = Double.NEGATIVE_INFINITY;
                int j = -1;
                if (i >= 0) {
                    double[] ki = column(i);
                    double kii = sqNorm[i];
                    double objMin = Double.POSITIVE_INFINITY;
                    for (int q = 0; q < activeSize; q++) {
                        int t = act[q];
                        if (y[t] < 0 || alpha[t] > 0) {
                            double v = y[t] * g[t];
                            if (v > gMax2) {
                                gMax2 = v;
                            }
                            double bit = gMax + v;
                            if (bit > 0) {
                                double ait = kii + sqNorm[t] - 2.0 * ki[t];
                                if (ait <= 0) {
                                    ait = TAU;
                                }
                                double obj = -(bit * bit) / ait;
                                if (obj <= objMin) {
                                    objMin = obj;
                                    j = t;
                                }
                            }
                        }
                    }
                }
                if (i < 0 || j < 0 || gMax + gMax2 < eps) {
                    if (activeSize == n) {
                        return Outcome.CONVERGED;
                    }
                    // Unshrink: rebuild the gradient from scratch and re-check all points.
                    recomputeW(alpha, w);
                    for (int t = 0; t < n; t++) {
                        g[t] = y[t] * Kernels.dot(a, t * d, w, 0, d) - 1.0;
                        act[t] = t;
                    }
                    activeSize = n;
                    shrinkCounter = Math.min(n, 1000);
                    continue;
                }
                if (--shrinkCounter == 0) {
                    shrinkCounter = Math.min(n, 1000);
                    for (int q = 0; q < activeSize; q++) {
                        int t = act[q];
                        if (alpha[t] == 0.0) {
                            // y=+1 at the bound can only be an "i", useless if -G_t < M = -gMax2;
                            // y=-1 at the bound can only be a "j", useless if G_t > m = gMax.
                            boolean shrink = y[t] > 0 ? g[t] > gMax2 : g[t] > gMax;
                            if (shrink) {
                                activeSize--;
                                act[q] = act[activeSize];
                                act[activeSize] = t;
                                q--;
                            }
                        }
                    }
                }
                double[] ki = column(i);
                double quad = sqNorm[i] + sqNorm[j] - 2.0 * ki[j];
                if (quad <= 0) {
                    quad = TAU;
                }
                double oldI = alpha[i];
                double oldJ = alpha[j];
                double ai = oldI;
                double aj = oldJ;
                if (y[i] != y[j]) {
                    double delta = (-g[i] - g[j]) / quad;
                    double diff = ai - aj;
                    ai += delta;
                    aj += delta;
                    if (diff > 0) {
                        if (aj < 0) {
                            aj = 0;
                            ai = diff;
                        }
                    } else if (ai < 0) {
                        ai = 0;
                        aj = -diff;
                    }
                } else {
                    double delta = (g[i] - g[j]) / quad;
                    double sum = ai + aj;
                    ai -= delta;
                    aj += delta;
                    if (aj < 0) {
                        aj = 0;
                        ai = sum;
                    }
                    if (ai < 0) {
                        ai = 0;
                        aj = sum;
                    }
                }
                alpha[i] = ai;
                alpha[j] = aj;
                double di = (ai - oldI) * y[i];
                double dj = (aj - oldJ) * y[j];
                double[] kj = column(j);
                ki = column(i); // may have been evicted by column(j)
                for (int q = 0; q < activeSize; q++) {
                    int t = act[q];
                    g[t] += y[t] * (di * ki[t] + dj * kj[t]);
                }
                Kernels.axpy(di, a, i * d, w, 0, d);
                Kernels.axpy(dj, a, j * d, w, 0, d);
                iterations++;
                if (++sinceEpoch >= n) {
                    sinceEpoch = 0;
                    epochs++;
                    if (suspicious()) {
                        return Outcome.SUSPECT;
                    }
                }
            }
        }

        // ---------------------------------------------------------------- exact finish on the support set

        Candidate finish() {
            double tol = opt.tolerance();
            double[] al = alpha.clone();
            boolean[] inS = new boolean[n];
            int size = 0;
            for (int i = 0; i < n; i++) {
                if (al[i] > 0) {
                    inS[i] = true;
                    size++;
                }
            }
            double[] ww = new double[d];
            for (int round = 0; round < 100; round++) {
                if (DEBUG) System.err.println("  finish round " + round + " |S|=" + size);
                int[] s = new int[size];
                for (int i = 0, k = 0; i < n; i++) {
                    if (inS[i]) {
                        s[k++] = i;
                    }
                }
                int k = s.length;
                if (k == 0) {
                    Arrays.fill(ww, 0.0);
                } else {
                    // w = min-norm solution of <w, x_i> (+ b) = y_i, i in S (centred when b is free).
                    double[] xs = new double[k * d];
                    double[] rhs = new double[k];
                    double[] mean = new double[d];
                    double ymean = 0;
                    for (int r = 0; r < k; r++) {
                        System.arraycopy(a, s[r] * d, xs, r * d, d);
                        rhs[r] = y[s[r]];
                        if (intercept) {
                            Kernels.axpy(1.0 / k, a, s[r] * d, mean, 0, d);
                            ymean += y[s[r]] / k;
                        }
                    }
                    if (intercept) {
                        for (int r = 0; r < k; r++) {
                            for (int j = 0; j < d; j++) {
                                xs[r * d + j] -= mean[j];
                            }
                            rhs[r] -= ymean;
                        }
                    }
                    double[] wS = MinNormLeastSquares.solve(new Matrix(k, d, xs), rhs).w();
                    // beta = alpha_S * y_S closest to the current one with X_S^T beta = w (and 1^T beta = 0).
                    int rowsM = intercept ? d + 1 : d;
                    double[] m = new double[rowsM * k];
                    for (int r = 0; r < k; r++) {
                        int off = s[r] * d;
                        for (int j = 0; j < d; j++) {
                            m[j * k + r] = a[off + j];
                        }
                        if (intercept) {
                            m[d * k + r] = 1.0;
                        }
                    }
                    double[] target = Arrays.copyOf(wS, rowsM);
                    double[] beta = new double[k];
                    for (int r = 0; r < k; r++) {
                        beta[r] = al[s[r]] * y[s[r]];
                    }
                    beta = MinNormLeastSquares.fromInitial(new Matrix(rowsM, k, m), target, beta).w();
                    boolean dropped = false;
                    for (int r = 0; r < k; r++) {
                        double v = beta[r] * y[s[r]];
                        if (v <= 0) {
                            inS[s[r]] = false;
                            al[s[r]] = 0;
                            size--;
                            dropped = true;
                        } else {
                            al[s[r]] = v;
                        }
                    }
                    if (dropped) {
                        continue;
                    }
                    recomputeW(al, ww);
                }
                double bb = 0;
                if (intercept && k > 0) {
                    for (int r = 0; r < k; r++) {
                        bb += y[s[r]] - Kernels.dot(a, s[r] * d, ww, 0, d);
                    }
                    bb /= k;
                }
                // Add the worst violators outside S.
                int maxAdd = Math.max(1, Math.min(d + 1, 8));
                int[] worst = new int[maxAdd];
                double[] worstM = new double[maxAdd];
                int nWorst = 0;
                for (int i = 0; i < n; i++) {
                    if (inS[i]) {
                        continue;
                    }
                    double mi = y[i] * (Kernels.dot(a, i * d, ww, 0, d) + bb);
                    if (mi < 1.0 - tol) {
                        // insertion into a small sorted list (ascending margin)
                        int pos = nWorst;
                        while (pos > 0 && worstM[pos - 1] > mi) {
                            pos--;
                        }
                        if (pos < maxAdd) {
                            int last = Math.min(nWorst, maxAdd - 1);
                            for (int q = last; q > pos; q--) {
                                worst[q] = worst[q - 1];
                                worstM[q] = worstM[q - 1];
                            }
                            worst[pos] = i;
                            worstM[pos] = mi;
                            nWorst = Math.min(nWorst + 1, maxAdd);
                        }
                    }
                }
                if (nWorst > 0) {
                    for (int q = 0; q < nWorst; q++) {
                        inS[worst[q]] = true;
                        size++;
                    }
                    continue;
                }
                return new Candidate(ww.clone(), bb, al, kktResidual(x, y, ww, bb, al, intercept));
            }
            return null;
        }
    }
}
