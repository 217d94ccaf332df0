package org.sgdlab.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.sgdlab.parallel.Parallel;

/** Euler–Maruyama and Milstein against exact solutions: OU moments (weak order), GBM paths (strong order). */
class IntegratorTest {
    static final double THETA = 1.0;
    static final double MU = 0.5;
    static final double S = 0.8;
    static final double X0 = 2.0;

    @Test
    void eulerMaruyamaOnOuIsWeakOrderOneAgainstTheExactVariance(TestReporter reporter) {
        LinearSde ou = LinearSde.ornsteinUhlenbeck(1, THETA, MU, S);
        double exactVar = ou.covariance(1.0)[0];
        assertEquals(S * S * (1 - Math.exp(-2 * THETA)) / (2 * THETA), exactVar, 1e-14, "Van Loan P(t) vs closed form");
        int[] steps = {2, 4, 8, 16};
        double[] h = new double[steps.length];
        double[] err = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            Paths p = PathSimulator.simulate(Integrator.eulerMaruyama(ou), new double[] {X0}, 1.0, steps[k], 200_000, 17 + k);
            MonteCarloMoments m = new MonteCarloMoments(p.finals(), 1);
            h[k] = 1.0 / steps[k];
            err[k] = Math.abs(m.cov[0] - exactVar);
            // the bias dominates the Monte-Carlo error by a factor ≥ 4 at every h here
            assertTrue(err[k] > 4 * m.covSe[0], "bias " + err[k] + " vs stdErr " + m.covSe[0] + " at h = " + h[k]);
        }
        OrderFit fit = OrderFit.logLog(h, err);
        reporter.publishEntry("em-weak-order-ou-variance", fit.toString());
        assertEquals(1.0, fit.order(), 0.15, "EM weak order on the OU variance: " + fit);
        assertTrue(fit.stdErr() < 0.1, fit.toString());
    }

    @Test
    void eulerMaruyamaMeanAndVarianceConvergeToTheExactOuLaw() {
        LinearSde ou = LinearSde.ornsteinUhlenbeck(2, THETA, MU, S);
        Paths p = PathSimulator.simulate(Integrator.eulerMaruyama(ou), new double[] {X0, -1}, 1.0, 1000, 20_000, 3);
        MonteCarloMoments m = new MonteCarloMoments(p.finals(), 2);
        double[] mean = ou.mean(new double[] {X0, -1}, 1.0);
        assertEquals(MU + (X0 - MU) * Math.exp(-THETA), mean[0], 1e-14);
        // weak bias at h = 1e-3 is ~1e-3 relative: allow it on top of 5 standard errors
        m.assertMean(mean, 5, 2e-3, "EM mean");
        m.assertCovariance(ou.covariance(1.0), 5, 2e-3, "EM covariance");
    }

    @Test
    void milsteinIsStrongOrderOneAndEulerMaruyamaOneHalfOnGeometricBrownianMotion(TestReporter reporter) {
        double mu = 0.5;
        double s = 0.8;
        DiagonalSde gbm = Sdes.geometricBrownian(1, mu, s);
        int[] steps = {8, 16, 32, 64, 128};
        double[] h = new double[steps.length];
        double[] errM = new double[steps.length];
        double[] errE = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            h[k] = 1.0 / steps[k];
            errM[k] = strongError(Integrator.milstein(gbm), steps[k], mu, s);
            errE[k] = strongError(Integrator.eulerMaruyama(gbm), steps[k], mu, s);
        }
        OrderFit m = OrderFit.logLog(h, errM);
        OrderFit e = OrderFit.logLog(h, errE);
        reporter.publishEntry("strong-order-gbm", "milstein " + m + ", euler-maruyama " + e);
        assertEquals(1.0, m.order(), 0.1, "Milstein strong order " + m);
        assertEquals(0.5, e.order(), 0.1, "EM strong order " + e);
        assertTrue(m.stdErr() < 0.05 && e.stdErr() < 0.05, m + " " + e);
    }

    /** E|X_T^h − X_T| with X_T = exp((μ − s²/2)T + sW_T) driven by the same path's W_T. */
    static double strongError(Integrator in, int steps, double mu, double s) {
        Paths p = PathSimulator.simulate(in, new double[] {1.0}, 1.0, steps, 4000, 5);
        double sum = 0;
        for (int i = 0; i < p.paths(); i++) {
            double exact = Math.exp((mu - 0.5 * s * s) + s * p.brownianEnds()[i]);
            sum += Math.abs(p.finals()[i] - exact);
        }
        return sum / p.paths();
    }

    @Test
    void fullAndStateDependentDiffusionMatchTheDiagonalFormAndTheLinearLaw() {
        double mu = 0.3;
        double s = 0.5;
        DiagonalSde diag = Sdes.geometricBrownian(2, mu, s);
        Sde full = Sdes.stateDependent(2, 2, (x, out) -> {
            out[0] = mu * x[0];
            out[1] = mu * x[1];
        }, (x, out) -> {
            out[0] = s * x[0];
            out[1] = 0;
            out[2] = 0;
            out[3] = s * x[1];
        }, "gbm as a full matrix");
        double[] x0 = {1, 2};
        Paths a = PathSimulator.simulate(Integrator.eulerMaruyama(diag), x0, 1, 50, 300, 9);
        Paths b = PathSimulator.simulate(Integrator.eulerMaruyama(full), x0, 1, 50, 300, 9);
        assertArrayEquals(a.finals(), b.finals(), 0.0, "a diagonal σ written as a full matrix gives the same bits");

        // constant full S (2×3, correlated noise) on a linear drift: EM's covariance against the exact P(T)
        double[] amat = {-1.0, 0.5, -0.3, -2.0};
        double[] c = {0.2, -0.1};
        double[] smat = {0.5, 0.2, 0.0, -0.1, 0.4, 0.3};
        LinearSde lin = new LinearSde(amat, c, smat, 3);
        Sde constant = Sdes.constantDiffusion(2, 3, lin::drift, smat, "constant full S");
        Paths p = PathSimulator.simulate(Integrator.eulerMaruyama(constant), x0, 1, 400, 40_000, 10);
        MonteCarloMoments m = new MonteCarloMoments(p.finals(), 2);
        m.assertMean(lin.mean(x0, 1), 5, 5e-3, "full S mean");
        m.assertCovariance(lin.covariance(1), 5, 5e-3, "full S covariance");
    }

    @Test
    void sameBitsForOneAndTwoThreadsAndReproducibleSeeds() {
        LinearSde ou = LinearSde.ornsteinUhlenbeck(3, THETA, MU, S);
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Paths one = PathSimulator.simulate(Integrator.eulerMaruyama(ou), new double[] {1, 2, 3}, 1, 20, 1000, 42);
            Paths exactOne = ou.sampleExact(new double[] {1, 2, 3}, 1, 1000, 42);
            Parallel.setThreads(2);
            Paths two = PathSimulator.simulate(Integrator.eulerMaruyama(ou), new double[] {1, 2, 3}, 1, 20, 1000, 42);
            Paths exactTwo = ou.sampleExact(new double[] {1, 2, 3}, 1, 1000, 42);
            assertArrayEquals(one.finals(), two.finals(), 0.0);
            assertArrayEquals(one.brownianEnds(), two.brownianEnds(), 0.0);
            assertArrayEquals(exactOne.finals(), exactTwo.finals(), 0.0);
            Paths again = PathSimulator.simulate(Integrator.eulerMaruyama(ou), new double[] {1, 2, 3}, 1, 20, 1000, 42);
            assertArrayEquals(one.finals(), again.finals(), 0.0, "same seed, same bits");
            Paths other = PathSimulator.simulate(Integrator.eulerMaruyama(ou), new double[] {1, 2, 3}, 1, 20, 1000, 43);
            assertFalse(Arrays.equals(one.finals(), other.finals()), "another seed, other paths");
            // path p depends on p only: the first 100 of 1000 paths are the 100 paths of a smaller run
            Paths few = PathSimulator.simulate(Integrator.eulerMaruyama(ou), new double[] {1, 2, 3}, 1, 20, 100, 42);
            assertArrayEquals(few.finals(), Arrays.copyOf(one.finals(), 300), 0.0);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void badParametersNameTheValue() {
        LinearSde ou = LinearSde.ornsteinUhlenbeck(1, THETA, MU, S);
        NoiseModelsTest.assertMessage(() -> Integrator.milstein(ou), "diagonal");
        NoiseModelsTest.assertMessage(() -> PathSimulator.simulate(Integrator.eulerMaruyama(ou), new double[] {0}, -1, 10, 10, 1), "-1.0");
        NoiseModelsTest.assertMessage(() -> PathSimulator.simulate(Integrator.eulerMaruyama(ou), new double[] {0}, 1, 0, 10, 1), "0");
        NoiseModelsTest.assertMessage(() -> PathSimulator.simulate(Integrator.eulerMaruyama(ou), new double[] {0, 1}, 1, 10, 10, 1), "2");
        NoiseModelsTest.assertMessage(() -> LinearSde.ornsteinUhlenbeck(1, -2, 0, 1), "-2.0");
        NoiseModelsTest.assertMessage(() -> LinearSde.ornsteinUhlenbeck(1, 1, 0, -0.1), "-0.1");
        assertThrows(IllegalArgumentException.class, () -> new LinearSde(new double[] {1, 0, 0, 1}, new double[] {0, 0},
                new double[] {1, 0, 0, 1}, 2).stationaryCovariance(), "unstable A has no stationary covariance");
    }
}
