package org.sgdlab.problems;

import org.sgdlab.random.RandomStream;

/**
 * Random orthogonal matrices: the Q factor of the Householder QR decomposition of a d × d standard
 * Gaussian matrix, with column j multiplied by sign(R_jj) so that Q is Haar-distributed
 * (Mezzadri, "How to generate random matrices from the classical compact groups", 2007).
 */
public final class RandomOrthogonal {
    private RandomOrthogonal() {
    }

    /** A d × d orthogonal matrix as rows {@code q[i][j]}, drawn from {@code rng}. */
    public static double[][] haar(int d, RandomStream rng) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = rng.nextGaussian();
            }
        }
        return qOfQr(a);
    }

    /**
     * The Q factor of A = QR by Householder reflections, with the signs fixed so that diag(R) &gt; 0.
     * {@code a} (square) is overwritten with R.
     */
    static double[][] qOfQr(double[][] a) {
        int d = a.length;
        double[][] vs = new double[d][];
        double[] rSign = new double[d];
        for (int k = 0; k < d; k++) {
            double norm = 0;
            for (int i = k; i < d; i++) {
                norm += a[i][k] * a[i][k];
            }
            norm = Math.sqrt(norm);
            double alpha = a[k][k] >= 0 ? -norm : norm; // R_kk = alpha, chosen to avoid cancellation
            double[] v = new double[d];
            for (int i = k; i < d; i++) {
                v[i] = a[i][k];
            }
            v[k] -= alpha;
            double vn = 0;
            for (int i = k; i < d; i++) {
                vn += v[i] * v[i];
            }
            if (vn > 0) {
                for (int j = k; j < d; j++) { // A ← (I − 2vvᵀ/vᵀv) A
                    double s = 0;
                    for (int i = k; i < d; i++) {
                        s += v[i] * a[i][j];
                    }
                    s *= 2 / vn;
                    for (int i = k; i < d; i++) {
                        a[i][j] -= s * v[i];
                    }
                }
            }
            vs[k] = vn > 0 ? v : null;
            rSign[k] = a[k][k] >= 0 ? 1 : -1;
        }
        // Q = H_0 H_1 … H_{d−1}: apply the reflections in reverse order to the identity
        double[][] q = new double[d][d];
        for (int i = 0; i < d; i++) {
            q[i][i] = 1;
        }
        for (int k = d - 1; k >= 0; k--) {
            double[] v = vs[k];
            if (v == null) {
                continue;
            }
            double vn = 0;
            for (int i = k; i < d; i++) {
                vn += v[i] * v[i];
            }
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = k; i < d; i++) {
                    s += v[i] * q[i][j];
                }
                s *= 2 / vn;
                for (int i = k; i < d; i++) {
                    q[i][j] -= s * v[i];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            if (rSign[j] < 0) {
                for (int i = 0; i < d; i++) {
                    q[i][j] = -q[i][j];
                }
            }
        }
        return q;
    }
}
