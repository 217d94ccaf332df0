package org.sgdlab.nn.probe;

import org.sgdlab.linalg.SymmetricEigen;

/**
 * λ_max from the dense matrix: A is assembled column by column from p products with the basis vectors, symmetrized
 * (½(A + Aᵀ), which only removes rounding), and decomposed by core's {@link SymmetricEigen} (cyclic Jacobi). Exact to
 * rounding and independent of the start, so it is the reference the iterative solver is tested against; O(p²) memory,
 * p products and O(p³) per Jacobi sweep, for p up to a few hundred (measured, JDK 17 on a shared 2-core machine: about
 * 3.5 s of CPU per call at p = 441, 100 s at p = 971). The residual is measured with one more product. Not thread-safe
 * (holds its buffers for one dimension).
 */
public final class DenseEigensolver implements TopEigensolver {
    /** The largest dimension accepted (a 500 × 500 Jacobi decomposition takes seconds, the cost grows as p³). */
    public static final int MAX_DIMENSION = 500;

    private final int p;
    private final double[] matrix;
    private final double[] column;
    private final double[] basis;
    private final SymmetricEigen eigen;

    /** A solver for p × p operators, 1 ≤ p ≤ {@value #MAX_DIMENSION}. */
    public DenseEigensolver(int p) {
        if (p < 1 || p > MAX_DIMENSION) {
            throw new IllegalArgumentException("dense eigensolver dimension must be in 1.." + MAX_DIMENSION + ", got " + p);
        }
        this.p = p;
        this.matrix = new double[p * p];
        this.column = new double[p];
        this.basis = new double[p];
        this.eigen = new SymmetricEigen(p);
    }

    /** The matrix of the last {@link #largest} call, p × p row-major, symmetrized (the backing array). */
    public double[] matrix() {
        return matrix;
    }

    /** The eigenvalues of the last {@link #largest} call, ascending (the backing array). */
    public double[] eigenvalues() {
        return eigen.values();
    }

    @Override
    public Estimate largest(int dimension, Operator a, double[] start, double[] vectorOut) {
        if (dimension != p || vectorOut.length != p) {
            throw new IllegalArgumentException("this solver is for dimension " + p + ", got " + dimension + " (vector of "
                    + vectorOut.length + ")");
        }
        for (int j = 0; j < p; j++) {
            basis[j] = 1.0;
            a.apply(basis, column);
            basis[j] = 0.0;
            for (int i = 0; i < p; i++) {
                matrix[i * p + j] = column[i];
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                double s = 0.5 * (matrix[i * p + j] + matrix[j * p + i]);
                matrix[i * p + j] = s;
                matrix[j * p + i] = s;
            }
        }
        eigen.decompose(matrix);
        double theta = eigen.values()[p - 1];
        double[] vectors = eigen.vectors();
        for (int i = 0; i < p; i++) {
            vectorOut[i] = vectors[i * p + p - 1];
        }
        a.apply(vectorOut, column);
        double r = 0;
        for (int i = 0; i < p; i++) {
            double d = column[i] - theta * vectorOut[i];
            r += d * d;
        }
        return new Estimate(theta, Math.sqrt(r), p + 1);
    }
}
