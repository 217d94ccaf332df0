package org.sgdlab.linalg;

import java.util.Arrays;

/**
 * Cholesky factorization with diagonal pivoting of a symmetric positive semidefinite n × n matrix, stopped at its
 * numerical rank ρ: P A Pᵀ ≈ L Lᵀ with L = [L₁₁; L₂₁] (n × ρ, L₁₁ lower triangular with a positive diagonal) and P a
 * permutation. The one rank-revealing Cholesky of sgdlab (the nuclear-norm oracles: independent measurements of a
 * Gram matrix 𝒜𝒜*, null spaces of Gauss–Newton matrices JᵀJ). {@link Cholesky} is the unpivoted factorization of a
 * positive definite matrix.
 *
 * <p>Algorithm (outer-product form with complete diagonal pivoting: LAPACK's dpstf2; Higham, <i>Accuracy and Stability
 * of Numerical Algorithms</i>, 2nd ed., §10.3, Algorithm 10.2): for k = 0, 1, …, with S the Schur complement of the
 * first k pivots (S = A at k = 0), pick the largest remaining diagonal entry s_qq, swap row and column q with k
 * (symmetrically, and in P), stop if s_kk ≤ τ·max_i a_ii (τ the relative tolerance, max over the original diagonal),
 * else l_kk = √s_kk, l_ik = s_ik/l_kk (i &gt; k), and S ← S − l_{·k}l_{·k}ᵀ on the trailing block. ρ is the k at which it
 * stopped (n if it did not). Only the lower triangle of A (j ≤ i) is read and updated; at most n³/3 flops.
 *
 * <p>Where it stops: the remaining Schur complement S₂₂ = (PAPᵀ)₂₂ − L₂₁L₂₁ᵀ has every diagonal entry ≤ τ·max a_ii,
 * and for A positive semidefinite |s_ij| ≤ √(s_ii s_jj), so ‖PAPᵀ − LLᵀ‖_max ≤ τ·max a_ii (up to rounding): the
 * measurements P⁻¹(ρ..n−1) are linear combinations of the first ρ to that accuracy (Higham, Thm. 10.13, bounds the
 * backward error of the computed factor). The largest remaining diagonal entry is {@link #remainderPivot()} (−∞ when
 * ρ = n); a value below −τ·max a_ii beyond rounding means A was not positive semidefinite.
 *
 * <p>Uses of the factor: {@link #solveInPlace} gives the basic solution of A x = b for b ∈ range(A) (zero on the pivots
 * left out), {@link #nullSpaceBasisVector} a basis of the null space of the rank-ρ approximation PᵀLLᵀP. Instances
 * reuse their arrays; written for sgdlab, no external code.
 */
public final class PivotedCholesky implements Decomposition {
    private final int n;
    private final double relativeTolerance;
    /** n × n row-major, pivot order: L in columns 0..rank−1 on and below the diagonal, zeros elsewhere. */
    private final double[] l;
    private final int[] perm;
    private final double[] work;
    private int rank = -1;
    private double remainder = Double.NEGATIVE_INFINITY;

    /**
     * A reusable factorization of n × n matrices that stops at pivots ≤ {@code relativeTolerance} times the largest
     * diagonal entry of A (e.g. 1e-12 to count measurements dependent to twelve digits; LAPACK's default is n·ε).
     *
     * @throws IllegalArgumentException on n &lt; 0 or a tolerance that is negative or not finite
     */
    public PivotedCholesky(int n, double relativeTolerance) {
        Shapes.checkDimension("n", n);
        this.n = n;
        this.relativeTolerance = Shapes.checkTolerance("relativeTolerance", relativeTolerance);
        this.l = new double[Math.multiplyExact(n, n)];
        this.perm = new int[n];
        this.work = new double[n];
    }

    @Override
    public int rows() {
        return n;
    }

    @Override
    public int cols() {
        return n;
    }

