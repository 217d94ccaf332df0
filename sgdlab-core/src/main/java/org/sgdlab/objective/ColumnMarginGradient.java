package org.sgdlab.objective;

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
 */
final class ColumnMarginGradient {
    /** Most columns (features, plus one for an intercept) for which the column copy is made. */
    static final int MAX_COLUMNS = 16;

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
        boolean supported = phi instanceof LogisticLoss || phi instanceof ExponentialLoss;
        int cols = x.cols() + (intercept ? 1 : 0);
        if (!Simd.ENABLED || !supported || blocked || cols > MAX_COLUMNS) {
            return null;
        }
        return new ColumnMarginGradient(x, y, intercept, phi);
    }

    /**
     * Writes Σᵢ φ'(mᵢ) zᵢ into {@code out} (length d, or d + 1 with the intercept) and returns Σᵢ φ(mᵢ) when
     * {@code withValue}, else 0. Unscaled, as {@code EmpiricalRisk}'s row sums.
     */
    double sum(double[] w, double[] out, boolean withValue) {
        VectorKernels.marginGradientByColumns(z, stride, n, cols, w, exponential, margins, coefficients, out);
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
