package org.sgdlab.linalg;

/**
 * The hot kernels of sgdlab, in one place so they can be tuned and benchmarked together. Every
 * kernel has a plain loop twin in {@link ReferenceKernels} that the tests compare against.
 *
 * <p>Conventions: arguments named {@code out} or {@code y} (for axpy) are overwritten or updated;
 * everything else is read only. No kernel allocates.
 */
public final class Kernels {
    private Kernels() {
    }

    /** Length from which {@link #dot} and {@link #axpy} use the SIMD kernels (when {@link Simd#ENABLED}); shorter stay scalar. */
    public static final int SIMD_DOT_MIN = 16;
    /**
     * {@link #SIMD_DOT_MIN}, or never when the SIMD kernels are off: one compare in the dispatchers, which keeps their
     * bytecode under 35 bytes, C2's limit for inlining a callee at a call site that is not hot.
     *
     * <p>Known cost: the dispatch branch's profile is shared by every caller in the JVM. Where some callers pass long
     * vectors and a hot loop passes short ones, that loop still carries the SIMD call site, and ran ~10 % slower
     * (the multiclass claim, d = 10: 138 s against 125 s with {@code -Dsgdlab.simd=false} in the same JVM set-up).
     */
    private static final int SIMD_FROM = Simd.ENABLED ? SIMD_DOT_MIN : Integer.MAX_VALUE;

