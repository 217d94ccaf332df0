package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Simd;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.random.RandomStream;

/**
 * {@link BiasRelu} (relu(z + b) as one node) has the bits of the unfused {@code relu(add(z, b))}: the value, the
 * gradient with written and with zeroed adjoints, the HVP and a VJP, on 1 and 2 threads, on a two-hidden-layer relu
 * network whose batch is large enough for the entrywise passes to be shared between threads; its vector sweeps
 * equal its scalar ones on ±0, ±∞, NaN and ragged widths; and its gradient agrees with finite differences.
 */
class BiasReluTest {
    private static final int N = 300;
    private static final int D = 20;
    private static final int H = 224;

    private static Graph build(BiFunction<GraphBuilder, Node[], Node> layer) {
        return build(layer, N, D, H);
    }

    private static Graph build(BiFunction<GraphBuilder, Node[], Node> layer, int n, int d, int h) {
        ParameterLayout layout = ParameterLayout.builder().add("W1", h, d).add("b1", h).add("W2", h, h).add("b2", h)
                .add("W3", 1, h).build();
        GraphBuilder b = new GraphBuilder(layout);
        Node x = b.input("x", n, d);
        Node h1 = layer.apply(b, new Node[] {b.matmul(x, b.parameter("W1"), false, true), b.parameter("b1")});
        Node h2 = layer.apply(b, new Node[] {b.matmul(h1, b.parameter("W2"), false, true), b.parameter("b2")});
        Node out = b.matmul(h2, b.parameter("W3"), false, true);
        Graph g = b.build(b.sum(b.loss(out, b.input("y", n, 1), SquaredLoss.INSTANCE)));
        RandomStream r = new RandomStream(5);
        g.setInput("x", Checks.gaussians(r, n * d));
        g.setInput("y", Checks.gaussians(r, n));
        return g;
    }

    private static Graph fused() {
        return build((b, zb) -> b.biasRelu(zb[0], zb[1]));
    }

