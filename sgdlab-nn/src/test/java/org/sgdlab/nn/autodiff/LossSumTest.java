package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Simd;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.random.RandomStream;

/**
 * A {@link Reduce} that sums a pointwise loss whole takes the sum the loss's forward pass leaves
 * ({@link PointwiseLossNode#total}; for the squared loss with the SIMD path, summed while the loss is computed by
 * {@link LossVectorKernels#squaredWithSum}): the same bits as summing the loss's values in {@link Sums}'s order, for
 * every length around the split and the eight-way remainder, with magnitudes far apart so that the order shows.
 */
class LossSumTest {
    private static double[] spread(RandomStream r, int n, double scale) {
        double[] x = Checks.gaussians(r, n);
        for (int i = 0; i < n; i++) {
            x[i] *= Math.exp(scale * r.nextGaussian());
        }
        return x;
    }

    @Test
    void fusedSquaredLossEqualsTheLoopAndTheSplitSum() {
        assertTrue(Simd.ENABLED, "the build runs the tests with the Vector API module: " + Simd.describe());
        RandomStream r = new RandomStream(13);
        for (int n = Sums.SPLIT_MIN; n <= 120; n++) {
            double[] p = spread(r, n, 6);
            double[] y = spread(r, n, 6);
            p[n / 2] = -0.0;
            y[n / 2] = 0.0;
            // the dispatching entry, the 256-bit loop, and the 512-bit one where it is in use (on JDK 17 it would make
            // this JVM's 256-bit kernels run boxed)
            for (int form = 0; form < (Simd.WIDE_PRODUCTS ? 3 : 2); form++) {
                double[] value = new double[n];
                double[] d1 = new double[n];
                double total = form == 0 ? LossVectorKernels.squaredWithSum(p, y, value, d1, n)
                        : form == 1 ? LossVectorKernels.squaredWithSumNarrow(p, y, value, d1, n)
                        : LossVectorKernels.squaredWithSumWide(p, y, value, d1, n);
                String what = new String[] {"dispatch", "256-bit", "512-bit"}[form] + ", ";
                for (int i = 0; i < n; i++) {
                    double res = p[i] - y[i];
                    assertEquals(Double.doubleToRawLongBits(0.5 * res * res), Double.doubleToRawLongBits(value[i]),
                            what + "value " + i + " of " + n);
                    assertEquals(Double.doubleToRawLongBits(res), Double.doubleToRawLongBits(d1[i]),
                            what + "d1 " + i + " of " + n);
                }
                assertEquals(Double.doubleToRawLongBits(Sums.reference(value, 0, n)),
                        Double.doubleToRawLongBits(total), what + "sum of " + n);
            }
        }
    }

    @Test
    void sumAndMeanOfALossHaveTheBitsOfSummingItsValues() {
        RandomStream r = new RandomStream(14);
        for (Loss loss : new Loss[] {SquaredLoss.INSTANCE, LogisticLoss.INSTANCE}) {
            for (int rows : new int[] {1, 3, 7, 8, 13, 100}) {
                int cols = 10;
                GraphBuilder b = new GraphBuilder(ParameterLayout.builder().add("w", cols, cols).build());
                Node x = b.input("x", rows, cols);
                Node t = b.input("t", rows, cols);
                Node losses = b.loss(b.matmul(x, b.parameter("w"), false, true), t, loss);
                Node sum = b.sum(losses);
                Node mean = b.mean(losses);
                Graph g = b.build(b.add(sum, mean), losses, sum, mean);
                g.setInput("x", spread(r, rows * cols, 2));
                double[] targets = spread(r, rows * cols, 2);
                if (loss == LogisticLoss.INSTANCE) {
                    for (int i = 0; i < targets.length; i++) {
                        targets[i] = targets[i] > 0 ? 1 : -1;
                    }
                }
                g.setInput("t", targets);
                double[] w = spread(r, cols * cols, 1);
                double[] grad = new double[w.length];
                // the scalar loop for the first passes, the Vector API kernel after them: both checked
                for (int pass = 0; pass < 2 * PointwiseLossNode.SCALAR_FIRST_PASSES + 4; pass++) {
                    if (pass % 2 == 0) {
                        g.forward(w);
                    } else {
                        g.gradient(w, grad);
                    }
                    double[] v = losses.value().data();
                    int n = rows * cols;
                    String what = loss.name() + " " + rows + "×" + cols + (pass % 2 == 0 ? " forward " : " gradient ") + pass;
                    assertEquals(Double.doubleToRawLongBits(Sums.reference(v, 0, n)),
                            Double.doubleToRawLongBits(sum.value().data()[0]), what + ": sum");
                    assertEquals(Double.doubleToRawLongBits(Sums.reference(v, 0, n) * (1.0 / n)),
                            Double.doubleToRawLongBits(mean.value().data()[0]), what + ": mean");
                }
            }
        }
    }
}
