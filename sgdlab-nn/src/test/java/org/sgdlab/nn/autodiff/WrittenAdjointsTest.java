package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.random.RandomStream;

/**
 * The gradient pass writes an adjoint through its first backward edge instead of zeroing it and adding
 * ({@code Graph.planOverwrites}): the same bits as the reference (every adjoint zeroed, every edge adding,
 * {@code Graph.setOverwriting(false)}) for the gradient, VJPs and HVPs, on graphs where the plan must hold back: a node
 * taken twice by one product, a node with several consumers, a reshape sharing its input's adjoint, an extra output
 * consuming a node after the graph's output, row vectors broadcast over a batch (bias rows); and the gradient still
 * agrees with finite differences.
 */
class WrittenAdjointsTest {
    private static final int N = 12;
    private static final int D = 10;

    /** The bench's deep linear network: ½‖X W₁ᵀW₂ᵀW₃ᵀ − Y‖² (products through the ten-column pairs). */
    private static Node deepLinear(GraphBuilder b) {
        Node x = b.input("x", N, D);
        Node y = b.input("y", N, D);
        Node out = b.matmul(b.matmul(b.matmul(x, b.parameter("W1"), false, true), b.parameter("W2"), false, true),
                b.parameter("W3"), false, true);
        return b.sum(b.loss(out, y, SquaredLoss.INSTANCE));
    }

    /** Shared nodes: h taken twice by one product, by three consumers, and through a reshape that shares its adjoint. */
    private static Node shared(GraphBuilder b) {
        Node x = b.input("x", N, D);
        Node h = b.matmul(x, b.parameter("W1"), false, true);             // N × D
        Node gram = b.matmul(h, h, true, false);                           // hᵀh: h on both sides
        // a product of a reshape of h (sharing h's adjoint) that runs backward after h's later consumers below
        Node z = b.matmul(b.reshape(h, N, D), b.parameter("W2"), false, false);
        Node r = b.reshape(h, N * D);                                      // shares h's adjoint
        Node t = b.add(b.sum(b.square(r)), b.sum(b.relu(h)));
        Node u = b.matmul(b.tanh(h), b.parameter("W2"), false, false);
        // a row vector broadcast over h's rows (a bias): add, subtract, multiply, divide
        Node row = b.sum(b.parameter("W2"), false, 0);
        Node rows = b.add(b.add(b.sum(b.square(b.add(h, row))), b.sum(b.square(b.sub(z, row)))),
                b.add(b.sum(b.mul(b.tanh(h), row)), b.sum(b.div(h, b.add(b.square(row), b.sum(b.square(z)))))));
        return b.add(b.add(b.add(b.add(t, b.sum(gram)), b.sum(b.mul(u, b.matmul(h, b.parameter("W3"), false, true)))),
                b.sum(b.square(z))), rows);
    }

    /** The graph of {@code f}; with {@code extra}, two extra outputs after it consume its output and its first input. */
    private static Graph build(Function<GraphBuilder, Node> f, boolean hasTargets, boolean extra) {
        ParameterLayout layout = ParameterLayout.builder().add("W1", D, D).add("W2", D, D).add("W3", D, D).build();
        GraphBuilder b = new GraphBuilder(layout);
        Node out = f.apply(b);
        Graph g = extra ? b.build(out, b.relu(out), b.sum(out.input(0))) : b.build(out);
        RandomStream r = new RandomStream(11);
        g.setInput("x", Checks.gaussians(r, N * D));
        if (hasTargets) {
            g.setInput("y", Checks.gaussians(r, N * D));
        }
        return g;
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    what + ": entry " + i + " (" + expected[i] + " vs " + actual[i] + ")");
        }
    }

    private static void check(Graph g) {
        int p = g.layout().size();
        RandomStream r = new RandomStream(3);
        double[] w = Checks.gaussians(r, p);
        double[] v = Checks.gaussians(r, p);
        double[][] on = new double[3][p];
        double[][] off = new double[3][p];
        for (boolean overwriting : new boolean[] {true, false}) {
            g.setOverwriting(overwriting);
            double[][] o = overwriting ? on : off;
            // twice: a written adjoint must not keep the previous pass's values
            for (int rep = 0; rep < 2; rep++) {
                g.gradient(w, o[0]);
                g.hessianVectorProduct(w, v, o[1]);
                Node first = g.nodes().get(g.nodes().size() / 2);
                if (first.isDifferentiable()) {
                    double[] u = Checks.gaussians(new RandomStream(5), first.size());
                    g.vjp(w, first, u, o[2]);
                }
            }
        }
        g.setOverwriting(true);
        assertSameBits(off[0], on[0], "gradient");
        assertSameBits(off[1], on[1], "HVP");
        assertSameBits(off[2], on[2], "VJP");
        double[] fd = Checks.gradient(g::value, w);
        assertTrue(Checks.relativeError(on[0], fd) < 1e-6, "gradient vs finite differences: " + Checks.relativeError(on[0], fd));
    }

    @Test
    void deepLinearChainGivesTheReferenceBits() {
        check(build(WrittenAdjointsTest::deepLinear, true, false));
        check(build(WrittenAdjointsTest::deepLinear, true, true));
    }

    @Test
    void sharedNodesGiveTheReferenceBits() {
        check(build(WrittenAdjointsTest::shared, false, false));
        check(build(WrittenAdjointsTest::shared, false, true));
    }

    @Test
    void mlpGivesTheReferenceBits() {
        Mlp mlp = Mlp.builder(D).hidden(7, 6).build();
        GraphBuilder b = new GraphBuilder(mlp.layout());
        Node x = b.input("x", N, D);
        Node y = b.input("y", N, 1);
        Graph g = b.build(b.sum(b.loss(mlp.build(b, x), y, SquaredLoss.INSTANCE)));
        RandomStream r = new RandomStream(9);
        g.setInput("x", Checks.gaussians(r, N * D));
        g.setInput("y", Checks.gaussians(r, N));
        check(g);
    }
}
