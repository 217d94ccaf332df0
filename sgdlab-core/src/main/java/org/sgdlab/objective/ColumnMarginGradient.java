package org.sgdlab.objective;

import org.sgdlab.linalg.LaneTwins;
import org.sgdlab.linalg.RowSource;
import org.sgdlab.linalg.Simd;
import org.sgdlab.linalg.VectorKernels;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.MarginLoss;

/**
 * The full-batch gradient of the logistic or exponential loss on short rows, by columns on the SIMD kernels:
 * ∇ = Σᵢ φ'(mᵢ) zᵢ with zᵢ = yᵢ(xᵢ, 1) and mᵢ = ⟨zᵢ, (w, b)⟩.
 *
 * <p>Why: with d = 2 (source 001's experiments) the row-wise kernel spends its time in one scalar {@code Math.exp}
 * and one division per row (measured: 72 % of a GD step at n = 100). Held column by column, 4 rows share one vector
 * exponential and one vector division ({@link VectorKernels#marginGradientByColumns}). The copy z costs
 * n·(d + 1) doubles, so it is made only for problems below the blocked threshold (n·d &lt; 2¹⁸, at most 2 MiB) with
 * at most {@value #MAX_COLUMNS} columns; larger rows go through the row-wise kernels and their SIMD dot. The copy is
 * read through {@link RowSource}, so a memory-mapped file gives the same bits as the same rows in memory.
 *
 * <p>Matches the row-wise kernel to a few ulps (tests), not bit for bit: sums are grouped by 4 rows, and the
 * exponential is {@link VectorKernels#exp}. Not thread-safe.
 *
 * <p><b>Cheap start.</b> The first {@value #SCALAR_CALLS} calls in a JVM (all instances together) run the kernel's
 * scalar twin {@link LaneTwins#marginGradientByColumns}, which gives the same bits, and later calls the SIMD kernel:
 * the Vector API is 100× slower until C2 has compiled it, which made a fresh JVM's first 10⁴ steps cost ~0.4 s
 * instead of ~0.02 s (source 001's 5000-step experiment is a run that short). Long runs still reach the SIMD kernel
 * after ~20 ms.
 */
final class ColumnMarginGradient {
    /** Most columns (features, plus one for an intercept) for which the column copy is made. */
    static final int MAX_COLUMNS = 16;
    /** Calls per JVM on the scalar twin before the SIMD kernel takes over. */
    static final int SCALAR_CALLS = 20_000;
    /**
     * Scalar calls left in this JVM. Unsynchronized on purpose: a race can only move the switch by a few calls, and
     * both paths give the same bits.
     */
    private static int scalarCallsLeft = SCALAR_CALLS;

    private final double[] z;
    private final int stride;
    private final int n;
    private final int cols;
    private final boolean exponential;
    private final MarginLoss phi;
    private final double[] margins;
    private final double[] coefficients;

    private ColumnMarginGradient(RowSource x, double[] y, boolean intercept, MarginLoss phi) {
        this.n = x.rows();
        int d = x.cols();
        this.cols = d + (intercept ? 1 : 0);
        this.stride = (n + 3) / 4 * 4;
        this.z = new double[cols * stride];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            x.copyRows(i, 1, row, 0);
            for (int j = 0; j < d; j++) {
                z[j * stride + i] = y[i] * row[j];
            }
            if (intercept) {
                z[d * stride + i] = y[i];
            }
        }
        this.phi = phi;
        this.exponential = phi instanceof ExponentialLoss;
        this.margins = new double[stride];
        this.coefficients = new double[stride];
    }

    /** The column path for this problem, or null when it does not apply (see the class comment). */
    static ColumnMarginGradient forProblem(RowSource x, double[] y, boolean intercept, MarginLoss phi, boolean blocked) {
        return applies(x, intercept, phi, blocked) ? new ColumnMarginGradient(x, y, intercept, phi) : null;
    }

    /** Whether {@link #forProblem} makes the column copy for this problem. */
    static boolean applies(RowSource x, boolean intercept, MarginLoss phi, boolean blocked) {
        boolean supported = phi instanceof LogisticLoss || phi instanceof ExponentialLoss;
        int cols = x.cols() + (intercept ? 1 : 0);
        return Simd.ENABLED && supported && !blocked && cols <= MAX_COLUMNS;
    }

    /**
     * Writes Σᵢ φ'(mᵢ) zᵢ into {@code out} (length d, or d + 1 with the intercept) and returns Σᵢ φ(mᵢ) when
     * {@code withValue}, else 0. Unscaled, as {@code EmpiricalRisk}'s row sums.
     */
    double sum(double[] w, double[] out, boolean withValue) {
        if (scalarCallsLeft > 0) {
            scalarCallsLeft--;
            LaneTwins.marginGradientByColumns(z, stride, n, cols, w, exponential, margins, coefficients, out);
        } else {
            VectorKernels.marginGradientByColumns(z, stride, n, cols, w, exponential, margins, coefficients, out);
        }
        if (!withValue) {
            return 0.0;
        }
        double v = 0;
        for (int i = 0; i < n; i++) {
            v += phi.value(margins[i]);
        }
        return v;
    }
}
