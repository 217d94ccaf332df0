package org.sgdlab.oracles;

import org.sgdlab.parallel.Parallel;

/**
 * Householder QR factorisation A = Q R of an m × k matrix A (m ≥ k), kept package-private as the fast path of
 * {@link MinNormLeastSquares} for matrices of full rank.
 *
 * <p>A is stored column-major (column j at {@code a[j·m .. j·m + m)}) so that every reflector is applied with
 * contiguous dot products and axpys. For a short, wide X (n &lt; d) the caller passes A = Xᵀ, whose columns are
 * the rows of the row-major X (no transpose is needed): then X = Rᵀ Qᵀ is an LQ factorisation of X.
 *
 * <p>Algorithm (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §5.1.2–5.2.2; LAPACK's dgeqr2):
 * step j builds the reflector H_j = I − τ_j v_j v_jᵀ (v_j[j] = 1, zeros above) that maps A[j.., j] to
 * β_j e_j with β_j = −sign(A_jj)‖A[j.., j]‖, and applies it to the columns to the right. v_j is stored below
 * the diagonal, R above it, and R's diagonal (the β_j) separately. Q = H_0 H_1 ⋯ H_{k−1}. Backward stable:
 * the computed R is the exact factor of A + E with ‖E‖ = O(ε‖A‖). Cost 2mk² − 2k³/3 flops; the trailing update
 * processes four columns per sweep over v_j so that v_j is read once per four columns. Large trailing updates
 * are split into fixed blocks of columns run on {@link Parallel}'s threads (same bits for any thread count).
 */
final class HouseholderQr {
    /** Trailing updates with fewer than this many matrix entries run on the calling thread (dispatch costs ~µs). */
    static final long PARALLEL_WORK = 1L << 15;
    /** Width of a column block of the parallel trailing update (a multiple of 4, so blocks use {@code apply4}). */
    static final int BLOCK_COLUMNS = 16;
    final int m;
    final int k;
    /** Column-major m × k: R strictly above the diagonal, the reflector vectors (without their unit head) below. */
    final double[] a;
    /** R's diagonal. */
    final double[] rdiag;
    final double[] tau;

    private HouseholderQr(int m, int k, double[] a) {
        this.m = m;
        this.k = k;
        this.a = a;
        this.rdiag = new double[k];
        this.tau = new double[k];
    }

    /**
     * Factorises the column-major m × k matrix {@code a} in place (it becomes the factor storage).
     *
     * @throws IllegalArgumentException unless m ≥ k ≥ 0 and a.length == m·k
     */
    static HouseholderQr factor(double[] a, int m, int k) {
        if (m < k || k < 0 || a.length != (long) m * k) {
            throw new IllegalArgumentException("need an m x k column-major array with m >= k; got m=" + m + ", k=" + k
                    + ", length " + a.length);
        }
        HouseholderQr qr = new HouseholderQr(m, k, a);
        for (int j = 0; j < k; j++) {
            qr.reflect(j);
        }
        return qr;
    }

    private void reflect(int j) {
        int c = j * m + j;
        int len = m - j;
        double norm = norm2(a, c, len);
        double alpha = a[c];
        if (norm == 0.0) {
            // Zero column below the diagonal: H_j = I, R_jj = 0.
            tau[j] = 0.0;
            rdiag[j] = 0.0;
            return;
        }
        double beta = alpha >= 0 ? -norm : norm;
        double scale = 1.0 / (alpha - beta);
        for (int i = c + 1; i < c + len; i++) {
            a[i] *= scale;
        }
        double t = (beta - alpha) / beta;
        tau[j] = t;
        rdiag[j] = beta;
        a[c] = 1.0; // temporarily store the unit head of v_j so the updates below are plain dot/axpy over len entries
        int first = j + 1;
        int columns = k - first;
        if ((long) columns * len < PARALLEL_WORK || Parallel.threads() == 1) {
            applyColumns(c, len, j, t, first, k);
        } else {
            // The columns are independent; blocks of a fixed width (not derived from the thread count) keep every
            // column's arithmetic, and so the bits, the same whatever the number of threads.
            int blocks = (columns + BLOCK_COLUMNS - 1) / BLOCK_COLUMNS;
            Parallel.forEachBlock(blocks, (b, worker) -> applyColumns(c, len, j, t, first + b * BLOCK_COLUMNS,
                    Math.min(k, first + (b + 1) * BLOCK_COLUMNS)));
        }
        a[c] = beta;
    }

    /** Applies H_j to columns [from, to): four at a time from {@code from}, then one by one. */
    private void applyColumns(int v, int len, int j, double t, int from, int to) {
        int col = from;
        for (; col + 3 < to; col += 4) {
            apply4(v, len, col * m + j, t);
        }
        for (; col < to; col++) {
            apply1(v, len, col * m + j, t);
        }
    }

