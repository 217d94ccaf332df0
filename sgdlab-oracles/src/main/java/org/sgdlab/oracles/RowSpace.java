package org.sgdlab.oracles;

import java.util.Objects;
import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * An orthonormal basis of the row space row(X) = range(Xᵀ) ⊂ ℝᵈ of an n × d matrix X, computed once,
 * for projecting many vectors: P_row v = V_r V_rᵀ v and the null-space (of X) component
 * v − P_row v = (I − X⁺X) v.
 *
 * <p>The basis is the set of right singular vectors v_1..v_r of X whose singular values exceed
 * {@code rcond · σ_max} (see {@link MinNormLeastSquares#defaultRcond(int, int)}), re-orthonormalised by
 * two passes of modified Gram–Schmidt so that VᵀV = I to about one ulp. Projections are applied as
 * modified Gram–Schmidt sweeps, twice ("twice is enough", Giraud et al. 2005), so the null-space
 * component is orthogonal to row(X) to ~1e-16 relative even when it is much smaller than v.
 *
 * <p>Instances are immutable and thread-safe; the projection methods do not allocate.
 */
public final class RowSpace {
    private final int d;
    private final int rank;
    /** rank × d, row-major: row j is the j-th basis vector. */
    private final double[] basis;
    private final double[] singularValues;
    private final double rcond;

    private RowSpace(int d, int rank, double[] basis, double[] singularValues, double rcond) {
        this.d = d;
        this.rank = rank;
        this.basis = basis;
        this.singularValues = singularValues;
        this.rcond = rcond;
    }

    /** Row space of X with the default cutoff {@code max(n, d)·ε}. */
    public static RowSpace of(Matrix x) {
        return of(x, MinNormLeastSquares.defaultRcond(x.rows(), x.cols()));
    }

    /**
     * Row space of X keeping singular values {@code σ > rcond · σ_max}.
     *
     * @throws IllegalArgumentException if {@code rcond} is negative or not finite, or X has a non-finite entry
     */
    public static RowSpace of(Matrix x, double rcond) {
        Objects.requireNonNull(x, "x");
        MinNormLeastSquares.checkRcond(rcond);
        return fromSvd(JacobiSvd.of(x), rcond);
    }

    static RowSpace fromSvd(JacobiSvd svd, double rcond) {
        int d = svd.cols();
        int r = svd.rank(rcond);
        double[] b = new double[r * d];
        for (int j = 0; j < r; j++) {
            double[] vj = java.util.Arrays.copyOfRange(svd.rightVectors(), j * d, (j + 1) * d);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double c = Kernels.dot(b, i * d, vj, 0, d);
                    for (int t = 0; t < d; t++) {
                        vj[t] -= c * b[i * d + t];
                    }
                }
            }
            double nrm = Kernels.norm2(vj);
            for (int t = 0; t < d; t++) {
                b[j * d + t] = vj[t] / nrm;
            }
        }
        return new RowSpace(d, r, b, svd.singularValues().clone(), rcond);
    }

    /** Dimension d of the ambient space (number of columns of X). */
    public int dimension() {
        return d;
    }

    /** Numerical rank r = dim row(X). */
    public int rank() {
        return rank;
    }

    /** The cutoff used. */
    public double rcond() {
        return rcond;
    }

    /** All min(n, d) singular values of X, descending (a copy). */
    public double[] singularValues() {
        return singularValues.clone();
    }

    /** A copy of the j-th orthonormal basis vector (0 ≤ j &lt; rank). */
    public double[] basisVector(int j) {
        Objects.checkIndex(j, rank);
        double[] out = new double[d];
        System.arraycopy(basis, j * d, out, 0, d);
        return out;
    }

    /**
     * Writes the component of v orthogonal to row(X), i.e. (I − X⁺X)v, the part of v in the null space
     * of X, into {@code out} and returns {@code out}. {@code out} may be {@code v} itself. No allocation.
     */
    public double[] nullComponent(double[] v, double[] out) {
        checkLengths(v, out);
        if (out != v) {
            System.arraycopy(v, 0, out, 0, d);
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0, off = 0; j < rank; j++, off += d) {
                double c = Kernels.dot(basis, off, out, 0, d);
                if (c != 0.0) {
                    Kernels.axpy(-c, basis, off, out, 0, d);
                }
            }
        }
        return out;
    }

    /**
     * Writes the orthogonal projection P_row v = X⁺X v onto row(X) into {@code out} (which must not be
     * {@code v}) and returns {@code out}. Computed as v − nullComponent(v) so the two parts add up to v exactly
     * up to one rounding per entry. No allocation.
     */
    public double[] rowComponent(double[] v, double[] out) {
        checkLengths(v, out);
        if (out == v) {
            throw new IllegalArgumentException("out must not alias v for rowComponent");
        }
        nullComponent(v, out);
        for (int t = 0; t < d; t++) {
            out[t] = v[t] - out[t];
        }
        return out;
    }

    /** ‖(I − X⁺X)v‖₂ using {@code scratch} (length d) as work space. No allocation. */
    public double nullComponentNorm(double[] v, double[] scratch) {
        return Kernels.norm2(nullComponent(v, scratch));
    }

    private void checkLengths(double[] v, double[] out) {
        if (v.length != d || out.length != d) {
            throw new IllegalArgumentException("vectors must have length " + d + ", got v: " + v.length + ", out: " + out.length);
        }
    }
}
