package org.sgdlab.kernels;

import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/** Inputs shared by the kernel tests. */
final class KernelTestData {
    /** The angles of issue 14's ntk.closed-form claim. */
    static final double[] ANGLES = {0, Math.PI / 6, Math.PI / 4, Math.PI / 3, Math.PI / 2, 2 * Math.PI / 3, Math.PI};

    private KernelTestData() {
    }

    /** Row 0 is e₁ in ℝ², row k + 1 the unit vector at ANGLES[k] from it (scaled by {@code radius}). */
    static Matrix unitCircle(double radius) {
        int n = ANGLES.length + 1;
        double[] xs = new double[2 * n];
        xs[0] = radius;
        for (int k = 0; k < ANGLES.length; k++) {
            xs[2 * (k + 1)] = radius * Math.cos(ANGLES[k]);
            xs[2 * (k + 1) + 1] = radius * Math.sin(ANGLES[k]);
        }
        return new Matrix(n, 2, xs);
    }

    /** n × d standard normal entries, seeded. */
    static Matrix gaussian(long seed, int n, int d) {
        RandomStream r = new RandomStream(seed);
        double[] a = new double[n * d];
        for (int k = 0; k < a.length; k++) {
            a[k] = r.nextGaussian();
        }
        return new Matrix(n, d, a);
    }

    /** The smallest eigenvalue of a symmetric n × n matrix (Jacobi). */
    static double minEigenvalue(double[] k, int n) {
        return org.sgdlab.linalg.SymmetricEigen.of(k, n).min();
    }
}
