package org.sgdlab.oracles;

import java.util.SplittableRandom;
import org.sgdlab.linalg.Matrix;

/** Seeded generators of separable and non-separable clouds for the SVM tests. */
final class SvmTestData {
    private SvmTestData() {
    }

    /** Labels from a random direction u (and offset when intercept); points pushed apart so y(⟨u,x⟩+c) ≥ gap. */
    static Object[] separable(long seed, int n, int d, boolean intercept, double gap) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = gaussian(rng, d);
        double nu = Math.sqrt(dot(u, u));
        for (int j = 0; j < d; j++) {
            u[j] /= nu;
        }
        double c = intercept ? rng.nextDouble(-1, 1) : 0.0;
        double[] data = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] p = gaussian(rng, d);
            if (intercept) {
                for (int j = 0; j < d; j++) {
                    p[j] += 0.7; // off-centre cloud so b matters
                }
            }
            double s = dot(u, p) + c;
            double yi = s >= 0 ? 1 : -1;
            if (i == 0) {
                yi = 1;
            } else if (i == 1) {
                yi = -1;
            }
            double shift = yi * gap - s + yi * Math.abs(s); // move so that y(<u,p>+c) = |s| + gap
            for (int j = 0; j < d; j++) {
                p[j] += shift * u[j];
            }
            System.arraycopy(p, 0, data, i * d, d);
            y[i] = yi;
        }
        return new Object[] {new Matrix(n, d, data), y};
    }

    static double[] gaussian(SplittableRandom rng, int d) {
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            v[j] = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        }
        return v;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