    /** A[j.., col] ← (I − τ v vᵀ) A[j.., col] for four consecutive columns starting at offset {@code o}. */
    private void apply4(int v, int len, int o, double t) {
        double[] x = a;
        int o1 = o + m;
        int o2 = o1 + m;
        int o3 = o2 + m;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int i = 0; i < len; i++) {
            double vi = x[v + i];
            s0 += vi * x[o + i];
            s1 += vi * x[o1 + i];
            s2 += vi * x[o2 + i];
            s3 += vi * x[o3 + i];
        }
        s0 *= t;
        s1 *= t;
        s2 *= t;
        s3 *= t;
        for (int i = 0; i < len; i++) {
            double vi = x[v + i];
            x[o + i] -= s0 * vi;
            x[o1 + i] -= s1 * vi;
            x[o2 + i] -= s2 * vi;
            x[o3 + i] -= s3 * vi;
        }
    }

    private void apply1(int v, int len, int o, double t) {
        double s = t * dot(a, v, a, o, len);
        for (int i = 0; i < len; i++) {
            a[o + i] -= s * a[v + i];
        }
    }

    /** R_ij for i ≤ j (row i, column j of the k × k upper-triangular factor). */
    double r(int i, int j) {
        return i == j ? rdiag[j] : a[j * m + i];
    }

    /** The smallest |R_jj| (0 when k = 0 is not asked). */
    double minAbsDiagonal() {
        double mn = Double.POSITIVE_INFINITY;
        for (double v : rdiag) {
            mn = Math.min(mn, Math.abs(v));
        }
        return mn;
    }

    /** x (length m) ← Qᵀ x = H_{k−1} ⋯ H_0 x. */
    void applyQt(double[] x) {
        for (int j = 0; j < k; j++) {
            applyH(j, x);
        }
    }

    /** x (length m) ← Q x = H_0 ⋯ H_{k−1} x. */
    void applyQ(double[] x) {
        for (int j = k - 1; j >= 0; j--) {
            applyH(j, x);
        }
    }

    private void applyH(int j, double[] x) {
        double t = tau[j];
        if (t == 0.0) {
            return;
        }
        int c = j * m + j;
        int len = m - j;
        double s = x[j];
        s += dot(a, c + 1, x, j + 1, len - 1);
        s *= t;
        x[j] -= s;
        for (int i = 1; i < len; i++) {
            x[j + i] -= s * a[c + i];
        }
    }

    /** Solves Rᵀ z = b (forward substitution) in place in {@code b} (length ≥ k); R must have a nonzero diagonal. */
    void solveRt(double[] b) {
        for (int i = 0; i < k; i++) {
            // row i of Rᵀ = column i of R: entries R_0i..R_{i-1,i} are contiguous at a[i*m ..]
            b[i] = (b[i] - dot(a, i * m, b, 0, i)) / rdiag[i];
        }
    }

    /** Solves R z = b (back substitution) in place in {@code b} (length ≥ k); R must have a nonzero diagonal. */
    void solveR(double[] b) {
        for (int i = k - 1; i >= 0; i--) {
            double bi = b[i] / rdiag[i];
            b[i] = bi;
            // subtract bi times column i of R (rows 0..i-1), contiguous
            int off = i * m;
            for (int t = 0; t < i; t++) {
                b[t] -= bi * a[off + t];
            }
        }
    }

    /**
     * An upper bound on the 2-norm condition number of R: ‖R‖_F · ‖R⁻¹‖_F ≥ σ_max/σ_min (each Frobenius norm
     * bounds the corresponding spectral norm from above). R⁻¹ is formed column by column (k³/3 flops), so the
     * bound is guaranteed rather than estimated. Returns +∞ when a diagonal entry is zero.
     */
    double conditionUpperBound() {
        if (k == 0) {
            return 1.0;
        }
        double rf = 0;
        for (int j = 0; j < k; j++) {
            rf += rdiag[j] * rdiag[j];
            for (int i = 0; i < j; i++) {
                double v = a[j * m + i];
                rf += v * v;
            }
            if (rdiag[j] == 0.0) {
                return Double.POSITIVE_INFINITY;
            }
        }
        // Rows of R⁻¹ = solutions of Rᵀ z = e_i; z_t = 0 for t < i. Columns of R are contiguous, so solving with Rᵀ is
        // a sequence of dot products.
        double inv = 0;
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            java.util.Arrays.fill(z, 0.0);
            z[i] = 1.0 / rdiag[i];
            double ss = z[i] * z[i];
            for (int t = i + 1; t < k; t++) {
                double v = -dot(a, t * m + i, z, i, t - i) / rdiag[t];
                z[t] = v;
                ss += v * v;
            }
            inv += ss;
            if (!Double.isFinite(inv)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return Math.sqrt(rf) * Math.sqrt(inv);
    }

    static double dot(double[] x, int xo, double[] y, int yo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[xo + i] * y[yo + i];
            s1 += x[xo + i + 1] * y[yo + i + 1];
            s2 += x[xo + i + 2] * y[yo + i + 2];
            s3 += x[xo + i + 3] * y[yo + i + 3];
        }
        for (; i < n; i++) {
            s0 += x[xo + i] * y[yo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** y[yo+i] += c · x[xo+i] for i &lt; n. */
    static void axpy(double c, double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += c * x[xo + i];
        }
    }

    /** ‖x[o .. o+n)‖₂ without overflow or harmful underflow (rescales only when the plain sum is out of range). */
    static double norm2(double[] x, int o, int n) {
        double ss = dot(x, o, x, o, n);
        if (ss > 1e-290 && ss < 1e290) {
            return Math.sqrt(ss);
        }
        double mx = 0;
        for (int i = 0; i < n; i++) {
            mx = Math.max(mx, Math.abs(x[o + i]));
        }
        if (mx == 0.0 || !Double.isFinite(mx)) {
            return mx;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = x[o + i] / mx;
            s += v * v;
        }
        return mx * Math.sqrt(s);
    }
}
