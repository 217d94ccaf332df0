package org.sgdlab.theory.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.kernels.FullyConnectedNetwork;
import org.sgdlab.kernels.Parameterization;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.nn.param.ParameterBlock;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/** FirstLayerGd's Gram-updated steps against the naive reference: W itself, stepped by sgdlab-nn's reverse-mode gradient. */
class FirstLayerGdTest {
    private static Matrix inputs(int rows, int d, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] x = new double[rows * d];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                x[i * d + k] = r.nextGaussian();
                s += x[i * d + k] * x[i * d + k];
            }
            for (int k = 0; k < d; k++) {
                x[i * d + k] /= Math.sqrt(s);
            }
        }
        return new Matrix(rows, d, x);
    }

    @Test
    void gramUpdatedStepsMatchReverseModeGdOnTheWeights() {
        int n = 12;
        int d = 7;
        int m = 10;
        double eta = 0.3;
        Matrix x = inputs(n, d, 3);
        Matrix fresh = inputs(5, d, 4);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : -1;
        }
        FirstLayerGd fast = new FirstLayerGd(x, m, new RandomStream(9));
        // the same network in sgdlab-nn: W1 = W(0), W2 = a (±1 in pairs), squared loss Σ½(u − y)², only W1 stepped
        FullyConnectedNetwork net = LazyRun.network(d, m);
        double[] w = new double[net.layout().size()];
        ParameterBlock w1 = net.layout().block("W1");
        ParameterBlock w2 = net.layout().block("W2");
        System.arraycopy(fast.initialWeights(), 0, w, w1.offset(), m * d);
        for (int r = 0; r < m; r++) {
            w[w2.offset() + r] = FirstLayerGd.outputWeight(r, m);
        }
        NetworkObjective ref = new NetworkObjective(net, new Dataset("t", x, y), NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.SUM);
        NetworkObjective refFresh = new NetworkObjective(net, new Dataset("f", fresh, new double[5]), NetworkLoss.of(SquaredLoss.INSTANCE),
                Reduction.SUM);
        double[] u = new double[n];
        double[] uRef = new double[n];
        double[] g = new double[w.length];
        fast.outputs(u);
        ref.outputs(w, uRef);
        for (int i = 0; i < n; i++) {
            assertEquals(0.0, u[i], 1e-15, "paired initialization: u(0) = 0");
            assertEquals(uRef[i], u[i], 1e-15);
        }
        for (int t = 0; t < 5; t++) {
            fast.stepInPlace(fast.outputs(u), y, eta);
            ref.gradient(w, g);
            for (int i = w1.offset(); i < w1.end(); i++) {
                w[i] -= eta * g[i];
            }
            fast.outputs(u);
            ref.outputs(w, uRef);
            for (int i = 0; i < n; i++) {
                assertEquals(uRef[i], u[i], 1e-12, "step " + (t + 1) + ", output " + i);
            }
        }
        double[] p = fast.predict(fresh);
        double[] pRef = new double[5];
        refFresh.outputs(w, pRef);
        for (int i = 0; i < 5; i++) {
            assertEquals(pRef[i], p[i], 1e-12, "prediction " + i);
        }
        assertEquals(5, fast.steps());
    }

    @Test
    void badArgumentsAreNamed() {
        Matrix x = inputs(3, 2, 1);
        assertEquals("width must be even and >= 2 (paired initialization), got 3",
                assertThrows(IllegalArgumentException.class, () -> new FirstLayerGd(x, 3, new RandomStream(1))).getMessage());
        FirstLayerGd gd = new FirstLayerGd(x, 4, new RandomStream(1));
        double[] u = gd.outputs(new double[3]);
        gd.stepInPlace(u, new double[3], 0.1);
        assertThrows(IllegalArgumentException.class, () -> gd.stepInPlace(u, new double[3], 0.2), "η must stay constant");
        assertThrows(IllegalArgumentException.class, () -> new FirstLayerGd(x, 4, new RandomStream(1)).stepInPlace(u, new double[3], -1));
    }
}
