package org.sgdlab.oracles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
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
 * finite active-set algorithm — and polished by the finish above; see {@code ldpFinish}. With it all 108 problems of
 * such a sweep (n ∈ {50, 100, 300, 500} × d ∈ {5, 20, 50} × K ∈ {2, 3, 4}, three seeds each, no gap) end OPTIMAL, the
 * slowest in 0.7 s. Any result is still only OPTIMAL when its KKT residual is ≤ the tolerance;
 * otherwise MAX_ITERATIONS or INACCURATE with the (honest) residual.
 */
public final class MulticlassSvm {
    /** The Lawson–Hanson finish is tried only when K·d + 1 (the most columns its passive set can hold) is at most this. */
    static final int LDP_MAX_COLUMNS = 1025;

    private static final boolean DEBUG = Boolean.parseBoolean(System.getProperty("sgdlab.mcsvm.debug", "false"));

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
        return new Solver(x, y, numClasses, options).run();
    }

    /**
     * The Lawson–Hanson least-distance method alone (no coordinate ascent), for separable data of moderate size; the tests
     * use it as an independent second solver. OPTIMAL when its polished result meets the tolerance, else INACCURATE.
     */
    static MulticlassSvmSolution solveByLeastDistance(Matrix x, int[] y, int numClasses, DualSolverOptions options) {
        Solver s = new Solver(x, y, numClasses, options);
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

    private static MulticlassSvmSolution notSeparable(double[][] cert, long iterations, String message) {
        return new MulticlassSvmSolution(OracleStatus.NOT_SEPARABLE, null, cert, new int[0][], Double.NaN, Double.NaN,
                iterations, message);
    }

    private enum Outcome { CONVERGED, BUDGET, SUSPECT, CHECKPOINT }

    private static final class Solver {
        final Matrix x;
        final double[] a;
        final int[] y;
        final int n;
        final int d;
        final int kk;
        final DualSolverOptions opt;
        final SplittableRandom rng;
        final double[] alpha; // n*K, alpha[i*K + y_i] == 0
        final double[] w;     // K*d
        final double[] sqNorm;
        long iterations;
        long epochs;
        long nextCheck = 20;
        long nextFinish = 100;
        boolean ldpTried;

        Solver(Matrix x, int[] y, int kk, DualSolverOptions opt) {
            this.x = x;
            this.a = x.data();
            this.y = y;
            this.n = x.rows();
            this.d = x.cols();
            this.kk = kk;
            this.opt = opt;
            this.rng = new SplittableRandom(opt.seed());
            this.alpha = new double[n * kk];
            this.w = new double[kk * d];
            this.sqNorm = new double[n];
            for (int i = 0; i < n; i++) {
                sqNorm[i] = Kernels.dot(a, i * d, a, i * d, d);
            }
        }

        MulticlassSvmSolution run() {
            double eps = 1e-3;
            double bestKkt = Double.POSITIVE_INFINITY;
            double[] bestW = null;
            double[] bestA = null;
            int stalls = 0;
            while (true) {
                long tA = System.nanoTime();
                Outcome out = dca(eps);
                if (DEBUG) System.err.printf("dca eps=%g out=%s it=%d epochs=%d %.1f ms%n", eps, out, iterations, epochs, (System.nanoTime()-tA)/1e6);
                if (out == Outcome.SUSPECT || out == Outcome.BUDGET) {
                    String cert = gordanCertificate();
                    if (cert != null) {
                        return notSeparable(certificateArray, iterations, cert);
                    }
                    if (out == Outcome.SUSPECT) {
                        continue; // suspicious but no certificate yet: keep ascending
                    }
                }
                // CONVERGED, CHECKPOINT or BUDGET: try the exact finish from the current multipliers.
                tA = System.nanoTime();
                double[][] fin = finish(alpha, out == Outcome.CHECKPOINT ? 30 : 1000);
                if (DEBUG) System.err.printf("finish %s %.1f ms%n", fin == null ? "null" : String.valueOf(kkt(fin[0], fin[1])), (System.nanoTime()-tA)/1e6);
                if (fin != null) {
                    double kkt = kkt(fin[0], fin[1]);
                    if (kkt < bestKkt) {
                        bestKkt = kkt;
                        bestW = fin[0];
                        bestA = fin[1];
                        stalls = 0;
                    } else if (out == Outcome.CONVERGED) {
                        stalls++;
                    }
                    if (kkt <= opt.tolerance()) {
                        return result(OracleStatus.OPTIMAL, fin[0], fin[1], kkt, "optimal: KKT residual " + kkt);
                    }
                }
                if (!ldpTried && kk * d + 1 <= LDP_MAX_COLUMNS && (fin == null || kkt(fin[0], fin[1]) > opt.tolerance())) {
                    // The active-set finish from the ascent's support did not certify (it can cycle on degenerate,
                    // tiny-margin supports): identify the support by the finite Lawson–Hanson method instead.
                    ldpTried = true;
                    tA = System.nanoTime();
                    double[][] exact = ldpFinish();
                    if (DEBUG) System.err.printf("LDP finish %s %.1f ms%n", exact == null ? "null" : String.valueOf(kkt(exact[0], exact[1])), (System.nanoTime()-tA)/1e6);
                    if (exact != null) {
                        double kkt = kkt(exact[0], exact[1]);
                        if (kkt <= opt.tolerance()) {
                            return result(OracleStatus.OPTIMAL, exact[0], exact[1], kkt,
                                    "optimal (support from the Lawson-Hanson least-distance finish): KKT residual " + kkt);
                        }
                        if (kkt < bestKkt) {
                            bestKkt = kkt;
                            bestW = exact[0];
                            bestA = exact[1];
                        }
                    }
                }
                if (out == Outcome.BUDGET) {
                    double[] fw = bestW != null ? bestW : w.clone();
                    double[] fa = bestA != null ? bestA : alpha.clone();
                    double kkt = kkt(fw, fa);
                    return result(OracleStatus.MAX_ITERATIONS, fw, fa, kkt,
                            "iteration budget " + opt.maxIterations() + " exhausted; KKT residual " + kkt
                            + " (no non-separability certificate found either)");
                }
                if (out == Outcome.CHECKPOINT) {
                    continue;
                }
                if (eps < 1e-14 || stalls >= 3) {
                    double[] fw = bestW != null ? bestW : w.clone();
                    double[] fa = bestA != null ? bestA : alpha.clone();
                    double kkt = kkt(fw, fa);
                    return result(OracleStatus.INACCURATE, fw, fa, kkt,
                            "could not reach the KKT tolerance " + opt.tolerance() + "; best residual " + kkt);
                }
                eps /= 100;
            }
        }

        double kkt(double[] flatW, double[] flatA) {
            return kktResidual(x, y, unflatten(flatW, kk, d), unflatten(flatA, n, kk));
        }

        MulticlassSvmSolution result(OracleStatus status, double[] flatW, double[] flatA, double kkt, String message) {
            List<int[]> sup = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < kk; k++) {
                    if (flatA[i * kk + k] > 0) {
                        sup.add(new int[] {i, k});
                    }
                }
            }
            double obj = Kernels.dot(flatW, flatW);
            return new MulticlassSvmSolution(status, unflatten(flatW, kk, d), unflatten(flatA, n, kk),
                    sup.toArray(new int[0][]), obj, kkt, iterations, message + "; " + sup.size()
                    + " support constraints, sum_k ||w_k||^2 = " + obj + ", " + iterations + " coordinate updates");
        }

        static double[][] unflatten(double[] v, int rows, int cols) {
            double[][] m = new double[rows][];
            for (int r = 0; r < rows; r++) {
                m[r] = Arrays.copyOfRange(v, r * cols, r * cols + cols);
            }
            return m;
        }

        void recomputeW(double[] al, double[] out) {
            Arrays.fill(out, 0.0);
            for (int i = 0; i < n; i++) {
                int yi = y[i];
                for (int k = 0; k < kk; k++) {
                    double v = al[i * kk + k];
                    if (v != 0.0 && k != yi) {
                        Kernels.axpy(v, a, i * d, out, yi * d, d);
                        Kernels.axpy(-v, a, i * d, out, k * d, d);
                    }
                }
            }
        }

        // ------------------------------------------------------------------ dual coordinate ascent

        Outcome dca(double eps) {
            recomputeW(alpha, w);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            double[] score = new double[kk];
            while (true) {
                if (iterations >= opt.maxIterations()) {
                    return Outcome.BUDGET;
                }
                epochs++;
                for (int s = n - 1; s > 0; s--) {
                    int r = rng.nextInt(s + 1);
                    int tmp = idx[s];
                    idx[s] = idx[r];
                    idx[r] = tmp;
                }
                double viol = 0;
                for (int s = 0; s < n; s++) {
                    int i = idx[s];
                    int off = i * d;
                    int yi = y[i];
                    for (int k = 0; k < kk; k++) {
                        score[k] = Kernels.dot(a, off, w, k * d, d);
                    }
                    double q = sqNorm[i];
                    for (int k = 0; k < kk; k++) {
                        if (k == yi) {
                            continue;
                        }
                        double g = 1.0 - (score[yi] - score[k]); // dual gradient
                        double old = alpha[i * kk + k];
                        double pg = old > 0 ? Math.abs(g) : Math.max(0.0, g);
                        viol = Math.max(viol, pg / Math.sqrt(q));
                        if (pg != 0.0) {
                            double nu = Math.max(0.0, old + g / (2.0 * q));
                            double delta = nu - old;
                            if (delta != 0.0) {
                                alpha[i * kk + k] = nu;
                                Kernels.axpy(delta, a, off, w, yi * d, d);
                                Kernels.axpy(-delta, a, off, w, k * d, d);
                                score[yi] += delta * q;
                                score[k] -= delta * q;
                            }
                        }
                        iterations++;
                    }
                }
                if (viol <= eps) {
                    return Outcome.CONVERGED;
                }
                if (suspicious()) {
                    return Outcome.SUSPECT;
                }
                if (epochs >= nextFinish) {
                    nextFinish = 2 * epochs;
                    return Outcome.CHECKPOINT;
                }
            }
        }

        boolean suspicious() {
            if (epochs < nextCheck) {
                return false;
            }
            nextCheck = 2 * epochs;
            double sa = 0;
            for (double v : alpha) {
                sa += v;
            }
            return Kernels.dot(w, w) < 0.5 * sa;
        }

        // ------------------------------------------------------------------ exact finish on the support set

        /** Row of M for constraint (i, k): +xᵢ in block yᵢ, −xᵢ in block k (length K·d). */
        void fillRow(int i, int k, double[] m, int off) {
            System.arraycopy(a, i * d, m, off + y[i] * d, d);
            for (int j = 0; j < d; j++) {
                m[off + k * d + j] = -a[i * d + j];
            }
        }

        /**
         * Gram entry ⟨row(i,k), row(i',k')⟩ of the constraint matrix M (row(i,k) = (e_{yᵢ} − e_k) ⊗ xᵢ).
         */
        double gram(int i, int k, int i2, int k2) {
            double c = (y[i] == y[i2] ? 1 : 0) - (y[i] == k2 ? 1 : 0) - (k == y[i2] ? 1 : 0) + (k == k2 ? 1 : 0);
            return c == 0 ? 0.0 : c * Kernels.dot(a, i * d, a, i2 * d, d);
        }

        /**
         * Exact finish on the support set. For S = {(i,k): α &gt; 0} the minimum-norm W with m_{i,k}(W) = 1 on S is
         * W = M_Sᵀβ with (M_S M_Sᵀ)β = 1, and β are then the multipliers (stationarity holds by construction). The Gram
         * system is solved by Cholesky with two steps of iterative refinement. A singular Gram (degenerate support: more
         * tight constraints than the (K−1)d effective dimensions, typically a coarse multiplier on its way to 0) drops
         * the smallest multiplier; a non-positive β drops the most negative one; violated constraints outside S join it
         * (the 8 worst at a time). Returns {W, α} (flat) or null after maxRounds rounds.
         */
        double[][] finish(double[] start, int maxRounds) {
            double tol = opt.tolerance();
            int cols = kk * d;
            double[] al = start.clone();
            boolean[] inS = new boolean[n * kk];
            for (int c = 0; c < n * kk; c++) {
                inS[c] = al[c] > 0;
            }
            double[] ww = new double[cols];
            double[] score = new double[kk];
            for (int round = 0; round < maxRounds; round++) {
                int size = 0;
                for (boolean b : inS) {
                    size += b ? 1 : 0;
                }
                int[] s = new int[size];
                for (int c = 0, r = 0; c < n * kk; c++) {
                    if (inS[c]) {
                        s[r++] = c;
                    }
                }
                int k = s.length;
                if (k > 0) {
                    double[] g = new double[k * k];
                    for (int r = 0; r < k; r++) {
                        for (int q = 0; q <= r; q++) {
                            double v = gram(s[r] / kk, s[r] % kk, s[q] / kk, s[q] % kk);
                            g[r * k + q] = v;
                            g[q * k + r] = v;
                        }
                    }
                    double[] l = cholesky(g, k);
                    if (l == null && maxRounds <= 30) {
                        return null; // a cheap checkpoint attempt: leave degenerate supports to the converged finish
                    }
                    if (l == null) {
                        // Dependent rows: move α_S along a null vector ν of M_Sᵀ (W = M_Sᵀα unchanged) until a
                        // multiplier reaches 0 (Carathéodory reduction) and drop it; if no null vector is found at the
                        // Cholesky threshold, drop the smallest multiplier.
                        double[] m = new double[k * cols];
                        double[] aS = new double[k];
                        for (int r = 0; r < k; r++) {
                            fillRow(s[r] / kk, s[r] % kk, m, r * cols);
                            aS[r] = al[s[r]];
                        }
                        Matrix ms = new Matrix(k, cols, m);
                        double[] nu = MinNormLeastSquares.projectOntoNullSpace(ms.transpose(), aS, 1e-6);
                        int drop = -1;
                        double tMin = Double.POSITIVE_INFINITY;
                        double nuMax = 0;
                        for (double v : nu) {
                            nuMax = Math.max(nuMax, Math.abs(v));
                        }
                        if (nuMax > 1e-9 * Kernels.norm2(aS)) {
                            for (int r = 0; r < k; r++) {
                                if (nu[r] > 1e-12 * nuMax && aS[r] / nu[r] < tMin) {
                                    tMin = aS[r] / nu[r];
                                    drop = r;
                                }
                            }
                        }
                        if (drop >= 0) {
                            for (int r = 0; r < k; r++) {
                                al[s[r]] = Math.max(0.0, aS[r] - tMin * nu[r]);
                            }
                            drop = s[drop];
                        } else {
                            drop = s[0];
                            for (int r = 1; r < k; r++) {
                                if (al[s[r]] < al[drop]) {
                                    drop = s[r];
                                }
                            }
                        }
                        if (DEBUG) System.err.println("    singular Gram, dropping " + drop);
                        inS[drop] = false;
                        al[drop] = 0;
                        continue;
                    }
                    double[] ones = new double[k];
                    Arrays.fill(ones, 1.0);
                    double[] beta = cholSolve(l, k, ones);
                    for (int refine = 0; refine < 2; refine++) {
                        double[] res = ones.clone();
                        for (int r = 0; r < k; r++) {
                            double t = 0;
                            for (int q = 0; q < k; q++) {
                                t += g[r * k + q] * beta[q];
                            }
                            res[r] -= t;
                        }
                        double[] corr = cholSolve(l, k, res);
                        for (int r = 0; r < k; r++) {
                            beta[r] += corr[r];
                        }
                    }
                    int worst = -1;
                    for (int r = 0; r < k; r++) {
                        if (!(beta[r] > 0) && (worst < 0 || beta[r] < beta[worst])) {
                            worst = r;
                        }
                    }
                    if (worst >= 0) {
                        inS[s[worst]] = false;
                        al[s[worst]] = 0;
                        continue;
                    }
                    Arrays.fill(al, 0.0);
                    for (int r = 0; r < k; r++) {
                        al[s[r]] = beta[r];
                    }
                } else {
                    Arrays.fill(al, 0.0);
                }
                if (addViolators(al, inS, ww, score, tol)) {
                    if (DEBUG) System.err.println("  finish after " + round + " rounds, |S| = " + k);
                    return new double[][] {ww.clone(), al};
                }
            }
            return null;
        }

        // ------------------------------------------------------------------ Lawson–Hanson least-distance finish

        /**
         * Support identification by least-distance programming (Lawson and Hanson, "Solving Least Squares Problems", 1974,
         * ch. 23): min ½‖W‖² s.t. M W ≥ 1 becomes the non-negative least-squares problem min_{u ≥ 0} ‖E u − e_last‖² where
         * E has one column (row_c of M, 1) per constraint c = (i, k). With r = e_last − E u the solution is
         * W = −r_top/r_last = Mᵀu/(1 − Σu), with multipliers α = u/(1 − Σu). The NNLS is solved by Lawson–Hanson's active-set
         * method, which is finite: a column enters the passive set P only while its dual e_cᵀr = (1 − Σu)(1 − m_c(W)) is
         * positive (its constraint is violated by the current W), entering columns are independent of the passive ones (so
         * (G + 11ᵀ)_PP, G the Gram matrix of M's rows, stays positive definite and is factored incrementally), and when the
         * passive solve leaves the orthant the iterate moves only to the boundary and the columns reaching 0 leave P. Unlike
         * {@link #finish}'s jumps this cannot cycle (in exact arithmetic). The final P seeds {@link #finish}, which polishes W
         * and α to full precision on that support. Returns finish's {W, α} (flat), or null if the method does not settle
         * (round-off on a degenerate support, or non-separable data, where Σu → 1).
         */
        double[][] ldpFinish() {
            int m = n * kk;
            int cap = Math.min(n * (kk - 1), kk * d + 1) + 1;
            int[] pas = new int[cap];
            int p = 0;
            boolean[] inP = new boolean[m];
            boolean[] banned = new boolean[m];
            double[] u = new double[m];
            double[] l = new double[cap * cap];
            double[] v = new double[kk * d];
            double[] score = new double[kk];
            int maxIter = 5 * cap + 50;
            for (int it = 0; it < maxIter; it++) {
                recomputeW(u, v); // V = Mᵀu = (1 − Σu)·W
                double s = 0;
                for (int q = 0; q < p; q++) {
                    s += u[pas[q]];
                }
                double slack = 1 - s; // = r_last = 1/(1 + ‖W‖²) > 0 while the data are separable
                if (!(slack > 1e-300)) {
                    return null;
                }
                int best = -1;
                double bestDual = 1e-13 * slack; // a relative margin violation below 1e-13 is left to finish()
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < kk; c++) {
                        score[c] = Kernels.dot(a, i * d, v, c * d, d);
                    }
                    for (int c = 0; c < kk; c++) {
                        int idx = i * kk + c;
                        if (c != y[i] && !inP[idx] && !banned[idx]) {
                            double dual = slack - (score[y[i]] - score[c]);
                            if (dual > bestDual) {
                                bestDual = dual;
                                best = idx;
                            }
                        }
                    }
                }
                if (best < 0) {
                    double[] al = new double[m];
                    for (int q = 0; q < p; q++) {
                        al[pas[q]] = u[pas[q]] / slack;
                    }
                    return finish(al, 1000);
                }
                if (p + 1 >= cap || !appendColumn(l, cap, pas, p, best)) {
                    banned[best] = true; // numerically dependent on P: cannot enter
                    continue;
                }
                pas[p++] = best;
                inP[best] = true;
                while (true) {
                    double[] z = solvePassive(l, cap, p);
                    int worst = -1;
                    double t = Double.POSITIVE_INFINITY;
                    for (int q = 0; q < p; q++) {
                        if (!(z[q] > 0)) {
                            double uq = u[pas[q]];
                            double tq = uq / (uq - z[q]);
                            if (worst < 0 || tq < t) {
                                t = tq;
                                worst = q;
                            }
                        }
                    }
                    if (worst < 0) {
                        for (int q = 0; q < p; q++) {
                            u[pas[q]] = z[q];
                        }
                        break;
                    }
                    // move to the boundary of the orthant; the columns that reach 0 leave P
                    double umax = 0;
                    for (int q = 0; q < p; q++) {
                        int c = pas[q];
                        u[c] += t * (z[q] - u[c]);
                        umax = Math.max(umax, u[c]);
                    }
                    u[pas[worst]] = 0;
                    if (pas[worst] == best && t == 0) {
                        banned[best] = true; // entered with a non-positive weight: round-off, keep it out
                    }
                    int kept = 0;
                    for (int q = 0; q < p; q++) {
                        int c = pas[q];
                        if (u[c] > 1e-14 * umax) {
                            pas[kept++] = c;
                        } else {
                            u[c] = 0;
                            inP[c] = false;
                        }
                    }
                    p = kept;
                    for (int r = 0; r < p; r++) {
                        if (!appendColumn(l, cap, pas, r, pas[r])) {
                            return null;
                        }
                    }
                    if (p == 0) {
                        break;
                    }
                }
            }
            return null;
        }

        /**
         * Extends the lower Cholesky factor l (rows of stride cap) of (G + 11ᵀ) over pas[0..p) by the column c as row p;
         * false (l unchanged in row p's meaning) if c is numerically dependent on them (pivot ≤ 1e-12 · diagonal).
         */
        boolean appendColumn(double[] l, int cap, int[] pas, int p, int c) {
            int i = c / kk;
            int k = c % kk;
            double diag = gram(i, k, i, k) + 1;
            double sq = 0;
            for (int q = 0; q < p; q++) {
                double g = gram(pas[q] / kk, pas[q] % kk, i, k) + 1;
                for (int r = 0; r < q; r++) {
                    g -= l[q * cap + r] * l[p * cap + r];
                }
                double x = g / l[q * cap + q];
                l[p * cap + q] = x;
                sq += x * x;
            }
            double piv = diag - sq;
            if (!(piv > 1e-12 * diag)) {
                return false;
            }
            l[p * cap + p] = Math.sqrt(piv);
            return true;
        }

        /** z with (L Lᵀ) z = 1 over the first p rows of l (the passive NNLS normal equations, E_Pᵀ e_last = 1). */
        static double[] solvePassive(double[] l, int cap, int p) {
            double[] z = new double[p];
            for (int r = 0; r < p; r++) {
                double t = 1;
                for (int q = 0; q < r; q++) {
                    t -= l[r * cap + q] * z[q];
                }
                z[r] = t / l[r * cap + r];
            }
            for (int r = p - 1; r >= 0; r--) {
                double t = z[r];
                for (int q = r + 1; q < p; q++) {
                    t -= l[q * cap + r] * z[q];
                }
                z[r] = t / l[r * cap + r];
            }
            return z;
        }

        static double[] ones1(int k) {
            double[] o = new double[k];
            Arrays.fill(o, 1.0);
            return o;
        }

        /**
         * Sets ww = W(al); if no constraint outside S has margin below 1 − tol returns true, otherwise adds the (up to)
         * 8 worst violators to S and returns false.
         */
        boolean addViolators(double[] al, boolean[] inS, double[] ww, double[] score, double tol) {
            recomputeW(al, ww);
            List<double[]> viol = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < kk; c++) {
                    score[c] = Kernels.dot(a, i * d, ww, c * d, d);
                }
                for (int c = 0; c < kk; c++) {
                    if (c != y[i] && !inS[i * kk + c]) {
                        double mi = score[y[i]] - score[c];
                        if (mi < 1.0 - tol) {
                            viol.add(new double[] {mi, i * kk + c});
                        }
                    }
                }
            }
            if (viol.isEmpty()) {
                return true;
            }
            viol.sort((p, q) -> Double.compare(p[0], q[0]));
            for (int v = 0; v < Math.min(8, viol.size()); v++) {
                inS[(int) viol.get(v)[1]] = true;
            }
            return false;
        }

        /** Lower Cholesky factor (row-major k × k) of the SPD matrix g, or null if a pivot is ≤ 1e-12 · max diagonal. */
        static double[] cholesky(double[] g, int k) {
            double dmax = 0;
            for (int r = 0; r < k; r++) {
                dmax = Math.max(dmax, g[r * k + r]);
            }
            double[] l = new double[k * k];
            for (int r = 0; r < k; r++) {
                for (int c = 0; c <= r; c++) {
                    double t = g[r * k + c];
                    for (int q = 0; q < c; q++) {
                        t -= l[r * k + q] * l[c * k + q];
                    }
                    if (r == c) {
                        if (!(t > 1e-12 * dmax)) {
                            return null;
                        }
                        l[r * k + r] = Math.sqrt(t);
                    } else {
                        l[r * k + c] = t / l[c * k + c];
                    }
                }
            }
            return l;
        }

        static double[] cholSolve(double[] l, int k, double[] b) {
            double[] z = b.clone();
            for (int r = 0; r < k; r++) {
                double t = z[r];
                for (int q = 0; q < r; q++) {
                    t -= l[r * k + q] * z[q];
                }
                z[r] = t / l[r * k + r];
            }
            for (int r = k - 1; r >= 0; r--) {
                double t = z[r];
                for (int q = r + 1; q < k; q++) {
                    t -= l[q * k + r] * z[q];
                }
                z[r] = t / l[r * k + r];
            }
            return z;
        }

        // ------------------------------------------------------------------ non-separability certificate

        double[][] certificateArray;

        String gordanCertificate() {
            double amax = 0;
            double sa = 0;
            for (double v : alpha) {
                amax = Math.max(amax, v);
                sa += v;
            }
            if (amax == 0) {
                return null;
            }
            int cols = kk * d;
            boolean[] inS = new boolean[n * kk];
            double[] lam = new double[n * kk];
            double rowMax = 0;
            for (int c = 0; c < n * kk; c++) {
                if (alpha[c] > 1e-6 * amax) {
                    inS[c] = true;
                    lam[c] = alpha[c];
                }
            }
            for (int i = 0; i < n; i++) {
                rowMax = Math.max(rowMax, Math.sqrt(2 * sqNorm[i]));
            }
            for (int round = 0; round < 60; round++) {
                int k = 0;
                double lsum = 0;
                for (int c = 0; c < n * kk; c++) {
                    if (inS[c]) {
                        k++;
                        lsum += lam[c];
                    }
                }
                if (k == 0 || !(lsum > 0)) {
                    return null;
                }
                int[] s = new int[k];
                for (int c = 0, r = 0; c < n * kk; c++) {
                    if (inS[c]) {
                        s[r++] = c;
                    }
                }
                // [M^T; 1^T] lambda = (0, 1)
                double[] rowsM = new double[k * cols];
                for (int r = 0; r < k; r++) {
                    fillRow(s[r] / kk, s[r] % kk, rowsM, r * cols);
                }
                Matrix mt = new Matrix(k, cols, rowsM).transpose();
                double[] big = new double[(cols + 1) * k];
                System.arraycopy(mt.data(), 0, big, 0, cols * k);
                Arrays.fill(big, cols * k, (cols + 1) * k, 1.0);
                double[] target = new double[cols + 1];
                target[cols] = 1.0;
                double[] l0 = new double[k];
                for (int r = 0; r < k; r++) {
                    l0[r] = lam[s[r]] / lsum;
                }
                Matrix bm = new Matrix(cols + 1, k, big);
                double[] l = MinNormLeastSquares.fromInitial(bm, target, l0).w();
                boolean negative = false;
                for (int r = 0; r < k; r++) {
                    if (!(l[r] >= 0)) {
                        negative = true;
                        inS[s[r]] = false;
                        lam[s[r]] = 0;
                    } else {
                        lam[s[r]] = l[r];
                    }
                }
                if (negative) {
                    continue;
                }
                double[] comb = bm.times(l);
                double resid = 0;
                for (int j = 0; j < cols; j++) {
                    resid += comb[j] * comb[j];
                }
                resid = Math.sqrt(resid);
                if (!(resid <= 1e-12 * rowMax) || Math.abs(comb[cols] - 1.0) > 1e-9) {
                    return null;
                }
                double[][] cert = new double[n][kk];
                int used = 0;
                for (int r = 0; r < k; r++) {
                    cert[s[r] / kk][s[r] % kk] = l[r];
                    if (l[r] > 0) {
                        used++;
                    }
                }
                certificateArray = cert;
                return "data are not separable by a multiclass linear classifier through the origin: nonnegative weights "
                        + "on " + used + " constraints (i, k) (summing to 1) give ||sum lambda_ik (e_{y_i} - e_k) (x) x_i|| = "
                        + resid + " <= 1e-12 * max_i sqrt(2)||x_i|| (Gordan certificate: no W has <w_{y_i} - w_k, x_i> > 0 "
                        + "for all i, k != y_i); the dual had grown to sum(alpha) = " + sa + " after " + iterations + " updates";
            }
            return null;
        }
    }
}
