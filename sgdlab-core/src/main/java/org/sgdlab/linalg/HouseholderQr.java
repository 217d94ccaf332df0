package org.sgdlab.linalg;

import java.util.Arrays;
import org.sgdlab.parallel.Parallel;

/**
 * Householder QR factorization A = Q R of an m × k matrix A (m ≥ k): the one QR of sgdlab (the min-norm oracle's
 * full-rank path, as an LQ factorization X = RᵀQᵀ of a wide X; the Stiefel QR retraction qf(W + Z)).
 *
 * <p>Algorithm (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §5.1.2–5.2.2; LAPACK's dgeqr2): step j builds
 * the reflector H_j = I − τ_j v_j v_jᵀ (v_j[j] = 1, zeros above) that maps A[j.., j] to β_j e_j with
 * β_j = −sign(A_jj)·‖A[j.., j]‖, and applies it to the columns to the right. Q = H_0 H_1 ⋯ H_{k−1}; R_jj = β_j, so R's
 * diagonal has the signs LAPACK gives it (see {@link #orthonormalFactorInto} for the factor with a positive diagonal).
 * Backward stable: the computed R is the exact factor of A + E with ‖E‖ = O(ε‖A‖). Cost 2mk² − 2k³/3 flops.
 *
 * <p>Storage: column-major m × k (column j at {@code [j·m, j·m + m)}), so every reflector is applied with contiguous
 * inner products: R on and above the diagonal, v_j below it, τ in a separate array. The trailing update applies H_j
 * to four columns per pass over v_j ({@code apply4}, the fast path; the naive reference, one column at a time, is in
 * the tests), and when it is large, in fixed blocks of {@value #BLOCK_COLUMNS} columns on {@link Parallel}'s threads:
 * the blocks do not depend on the thread count, so the bits do not either.
 *
 * <p>Instances ({@link Decomposition}) own their storage and reuse it; {@link #factorInPlace} adopts a caller's
 * column-major array instead (no copy). {@link #orthonormalFactorInto} is the allocation-free static form over a
 * caller-owned work array. Written for sgdlab; no external code.
 */
public final class HouseholderQr implements Decomposition {
    /** Trailing updates with fewer than this many matrix entries run on the calling thread (dispatch costs ~µs). */
    static final long PARALLEL_WORK = 1L << 15;
    /** Width of a column block of the parallel trailing update (a multiple of 4, so blocks use {@code apply4}). */
    static final int BLOCK_COLUMNS = 16;

    private final int m;
    private final int k;
    /** Column-major m × k: R on and above the diagonal, the reflector vectors (without their unit head) below. */
    private final double[] a;
    private final double[] tau;
    /** Length-m scratch of {@link #qInto}, allocated on first use. */
    private double[] column;

    /**
     * A reusable factorization of rows × cols matrices.
     *
     * @throws IllegalArgumentException unless rows ≥ cols ≥ 0
     */
    public HouseholderQr(int rows, int cols) {
        this(rows, cols, null);
    }

    private HouseholderQr(int rows, int cols, double[] storage) {
        if (cols < 0 || rows < cols) {
            throw new IllegalArgumentException("QR needs rows >= cols >= 0, got rows=" + rows + ", cols=" + cols);
        }
        this.m = rows;
        this.k = cols;
        this.a = storage != null ? storage : new double[Math.multiplyExact(rows, cols)];
        this.tau = new double[cols];
    }

    /**
     * Factors the column-major m × k matrix {@code columnMajor} in place: the array becomes this factorization's
     * storage (modified now, and by any later {@link #decompose}). For a wide row-major n × d matrix X (n ≤ d), X's
     * data is Xᵀ in column-major order, so {@code factorInPlace(x.data().clone(), d, n)} is the LQ factorization
     * X = RᵀQᵀ without a transpose.
     *
     * @throws IllegalArgumentException unless m ≥ k ≥ 0 and columnMajor.length == m·k
     */
    public static HouseholderQr factorInPlace(double[] columnMajor, int m, int k) {
        if (k < 0 || m < k || columnMajor.length != (long) m * k) {
            throw new IllegalArgumentException("need an m x k column-major array with m >= k >= 0; got m=" + m + ", k=" + k
                    + ", length " + columnMajor.length);
        }
        HouseholderQr qr = new HouseholderQr(m, k, columnMajor);
        qr.factor();
        return qr;
    }

