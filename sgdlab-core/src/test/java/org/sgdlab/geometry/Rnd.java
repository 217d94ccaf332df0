package org.sgdlab.geometry;

import java.util.SplittableRandom;
import org.sgdlab.linalg.TestMatrices;

/** Seeded random helpers for the geometry tests. */
final class Rnd {
    private Rnd() {
    }

    static double[] gaussian(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = gauss(r);
        }
        return v;
    }

    static double gauss(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** A random n×n orthogonal matrix (row-major), the Q factor of a Gaussian matrix. */
    static double[] orthogonal(SplittableRandom r, int n) {
        double[] y = gaussian(r, n * n);
        double[] q = new double[n * n];
        Stiefel st = new Stiefel(n, n, Stiefel.Retraction.QR);
        st.retract(new double[n * n], y, q, new double[st.workspaceSize(n * n)]);
        return q;
    }

    /** C = A B with A m×k, B k×n (row-major): linalg's naive test reference. */
    static double[] matmul(double[] a, double[] b, int m, int k, int n) {
        return TestMatrices.multiply(a, b, m, k, n);
    }

    static double[] transpose(double[] a, int m, int n) {
        return TestMatrices.transpose(a, m, n);
    }

    /**
     * G = U diag(σ) Vᵀ (rows×cols) with random orthogonal U (rows×rows), V (cols×cols); σ has
     * min(rows, cols) entries. Also returns U_r V_rᵀ (the exact polar factor) in {@code polar}.
     */
    static double[] withSingularValues(SplittableRandom r, int rows, int cols, double[] sigma, double[] polar) {
        double[] u = orthogonal(r, rows);
        double[] v = orthogonal(r, cols);
        int k = Math.min(rows, cols);
        double[] g = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                double p = 0;
                for (int l = 0; l < k; l++) {
                    s += u[i * rows + l] * sigma[l] * v[j * cols + l];
                    p += u[i * rows + l] * v[j * cols + l];
                }
                g[i * cols + j] = s;
                if (polar != null) {
                    polar[i * cols + j] = p;
                }
            }
        }
        return g;
    }
}
