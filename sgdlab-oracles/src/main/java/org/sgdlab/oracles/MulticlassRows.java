package org.sgdlab.oracles;

import java.util.Arrays;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * The constraint rows of the hard-margin multiclass SVM, z_c = (e_{yᵢ} − e_k) ⊗ xᵢ ∈ ℝ^{K·d} (+xᵢ in class yᵢ's block,
 * −xᵢ in class k's), so that ⟨z_c, W⟩ = ⟨w_{yᵢ} − w_k, xᵢ⟩ is the margin m_{i,k}, read from X and y without forming them.
 *
 * <p>Indexing: the n(K−1) constraints (i, k), k ≠ yᵢ, are numbered c = i(K−1) + j with k = j for j &lt; yᵢ and k = j + 1
 * otherwise — the order of i·K + k with the label slots removed. The solvers' multipliers α are stored n × K (row-major,
 * α_{i,yᵢ} = 0); {@link #compact} and {@link #spread} convert between the two layouts.
 */
final class MulticlassRows implements ConstraintRows {
    private final double[] a;
    private final int[] y;
    private final double[] sqNorm;
    private final int n;
    private final int d;
    private final int kk;

    /**
     * @param x      the points (rows), read only
     * @param y      the labels 0..K−1, read only
     * @param kk     the number of classes K ≥ 2
     * @param sqNorm ‖xᵢ‖² for each row (read only)
     */
    MulticlassRows(Matrix x, int[] y, int kk, double[] sqNorm) {
        this.a = x.data();
        this.y = y;
        this.sqNorm = sqNorm;
        this.n = x.rows();
        this.d = x.cols();
        this.kk = kk;
    }

    /** The sample i of constraint c. */
    int sample(int c) {
        return c / (kk - 1);
    }

    /** The other class k ≠ yᵢ of constraint c. */
    int otherClass(int c) {
        int j = c % (kk - 1);
        return j < y[c / (kk - 1)] ? j : j + 1;
    }

    /** The n·K layout (α_{i,k} at i·K + k) of the multipliers al (one per constraint); al is not modified. */
    double[] spread(double[] al) {
        double[] full = new double[n * kk];
        for (int c = 0; c < al.length; c++) {
            full[sample(c) * kk + otherClass(c)] = al[c];
        }
        return full;
    }

    /** The multipliers of the constraints (i, k ≠ yᵢ) from the n·K layout; full is not modified. */
    double[] compact(double[] full) {
        double[] al = new double[n * (kk - 1)];
        for (int c = 0; c < al.length; c++) {
            al[c] = full[sample(c) * kk + otherClass(c)];
        }
        return al;
    }

    /**
     * ⟨z_c, z_c'⟩ = ([yᵢ = yᵢ'] − [yᵢ = k'] − [k = yᵢ'] + [k = k'])·⟨xᵢ, xᵢ'⟩.
     */
    double gram(int c, int c2) {
        int i = sample(c);
        int k = otherClass(c);
        int i2 = sample(c2);
        int k2 = otherClass(c2);
        double coef = (y[i] == y[i2] ? 1 : 0) - (y[i] == k2 ? 1 : 0) - (k == y[i2] ? 1 : 0) + (k == k2 ? 1 : 0);
        return coef == 0 ? 0.0 : coef * Kernels.dot(a, i * d, a, i2 * d, d);
    }

    /** out (K·d, class-major) ← W(al) = Σ_c al_c z_c; al is not modified. */
    void combine(double[] al, double[] out) {
        Arrays.fill(out, 0.0);
        for (int c = 0; c < al.length; c++) {
            if (al[c] != 0.0) {
                axpy(c, al[c], out, 0);
            }
        }
    }

    /** margins[c] ← ⟨w_{yᵢ} − w_k, xᵢ⟩ for every constraint at W = w (K·d, class-major); score is K scratch entries. */
    void margins(double[] w, double[] score, double[] margins) {
        for (int i = 0, c = 0; i < n; i++) {
            for (int k = 0; k < kk; k++) {
                score[k] = Kernels.dot(a, i * d, w, k * d, d);
            }
            for (int k = 0; k < kk; k++) {
                if (k != y[i]) {
                    margins[c++] = score[y[i]] - score[k];
                }
            }
        }
    }

    @Override
    public int count() {
        return n * (kk - 1);
    }

    @Override
    public int dim() {
        return kk * d;
    }

    @Override
    public double dot(int c, double[] v, int off) {
        int i = sample(c);
        return Kernels.dot(a, i * d, v, off + y[i] * d, d) - Kernels.dot(a, i * d, v, off + otherClass(c) * d, d);
    }

    @Override
    public void axpy(int c, double s, double[] out, int off) {
        int i = sample(c);
        Kernels.axpy(s, a, i * d, out, off + y[i] * d, d);
        Kernels.axpy(-s, a, i * d, out, off + otherClass(c) * d, d);
    }

    @Override
    public void copyRow(int c, double[] out) {
        int i = sample(c);
        Arrays.fill(out, 0, kk * d, 0.0);
        System.arraycopy(a, i * d, out, y[i] * d, d);
        int k = otherClass(c);
        for (int j = 0; j < d; j++) {
            out[k * d + j] = -a[i * d + j];
        }
    }

    @Override
    public double norm(int c) {
        return Math.sqrt(2 * sqNorm[sample(c)]);
    }
}
