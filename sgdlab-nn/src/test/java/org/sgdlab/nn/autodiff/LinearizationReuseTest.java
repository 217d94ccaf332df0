package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.model.Activation;
import org.sgdlab.nn.model.DeepLinearNetwork;
import org.sgdlab.nn.model.DiagonalNetwork;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.model.Network;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.nn.tensor.Tensor;
import org.sgdlab.random.RandomStream;

/**
 * A Hessian-vector product at an unchanged point reuses the forward values and first-order adjoints of the last HVP or
 * gradient ({@link LinearizationPoint}): the same bits (product, gradient alongside, value) as a twin graph that
 * recomputes everything ({@code Graph.setReusingLinearization(false)}), on every model kind of the module, for several v
 * at one w, after a gradient at that w, and after every change the forward pass depends on: one coordinate of w by
 * one ulp, the sign of a zero coordinate, the data in the input buffers, a dropout mask, the running batch-norm
 * statistics (shared with a training graph and with checkpoints), and any other pass run in between (value, forward,
 * JVP, VJP, Jacobian, at the same or another point). Also: the reuse path is taken (it does not just recompute) and a
 * graph with a custom node never reuses.
 */
class LinearizationReuseTest {
    private static final int N = 12;

    /** A reusing graph and its recomputing twin, built alike, fed alike. */
    static final class Twins {
        final String name;
        final Graph reusing;
        final Graph reference;
        final int p;

        Twins(String name, Graph reusing, Graph reference) {
            this.name = name;
            this.reusing = reusing;
            this.reference = reference;
            this.p = reusing.layout().size();
            reference.setReusingLinearization(false);
        }

        /** Runs {@code op} on both graphs. */
        void both(Consumer<Graph> op) {
            op.accept(reusing);
            op.accept(reference);
        }

        /** HVP at (w, v) on both; asserts the product, the gradient alongside and the value have the same bits. */
        void hvp(double[] w, double[] v, String what) {
            double[] h1 = new double[p];
            double[] g1 = new double[p];
            double[] h2 = new double[p];
            double[] g2 = new double[p];
            double f1 = reusing.hessianVectorProduct(w, v, h1, g1);
            double f2 = reference.hessianVectorProduct(w, v, h2, g2);
            assertBits(h2, h1, name + ", " + what + ": HVP");
            assertBits(g2, g1, name + ", " + what + ": gradient alongside");
            assertEquals(Double.doubleToRawLongBits(f2), Double.doubleToRawLongBits(f1), name + ", " + what + ": value "
                    + f2 + " vs " + f1);
        }
    }

