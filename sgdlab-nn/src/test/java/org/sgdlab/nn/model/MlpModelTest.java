package org.sgdlab.nn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/**
 * The MLP's homogeneity, its scaled initialization, the scale invariance of the blocks feeding batch norm, and its
 * feature-major layout (the same derivatives as the row layout).
 */
class MlpModelTest {
    @Test
    void homogeneityDegreeIsTheDepthExactlyWhenDefined() {
        assertEquals(3, Mlp.builder(3).hidden(4, 4).bias(false).build().homogeneityDegree().getAsInt());
        assertEquals(2, Mlp.builder(3).hidden(4).bias(false).activation(Activation.leakyRelu(0.1)).build()
                .homogeneityDegree().getAsInt());
        assertTrue(Mlp.builder(3).hidden(4).build().homogeneityDegree().isEmpty(), "biases");
        assertTrue(Mlp.builder(3).hidden(4).bias(false).activation(Activation.tanh()).build().homogeneityDegree().isEmpty());
        assertTrue(Mlp.builder(3).hidden(4).bias(false).normalization(Mlp.Normalization.LAYER).build().homogeneityDegree()
                .isEmpty());
        assertEquals(1, new LinearNetwork(3, 1, false).homogeneityDegree().getAsInt());
        assertTrue(new LinearNetwork(3, 1, true).homogeneityDegree().isEmpty());

        Mlp net = Mlp.builder(3).hidden(6, 5).bias(false).build();
        Dataset data = Fixtures.data(10, 3, true, 1);
        NetworkObjective f = new NetworkObjective(net, data, NetworkLoss.of(LogisticLoss.INSTANCE), Reduction.MEAN);
        double[] w = net.initialize(new RandomStream(2));
        double[] cw = w.clone();
        for (int i = 0; i < cw.length; i++) {
            cw[i] *= 2.5;
        }
        double[] out = new double[10];
        double[] cout = new double[10];
        f.outputs(w, out);
        f.outputs(cw, cout);
        for (int i = 0; i < 10; i++) {
            assertEquals(Math.pow(2.5, 3) * out[i], cout[i], 1e-14 * Math.abs(cout[i]), "f(cθ) = c³f(θ)");
        }
    }

