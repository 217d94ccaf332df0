package org.sgdlab.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.catalog.OptimizerEntry;
import org.sgdlab.geometry.GeometricOptimizers;
import org.sgdlab.geometry.LInfSphere;
import org.sgdlab.geometry.LpSphere;
import org.sgdlab.geometry.Manifold;
import org.sgdlab.geometry.Partition;
import org.sgdlab.geometry.Sphere;
import org.sgdlab.geometry.Stiefel;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.model.Activation;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.nn.param.ParameterBlock;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.optim.Schedule;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * Every optimizer of {@link OptimizerCatalog} trains a small MLP objective through {@link Trainer} unchanged: 60
 * full-batch steps (and 60 minibatch steps) from a start on the optimizer's constraint set, ending finite, moved, on
 * the constraint set, and with a lower loss. {@link Partition} routes a network's named blocks to their own transforms.
 */
class OptimizersOnNetworkTest {
    /** 4-4-1 tanh without biases: 20 parameters, W1 a 4×4 block, the whole vector a 5×4 or 4×5 matrix. */
    static final Mlp NET = Mlp.builder(4).hidden(4).activation(Activation.tanh()).bias(false).build();
    static final NetworkObjective F = new NetworkObjective(NET, Fixtures.data(32, 4, true, 3),
            NetworkLoss.of(LogisticLoss.INSTANCE), Reduction.MEAN);

    record Setting(Schedule lr, Map<String, Double> hp, Manifold manifold, boolean simplex) {
        static Setting free(double lr, Object... kv) {
            return new Setting(Schedules.constant(lr), map(kv), null, false);
        }
    }

    static Map<String, Double> map(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }

