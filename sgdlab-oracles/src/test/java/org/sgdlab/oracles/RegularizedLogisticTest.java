package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

class RegularizedLogisticTest {

    private static void assertConverged(RegularizedLogisticSolution s) {
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        assertTrue(s.gradientNorm() <= 1e-12 * (1 + Kernels.norm2(s.w())), () -> "gradient " + s.gradientNorm());
    }

    /** Independent slow method: gradient descent with step 1/L, L = ‖X‖_F²/(4n) + 2λ, to ‖∇F‖ ≤ 1e-14. */
    private static double[] gradientDescent(Matrix x, double[] y, double lambda) {
        int n = x.rows();
        int d = x.cols();
        double fro = Kernels.dot(x.data(), x.data());
        double step = 1 / (fro / (4.0 * n) + 2 * lambda);
        double[] w = new double[d];
        double[] g = new double[d];
        for (int it = 0; it < 2_000_000; it++) {
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < n; i++) {
                double m = y[i] * Kernels.dot(x.data(), i * d, w, 0, d);
                double s = 1 / (1 + Math.exp(m)); // σ(−m), plain formula on purpose (|m| is moderate here)
                Kernels.axpy(-s * y[i] / n, x.data(), i * d, g, 0, d);
            }
            Kernels.axpy(2 * lambda, w, g);
            if (Kernels.norm2(g) <= 1e-14) {
                break;
            }
            Kernels.axpy(-step, g, w);
        }
        return w;
    }

    @Test
    void agreesWithGradientDescentOnSeparableAndNonSeparableData(TestReporter reporter) {
        Object[] sep = SvmTestData.separable(5, 30, 4, false, 0.3);
        SplittableRandom rnd = new SplittableRandom(6);
        Matrix xr = BregmanProjectionTest.gaussian(rnd, 40, 5);
        double[] yr = new double[40];
        for (int i = 0; i < 40; i++) {
            yr[i] = rnd.nextBoolean() ? 1 : -1;
        }
        Object[][] cases = {{sep[0], sep[1], 0.05}, {xr, yr, 1e-3}};
        for (Object[] c : cases) {
            Matrix x = (Matrix) c[0];
            double[] y = (double[]) c[1];
            double lambda = (Double) c[2];
            RegularizedLogisticSolution s = RegularizedLogistic.solve(x, y, lambda);
            assertConverged(s);
            double[] ref = gradientDescent(x, y, lambda);
            double diff = BregmanProjectionTest.maxAbsDiff(s.w(), ref);
            reporter.publishEntry(String.format("logistic λ=%.0e: ‖∇F‖ = %.2e, %d Newton its, |w − w_GD|∞ = %.2e", lambda,
                    s.gradientNorm(), s.iterations(), diff));
            assertTrue(diff <= 1e-8, "|w − w_GD|∞ = " + diff);
        }
    }

    @Test
    void pathDirectionsApproachTheHardMarginSvm(TestReporter reporter) {
        Object[] sep = SvmTestData.separable(12, 40, 3, false, 0.2);
        Matrix x = (Matrix) sep[0];
        double[] y = (double[]) sep[1];
        SvmSolution svm = HardMarginSvm.solve(x, y, false);
        assertEquals(OracleStatus.OPTIMAL, svm.status(), svm.message());
        double[] u = svm.w();
        double[] lambdas = new double[31];
        for (int k = 0; k < lambdas.length; k++) {
            lambdas[k] = Math.pow(10, -k);
        }
        RegularizedLogisticSolution[] path = RegularizedLogistic.path(x, y, lambdas);
        // Measured on this data: the angle falls from 8.3e-2 (λ = 1) to 2.4e-2 (λ = 1e-4), rises slightly to 2.7e-2
        // (λ = 1e-6; every solve is certified, so the bump is a property of the path, not of the solver), then decreases
        // monotonically like 1/log(1/λ) to 5.5e-3 at λ = 1e-30. Asserted: monotone decrease from λ = 1e-6 on (each λ ≤ 1e-7 vs. its predecessor), and
        // the last angle well below the first.
        double prev = Double.POSITIVE_INFINITY;
        double first = Double.NaN;
        for (RegularizedLogisticSolution s : path) {
            assertConverged(s);
            double cos = Kernels.dot(s.w(), u) / (Kernels.norm2(s.w()) * Kernels.norm2(u));
            double angle = Math.acos(Math.min(1, cos));
            reporter.publishEntry(String.format("path λ=%.0e: ‖w‖ = %.3f, angle to SVM = %.3e rad, %d its, step %.1e", s.lambda(),
                    Kernels.norm2(s.w()), angle, s.iterations(), s.newtonStepNorm()));
            if (Double.isNaN(first)) {
                first = angle;
            }
            if (s.lambda() <= 1.0001e-7) {
                assertTrue(angle < prev, "angle did not decrease at λ=" + s.lambda());
            }
            prev = angle;
        }
        assertTrue(prev < 0.01 && prev < first / 10, "final angle " + prev + ", first " + first);
    }

    @Test
    void stableForHugeMargins() {
        Matrix x = Matrix.of(new double[][] {{1e3, 0}, {-1e3, 1}});
        double[] y = {1, -1};
        RegularizedLogisticSolution s = RegularizedLogistic.solve(x, y, 1e-8);
        assertConverged(s);
        assertTrue(Double.isFinite(s.value()));
    }

    @Test
    void rejectsBadInput() {
        Matrix x = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        assertThrows(IllegalArgumentException.class, () -> RegularizedLogistic.solve(x, new double[] {1, 0}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> RegularizedLogistic.solve(x, new double[] {1, -1}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> RegularizedLogistic.path(x, new double[] {1, -1}, new double[] {0.1, 1}));
    }
}
