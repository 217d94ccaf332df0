package org.sgdlab.linalg;

import org.sgdlab.random.RandomStream;

/**
 * Seeded test matrices for the factorization tests (row-major {@code double[]}), built without the factorizations
 * under test: random orthogonal matrices come from modified Gram–Schmidt applied twice, not from {@link HouseholderQr}.
 */
public final class TestMatrices {
    private TestMatrices() {
    }

    static double[] gaussian(long seed, int rows, int cols) {
        return new RandomStream(seed).gaussians(new double[rows * cols]);
    }

    /** An m × k matrix with orthonormal columns: MGS twice on a Gaussian matrix. */
    static double[] orthonormalColumns(long seed, int m, int k) {
        double[] q = gaussian(seed, m, k);
        for (int j = 0; j < k; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double d = 0;
                    for (int t = 0; t < m; t++) {
                        d += q[t * k + i] * q[t * k + j];
                    }
                    for (int t = 0; t < m; t++) {
                        q[t * k + j] -= d * q[t * k + i];
                    }
                }
            }
            double s = 0;
            for (int t = 0; t < m; t++) {
                s += q[t * k + j] * q[t * k + j];
            }
            double norm = Math.sqrt(s);
            for (int t = 0; t < m; t++) {
                q[t * k + j] /= norm;
            }
        }
        return q;
    }

    /** U diag(σ) Vᵀ (rows × cols) with U (rows × r), V (cols × r) orthonormal columns, r = σ.length ≤ min. */
    static double[] withSingularValues(long seed, int rows, int cols, double[] sigma) {
        int r = sigma.length;
        double[] u = orthonormalColumns(seed, rows, r);
        double[] v = orthonormalColumns(seed + 1_000_003, cols, r);
        double[] a = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int l = 0; l < r; l++) {
                    s += u[i * r + l] * sigma[l] * v[j * r + l];
                }
                a[i * cols + j] = s;
            }
        }
        return a;
    }

    /** U_r V_rᵀ for the same U, V as {@link #withSingularValues} (the exact polar factor when all σ &gt; 0). */
    static double[] polarOf(long seed, int rows, int cols, int r) {
        double[] ones = new double[r];
        java.util.Arrays.fill(ones, 1.0);
        return withSingularValues(seed, rows, cols, ones);
    }

    /** Q diag(λ) Qᵀ (d × d, symmetric to the last bit) with a random orthogonal Q. */
    static double[] symmetricWithEigenvalues(long seed, double[] lambda) {
        int d = lambda.length;
        double[] q = orthonormalColumns(seed, d, d);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    s += q[i * d + l] * lambda[l] * q[j * d + l];
                }
                a[i * d + j] = s;
                a[j * d + i] = s;
            }
        }
        return a;
    }

    /** B Bᵀ + shift·I for a Gaussian d × r matrix B: positive semidefinite of rank r when shift = 0. */
    static double[] gram(long seed, int d, int r, double shift) {
        double[] b = gaussian(seed, d, r);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int l = 0; l < r; l++) {
                    s += b[i * r + l] * b[j * r + l];
                }
                a[i * d + j] = s;
                a[j * d + i] = s;
            }
            a[i * d + i] += shift;
        }
        return a;
    }

    /** The d × d Hilbert matrix 1/(i + j + 1) (κ₂ ≈ 1.5e10 for d = 8). */
    static double[] hilbert(int d) {
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = 1.0 / (i + j + 1);
            }
        }
        return a;
    }

    /** C = A B with A m × k, B k × n (row-major), naive loops: the reference products of the tests. */
    public static double[] multiply(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += a[i * k + l] * b[l * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** Aᵀ (n × m) of the row-major m × n matrix A. */
    public static double[] transpose(double[] a, int m, int n) {
        double[] t = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j * m + i] = a[i * n + j];
            }
        }
        return t;
    }

    /** max |a − b| over entries. */
    static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** max |entries of MᵀM − I| for the m × k matrix M. */
    static double orthonormalityError(double[] q, int m, int k) {
        double[] g = multiply(transpose(q, m, k), q, k, m, k);
        double e = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                e = Math.max(e, Math.abs(g[i * k + j] - (i == j ? 1 : 0)));
            }
        }
        return e;
    }

    static double frobenius(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
