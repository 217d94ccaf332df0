package org.sgdlab.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;

/** Weak-error estimators and the order fit. */
class WeakErrorTest {
    @Test
    void orderFitRecoversAnExactPowerLawAndReportsItsSpread() {
        double[] h = {0.1, 0.05, 0.025, 0.0125};
        double[] err = new double[4];
        for (int i = 0; i < 4; i++) {
            err[i] = 3 * h[i] * h[i];
        }
        OrderFit f = OrderFit.logLog(h, err);
        assertEquals(2.0, f.order(), 1e-12);
        assertEquals(3.0, f.constant(), 1e-11);
        assertEquals(0.0, f.stdErr(), 1e-12);
        // noisy points: the slope's standard error is the textbook s/√Sxx
        double[] noisy = {err[0] * 1.1, err[1] * 0.9, err[2] * 1.05, err[3] * 0.97};
        OrderFit g = OrderFit.logLog(h, noisy);
        assertTrue(g.stdErr() > 0.01 && g.stdErr() < 0.2, g.toString());
        NoiseModelsTest.assertMessage(() -> OrderFit.logLog(new double[] {0.1, 0.1}, new double[] {1, 2}), "distinct");
        NoiseModelsTest.assertMessage(() -> OrderFit.logLog(new double[] {0.1, -0.2}, new double[] {1, 2}), "-0.2");
    }

    @Test
    void coupledDifferencesHaveSmallerErrorsThanIndependentOnes() {
        // X = Z, Y = Z + 0.01 Z² with shared Z: E X − E Y = −0.01
        RandomStream r = new RandomStream(3);
        int n = 100_000;
        double[] gx = new double[n];
        double[] gy = new double[n];
        double[] gyIndep = new double[n];
        for (int i = 0; i < n; i++) {
            double z = r.nextGaussian();
            gx[i] = z;
            gy[i] = z + 0.01 * z * z;
            double w = r.nextGaussian();
            gyIndep[i] = w + 0.01 * w * w;
        }
        WeakError.Estimate c = WeakError.coupled(gx, gy);
        WeakError.Estimate ind = WeakError.independent(gx, gyIndep);
        assertTrue(c.covers(-0.01, 5), "coupled " + c);
        assertTrue(ind.covers(-0.01, 5), "independent " + ind);
        assertTrue(c.stdErr() < ind.stdErr() / 50, c + " vs " + ind);
        assertEquals(Math.sqrt(2.0 / n), ind.stdErr(), 0.05 * Math.sqrt(2.0 / n));
        WeakError.Estimate e = WeakError.againstExact(gx, 0);
        assertTrue(e.covers(0, 5), e.toString());
        NoiseModelsTest.assertMessage(() -> WeakError.coupled(new double[3], new double[4]), "3");
    }
}
