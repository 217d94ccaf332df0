package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Simd;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.random.RandomStream;

/**
 * A squared loss summed whole by its only consumer leaves its per-example values out of the forward pass
 * ({@link ResidualSumKernels}) and writes them when they are read ({@link PointwiseLossNode#materializeValues}): the
 * residuals, the sum, the gradients, the HVPs and the values read through {@link Node#value()} have the bits of the
 * pass that writes every value ({@code Graph.setDeferringLossValues(false)}, {@link LossVectorKernels}).
 */
class DeferredLossValuesTest {
    private static double[] spread(RandomStream r, int n, double scale) {
        double[] x = Checks.gaussians(r, n);
        for (int i = 0; i < n; i++) {
            x[i] *= Math.exp(scale * r.nextGaussian());
        }
        return x;
    }

    private static long[] bits(double[] x) {
        long[] b = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = Double.doubleToRawLongBits(x[i]);
        }
        return b;
    }

    @Test
    void residualsAndSumHaveTheBitsOfTheKernelThatStoresTheValues() {
        assertTrue(Simd.ENABLED, "the build runs the tests with the Vector API module: " + Simd.describe());
        RandomStream r = new RandomStream(21);
        for (int n = Sums.SPLIT_MIN; n <= 130; n++) {
            double[] p = spread(r, n, 6);
            double[] y = spread(r, n, 6);
            p[n / 3] = -0.0;
            y[n / 3] = 0.0;
            double[] value = new double[n];
            double[] d1 = new double[n];
            double total = LossVectorKernels.squaredWithSumNarrow(p, y, value, d1, n);
            double[] d1Deferred = new double[n];
            double totalDeferred = ResidualSumKernels.residualsAndSum(p, y, d1Deferred, n);
            assertArrayEquals(bits(d1), bits(d1Deferred), "residuals of " + n);
            assertEquals(Double.doubleToRawLongBits(total), Double.doubleToRawLongBits(totalDeferred), "sum of " + n);
            for (int i = 0; i < n; i++) {
                // what materializeValues writes
                assertEquals(Double.doubleToRawLongBits(value[i]), Double.doubleToRawLongBits(0.5 * d1[i] * d1[i]),
                        "value " + i + " of " + n);
            }
        }
    }

    /** ½‖X W₁ᵀ W₂ᵀ − Y‖² (the deep-linear benchmark's graph, two layers) with its loss node. */
    private record Chain(Graph graph, Node losses) {
    }

    private static Chain chain(int n, int d, double[] x, double[] y) {
        GraphBuilder b = new GraphBuilder(ParameterLayout.builder().add("W1", d, d).add("W2", d, d).build());
        Node xs = b.input("x", n, d);
        Node ys = b.input("y", n, d);
        Node out = b.matmul(b.matmul(xs, b.parameter("W1"), false, true), b.parameter("W2"), false, true);
        Node losses = b.loss(out, ys, SquaredLoss.INSTANCE);
        Graph g = b.build(b.sum(losses));
        g.setInput("x", x);
        g.setInput("y", y);
        return new Chain(g, losses);
    }

    @Test
    void gradientDescentHasTheBitsOfThePassThatWritesTheValues() {
        RandomStream r = new RandomStream(22);
        int n = 30;
        int d = 7;
        double[] x = spread(r, n * d, 1);
        double[] y = spread(r, n * d, 1);
        Chain deferred = chain(n, d, x, y);
        Chain reference = chain(n, d, x, y);
        reference.graph().setDeferringLossValues(false);
        assertTrue(((PointwiseLossNode) deferred.losses()).deferValues, "the summed loss is deferred");
        assertFalse(((PointwiseLossNode) reference.losses()).deferValues, "the reference writes every value");
        double[] w = spread(r, 2 * d * d, 0.5);
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0.4;
        }
        double[] wRef = w.clone();
        double[] g = new double[w.length];
        double[] gRef = new double[w.length];
        double[] v = Checks.gaussians(r, w.length);
        double[] hv = new double[w.length];
        double[] hvRef = new double[w.length];
        // past the scalar loop's first passes, into the SIMD kernels
        for (int step = 0; step < PointwiseLossNode.SCALAR_FIRST_PASSES + 300; step++) {
            double f = deferred.graph().gradient(w, g);
            double fRef = reference.graph().gradient(wRef, gRef);
            String what = "step " + step;
            assertEquals(Double.doubleToRawLongBits(fRef), Double.doubleToRawLongBits(f), what + ": f");
            assertArrayEquals(bits(gRef), bits(g), what + ": gradient");
            if (step % 97 == 0) {
                // read after some passes only: the values must be those of the last pass, not of the last read
                assertArrayEquals(bits(reference.losses().value().data()), bits(deferred.losses().value().data()),
                        what + ": per-example losses");
            }
            if (step % 131 == 0) {
                deferred.graph().hessianVectorProduct(w, v, hv);
                reference.graph().hessianVectorProduct(wRef, v, hvRef);
                assertArrayEquals(bits(hvRef), bits(hv), what + ": HVP");
            }
            for (int i = 0; i < w.length; i++) {
                w[i] -= 1e-3 * g[i];
                wRef[i] -= 1e-3 * gRef[i];
            }
        }
        // a forward pass alone, then the values
        deferred.graph().forward(w);
        reference.graph().forward(wRef);
        assertArrayEquals(bits(reference.losses().value().data()), bits(deferred.losses().value().data()),
                "per-example losses after forward");
        // and through the accessor custom nodes use
        deferred.graph().gradient(w, g);
        reference.graph().gradient(wRef, gRef);
        assertArrayEquals(bits(Node.valueOf(reference.losses())), bits(Node.valueOf(deferred.losses())),
                "per-example losses through valueOf");
    }

    @Test
    void aLossWithAnotherConsumerWritesItsValues() {
        GraphBuilder b = new GraphBuilder(ParameterLayout.builder().add("w", 4, 4).build());
        Node x = b.input("x", 16, 4);
        Node t = b.input("t", 16, 4);
        Node losses = b.loss(b.matmul(x, b.parameter("w"), false, true), t, SquaredLoss.INSTANCE);
        b.build(b.add(b.sum(losses), b.mean(losses)));
        assertFalse(((PointwiseLossNode) losses).deferValues, "read by a second reduction");
        GraphBuilder b2 = new GraphBuilder(ParameterLayout.builder().add("w", 4, 4).build());
        Node x2 = b2.input("x", 16, 4);
        Node t2 = b2.input("t", 16, 4);
        Node l2 = b2.loss(b2.matmul(x2, b2.parameter("w"), false, true), t2, SquaredLoss.INSTANCE);
        b2.build(b2.sum(b2.scale(l2, 2.0)));
        assertFalse(((PointwiseLossNode) l2).deferValues, "read by a scaling node");
    }
}