    static void assertBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError(what + " differs at " + i + ": expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    /** A model's graph on data inputs "x" (and "y"), its loss summed: what NetworkObjective builds for a batch. */
    private static Graph networkGraph(Network net, NetworkLoss loss, Dataset data, boolean evaluation) {
        GraphBuilder b = new GraphBuilder(net.layout());
        if (evaluation) {
            b.evaluationMode();
        }
        Node x = b.input("x", data.n(), data.d());
        Node y = b.input("y", data.n());
        Node out = net.build(b, x);
        Graph g = b.build(b.sum(loss.perExample(b, out, y)));
        g.setInput("x", data.x().data());
        g.setInput("y", data.y());
        return g;
    }

    private static Twins network(String name, Network net, NetworkLoss loss, Dataset data, boolean evaluation) {
        return new Twins(name, networkGraph(net, loss, data, evaluation), networkGraph(net, loss, data, evaluation));
    }

    /** A tanh MLP with dropout (seeded masks) on its hidden layer. */
    private static Graph dropoutGraph(ParameterLayout layout, Dataset data) {
        GraphBuilder b = new GraphBuilder(layout);
        Node x = b.input("x", data.n(), data.d());
        Node y = b.input("y", data.n());
        Node h = b.dropout(b.tanh(b.matmul(x, b.parameter("W1"), false, true)), 0.3, 77);
        Node out = b.matmul(h, b.parameter("W2"), false, true);
        Graph g = b.build(b.sum(b.loss(out, y, SquaredLoss.INSTANCE)));
        g.setInput("x", data.x().data());
        g.setInput("y", data.y());
        return g;
    }

    static Stream<Arguments> models() {
        NetworkLoss sq = NetworkLoss.of(SquaredLoss.INSTANCE);
        NetworkLoss logistic = NetworkLoss.of(LogisticLoss.INSTANCE);
        Mlp batchNorm = Mlp.builder(4).hidden(6, 5).activation(Activation.tanh()).normalization(Mlp.Normalization.BATCH)
                .build();
        ParameterLayout dropoutLayout = ParameterLayout.builder().add("W1", 7, 4).add("W2", 1, 7).build();
        Dataset d4 = Fixtures.data(N, 4, false, 1);
        return Stream.of(
                network("deep linear 4-5-3-1", new DeepLinearNetwork(4, 5, 3, 1), sq, d4, false),
                network("MLP relu 4-6-5-1", Mlp.builder(4).hidden(6, 5).activation(Activation.relu()).build(), sq, d4, false),
                network("MLP tanh 4-6-1 logistic", Mlp.builder(4).hidden(6).activation(Activation.tanh()).build(), logistic,
                        Fixtures.data(N, 4, true, 2), false),
                network("MLP relu 4-6-3 softmax", Mlp.builder(4).hidden(6).outputs(3).activation(Activation.relu()).build(),
                        NetworkLoss.softmaxCrossEntropy(), Fixtures.classes(N, 4, 3, 3), false),
                network("MLP tanh batch norm (training)", batchNorm, sq, d4, false),
                network("MLP tanh batch norm (evaluation)", batchNorm, sq, d4, true),
                network("MLP relu layer norm", Mlp.builder(4).hidden(6, 5).activation(Activation.relu())
                        .normalization(Mlp.Normalization.LAYER).build(), sq, d4, false),
                network("diagonal difference D=3", DiagonalNetwork.difference(4, 3), sq, d4, false),
                network("factorized sensing 3x4 depth 2", FactorizedMatrix.sensing(3, 4, 5), sq, Fixtures.sensing(N, 3, 4, 4),
                        false),
                network("factorized completion 4x3 depth 3", FactorizedMatrix.completion(4, 3, 3, 5), sq,
                        Fixtures.completion(N, 4, 3, 5), false),
                new Twins("MLP tanh with dropout", dropoutGraph(dropoutLayout, d4), dropoutGraph(dropoutLayout, d4)))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void reusedProductsHaveTheRecomputedBits(Twins t) {
        RandomStream r = new RandomStream(5);
        double[] w = Checks.gaussians(r, t.p);
        for (int i = 0; i < t.p; i++) {
            w[i] *= 0.6;
        }
        double[][] vs = {Checks.gaussians(r, t.p), Checks.gaussians(r, t.p), Checks.gaussians(r, t.p)};
        // several v at one w, then the first again
        for (int k = 0; k < vs.length; k++) {
            t.hvp(w, vs[k], "v" + k + " at w");
        }
        t.hvp(w, vs[0], "v0 again at w");
        // after a gradient at w (it records the point too), and a gradient at another point
        t.both(g -> g.gradient(w, new double[t.p]));
        t.hvp(w, vs[1], "after a gradient at w");
        double[] other = w.clone();
        other[0] += 0.25;
        t.both(g -> g.gradient(other, new double[t.p]));
        t.hvp(w, vs[2], "after a gradient elsewhere");
        // w changed in place in one coordinate by one ulp, then back
        for (int i : new int[] {0, t.p / 2, t.p - 1}) {
            double keep = w[i];
            w[i] = Math.nextUp(w[i]);
            t.hvp(w, vs[0], "coordinate " + i + " up one ulp");
            t.hvp(w, vs[1], "coordinate " + i + " up one ulp, second v");
            w[i] = keep;
            t.hvp(w, vs[2], "coordinate " + i + " restored");
        }
        // a zero coordinate, then its sign flipped
        double keep = w[1];
        w[1] = 0.0;
        t.hvp(w, vs[0], "w[1] = +0");
        w[1] = -0.0;
        t.hvp(w, vs[0], "w[1] = -0");
        t.hvp(w, vs[1], "w[1] = -0, second v");
        w[1] = keep;
        t.hvp(w, vs[1], "w[1] restored");
        // other passes in between write the buffers: at the same point and elsewhere
        t.both(g -> g.value(other));
        t.hvp(w, vs[2], "after value() elsewhere");
        t.both(g -> g.forward(other));
        t.hvp(w, vs[0], "after forward() elsewhere");
        t.both(g -> g.vjp(w, g.output(), new double[] {3.0}, new double[t.p]));
        t.hvp(w, vs[1], "after a VJP at w");
        t.both(g -> g.jvp(other, vs[2], g.output(), new double[1]));
        t.hvp(w, vs[2], "after a JVP elsewhere");
        t.both(g -> g.jacobian(w, g.output(), new double[t.p]));
        t.hvp(w, vs[0], "after a Jacobian at w");
        t.both(g -> g.setOverwriting(false));
        t.hvp(w, vs[1], "written adjoints off");
        t.hvp(w, vs[2], "written adjoints off, second v");
        t.both(g -> g.setOverwriting(true));
        t.hvp(w, vs[0], "written adjoints back on");
        // the data changed in the input buffers (rows 0 and 1 of x swapped, then back; valid indices stay valid)
        t.both(LinearizationReuseTest::swapFirstRows);
        t.hvp(w, vs[1], "x rows swapped");
        t.both(LinearizationReuseTest::swapFirstRows);
        t.hvp(w, vs[1], "x rows swapped back");
        t.both(g -> {
            double[] y = g.input("y");
            double a = y[0];
            y[0] = y[N - 1];
            y[N - 1] = a;
        });
        t.hvp(w, vs[2], "y[0] and y[last] swapped");
        // stochastic layers: a new dropout mask; the batch statistics folded in (evaluation graphs read them)
        t.both(Graph::resampleDropoutInPlace);
        t.hvp(w, vs[0], "dropout resampled");
        t.both(Graph::updateBatchNormStatisticsInPlace);
        t.hvp(w, vs[1], "batch-norm statistics updated");
    }

    private static void swapFirstRows(Graph g) {
        double[] x = g.input("x");
        int d = x.length / N;
        for (int j = 0; j < d; j++) {
            double a = x[j];
            x[j] = x[d + j];
            x[d + j] = a;
        }
    }

    /** Evaluation-mode batch norm reads statistics shared with a training graph and set from outside. */
    @Test
    void sharedRunningStatisticsAreWatched() {
        Mlp net = Mlp.builder(4).hidden(5).activation(Activation.tanh()).normalization(Mlp.Normalization.BATCH).build();
        NetworkLoss sq = NetworkLoss.of(SquaredLoss.INSTANCE);
        Dataset data = Fixtures.data(N, 4, false, 6);
        Twins t = network("MLP batch norm (evaluation)", net, sq, data, true);
        Graph training = networkGraph(net, sq, data, false);
        RandomStream r = new RandomStream(9);
        double[] w = Checks.gaussians(r, t.p);
        double[] v = Checks.gaussians(r, t.p);
        t.hvp(w, v, "start");
        training.gradient(w, new double[t.p]);
        training.updateBatchNormStatisticsInPlace();
        t.hvp(w, v, "after the training graph folded its batch statistics in");
        BatchNormStatistics s = net.batchNormStatistics(1);
        double[] var = s.runningVariance();
        var[2] = Math.nextUp(var[2]);
        s.setInPlace(s.runningMean(), var);
        t.hvp(w, v, "after one running variance moved one ulp");
        double[] mean = s.runningMean();
        mean[0] = mean[0] == 0.0 ? -0.0 : 0.0;
        s.setInPlace(mean, s.runningVariance());
        t.hvp(w, v, "after a running mean changed");
    }

    /**
     * The sign of a zero parameter changes the result's bits here (f = a·b with a = 1, b = ±0: f = ±0), so a point
     * compared with {@code ==} (0.0 == −0.0) would return the stale value.
     */
    @Test
    void signOfZeroIsAChangeOfPoint() {
        ParameterLayout layout = ParameterLayout.builder().add("a", 1).add("b", 1).build();
        Graph[] gs = new Graph[2];
        for (int k = 0; k < 2; k++) {
            GraphBuilder b = new GraphBuilder(layout);
            gs[k] = b.build(b.mul(b.parameter("a"), b.parameter("b")));
        }
        Twins t = new Twins("a·b", gs[0], gs[1]);
        double[] v = {0.5, -2.0};
        t.hvp(new double[] {1.0, 0.0}, v, "b = +0");
        double[] out = new double[2];
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(
                t.reusing.hessianVectorProduct(new double[] {1.0, -0.0}, v, out)), "f(1, −0) = −0");
        t.hvp(new double[] {1.0, -0.0}, v, "b = −0");
        t.hvp(new double[] {1.0, 0.0}, v, "b = +0 again");
    }

    /** The reuse path is taken at an unchanged point (its forward pass does not run), and never with a custom node. */
    @Test
    void reusesOnlyWhenNothingChangedAndNeverWithCustomNodes() {
        ParameterLayout layout = ParameterLayout.builder().add("W", 3, 4).build();
        int[] forwards = new int[1];
        Graph[] gs = new Graph[2];
        for (int k = 0; k < 2; k++) {
            GraphBuilder b = new GraphBuilder(layout);
            Node x = b.constant(new Tensor(Shape.of(5, 4), Checks.gaussians(new RandomStream(3), 20)));
            Node z = b.matmul(x, b.parameter("W"), false, true);
            Node counted = k == 0 ? b.tanh(z) : b.custom(new CountingTanh(z, forwards));
            gs[k] = b.build(b.sum(b.square(counted)));
        }
        double[] w = Checks.gaussians(new RandomStream(4), 12);
        double[] v = Checks.gaussians(new RandomStream(5), 12);
        double[] out = new double[12];
        Graph plain = gs[0];
        plain.hessianVectorProduct(w, v, out);
        // the plain graph holds its point after an HVP; the custom one never gets one
        assertTrue(plainMatches(plain, w), "an HVP records its point");
        double[] moved = w.clone();
        moved[5] = -moved[5];
        assertFalse(plainMatches(plain, moved), "another w does not match");
        plain.value(w);
        assertFalse(plainMatches(plain, w), "another pass forgets the point");
        Graph custom = gs[1];
        custom.hessianVectorProduct(w, v, out);
        custom.hessianVectorProduct(w, v, out);
        custom.hessianVectorProduct(w, v, out);
        assertEquals(3, forwards[0], "a graph with a custom node runs its forward pass for every HVP");
        assertFalse(custom.linearizationMatches(w), "a graph with a custom node holds no point");
    }

    private static boolean plainMatches(Graph g, double[] w) {
        return g.linearizationMatches(w);
    }

    /** tanh as a custom node that counts its forward passes. */
    static final class CountingTanh extends Node {
        private final int[] count;

        CountingTanh(Node x, int[] count) {
            super("counting tanh", x.shape(), x);
            this.count = count;
        }

        @Override
        protected void forward() {
            count[0]++;
            double[] x = valueOf(input(0));
            for (int i = 0; i < size; i++) {
                value[i] = Math.tanh(x[i]);
            }
        }

        @Override
        protected void backward() {
            double[] x = gradOf(input(0));
            for (int i = 0; i < size; i++) {
                x[i] += (1 - value[i] * value[i]) * grad[i];
            }
        }

        @Override
        protected void tangent() {
            double[] xdot = tangentOf(input(0));
            for (int i = 0; i < size; i++) {
                tangent[i] = (1 - value[i] * value[i]) * xdot[i];
            }
        }

        @Override
        protected void backwardTangent() {
            double[] xdot = tangentOf(input(0));
            double[] rx = gradTangentOf(input(0));
            for (int i = 0; i < size; i++) {
                double d1 = 1 - value[i] * value[i];
                rx[i] += d1 * gradTangent[i] - 2 * value[i] * d1 * xdot[i] * grad[i];
            }
        }
    }

    /** The matcher itself: bit patterns, so +0 and −0 differ and one ulp differs. */
    @Test
    void sameBitsTellZerosApart() {
        assertFalse(org.sgdlab.linalg.Kernels.sameBits(new double[] {0.0}, new double[] {-0.0}));
        assertFalse(org.sgdlab.linalg.Kernels.sameBits(new double[] {1.0}, new double[] {Math.nextUp(1.0)}));
        assertTrue(org.sgdlab.linalg.Kernels.sameBits(new double[] {-0.0, 2.5}, new double[] {-0.0, 2.5}));
    }
}
