package org.sgdlab.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/**
 * A relu MLP with biases on OpenBLAS, which {@link Mlp} builds feature-major (activations transposed, per-row biases),
 * against a naive reference written out in loops: the mean over n rows of ½(f(x_i) − y_i)², its value and gradient
 * (backpropagation by hand: δ_L = (f − y)/n, W̄_l = δ_lᵀ h_{l−1}, b̄_l = Σ_rows δ_l, δ_{l−1} = 1[h_{l−1} &gt; 0] ⊙ δ_l
 * W_l) agree to 1e-12 (relative, normwise). The products are large enough for Gemm (≥ 2²⁰ multiply-adds).
 */
class NativeMlpTest {
    private static final int N = 512;
    private static final int D = 64;
    private static final int[] WIDTHS = {D, 64, 48, 1};

    @Test
    void gradientMatchesTheNaiveReference() {
        assertEquals("openblas", Gemm.backend().name(), Gemm.describe());
        Random r = new Random(11);
        double[] x = new double[N * D];
        double[] y = new double[N];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        for (int i = 0; i < N; i++) {
            y[i] = r.nextGaussian();
        }
        Mlp mlp = Mlp.builder(D).hidden(WIDTHS[1], WIDTHS[2]).build();
        double[] w = mlp.initialize(new RandomStream(3));
        NetworkObjective f = new NetworkObjective(mlp, new Dataset("gaussian", new Matrix(N, D, x), y),
                NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN);
        double[] g = new double[w.length];
        f.gradientOnly(w, g);
        double[] expected = new double[w.length];
        double value = naive(x, y, w, expected);
        assertTrue(Math.abs(f.value(w) - value) <= 1e-12 * Math.abs(value), f.value(w) + " vs " + value);
        double num = 0;
        double den = 0;
        for (int i = 0; i < g.length; i++) {
            num += (g[i] - expected[i]) * (g[i] - expected[i]);
            den += expected[i] * expected[i];
        }
        assertTrue(den > 0 && Math.sqrt(num / den) < 1e-12, "normwise relative error " + Math.sqrt(num / den));
    }

    /** Value and gradient (into g, nn.Linear's parameter order W1, b1, W2, b2, W3, b3) by plain loops. */
    private static double naive(double[] x, double[] y, double[] w, double[] g) {
        int layers = WIDTHS.length - 1;
        int[] wOff = new int[layers + 1];
        int[] bOff = new int[layers + 1];
        int at = 0;
        for (int l = 1; l <= layers; l++) {
            wOff[l] = at;
            at += WIDTHS[l] * WIDTHS[l - 1];
            bOff[l] = at;
            at += WIDTHS[l];
        }
        double[][] h = new double[layers + 1][];
        h[0] = x;
        for (int l = 1; l <= layers; l++) {
            int in = WIDTHS[l - 1];
            int out = WIDTHS[l];
            h[l] = new double[N * out];
            for (int i = 0; i < N; i++) {
                for (int o = 0; o < out; o++) {
                    double s = w[bOff[l] + o];
                    for (int p = 0; p < in; p++) {
                        s += h[l - 1][i * in + p] * w[wOff[l] + o * in + p];
                    }
                    h[l][i * out + o] = l < layers ? Math.max(0.0, s) : s;
                }
            }
        }
        double value = 0;
        double[] delta = new double[N];
        for (int i = 0; i < N; i++) {
            double e = h[layers][i] - y[i];
            value += 0.5 * e * e / N;
            delta[i] = e / N;
        }
        for (int l = layers; l >= 1; l--) {
            int in = WIDTHS[l - 1];
            int out = WIDTHS[l];
            double[] prev = new double[N * in];
            for (int i = 0; i < N; i++) {
                for (int o = 0; o < out; o++) {
                    double d = delta[i * out + o];
                    g[bOff[l] + o] += d;
                    for (int p = 0; p < in; p++) {
                        g[wOff[l] + o * in + p] += d * h[l - 1][i * in + p];
                        prev[i * in + p] += d * w[wOff[l] + o * in + p];
                    }
                }
            }
            for (int q = 0; q < prev.length; q++) {
                prev[q] = l > 1 && h[l - 1][q] > 0 ? prev[q] : 0.0;
            }
            delta = prev;
        }
        return value;
    }
}
