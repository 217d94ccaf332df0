package org.sgdlab.nn;

import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/** Small seeded datasets for the tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /** n Gaussian rows of d features with targets: ±1 (XOR of the first two coordinates' signs) or real values. */
    public static Dataset data(int n, int d, boolean binary, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] x = r.gaussians(new double[n * d]);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = x[i * d];
            double b = d > 1 ? x[i * d + 1] : 1.0;
            y[i] = binary ? (a * b >= 0 ? 1.0 : -1.0) : Math.sin(a) + 0.5 * b + 0.1 * r.nextGaussian();
        }
        return new Dataset("fixture(n=" + n + ", d=" + d + ", seed=" + seed + ")", new Matrix(n, d, x), y);
    }

    /** n Gaussian m × n measurement matrices (rows vec(Aₖ)) with Gaussian targets: matrix-sensing data. */
    public static Dataset sensing(int count, int m, int n, long seed) {
        RandomStream r = new RandomStream(seed);
        Matrix[] a = new Matrix[count];
        for (int k = 0; k < count; k++) {
            a[k] = new Matrix(m, n, r.gaussians(new double[m * n]));
        }
        return org.sgdlab.nn.model.FactorizedMatrix.sensingData("sensing(" + count + ", " + m + "x" + n + ")", a,
                r.gaussians(new double[count]));
    }

    /** {@code count} random entries (repeats possible) of an m × n matrix with Gaussian values: completion data. */
    public static Dataset completion(int count, int m, int n, long seed) {
        RandomStream r = new RandomStream(seed);
        int[] rows = new int[count];
        int[] cols = new int[count];
        for (int k = 0; k < count; k++) {
            rows[k] = r.nextInt(m);
            cols[k] = r.nextInt(n);
        }
        return org.sgdlab.nn.model.FactorizedMatrix.completionData("completion(" + count + ", " + m + "x" + n + ")", rows, cols,
                r.gaussians(new double[count]));
    }

    /** n Gaussian rows with class labels 0..k−1 (by the quadrant/argmax of the first k coordinates). */
    public static Dataset classes(int n, int d, int k, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] x = r.gaussians(new double[n * d]);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < Math.min(k, d); c++) {
                if (x[i * d + c] > x[i * d + best]) {
                    best = c;
                }
            }
            y[i] = best;
        }
        return new Dataset("classes(n=" + n + ", d=" + d + ", k=" + k + ")", new Matrix(n, d, x), y);
    }
}
