package org.sgdlab.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** E X_T² of Euler–Maruyama on the scalar OU process, from its exact mean and variance recursions. */
    static double emSecondMoment(double theta, double mu, double s, double x0, double horizon, int steps) {
        double h = horizon / steps;
        double m = x0;
        double v = 0;
        for (int k = 0; k < steps; k++) {
            m = (1 - theta * h) * m + theta * mu * h;
            v = (1 - theta * h) * (1 - theta * h) * v + s * s * h;
        }
        return v + m * m;
    }

    @Test
    void coupledPathsGiveTheExactSchemeDifferenceWithATightInterval() {
        LinearSde ou = LinearSde.ornsteinUhlenbeck(1, 1.0, 0.5, 0.8);
        Integrator em = Integrator.eulerMaruyama(ou);
        PathSimulator.Coupled c = PathSimulator.simulateCoupled(em, em, new double[] {2.0}, 1.0, 4, 2, 20_000, 8);
        java.util.function.ToDoubleFunction<double[]> square = x -> x[0] * x[0];
        WeakError.Estimate coupled = WeakError.coupled(c.fine().values(square), c.coarse().values(square));
        double exact = emSecondMoment(1, 0.5, 0.8, 2, 1, 8) - emSecondMoment(1, 0.5, 0.8, 2, 1, 4);
        assertTrue(coupled.covers(exact, 5), coupled + " vs exact " + exact);
        // independent runs of the two step sizes: the same difference with a much wider interval
        Paths fine = PathSimulator.simulate(em, new double[] {2.0}, 1.0, 8, 20_000, 9);
        Paths coarse = PathSimulator.simulate(em, new double[] {2.0}, 1.0, 4, 20_000, 10);
        WeakError.Estimate independent = WeakError.independent(fine.values(square), coarse.values(square));
        assertTrue(independent.covers(exact, 5), independent + " vs exact " + exact);
        assertTrue(coupled.stdErr() < independent.stdErr() / 5, coupled + " vs " + independent);
        // refine = 1: the fine paths are those of simulate with the same seed
        PathSimulator.Coupled same = PathSimulator.simulateCoupled(em, em, new double[] {2.0}, 1.0, 8, 1, 300, 9);
        assertArrayEquals(PathSimulator.simulate(em, new double[] {2.0}, 1.0, 8, 300, 9).finals(), same.fine().finals(), 0.0);
        assertArrayEquals(same.fine().finals(), same.coarse().finals(), 0.0);
        NoiseModelsTest.assertMessage(() -> PathSimulator.simulateCoupled(em, em, new double[] {2.0}, 1.0, 8, 0, 10, 1), "0");
    }
}
