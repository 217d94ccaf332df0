package org.sgdlab.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.parallel.Parallel;

/** The fast Euler–Maruyama path for diagonal linear SDEs against the general path, bit for bit. */
class LinearEulerMaruyamaTest {
    /** A diagonal linear SDE with distinct rates, offsets and noise levels per coordinate. */
    static LinearSde diagonalSde() {
        int d = 5;
        double[] a = new double[d * d];
        double[] c = new double[d];
        double[] s = new double[d * d];
        for (int i = 0; i < d; i++) {
            a[i * d + i] = -(0.5 + i);
            c[i] = 0.3 * i - 0.4;
            s[i * d + i] = 0.2 + 0.35 * i;
        }
        return new LinearSde(a, c, s, d);
    }

    @Test
    void equalsTheGeneralPathBitForBitWithEitherSampler() {
        LinearSde[] sdes = {diagonalSde(), LinearSde.ornsteinUhlenbeck(10, 1.0, 0.0, 1.0),
            LinearSde.ornsteinUhlenbeck(3, 2.0, 0.5, 0.8)};
        for (LinearSde sde : sdes) {
            int d = sde.dimension();
            double[] x0 = new double[d];
            for (int i = 0; i < d; i++) {
                x0[i] = 1.0 - 0.7 * i;
            }
            for (GaussianSampler g : GaussianSampler.values()) {
                Paths general = PathSimulator.simulate(Integrator.eulerMaruyama(sde), x0, 1.5, 200, 300, 42, g);
                Paths fast = LinearEulerMaruyama.simulate(sde, x0, 1.5, 200, 300, 42, g);
                assertArrayEquals(general.finals(), fast.finals(), sde.describe() + ", " + g);
                assertArrayEquals(general.brownianEnds(), fast.brownianEnds(), sde.describe() + ", " + g);
            }
        }
    }

    @Test
    void polarIsTheDefaultOfTheGeneralPath() {
        LinearSde ou = LinearSde.ornsteinUhlenbeck(2, 1.0, 0.5, 0.8);
        Integrator em = Integrator.eulerMaruyama(ou);
        double[] x0 = {2, -1};
        assertArrayEquals(PathSimulator.simulate(em, x0, 1, 50, 100, 7).finals(),
                PathSimulator.simulate(em, x0, 1, 50, 100, 7, GaussianSampler.POLAR).finals());
        assertFalse(java.util.Arrays.equals(PathSimulator.simulate(em, x0, 1, 50, 100, 7).finals(),
                PathSimulator.simulate(em, x0, 1, 50, 100, 7, GaussianSampler.ZIGGURAT).finals()));
    }

    @Test
    void sameBitsForAnyThreadCount() {
        LinearSde sde = diagonalSde();
        double[] x0 = {1, 2, 3, 4, 5};
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Paths one = LinearEulerMaruyama.simulate(sde, x0, 1, 100, 1000, 5, GaussianSampler.ZIGGURAT);
            Parallel.setThreads(3);
            Paths three = LinearEulerMaruyama.simulate(sde, x0, 1, 100, 1000, 5, GaussianSampler.ZIGGURAT);
            assertArrayEquals(one.finals(), three.finals());
            assertArrayEquals(one.brownianEnds(), three.brownianEnds());
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void zigguratPathsHaveTheExactEulerMaruyamaLawOfTheOuProcess() {
        // for dX = −θX dt + s dW, EM is X_{k+1} = (1 − θh)X_k + s√h ξ_k: Gaussian with mean (1 − θh)^N x₀ and
        // variance s²h(1 − (1 − θh)^{2N})/(1 − (1 − θh)²)
        double theta = 1.0;
        double s = 1.0;
        int n = 100;
        double h = 1.0 / n;
        LinearSde ou = LinearSde.ornsteinUhlenbeck(4, theta, 0.0, s);
        Paths p = LinearEulerMaruyama.simulate(ou, new double[] {1, 1, 1, 1}, 1.0, n, 50_000, 11, GaussianSampler.ZIGGURAT);
        double q = 1 - theta * h;
        double mean = Math.pow(q, n);
        double var = s * s * h * (1 - Math.pow(q, 2 * n)) / (1 - q * q);
        MonteCarloMoments m = new MonteCarloMoments(p.finals(), 4);
        double[] cov = new double[16];
        for (int i = 0; i < 4; i++) {
            cov[i * 4 + i] = var;
        }
        m.assertMean(new double[] {mean, mean, mean, mean}, 5, 0, "EM mean (ziggurat)");
        m.assertCovariance(cov, 5, 0, "EM covariance (ziggurat)");
    }

    @Test
    void refusesANonDiagonalSde() {
        LinearSde coupled = new LinearSde(new double[] {-1, 0.5, 0, -1}, new double[2], new double[] {1, 0, 0, 1}, 2);
        assertFalse(coupled.diagonal());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearEulerMaruyama.simulate(coupled, new double[2], 1, 10, 10, 1, GaussianSampler.POLAR));
        assertTrue(e.getMessage().contains("diagonal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearEulerMaruyama.simulate(diagonalSde(), new double[5], 1, 0,
                10, 1, GaussianSampler.POLAR), "steps = 0");
        assertTrue(diagonalSde().diagonal());
        assertEquals(5, diagonalSde().dimension());
    }
}
