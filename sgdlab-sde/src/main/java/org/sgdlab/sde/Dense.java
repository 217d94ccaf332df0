package org.sgdlab.sde;

import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.PivotedLu;
import org.sgdlab.linalg.SymmetricEigen;
import org.sgdlab.linalg.Transpose;

/** Small dense row-major helpers for the d × d matrices of this package (d up to a few hundred). */
final class Dense {
    private Dense() {
    }

    /** C = A·B for A n×k, B k×m (new array; core's {@link Gemm}). */
    static double[] multiply(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        Gemm.multiply(Transpose.N, Transpose.N, n, m, k, a, 0, k, b, 0, m, c, 0, m);
        return c;
    }

    /** A·Bᵀ for A n×k, B m×k (new array, n×m; core's {@link Gemm}). */
    static double[] multiplyTransposed(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        Gemm.multiply(Transpose.N, Transpose.T, n, m, k, a, 0, k, b, 0, k, c, 0, m);
        return c;
    }

    /** L·Lᵀ for L d×k. */
    static double[] gram(double[] l, int d, int k) {
        return multiplyTransposed(l, l, d, k, d);
    }

    /** σ²·L·Lᵀ for L d×k: the covariance of σ·L·z for standard z (new array). */
    static double[] scaledGram(double[] l, int d, int k, double sigma) {
        double[] c = gram(l, d, k);
        for (int i = 0; i < c.length; i++) {
            c[i] *= sigma * sigma;
        }
        return c;
    }

    static double[] identity(int d) {
        double[] e = new double[d * d];
        for (int i = 0; i < d; i++) {
            e[i * d + i] = 1;
        }
        return e;
    }

    /** y = A·x for A n×m (into out; core's {@link Kernels#gemv}). */
    static void times(double[] a, int n, int m, double[] x, double[] out) {
        Kernels.gemv(new Matrix(n, m, a), x, out);
    }

    /** Checks that {@code m} has d·d finite entries and is symmetric to 1e-12 relative; names the parameter. */
    static void requireSymmetric(String name, double[] m, int d) {
        if (m.length != d * d) {
            throw new IllegalArgumentException(name + " must have " + d + "×" + d + " = " + (d * d) + " entries, got " + m.length);
        }
        double scale = 0;
        for (double v : m) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " must be finite, got an entry " + v);
            }
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(m[i * d + j] - m[j * d + i]) > 1e-12 * scale) {
                    throw new IllegalArgumentException(name + " must be symmetric, got entries (" + i + "," + j + ") = "
                            + m[i * d + j] + " and (" + j + "," + i + ") = " + m[j * d + i]);
                }
            }
        }
    }

    /**
     * A factor L (d×d) with L·Lᵀ = Σ for a symmetric positive semidefinite Σ: L = V·diag(√λ) from the eigendecomposition
     * (eigenvalues down to −1e-12·λ_max are rounding and clipped to 0; a more negative one is rejected with its value).
     */
    static double[] psdFactor(String name, double[] sigma, int d) {
        requireSymmetric(name, sigma, d);
        SymmetricEigen e = SymmetricEigen.of(sigma.clone(), d);
        double[] lam = e.values();
        double[] v = e.vectors();
        double top = Math.max(0, lam[d - 1]);
        if (lam[0] < -1e-12 * Math.max(top, Double.MIN_NORMAL)) {
            throw new IllegalArgumentException(name + " must be positive semidefinite, got the eigenvalue " + lam[0]);
        }
        double[] l = new double[d * d];
        for (int k = 0; k < d; k++) {
            double s = Math.sqrt(Math.max(0, lam[k]));
            for (int i = 0; i < d; i++) {
                l[i * d + k] = v[i * d + k] * s;
            }
        }
        return l;
    }

    /**
     * Solves A·X = B for square A (n×n, not modified) and B n×m (not modified) by core's {@link PivotedLu}; returns X.
     *
     * @throws IllegalArgumentException if a pivot is exactly 0
     */
    static double[] solve(double[] a, double[] b, int n, int m) {
        PivotedLu lu = new PivotedLu(n);
        if (!lu.decompose(a)) {
            throw new IllegalArgumentException("matrix is singular (pivot " + lu.zeroPivotIndex() + " is 0)");
        }
        return lu.solve(b, m, new double[n * m]);
    }

    static double normInf(double[] a, int n) {
        double best = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.abs(a[i * n + j]);
            }
            best = Math.max(best, s);
        }
        return best;
    }

    static void requireFinite(String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + " must be finite, got " + v[i] + " at index " + i);
            }
        }
    }
}
