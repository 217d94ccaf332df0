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

    // ---- per-row bias (feature-major layout: one row per feature, one column per example) ----------------------

    /** The net of {@link #build} on transposed activations: z₁ᵀ = W₁xᵀ, z₂ᵀ = W₂h₁ᵀ, out = (W₃h₂ᵀ)ᵀ, biases (h × 1). */
    private static Graph buildPerRow(BiFunction<GraphBuilder, Node[], Node> layer, int n, int d, int h) {
        ParameterLayout layout = ParameterLayout.builder().add("W1", h, d).add("b1", h).add("W2", h, h).add("b2", h)
                .add("W3", 1, h).build();
        GraphBuilder b = new GraphBuilder(layout);
        Node x = b.input("x", n, d);
        Node h1 = layer.apply(b, new Node[] {b.matmul(b.parameter("W1"), x, false, true),
                b.reshape(b.parameter("b1"), h, 1)});
        Node h2 = layer.apply(b, new Node[] {b.matmul(b.parameter("W2"), h1, false, false),
                b.reshape(b.parameter("b2"), h, 1)});
        Node out = b.transpose(b.matmul(b.parameter("W3"), h2, false, false));
        Graph g = b.build(b.sum(b.loss(out, b.input("y", n, 1), SquaredLoss.INSTANCE)));
        RandomStream r = new RandomStream(5);
        g.setInput("x", Checks.gaussians(r, n * d));
        g.setInput("y", Checks.gaussians(r, n));
        return g;
    }

    /** |a − b| ≤ tol · max|a| entry by entry (a normwise bound that every entry must meet). */
    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertTrue(scale > 0, what + ": all zero");
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol * scale,
                    what + ": entry " + i + " (" + expected[i] + " vs " + actual[i] + ", scale " + scale + ")");
        }
    }

    /**
     * The fused per-row node against relu(add(z, b)) with b of shape (h × 1): the value has the same bits, and so does
     * everything but what passes through b̄ (its row sums go in four partial sums, the unfused add's in one chain); the
     * gradient, the HVP and its gradient agree to 1e-12 of their largest entry, on 1 and 2 threads, with written and
     * with zeroed adjoints. The fused node's own results are the same bits on 1 and 2 threads.
     */
    @Test
    void perRowBiasAgreesWithAddThenReluOnOneAndTwoThreads() {
        Graph f = buildPerRow((b, zb) -> b.biasRelu(zb[0], zb[1]), N, D, H);
        Graph plain = buildPerRow((b, zb) -> b.relu(b.add(zb[0], zb[1])), N, D, H);
        assertTrue((long) N * H >= Chunks.PARALLEL_MIN, "the passes must be large enough to be shared");
        RandomStream r = new RandomStream(7);
        int p = f.layout().size();
        double[] w = Checks.gaussians(r, p);
        for (int i = 0; i < p; i++) {
            w[i] *= 0.2;
        }
        double[] v = Checks.gaussians(r, p);
        int saved = Parallel.threads();
        String[] names = {"value", "gradient", "HVP", "HVP's gradient"};
        double[][] oneThread = null;
        try {
            for (int t : new int[] {1, 2}) {
                Parallel.setThreads(t);
                for (boolean overwriting : new boolean[] {true, false}) {
                    f.setOverwriting(overwriting);
                    plain.setOverwriting(overwriting);
                    double[][] a = firstAndSecondOrder(plain, w, v);
                    double[][] b = firstAndSecondOrder(f, w, v);
                    assertSameBits(a[0], b[0], "value, " + t + " threads");
                    for (int q = 1; q < a.length; q++) {
                        assertClose(a[q], b[q], 1e-12, names[q] + ", " + t + " threads, overwriting " + overwriting);
                    }
                    if (oneThread == null) {
                        oneThread = b;
                    } else {
                        for (int q = 0; q < b.length; q++) {
                            assertSameBits(oneThread[q], b[q], names[q] + ", fused, " + t + " threads vs 1");
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
            f.setOverwriting(true);
            plain.setOverwriting(true);
        }
        // sum ← loss ← transpose ← matmul(W3, h2ᵀ) ← h2ᵀ ← z2ᵀ = matmul(W2, h1ᵀ) ← h1ᵀ
        double[] h1 = f.output().input(0).input(0).input(0).input(1).input(0).input(1).value;
        int positive = 0;
        for (double h : h1) {
            positive += h > 0 ? 1 : 0;
        }
        assertTrue(positive > h1.length / 5 && positive < h1.length * 4 / 5, "positive entries: " + positive);
    }

    private static double[][] firstAndSecondOrder(Graph g, double[] w, double[] v) {
        int p = w.length;
        double[] value = {g.value(w)};
        double[] grad = new double[p];
        g.gradient(w, grad);
        double[] hv = new double[p];
        double[] hvGrad = new double[p];
        g.hessianVectorProduct(w, v, hv, hvGrad);
        return new double[][] {value, grad, hv, hvGrad};
    }

    /** The per-row node's gradient against central differences, on a small net (8 examples, widths 3-5-5-1). */
    @Test
    void perRowGradientMatchesFiniteDifferences() {
        Graph f = buildPerRow((b, zb) -> b.biasRelu(zb[0], zb[1]), 8, 3, 5);
        RandomStream r = new RandomStream(8);
        double[] w = Checks.gaussians(r, f.layout().size());
        double[] grad = new double[w.length];
        f.gradient(w, grad);
        double[] fd = Checks.gradient(f::value, w);
        assertTrue(Checks.relativeError(fd, grad) < 1e-6, "relative error " + Checks.relativeError(fd, grad));
    }

    /** The per-row sweeps: vector against scalar on specials and a ragged width, with and without each adjoint. */
    @Test
    void perRowVectorSweepsEqualTheScalarOnes() {
        if (!Simd.ENABLED) {
            return; // nothing to compare: the scalar sweeps are the only ones
        }
        double[] specials = {0.0, -0.0, 1.5, -1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, -Double.MIN_VALUE, 0.25, -3.0};
        for (int cols : new int[] {3, 11, 16}) {
            int rows = 7;
            RandomStream r = new RandomStream(9 + cols);
            double[] z = new double[rows * cols];
            double[] ybar = new double[rows * cols];
            double[] b = new double[rows];
            for (int i = 0; i < z.length; i++) {
                z[i] = specials[(int) (r.nextDouble() * specials.length)];
                ybar[i] = specials[(int) (r.nextDouble() * specials.length)];
            }
            for (int i = 0; i < rows; i++) {
                b[i] = i % 3 == 0 ? -0.0 : specials[(int) (r.nextDouble() * specials.length)];
            }
            double[] ys = new double[z.length];
            double[] yv = new double[z.length];
            BiasRelu.forwardPerRowScalar(z, b, ys, cols, 0, rows);
            BiasReluVectorKernels.forwardPerRow(z, b, yv, cols, 0, rows);
            assertSameNumbers(ys, yv, "forward, width " + cols);
            // finite ȳ for the sums (a NaN or ∞ in a row's sum makes every order agree trivially)
            double[] ybarFinite = Checks.gaussians(new RandomStream(12), z.length);
            for (double[] yb : new double[][] {ybar, ybarFinite}) {
                for (boolean writeZ : new boolean[] {true, false}) {
                    for (boolean writeB : new boolean[] {true, false}) {
                        for (int which = 0; which < 3; which++) { // both adjoints, z̄ only, b̄ only
                            double[] zs = which == 2 ? null : Checks.gaussians(new RandomStream(10), z.length);
                            double[] zv = zs == null ? null : zs.clone();
                            double[] bs = which == 1 ? null : Checks.gaussians(new RandomStream(11), rows);
                            double[] bv = bs == null ? null : bs.clone();
                            BiasRelu.adjointPerRow(ys, yb, zs, bs, writeZ, writeB, cols, 0, rows);
                            BiasReluVectorKernels.adjointPerRow(ys, yb, zv, bv, writeZ, writeB, cols, 0, rows);
                            String what = "width " + cols + ", writeZ " + writeZ + ", writeB " + writeB + ", case " + which;
                            if (zs != null) {
                                assertSameNumbers(zs, zv, "z adjoint, " + what);
                            }
                            if (bs != null) {
                                assertSameNumbers(bs, bv, "b adjoint, " + what);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The per-row sums' order, written out for one row of 6: ((p₀ + p₁) + (p₂ + p₃)) + t₄ + t₅ onto b̄ or +0. */
    @Test
    void perRowBiasSumHasTheDocumentedOrder() {
        double[] y = {1, 1, 1, 1, 1, 1};
        double[] ybar = {1e16, 1.0, -1e16, 1.0, 3.0, 5.0};
        double[] bbar = {7.0};
        BiasRelu.adjointPerRow(y, ybar, null, bbar, false, false, 6, 0, 1);
        assertEquals(7.0 + ((((0.0 + 1e16) + (0.0 + 1.0)) + ((0.0 - 1e16) + (0.0 + 1.0))) + 3.0 + 5.0), bbar[0]);
        BiasRelu.adjointPerRow(y, ybar, null, bbar, false, true, 6, 0, 1);
        assertEquals(0.0 + ((((0.0 + 1e16) + (0.0 + 1.0)) + ((0.0 - 1e16) + (0.0 + 1.0))) + 3.0 + 5.0), bbar[0]);
    }

    @Test
    void rejectsAPerRowBiasOfAnotherHeight() {
        ParameterLayout layout = ParameterLayout.builder().add("b", 3).build();
        GraphBuilder b = new GraphBuilder(layout);
        Node x = b.input("x", 4, 5);
        assertThrows(IllegalArgumentException.class, () -> b.biasRelu(x, b.reshape(b.parameter("b"), 3, 1)));
    }
}