    @Test
    void scaledInitializationMultipliesTorchsDefaultsAndLeavesNormalizationAlone() {
        Mlp net = Mlp.builder(4).hidden(5).normalization(Mlp.Normalization.BATCH).build();
        double[] base = net.initialize(new RandomStream(3));
        double[] scaled = net.initialize(new RandomStream(3), 0.01);
        for (var b : net.layout().blocks()) {
            double k = b.name().startsWith("gamma") || b.name().startsWith("beta") ? 1.0 : 0.01;
            for (int i = b.offset(); i < b.end(); i++) {
                assertEquals(k * base[i], scaled[i], 0.0, b.name());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.initialize(new RandomStream(1), -1));
        assertTrue(e.getMessage().contains("got -1.0"), e.getMessage());
    }

    @Test
    void theBlocksFeedingBatchNormAreScaleInvariant() {
        // source 001 experiment 4: Linear(2,10) → BatchNorm1d(10) → ReLU → Linear(10,1); ε = 0 for exact invariance
        Mlp net = Mlp.builder(2).hidden(10).normalization(Mlp.Normalization.BATCH).eps(0).build();
        List<String> feeding = net.blocksFeedingNormalization(1);
        assertEquals(List.of("W1", "b1"), feeding);
        Dataset data = Fixtures.data(30, 2, true, 4);
        NetworkObjective f = new NetworkObjective(net, data, NetworkLoss.of(LogisticLoss.INSTANCE), Reduction.MEAN);
        double[] w = net.initialize(new RandomStream(5));
        double[] cw = w.clone();
        for (String name : feeding) {
            var b = net.layout().block(name);
            for (int i = b.offset(); i < b.end(); i++) {
                cw[i] *= 3.0;
            }
        }
        assertEquals(f.value(w), f.value(cw), 1e-14 * f.value(w), "L(3W₁, 3b₁) = L(W₁, b₁)");
        // so the gradient is orthogonal to (W₁, b₁): d/dc L(cθ_B) at c = 1 is ⟨∇_B L, θ_B⟩ = 0
        double[] g = new double[w.length];
        f.gradient(w, g);
        double inner = 0;
        double scale = 0;
        for (String name : feeding) {
            var b = net.layout().block(name);
            for (int i = b.offset(); i < b.end(); i++) {
                inner += g[i] * w[i];
                scale += Math.abs(g[i] * w[i]);
            }
        }
        assertTrue(scale > 0 && Math.abs(inner) <= 1e-13 * scale, "<∇_B L, θ_B> = " + inner + " (scale " + scale + ")");
        assertThrows(IllegalArgumentException.class, () -> net.blocksFeedingNormalization(2));
        assertEquals(List.of("W1"), Mlp.builder(2).hidden(3).bias(false).normalization(Mlp.Normalization.LAYER).build()
                .blocksFeedingNormalization(1));
    }

    @Test
    void activationsByName() {
        assertEquals("tanh", Activation.byName("tanh").name());
        assertEquals("leaky-relu(0.2)", Activation.byName("leaky-relu:0.2").name());
        assertTrue(Activation.byName("relu").positivelyHomogeneous());
        assertTrue(!Activation.byName("softplus").positivelyHomogeneous());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.byName("gelu"));
        assertTrue(e.getMessage().contains("\"gelu\"") && e.getMessage().contains("relu"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.byName("leaky-relu:x"));
        assertTrue(e.getMessage().contains("\"x\""), e.getMessage());
    }

    /**
     * The feature-major graph (activations transposed, per-row biases) against the row graph of the same net, both on
     * this module's Java GEMM: value, gradient and HVP agree to 1e-12 (relative, normwise), and the gradient agrees
     * with central differences on a small net.
     */
    @Test
    void featureMajorLayoutHasTheDerivativesOfTheRowLayout() {
        Dataset data = Fixtures.data(300, 12, false, 3);
        Mlp rows = Mlp.builder(12).hidden(40, 24).featureMajor(false).build();
        Mlp features = Mlp.builder(12).hidden(40, 24).featureMajor(true).build();
        assertTrue(features.buildsFeatureMajor());
        assertFalse(rows.buildsFeatureMajor());
        NetworkObjective a = new NetworkObjective(rows, data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN);
        NetworkObjective b = new NetworkObjective(features, data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN);
        RandomStream r = new RandomStream(4);
        double[] w = rows.initialize(r);
        double[] v = Checks.gaussians(r, w.length);
        double va = a.value(w);
        assertTrue(Math.abs(va - b.value(w)) <= 1e-12 * Math.abs(va), va + " vs " + b.value(w));
        double[] ga = new double[w.length];
        double[] gb = new double[w.length];
        a.gradientOnly(w, ga);
        b.gradientOnly(w, gb);
        assertTrue(Checks.relativeError(ga, gb) < 1e-12, "gradient: " + Checks.relativeError(ga, gb));
        double[] ha = new double[w.length];
        double[] hb = new double[w.length];
        a.hessianVectorProduct(w, v, ha);
        b.hessianVectorProduct(w, v, hb);
        assertTrue(Checks.relativeError(ha, hb) < 1e-12, "HVP: " + Checks.relativeError(ha, hb));
        assertTrue(Checks.norm(ha) > 0 && Checks.norm(ga) > 0);

        Mlp small = Mlp.builder(3).hidden(5, 4).featureMajor(true).build();
        NetworkObjective f = new NetworkObjective(small, Fixtures.data(8, 3, false, 5), NetworkLoss.of(SquaredLoss.INSTANCE),
                Reduction.MEAN);
        double[] ws = Checks.gaussians(new RandomStream(6), small.layout().size());
        double[] gs = new double[ws.length];
        f.gradientOnly(ws, gs);
        double[] fd = Checks.gradient(f::value, ws);
        assertTrue(Checks.relativeError(fd, gs) < 1e-6, "finite differences: " + Checks.relativeError(fd, gs));
    }

    /** Only a relu net with biases, no normalization and a hidden layer is laid out feature-major, and never by default on the Java GEMM. */
    @Test
    void featureMajorLayoutOnlyWhereItApplies() {
        assertFalse(Mlp.builder(3).hidden(4).build().buildsFeatureMajor(), "Java GEMM: the row layout by default");
        assertFalse(Mlp.builder(3).hidden(4).bias(false).featureMajor(true).build().buildsFeatureMajor());
        assertFalse(Mlp.builder(3).hidden(4).activation(Activation.tanh()).featureMajor(true).build().buildsFeatureMajor());
        assertFalse(Mlp.builder(3).hidden(4).normalization(Mlp.Normalization.LAYER).featureMajor(true).build()
                .buildsFeatureMajor());
        assertFalse(Mlp.builder(3).featureMajor(true).build().buildsFeatureMajor(), "no hidden layer");
    }
}
