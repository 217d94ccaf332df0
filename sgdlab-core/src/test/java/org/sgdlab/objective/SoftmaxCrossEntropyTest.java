package org.sgdlab.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.data.DataFormatException;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.MulticlassClouds;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.random.RandomStream;

/** Softmax cross-entropy: finite differences, a naive twin, the K = 2 reduction to logistic, and the log domain. */
class SoftmaxCrossEntropyTest {
    static Dataset randomData(int n, int d, int kk, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(kk);
        }
        return new Dataset("random", new Matrix(n, d, r.gaussians(new double[n * d])), y);
    }

    static double[] randomW(int size, double scale, long seed) {
        double[] w = new RandomStream(seed).gaussians(new double[size]);
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        return w;
    }

    /** Naive twin: −log softmax and p − onehot straight from the definition (fine for moderate scores). */
    static double naive(Dataset data, int kk, Reduction red, double[] w, double[] grad) {
        int n = data.n();
        int d = data.d();
        java.util.Arrays.fill(grad, 0.0);
        double v = 0;
        for (int i = 0; i < n; i++) {
            double[] xi = data.x().row(i);
            int y = (int) data.y()[i];
            double[] e = new double[kk];
            double z = 0;
            for (int k = 0; k < kk; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += w[k * d + j] * xi[j];
                }
                e[k] = Math.exp(s);
                z += e[k];
            }
            v += -Math.log(e[y] / z);
            for (int k = 0; k < kk; k++) {
                double c = e[k] / z - (k == y ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    grad[k * d + j] += c * xi[j];
                }
            }
        }
        double s = red == Reduction.SUM ? 1 : 1.0 / n;
        for (int j = 0; j < grad.length; j++) {
            grad[j] *= s;
        }
        return v * s;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (int kk : new int[] {2, 3, 5}) {
            for (Reduction red : Reduction.values()) {
                for (int rep = 0; rep < 3; rep++) {
                    out.add(Arguments.of(kk, red, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(int kk, Reduction red, long seed) {
        Dataset data = randomData(11, 4, kk, seed);
        SoftmaxCrossEntropy f = new SoftmaxCrossEntropy(data, kk, red);
        double[] w = randomW(f.dimension(), 0.7, seed + 100);
        double[] g = new double[w.length];
        double v = f.gradient(w, g);
        assertEquals(f.value(w), v, 1e-14 * Math.abs(v));
        double h = 1e-5;
        for (int j = 0; j < w.length; j++) {
            double[] wp = w.clone();
            double[] wm = w.clone();
            wp[j] += h;
            wm[j] -= h;
            double fd = (f.value(wp) - f.value(wm)) / (2 * h);
            assertEquals(fd, g[j], 1e-7 * (1 + Math.abs(fd)), "coordinate " + j);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesNaiveTwinAndMinibatchPaths(int kk, Reduction red, long seed) {
        Dataset data = randomData(9, 3, kk, seed);
        SoftmaxCrossEntropy f = new SoftmaxCrossEntropy(data, kk, red);
        double[] w = randomW(f.dimension(), 1.5, seed + 7);
        double[] ref = new double[w.length];
        double vRef = naive(data, kk, red, w, ref);
        double[] g = new double[w.length];
        assertEquals(vRef, f.gradient(w, g), 1e-13 * vRef);
        assertArrayEquals(ref, g, 1e-13 * (1 + Kernels.norm2(ref)));
        double[] only = new double[w.length];
        f.gradientOnly(w, only);
        assertArrayEquals(g, only, 0.0);
        // the whole data set as one batch (scale n/n for SUM, 1/n for MEAN) is the full gradient
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        double[] mb = new double[w.length];
        assertEquals(vRef, f.minibatchGradient(w, all, 9, mb), 1e-13 * vRef);
        assertArrayEquals(g, mb, 1e-14 * (1 + Kernels.norm2(g)));
        // a batch with a repeated index against the naive per-sample gradients, scaled by the reduction's batch factor
        int[] batch = {4, 1, 4};
        double[] mbOnly = new double[w.length];
        f.minibatchGradientOnly(w, batch, 3, mbOnly);
        double[] expect = new double[w.length];
        for (int b : batch) {
            Dataset one = new Dataset("one", data.x().selectRows(new int[] {b}), new double[] {data.y()[b]});
            double[] gi = new double[w.length];
            naive(one, kk, Reduction.SUM, w, gi);
            Kernels.axpy(red.batchScale(3, 9), gi, expect);
        }
        assertArrayEquals(expect, mbOnly, 1e-13 * (1 + Kernels.norm2(expect)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void twoClassesAreTheLogisticLossOfTheDifference(int kk, Reduction red, long seed) {
        if (kk != 2) {
            return;
        }
        Dataset data = randomData(15, 4, 2, seed);
        double[] pm = new double[data.n()];
        for (int i = 0; i < pm.length; i++) {
            pm[i] = data.y()[i] == 1 ? 1 : -1;
        }
        EmpiricalRisk logistic = EmpiricalRisk.of(new Dataset("pm", data.x(), pm), LogisticLoss.INSTANCE, red);
        SoftmaxCrossEntropy f = new SoftmaxCrossEntropy(data, 2, red);
        for (double scale : new double[] {0.3, 3, 300}) {
            double[] w = randomW(8, scale, seed + 11);
            double[] v = new double[4];
            for (int j = 0; j < 4; j++) {
                v[j] = w[4 + j] - w[j];
            }
            double[] gv = new double[4];
            double lv = logistic.gradient(v, gv);
            double[] g = new double[8];
            double l = f.gradient(w, g);
            assertEquals(lv, l, 1e-13 * Math.abs(lv) + 1e-300, "value at scale " + scale);
            for (int j = 0; j < 4; j++) {
                assertEquals(gv[j], g[4 + j], 1e-13 * (1 + Kernels.norm2(gv)), "∂/∂w1 at scale " + scale);
                assertEquals(-gv[j], g[j], 1e-13 * (1 + Kernels.norm2(gv)), "∂/∂w0 at scale " + scale);
            }
            assertEquals(logistic.logValue(v), f.logValue(w), 1e-12 * Math.abs(logistic.logValue(v)));
        }
    }

    /** Separable data and a W that classifies every sample correctly (the planted means). */
    static double[] plantedW(int d, int kk, long seed) {
        double[][] mu = MulticlassClouds.means(d, kk, 4.0, seed);
        double[] w = new double[kk * d];
        for (int k = 0; k < kk; k++) {
            System.arraycopy(mu[k], 0, w, k * d, d);
        }
        return w;
    }

    @Test
    void logDomainAgreesWithPlainValuesWhereTheyAreRepresentable() {
        Dataset data = MulticlassClouds.generate(30, 5, 3, 4.0, 0.5, 3);
        SoftmaxCrossEntropy f = new SoftmaxCrossEntropy(data, 3, Reduction.MEAN);
        double[] w0 = plantedW(5, 3, 3);
        for (double c : new double[] {0.01, 0.3, 1, 5}) {
            double[] w = w0.clone();
            for (int j = 0; j < w.length; j++) {
                w[j] *= c;
            }
            double[] g = new double[w.length];
            double v = f.gradient(w, g);
            assertEquals(Math.log(v), f.logValue(w), 1e-12 * Math.abs(Math.log(v)));
            double[] dir = new double[w.length];
            double logNorm = f.gradientDirection(w, dir);
            double norm = Kernels.norm2(g);
            assertEquals(Math.log(norm), logNorm, 1e-12 * (1 + Math.abs(Math.log(norm))));
            for (int j = 0; j < w.length; j++) {
                assertEquals(g[j] / norm, dir[j], 1e-12);
            }
        }
    }

    @Test
    void logDomainIsExactWherePlainExpUnderflows() {
        int n = 30;
        int kk = 3;
        Dataset data = MulticlassClouds.generate(n, 5, kk, 4.0, 0.5, 3);
        SoftmaxCrossEntropy f = new SoftmaxCrossEntropy(data, kk, Reduction.SUM);
        double[] w = plantedW(5, kk, 3);
        for (int j = 0; j < w.length; j++) {
            w[j] *= 4000; // every pair margin is now in the thousands: e^{-margin} underflows
        }
        double[] g = new double[w.length];
        assertEquals(0.0, f.gradient(w, g));
        assertEquals(0.0, Kernels.norm2(g), "the plain gradient underflows to exactly zero");
        // independent reference: with every ℓᵢ < 1e-300, log ℓᵢ = log Σ_{k≠yᵢ} e^{−mᵢₖ} to double precision, and
        // log L = LSE over all pairs of −mᵢₖ; ∇L ∝ Σ e^{−mᵢₖ − M}(e_k − e_{yᵢ}) ⊗ xᵢ with M the largest −m
        double[] m = f.pairMargins(w, new double[n * kk]);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < kk; k++) {
                if (k != (int) data.y()[i]) {
                    max = Math.max(max, -m[i * kk + k]);
                }
            }
        }
        assertTrue(max < -800, "margins large enough that exp underflows: " + max);
        double s = 0;
        double[] ref = new double[w.length];
        for (int i = 0; i < n; i++) {
            int y = (int) data.y()[i];
            for (int k = 0; k < kk; k++) {
                if (k != y) {
                    double c = Math.exp(-m[i * kk + k] - max);
                    s += c;
                    for (int j = 0; j < 5; j++) {
                        ref[k * 5 + j] += c * data.x().get(i, j);
                        ref[y * 5 + j] -= c * data.x().get(i, j);
                    }
                }
            }
        }
        double logL = max + Math.log(s);
        assertEquals(logL, f.logValue(w), 1e-13 * Math.abs(logL));
        double[] dir = new double[w.length];
        double logNorm = f.gradientDirection(w, dir);
        double refNorm = Kernels.norm2(ref);
        assertEquals(max + Math.log(refNorm), logNorm, 1e-13 * Math.abs(logNorm));
        for (int j = 0; j < w.length; j++) {
            assertEquals(ref[j] / refNorm, dir[j], 1e-12);
        }
        assertEquals(1.0, Kernels.norm2(dir), 1e-14);
        double[] pw = new double[n * kk];
        double logTotal = f.normalizedPairWeights(w, pw);
        assertEquals(logL, logTotal, 1e-13 * Math.abs(logL), "Σ p_ik = Σ ℓᵢ when every ℓ is tiny");
        double sum = 0;
        for (double v : pw) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-14);
    }

    @Test
    void validatesLabelsAndShapes() {
        Matrix x = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new SoftmaxCrossEntropy(new Dataset("d", x, new double[] {0, 3}), 3, Reduction.SUM));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("3.0"), e.getMessage());
        e = assertThrows(DataFormatException.class,
                () -> new SoftmaxCrossEntropy(new Dataset("d", x, new double[] {0.5, 1}), 3, Reduction.SUM));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(DataFormatException.class,
                () -> new SoftmaxCrossEntropy(new Dataset("d", x, new double[] {-1, 1}), 3, Reduction.SUM));
        assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy(new Dataset("d", x, new double[] {0, 0}), 1, Reduction.SUM));
        SoftmaxCrossEntropy f = new SoftmaxCrossEntropy(new Dataset("d", x, new double[] {0, 2}), 3, Reduction.SUM);
        assertEquals(6, f.dimension());
        assertThrows(IllegalArgumentException.class, () -> f.value(new double[4]));
        assertEquals(2 * Math.log(3), f.value(new double[6]), 1e-15);
    }
}
