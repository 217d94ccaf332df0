package org.sgdlab.linalg;

/**
 * Eigenvalues and eigenvectors of a dense symmetric matrix by the cyclic Jacobi method (plane
 * rotations that annihilate one off-diagonal pair at a time; Golub &amp; Van Loan, Matrix
 * Computations, §8.5). O(d³) per sweep and quadratically convergent: meant for d up to a few
 * hundred ({@link JacobiEigen} does the work). Eigenvalues are returned in ascending order with their eigenvectors.
 *
 * @param values  eigenvalues, ascending
 * @param vectors row-major d×d; column k ({@code vectors[i*d + k]}) is the unit eigenvector of {@code values[k]}
 */
public record SymmetricEigen(double[] values, double[] vectors) {
    /** The dimension d. */
    public int dimension() {
        return values.length;
    }

    /** The largest eigenvalue. */
    public double max() {
        return values[values.length - 1];
    }

    /** The smallest eigenvalue. */
    public double min() {
        return values[0];
    }

    /** Decomposes the symmetric row-major d×d matrix {@code m} (not modified; only its upper triangle is read). */
    public static SymmetricEigen of(double[] m, int d) {
        JacobiEigen e = new JacobiEigen(d);
        e.decompose(m);
        double[] lam = e.values();
        double[] v = e.vectors();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(lam[x], lam[y]));
        double[] values = new double[d];
        double[] vectors = new double[d * d];
        for (int k = 0; k < d; k++) {
            int src = order[k];
            values[k] = lam[src];
            for (int i = 0; i < d; i++) {
                vectors[i * d + k] = v[i * d + src];
            }
        }
        return new SymmetricEigen(values, vectors);
    }
}
