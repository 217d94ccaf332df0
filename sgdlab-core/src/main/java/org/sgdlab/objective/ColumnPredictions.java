package org.sgdlab.objective;

import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.Simd;
import org.sgdlab.linalg.VectorKernels;

/**
 * The predictions ⟨xᵢ, w⟩ of all rows of a small in-memory matrix with short rows, 4 rows per SIMD vector from a
 * column-major copy ({@link VectorKernels#rowDotsByColumns}): the same bits as {@link Kernels#gemv}, whose rows of
 * fewer than {@link Kernels#SIMD_DOT_MIN} entries each take the scalar {@link Kernels#dotScalar}.
 *
 * <p>Why: the log-domain quantities of {@link EmpiricalRisk} ({@code gradientDirection}, {@code logValue},
 * {@code minMargin}) start from all n margins; normalized GD on max-margin.fast's n = 50, d = 10 problem spent ~30 % of
 * a step in the row-by-row gemv, 6·10⁶ steps in the quick check.
 *
 * <p>The first {@value #SCALAR_CALLS} calls in a JVM take {@link Kernels#gemv} (same bits), as in
 * {@link ColumnMarginGradient}: the Vector API is ~100× slower until C2 has compiled it. Not thread-safe.
 */
final class ColumnPredictions {
    /** Largest n·d for which the column copy is made (as {@link ColumnMarginGradient}: below the blocked threshold). */
    static final long MAX_ENTRIES = BlockedRows.PARALLEL_MIN_WORK;
    /** Calls per JVM on the row-wise gemv before the SIMD kernel takes over. */
    static final int SCALAR_CALLS = 20_000;
    /** Unsynchronized on purpose: a race moves the switch by a few calls, and both paths give the same bits. */
    private static int scalarCallsLeft = SCALAR_CALLS;

    private final Matrix matrix;
    private final double[] columns;
    private final int stride;
    private final double[] padded;

    private ColumnPredictions(Matrix x) {
        this.matrix = x;
        int n = x.rows();
        int d = x.cols();
        this.stride = (n + 3) / 4 * 4;
        this.columns = new double[d * stride];
        double[] a = x.data();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                columns[j * stride + i] = a[i * d + j];
            }
        }
        this.padded = new double[stride];
    }

    /** Whether the column path applies: SIMD on, rows shorter than {@link Kernels#SIMD_DOT_MIN}, a small matrix. */
    static boolean applies(Matrix x) {
        return Simd.ENABLED && x.cols() > 0 && x.cols() < Kernels.SIMD_DOT_MIN && (long) x.rows() * x.cols() <= MAX_ENTRIES;
    }

    /** The column path for {@code x}, or null where it does not apply. */
    static ColumnPredictions forMatrix(Matrix x) {
        return applies(x) ? new ColumnPredictions(x) : null;
    }

    /** Writes ⟨xᵢ, w⟩ into {@code out[0..n)} (w is not modified); the bits of {@code Kernels.gemv(x, w, out)}. */
    void predictions(double[] w, double[] out) {
        if (scalarCallsLeft > 0) {
            scalarCallsLeft--;
            Kernels.gemv(matrix, w, out);
            return;
        }
        simdPredictions(w, out);
    }

    /** {@link #predictions} on the SIMD kernel whatever the call count (tests compare it with gemv). */
    void simdPredictions(double[] w, double[] out) {
        VectorKernels.rowDotsByColumns(columns, stride, stride, matrix.cols(), w, padded);
        System.arraycopy(padded, 0, out, 0, matrix.rows());
    }

    /** Rows rounded up to a multiple of 4: the length {@link #predictionsPadded} writes. */
    int paddedRows() {
        return stride;
    }

    /**
     * out[outOff + i] = ⟨xᵢ, w[wOff..wOff+d)⟩ for i &lt; {@link #paddedRows()} (the entries past n are padding, their values unspecified): the bits of
     * {@link Kernels#dot}{@code (x, i·d, w, wOff, d)} row by row, gemv's counted start as {@link #predictions}.
     */
    void predictionsPadded(double[] w, int wOff, double[] out, int outOff) {
        if (scalarCallsLeft > 0) {
            scalarCallsLeft--;
            int d = matrix.cols();
            double[] a = matrix.data();
            for (int i = 0; i < matrix.rows(); i++) {
                out[outOff + i] = Kernels.dot(a, i * d, w, wOff, d);
            }
            java.util.Arrays.fill(out, outOff + matrix.rows(), outOff + stride, 0.0);
            return;
        }
        VectorKernels.rowDotsByColumns(columns, stride, stride, matrix.cols(), w, wOff, out, outOff);
    }
}
