package org.sgdlab.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.DiagonalNetObjective;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/**
 * Diagonal networks against core's depth-2 {@link DiagonalNetObjective} (same layout θ = (u, v)) and against the
 * chain rule of the product form written out by hand.
 */
class DiagonalNetworkTest {
    @Test
    void depthTwoDifferenceIsCoresDiagonalNetObjective() {
        for (Loss loss : new Loss[] {SquaredLoss.INSTANCE, LogisticLoss.INSTANCE}) {
            for (Reduction red : Reduction.values()) {
                Dataset data = Fixtures.data(25, 6, loss.needsBinaryLabels(), 1);
                DiagonalNetObjective core = DiagonalNetObjective.of(new EmpiricalRisk(data, new LinearModel(6, false), loss, red));
                NetworkObjective net = new NetworkObjective(DiagonalNetwork.difference(6, 2), data, NetworkLoss.of(loss), red);
                assertEquals(core.dimension(), net.dimension());
                double[] theta = Checks.gaussians(new RandomStream(2), 12);
                String what = loss.name() + ", " + red;
                double[] gc = new double[12];
                double[] gn = new double[12];
                double vc = core.gradient(theta, gc);
                assertEquals(vc, net.gradient(theta, gn), 1e-14 * Math.abs(vc), what + ": value");
                assertTrue(Checks.relativeErrorInf(gn, gc) <= 1e-14, what + ": gradient " + Checks.relativeErrorInf(gn, gc));
                int[] batch = {3, 3, 24, 0, 11, 7};
                vc = core.minibatchGradient(theta, batch, batch.length, gc);
                assertEquals(vc, net.minibatchGradient(theta, batch, batch.length, gn), 1e-14 * Math.abs(vc), what);
                assertTrue(Checks.relativeErrorInf(gn, gc) <= 1e-14, what + ": minibatch " + Checks.relativeErrorInf(gn, gc));
                double[] wc = DiagonalNetObjective.weights(theta);
                assertTrue(Checks.relativeErrorInf(DiagonalNetwork.difference(6, 2).weights(theta), wc) <= 1e-15, what);
            }
        }
    }

    @Test
    void initialPointIsCoresAndStartsAtZero() {
        DiagonalNetwork net = DiagonalNetwork.difference(4, 3);
        double[] theta = net.initialize(new RandomStream(1), 0.01);
        assertArrayEquals(DiagonalNetObjective.initial(4, 0.01), theta, 0.0);
        assertArrayEquals(new double[4], net.weights(theta), 0.0);
        double[] p = DiagonalNetwork.product(4, 3).initialize(null, 0.5);
        assertArrayEquals(new double[] {0.125, 0.125, 0.125, 0.125}, DiagonalNetwork.product(4, 3).weights(p), 0.0);
    }

    @Test
    void productFormGradientIsTheChainRule() {
        // f(x) = ⟨u₁ ⊙ u₂ ⊙ u₃, x⟩, squared loss summed: ∇_{u₁} = u₂ ⊙ u₃ ⊙ Xᵀr, r = Xw − y (and cyclically)
        int d = 5;
        Dataset data = Fixtures.data(9, d, false, 3);
        DiagonalNetwork net = DiagonalNetwork.product(d, 3);
        NetworkObjective f = new NetworkObjective(net, data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.SUM);
        double[] theta = Checks.gaussians(new RandomStream(4), 3 * d);
        double[] w = net.weights(theta);
        double[] xtr = new double[d];
        for (int i = 0; i < 9; i++) {
            double r = -data.y()[i];
            for (int j = 0; j < d; j++) {
                r += w[j] * data.x().get(i, j);
            }
            for (int j = 0; j < d; j++) {
                xtr[j] += data.x().get(i, j) * r;
            }
        }
        double[] expected = new double[3 * d];
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < d; j++) {
                double others = 1;
                for (int l = 0; l < 3; l++) {
                    if (l != k) {
                        others *= theta[l * d + j];
                    }
                }
                expected[k * d + j] = others * xtr[j];
            }
        }
        double[] g = new double[3 * d];
        f.gradient(theta, g);
        assertTrue(Checks.relativeErrorInf(g, expected) <= 1e-13, "chain rule " + Checks.relativeErrorInf(g, expected));
    }

    @Test
    void homogeneousOfDegreeD() {
        for (DiagonalNetwork net : new DiagonalNetwork[] {DiagonalNetwork.difference(3, 3), DiagonalNetwork.product(3, 2)}) {
            int depth = net.homogeneityDegree().getAsInt();
            assertEquals(net.depth(), depth);
            double[] theta = Checks.gaussians(new RandomStream(5), net.layout().size());
            double[] scaled = theta.clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= 0.3;
            }
            double[] w = net.weights(theta);
            double[] ws = net.weights(scaled);
            for (int j = 0; j < w.length; j++) {
                assertEquals(Math.pow(0.3, depth) * w[j], ws[j], 1e-15 * Math.abs(w[j]) + 1e-300, net.describe());
            }
        }
    }
}
