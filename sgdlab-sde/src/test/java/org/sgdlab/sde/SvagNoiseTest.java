package org.sgdlab.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.Svag;
import org.sgdlab.random.RandomStream;

/**
 * SVAG's ĝ = r₁g₁ + r₂g₂ from two independent draws of a Gaussian NGOS on a quadratic is unbiased with covariance ℓσ²Σ
 * (002 Def. 12.4.1, Problem 12.4.3): Monte Carlo with 200 000 draws, every mean and covariance entry within 5 of its own
 * standard errors.
 */
class SvagNoiseTest {
    @Test
    void svagGradientIsUnbiasedWithCovarianceLTimesSigmaSquaredSigma() {
        double sigma = 0.5;
        double[] x = {0.4, -1.0, 2.0};
        GaussianOracle o = GaussianOracle.withCovariance(TestObjectives.diagonalQuadratic(1, 2, 3), sigma, NoiseModelsTest.SIGMA);
        for (double l : new double[] {1, 8, 32}) {
            Svag svag = new Svag(Schedules.constant(0.1), l);
            RandomStream r = new RandomStream(21);
            int n = 200_000;
            double[] draws = new double[n * 3];
            double[] g1 = new double[3];
            double[] g2 = new double[3];
            for (int p = 0; p < n; p++) {
                o.sample(x, r, g1);
                o.sample(x, r, g2);
                svag.combineInPlace(g1, g2);
                System.arraycopy(g1, 0, draws, p * 3, 3);
            }
            MonteCarloMoments m = new MonteCarloMoments(draws, 3);
            m.assertMean(NoiseModelsTest.mean(o, x), 5, 0, "SVAG mean at l = " + l);
            double[] expected = new double[9];
            for (int k = 0; k < 9; k++) {
                expected[k] = l * sigma * sigma * NoiseModelsTest.SIGMA[k];
            }
            m.assertCovariance(expected, 5, 0, "SVAG covariance at l = " + l);
            assertEquals(l * sigma * sigma * 2.0, m.cov[0], 5 * m.covSe[0]);
        }
    }
}
