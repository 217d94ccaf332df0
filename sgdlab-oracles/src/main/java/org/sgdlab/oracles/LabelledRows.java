package org.sgdlab.oracles;

import java.util.Arrays;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * The hard-margin SVM's constraint rows zᵢ = yᵢxᵢ, or zᵢ = yᵢ(xᵢ, t) with one extra coordinate t ≠ 0 (t = 1 for the
 * problem with an intercept, ⟨zᵢ, (w, b)⟩ = yᵢ(⟨w, xᵢ⟩ + b)), read from X and y without forming them.
 */
final class LabelledRows implements ConstraintRows {
    private final double[] a;
    private final double[] y;
    private final double[] sqNorm;
    private final int n;
    private final int d;
    private final double t;

    /**
     * @param x      the points (rows), read only
     * @param y      the labels ±1, read only
     * @param t      the extra coordinate (0: none, rows of length d)
     * @param sqNorm ‖xᵢ‖² for each row (read only), as the caller computed them
     */
    LabelledRows(Matrix x, double[] y, double t, double[] sqNorm) {
        this.a = x.data();
        this.y = y;
        this.sqNorm = sqNorm;
        this.n = x.rows();
        this.d = x.cols();
        this.t = t;
    }

    /** out (length {@link #dim()}) ← Σ_c al_c z_c, skipping zero multipliers; al is not modified. */
    void combine(double[] al, double[] out) {
        Arrays.fill(out, 0.0);
        for (int c = 0; c < n; c++) {
            if (al[c] != 0.0) {
                axpy(c, al[c], out, 0);
            }
        }
    }

    @Override
    public int count() {
        return n;
    }

    @Override
    public int dim() {
        return t == 0 ? d : d + 1;
    }

    @Override
    public double dot(int c, double[] v, int off) {
        double s = Kernels.dot(a, c * d, v, off, d);
        return y[c] * (t == 0 ? s : s + t * v[off + d]);
    }

    @Override
    public void axpy(int c, double s, double[] out, int off) {
        Kernels.axpy(s * y[c], a, c * d, out, off, d);
        if (t != 0) {
            out[off + d] += s * y[c] * t;
        }
    }

    @Override
    public void copyRow(int c, double[] out) {
        for (int j = 0; j < d; j++) {
            out[j] = y[c] * a[c * d + j];
        }
        if (t != 0) {
            out[d] = y[c] * t;
        }
    }

    @Override
    public double norm(int c) {
        return Math.sqrt(sqNorm[c] + t * t);
    }
}
