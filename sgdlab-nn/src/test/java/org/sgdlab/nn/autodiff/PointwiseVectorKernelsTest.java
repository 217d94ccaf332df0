package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Simd;
import org.sgdlab.nn.Checks;
import org.sgdlab.random.RandomStream;

/** The vector relu equals the scalar expression bit for bit, special values included, for every tail length. */
class PointwiseVectorKernelsTest {
    @Test
    void reluEqualsTheScalarLoop() {
        assumeTrue(Simd.ENABLED, Simd.describe());
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.5, -2.5};
        double[] g = Checks.gaussians(new RandomStream(9), 40);
        for (int n = 0; n <= 51; n++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i % 3 == 0 ? special[(i / 3) % special.length] : g[i % g.length];
            }
            double[] y = new double[n];
            double[] slope = new double[n];
            double[] yOnly = new double[n];
            PointwiseVectorKernels.relu(x, y, slope, n);
            PointwiseVectorKernels.relu(x, yOnly, null, n);
            for (int i = 0; i < n; i++) {
                double v = x[i];
                double ey = v > 0 ? v : 0.0;
                double es = v > 0 ? 1.0 : 0.0;
                assertEquals(Double.doubleToRawLongBits(ey), Double.doubleToRawLongBits(y[i]), "relu(" + v + ")");
                assertEquals(Double.doubleToRawLongBits(ey), Double.doubleToRawLongBits(yOnly[i]), "relu(" + v + ")");
                assertEquals(Double.doubleToRawLongBits(es), Double.doubleToRawLongBits(slope[i]), "relu'(" + v + ")");
            }
        }
    }

    /**
     * Relu's adjoint with the slope read from y = relu(x) equals the old loop with the slope 1[x &gt; 0] stored by the
     * forward pass, x̄ (+)= φ'(x) ȳ, bit for bit: special x (±0, NaN, ±∞), special ȳ (−0, NaN, ∞), written and
     * accumulated, every tail length, from offsets 0 and 3.
     */
    @Test
    void reluAdjointFromTheValueEqualsTheStoredSlopeLoop() {
        assumeTrue(Simd.ENABLED, Simd.describe());
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, -Double.MIN_VALUE, 1.5, -2.5};
        double[] g = Checks.gaussians(new RandomStream(10), 64);
        for (int n = 0; n <= 37; n++) {
            for (int from : new int[] {0, 3}) {
                if (from > n) {
                    continue;
                }
                for (boolean write : new boolean[] {false, true}) {
                    double[] x = new double[n];
                    double[] ybar = new double[n];
                    double[] base = new double[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = i % 3 == 0 ? special[(i / 3) % special.length] : g[i];
                        ybar[i] = i % 4 == 1 ? special[(i / 4 + 1) % special.length] : g[63 - i];
                        base[i] = i % 5 == 2 ? -0.0 : g[(7 * i) % 64];
                    }
                    double[] y = new double[n];
                    PointwiseVectorKernels.relu(x, y, null, n);
                    double[] got = base.clone();
                    PointwiseVectorKernels.reluAdjoint(y, ybar, got, write, from, n);
                    for (int i = 0; i < n; i++) {
                        double slope = x[i] > 0 ? 1.0 : 0.0;
                        double expected = i < from ? base[i] : write ? 0.0 + slope * ybar[i] : base[i] + slope * ybar[i];
                        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got[i]),
                                "x = " + x[i] + ", ȳ = " + ybar[i] + ", write " + write + ", n " + n + ", i " + i);
                    }
                }
            }
        }
    }
}