    static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("sgd", Setting.free(0.5));
        SETTINGS.put("momentum", Setting.free(0.1));
        SETTINGS.put("nesterov", Setting.free(0.1));
        SETTINGS.put("adam", Setting.free(0.02));
        SETTINGS.put("amsgrad", Setting.free(0.02));
        SETTINGS.put("adamw", Setting.free(0.02));
        SETTINGS.put("adamax", Setting.free(0.02));
        SETTINGS.put("adagrad", Setting.free(0.1));
        SETTINGS.put("adagrad-norm", Setting.free(0.5));
        SETTINGS.put("full-matrix-adagrad", Setting.free(0.1));
        SETTINGS.put("rmsprop", Setting.free(0.005));
        SETTINGS.put("normalized-gd", Setting.free(0.05));
        SETTINGS.put("steepest-lp", Setting.free(0.3, "p", 3.0));
        SETTINGS.put("lp-sgd", Setting.free(0.03, "p", 3.0));
        SETTINGS.put("sign-sgd", Setting.free(0.005));
        SETTINGS.put("greedy-coordinate", Setting.free(0.02));
        SETTINGS.put("muon", Setting.free(0.02, "rows", 4.0));
        SETTINGS.put("riemannian-sphere", new Setting(Schedules.constant(0.02), map(), new Sphere(), false));
        SETTINGS.put("riemannian-lp-sphere", new Setting(Schedules.constant(0.02), map("p", 3.0), new LpSphere(3), false));
        SETTINGS.put("riemannian-linf-sphere", new Setting(Schedules.constant(0.005), map(), new LInfSphere(), false));
        SETTINGS.put("stiefel", new Setting(Schedules.constant(0.05), map("rows", 5.0),
                new Stiefel(5, 4, Stiefel.Retraction.QR), false));
        SETTINGS.put("mirror-lp", Setting.free(0.3, "p", 3.0));
        SETTINGS.put("mirror-hyperbolic", Setting.free(0.3, "alpha", 1.0));
        SETTINGS.put("svag", Setting.free(1.0, "l", 2.0));
        SETTINGS.put("perturbed-gd", Setting.free(0.5));
        SETTINGS.put("exponentiated-gradient", new Setting(Schedules.constant(0.5), map(), null, true));
    }

    static Stream<Arguments> entries() {
        return OptimizerCatalog.all().stream().map(e -> Arguments.of(e.name()));
    }

    @Test
    void everyCatalogEntryHasASetting() {
        for (OptimizerEntry e : OptimizerCatalog.all()) {
            assertTrue(SETTINGS.containsKey(e.name()), "no setting for " + e.name());
        }
        assertEquals(OptimizerCatalog.all().size(), SETTINGS.size());
    }

    private static double[] start(Setting s) {
        double[] w = NET.initialize(new RandomStream(4));
        if (s.manifold() != null) {
            return s.manifold().project(w);
        }
        if (s.simplex()) {
            double[] u = new double[w.length];
            java.util.Arrays.fill(u, 1.0 / w.length);
            return u;
        }
        return w;
    }

    private static double violation(Setting s, double[] w) {
        if (s.manifold() != null) {
            return s.manifold().violation(w);
        }
        if (s.simplex()) {
            double sum = 0;
            double neg = 0;
            for (double v : w) {
                sum += v;
                neg = Math.max(neg, -v);
            }
            return Math.max(Math.abs(sum - 1), neg);
        }
        return 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void trainsTheNetworkUnchanged(String name) {
        Setting s = SETTINGS.get(name);
        double[] w0 = start(s);
        double f0 = F.value(w0);
        for (boolean minibatch : new boolean[] {false, true}) {
            Transform opt = OptimizerCatalog.create(name, s.lr(), s.hp(), F.dimension());
            Trainer.Builder tb = Trainer.builder(F, opt);
            if (minibatch) {
                tb.sampler(Samplers.shuffledEpochs(F.sampleCount(), 8, new RandomStream(5)));
            }
            TrainResult r = tb.build().run(w0, 60);
            double[] w = r.params();
            String what = name + (minibatch ? " (minibatches of 8)" : " (full batch)");
            for (double v : w) {
                assertTrue(Double.isFinite(v), what + " produced a non-finite parameter");
            }
            assertTrue(Checks.relativeError(w, w0) > 1e-6, what + " did not move");
            assertTrue(violation(s, w) <= 1e-10, what + " left its constraint set by " + violation(s, w));
            assertTrue(F.value(w) < f0, what + " did not lower the loss: " + f0 + " -> " + F.value(w));
        }
    }

    @Test
    void partitionRoutesNamedBlocksToTheirOwnTransforms() {
        ParameterLayout layout = NET.layout();
        ParameterBlock w1 = layout.block("W1");
        Schedule lr = Schedules.constant(0.05);
        Transform muon = GeometricOptimizers.muon(w1.rows(), w1.cols(), lr, false);
        Transform sgd = Optimizers.byName("sgd", Map.of("lr", 0.1));
        Partition p = layout.partition(Map.of("W1", muon), sgd);
        assertEquals(List.of(new Partition.Block(w1.offset(), w1.size(), muon)), p.blocks());
        Map<String, Transform> twoBlocks = new LinkedHashMap<>();
        twoBlocks.put("W2", sgd);
        twoBlocks.put("W1", muon);
        assertEquals(List.of(layout.partitionBlock("W1", muon), layout.partitionBlock("W2", sgd)),
                layout.partition(twoBlocks, sgd).blocks(), "blocks in layout order, whatever the map's order");

        double[] w = NET.initialize(new RandomStream(6));
        double[] g = new double[w.length];
        F.gradient(w, g);
        double[] update = g.clone();
        p.updateInPlace(update, p.init(w), w);
        // the W1 slice is exactly Muon's update of W1's gradient; the rest exactly SGD's
        double[] g1 = layout.get(g, "W1");
        double[] w1v = layout.get(w, "W1");
        muon.updateInPlace(g1, muon.init(w1v), w1v);
        assertEquals(0.0, Checks.relativeErrorInf(layout.get(update, "W1"), g1), "W1 routed to Muon");
        double[] g2 = layout.get(g, "W2");
        double[] w2v = layout.get(w, "W2");
        sgd.updateInPlace(g2, sgd.init(w2v), w2v);
        assertEquals(0.0, Checks.relativeErrorInf(layout.get(update, "W2"), g2), "W2 routed to SGD");
        // and the Trainer runs the partitioned optimizer on the network
        TrainResult r = Trainer.builder(F, layout.partition(Map.of("W1", muon), sgd)).build().run(w, 60);
        assertTrue(F.value(r.params()) < F.value(w), "partitioned training lowered the loss");
    }

    @Test
    void stiefelOnOneMatrixBlockKeepsItOrthonormalWhileTheRestTrainsFreely() {
        ParameterLayout layout = NET.layout();
        ParameterBlock w1 = layout.block("W1");
        Stiefel stiefel = new Stiefel(w1.rows(), w1.cols(), Stiefel.Retraction.QR);
        double[] w = NET.initialize(new RandomStream(7));
        layout.setInPlace(w, "W1", stiefel.project(layout.get(w, "W1")));
        Transform opt = layout.partition(Map.of("W1", GeometricOptimizers.riemannianSgd(stiefel, Schedules.constant(0.05))),
                Optimizers.byName("sgd", Map.of("lr", 0.5)));
        double[] end = Trainer.builder(F, opt).build().run(w, 100).params();
        assertTrue(stiefel.violation(layout.get(end, "W1")) <= 1e-12, "W1 left the Stiefel manifold by "
                + stiefel.violation(layout.get(end, "W1")));
        assertTrue(Checks.relativeError(layout.get(end, "W2"), layout.get(w, "W2")) > 1e-3, "W2 trained");
        assertTrue(F.value(end) < F.value(w), "loss " + F.value(w) + " -> " + F.value(end));
    }
}