    /**
     * ⟨a[aOff..aOff+n), b[bOff..bOff+n)⟩: {@link VectorKernels#dot} when {@link Simd#ENABLED} and n ≥ {@value #SIMD_DOT_MIN},
     * else {@link #dotScalar}. Either way the grouping of the sum depends only on n, so equal rows give equal bits.
     */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        if (n >= SIMD_FROM) {
            return VectorKernels.dot(a, aOff, b, bOff, n);
        }
        return dotScalar(a, aOff, b, bOff, n);
    }

    /** ⟨a[aOff..aOff+n), b[bOff..bOff+n)⟩ with four independent accumulators (lets the JIT pipeline the loop). */
    public static double dotScalar(double[] a, int aOff, double[] b, int bOff, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        int end = n - 3;
        for (; i < end; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** ⟨a, b⟩ over the common length {@code a.length} (which must not exceed {@code b.length}). */
    public static double dot(double[] a, double[] b) {
        return dot(a, 0, b, 0, a.length);
    }

    /**
     * y[yOff+i] += alpha · x[xOff+i] for i &lt; n: {@link VectorKernels#axpy} when {@link Simd#ENABLED} and
     * n ≥ {@value #SIMD_DOT_MIN}, else {@link #axpyScalar}; the same bits either way (each entry is rounded twice,
     * product then sum, in both).
     */
    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= SIMD_FROM) {
            VectorKernels.axpy(alpha, x, xOff, y, yOff, n);
            return;
        }
        axpyScalar(alpha, x, xOff, y, yOff, n);
    }

    /**
     * The scalar loop of {@link #axpy}. C2 vectorizes it only where it can prove x and y do not overlap (offsets it
     * can compare); with two arrays at unrelated offsets, as in the row kernels, it stays scalar (JFR: 66 % of a
     * mapped full-batch GD run in this loop).
     */
    public static void axpyScalar(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /**
     * Whether a and b have the same length and the same bit pattern entry by entry (so 0.0 ≠ −0.0 and NaNs compare by
     * payload): the test for "the same point" of caches that must give the same bits as recomputing.
     */
    public static boolean sameBits(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** y += alpha · x over the length of x. */
    public static void axpy(double alpha, double[] x, double[] y) {
        axpy(alpha, x, 0, y, 0, x.length);
    }

    /** out = A v, with A row-major (rows × cols), v of length cols, out of length rows. */
    public static void gemv(Matrix a, double[] v, double[] out) {
        int cols = a.cols();
        double[] d = a.data();
        for (int i = 0, off = 0; i < a.rows(); i++, off += cols) {
            out[i] = dot(d, off, v, 0, cols);
        }
    }

    /** out = Aᵀ v, with v of length rows and out of length cols (row-by-row axpy: one pass over A). */
    public static void gemvTransposed(Matrix a, double[] v, double[] out) {
        int cols = a.cols();
        double[] d = a.data();
        java.util.Arrays.fill(out, 0, cols, 0.0);
        for (int i = 0, off = 0; i < a.rows(); i++, off += cols) {
            double vi = v[i];
            if (vi != 0.0) {
                axpy(vi, d, off, out, 0, cols);
            }
        }
    }

    /** ‖v‖₂, scaled so that it neither overflows nor underflows for any finite input. */
    public static double norm2(double[] v) {
        double scale = 0;
        for (double x : v) {
            scale = Math.max(scale, Math.abs(x));
        }
        if (scale == 0 || Double.isInfinite(scale) || Double.isNaN(scale)) {
            return scale;
        }
        if (scale > 1e-150 && scale < 1e150) {
            return Math.sqrt(dot(v, v));
        }
        double s = 0;
        for (double x : v) {
            double t = x / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }

    /**
     * Fused least-squares residual and gradient: for r = Xw + b − y (b = {@code intercept}),
     * writes r to {@code residual} (length n) and Xᵀr to {@code gradOut} (length d), and returns ½‖r‖².
     * One pass over X: row i is read once for the dot product and once (from cache) for the axpy.
     */
    public static double leastSquaresResidualGradient(Matrix x, double[] y, double[] w, double intercept,
                                                      double[] residual, double[] gradOut) {
        int d = x.cols();
        double[] a = x.data();
        java.util.Arrays.fill(gradOut, 0, d, 0.0);
        double half = 0;
        for (int i = 0, off = 0; i < x.rows(); i++, off += d) {
            double r = dot(a, off, w, 0, d) + intercept - y[i];
            residual[i] = r;
            half += r * r;
            axpy(r, a, off, gradOut, 0, d);
        }
        return 0.5 * half;
    }

    /**
     * Fused margin-loss gradient over the rows listed in {@code rows[0..count)}: with margins
     * mᵢ = yᵢ(⟨xᵢ, w⟩ + b), accumulates Σ φ(mᵢ) into the return value and Σ φ'(mᵢ) yᵢ xᵢ into
     * {@code gradOut} (length d, overwritten); the intercept's partial derivative Σ φ'(mᵢ) yᵢ goes to
     * {@code gradOut[d]} when {@code gradOut.length > d}. Margins are stored in {@code marginsOut[i]}
     * indexed by sample when it is non-null. With {@code withValue} false the loss value is not
     * evaluated (saves an exp and a log1p per sample for the logistic loss) and 0 is returned.
     */
    public static double marginLossGradient(Matrix x, double[] y, double[] w, double intercept,
                                            ScalarLoss phi, int[] rows, int count,
                                            double[] marginsOut, double[] gradOut, boolean withValue) {
        int d = x.cols();
        double[] a = x.data();
        java.util.Arrays.fill(gradOut, 0.0);
        boolean withIntercept = gradOut.length > d;
        double value = 0;
        double interceptGrad = 0;
        for (int k = 0; k < count; k++) {
            int i = rows == null ? k : rows[k];
            int off = i * d;
            double yi = y[i];
            double m = yi * (dot(a, off, w, 0, d) + intercept);
            if (marginsOut != null) {
                marginsOut[i] = m;
            }
            if (withValue) {
                value += phi.value(m);
            }
            double c = phi.derivative(m) * yi;
            if (c != 0.0) {
                axpy(c, a, off, gradOut, 0, d);
                interceptGrad += c;
            }
        }
        if (withIntercept) {
            gradOut[d] = interceptGrad;
        }
        return value;
    }

    /** {@link #marginLossGradient(Matrix, double[], double[], double, ScalarLoss, int[], int, double[], double[], boolean)} with the value. */
    public static double marginLossGradient(Matrix x, double[] y, double[] w, double intercept,
                                            ScalarLoss phi, int[] rows, int count,
                                            double[] marginsOut, double[] gradOut) {
        return marginLossGradient(x, y, w, intercept, phi, rows, count, marginsOut, gradOut, true);
    }

    /**
     * Accumulating least-squares kernel over {@code count} consecutive rows: row k is
     * {@code a[aOff + k·d .. + d)} with target {@code y[yOff + k]}. With r = ⟨xₖ, w⟩ + b − yₖ it adds
     * Σ r xₖ to {@code acc[0..d)}, Σ r to {@code acc[d]} when {@code acc.length > d}, and returns
     * {@code value + Σ r²} (the caller halves it once at the end) — the running sums continue across calls, so consecutive calls over
     * consecutive row ranges give the same bits as one call over their union (that is what lets a
     * memory-mapped source, copied block by block, match the in-memory matrix exactly).
     * One pass over the rows: each row is read once for the dot product and once, from L1, for the axpy.
     *
     * <p>On SIMD rows (d ≥ {@value #SIMD_DOT_MIN}) the rows go four at a time: their four residuals (each row's own
     * {@link #dot}), then {@link VectorKernels#axpy4}, which adds the four rows to acc entry by entry in row order, then
     * Σr² and Σr in row order: every sum sees the same operations in the same order as the row-by-row loop (the
     * reference, which the remaining rows take), so the bits are the same, with acc loaded and stored once per four rows
     * instead of once per row (min-norm.generalization's 96 adaptive runs on 30 × 40 rows spend most of their time here).
     */
    public static double leastSquaresAccumulate(double[] a, int aOff, int d, double[] y, int yOff, int count,
                                                double[] w, double b, double[] acc, double value) {
        boolean withIntercept = acc.length > d;
        double gb = withIntercept ? acc[d] : 0.0;
        int k = 0;
        int off = aOff;
        if (d >= SIMD_FROM) {
            for (int end = count - 4; k <= end; k += 4, off += 4 * d) {
                int yk = yOff + k;
                double r0 = VectorKernels.dot(a, off, w, 0, d) + b - y[yk];
                double r1 = VectorKernels.dot(a, off + d, w, 0, d) + b - y[yk + 1];
                double r2 = VectorKernels.dot(a, off + 2 * d, w, 0, d) + b - y[yk + 2];
                double r3 = VectorKernels.dot(a, off + 3 * d, w, 0, d) + b - y[yk + 3];
                VectorKernels.axpy4(r0, r1, r2, r3, a, off, acc, 0, d);
                value += r0 * r0;
                value += r1 * r1;
                value += r2 * r2;
                value += r3 * r3;
                gb += r0;
                gb += r1;
                gb += r2;
                gb += r3;
            }
        }
        return leastSquaresRows(a, off, d, y, yOff + k, count - k, w, b, acc, value, gb);
    }

    /**
     * {@link #leastSquaresAccumulate}'s row-by-row loop (the reference its four-row path matches), from the running sums
     * {@code value} and {@code gb} (the intercept's entry, written to acc[d] when acc has it).
     */
    static double leastSquaresRows(double[] a, int aOff, int d, double[] y, int yOff, int count, double[] w, double b,
                                   double[] acc, double value, double gb) {
        boolean withIntercept = acc.length > d;
        for (int k = 0, off = aOff; k < count; k++, off += d) {
            double r = dot(a, off, w, 0, d) + b - y[yOff + k];
            value += r * r;
            axpy(r, a, off, acc, 0, d);
            gb += r;
        }
        if (withIntercept) {
            acc[d] = gb;
        }
        return value;
    }

    /**
     * Accumulating margin-loss kernel over {@code count} consecutive rows (layout as in
     * {@link #leastSquaresAccumulate}): with mₖ = yₖ(⟨xₖ, w⟩ + b) it adds Σ φ'(mₖ) yₖ xₖ to
     * {@code acc[0..d)}, Σ φ'(mₖ) yₖ to {@code acc[d]} when present, and returns {@code value + Σ φ(mₖ)}
     * ({@code value} unchanged when {@code withValue} is false). Same per-row arithmetic, in the same
     * order, as {@link #marginLossGradient}.
     */
    public static double marginLossAccumulate(double[] a, int aOff, int d, double[] y, int yOff, int count,
                                              double[] w, double b, ScalarLoss phi, double[] acc,
                                              double value, boolean withValue) {
        boolean withIntercept = acc.length > d;
        double gb = withIntercept ? acc[d] : 0.0;
        for (int k = 0, off = aOff; k < count; k++, off += d) {
            double yk = y[yOff + k];
            double m = yk * (dot(a, off, w, 0, d) + b);
            if (withValue) {
                value += phi.value(m);
            }
            double c = phi.derivative(m) * yk;
            if (c != 0.0) {
                axpy(c, a, off, acc, 0, d);
                gb += c;
            }
        }
        if (withIntercept) {
            acc[d] = gb;
        }
        return value;
    }

    /** A scalar loss φ with its derivative, as seen by the fused kernels. */
    public interface ScalarLoss {
        double value(double m);

        double derivative(double m);
    }
}