    @Override
    public int rows() {
        return m;
    }

    @Override
    public int cols() {
        return k;
    }

    /**
     * Factors the row-major m × k matrix {@code a} (read only). Allocates nothing (single-threaded sizes).
     *
     * @return {@link #fullRank()} (see {@link #conditionUpperBound} for a numerical rank test)
     */
    @Override
    public boolean decompose(double[] a) {
        Shapes.checkLength("a", a, m, k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                this.a[j * m + i] = a[i * k + j];
            }
        }
        factor();
        return fullRank();
    }

    /**
     * Factors Aᵀ = QR for the row-major k × m matrix {@code a} (read only): the LQ factorization A = RᵀQᵀ of a wide A.
     * Same return value as {@link #decompose}.
     */
    public boolean decomposeTransposed(double[] a) {
        Shapes.checkLength("a", a, k, m);
        System.arraycopy(a, 0, this.a, 0, a.length); // A's rows are Aᵀ's columns
        factor();
        return fullRank();
    }

    /** Whether every R_jj of the last factorization is nonzero and finite (true for k = 0). */
    public boolean fullRank() {
        for (int j = 0; j < k; j++) {
            double d = a[j * m + j];
            if (d == 0.0 || !Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    private void factor() {
        for (int j = 0; j < k; j++) {
            reflect(a, m, k, tau, 0, j, true);
        }
    }

    /** R_ij (row i, column j of the k × k upper-triangular factor; 0 below the diagonal). */
    public double r(int i, int j) {
        java.util.Objects.checkIndex(i, k);
        java.util.Objects.checkIndex(j, k);
        return i > j ? 0.0 : a[j * m + i];
    }

    /** out (k × k, row-major) ← R; returns out. */
    public double[] rInto(double[] out) {
        Shapes.checkLength("out", out, k, k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                out[i * k + j] = i > j ? 0.0 : a[j * m + i];
            }
        }
        return out;
    }

    /** out (m × k, row-major) ← the thin Q, column j = Q e_j, so that A = Q R with {@link #rInto}'s R; returns out. */
    public double[] qInto(double[] out) {
        Shapes.checkLength("out", out, m, k);
        if (column == null) {
            column = new double[m];
        }
        for (int j = 0; j < k; j++) {
            Arrays.fill(column, 0.0);
            column[j] = 1.0;
            qTimesInPlace(column);
            for (int i = 0; i < m; i++) {
                out[i * k + j] = column[i];
            }
        }
        return out;
    }

    /** The smallest |R_jj| (+∞ when k = 0; NaN if a diagonal entry is NaN). */
    public double minAbsDiagonal() {
        double mn = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            mn = Math.min(mn, Math.abs(a[j * m + j]));
        }
        return mn;
    }

    /** x (length m) ← Qᵀ x = H_{k−1} ⋯ H_0 x. */
    public void qtTimesInPlace(double[] x) {
        Shapes.checkVector("x", x, m);
        for (int j = 0; j < k; j++) {
            applyH(j, x);
        }
    }

    /** x (length m) ← Q x = H_0 ⋯ H_{k−1} x. */
    public void qTimesInPlace(double[] x) {
        Shapes.checkVector("x", x, m);
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
        s += Kernels.dotScalar(a, c + 1, x, j + 1, len - 1);
        s *= t;
        x[j] -= s;
        for (int i = 1; i < len; i++) {
            x[j + i] -= s * a[c + i];
        }
    }

    /**
     * Solves Rᵀ z = b by forward substitution, in place in b[0, k) (b may be longer; the rest is not read). R must
     * have a nonzero diagonal.
     */
    public void solveRtInPlace(double[] b) {
        Shapes.checkAtLeast("b", b, k);
        for (int i = 0; i < k; i++) {
            // row i of Rᵀ = column i of R: R_0i .. R_{i−1,i} are contiguous at a[i·m ..]
            b[i] = (b[i] - Kernels.dotScalar(a, i * m, b, 0, i)) / a[i * m + i];
        }
    }

    /**
     * Solves R z = b by back substitution, in place in b[0, k) (b may be longer; the rest is not read). R must have a
     * nonzero diagonal.
     */
    public void solveRInPlace(double[] b) {
        Shapes.checkAtLeast("b", b, k);
        for (int i = k - 1; i >= 0; i--) {
            int off = i * m;
            double bi = b[i] / a[off + i];
            b[i] = bi;
            // subtract bi times column i of R (rows 0..i−1), contiguous
            for (int t = 0; t < i; t++) {
                b[t] -= bi * a[off + t];
            }
        }
    }

    /**
     * An upper bound on the 2-norm condition number of R (= that of A): ‖R‖_F · ‖R⁻¹‖_F ≥ σ_max/σ_min (each Frobenius
     * norm bounds the spectral norm from above) and ≤ k·σ_max/σ_min. R⁻¹ is formed row by row (k³/3 flops), so the
     * bound is guaranteed rather than estimated. Returns +∞ when a diagonal entry is zero, 1 when k = 0. Allocates a
     * length-k scratch vector.
     */
    public double conditionUpperBound() {
        if (k == 0) {
            return 1.0;
        }
        double rf = 0;
        for (int j = 0; j < k; j++) {
            double d = a[j * m + j];
            rf += d * d;
            for (int i = 0; i < j; i++) {
                double v = a[j * m + i];
                rf += v * v;
            }
            if (d == 0.0) {
                return Double.POSITIVE_INFINITY;
            }
        }
        // Rows of R⁻¹ = solutions of Rᵀ z = e_i; z_t = 0 for t < i. R's columns are contiguous, so solving with Rᵀ is a
        // sequence of dot products.
        double inv = 0;
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            Arrays.fill(z, 0.0);
            z[i] = 1.0 / a[i * m + i];
            double ss = z[i] * z[i];
            for (int t = i + 1; t < k; t++) {
                double v = -Kernels.dotScalar(a, t * m + i, z, i, t - i) / a[t * m + t];
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

    // ------------------------------------------------------------------ allocation-free static form

    /** Work doubles {@link #orthonormalFactorInto} needs for an m × k matrix: m·k + k. */
    public static int orthonormalWorkspaceSize(int m, int k) {
        Shapes.checkDimension("m", m);
        Shapes.checkDimension("k", k);
        return Math.addExact(Math.multiplyExact(m, k), k);
    }

    /**
     * out ← qf(A), the Q factor of the thin QR A = QR whose R has a positive diagonal (unique when A has full column
     * rank; the QR retraction of the Stiefel manifold, Absil, Mahony &amp; Sepulchre 2008, Example 4.1.3). Computed as
     * the Householder factorization, then the thin Q formed in place by applying the reflectors backwards to [I; 0]
     * (as LAPACK's dorg2r), then column j multiplied by sign(R_jj). {@code a} and {@code out} are row-major m × k
     * (m ≥ k); {@code out} may alias {@code a}. Uses {@code work} (at least {@link #orthonormalWorkspaceSize} doubles,
     * overwritten); allocates nothing and runs on the calling thread.
     *
     * @return −1, or the first column j whose R_jj is zero or not finite (A lost column rank or is not finite; out is
     *     then unspecified)
     */
    public static int orthonormalFactorInto(double[] a, int m, int k, double[] out, double[] work) {
        if (k < 0 || m < k) {
            throw new IllegalArgumentException("QR needs m >= k >= 0, got m=" + m + ", k=" + k);
        }
        Shapes.checkLength("a", a, m, k);
        Shapes.checkLength("out", out, m, k);
        Shapes.checkAtLeast("work", work, orthonormalWorkspaceSize(m, k));
        int tauOff = m * k;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                work[j * m + i] = a[i * k + j];
            }
        }
        for (int j = 0; j < k; j++) {
            reflect(work, m, k, work, tauOff, j, false);
        }
        for (int j = 0; j < k; j++) {
            double d = work[j * m + j];
            if (d == 0.0 || !Double.isFinite(d)) {
                return j;
            }
        }
        // Backward accumulation Q = H_0 (H_1 (⋯ (H_{k−1} [I; 0]))): after step j, columns j.. hold H_j ⋯ H_{k−1} [I; 0]
        // restricted to those columns; columns < j still hold R above and v below the diagonal. τ_j is no longer
        // needed after step j, so its slot keeps R_jj for the sign.
        for (int j = k - 1; j >= 0; j--) {
            int c = j * m + j;
            int len = m - j;
            double rjj = work[c];
            double t = work[tauOff + j];
            // Columns > j are zero in rows ≤ j (zeroed at their own step), so H_j acts on rows j.. only.
            work[c] = 1.0;
            applyColumns(work, m, c, len, j, t, j + 1, k);
            work[c] = 1.0 - t;
            for (int i = c + 1; i < c + len; i++) {
                work[i] *= -t;
            }
            Arrays.fill(work, j * m, c, 0.0);
            work[tauOff + j] = rjj;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                double q = work[j * m + i];
                out[i * k + j] = work[tauOff + j] < 0 ? -q : q;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ kernels on column-major storage

    /**
     * Step j: the reflector of column j of the column-major m × k storage {@code x}, stored in place (R_jj on the
     * diagonal, v_j below it, τ_j in {@code tau[tauOff + j]}), and applied to columns j+1 .. k−1.
     */
    private static void reflect(double[] x, int m, int k, double[] tau, int tauOff, int j, boolean parallel) {
        int c = j * m + j;
        int len = m - j;
        double norm = norm2(x, c, len);
        double alpha = x[c];
        if (norm == 0.0) {
            // Zero column below the diagonal: H_j = I, R_jj = 0.
            tau[tauOff + j] = 0.0;
            Arrays.fill(x, c, c + len, 0.0);
            return;
        }
        double beta = alpha >= 0 ? -norm : norm;
        double scale = 1.0 / (alpha - beta);
        for (int i = c + 1; i < c + len; i++) {
            x[i] *= scale;
        }
        double t = (beta - alpha) / beta;
        tau[tauOff + j] = t;
        x[c] = 1.0; // the unit head of v_j, so the updates are plain dot/axpy over len entries
        int first = j + 1;
        int columns = k - first;
        if (!parallel || (long) columns * len < PARALLEL_WORK || Parallel.threads() == 1) {
            applyColumns(x, m, c, len, j, t, first, k);
        } else {
            // The columns are independent; blocks of a fixed width (not derived from the thread count) keep every
            // column's arithmetic, and so the bits, the same whatever the number of threads.
            int blocks = (columns + BLOCK_COLUMNS - 1) / BLOCK_COLUMNS;
            Parallel.forEachBlock(blocks, (b, worker) -> applyColumns(x, m, c, len, j, t, first + b * BLOCK_COLUMNS,
                    Math.min(k, first + (b + 1) * BLOCK_COLUMNS)));
        }
        x[c] = beta;
    }

    /** Applies I − t·v vᵀ (v at x[v, v + len)) to rows j.. of columns [from, to): four at a time, then one by one. */
    private static void applyColumns(double[] x, int m, int v, int len, int j, double t, int from, int to) {
        int col = from;
        for (; col + 3 < to; col += 4) {
            apply4(x, m, v, len, col * m + j, t);
        }
        for (; col < to; col++) {
            apply1(x, v, len, col * m + j, t);
        }
    }

    /** x[o.., col] ← (I − t v vᵀ) x[o.., col] for four consecutive columns starting at offset {@code o}. */
    private static void apply4(double[] x, int m, int v, int len, int o, double t) {
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

    private static void apply1(double[] x, int v, int len, int o, double t) {
        double s = t * Kernels.dotScalar(x, v, x, o, len);
        for (int i = 0; i < len; i++) {
            x[o + i] -= s * x[v + i];
        }
    }

    /** ‖x[o, o + n)‖₂ without overflow or harmful underflow (rescales only when the plain sum is out of range). */
    private static double norm2(double[] x, int o, int n) {
        double ss = Kernels.dotScalar(x, o, x, o, n);
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
