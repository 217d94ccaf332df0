package org.sgdlab.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;

/** The exact discrete stationary variance 6η/(1 − η) of 002 Problem 12.2.4 against long simulated SGD runs. */
class ThreeFunctionExampleTest {
    @Test
    void longRunVarianceMatchesTheExactFormulaNotTheSdeOne() {
        for (double eta : new double[] {0.05, 0.2, 0.5}) {
            RandomStream r = new RandomStream(12);
            double x = 0;
            for (int k = 0; k < 1000; k++) {
                x = ThreeFunctionExample.step(x, eta, r.nextInt(3));
            }
            // batch means of x² over 200 batches: the batches are far longer than the chain's correlation time 1/(2η)
            int batches = 200;
            int per = 10_000;
            double[] means = new double[batches];
            for (int b = 0; b < batches; b++) {
                double s = 0;
                for (int k = 0; k < per; k++) {
                    x = ThreeFunctionExample.step(x, eta, r.nextInt(3));
                    s += x * x;
                }
                means[b] = s / per;
            }
            WeakError.Estimate v = WeakError.mean(means);
            double exact = ThreeFunctionExample.sgdStationaryVariance(eta);
            double sde = ThreeFunctionExample.sdeStationaryVariance(eta);
            assertEquals(6 * eta / (1 - eta), exact, 1e-15);
            assertTrue(v.covers(exact, 5), "η = " + eta + ": simulated " + v + ", exact " + exact);
            assertTrue(Math.abs(v.value() - sde) > 5 * v.stdErr(), "η = " + eta + ": the SDE's " + sde + " is resolved from " + v);
            assertEquals(eta / (1 - eta), (exact - sde) / sde, 1e-12, "relative gap η/(1 − η)");
        }
        NoiseModelsTest.assertMessage(() -> ThreeFunctionExample.sgdStationaryVariance(1.0), "1.0");
        NoiseModelsTest.assertMessage(() -> ThreeFunctionExample.step(0, 0.1, 3), "3");
    }
}
