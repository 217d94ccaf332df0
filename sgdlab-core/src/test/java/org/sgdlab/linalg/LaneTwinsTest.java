package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.VectorKernels.LaneFunction;

/**
 * The scalar twins give exactly the bits of the SIMD kernels (so either may run, and the switch cannot show). NaNs
 * compare equal whatever their sign and payload ({@link Double#doubleToLongBits}): an invalid operation's NaN sign is
 * the hardware's choice (x86's scalar and vector units differ), and Java gives NaN bit patterns no meaning.
 */
class LaneTwinsTest {

    /** Margins from everyday values to both tails, the overflow and underflow edges, ±0, ±∞ and NaN. */
    private static double[] margins(Random r, int n) {
        double[] special = {0.0, -0.0, 1e-300, -1e-300, 709.7, 709.8, 710.5, -709.8, -745.1, -745.2, -746.5, 745.1, 746.5,
            -1100, 1100, 1022 * Math.log(2), -1022 * Math.log(2), -1020.5 * Math.log(2), Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, -Double.MAX_VALUE};
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = i < special.length ? special[i] : switch (i % 3) {
                case 0 -> r.nextGaussian() * 3;
                case 1 -> r.nextGaussian() * 300;
                default -> (r.nextDouble() * 2 - 1) * 760;
            };
        }
        return m;
    }

    @Test
    void theLaneFunctionsHaveTheBitsOfTheSimdKernel() {
        assumeTrue(Simd.ENABLED, Simd.describe());
        double[] m = margins(new Random(5), 40_000);
        double[] got = new double[m.length];
        VectorKernels.lanewise(LaneFunction.LOGISTIC_DERIVATIVE, m, got, m.length);
        for (int i = 0; i < m.length; i++) {
            assertEquals(Double.doubleToLongBits(got[i]), Double.doubleToLongBits(LaneTwins.logisticDerivative(m[i])),
                    "logistic φ'(" + m[i] + ")");
        }
        VectorKernels.lanewise(LaneFunction.EXPONENTIAL_DERIVATIVE, m, got, m.length);
        for (int i = 0; i < m.length; i++) {
            assertEquals(Double.doubleToLongBits(got[i]), Double.doubleToLongBits(LaneTwins.exponentialDerivative(m[i])),
                    "exponential φ'(" + m[i] + ")");
        }
    }

    @Test
    void theColumnGradientHasTheBitsOfTheSimdKernel() {
        assumeTrue(Simd.ENABLED, Simd.describe());
        Random r = new Random(7);
        for (int n : new int[] {1, 3, 4, 5, 15, 16, 17, 33, 100, 1001}) {
            for (int cols : new int[] {1, 2, 3, 16}) {
                for (boolean exponential : new boolean[] {false, true}) {
                    int stride = (n + 3) / 4 * 4;
                    double[] z = new double[cols * stride];
                    for (int j = 0; j < cols; j++) {
                        for (int i = 0; i < n; i++) {
                            z[j * stride + i] = r.nextGaussian();
                        }
                    }
                    double[] w = new double[cols];
                    double scale = r.nextBoolean() ? 1 : 200;
                    for (int j = 0; j < cols; j++) {
                        w[j] = r.nextGaussian() * scale;
                    }
                    double[][] simd = run(true, z, stride, n, cols, w, exponential);
                    double[][] twin = run(false, z, stride, n, cols, w, exponential);
                    String what = "n=" + n + " cols=" + cols + (exponential ? " exponential" : " logistic");
                    for (int k = 0; k < 3; k++) {
                        assertEquals(Arrays.toString(bits(simd[k])), Arrays.toString(bits(twin[k])), what + " output " + k);
                    }
                }
            }
        }
    }

    private static double[][] run(boolean simd, double[] z, int stride, int n, int cols, double[] w, boolean exponential) {
        double[] margins = new double[stride];
        double[] coefficients = new double[stride];
        double[] grad = new double[cols];
        if (simd) {
            VectorKernels.marginGradientByColumns(z, stride, n, cols, w, exponential, margins, coefficients, grad);
        } else {
            LaneTwins.marginGradientByColumns(z, stride, n, cols, w, exponential, margins, coefficients, grad);
        }
        return new double[][] {margins, coefficients, grad};
    }

    private static long[] bits(double[] a) {
        long[] b = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Double.doubleToLongBits(a[i]);
        }
        return b;
    }
}
