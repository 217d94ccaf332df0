package org.sgdlab.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The exact linear-SDE law: matrix exponential, Van Loan mean/covariance, Lyapunov, exact sampling. */
class LinearSdeTest {
    static final double[] A = {-1.0, 0.5, -0.3, -2.0};
    static final double[] C = {0.2, -0.1};
    static final double[] S = {0.5, 0.2, 0.0, -0.1, 0.4, 0.3};

    @Test
    void matrixExponentialOfRotationAndNilpotentAndLargeNorm() {
        double w = 3.7;
        double[] e = MatrixExponential.of(new double[] {0, -w, w, 0}, 2);
        assertArrayEquals(new double[] {Math.cos(w), -Math.sin(w), Math.sin(w), Math.cos(w)}, e, 1e-14);
        double[] n = MatrixExponential.of(new double[] {0, 2, 0, 0, 0, 3, 0, 0, 0}, 3);
        assertArrayEquals(new double[] {1, 2, 3, 0, 1, 3, 0, 0, 1}, n, 1e-15); // I + N + N²/2
        double[] big = MatrixExponential.of(new double[] {-20, 0, 0, 5}, 2);
        assertEquals(Math.exp(-20), big[0], 1e-13 * Math.exp(-20));
        assertEquals(Math.exp(5), big[3], 1e-13 * Math.exp(5));
        // e^A e^{−A} = I for a non-normal A
        double[] ea = MatrixExponential.of(A, 2);
        double[] eminus = MatrixExponential.of(new double[] {1.0, -0.5, 0.3, 2.0}, 2);
        assertArrayEquals(Dense.identity(2), Dense.multiply(ea, eminus, 2, 2, 2), 1e-14);
    }

    @Test
    void covarianceSolvesItsOdeAndTendsToTheLyapunovSolution() {
        LinearSde lin = new LinearSde(A, C, S, 3);
        double[] q = lin.noiseCovariance();
        double t = 0.7;
        double dt = 1e-5;
        double[] p = lin.covariance(t);
        double[] pp = lin.covariance(t + dt);
        double[] pm = lin.covariance(t - dt);
        // dP/dt = A·P + P·Aᵀ + Q
        double[] ap = Dense.multiply(A, p, 2, 2, 2);
        double[] paT = Dense.multiplyTransposed(p, A, 2, 2, 2);
        for (int k = 0; k < 4; k++) {
            assertEquals(ap[k] + paT[k] + q[k], (pp[k] - pm[k]) / (2 * dt), 1e-8, "dP/dt entry " + k);
        }
        double[] stat = lin.stationaryCovariance();
        double[] aStat = Dense.multiply(A, stat, 2, 2, 2);
        double[] statAT = Dense.multiplyTransposed(stat, A, 2, 2, 2);
        for (int k = 0; k < 4; k++) {
            assertEquals(0, aStat[k] + statAT[k] + q[k], 1e-15, "Lyapunov residual " + k);
        }
        assertArrayEquals(stat, lin.covariance(40), 1e-14, "P(t) → P_∞");
        // the mean solves dm/dt = A·m + c
        double[] x0 = {1, -2};
        double[] mp = lin.mean(x0, t + dt);
        double[] mm = lin.mean(x0, t - dt);
        double[] mt = lin.mean(x0, t);
        double[] drift = new double[2];
        lin.drift(mt, drift);
        for (int i = 0; i < 2; i++) {
            assertEquals(drift[i], (mp[i] - mm[i]) / (2 * dt), 1e-8);
        }
        assertArrayEquals(x0, lin.mean(x0, 0), 0.0);
    }

    @Test
    void ouClosedForms() {
        LinearSde ou = LinearSde.ornsteinUhlenbeck(1, 2.5, -0.4, 0.9);
        for (double t : new double[] {0.01, 0.3, 2}) {
            assertEquals(-0.4 + (1.5 + 0.4) * Math.exp(-2.5 * t), ou.mean(new double[] {1.5}, t)[0], 1e-14);
            assertEquals(0.81 * (1 - Math.exp(-5 * t)) / 5, ou.covariance(t)[0], 1e-15);
        }
        assertEquals(0.81 / 5, ou.stationaryCovariance()[0], 1e-15);
    }

    @Test
    void exactSamplesHaveTheExactMeanAndCovariance() {
        LinearSde lin = new LinearSde(A, C, S, 3);
        double[] x0 = {1, -2};
        Paths p = lin.sampleExact(x0, 0.8, 200_000, 4);
        MonteCarloMoments m = new MonteCarloMoments(p.finals(), 2);
        m.assertMean(lin.mean(x0, 0.8), 5, 0, "exact sampling");
        m.assertCovariance(lin.covariance(0.8), 5, 0, "exact sampling");
    }
}
