package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.nn.tensor.Tensor;
import org.sgdlab.random.RandomStream;

/** Reduce's contiguous sums: the unrolled loop equals its definition bit for bit, and Reduce uses that order. */
class SumsTest {
    @Test
    void unrolledSumEqualsTheDefinitionForEveryLengthAndOffset() {
        RandomStream r = new RandomStream(5);
        double[] x = Checks.gaussians(r, 300);
        for (int i = 0; i < x.length; i++) {
            x[i] *= Math.exp(10 * r.nextGaussian()); // magnitudes far apart, so the order shows in the bits
        }
        for (int len = 0; len <= 200; len++) {
            for (int off : new int[] {0, 3, 77}) {
                assertEquals(Double.doubleToRawLongBits(Sums.reference(x, off, len)),
                        Double.doubleToRawLongBits(Sums.sum(x, off, len)), "len " + len + " off " + off);
            }
        }
    }

    @Test
    void shortSumsStaySequentialAndLongOnesAreSplit() {
        double[] x = new double[40];
        x[0] = 1e16;
        x[1] = 1.0;
        x[8] = -1e16;
        // sequential: ((1e16 + 1) − 1e16) loses the 1; split: s₀ = 1e16 − 1e16 = 0, s₁ = 1
        assertEquals(0.0, Sums.sum(x, 0, 9));
        assertEquals(1.0, Sums.sum(x, 0, 40));
    }

    @Test
    void reduceOverTrailingAxesUsesTheSplitOrder() {
        RandomStream r = new RandomStream(6);
        double[] x = Checks.gaussians(r, 6 * 50);
        for (int i = 0; i < x.length; i++) {
            x[i] *= Math.exp(8 * r.nextGaussian());
        }
        GraphBuilder b = new GraphBuilder(ParameterLayout.builder().add("w", 1).build());
        Node c = b.constant(new Tensor(Shape.of(6, 50), x));
        Node rows = b.sum(c, false, 1);
        Node all = b.sum(c);
        Graph g = b.build(b.add(b.sum(rows), b.mul(all, b.parameter("w"))), rows, all);
        g.forward(new double[] {1.0});
        for (int i = 0; i < 6; i++) {
            assertEquals(Double.doubleToRawLongBits(Sums.reference(x, 50 * i, 50)),
                    Double.doubleToRawLongBits(rows.value().data()[i]));
        }
        assertEquals(Double.doubleToRawLongBits(Sums.reference(x, 0, 300)),
                Double.doubleToRawLongBits(all.value().data()[0]));
    }
}
