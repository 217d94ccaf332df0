package org.sgdlab.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.random.RandomStream;

/**
 * EmpiricalRisk's active-row path ({@link ActiveRows}: only the rows whose exponential-loss weight can be nonzero) against
 * its full computation over all rows, bit for bit, along normalized-GD runs toward the max-margin direction (where all but
 * a few weights underflow, the case it is for), along walks with jumps of every size (covered points, rebuilds, dense
 * sets) and at non-finite points.
 */
class ActiveRowsTest {

    private static void assertSameBits(double want, double got, String what) {
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), what + ": want " + want + ", got " + got);
    }

    /** The direction and log‖∇L‖ by both paths at w; log L too. */
    private static void assertPathsAgree(EmpiricalRisk f, double[] w, double[] dir, String where) {
        double[] want = new double[dir.length];
        double wantLog = f.plainGradientDirection(w, want);
        double got = f.gradientDirection(w, dir);
        assertSameBits(wantLog, got, where + ", log‖∇L‖");
        for (int j = 0; j < dir.length; j++) {
            assertSameBits(want[j], dir[j], where + ", direction " + j);
        }
        assertSameBits(f.plainLogValue(w), f.logValue(w), where + ", log L");
        double[] only = new double[dir.length];
        f.gradientDirectionOnly(w, only);
        for (int j = 0; j < dir.length; j++) {
            assertSameBits(want[j], only[j], where + ", direction only " + j);
        }
    }

    static Stream<Arguments> shapes() {
        // (n, d, step length, growth of the step per step): normalized GD as max-margin.fast runs it (50 × 10, η = 1),
        // SIMD-length rows (d = 20), tiny and larger n, long steps, and steps growing like the dual-accelerated method's
        return Stream.of(Arguments.of(50, 10, 1.0, 0.0, Reduction.MEAN), Arguments.of(150, 20, 10.0, 0.0, Reduction.SUM),
                Arguments.of(9, 2, 1.0, 0.0, Reduction.MEAN), Arguments.of(300, 4, 1.0, 0.0, Reduction.MEAN),
                Arguments.of(50, 10, 100.0, 0.0, Reduction.MEAN), Arguments.of(50, 10, 0.01, 0.01, Reduction.SUM));
    }

    static Stream<Arguments> runs() {
        return Stream.of(true, false).flatMap(simd -> shapes().map(a -> {
            Object[] args = java.util.Arrays.copyOf(a.get(), 6);
            args[5] = simd;
            return Arguments.of(args);
        }));
    }

    /** Both kernels of the active rows' margins: the scalar dot (a JVM's first calls) and 4 rows per SIMD vector. */
    private static void useKernel(boolean simd) {
        ActiveRows.scalarCallsLeftForTests(simd ? 0 : Integer.MAX_VALUE);
    }

    @AfterEach
    void restoreScalarStart() {
        ActiveRows.scalarCallsLeftForTests(ActiveRows.SCALAR_CALLS);
    }

    @ParameterizedTest
    @MethodSource("runs")
    void normalizedGdRunsGiveTheFullPathsBits(int n, int d, double eta, double growth, Reduction red, boolean simd) {
        useKernel(simd);
        Dataset data = Generators.separableGaussians(n, d, 0.1, 17 + n + d);
        EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(d, false), ExponentialLoss.INSTANCE, red);
        double[] w = new double[d];
        double[] dir = new double[d];
        int steps = 12_000;
        for (int t = 0; t < steps; t++) {
            assertPathsAgree(f, w, dir, "step " + t);
            double step = eta + growth * t;
            for (int j = 0; j < d; j++) {
                w[j] -= step * dir[j];
            }
        }
        ActiveRows act = f.activeRowsForTests();
        // the run exercised the skipping: most points covered by a reference, with rows left out
        assertTrue(act.coveredPoints() > steps / 2, act.coveredPoints() + " of " + steps + " points covered");
        assertTrue(act.count < n, "rows left out at the end: " + act.count + " of " + n + " active");
    }

    /** Points far apart and close together, in every order: covered points, failed covers, rebuilds, dense sets. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void walksWithJumpsOfEverySizeGiveTheFullPathsBits(boolean simd) {
        useKernel(simd);
        RandomStream r = new RandomStream(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 10 + r.nextInt(60);
            int d = 1 + r.nextInt(20);
            Dataset data = Generators.separableGaussians(n, d, 0.05, 100 + trial);
            EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(d, false), ExponentialLoss.INSTANCE, Reduction.MEAN);
            double[] w = r.gaussians(new double[d]);
            double[] dir = new double[d];
            for (int t = 0; t < 1500; t++) {
                assertPathsAgree(f, w, dir, "trial " + trial + ", point " + t);
                double scale = Math.pow(10, -4 + 8 * r.nextDouble()); // jumps from 1e-4 to 1e4
                boolean along = r.nextDouble() < 0.7; // mostly along −∇L (margins grow apart), sometimes anywhere
                for (int j = 0; j < d; j++) {
                    w[j] += along ? -scale * dir[j] : scale * r.nextGaussian();
                }
                if (r.nextDouble() < 0.01) {
                    for (int j = 0; j < d; j++) {
                        w[j] *= 1e-6; // back near the origin: every row active again
                    }
                }
            }
        }
    }

    @Test
    void nonFinitePointsAfterAReferenceTakeTheFullPath() {
        int n = 40;
        int d = 6;
        Dataset data = Generators.separableGaussians(n, d, 0.1, 3);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e308}) {
            EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(d, false), ExponentialLoss.INSTANCE, Reduction.MEAN);
            double[] w = new double[d];
            double[] dir = new double[d];
            for (int t = 0; t < 5000; t++) {
                f.gradientDirection(w, dir);
                for (int j = 0; j < d; j++) {
                    w[j] -= dir[j];
                }
            }
            double[] v = w.clone();
            v[d / 2] = bad;
            assertPathsAgree(f, v, dir, "w[" + d / 2 + "] = " + bad);
            assertPathsAgree(f, w, dir, "back at the finite point");
        }
    }

    @Test
    void appliesToTheExponentialLossWithoutInterceptOnly() {
        Dataset data = Generators.separableGaussians(20, 3, 0.1, 1);
        assertTrue(new EmpiricalRisk(data, new LinearModel(3, false), ExponentialLoss.INSTANCE, Reduction.MEAN)
                .activeRowsForTests() != null);
        assertEquals(null, new EmpiricalRisk(data, new LinearModel(3, true), ExponentialLoss.INSTANCE, Reduction.MEAN)
                .activeRowsForTests());
        assertEquals(null, new EmpiricalRisk(data, new LinearModel(3, false), LogisticLoss.INSTANCE, Reduction.MEAN)
                .activeRowsForTests());
    }
}
