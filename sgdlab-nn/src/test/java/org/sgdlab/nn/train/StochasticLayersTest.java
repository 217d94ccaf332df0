package org.sgdlab.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.autodiff.BatchNormStatistics;
import org.sgdlab.nn.autodiff.Graph;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.model.Network;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.nn.tensor.Tensor;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Schedules;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.Trainer;

/** Dropout masks are seeded and fixed between resamplings; batch-norm running statistics follow torch's rule. */
class StochasticLayersTest {
    private static Graph dropoutGraph(long seed, int n, double p) {
        ParameterLayout l = ParameterLayout.builder().add("x", n).build();
        GraphBuilder b = new GraphBuilder(l);
        return b.build(b.sum(b.dropout(b.parameter("x"), p, seed)));
    }

    private static double[] mask(Graph g, int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        double[] grad = new double[n];
        g.gradient(ones, grad); // ∂Σ(x ⊙ M)/∂x = M
        return grad;
    }

    @Test
    void sameSeedSameMasksAndTheKeptFractionIsOneMinusP() {
        int n = 20000;
        double p = 0.3;
        Graph a = dropoutGraph(99, n, p);
        Graph b = dropoutGraph(99, n, p);
        Graph c = dropoutGraph(100, n, p);
        for (int k = 0; k < 3; k++) {
            double[] ma = mask(a, n);
            assertArrayEquals(ma, mask(b, n), 0.0, "resampling " + k);
            assertFalse(Arrays.equals(ma, mask(c, n)), "another seed, another mask");
            int kept = 0;
            for (double m : ma) {
                assertTrue(m == 0.0 || m == 1.0 / (1 - p), "mask entry " + m);
                kept += m > 0 ? 1 : 0;
            }
            assertEquals(1 - p, (double) kept / n, 0.01, "kept fraction");
            double[] again = mask(a, n);
            assertArrayEquals(ma, again, 0.0, "the mask is fixed until resampled");
            a.resampleDropoutInPlace();
            b.resampleDropoutInPlace();
            c.resampleDropoutInPlace();
            assertFalse(Arrays.equals(ma, mask(a, n)), "resampling draws a new mask");
        }
    }

    /** 3-8-1 with dropout after the hidden relu. */
    private static Network dropoutNet() {
        Mlp base = Mlp.builder(3).hidden(8).build();
        return new Network() {
            @Override
            public ParameterLayout layout() {
                return base.layout();
            }

            @Override
            public int inputFeatures() {
                return 3;
            }

            @Override
            public int outputs() {
                return 1;
            }

            @Override
            public Node build(GraphBuilder b, Node x) {
                Node h = b.dropout(b.relu(b.add(b.matmul(x, b.parameter("W1"), false, true), b.parameter("b1"))), 0.5, 7);
                return b.add(b.matmul(h, b.parameter("W2"), false, true), b.parameter("b2"));
            }

            @Override
            public String describe() {
                return "3-8-1 dropout";
            }
        };
    }

    @Test
    void onlyTheTrainingStepCallsDrawNewDropoutMasks() {
        Dataset data = Fixtures.data(16, 3, false, 2);
        NetworkObjective f = new NetworkObjective(dropoutNet(), data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN);
        double[] w = Mlp.builder(3).hidden(8).build().initialize(new RandomStream(3));
        double[] g1 = new double[w.length];
        double[] g2 = new double[w.length];
        f.gradient(w, g1);
        f.gradient(w, g2);
        assertArrayEquals(g1, g2, 0.0, "gradient() keeps the masks");
        double v = f.value(w);
        f.gradientOnly(w, g2);
        assertFalse(Arrays.equals(g1, g2), "gradientOnly() (the training step) draws new masks");
        f.gradient(w, g1);
        assertArrayEquals(g1, g2, 0.0, "and gradient() then sees those masks");
        assertTrue(v != f.value(w), "value() follows the current masks");
        // two objectives with the same seeds train to the same bits
        NetworkObjective f2 = new NetworkObjective(dropoutNet(), data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN);
        NetworkObjective f3 = new NetworkObjective(dropoutNet(), data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN);
        double[] a = Trainer.builder(f2, OptimizerCatalog.create("sgd", Schedules.constant(0.1), Map.of(), w.length)).build()
                .run(w, 50).params();
        double[] b = Trainer.builder(f3, OptimizerCatalog.create("sgd", Schedules.constant(0.1), Map.of(), w.length)).build()
                .run(w, 50).params();
        assertArrayEquals(a, b, 0.0);
    }

    @Test
    void batchNormRunningStatisticsFollowTorchsRuleAndFeedEvaluationMode() {
        int n = 6;
        int c = 3;
        double[] x = Checks.gaussians(new RandomStream(8), n * c);
        ParameterLayout l = ParameterLayout.builder().add("g", c).add("be", c).build();
        BatchNormStatistics st = new BatchNormStatistics(c, 0.1, 1e-5);
        GraphBuilder tb = new GraphBuilder(l);
        Node train = tb.batchNorm(tb.constant(new Tensor(Shape.of(n, c), x)), st, tb.parameter("g"), tb.parameter("be"));
        Graph tg = tb.build(tb.sum(train));
        double[] w = {1.5, 0.5, -1, 0.1, 0.2, 0.3};
        tg.value(w);
        assertArrayEquals(new double[] {0, 0, 0}, st.runningMean(), 0.0, "a forward pass alone changes nothing");
        tg.updateBatchNormStatisticsInPlace();
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int j = 0; j < c; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x[i * c + j];
            }
            mean[j] = s / n;
            double q = 0;
            for (int i = 0; i < n; i++) {
                q += (x[i * c + j] - mean[j]) * (x[i * c + j] - mean[j]);
            }
            var[j] = q / (n - 1); // torch stores the unbiased variance
            assertEquals(0.1 * mean[j], st.runningMean()[j], 1e-15, "running mean " + j);
            assertEquals(0.9 + 0.1 * var[j], st.runningVariance()[j], 1e-15, "running variance " + j);
        }
        GraphBuilder eb = new GraphBuilder(l).evaluationMode();
        Node eval = eb.batchNorm(eb.constant(new Tensor(Shape.of(n, c), x)), st, eb.parameter("g"), eb.parameter("be"));
        Graph eg = eb.build(eb.sum(eval));
        eg.value(w);
        double[] rm = st.runningMean();
        double[] rv = st.runningVariance();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double expected = w[j] * (x[i * c + j] - rm[j]) / Math.sqrt(rv[j] + 1e-5) + w[c + j];
                assertEquals(expected, eval.value().data()[i * c + j], 1e-14, "eval output " + i + "," + j);
            }
        }
    }

    @Test
    void theObjectiveUpdatesRunningStatisticsOnlyInTrainingSteps() {
        Mlp net = Mlp.builder(3).hidden(4).normalization(Mlp.Normalization.BATCH).build();
        Dataset data = Fixtures.data(20, 3, false, 9);
        NetworkObjective f = new NetworkObjective(net, data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN, true);
        double[] w = net.initialize(new RandomStream(10));
        double[] g = new double[w.length];
        f.value(w);
        f.gradient(w, g);
        f.hessianVectorProduct(w, g.clone(), new double[w.length]);
        assertArrayEquals(new double[4], net.batchNormStatistics(1).runningMean(), 0.0, "probing changes nothing");
        Trainer.builder(f, OptimizerCatalog.create("sgd", Schedules.constant(0.05), Map.of(), w.length)).build().run(w, 3);
        assertTrue(Checks.norm(net.batchNormStatistics(1).runningMean()) > 0, "three training steps updated the means");
    }
}
