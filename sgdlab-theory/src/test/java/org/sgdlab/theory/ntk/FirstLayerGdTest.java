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

    /**
     * The plain loops FirstLayerGd ran before its blocked fast path (one neuron's dot product at a time, every neuron
     * computed, Z updated one Gram column at a time): the reference its bits must equal.
     */
    private static final class PlainLoops {
        final int n;
        final int m;
        final Matrix x;
        final double[] w0;
        final double[] z;
        final double[] mSum;
        double eta;

        PlainLoops(Matrix x, double[] w0, int m) {
            this.n = x.rows();
            this.m = m;
            this.x = x;
            this.w0 = w0;
            this.z = pre(x);
            this.mSum = new double[n * m];
        }

        double[] pre(Matrix in) {
            int d = in.cols();
            double[] out = new double[in.rows() * m];
            for (int p = 0; p < in.rows(); p++) {
                for (int r = 0; r < m; r++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += in.get(p, k) * w0[r * d + k];
                    }
                    out[p * m + r] = s;
                }
            }
            return out;
        }

        double gram(Matrix a, int i, Matrix b, int j) {
            double s = 0;
            for (int k = 0; k < a.cols(); k++) {
                s += a.get(i, k) * b.get(j, k);
            }
            return s;
        }

        double[] outputs(double[] zz, int rows) {
            double[] u = new double[rows];
            for (int i = 0; i < rows; i++) {
                double s = 0;
                for (int r = 0; r < m; r++) {
                    double v = zz[i * m + r];
                    if (v > 0) {
                        s += FirstLayerGd.outputWeight(r, m) * v;
                    }
                }
                u[i] = s * (1.0 / Math.sqrt(m));
            }
            return u;
        }

        void step(double[] u, double[] y, double eta) {
            this.eta = eta;
            double scale = 1.0 / Math.sqrt(m);
            double[] mStep = new double[n * m];
            for (int i = 0; i < n; i++) {
                double res = (u[i] - y[i]) * scale;
                for (int r = 0; r < m; r++) {
                    double v = z[i * m + r] > 0 ? res * FirstLayerGd.outputWeight(r, m) : 0.0;
                    mStep[i * m + r] = v;
                    mSum[i * m + r] += v;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double g = -eta * gram(x, i, x, j);
                    for (int r = 0; r < m; r++) {
                        z[i * m + r] += g * mStep[j * m + r];
                    }
                }
            }
        }

        double[] predict(Matrix in) {
            double[] zq = pre(in);
            for (int p = 0; p < in.rows(); p++) {
                for (int j = 0; j < n; j++) {
                    double g = -eta * gram(in, p, x, j);
                    for (int r = 0; r < m; r++) {
                        zq[p * m + r] += g * mSum[j * m + r];
                    }
                }
            }
            return outputs(zq, in.rows());
        }
    }

    @Test
    void blockedLoopsGiveThePlainLoopsBitsExactly() {
        // n = 13 and half widths 7 and 8 exercise the blocks of four and their remainders
        for (int m : new int[] {14, 16}) {
            int n = 13;
            int d = 9;
            Matrix x = inputs(n, d, 21);
            Matrix fresh = inputs(6, d, 22);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 2 == 0 ? 1 : -1;
            }
            FirstLayerGd fast = new FirstLayerGd(x, m, new RandomStream(5));
            PlainLoops plain = new PlainLoops(x, fast.initialWeights(), m);
            for (int t = 0; t < 6; t++) {
                double[] u = fast.outputs(new double[n]);
                double[] uRef = plain.outputs(plain.z, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(uRef[i]), Double.doubleToRawLongBits(u[i]),
                            "m = " + m + ", step " + t + ", output " + i);
                }
                fast.stepInPlace(u, y, 0.4);
                plain.step(uRef, y, 0.4);
            }
            double[] p = fast.predict(fresh);
            double[] pRef = plain.predict(fresh);
            for (int i = 0; i < p.length; i++) {
                assertEquals(Double.doubleToRawLongBits(pRef[i]), Double.doubleToRawLongBits(p[i]), "m = " + m + ", prediction " + i);
            }
        }
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
