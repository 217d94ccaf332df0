package org.sgdlab.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Simd;

/**
 * SoftmaxCrossEntropy's full-batch pass with the scores by columns (ColumnPredictions) and rows added inline, against
 * the plain loop it replaces (one {@link Kernels#dot} per row and class, one {@link Kernels#axpy} per nonzero
 * coefficient), bit for bit, before and after the column path's switch from gemv to SIMD.
 */
class SoftmaxColumnScoresTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 900;
        for (int kk : new int[] {2, 3, 5}) {
            for (int d : new int[] {1, 3, 10, 15, 16, 24}) {
                for (double scale : new double[] {0.3, 30}) {
                    out.add(Arguments.of(kk, 61, d, scale, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fullBatchGradientMatchesThePlainLoop(int kk, int n, int d, double scale, long seed) {
        Dataset data = SoftmaxCrossEntropyTest.randomData(n, d, kk, seed);
        double[] w = SoftmaxCrossEntropyTest.randomW(kk * d, scale, seed + 1);
        for (Reduction red : Reduction.values()) {
            SoftmaxCrossEntropy f = new SoftmaxCrossEntropy(data, kk, red);
            double[] g = new double[w.length];
            for (int pass = 0; pass < 2; pass++) {
                if (pass == 1) { // past the calls the column path leaves to the row-wise dots in a JVM
                    assumeTrue(Simd.ENABLED, Simd.describe());
                    LogDomainFastPathTest.useUpScalarCalls();
                }
                double[] want = new double[w.length];
                double wantValue = plain(data, kk, w, want);
                double s = red == Reduction.SUM ? 1.0 : 1.0 / n;
                for (int j = 0; j < want.length; j++) {
                    want[j] *= s;
                }
                double v = f.gradient(w, g);
                assertEquals(Double.doubleToRawLongBits(wantValue * s), Double.doubleToRawLongBits(v), "value");
                for (int j = 0; j < w.length; j++) {
                    assertEquals(Double.doubleToRawLongBits(want[j]), Double.doubleToRawLongBits(g[j]), "entry " + j);
                }
                f.gradientOnly(w, g);
                for (int j = 0; j < w.length; j++) {
                    assertEquals(Double.doubleToRawLongBits(want[j]), Double.doubleToRawLongBits(g[j]), "gradientOnly entry " + j);
                }
            }
        }
    }

    /** The loop before the column path (unscaled sums), the loss value by the class's own sampleLoss formula. */
    private static double plain(Dataset data, int kk, double[] w, double[] out) {
        int n = data.n();
        int d = data.d();
        double[] a = data.x().data();
        double[] score = new double[kk];
        double v = 0;
        for (int i = 0; i < n; i++) {
            int y = (int) data.y()[i];
            for (int k = 0; k < kk; k++) {
                score[k] = Kernels.dot(a, i * d, w, k * d, d);
            }
            v += sampleLoss(score, y);
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < kk; k++) {
                max = Math.max(max, score[k]);
            }
            double sum = 0;
            for (int k = 0; k < kk; k++) {
                score[k] = Math.exp(score[k] - max);
                sum += score[k];
            }
            double others = 0;
            for (int k = 0; k < kk; k++) {
                if (k != y) {
                    double p = score[k] / sum;
                    others += p;
                    if (p != 0.0) {
                        Kernels.axpy(p, a, i * d, out, k * d, d);
                    }
                }
            }
            if (others != 0.0) {
                Kernels.axpy(-others, a, i * d, out, y * d, d);
            }
        }
        return v;
    }

    private static double sampleLoss(double[] score, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < score.length; k++) {
            if (k != y) {
                max = Math.max(max, score[k] - score[y]);
            }
        }
        double s = 0;
        if (max <= 0) {
            for (int k = 0; k < score.length; k++) {
                if (k != y) {
                    s += Math.exp(score[k] - score[y]);
                }
            }
            return Math.log1p(s);
        }
        for (int k = 0; k < score.length; k++) {
            if (k != y) {
                s += Math.exp(score[k] - score[y] - max);
            }
        }
        return max + Math.log(Math.exp(-max) + s);
    }
}
