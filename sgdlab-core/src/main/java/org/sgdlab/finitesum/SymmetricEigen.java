package org.sgdlab.finitesum;

/**
 * Eigenvalues and eigenvectors of a dense symmetric matrix by the cyclic Jacobi method (plane
 * rotations that annihilate one off-diagonal pair at a time; Golub &amp; Van Loan, Matrix
 * Computations, §8.5). O(d³) per sweep and quadratically convergent: meant for d up to a few
 * hundred. Eigenvalues are returned in ascending order with their eigenvectors.
 *
 * @param values  eigenvalues, ascending
 * @param vectors row-major d×d; column k ({@code vectors[i*d + k]}) is the unit eigenvector of {@code values[k]}
 */
public record SymmetricEigen(double[] values, double[] vectors) {
    private static final int MAX_SWEEPS = 60;

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
        if (m.length != d * d) {
            throw new IllegalArgumentException("matrix has " + m.length + " entries, expected " + d + "×" + d);
        }
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                a[i * d + j] = m[i * d + j];
                a[j * d + i] = m[i * d + j];
            }
        }
        double[] v = new double[d * d];
        for (int i = 0; i < d; i++) {
            v[i * d + i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double all = 0;
            for (int p = 0; p < d; p++) {
                all += a[p * d + p] * a[p * d + p];
                for (int q = p + 1; q < d; q++) {
                    off += a[p * d + q] * a[p * d + q];
                }
            }
            all += 2 * off;
            if (off == 0 || off <= 1e-32 * all) {
                break;
            }
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotate(a, v, d, p, q);
                }
            }
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[x * d + x], a[y * d + y]));
        double[] values = new double[d];
        double[] vectors = new double[d * d];
        for (int k = 0; k < d; k++) {
            int src = order[k];
            values[k] = a[src * d + src];
            for (int i = 0; i < d; i++) {
                vectors[i * d + k] = v[i * d + src];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** A ← JᵀAJ, V ← VJ with the rotation in the (p, q) plane that zeroes A[p][q]. */
    private static void rotate(double[] a, double[] v, int d, int p, int q) {
        double apq = a[p * d + q];
        if (apq == 0) {
            return;
        }
        double app = a[p * d + p];
        double aqq = a[q * d + q];
        // tan of the rotation angle: the smaller root of t² + 2θt − 1 = 0, θ = (aqq − app)/(2apq)
        double theta = (aqq - app) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < d; k++) {
            double akp = a[k * d + p];
            double akq = a[k * d + q];
            a[k * d + p] = c * akp - s * akq;
            a[k * d + q] = s * akp + c * akq;
        }
        for (int k = 0; k < d; k++) {
            double apk = a[p * d + k];
            double aqk = a[q * d + k];
            a[p * d + k] = c * apk - s * aqk;
            a[q * d + k] = s * apk + c * aqk;
        }
        a[p * d + q] = 0;
        a[q * d + p] = 0;
        for (int k = 0; k < d; k++) {
            double vkp = v[k * d + p];
            double vkq = v[k * d + q];
            v[k * d + p] = c * vkp - s * vkq;
            v[k * d + q] = s * vkp + c * vkq;
        }
    }
}
