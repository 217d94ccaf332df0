package org.sgdlab.linalg;

import java.util.Arrays;
import java.util.Objects;

/**
 * Thin singular value decomposition A = U Σ Vᵀ = Σⱼ σⱼ uⱼ vⱼᵀ of a dense rows × cols matrix by one-sided (Hestenes)
 * Jacobi rotations: the one SVD of sgdlab (the min-norm and row-space oracles, the spectral norm and Muon's exact
 * polar factor, the Stiefel polar retraction).
 *
 * <p>Method (Hestenes, "Inversion of matrices by biorthogonalization", J. SIAM 6 (1958) 51–90; Golub &amp; Van Loan,
 * <i>Matrix Computations</i>, 4th ed., §8.6.3). Let r = min(rows, cols), s = max(rows, cols) and let B be the s × r
 * matrix whose columns bⱼ are the columns of A when rows ≥ cols and the rows of A otherwise (the tall orientation).
 * Cyclic sweeps over the pairs p &lt; q apply the plane rotation that makes bₚ ⟂ b_q: with α = ‖bₚ‖², β = ‖b_q‖²,
 * γ = ⟨bₚ, b_q⟩, ζ = (β − α)/(2γ), t = sign(ζ)/(|ζ| + √(1 + ζ²)) (t = 1 when ζ = 0), c = 1/√(1 + t²), s = c·t:
 * (bₚ, b_q) ← (c bₚ − s b_q, s bₚ + c b_q), and the same rotation is applied to the rows of W (r × r, starting at I).
 * A pair is skipped when |γ| ≤ tol·√α·√β with tol = √s·ε (ε = 2⁻⁵²; the √m·ε scaling of LAPACK's dgesvj, Drmač
 * and Veselić, "New fast and accurate Jacobi SVD algorithm I", SIAM J. Matrix Anal. Appl. 29 (2008) 1322–1342: the
 * computed γ carries rounding of that size, so a tighter test only adds sweeps) or when a column is zero; the sweeps stop when a whole sweep rotates nothing ({@link #converged()}), at most {@value #MAX_SWEEPS}.
 * Then σⱼ = ‖bⱼ‖ and, for tall A, V = W and uⱼ = bⱼ/σⱼ; for wide A, U = W and vⱼ = bⱼ/σⱼ. One-sided Jacobi computes
 * the singular values to high relative accuracy (Demmel and Veselić, "Jacobi's method is more accurate than QR",
 * SIAM J. Matrix Anal. Appl. 13 (1992) 1204–1245), which is why it is used rather than bidiagonalisation. √(1 + ζ²)
 * is {@link Math#hypot} (no overflow for |ζ| &gt; 10¹⁵⁴) and the inner products are {@link Kernels#dot}.
 *
 * <p>Two ways in:
 * <ul>
 *   <li>an instance ({@link Decomposition}): {@link #decompose} keeps the singular values in descending order with
 *       their unit vectors, for {@link #rank}, {@link #pseudoInverseTimes}, {@link #leftVectors()} and
 *       {@link #rightVectors()}; the work arrays are allocated once per instance;</li>
 *   <li>static forms over a caller-owned work array of {@link #workspaceSize} doubles, which allocate nothing:
 *       {@link #polarInto} (U Vᵀ and the nuclear norm, for immutable callers such as a norm or a manifold),
 *       and the allocating conveniences {@link #singularValues(double[], int, int)} and {@link #spectralNorm}.</li>
 * </ul>
 * Both run the same sweeps, so they give the same bits. Written for sgdlab; no external code.
 */
public final class JacobiSvd implements Decomposition {
    /** The unit roundoff ε = 2⁻⁵². */
    private static final double EPS = Math.ulp(1.0);
    /** Sweep budget; a dozen sweeps are typical for random matrices of a few hundred columns. */
    static final int MAX_SWEEPS = 80;

    private final int rows;
    private final int cols;
    private final int r;
    private final int s;
    /** B (r rows of length s), then W (r rows of length r), then the r column norms. */
    private final double[] work;
    private final int[] order;
    private final double[] sigma;
    /** Row j = uⱼ (length rows), in the order of {@link #sigma}: Uᵀ, r × rows, row-major. */
    private final double[] uT;
    /** Row j = vⱼ (length cols): Vᵀ, r × cols, row-major. */
    private final double[] vT;
    private int sweeps;
    private boolean converged;

