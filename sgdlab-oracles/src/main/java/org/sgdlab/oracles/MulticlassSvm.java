package org.sgdlab.oracles;

import java.util.Objects;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * Hard-margin multiclass SVM of Crammer &amp; Singer ("On the algorithmic implementation of multiclass kernel-based vector
 * machines", JMLR 2, 2001) without slack and without intercepts — the limit direction of gradient descent on separable
 * multiclass cross-entropy (Soudry et al. 2018, §4). Labels are 0..K−1.
 *
 * <pre>
 *   primal:  min ½ Σ_k ‖w_k‖²   s.t.  ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1   for all i and all k ≠ yᵢ        (n(K−1) constraints)
 *   dual:    max Σ_{i,k≠yᵢ} α_{i,k} − ½ Σ_k ‖w_k(α)‖²   s.t.  α ≥ 0,
 *            w_k(α) = Σᵢ β_{i,k} xᵢ,   β_{i,k} = [k = yᵢ]·Σ_{k'≠yᵢ} α_{i,k'} − [k ≠ yᵢ]·α_{i,k}
 * </pre>
 * Derivation: the Lagrangian ½Σ‖w_k‖² − Σ α_{i,k}(⟨w_{yᵢ} − w_k, xᵢ⟩ − 1) is stationary in w_k exactly at w_k(α) (each
 * multiplier pushes +xᵢ into the true class's vector and −xᵢ into class k's); substituting gives the dual. At the optimum
 * (strong duality) Σ_k‖w_k‖² = Σα. The brief's objective Σ_k‖w_k‖² (without ½) has the same minimiser; its multipliers
 * are 2α.
 *
 * <p>Binary case (K = 2): with v = w₁ − w₀ the constraints are exactly those of the homogeneous binary SVM with labels
 * ỹ = +1 for class 1 and −1 for class 0; for fixed v, ‖w₀‖² + ‖w₁‖² is minimised at w₁ = −w₀ = v/2 with value ‖v‖²/2,
 * so v = w_svm of {@link HardMarginSvm} (homogeneous), w₁ = −w₀ = w_svm/2, Σ_k‖w_k‖² = ‖w_svm‖²/2 and, where the SVM
 * multipliers are unique, α_{i,1−yᵢ} = α_svm,i / 2.
 *
 * <p>Algorithm (as {@link HardMarginSvm}): (1) dual coordinate ascent over the n(K−1) variables, sample by sample in a
 * seeded random order; the exact coordinate maximiser is α_{i,k} ← max(0, α_{i,k} + (1 − m_{i,k})/(2‖xᵢ‖²)) with
 * m_{i,k} = ⟨w_{yᵢ} − w_k, xᵢ⟩ (the coordinate moves w_{yᵢ} by +δxᵢ and w_k by −δxᵢ, curvature 2‖xᵢ‖²), until the largest
 * projected-gradient violation is ≤ ε; (2) exact finish on the support S = {α &gt; 0}: the minimum-norm W with
 * m_{i,k}(W) = 1 on S is W = M_Sᵀβ with (M_S M_Sᵀ)β = 1 (M_S the constraint rows (e_{yᵢ} − e_k) ⊗ xᵢ; the Gram matrix comes
 * from the kernel ⟨xᵢ, x_{i'}⟩), solved by Cholesky with iterative refinement, and β are the multipliers (stationarity
 * holds by construction). A non-positive β leaves S (the most negative first); violated constraints join it; a singular
 * Gram (dependent rows — the support can have at most (K−1)d independent rows, since every row has block sum 0) is
 * reduced Carathéodory-style, moving α_S along a null vector of M_Sᵀ (W unchanged) until a multiplier hits 0. The result
 * is accepted when its KKT residual is ≤ the tolerance; otherwise ε /= 100 and (1) resumes warm. Where the multipliers
 * are not unique (degenerate data, e.g. symmetric configurations) any valid set is returned. The finish is also tried (for at most 30
 * active-set rounds) at 100, 200, 400, ... epochs of coordinate ascent and when the budget runs out, since on small-margin data the ascent
 * identifies the support long before its projected gradient is small.
 * (3) Non-separability: the dual is then unbounded (Σα grows while W stays bounded). At 20, 40, 80, ... epochs, if
 * ‖W‖² &lt; ½Σα, and when the budget runs out, the iterate is turned into a Gordan certificate: weights λ ≥ 0, Σλ = 1 on
 * the constraints with ‖Σλ_{i,k}(e_{yᵢ} − e_k)⊗xᵢ‖ ≤ 1e-12·maxᵢ√2‖xᵢ‖ (no W satisfies all m_{i,k}(W) &gt; 0).
 * (4) Degenerate, tiny-margin supports: there the active-set finish from the ascent's support can cycle and the ascent
 * may not reach the ε needed within the budget (measured before this step existed: 4 of 72 random problems with n ≤ 500,
 * d ∈ {5, 20, 50}, K ∈ {2, 3, 4} and labels from an argmax with no gap ended MAX_ITERATIONS, e.g. n = 500, d = 5, K = 4).
 * So the first time a finish fails to certify (and K·d + 1 ≤ {@value #LDP_MAX_COLUMNS}), the support is identified by
 * Lawson and Hanson's least-distance method instead — the primal as a non-negative least-squares problem, solved by their
 * finite active-set algorithm ({@link LdpNnls}, the same code as {@link HardMarginSvm}'s first stage, reading the rows
 * (e_{yᵢ} − e_k) ⊗ xᵢ through {@link MulticlassRows} without forming them) — and polished by the finish above; see
 * {@link MulticlassSvmSolver#ldpFinish}. With it all 108 problems of
 * such a sweep (n ∈ {50, 100, 300, 500} × d ∈ {5, 20, 50} × K ∈ {2, 3, 4}, three seeds each, no gap) end OPTIMAL, the
 * slowest in 0.7 s. Any result is still only OPTIMAL when its KKT residual is ≤ the tolerance;
 * otherwise MAX_ITERATIONS or INACCURATE with the (honest) residual.
 *
 * <p>Classes: the stages run in {@link MulticlassSvmSolver} ((1) {@link MulticlassDualAscent}, (2)
 * {@link MulticlassSupportFinish} on the active-set loop {@link SupportSetFinish} shared with {@link HardMarginSvm}, (3)
 * {@link GordanCertificate}); their times and residuals are logged ({@link System.Logger}, level DEBUG) under this
 * class's name.
 */
public final class MulticlassSvm {
    /** The Lawson–Hanson finish is tried only when K·d + 1 (the most columns its passive set can hold) is at most this. */
    static final int LDP_MAX_COLUMNS = 1025;

    private MulticlassSvm() {
    }

    /** Solves with {@link DualSolverOptions#defaults()}. */
    public static MulticlassSvmSolution solve(Matrix x, int[] y, int numClasses) {
        return solve(x, y, numClasses, DualSolverOptions.defaults());
    }

    /**
     * Solves the hard-margin multiclass SVM on the rows of {@code x} with labels {@code y} in 0..numClasses−1.
     *
     * @throws IllegalArgumentException if a label is outside 0..K−1 (naming the row and value), K &lt; 2, shapes disagree,
     *                                  n = 0 or an entry is not finite
     */
    public static MulticlassSvmSolution solve(Matrix x, int[] y, int numClasses, DualSolverOptions options) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(options, "options");
        int n = x.rows();
        int d = x.cols();
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
        }
        if (y.length != n) {
            throw new IllegalArgumentException("y has length " + y.length + " but X has " + n + " rows");
        }
        if (n == 0) {
            throw new IllegalArgumentException("the multiclass SVM needs at least one sample");
        }
        for (int i = 0; i < n; i++) {
            if (y[i] < 0 || y[i] >= numClasses) {
                throw new IllegalArgumentException("row " + i + ": label must be in 0.." + (numClasses - 1) + ", got " + y[i]);
            }
        }
        double[] a = x.data();
        for (int k = 0; k < a.length; k++) {
            if (!Double.isFinite(a[k])) {
                throw new IllegalArgumentException("row " + (k / d) + ", column " + (k % d) + ": entry is not finite: " + a[k]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (Kernels.dot(a, i * d, a, i * d, d) == 0.0) {
                double[][] cert = new double[n][numClasses];
                cert[i][y[i] == 0 ? 1 : 0] = 1.0;
                return notSeparable(cert, 0, "data are not separable: row " + i
                        + " is zero, so <w_y - w_k, x_i> >= 1 cannot hold");
            }
        }
        return new MulticlassSvmSolver(x, y, numClasses, options).run();
    }

    /**
     * The Lawson–Hanson least-distance method alone (no coordinate ascent), for separable data of moderate size; the tests
     * use it as an independent second solver. OPTIMAL when its polished result meets the tolerance, else INACCURATE.
     */
    static MulticlassSvmSolution solveByLeastDistance(Matrix x, int[] y, int numClasses, DualSolverOptions options) {
        MulticlassSvmSolver s = new MulticlassSvmSolver(x, y, numClasses, options);
        double[][] r = s.ldpFinish();
        if (r == null) {
            return s.result(OracleStatus.INACCURATE, new double[numClasses * x.cols()], new double[x.rows() * numClasses],
                    Double.NaN, "the least-distance method did not settle");
        }
        double kkt = s.kkt(r[0], r[1]);
        return s.result(kkt <= options.tolerance() ? OracleStatus.OPTIMAL : OracleStatus.INACCURATE, r[0], r[1], kkt,
                "least-distance method: KKT residual " + kkt);
    }

    /**
     * The KKT residual of (W, α), scale-aware (invariant under x → c·x, W → W/c, α → α/c²). With margins
     * m_{i,k} = ⟨w_{yᵢ} − w_k, xᵢ⟩ (k ≠ yᵢ) and ‖α‖∞ = max|α_{i,k}| (1 if α = 0) it is the maximum of: primal infeasibility
     * max(0, 1 − m_{i,k}); dual infeasibility max(0, −α_{i,k})/‖α‖∞; complementarity |α_{i,k}|/‖α‖∞·|m_{i,k} − 1|;
     * stationarity ‖W − W(α)‖₂/‖W‖₂ (Frobenius; absolute when W = 0).
     *
     * @param w     K × d
     * @param alpha n × K (entries at k = yᵢ are ignored)
     */
    public static double kktResidual(Matrix x, int[] y, double[][] w, double[][] alpha) {
        int n = x.rows();
        int d = x.cols();
        int kk = w.length;
        double[] a = x.data();
        double amax = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < kk; k++) {
                if (k != y[i]) {
                    amax = Math.max(amax, Math.abs(alpha[i][k]));
                }
            }
        }
        if (amax == 0) {
            amax = 1;
        }
        double res = 0;
        double[][] s = new double[kk][d];
        double[] score = new double[kk];
        for (int i = 0, off = 0; i < n; i++, off += d) {
            for (int k = 0; k < kk; k++) {
                score[k] = Kernels.dot(a, off, w[k], 0, d);
            }
            for (int k = 0; k < kk; k++) {
                if (k == y[i]) {
                    continue;
                }
                double m = score[y[i]] - score[k];
                double al = alpha[i][k];
                res = Math.max(res, Math.max(0.0, 1.0 - m));
                res = Math.max(res, Math.max(0.0, -al) / amax);
                res = Math.max(res, Math.abs(al) / amax * Math.abs(m - 1.0));
                if (al != 0.0) {
                    Kernels.axpy(al, a, off, s[y[i]], 0, d);
                    Kernels.axpy(-al, a, off, s[k], 0, d);
                }
            }
        }
        double diff = 0;
        double wn = 0;
        for (int k = 0; k < kk; k++) {
            for (int j = 0; j < d; j++) {
                double e = w[k][j] - s[k][j];
                diff += e * e;
                wn += w[k][j] * w[k][j];
            }
        }
        wn = Math.sqrt(wn);
        return Math.max(res, Math.sqrt(diff) / (wn > 0 ? wn : 1.0));
    }

    static MulticlassSvmSolution notSeparable(double[][] cert, long iterations, String message) {
        return new MulticlassSvmSolution(OracleStatus.NOT_SEPARABLE, null, cert, new int[0][], Double.NaN, Double.NaN,
                iterations, message);
    }
}
