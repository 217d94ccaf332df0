package org.sgdlab.sde;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sample mean and covariance of vector draws, with per-entry standard errors from the draws themselves. */
final class MonteCarloMoments {
    final int d;
    final double[] mean;
    final double[] meanSe;
    final double[] cov;
    final double[] covSe;

    /** draws: N × d row-major. */
    MonteCarloMoments(double[] draws, int d) {
        this.d = d;
        int n = draws.length / d;
        mean = new double[d];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                mean[i] += draws[p * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= n;
        }
        meanSe = new double[d];
        cov = new double[d * d];
        double[] sq = new double[d * d];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                double u = draws[p * d + i] - mean[i];
                meanSe[i] += u * u;
                for (int j = 0; j < d; j++) {
                    double prod = u * (draws[p * d + j] - mean[j]);
                    cov[i * d + j] += prod;
                    sq[i * d + j] += prod * prod;
                }
            }
        }
        covSe = new double[d * d];
        for (int i = 0; i < d; i++) {
            meanSe[i] = Math.sqrt(meanSe[i] / (n - 1) / n);
        }
        for (int k = 0; k < d * d; k++) {
            cov[k] /= n - 1;
            double m2 = sq[k] / n;
            covSe[k] = Math.sqrt(Math.max(0, m2 - cov[k] * cov[k]) / n);
        }
    }

    /** Asserts every mean entry within z standard errors (plus abs) of the expected. */
    void assertMean(double[] expected, double z, double abs, String what) {
        for (int i = 0; i < d; i++) {
            double tol = z * meanSe[i] + abs;
            assertTrue(Math.abs(mean[i] - expected[i]) <= tol,
                    what + ": mean[" + i + "] = " + mean[i] + ", expected " + expected[i] + " ± " + tol);
        }
    }

    /** Asserts every covariance entry within z standard errors (plus abs) of the expected. */
    void assertCovariance(double[] expected, double z, double abs, String what) {
        for (int k = 0; k < d * d; k++) {
            double tol = z * covSe[k] + abs;
            assertTrue(Math.abs(cov[k] - expected[k]) <= tol,
                    what + ": cov[" + (k / d) + "," + (k % d) + "] = " + cov[k] + ", expected " + expected[k] + " ± " + tol);
        }
    }
}
