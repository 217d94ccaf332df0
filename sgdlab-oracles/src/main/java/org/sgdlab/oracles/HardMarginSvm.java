package org.sgdlab.oracles;

import java.util.Objects;
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
 *       Both stop when the maximal violation of the projected-gradient optimality condition is below ε
 *       ({@link HardMarginDualAscent}).</li>
 *   <li><b>Exact finish on the support set.</b> With S = {i : αᵢ &gt; 0}, w is the minimum-norm solution of
 *       the equalities ⟨w, xᵢ⟩ + b = yᵢ (i ∈ S) — with an intercept, of the centred system after eliminating
 *       b — computed by {@link MinNormLeastSquares}; the multipliers are then the αs closest to the coarse
 *       ones that reproduce w exactly, α_S ← α_S + M⁺(target − M α_S) with M = [y_S∘X_Sᵀ; y_Sᵀ]. Points whose
 *       multiplier turns negative leave S; points whose margin drops below 1 − tol join S; repeat
 *       ({@link HardMarginSupportFinish}, on the active-set loop {@link SupportSetFinish} shared with
 *       {@link MulticlassSvm}). The result
 *       is accepted when its KKT residual is at most the tolerance; otherwise ε is divided by 100 and stage 1
 *       resumes from the current αs (warm start).</li>
 *   <li><b>Non-separability certificate.</b> On non-separable data the dual is unbounded: Σαᵢ grows while
 *       w = Σαᵢyᵢxᵢ stays bounded (at a finite optimum ‖w‖² = Σαᵢ). At 20, 40, 80, ... passes' worth of work, if
 *       ‖w‖² &lt; ½Σαᵢ, and when the budget runs out, the iterate is turned into a Gordan certificate (Gordan 1873:
 *       exactly one of "∃w: Zw &gt; 0" and "∃λ ≥ 0, λ ≠ 0: Zᵀλ = 0" holds, with rows zᵢ = yᵢxᵢ, or yᵢ(xᵢ, 1) with an
 *       intercept): λ ≥ 0 with Σλᵢ = 1 and ‖Σλᵢzᵢ‖ ≤ 1e-12·max‖zᵢ‖ (the maximum over the certificate's support),
 *       obtained as the min-norm correction of α/Σα on its support ({@link GordanCertificate}). Then the status is {@link OracleStatus#NOT_SEPARABLE}, w is null and the message states the
 *       certificate. (Separability, conversely, is certified by the OPTIMAL solution itself: all margins ≥ 1.)
 *       ojAlgo's LP solver was tried for this and rejected: on a separable 500 × 20 problem it took 72 s.</li>
 * </ol>
 *
 * <p>All randomness (the coordinate order) comes from {@link DualSolverOptions#seed()}, so results are reproducible.
 * The stages run in {@link HardMarginSvmSolver}; their times and residuals are logged ({@link System.Logger}, level DEBUG)
 * under this class's name.
 */
public final class HardMarginSvm {
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
        return new HardMarginSvmSolver(x, y, fitIntercept, options, activeSetFirst).run();
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

    static SvmSolution notSeparable(long iterations, String message) {
        return new SvmSolution(OracleStatus.NOT_SEPARABLE, null, Double.NaN, null, new int[0], Double.NaN, Double.NaN,
                (int) Math.min(iterations, Integer.MAX_VALUE), message);
    }
}
