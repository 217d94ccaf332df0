package org.sgdlab.sde;

import org.sgdlab.linalg.SymmetricEigen;

/** Small dense row-major helpers for the d × d matrices of this package (d up to a few hundred). */
final class Dense {
    private Dense() {
    }

    /** C = A·B for A n×k, B k×m (new array). */
    static double[] multiply(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                if (aip == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    c[i * m + j] += aip * b[p * m + j];
                }
            }
        }
        return c;
    }

    /** Aᵀ for A n×m (new array, m×n). */
    static double[] transpose(double[] a, int n, int m) {
        double[] t = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                t[j * n + i] = a[i * m + j];
            }
        }
        return t;
    }

    /** L·Lᵀ for L d×k. */
    static double[] gram(double[] l, int d, int k) {
        return multiply(l, transpose(l, d, k), d, k, d);
    }

    static double[] identity(int d) {
        double[] e = new double[d * d];
        for (int i = 0; i < d; i++) {
            e[i * d + i] = 1;
        }
        return e;
    }

    /** y = A·x for A n×m (into out). */
    static void times(double[] a, int n, int m, double[] x, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += a[i * m + j] * x[j];
            }
            out[i] = s;
        }
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
     * Solves A·X = B for square A (n×n, not modified) and B n×m (not modified) by Gaussian elimination with partial
     * pivoting; returns X. Throws if A is singular to working precision.
     */
    static double[] solve(double[] a, double[] b, int n, int m) {
        double[] lu = a.clone();
        double[] x = b.clone();
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(lu[i * n + k]) > Math.abs(lu[p * n + k])) {
                    p = i;
                }
            }
            if (lu[p * n + k] == 0) {
                throw new IllegalArgumentException("matrix is singular (pivot " + k + " is 0)");
            }
            if (p != k) {
                swapRows(lu, n, p, k);
                swapRows(x, m, p, k);
            }
            double piv = lu[k * n + k];
            for (int i = k + 1; i < n; i++) {
                double f = lu[i * n + k] / piv;
                if (f == 0) {
                    continue;
                }
                for (int j = k; j < n; j++) {
                    lu[i * n + j] -= f * lu[k * n + j];
                }
                for (int j = 0; j < m; j++) {
                    x[i * m + j] -= f * x[k * m + j];
                }
            }
        }
        for (int k = n - 1; k >= 0; k--) {
            double piv = lu[k * n + k];
            for (int j = 0; j < m; j++) {
                double s = x[k * m + j];
                for (int i = k + 1; i < n; i++) {
                    s -= lu[k * n + i] * x[i * m + j];
                }
                x[k * m + j] = s / piv;
            }
        }
        return x;
    }

    private static void swapRows(double[] a, int width, int r, int s) {
        for (int j = 0; j < width; j++) {
            double t = a[r * width + j];
            a[r * width + j] = a[s * width + j];
            a[s * width + j] = t;
        }
    }

    /** Max-row-sum norm ‖A‖_∞ of an n×n matrix. */
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
