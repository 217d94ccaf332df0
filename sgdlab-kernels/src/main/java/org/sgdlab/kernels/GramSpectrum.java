package org.sgdlab.kernels;

import org.sgdlab.linalg.SymmetricEigen;

/**
 * The eigendecomposition K = Σᵢ λᵢ vᵢvᵢᵀ of a Gram matrix, eigenvalues descending (002 §9.3: under gradient flow on the
 * squared loss with kernel K, the residual's component along vᵢ decays like e^{−λᵢt}, eq. 9.10). Computed by the
 * repository's {@link SymmetricEigen} (cyclic Jacobi, O(n³) per sweep: meant for n up to a few hundred). Immutable.
 */
public final class GramSpectrum {
    private final int n;
    private final double[] values;
    private final double[] vectors;
    private final boolean converged;

    private GramSpectrum(int n, double[] values, double[] vectors, boolean converged) {
        this.n = n;
        this.values = values;
        this.vectors = vectors;
        this.converged = converged;
    }

    /**
     * The spectrum of K (n × n row-major, symmetric, read only).
     *
     * @throws IllegalArgumentException on a wrong length, a non-finite entry or an asymmetric K
     */
    public static GramSpectrum of(double[] gram, int n) {
        KernelRidge.requireGram(gram, n);
        SymmetricEigen e = SymmetricEigen.of(gram, n);
        double[] asc = e.values();
        double[] vec = e.vectors();
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            int src = n - 1 - k;
            values[k] = asc[src];
            for (int i = 0; i < n; i++) {
                vectors[i * n + k] = vec[i * n + src];
            }
        }
        return new GramSpectrum(n, values, vectors, e.converged());
    }

    /** n. */
    public int dimension() {
        return n;
    }

    /** λ₁ ≥ … ≥ λ_n (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The unit eigenvectors in the columns, row-major n × n: entry [i·n + k] is component i of vₖ (a copy). */
    public double[] vectors() {
        return vectors.clone();
    }

    /** Whether the Jacobi sweeps reached their stopping test. */
    public boolean converged() {
        return converged;
    }

    /** (v₁ᵀy, …, v_nᵀy), the coordinates of y (length n, read only) in the eigenbasis; a new array. */
    public double[] projections(double[] y) {
        if (y.length != n) {
            throw new IllegalArgumentException("y must have length " + n + ", got " + y.length);
        }
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += vectors[i * n + k] * y[i];
            }
            out[k] = s;
        }
        return out;
    }
}
