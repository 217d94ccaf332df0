package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.sgdlab.geometry.Potentials;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.objective.Objective;

class FlowIntegratorTest {

    /** f(w) = ½‖Aw − b‖² with a general matrix, or ½wᵀSw for {@link #quadratic}. */
    static final class LeastSquares implements Objective {
        final Matrix a;
        final double[] b;

        LeastSquares(Matrix a, double[] b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public int dimension() {
            return a.cols();
        }

        @Override
        public int sampleCount() {
            return 1;
        }

        @Override
        public double value(double[] w) {
            double[] r = a.times(w);
            for (int i = 0; i < r.length; i++) {
                r[i] -= b[i];
            }
            return 0.5 * Kernels.dot(r, r);
        }

        @Override
        public double gradient(double[] w, double[] out) {
            double[] r = new double[a.rows()];
            return Kernels.leastSquaresResidualGradient(a, b, w, 0.0, r, out);
        }

        @Override
        public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
            return gradient(w, out);
        }
    }

    /** f(w) = ½wᵀSw, S = Q diag(ev) Qᵀ; ∇f = Sw. */
    static final class Quadratic implements Objective {
        final double[][] q;
        final double[] ev;
        final double[] s;
        final int d;

        Quadratic(double[][] q, double[] ev) {
            this.q = q;
            this.ev = ev;
            this.d = ev.length;
            this.s = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < d; k++) {
                        s[i * d + j] += q[k][i] * ev[k] * q[k][j];
                    }
                }
            }
        }

        /** Exact w(t) = Q e^{−Λt} Qᵀ w₀ (rows of q are the eigenvectors). */
        double[] exact(double[] w0, double t) {
            double[] out = new double[d];
            for (int k = 0; k < d; k++) {
                double c = Kernels.dot(q[k], w0) * Math.exp(-ev[k] * t);
                Kernels.axpy(c, q[k], out);
            }
            return out;
        }

        @Override
        public int dimension() {
            return d;
        }

        @Override
        public int sampleCount() {
            return 1;
        }

        @Override
        public double value(double[] w) {
            double[] g = new double[d];
            gradient(w, g);
            return 0.5 * Kernels.dot(w, g);
        }

        @Override
        public double gradient(double[] w, double[] out) {
            for (int i = 0; i < d; i++) {
                out[i] = Kernels.dot(s, i * d, w, 0, d);
            }
            return 0.5 * Kernels.dot(w, out);
        }

        @Override
        public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
            return gradient(w, out);
        }
    }

    static Quadratic randomQuadratic(long seed, double[] ev) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = ev.length;
        double[][] q = new double[d][];
        for (int k = 0; k < d; k++) {
            double[] v = BregmanProjectionTest.gaussian(rnd, d);
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < k; j++) {
                    Kernels.axpy(-Kernels.dot(q[j], v), q[j], v);
                }
            }
            double nv = Kernels.norm2(v);
            for (int t = 0; t < d; t++) {
                v[t] /= nv;
            }
            q[k] = v;
        }
        return new Quadratic(q, ev);
    }

    @Test
    void gradientFlowOnAQuadraticMatchesTheMatrixExponential(TestReporter reporter) {
        Quadratic f = randomQuadratic(1, new double[] {0.1, 0.5, 2, 10});
        double[] w0 = {1, -2, 0.5, 3};
        double[] times = {0, 0.25, 1, 3, 10};
        FlowSolution r = FlowIntegrator.gradientFlow(f, w0, 10, FlowIntegrator.Options.defaults(), times);
        assertEquals(OracleStatus.OPTIMAL, r.status(), r.message());
        assertEquals(10.0, r.time());
        assertArrayEquals(times, r.traceTimes());
        double worst = 0;
        for (int k = 0; k < times.length; k++) {
            worst = Math.max(worst, BregmanProjectionTest.maxAbsDiff(r.trace()[k], f.exact(w0, times[k])));
        }
        reporter.publishEntry(String.format("quadratic, rtol 1e-10: max error %.2e, %d accepted / %d rejected", worst,
                r.acceptedSteps(), r.rejectedSteps()));
        assertTrue(worst <= 1e-9, "max error " + worst);
        assertArrayEquals(r.w(), r.trace()[times.length - 1]);
    }

    @Test
    void tighterToleranceGivesSmallerError(TestReporter reporter) {
        Quadratic f = randomQuadratic(2, new double[] {0.3, 1, 4});
        double[] w0 = {2, -1, 1};
        double prevErr = Double.POSITIVE_INFINITY;
        long prevSteps = 0;
        for (double rtol : new double[] {1e-3, 1e-5, 1e-7, 1e-9, 1e-11}) {
            FlowSolution r = FlowIntegrator.gradientFlow(f, w0, 5,
                    FlowIntegrator.Options.defaults().withTolerances(rtol, rtol * 1e-2), null);
            double err = BregmanProjectionTest.maxAbsDiff(r.w(), f.exact(w0, 5));
            reporter.publishEntry(String.format("rtol %.0e: error %.2e, %d accepted / %d rejected", rtol, err, r.acceptedSteps(),
                    r.rejectedSteps()));
            assertTrue(err < prevErr, "error did not shrink at rtol " + rtol);
            assertTrue(err <= 100 * rtol, "error " + err + " at rtol " + rtol);
            assertTrue(r.acceptedSteps() >= prevSteps);
            prevErr = err;
            prevSteps = r.acceptedSteps();
        }
    }

    @Test
    void stiffModeForcesRejectionsButStaysAccurate(TestReporter reporter) {
        Quadratic f = randomQuadratic(3, new double[] {1, 200});
        double[] w0 = {1, 1};
        FlowSolution r = FlowIntegrator.gradientFlow(f, w0, 2, FlowIntegrator.Options.defaults(), null);
        assertEquals(OracleStatus.OPTIMAL, r.status());
        reporter.publishEntry(String.format("stiff (κ = 200): %d accepted / %d rejected, error %.2e", r.acceptedSteps(), r.rejectedSteps(),
                BregmanProjectionTest.maxAbsDiff(r.w(), f.exact(w0, 2))));
        assertTrue(BregmanProjectionTest.maxAbsDiff(r.w(), f.exact(w0, 2)) <= 1e-9);
    }

    @Test
    void mirrorFlowWithEuclideanPotentialIsGradientFlow() {
        Quadratic f = randomQuadratic(4, new double[] {0.2, 1, 3});
        double[] w0 = {1, 0.5, -2};
        double[] times = {0.5, 2};
        FlowSolution g = FlowIntegrator.gradientFlow(f, w0, 4, FlowIntegrator.Options.defaults(), times);
        FlowSolution m = FlowIntegrator.mirrorFlow(f, Potentials.euclidean(), w0, 4,
                FlowIntegrator.Options.defaults(), times);
        assertArrayEquals(g.w(), m.w(), 0.0);
        assertArrayEquals(g.w(), m.z(), 0.0);
        assertEquals(g.acceptedSteps(), m.acceptedSteps());
        for (int k = 0; k < times.length; k++) {
            assertArrayEquals(g.trace()[k], m.trace()[k], 0.0);
        }
    }

    @Test
    void gradientFlowLimitOfLeastSquaresIsTheClosestInterpolant(TestReporter reporter) {
        SplittableRandom rnd = new SplittableRandom(21);
        Matrix x = BregmanProjectionTest.gaussian(rnd, 4, 10);
        double[] y = BregmanProjectionTest.gaussian(rnd, 4);
        double[] w0 = BregmanProjectionTest.gaussian(rnd, 10);
        FlowSolution r = FlowIntegrator.gradientFlow(new LeastSquares(x, y), w0, Double.POSITIVE_INFINITY,
                FlowIntegrator.Options.defaults().withTolerances(1e-12, 1e-14).withGradientTolerance(1e-10), null);
        assertEquals(OracleStatus.OPTIMAL, r.status(), r.message());
        assertTrue(r.gradientToleranceReached());
        double[] ref = MinNormLeastSquares.fromInitial(x, y, w0).w();
        double diff = BregmanProjectionTest.maxAbsDiff(r.w(), ref);
        reporter.publishEntry(String.format("GF limit of LS: |w(T) − (w₀ + X⁺(y − Xw₀))|∞ = %.2e at T = %.1f, %d steps", diff, r.time(),
                r.acceptedSteps()));
        assertTrue(diff <= 1e-8, "diff " + diff);
    }

    @Test
    void mirrorFlowLimitIsTheBregmanProjection(TestReporter reporter) {
        SplittableRandom rnd = new SplittableRandom(22);
        Matrix x = BregmanProjectionTest.gaussian(rnd, 3, 8);
        double[] y = BregmanProjectionTest.gaussian(rnd, 3);
        BregmanProjection.Mirror mirror = BregmanProjection.Mirror.hyperbolicEntropy(0.5);
        double[] w0 = new double[8];
        FlowSolution r = FlowIntegrator.mirrorFlow(new LeastSquares(x, y), mirror.potential(), w0,
                Double.POSITIVE_INFINITY, FlowIntegrator.Options.defaults().withTolerances(1e-12, 1e-14).withGradientTolerance(1e-10), null);
        assertEquals(OracleStatus.OPTIMAL, r.status(), r.message());
        BregmanProjectionSolution b = BregmanProjection.project(mirror, x, y, w0);
        double diff = BregmanProjectionTest.maxAbsDiff(r.w(), b.w());
        reporter.publishEntry(String.format("mirror-flow limit (R_0.5): |w(T) − Bregman projection|∞ = %.2e at T = %.1f", diff,
                r.time()));
        assertTrue(diff <= 1e-8, "diff " + diff);
    }

    @Test
    void stepBudgetAndValidation() {
        Quadratic f = randomQuadratic(5, new double[] {1, 2});
        FlowSolution r = FlowIntegrator.gradientFlow(f, new double[] {1, 1}, 100,
                FlowIntegrator.Options.defaults().withMaxSteps(3), null);
        assertEquals(OracleStatus.MAX_ITERATIONS, r.status());
        assertFalse(r.gradientToleranceReached());
        assertThrows(IllegalArgumentException.class,
                () -> FlowIntegrator.gradientFlow(f, new double[] {1, 1}, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> FlowIntegrator.gradientFlow(f, new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> FlowIntegrator.gradientFlow(f, new double[] {1, 1}, 1,
                FlowIntegrator.Options.defaults(), new double[] {0.5, 0.2}));
    }
}
