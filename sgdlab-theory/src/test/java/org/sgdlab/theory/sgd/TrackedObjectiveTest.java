package org.sgdlab.theory.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdlab.finitesum.FiniteSum;
import org.sgdlab.finitesum.SpreadQuadratic;
import org.sgdlab.random.RandomStream;

/**
 * {@link TrackedObjective}'s one-pass observation (least squares around x*) against the quantities taken one by one:
 * ‖X_k − x*‖, {@link SpreadQuadratic#at}, {@link FiniteSum#gradient} or {@link FiniteSum#excess}, bit for bit.
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
    }
}
