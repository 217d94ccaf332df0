package org.sgdlab.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.random.RandomStream;

class DiagonalNetObjectiveTest {
    private static final Dataset DATA = Generators.underdeterminedRegression(5, 7, 0.1, 4);

    @Test
    void gradientMatchesFiniteDifferences() {
        DiagonalNetObjective f = DiagonalNetObjective.of(EmpiricalRisk.of(DATA, SquaredLoss.INSTANCE, Reduction.SUM));
        double[] theta = new RandomStream(2).gaussians(new double[14]);
        double[] g = new double[14];
        double v = f.gradient(theta, g);
        assertEquals(f.value(theta), v, 1e-12 * Math.abs(v));
        for (int j = 0; j < 14; j++) {
            double h = 1e-6;
            double[] p = theta.clone();
            double[] m = theta.clone();
            p[j] += h;
            m[j] -= h;
            double fd = (f.value(p) - f.value(m)) / (2 * h);
            assertEquals(fd, g[j], 1e-6 * Math.max(1, Math.abs(fd)), "coordinate " + j);
        }
        double[] g2 = new double[14];
        f.gradientOnly(theta, g2);
        assertArrayEquals(g, g2, 0.0);
    }

    @Test
    void minibatchGradientIsTheChainRuleOfTheInnerMinibatchGradient() {
        EmpiricalRisk inner = EmpiricalRisk.of(DATA, SquaredLoss.INSTANCE, Reduction.MEAN);
        DiagonalNetObjective f = DiagonalNetObjective.of(inner);
        double[] theta = new RandomStream(3).gaussians(new double[14]);
        int[] batch = {4, 1, 1};
        double[] g = new double[14];
        f.minibatchGradient(theta, batch, 3, g);
        double[] gw = new double[7];
        inner.minibatchGradient(DiagonalNetObjective.weights(theta), batch, 3, gw);
        for (int j = 0; j < 7; j++) {
            assertEquals(2 * theta[j] * gw[j], g[j], 1e-15 * Math.abs(g[j]) + 1e-300);
            assertEquals(-2 * theta[7 + j] * gw[j], g[7 + j], 1e-15 * Math.abs(g[7 + j]) + 1e-300);
        }
    }

    @Test
    void initialPointGivesZeroWeightsAndConservedProducts() {
        double[] theta = DiagonalNetObjective.initial(4, 0.3);
        assertArrayEquals(new double[4], DiagonalNetObjective.weights(theta), 0.0);
        assertEquals(0.3, theta[0]);
        assertEquals(0.3, theta[7]);
        assertThrows(IllegalArgumentException.class, () -> DiagonalNetObjective.initial(4, 0));
        assertThrows(IllegalArgumentException.class, () -> DiagonalNetObjective.initial(0, 1));
        assertThrows(IllegalArgumentException.class, () -> DiagonalNetObjective.weightsInto(new double[3], new double[1]));
    }
}
