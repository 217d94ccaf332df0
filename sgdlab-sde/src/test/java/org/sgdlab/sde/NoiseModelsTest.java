package org.sgdlab.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Objective;
import org.sgdlab.random.RandomStream;

/** Every noise model's mean and exact covariance against Monte Carlo (5 standard errors of the estimate itself). */
class NoiseModelsTest {
    static final double[] SIGMA = {2.0, 0.6, -0.3, 0.6, 1.0, 0.2, -0.3, 0.2, 0.5};
    static final double[] X = {0.4, -1.0, 2.0};
    static final int N = 200_000;

    static double[] draws(NoisyGradientOracle o, double[] x, int n, long seed) {
        int d = o.dimension();
        double[] out = new double[n * d];
        double[] g = new double[d];
        RandomStream r = new RandomStream(seed);
        for (int p = 0; p < n; p++) {
            o.sample(x, r, g);
            System.arraycopy(g, 0, out, p * d, d);
        }
        return out;
    }

    static double[] mean(NoisyGradientOracle o, double[] x) {
        double[] m = new double[o.dimension()];
        o.meanGradient(x, m);
        return m;
    }

    @Test
    void gaussianHasItsMeanAndCovarianceSigmaSquaredTimesSigma() {
        Objective f = TestObjectives.diagonalQuadratic(1, 2, 3);
        GaussianOracle o = GaussianOracle.withCovariance(f, 0.7, SIGMA);
        double[] expected = o.covariance(X).orElseThrow();
        for (int k = 0; k < 9; k++) {
            assertEquals(0.49 * SIGMA[k], expected[k], 1e-14, "exact covariance σ²Σ");
        }
        MonteCarloMoments m = new MonteCarloMoments(draws(o, X, N, 1), 3);
        m.assertMean(mean(o, X), 5, 0, "gaussian");
        m.assertCovariance(expected, 5, 0, "gaussian");
    }

    @Test
    void gaussianFromARectangularFactor() {
        double[] l = {1, 0.5, 0, 1, -1, 2}; // 3×2: rank-2 covariance in 3 dimensions
        GaussianOracle o = GaussianOracle.withFactor(TestObjectives.diagonalQuadratic(1, 1, 1), 1.5, l, 2);
        double[] expected = o.covariance(X).orElseThrow();
        assertEquals(2.25 * (1 + 0.25), expected[0], 1e-14);
        MonteCarloMoments m = new MonteCarloMoments(draws(o, X, N, 2), 3);
        m.assertCovariance(expected, 5, 1e-15, "gaussian factor");
    }

    @Test
    void centredExponentialHasTheCovarianceAndSkewnessTwo() {
        NonGaussianOracle o = NonGaussianOracle.withCovariance(TestObjectives.diagonalQuadratic(1, 2, 3), 0.5, SIGMA,
                NonGaussianOracle.Shape.centredExponential());
        double[] draws = draws(o, X, N, 3);
        MonteCarloMoments m = new MonteCarloMoments(draws, 3);
        m.assertMean(mean(o, X), 5, 0, "exponential");
        m.assertCovariance(o.covariance(X).orElseThrow(), 5, 0, "exponential");
        // scalar case: z = σ·√Σ·(E − 1), third central moment σ³Σ^{3/2}·2
        NonGaussianOracle scalar = NonGaussianOracle.withCovariance(TestObjectives.diagonalQuadratic(1), 1.0, new double[] {4.0},
                NonGaussianOracle.Shape.centredExponential());
        double[] s = draws(scalar, new double[] {0}, N, 4);
        double m3 = 0;
        double m6 = 0;
        for (double v : s) {
            m3 += v * v * v;
            m6 += v * v * v * v * v * v;
        }
        m3 /= N;
        double se = Math.sqrt((m6 / N - m3 * m3) / N);
        assertEquals(2 * 8.0, m3, 5 * se, "E z³ = 2·σ³Σ^{3/2}");
    }

