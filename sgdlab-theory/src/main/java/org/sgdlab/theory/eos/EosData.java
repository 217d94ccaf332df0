package org.sgdlab.theory.eos;

import org.sgdlab.data.Dataset;
import org.sgdlab.data.MnistDigits;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/** The two data sets of eos.sharpness: a small downsampled subset of the shipped MNIST 4/9 digits, and random labels. */
final class EosData {
    /** Side of the pooling blocks: 28 × 28 images → 4 × 4 block means. */
    static final int POOL = 7;

    private EosData() {
    }

    /**
     * The first n/2 fours and the first n/2 nines of {@link MnistDigits#fourVsNine()} (labels −1 and +1 as regression
     * targets), each image reduced to the means of its 7 × 7 blocks (16 features), every feature centred on the subset's
     * mean. Small inputs keep the quick budget fast; the centring keeps the initial sharpness low, so that the rise to
     * 2/η (progressive sharpening) is visible.
     *
     * @throws IllegalArgumentException unless n is even and 2 ≤ n ≤ 2·978
     */
    static Dataset mnist(int n) {
        if (n < 2 || n % 2 != 0 || n / 2 > MnistDigits.NINES) {
            throw new IllegalArgumentException("n must be even and in [2, " + 2 * MnistDigits.NINES + "], got " + n);
        }
        Dataset all = MnistDigits.fourVsNine();
        int side = 28 / POOL;
        int d = side * side;
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] src = all.x().data();
        for (int r = 0; r < n; r++) {
            int row = r < n / 2 ? r : MnistDigits.FOURS + (r - n / 2);
            y[r] = all.y()[row];
            for (int bi = 0; bi < side; bi++) {
                for (int bj = 0; bj < side; bj++) {
                    double s = 0;
                    for (int i = 0; i < POOL; i++) {
                        for (int j = 0; j < POOL; j++) {
                            s += src[row * 784 + (bi * POOL + i) * 28 + bj * POOL + j];
                        }
                    }
                    x[r * d + bi * side + bj] = s / (POOL * POOL);
                }
            }
        }
        centreColumnsInPlace(x, n, d);
        return new Dataset("MNIST 4 vs 9, first " + n / 2 + " of each, 7x7 block means, centred", new Matrix(n, d, x), y);
    }

    /** n points N(0, I_d) with labels ±1 drawn independently of them (fair coin): fitting them is memorization. */
    static Dataset randomLabels(int n, int d, RandomStream rnd) {
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = rnd.nextGaussian();
            }
            y[i] = rnd.nextDouble() < 0.5 ? -1.0 : 1.0;
        }
        return new Dataset("Gaussian N(0, I_" + d + "), random ±1 labels, n = " + n, new Matrix(n, d, x), y);
    }

    private static void centreColumnsInPlace(double[] x, int n, int d) {
        for (int j = 0; j < d; j++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += x[i * d + j];
            }
            m /= n;
            for (int i = 0; i < n; i++) {
                x[i * d + j] -= m;
            }
        }
    }
}
