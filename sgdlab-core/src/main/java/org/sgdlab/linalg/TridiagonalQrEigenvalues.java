package org.sgdlab.linalg;

import java.util.Arrays;

/**
 * The eigenvalues (only) of a dense symmetric d × d matrix, ascending, by Householder tridiagonalization followed by
 * the implicit symmetric tridiagonal QR iteration with Wilkinson shifts: the eigenvalues-only solver for d in the
 * hundreds, where {@link SymmetricEigen}'s Jacobi sweeps (≈ 2d³ flops per sweep, about a dozen sweeps without
 * accumulating the rotations) cost an order of magnitude more.
 *
 * <p>Algorithm (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §8.3; written for sgdlab from the
 * algorithms' statements, no external code):
 * <ol>
 *   <li>Tridiagonalization T = QᵀAQ (§8.3.1, Algorithm 8.3.1): for k = 0..d−3, the Householder reflection
 *       P = I − βvvᵀ with x = A[k+1:, k] (scaled by 1/max|x_j|, which leaves P unchanged), α = −sign(x₀)‖x‖,
 *       v = x − αe₁, β = 2/vᵀv = −1/(αv₀) maps x to αe₁ and
 *       A₂₂ ← PA₂₂P = A₂₂ − vwᵀ − wvᵀ with p = βA₂₂v, w = p − (βpᵀv/2)v. Only the upper triangle is read and
 *       updated (a symmetric matrix–vector product and a symmetric rank-2 update per step), ≈ (4/3)d³ flops in all.
 *       Q is not formed.</li>
 *   <li>Implicit symmetric QR steps on T (§8.3.5, Algorithms 8.3.2–8.3.3): the off-diagonal e_i is set to 0 when
 *       |e_i| ≤ ε(|t_ii| + |t_{i+1,i+1}|) (ε = 2⁻⁵²); on the trailing unreduced block, the Wilkinson shift μ (the
 *       eigenvalue of the block's trailing 2 × 2 closer to its last diagonal entry), a Givens rotation on the first
 *       column of T − μI and the bulge chased down the block by d−1 more rotations. Convergence is cubic in
 *       practice (about two steps per eigenvalue), O(d) flops per step, so O(d²) in all: the cost is the
 *       tridiagonalization's.</li>
 * </ol>
 * The matrix is first scaled by the power of two nearest 1/max|a_ij| (exact; undone on the eigenvalues) so that no
 * intermediate square overflows or underflows. Both stages are backward stable: the computed eigenvalues are those of
 * A + E with ‖E‖₂ = O(dε‖A‖₂), so by Weyl's theorem |λ̂_i − λ_i| = O(dε‖A‖₂) (§8.3.6); small eigenvalues are
 * accurate relative to ‖A‖, not to themselves.
 *
 * <p>At most {@value #MAX_STEPS_PER_EIGENVALUE}·d QR steps; beyond that an {@link ArithmeticException} (never seen on
 * finite input; the limit guards against a silent endless loop). Single-threaded scalar loops in a fixed order: the
 * same input gives the same bits on every machine, thread count and JDK. Not the same bits as {@link SymmetricEigen}
 * (a different algorithm): the two agree to the rounding bound above.
 */
public final class TridiagonalQrEigenvalues {
    /** QR steps allowed per eigenvalue (on average: the limit is this times d for the whole matrix). */
    static final int MAX_STEPS_PER_EIGENVALUE = 30;
    private static final double EPS = Math.ulp(1.0);

    private TridiagonalQrEigenvalues() {
    }

    /**
     * The eigenvalues of the symmetric row-major d × d matrix {@code m} (read only, not modified; its upper triangle
     * defines the matrix), ascending, in a new array. NaN everywhere for a matrix with a non-finite entry in its upper
     * triangle (as {@link SymmetricEigen#eigenvalues}).
     *
     * @throws IllegalArgumentException if d &lt; 1 or m is not d × d
     * @throws ArithmeticException      if the QR iteration needs more than {@value #MAX_STEPS_PER_EIGENVALUE}·d steps
     */
    public static double[] eigenvalues(double[] m, int d) {
        return eigenvalues(m, d, MAX_STEPS_PER_EIGENVALUE * (long) d);
    }