    @Test
    void studentTHasTheCovarianceAndHeavierTails() {
        NonGaussianOracle o = NonGaussianOracle.withCovariance(TestObjectives.diagonalQuadratic(1, 2, 3), 0.5, SIGMA,
                NonGaussianOracle.Shape.studentT(6));
        MonteCarloMoments m = new MonteCarloMoments(draws(o, X, N, 5), 3);
        m.assertMean(mean(o, X), 5, 0, "student-t");
        m.assertCovariance(o.covariance(X).orElseThrow(), 5, 0, "student-t");
        // kurtosis of a standardized t_6: 3 + 6/(ν − 4) = 6 (Gaussian: 3)
        NonGaussianOracle scalar = NonGaussianOracle.withCovariance(TestObjectives.diagonalQuadratic(1), 1.0, new double[] {1.0},
                NonGaussianOracle.Shape.studentT(6));
        double[] s = draws(scalar, new double[] {0}, 400_000, 6);
        double m4 = 0;
        for (double v : s) {
            m4 += v * v * v * v;
        }
        m4 /= s.length;
        assertTrue(m4 > 4.5 && m4 < 8, "fourth moment of standardized t_6 (exact 6) estimated " + m4);
    }

    @Test
    void gammaSamplerHasMeanAndVarianceA() {
        for (double a : new double[] {0.4, 1.0, 3.5}) {
            RandomStream r = new RandomStream(7);
            double[] v = new double[N];
            for (int i = 0; i < N; i++) {
                v[i] = Gamma.sample(a, r);
            }
            MonteCarloMoments m = new MonteCarloMoments(v, 1);
            m.assertMean(new double[] {a}, 5, 0, "gamma(" + a + ")");
            m.assertCovariance(new double[] {a}, 5, 0, "gamma(" + a + ")");
        }
    }

    @Test
    void minibatchWithAndWithoutReplacementHaveTheirExactCovariances() {
        EmpiricalRisk f = TestObjectives.leastSquares(10, 3, 11);
        for (boolean replacement : new boolean[] {true, false}) {
            MinibatchOracle o = new MinibatchOracle(f, 4, replacement);
            double[] expected = o.covariance(X).orElseThrow();
            MonteCarloMoments m = new MonteCarloMoments(draws(o, X, N, 8), 3);
            m.assertMean(mean(o, X), 5, 1e-14, "minibatch replacement=" + replacement);
            m.assertCovariance(expected, 5, 1e-14, "minibatch replacement=" + replacement);
        }
        // the finite-population correction: without replacement = with replacement · (n − B)/(n − 1)
        double[] with = new MinibatchOracle(f, 4, true).covariance(X).orElseThrow();
        double[] without = new MinibatchOracle(f, 4, false).covariance(X).orElseThrow();
        for (int k = 0; k < 9; k++) {
            assertEquals(with[k] * 6.0 / 9.0, without[k], 1e-14 * Math.abs(with[k]) + 1e-16);
        }
        // B = n without replacement is the full gradient: zero covariance, and every draw equals the mean
        MinibatchOracle all = new MinibatchOracle(f, 10, false);
        assertArrayEquals(new double[9], all.covariance(X).orElseThrow(), 0.0);
        double[] g = new double[3];
        all.sample(X, new RandomStream(1), g);
        assertArrayEquals(mean(all, X), g, 1e-14);
    }

    @Test
    void sameStreamStateGivesTheSameDraw() {
        EmpiricalRisk f = TestObjectives.leastSquares(10, 3, 11);
        NoisyGradientOracle[] oracles = {
            GaussianOracle.withCovariance(TestObjectives.diagonalQuadratic(1, 2, 3), 1, SIGMA),
            NonGaussianOracle.withCovariance(TestObjectives.diagonalQuadratic(1, 2, 3), 1, SIGMA, NonGaussianOracle.Shape.studentT(3.5)),
            new MinibatchOracle(f, 3, false), new MinibatchOracle(f, 3, true)};
        for (NoisyGradientOracle o : oracles) {
            assertArrayEquals(draws(o, X, 50, 99), draws(o, X, 50, 99), 0.0, o.describe());
        }
    }

    @Test
    void badParametersNameTheValue() {
        Objective f = TestObjectives.diagonalQuadratic(1, 2, 3);
        assertMessage(() -> GaussianOracle.withCovariance(f, -0.5, SIGMA), "-0.5");
        assertMessage(() -> GaussianOracle.withCovariance(f, 1, new double[] {1, 0, 0, 0, -1, 0, 0, 0, 1}), "-1.0");
        assertMessage(() -> GaussianOracle.withCovariance(f, 1, new double[] {1, 2, 0, 0, 1, 0, 0, 0, 1}), "symmetric");
        assertMessage(() -> NonGaussianOracle.Shape.studentT(2.0), "2.0");
        assertMessage(() -> new MinibatchOracle(TestObjectives.leastSquares(10, 3, 1), 11, false), "11");
        assertMessage(() -> new MinibatchOracle(TestObjectives.leastSquares(10, 3, 1), 0, true), "0");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
