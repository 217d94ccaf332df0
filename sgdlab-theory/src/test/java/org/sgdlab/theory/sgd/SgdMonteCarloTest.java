package org.sgdlab.theory.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.finitesum.FiniteSum;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.ProgressListener;

/**
 * {@link SgdMonteCarlo} recording q only at the reported steps (and those its averages and tail means need) against the
 * run that records every step: the same estimates, bit for bit, wherever both have them.
 */
class SgdMonteCarloTest {
    @Test
    void reportedStepsHaveTheBitsOfTheFullRecord() {
        FiniteSum f = SgdProblem.leastSquares(SgdProblem.regression(50, 5, 0.5, 7, 0.0));
        double[] x0 = StronglyConvexClaim.start(f);
        int steps = 400;
        long[] ks = SgdMonteCarlo.probeSteps(steps, 10, true);
        long[] avg = {10, 50};
        double alpha = 0.05 / f.smoothness().value();
        for (TrackedObjective.Record what : TrackedObjective.Record.values()) {
            SgdMonteCarlo.Result all = SgdMonteCarlo.run(f, alpha, 1, x0, steps, avg, null, 8, new RandomStream(3), what,
                    ProgressListener.NONE);
            SgdMonteCarlo.Result some = SgdMonteCarlo.run(f, alpha, 1, x0, steps, avg, ks, 8, new RandomStream(3), what,
                    ProgressListener.NONE);
            assertTrue(some.estimates().size() < all.estimates().size(), "fewer observations recorded");
            for (long k : ks) {
                assertEquals(all.stepMean((int) k), some.stepMean((int) k), 0.0, what + " mean at " + k);
                assertEquals(all.stepSe((int) k), some.stepSe((int) k), 0.0, what + " se at " + k);
            }
            for (int k = steps / 2; k <= steps; k++) {
                assertEquals(all.stepMean(k), some.stepMean(k), 0.0, what + " tail step " + k);
            }
            for (int k = 0; k < 50; k++) {
                assertEquals(all.stepMean(k), some.stepMean(k), 0.0, what + " step " + k + " below the last average");
            }
            assertArrayEquals(tail(all), tail(some), 0.0, what + ": averages, tail means, max distance, max S");
            int missing = 60; // not reported, below K/2, above the last average
            assertTrue(java.util.Arrays.stream(ks).noneMatch(k -> k == missing));
            assertThrows(IllegalArgumentException.class, () -> some.stepMean(missing));
        }
        assertThrows(IllegalArgumentException.class, () -> SgdMonteCarlo.recordedSteps(10, new long[0], new long[] {11}));
    }

    private static double[] tail(SgdMonteCarlo.Result r) {
        double[] m = r.estimates().mean();
        double[] out = new double[m.length - r.averageOffset() + 2];
        System.arraycopy(m, r.averageOffset(), out, 0, m.length - r.averageOffset());
        out[out.length - 2] = r.maxDistance();
        out[out.length - 1] = r.maxSpread();
        return out;
    }
}