    /**
     * A reusable decomposition for rows × cols matrices (either may be 0).
     *
     * @throws IllegalArgumentException on a negative dimension or a shape whose work arrays do not fit in an array
     */
    public JacobiSvd(int rows, int cols) {
        Shapes.checkDimension("rows", rows);
        Shapes.checkDimension("cols", cols);
        this.rows = rows;
        this.cols = cols;
        this.r = Math.min(rows, cols);
        this.s = Math.max(rows, cols);
        this.work = new double[workspaceSize(rows, cols)];
        this.order = new int[r];
        this.sigma = new double[r];
        this.uT = new double[Math.multiplyExact(r, rows)];
        this.vT = new double[Math.multiplyExact(r, cols)];
    }

    /**
     * The SVD of {@code x} (read only) in a new instance.
     *
     * @throws IllegalArgumentException if an entry of x is not finite
     */
    public static JacobiSvd of(Matrix x) {
        Objects.requireNonNull(x, "x");
        JacobiSvd svd = new JacobiSvd(x.rows(), x.cols());
        svd.decompose(x.data());
        return svd;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /**
     * Decomposes the row-major rows × cols matrix {@code a} (read only). Allocates nothing.
     *
     * @return whether the sweeps converged (false only when {@value #MAX_SWEEPS} sweeps still rotated)
     * @throws IllegalArgumentException on a wrong length or a non-finite entry (named by its row and column)
     */
    @Override
    public boolean decompose(double[] a) {
        Shapes.checkLength("a", a, rows, cols);
        int bad = Shapes.firstNonFinite(a, a.length);
        if (bad >= 0) {
            throw new IllegalArgumentException("matrix entry (" + bad / cols + ", " + bad % cols + ") is not finite: " + a[bad]);
        }
        load(a, rows, cols, work);
        int code = orthogonalize(work, r, s, true);
        converged = code >= 0;
        sweeps = Math.abs(code);
        int sOff = r * s + r * r;
        // Descending by norm, stable (insertion sort: r is at most a few thousand and the input nearly sorted).
        for (int i = 0; i < r; i++) {
            int key = i;
            int j = i - 1;
            while (j >= 0 && Double.compare(work[sOff + key], work[sOff + order[j]]) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = key;
        }
        boolean tall = rows >= cols;
        double[] normalized = tall ? uT : vT;
        double[] rotated = tall ? vT : uT;
        for (int x = 0; x < r; x++) {
            int j = order[x];
            double sj = work[sOff + j];
            sigma[x] = sj;
            int from = j * s;
            int to = x * s;
            if (sj == 0.0) {
                Arrays.fill(normalized, to, to + s, 0.0);
            } else {
                for (int t = 0; t < s; t++) {
                    normalized[to + t] = work[from + t] / sj;
                }
            }
            System.arraycopy(work, r * s + j * r, rotated, x * r, r);
        }
        return converged;
    }

    /** The r = min(rows, cols) singular values of the last {@link #decompose}, descending (the backing array). */
    public double[] singularValues() {
        return sigma;
    }

    /**
     * Uᵀ: r × rows, row-major, row j the left singular vector uⱼ of σⱼ (the backing array). For σⱼ = 0 of a tall
     * matrix the row is 0; the other rows are orthonormal.
     */
    public double[] leftVectors() {
        return uT;
    }

    /**
     * Vᵀ: r × cols, row-major, row j the right singular vector vⱼ of σⱼ (the backing array). For σⱼ = 0 of a wide
     * matrix the row is 0; the other rows are orthonormal.
     */
    public double[] rightVectors() {
        return vT;
    }

    /** Sweeps used by the last {@link #decompose}. */
    public int sweeps() {
        return sweeps;
    }

    /** Whether the last {@link #decompose} converged (a full sweep found every pair orthogonal). */
    public boolean converged() {
        return converged;
    }

    /**
     * The number of singular values strictly greater than {@code rcond · σ_max} (0 for the zero matrix).
     *
     * @throws IllegalArgumentException if rcond is negative or not finite
     */
    public int rank(double rcond) {
        if (!(rcond >= 0.0) || !Double.isFinite(rcond)) {
            throw new IllegalArgumentException("rcond must be a finite non-negative number, got " + rcond);
        }
        if (r == 0 || sigma[0] == 0.0) {
            return 0;
        }
        double cut = rcond * sigma[0];
        int k = 0;
        while (k < r && sigma[k] > cut) {
            k++;
        }
        return k;
    }

    /**
     * out (length cols) ← A⁺_k y = Σ_{j&lt;k} vⱼ ⟨uⱼ, y⟩ / σⱼ, the pseudoinverse truncated to the k largest singular
     * values (k = {@link #rank} for the Moore–Penrose pseudoinverse under a cutoff). {@code y} (length rows) is read
     * only; {@code out} must not alias it. Allocates nothing.
     *
     * @throws IllegalArgumentException on a wrong length or k outside [0, r] or k including σ = 0
     */
    public void pseudoInverseTimes(int k, double[] y, double[] out) {
        if (k < 0 || k > r || (k > 0 && sigma[k - 1] == 0.0)) {
            throw new IllegalArgumentException("k must be in [0, rank] = [0, " + rank(0.0) + "], got " + k);
        }
        Shapes.checkVector("y", y, rows);
        Shapes.checkVector("out", out, cols);
        Arrays.fill(out, 0.0);
        for (int j = 0; j < k; j++) {
            double c = Kernels.dot(uT, j * rows, y, 0, rows) / sigma[j];
            Kernels.axpy(c, vT, j * cols, out, 0, cols);
        }
    }

    // ------------------------------------------------------------------ allocation-free static forms

    /** Work doubles the static forms need for a rows × cols matrix: r·s + r² + r (r = min, s = max). */
    public static int workspaceSize(int rows, int cols) {
        Shapes.checkDimension("rows", rows);
        Shapes.checkDimension("cols", cols);
        int r = Math.min(rows, cols);
        int s = Math.max(rows, cols);
        return Math.addExact(Math.addExact(Math.multiplyExact(r, s), Math.multiplyExact(r, r)), r);
    }

    /**
     * out ← U Vᵀ, the orthogonal polar factor of the row-major rows × cols matrix {@code a} (read only; {@code out}
     * may alias it), summing only over σⱼ &gt; s·ε·σ_max: numerically zero singular values are dropped, so
     * ‖out‖_op = 1 also for rank-deficient A, and out = 0 for A = 0. Returns the nuclear norm Σσⱼ. A non-finite
     * entry gives out = NaN and returns NaN. Uses {@code work} (at least {@link #workspaceSize} doubles, overwritten);
     * allocates nothing.
     */
    public static double polarInto(double[] a, int rows, int cols, double[] out, double[] work) {
        Shapes.checkLength("a", a, rows, cols);
        Shapes.checkLength("out", out, rows, cols);
        Shapes.checkAtLeast("work", work, workspaceSize(rows, cols));
        int r = Math.min(rows, cols);
        int s = Math.max(rows, cols);
        if (Shapes.firstNonFinite(a, a.length) >= 0) {
            Arrays.fill(out, Double.NaN);
            return Double.NaN;
        }
        int vOff = r * s;
        int sOff = vOff + r * r;
        load(a, rows, cols, work);
        orthogonalize(work, r, s, true);
        double smax = 0;
        double nuclear = 0;
        for (int j = 0; j < r; j++) {
            smax = Math.max(smax, work[sOff + j]);
            nuclear += work[sOff + j];
        }
        double cut = s * EPS * smax;
        for (int j = 0; j < r; j++) {
            double sig = work[sOff + j];
            double inv = sig > cut ? 1.0 / sig : 0.0;
            for (int i = 0; i < s; i++) {
                work[j * s + i] *= inv;
            }
        }
        // P_B = Σⱼ (bⱼ/σⱼ) wⱼᵀ is s × r; A = B if rows ≥ cols (P_A = P_B), else A = Bᵀ (P_A = P_Bᵀ).
        for (int i = 0; i < s; i++) {
            for (int k = 0; k < r; k++) {
                double acc = 0;
                for (int j = 0; j < r; j++) {
                    acc += work[j * s + i] * work[vOff + j * r + k];
                }
                if (rows >= cols) {
                    out[i * cols + k] = acc;
                } else {
                    out[k * cols + i] = acc;
                }
            }
        }
        return nuclear;
    }

    /**
     * The min(rows, cols) singular values of the row-major rows × cols matrix {@code a} (read only), descending;
     * NaN throughout for a non-finite entry. Allocates its work array and the result; skips the rotations of V.
     */
    public static double[] singularValues(double[] a, int rows, int cols) {
        Shapes.checkLength("a", a, rows, cols);
        int r = Math.min(rows, cols);
        int s = Math.max(rows, cols);
        double[] sv = new double[r];
        if (Shapes.firstNonFinite(a, a.length) >= 0) {
            Arrays.fill(sv, Double.NaN);
            return sv;
        }
        double[] work = new double[workspaceSize(rows, cols)];
        load(a, rows, cols, work);
        orthogonalize(work, r, s, false);
        System.arraycopy(work, r * s + r * r, sv, 0, r);
        Arrays.sort(sv);
        for (int i = 0; i < r / 2; i++) {
            double t = sv[i];
            sv[i] = sv[r - 1 - i];
            sv[r - 1 - i] = t;
        }
        return sv;
    }

    /** The largest singular value ‖A‖_op (0 for an empty matrix); allocates like {@link #singularValues}. */
    public static double spectralNorm(double[] a, int rows, int cols) {
        double[] sv = singularValues(a, rows, cols);
        return sv.length == 0 ? 0 : sv[0];
    }

    // ------------------------------------------------------------------ the sweeps

    /** work[0, r·s) ← the columns of B as rows: A's columns (rows ≥ cols) or A's rows (rows &lt; cols). */
    private static void load(double[] a, int rows, int cols, double[] work) {
        if (rows >= cols) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    work[j * rows + i] = a[i * cols + j];
                }
            }
        } else {
            System.arraycopy(a, 0, work, 0, rows * cols);
        }
    }

    /**
     * Runs the sweeps on the r rows of B in work[0, r·s); if {@code accumulate}, also on W in work[r·s, r·s + r²]
     * (set to I here). Leaves ‖bⱼ‖ in work[r·s + r² + j]; those slots cache ‖bⱼ‖² during the sweeps (−1 = stale,
     * recomputed by the same {@link Kernels#dot}, so the cache changes no bit). Returns the sweeps, negated when the
     * budget ran out before a sweep rotated nothing.
     */
    private static int orthogonalize(double[] work, int r, int s, boolean accumulate) {
        int vOff = r * s;
        int sOff = vOff + r * r;
        if (accumulate) {
            Arrays.fill(work, vOff, sOff, 0.0);
            for (int j = 0; j < r; j++) {
                work[vOff + j * r + j] = 1.0;
            }
        }
        Arrays.fill(work, sOff, sOff + r, -1.0);
        double tol = Math.sqrt(s) * EPS;
        int sweep = 0;
        boolean done = r <= 1;
        while (!done && sweep < MAX_SWEEPS) {
            sweep++;
            boolean rotated = false;
            for (int p = 0; p < r - 1; p++) {
                int op = p * s;
                for (int q = p + 1; q < r; q++) {
                    int oq = q * s;
                    double alpha = squaredNorm(work, op, s, sOff + p);
                    double beta = squaredNorm(work, oq, s, sOff + q);
                    if (alpha == 0.0 || beta == 0.0) {
                        continue;
                    }
                    double gamma = Kernels.dot(work, op, work, oq, s);
                    if (Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2.0 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.hypot(1.0, zeta));
                    if (zeta == 0.0) {
                        t = 1.0;
                    }
                    double c = 1.0 / Math.hypot(1.0, t);
                    double sn = c * t;
                    rotate(work, op, oq, s, c, sn);
                    if (accumulate) {
                        rotate(work, vOff + p * r, vOff + q * r, r, c, sn);
                    }
                    work[sOff + p] = -1.0;
                    work[sOff + q] = -1.0;
                }
            }
            done = !rotated;
        }
        for (int j = 0; j < r; j++) {
            work[sOff + j] = norm2(work, j * s, s);
        }
        return done ? sweep : -sweep;
    }

    /** ‖x[off, off + n)‖², from the cache slot when it is fresh (≥ 0), else computed and cached. */
    private static double squaredNorm(double[] x, int off, int n, int slot) {
        double v = x[slot];
        if (!(v >= 0.0)) {
            v = Kernels.dot(x, off, x, off, n);
            x[slot] = v;
        }
        return v;
    }

    /** (x, y) ← (c x − s y, s x + c y) on x = w[xo, xo + n), y = w[yo, yo + n). */
    private static void rotate(double[] w, int xo, int yo, int n, double c, double s) {
        for (int i = 0; i < n; i++) {
            double x = w[xo + i];
            double y = w[yo + i];
            w[xo + i] = c * x - s * y;
            w[yo + i] = s * x + c * y;
        }
    }

    /** ‖x[off, off + n)‖₂ with {@link Kernels#norm2}'s arithmetic (scaled only outside [1e-150, 1e150]). */
    private static double norm2(double[] x, int off, int n) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(x[off + i]));
        }
        if (scale == 0 || Double.isInfinite(scale) || Double.isNaN(scale)) {
            return scale;
        }
        if (scale > 1e-150 && scale < 1e150) {
            return Math.sqrt(Kernels.dot(x, off, x, off, n));
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double t = x[off + i] / scale;
            sum += t * t;
        }
        return scale * Math.sqrt(sum);
    }
}
