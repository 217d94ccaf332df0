package org.sgdlab.nn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/**
 * The deep linear network against its closed-form gradient (Arora, Cohen &amp; Hazan 2018, eq. (3)): for outputs
 * Ŷ = W_L ⋯ W₁ X (examples in the columns of X) and G = ∂L/∂Ŷ,
 * <pre>  ∇_{W_j} L = (W_L ⋯ W_{j+1})ᵀ G (W_{j−1} ⋯ W₁ X)ᵀ,</pre>
 * computed here with the chain's partial products and plain loops.
 */
class DeepLinearNetworkTest {
    @Test
    void gradientIsTheClosedForm() {
        for (int[] widths : new int[][] {{4, 6, 5, 3, 1}, {3, 2, 1}, {5, 1}}) {
            DeepLinearNetwork net = new DeepLinearNetwork(widths);
            Dataset data = Fixtures.data(11, widths[0], false, 2);
            NetworkObjective f = new NetworkObjective(net, data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.SUM);
            double[] w = Checks.gaussians(new RandomStream(3), f.dimension());
            double[] g = new double[w.length];
            f.gradient(w, g);
            FactorChain chain = net.chain();
            int n = data.n();
            int depth = chain.depth();
            // G (1 × n): ŷ − y for ½Σ(ŷ − y)²
            Matrix x = data.x();
            Matrix p = net.product(w);
            double[] gOut = new double[n];
            for (int i = 0; i < n; i++) {
                double yhat = 0;
                for (int c = 0; c < widths[0]; c++) {
                    yhat += p.get(0, c) * x.get(i, c);
                }
                gOut[i] = yhat - data.y()[i];
            }
            double[] expected = new double[w.length];
            for (int j = 1; j <= depth; j++) {
                Matrix above = chain.partialProduct(w, j + 1, depth); // n_L × n_j
                Matrix below = chain.partialProduct(w, 1, j - 1);     // n_{j−1} × n_0
                int rows = widths[j];
                int cols = widths[j - 1];
                int off = chain.block(j).offset();
                for (int a = 0; a < rows; a++) {
                    for (int b = 0; b < cols; b++) {
                        double s = 0;
                        for (int i = 0; i < n; i++) {
                            double h = 0; // (W_{j−1} ⋯ W₁ xᵢ)_b
                            for (int c = 0; c < widths[0]; c++) {
                                h += below.get(b, c) * x.get(i, c);
                            }
                            s += above.get(0, a) * gOut[i] * h;
                        }
                        expected[off + a * cols + b] = s;
                    }
                }
            }
            double err = Checks.relativeErrorInf(g, expected);
            assertTrue(err <= 1e-12, java.util.Arrays.toString(widths) + ": closed form, relative error " + err);
        }
    }

    @Test
    void outputsAreTheEndToEndMatrixAndTheDegreeIsTheDepth() {
        DeepLinearNetwork net = DeepLinearNetwork.of(4, 3, 7, 2);
        assertEquals(3, net.homogeneityDegree().getAsInt());
        assertEquals("deep linear 4-7-7-2 (depth 3)", net.describe());
        Dataset data = Fixtures.classes(9, 4, 2, 4);
        NetworkObjective f = new NetworkObjective(net, data, NetworkLoss.softmaxCrossEntropy(), Reduction.MEAN);
        double[] w = net.initialize(new RandomStream(5), 0.8);
        double[] out = new double[18];
        f.outputs(w, out);
        Matrix p = net.product(w);
        double[] expected = new double[18];
        for (int i = 0; i < 9; i++) {
            for (int k = 0; k < 2; k++) {
                double s = 0;
                for (int c = 0; c < 4; c++) {
                    s += p.get(k, c) * data.x().get(i, c);
                }
                expected[i * 2 + k] = s;
            }
        }
        assertTrue(Checks.relativeErrorInf(out, expected) <= 1e-13, "X Pᵀ " + Checks.relativeErrorInf(out, expected));
    }
}