    private static Graph unfused() {
        return build((b, zb) -> b.relu(b.add(zb[0], zb[1])));
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    what + ": entry " + i + " (" + expected[i] + " vs " + actual[i] + ")");
        }
    }

    /** Bit for bit, every NaN taken as one. */
    private static void assertSameNumbers(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                    what + ": entry " + i + " (" + expected[i] + " vs " + actual[i] + ")");
        }
    }

    /** Value, gradient, HVP (with its gradient) and the VJP of the first hidden layer, in one array per quantity. */
    private static double[][] passes(Graph g, double[] w, double[] v, double[] u) {
        int p = w.length;
        double[] value = {g.value(w)};
        double[] grad = new double[p];
        g.gradient(w, grad);
        double[] hv = new double[p];
        double[] hvGrad = new double[p];
        g.hessianVectorProduct(w, v, hv, hvGrad);
        double[] vjp = new double[p];
        Node hidden = g.output().input(0).input(0).input(0); // sum ← loss ← matmul ← h2
        g.vjp(w, hidden, u, vjp);
        return new double[][] {value, grad, hv, hvGrad, vjp};
    }

    @Test
    void fusedNodeHasTheBitsOfAddThenReluOnOneAndTwoThreads() {
        Graph f = fused();
        Graph plain = unfused();
        assertTrue((long) N * H >= Chunks.PARALLEL_MIN, "the passes must be large enough to be shared");
        RandomStream r = new RandomStream(7);
        int p = f.layout().size();
        double[] w = Checks.gaussians(r, p);
        for (int i = 0; i < p; i++) {
            w[i] *= 0.2;
        }
        double[] v = Checks.gaussians(r, p);
        double[] u = Checks.gaussians(r, N * H);
        int saved = Parallel.threads();
        String[] names = {"value", "gradient", "HVP", "HVP's gradient", "VJP"};
        try {
            for (int t : new int[] {1, 2}) {
                Parallel.setThreads(t);
                for (boolean overwriting : new boolean[] {true, false}) {
                    f.setOverwriting(overwriting);
                    plain.setOverwriting(overwriting);
                    double[][] a = passes(plain, w, v, u);
                    double[][] b = passes(f, w, v, u);
                    for (int q = 0; q < a.length; q++) {
                        assertSameBits(a[q], b[q], names[q] + ", " + t + " threads, overwriting " + overwriting);
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
            f.setOverwriting(true);
        }
        // nonzero slopes on both sides of the kink, or the comparison would be vacuous
        double[] h1 = f.output().input(0).input(0).input(0).input(0).input(0).value; // h2's input z2's input h1
        int positive = 0;
        for (double h : h1) {
            positive += h > 0 ? 1 : 0;
        }
        assertTrue(positive > h1.length / 5 && positive < h1.length * 4 / 5, "positive entries: " + positive);
    }

    /** On a small network (8 rows, widths 3-5-5-1), where central differences do not cross a kink. */
    @Test
    void gradientMatchesFiniteDifferences() {
        Graph f = build((b, zb) -> b.biasRelu(zb[0], zb[1]), 8, 3, 5);
        RandomStream r = new RandomStream(8);
        double[] w = Checks.gaussians(r, f.layout().size());
        double[] grad = new double[w.length];
        f.gradient(w, grad);
        double[] fd = Checks.gradient(f::value, w);
        assertTrue(Checks.relativeError(fd, grad) < 1e-6, "relative error " + Checks.relativeError(fd, grad));
    }

    /**
     * Specials and a width that is not a multiple of the vector length (the scalar tail). NaNs compare as NaN, not by
     * payload: which of two NaN operands a sum keeps depends on the order the JIT puts a commutative add's operands
     * in, in scalar code as well.
     */
    @Test
    void vectorSweepsEqualTheScalarOnes() {
        if (!Simd.ENABLED) {
            return; // nothing to compare: the scalar sweeps are the only ones
        }
        int cols = 11;
        int rows = 9;
        double[] specials = {0.0, -0.0, 1.5, -1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, -Double.MIN_VALUE};
        RandomStream r = new RandomStream(9);
        double[] z = new double[rows * cols];
        double[] ybar = new double[rows * cols];
        double[] b = new double[cols];
        for (int i = 0; i < z.length; i++) {
            z[i] = specials[(int) (r.nextDouble() * specials.length)];
            ybar[i] = specials[(int) (r.nextDouble() * specials.length)];
        }
        for (int j = 0; j < cols; j++) {
            b[j] = j % 3 == 0 ? -0.0 : specials[(int) (r.nextDouble() * specials.length)];
        }
        double[] ys = new double[z.length];
        double[] yv = new double[z.length];
        BiasRelu.forwardRowsScalar(z, b, ys, cols, 0, rows);
        BiasReluVectorKernels.forward(z, b, yv, cols, 0, rows);
        assertSameNumbers(ys, yv, "forward");
        for (boolean writeZ : new boolean[] {true, false}) {
            for (boolean writeB : new boolean[] {true, false}) {
                double[] zs = Checks.gaussians(new RandomStream(10), z.length);
                double[] zv = zs.clone();
                double[] bs = Checks.gaussians(new RandomStream(11), cols);
                double[] bv = bs.clone();
                BiasRelu.adjointScalar(ys, ybar, zs, bs, writeZ, writeB, cols, 0, rows);
                BiasReluVectorKernels.adjoint(ys, ybar, zv, bv, writeZ, writeB, cols, 0, rows);
                assertSameNumbers(zs, zv, "z adjoint, writeZ " + writeZ + ", writeB " + writeB);
                assertSameNumbers(bs, bv, "b adjoint, writeZ " + writeZ + ", writeB " + writeB);
            }
        }
    }

    @Test
    void rejectsABiasOfAnotherWidth() {
        ParameterLayout layout = ParameterLayout.builder().add("b", 3).build();
        GraphBuilder b = new GraphBuilder(layout);
        Node x = b.input("x", 4, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.biasRelu(x, b.parameter("b")));
        assertTrue(e.getMessage().contains("[4, 5]") || e.getMessage().contains("4"), e.getMessage());
    }
}
