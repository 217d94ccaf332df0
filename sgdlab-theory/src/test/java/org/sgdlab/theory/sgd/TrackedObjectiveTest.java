package org.sgdlab.theory.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdlab.finitesum.FiniteSum;
import org.sgdlab.finitesum.SpreadQuadratic;
import org.sgdlab.objective.FusedSampleStep;
import org.sgdlab.objective.Objective;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * {@link TrackedObjective}'s one-pass observation (least squares around x*) against the quantities taken one by one:
 * ‖X_k − x*‖, {@link SpreadQuadratic#at}, {@link FiniteSum#gradient} or {@link FiniteSum#excess}, bit for bit; the
 * skipped evaluations of S (where it cannot raise the maximum), the record mask, and the trainer's fused single-sample
 * path against its general loop.
 */
class TrackedObjectiveTest {
    @ParameterizedTest
    @EnumSource(TrackedObjective.Record.class)
    void oneScanMatchesTheSeparateQuantities(TrackedObjective.Record what) {
        FiniteSum f = SgdProblem.leastSquares(SgdProblem.regression(40, 5, 0.5, 3, 0.0));
        double[] xs = f.minimizer();
        SpreadQuadratic sq = f.spreadQuadratic(xs);
        int steps = 25;
        TrackedObjective obj = new TrackedObjective(f.copy(), xs, steps - 3, what).trackSpread(sq);
        RandomStream r = new RandomStream(17);
        double[] g = new double[5];
        double[] expected = new double[steps - 3];
        double maxDistance = 0;
        double maxSpread = 0;
        for (int k = 0; k < steps; k++) {
            double[] w = r.gaussians(new double[5]);
            for (int i = 0; i < 5; i++) {
                w[i] = xs[i] + w[i] / (1 + k);
            }
            obj.gradientOnly(w, g);
            double dist = 0;
            for (int i = 0; i < 5; i++) {
                dist += (w[i] - xs[i]) * (w[i] - xs[i]);
            }
            maxDistance = Math.max(maxDistance, Math.sqrt(dist));
            maxSpread = Math.max(maxSpread, sq.at(w));
            if (k < expected.length) {
                expected[k] = what == TrackedObjective.Record.EXCESS ? f.excess(w) : f.gradient(w, new double[5]);
            }
        }
        assertArrayEquals(expected, obj.recorded(), 0.0, what + " at every recorded step");
        assertEquals(maxDistance, obj.maxDistance(), 0.0, "max distance");
        assertEquals(maxSpread, obj.maxSpread(), 0.0, "max spread");
        assertTrue(maxSpread > 0 && expected[expected.length - 1] > 0, "the test sees non-trivial values");
        assertTrue(obj.spreadEvaluations() < steps, "the bound skipped some evaluations of S (the shrinking points "
                + "cannot all raise the maximum): " + obj.spreadEvaluations() + " of " + steps);
    }

    /**
     * The bound behind the skipped evaluations of S is above S(x) as {@link SpreadQuadratic#at} computes it, at random
     * points from 1e-6 to 1e3 away from x*, along P's top eigenvector (where the quadratic term is largest) and along
     * ±∇S(x*) (where the linear term is).
     */
    @Test
    void spreadUpperBoundIsAboveTheComputedSpread() {
        FiniteSum f = SgdProblem.leastSquares(SgdProblem.regression(40, 5, 0.5, 3, 0.0));
        double[] xs = f.minimizer();
        SpreadQuadratic sq = f.spreadQuadratic(xs);
        TrackedObjective obj = new TrackedObjective(f.copy(), xs, 0, TrackedObjective.Record.EXCESS).trackSpread(sq);
        double[] top = topEigenvector(sq.p(), 5);
        RandomStream r = new RandomStream(23);
        int tight = 0;
        for (int k = 0; k < 3000; k++) {
            double[] dir = k % 3 == 0 ? r.gaussians(new double[5]) : k % 3 == 1 ? top.clone() : sq.grad().clone();
            double n = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2] + dir[3] * dir[3] + dir[4] * dir[4]);
            double radius = Math.pow(10, -6 + 9 * r.nextDouble()) * (k % 2 == 0 ? 1 : -1);
            double[] w = new double[5];
            double dist = 0;
            for (int i = 0; i < 5; i++) {
                w[i] = xs[i] + radius * dir[i] / n;
                dist += (w[i] - xs[i]) * (w[i] - xs[i]);
            }
            double s = sq.at(w);
            double bound = obj.spreadUpperBound(Math.sqrt(dist));
            assertTrue(bound >= s, "bound " + bound + " < S " + s + " at radius " + radius);
            if (k % 3 == 1 && Math.abs(radius) > 10) {
                tight += bound <= 2 * s ? 1 : 0;
            }
        }
        assertTrue(tight > 100, "far along P's top eigenvector the bound is within 2× of S (" + tight + " points)");
        assertTrue(Double.isNaN(new TrackedObjective(f.copy(), xs, 0, TrackedObjective.Record.EXCESS).spreadUpperBound(1)),
                "no bound without the fused observation");
    }

    private static double[] topEigenvector(double[] p, int d) {
        double[] v = {1, 0.5, 0.25, 0.125, 0.0625};
        for (int it = 0; it < 2000; it++) {
            double[] u = new double[d];
            double n = 0;
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    u[i] += p[i * d + k] * v[k];
                }
                n += u[i] * u[i];
            }
            n = Math.sqrt(n);
            for (int i = 0; i < d; i++) {
                v[i] = u[i] / n;
            }
        }
        return v;
    }

    /** The bound behind the skipped evaluations is an upper bound on |P|'s spectral norm (against power iteration). */
    @Test
    void absNormBoundIsAboveTheSpectralNormOfAbsP() {
        FiniteSum f = SgdProblem.leastSquares(SgdProblem.regression(40, 5, 0.5, 3, 0.0));
        double[] p = f.spreadQuadratic(f.minimizer()).p();
        int d = 5;
        double[] v = {1, 1, 1, 1, 1};
        double lambda = 0;
        for (int it = 0; it < 500; it++) {
            double[] u = new double[d];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    u[i] += Math.abs(p[i * d + k]) * v[k];
                }
            }
            double n = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2] + u[3] * u[3] + u[4] * u[4]);
            lambda = n / Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2] + v[3] * v[3] + v[4] * v[4]);
            for (int i = 0; i < d; i++) {
                v[i] = u[i] / n;
            }
        }
        double bound = TrackedObjective.absNormBound(p, d);
        assertTrue(bound >= lambda * (1 - 1e-12) && bound <= lambda * Math.sqrt(d), "bound " + bound + " vs ‖|P|‖₂ " + lambda);
    }

    /** recordOnly: the masked steps have the full record's bits, the others NaN. */
    @ParameterizedTest
    @EnumSource(TrackedObjective.Record.class)
    void maskedRecordKeepsTheBitsOfTheFullRecord(TrackedObjective.Record what) {
        FiniteSum f = SgdProblem.leastSquares(SgdProblem.regression(40, 5, 0.5, 3, 0.0));
        double[] xs = f.minimizer();
        SpreadQuadratic sq = f.spreadQuadratic(xs);
        int steps = 30;
        boolean[] mask = new boolean[steps + 1];
        for (int k = 0; k <= steps; k += 3) {
            mask[k] = true;
        }
        TrackedObjective full = new TrackedObjective(f.copy(), xs, steps, what).trackSpread(sq);
        TrackedObjective masked = new TrackedObjective(f.copy(), xs, steps, what).trackSpread(sq).recordOnly(mask);
        RandomStream r = new RandomStream(5);
        double[] g = new double[5];
        for (int k = 0; k < steps; k++) {
            double[] w = r.gaussians(new double[5]);
            for (int i = 0; i < 5; i++) {
                w[i] = xs[i] + w[i] / (1 + k % 7);
            }
            full.gradientOnly(w, g);
            masked.gradientOnly(w, g);
        }
        for (int k = 0; k < steps; k++) {
            if (mask[k]) {
                assertEquals(full.recorded()[k], masked.recorded()[k], 0.0, "step " + k);
            } else {
                assertTrue(Double.isNaN(masked.recorded()[k]), "step " + k + " is not recorded");
            }
        }
        assertEquals(full.maxSpread(), masked.maxSpread(), 0.0);
        assertEquals(full.maxDistance(), masked.maxDistance(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new TrackedObjective(f.copy(), xs, steps, what).recordOnly(new boolean[3]));
    }

    /**
     * The trainer's single-sample fast path through {@link TrackedObjective#withFusedStep()} (a {@link FusedSampleStep})
     * against its general loop (the plain objective, which is not one): the same final iterate, record, max distance and
     * max S, bit for bit.
     */
    @ParameterizedTest
    @EnumSource(TrackedObjective.Record.class)
    void fusedStepPathMatchesTheGeneralLoop(TrackedObjective.Record what) {
        FiniteSum f = SgdProblem.leastSquares(SgdProblem.regression(60, 5, 0.5, 9, 0.0));
        double[] xs = f.minimizer();
        SpreadQuadratic sq = f.spreadQuadratic(xs);
        double[] x0 = StronglyConvexClaim.start(f);
        int steps = 3000;
        double alpha = 0.1 / f.smoothness().value();
        TrackedObjective fused = new TrackedObjective(f.copy(), xs, steps, what).trackSpread(sq);
        TrackedObjective general = new TrackedObjective(f.copy(), xs, steps, what).trackSpread(sq);
        assertFalse(FusedSampleStep.class.isAssignableFrom(TrackedObjective.class), "the plain objective takes the general loop");
        double[] wf = train(fused.withFusedStep(), alpha, x0, steps);
        double[] wg = train(general, alpha, x0, steps);
        assertArrayEquals(wg, wf, 0.0, "final iterate");
        assertArrayEquals(general.recorded(), fused.recorded(), 0.0, "record");
        assertEquals(general.maxDistance(), fused.maxDistance(), 0.0, "max distance");
        assertEquals(general.maxSpread(), fused.maxSpread(), 0.0, "max spread");
        assertTrue(fused.spreadEvaluations() < steps / 2, "most evaluations of S skipped: " + fused.spreadEvaluations());
    }

    private static double[] train(Objective obj, double alpha, double[] x0, int steps) {
        TrainResult res = Trainer.builder(obj, Optimizers.sgd(alpha)).sampler(Samplers.withReplacement(obj.sampleCount(), 1,
                new RandomStream(4))).probes(List.of()).probeSchedule(ProbeSchedule.linear(steps, steps)).build().run(x0, steps);
        return res.params();
    }
}