    /**
     * Factors the symmetric positive semidefinite A (row-major n × n, read only, lower triangle used). Allocates
     * nothing.
     *
     * @return whether A has full numerical rank (ρ = n); a rank-deficient A is factored all the same, see {@link #rank()}
     * @throws IllegalArgumentException on a wrong length or a non-finite entry in the lower triangle (named by its row
     *                                  and column)
     */
    @Override
    public boolean decompose(double[] a) {
        Shapes.checkLength("a", a, n, n);
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = a[i * n + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("matrix entry (" + i + ", " + j + ") is not finite: " + v);
                }
                l[i * n + j] = v;
            }
            Arrays.fill(l, i * n + i + 1, (i + 1) * n, 0.0);
            maxDiag = Math.max(maxDiag, a[i * n + i]);
            perm[i] = i;
        }
        double floor = relativeTolerance * maxDiag;
        rank = n;
        remainder = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            int q = k;
            for (int s = k + 1; s < n; s++) {
                if (l[s * n + s] > l[q * n + q]) {
                    q = s;
                }
            }
            if (!(l[q * n + q] > floor)) {
                rank = k;
                remainder = l[q * n + q];
                for (int s = k; s < n; s++) {
                    Arrays.fill(l, s * n + k, s * n + s + 1, 0.0); // S₂₂ is not part of L
                }
                break;
            }
            if (q != k) {
                swapLower(k, q);
                int t = perm[k];
                perm[k] = perm[q];
                perm[q] = t;
            }
            double d = Math.sqrt(l[k * n + k]);
            l[k * n + k] = d;
            for (int s = k + 1; s < n; s++) {
                l[s * n + k] /= d;
            }
            for (int s = k + 1; s < n; s++) {
                double ls = l[s * n + k];
                if (ls == 0) {
                    continue;
                }
                for (int t = k + 1; t <= s; t++) {
                    l[s * n + t] -= ls * l[t * n + k];
                }
            }
        }
        return rank == n;
    }

    /**
     * Swaps rows and columns k &lt; q of the symmetric matrix held in the lower triangle of l (LAPACK dpstf2's three
     * dswaps and the diagonal); entry (q, k) stays.
     */
    private void swapLower(int k, int q) {
        swap(k * n + k, q * n + q);
        for (int j = 0; j < k; j++) {
            swap(k * n + j, q * n + j); // the L columns computed so far travel with their rows
        }
        for (int j = k + 1; j < q; j++) {
            swap(j * n + k, q * n + j);
        }
        for (int i = q + 1; i < n; i++) {
            swap(i * n + k, i * n + q);
        }
    }

    private void swap(int x, int y) {
        double t = l[x];
        l[x] = l[y];
        l[y] = t;
    }

    /** ρ, the numerical rank found by the last {@link #decompose}. */
    public int rank() {
        requireFactored();
        return rank;
    }

    /** The pivot order (backing array): row k of the factor belongs to row {@code permutation()[k]} of A. */
    public int[] permutation() {
        requireFactored();
        return perm;
    }

    /**
     * L, n × n row-major in pivot order (the backing array): columns 0..ρ−1 on and below the diagonal hold the factor
     * (rows ρ..n−1 of them are L₂₁), everything else is zero, so P A Pᵀ ≈ L Lᵀ.
     */
    public double[] factor() {
        requireFactored();
        return l;
    }

    /** The largest diagonal entry of the Schur complement left when the factorization stopped, or −∞ if ρ = n. */
    public double remainderPivot() {
        requireFactored();
        return remainder;
    }

    /**
     * The basic solution of A x = b in place (b ← x, length n): with c = Pb, x is zero on the pivots left out and
     * L₁₁L₁₁ᵀ x₁ = c₁ on the first ρ (forward, then backward substitution). Exact (up to rounding) when b ∈ range(A)
     * and ρ is the rank of A; otherwise the equations of the pivots left out are not satisfied. Allocates nothing.
     */
    public void solveInPlace(double[] b) {
        requireFactored();
        Shapes.checkVector("b", b, n);
        for (int s = 0; s < rank; s++) {
            double v = b[perm[s]];
            for (int t = 0; t < s; t++) {
                v -= l[s * n + t] * work[t];
            }
            work[s] = v / l[s * n + s];
        }
        for (int s = rank - 1; s >= 0; s--) {
            double v = work[s];
            for (int t = s + 1; t < rank; t++) {
                v -= l[t * n + s] * work[t];
            }
            work[s] = v / l[s * n + s];
        }
        Arrays.fill(b, 0.0);
        for (int s = 0; s < rank; s++) {
            b[perm[s]] = work[s];
        }
    }

    /**
     * out (length n) ← the j-th basis vector of the null space of the rank-ρ approximation PᵀLLᵀP, 0 ≤ j &lt; n − ρ:
     * z = Pᵀ[−L₁₁⁻ᵀL₂₁ᵀe_j; e_j] (then L ᵀPz = L₁₁ᵀz₁ + L₂₁ᵀe_j = 0). The n − ρ vectors are linearly independent but
     * not orthonormal. Returns out.
     */
    public double[] nullSpaceBasisVector(int j, double[] out) {
        requireFactored();
        if (j < 0 || j >= n - rank) {
            throw new IllegalArgumentException("j must be in [0, n - rank) = [0, " + (n - rank) + "), got " + j);
        }
        Shapes.checkVector("out", out, n);
        int row = (rank + j) * n; // row ρ + j of L holds row j of L₂₁
        for (int t = 0; t < rank; t++) {
            work[t] = -l[row + t];
        }
        for (int t = rank - 1; t >= 0; t--) { // L₁₁ᵀ x = −L₂₁ᵀe_j, back substitution
            double v = work[t];
            for (int c = t + 1; c < rank; c++) {
                v -= l[c * n + t] * work[c];
            }
            work[t] = v / l[t * n + t];
        }
        Arrays.fill(out, 0.0);
        for (int t = 0; t < rank; t++) {
            out[perm[t]] = work[t];
        }
        out[perm[rank + j]] = 1.0;
        return out;
    }

    private void requireFactored() {
        if (rank < 0) {
            throw new IllegalStateException("no pivoted Cholesky factor: decompose has not been called");
        }
    }
}
