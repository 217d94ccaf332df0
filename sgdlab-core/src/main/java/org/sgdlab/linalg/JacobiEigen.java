package org.sgdlab.linalg;

/**
 * Eigendecomposition A = V·diag(λ)·Vᵀ of a small dense symmetric matrix by the cyclic Jacobi
 * method (Jacobi 1846; Golub &amp; Van Loan, Matrix Computations, §8.5): sweeps of plane rotations
 * that zero one off-diagonal pair at a time until the off-diagonal mass is below rounding level
 * of the diagonal. Each sweep is O(d³); a handful of sweeps suffice (quadratic convergence). The
 * workspace is allocated by the constructor, so {@link #decompose} allocates nothing; see
 * {@link SymmetricEigen#of} for a sorted, immutable result.
 */
public final class JacobiEigen {
    private static final int MAX_SWEEPS = 100;
    private final int d;
    /** Work copy of A; its diagonal holds the eigenvalues after {@link #decompose}. */
    private final double[] a;
    /** Eigenvectors in the columns: v[i*d + k] is component i of eigenvector k. */
    private final double[] v;
    private final double[] values;

    /** A workspace for d × d matrices. */
    public JacobiEigen(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + d);
        }
        this.d = d;
        this.a = new double[d * d];
        this.v = new double[d * d];
        this.values = new double[d];
    }

    /** The dimension d. */
    public int dimension() {
        return d;
    }

    /** The eigenvalues of the last {@link #decompose}, in the order of {@link #vectors()} (not sorted; the backing array). */
    public double[] values() {
        return values;
    }

    /** The eigenvectors of the last {@link #decompose} in the columns, row-major: {@code vectors()[i*d + k]} (the backing array). */
    public double[] vectors() {
        return v;
    }

    /**
     * Decomposes the symmetric row-major d × d matrix {@code m} (read only; its upper triangle defines
     * the matrix). Allocates nothing.
     */
    public void decompose(double[] m) {
        if (m.length != d * d) {
            throw new IllegalArgumentException("matrix has " + m.length + " entries, expected " + d + "×" + d);
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                a[i * d + j] = m[i * d + j];
                a[j * d + i] = m[i * d + j];
            }
        }
        java.util.Arrays.fill(v, 0.0);
        for (int i = 0; i < d; i++) {
            v[i * d + i] = 1.0;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < d; p++) {
                diag += a[p * d + p] * a[p * d + p];
                for (int q = p + 1; q < d; q++) {
                    off += a[p * d + q] * a[p * d + q];
                }
            }
            // stop when the off-diagonal part is below rounding level of the diagonal
            if (off == 0 || off <= 1e-34 * diag) {
                break;
            }
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotate(p, q);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            values[i] = a[i * d + i];
        }
    }

    /** Zeroes a[p][q] with the rotation J = [[c, s], [−s, c]] in the (p, q) plane: A ← JᵀAJ, V ← VJ. */
    private void rotate(int p, int q) {
        double apq = a[p * d + q];
        if (apq == 0) {
            return;
        }
        double app = a[p * d + p];
        double aqq = a[q * d + q];
        double theta = (aqq - app) / (2 * apq);
        double t = (theta >= 0 ? 1.0 : -1.0) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (Double.isInfinite(theta * theta)) {
            t = 0.5 / theta; // |θ| huge: t ≈ 1/(2θ)
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < d; k++) {
            if (k == p || k == q) {
                continue;
            }
            double akp = a[k * d + p];
            double akq = a[k * d + q];
            double nkp = c * akp - s * akq;
            double nkq = s * akp + c * akq;
            a[k * d + p] = nkp;
            a[p * d + k] = nkp;
            a[k * d + q] = nkq;
            a[q * d + k] = nkq;
        }
        a[p * d + p] = app - t * apq;
        a[q * d + q] = aqq + t * apq;
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