    /** {@link #eigenvalues(double[], int)} with a limit of {@code maxSteps} QR steps (for the tests of the limit). */
    static double[] eigenvalues(double[] m, int d, long maxSteps) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + d);
        }
        Shapes.checkLength("m", m, d, d);
        double[] diag = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                if (!Double.isFinite(m[i * d + j])) {
                    Arrays.fill(diag, Double.NaN);
                    return diag;
                }
            }
        }
        double[] a = new double[Math.multiplyExact(d, d)];
        double max = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                max = Math.max(max, Math.abs(m[i * d + j]));
            }
        }
        if (max == 0) {
            return diag; // the zero matrix
        }
        // a power of two: exact, unless an entry falls below the normal range (then it was negligible anyway)
        int shift = -Math.getExponent(max);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                a[i * d + j] = Math.scalb(m[i * d + j], shift);
            }
        }
        double[] off = new double[d];
        tridiagonalizeInPlace(a, d, diag, off);
        long steps = qrInPlace(diag, off, d, maxSteps);
        if (steps < 0) {
            throw new ArithmeticException("symmetric tridiagonal QR did not converge within " + maxSteps
                    + " steps (d = " + d + ")");
        }
        for (int i = 0; i < d; i++) {
            diag[i] = Math.scalb(diag[i], -shift);
        }
        Arrays.sort(diag);
        return diag;
    }

    /**
     * Householder reduction of the symmetric n × n matrix in the upper triangle of {@code a} (row-major; destroyed,
     * the lower triangle is neither read nor written) to the tridiagonal T = QᵀAQ: {@code diag[i]} ← t_ii,
     * {@code off[i]} ← t_{i,i+1} for i &lt; n − 1 ({@code off[n−1]} ← 0). Algorithm 8.3.1 of Golub &amp; Van Loan.
     */
    static void tridiagonalizeInPlace(double[] a, int n, double[] diag, double[] off) {
        double[] v = new double[n];
        double[] p = new double[n];
        for (int k = 0; k < n - 2; k++) {
            int len = n - k - 1; // x = a[k, k+1..n−1] (row k right of the diagonal = column k below it)
            int xOff = k * n + k + 1;
            diag[k] = a[k * n + k];
            double scale = 0;
            for (int j = 1; j < len; j++) {
                scale = Math.max(scale, Math.abs(a[xOff + j]));
            }
            if (scale == 0) {
                off[k] = a[xOff]; // already tridiagonal in this column
                continue;
            }
            // the reflection of y = x/max|x_j| (the same P; ‖y‖ in [1, √len]): β = −1/(αv₀) cannot overflow or
            // underflow however small the column is next to the rest of the matrix
            scale = Math.max(scale, Math.abs(a[xOff]));
            double ss = 0;
            for (int j = 0; j < len; j++) {
                double t = a[xOff + j] / scale;
                v[j] = t;
                ss += t * t;
            }
            double alpha = -Math.copySign(Math.sqrt(ss), v[0]);
            v[0] -= alpha; // no cancellation: y₀ and −α have the same sign
            double beta = -1 / (alpha * v[0]);
            symmetricTimes(a, n, k + 1, v, p, len);
            double pv = 0;
            for (int j = 0; j < len; j++) {
                p[j] *= beta;
                pv += p[j] * v[j];
            }
            double kk = 0.5 * beta * pv;
            for (int j = 0; j < len; j++) {
                p[j] -= kk * v[j]; // p is now w
            }
            for (int i = 0; i < len; i++) {
                double vi = v[i];
                double wi = p[i];
                int row = (k + 1 + i) * n + k + 1;
                for (int j = i; j < len; j++) {
                    a[row + j] -= vi * p[j] + wi * v[j];
                }
            }
            off[k] = alpha * scale;
        }
        if (n >= 2) {
            diag[n - 2] = a[(n - 2) * n + n - 2];
            off[n - 2] = a[(n - 2) * n + n - 1];
        }
        diag[n - 1] = a[(n - 1) * n + n - 1];
        off[n - 1] = 0;
    }

    /**
     * p[0..len) ← B v for the symmetric len × len trailing block B = a[from.., from..] given by its upper triangle:
     * each stored entry b_ij (j &gt; i) contributes to p_i and p_j, so row i is one contiguous pass.
     */
    private static void symmetricTimes(double[] a, int n, int from, double[] v, double[] p, int len) {
        Arrays.fill(p, 0, len, 0.0);
        for (int i = 0; i < len; i++) {
            int row = (from + i) * n + from;
            double vi = v[i];
            double t = a[row + i] * vi;
            for (int j = i + 1; j < len; j++) {
                double b = a[row + j];
                t += b * v[j];
                p[j] += b * vi;
            }
            p[i] += t;
        }
    }

    /**
     * The implicit symmetric QR iteration with Wilkinson shifts on the n × n tridiagonal with diagonal {@code diag}
     * and off-diagonal {@code off[0..n−2]} (both overwritten: diag with the eigenvalues, unsorted; off with zeros).
     * Algorithms 8.3.2–8.3.3 of Golub &amp; Van Loan.
     *
     * @return the QR steps used, or −1 if more than {@code maxSteps} were needed (diag then holds no eigenvalues)
     */
    static long qrInPlace(double[] diag, double[] off, int n, long maxSteps) {
        long steps = 0;
        int hi = n - 1;
        while (hi > 0) {
            if (negligible(diag, off, hi - 1)) {
                off[hi - 1] = 0;
                hi--; // diag[hi] is an eigenvalue
                continue;
            }
            int lo = hi - 1;
            while (lo > 0 && !negligible(diag, off, lo - 1)) {
                lo--;
            }
            if (lo > 0) {
                off[lo - 1] = 0;
            }
            if (steps == maxSteps) {
                return -1;
            }
            wilkinsonStep(diag, off, lo, hi);
            steps++;
        }
        return steps;
    }

    /** |e_i| ≤ ε(|t_ii| + |t_{i+1,i+1}|), or |e_i| below the normal range. */
    private static boolean negligible(double[] diag, double[] off, int i) {
        double e = Math.abs(off[i]);
        return e <= EPS * (Math.abs(diag[i]) + Math.abs(diag[i + 1])) || e < Double.MIN_NORMAL;
    }

    /**
     * One implicit QR step with the Wilkinson shift on the unreduced block lo..hi (Algorithm 8.3.2): μ = t_hh −
     * e²/(δ + sign(δ)√(δ² + e²)) with δ = (t_{h−1,h−1} − t_hh)/2, e = t_{h,h−1}; then rotations R_k = [[c, s], [−s, c]]
     * in the planes (k, k+1), k = lo..hi−1, each T ← R_k T R_kᵀ: the first zeroes the second entry of the first
     * column of T − μI, each later one the bulge at (k+1, k−1).
     */
    private static void wilkinsonStep(double[] diag, double[] off, int lo, int hi) {
        double delta = 0.5 * (diag[hi - 1] - diag[hi]);
        double e = off[hi - 1];
        double r = norm2(delta, e);
        double denom = delta + (delta >= 0 ? r : -r);
        double mu = diag[hi] - e * (e / denom);
        double x = diag[lo] - mu;
        double z = off[lo];
        for (int k = lo; k < hi; k++) {
            double h = norm2(x, z);
            double c;
            double s;
            if (h == 0) {
                c = 1;
                s = 0;
            } else {
                c = x / h;
                s = z / h;
            }
            if (k > lo) {
                off[k - 1] = h; // the bulge is zeroed into t_{k,k−1}
            }
            double a = diag[k];
            double b = off[k];
            double cc = diag[k + 1];
            double cs = c * s;
            double c2 = c * c;
            double s2 = s * s;
            diag[k] = c2 * a + 2 * cs * b + s2 * cc;
            diag[k + 1] = s2 * a - 2 * cs * b + c2 * cc;
            off[k] = cs * (cc - a) + (c2 - s2) * b;
            if (k + 1 < hi) {
                double next = off[k + 1];
                z = s * next; // the new bulge at (k+2, k)
                off[k + 1] = c * next;
                x = off[k];
            }
        }
    }

    /** √(x² + y²) without overflow or underflow of the squares. */
    private static double norm2(double x, double y) {
        double ax = Math.abs(x);
        double ay = Math.abs(y);
        double big = Math.max(ax, ay);
        if (big == 0) {
            return 0;
        }
        double small = Math.min(ax, ay) / big;
        return big * Math.sqrt(1 + small * small);
    }
}
