package org.sgdlab.nn.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.model.DiagonalNetwork;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.probe.Probe;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/** Weight norms, margins of homogeneous networks, the product's nuclear norm and balance, a diagonal predictor's ℓ1. */
class NetworkProbesTest {
    @Test
    void weightNormsAreTheTotalAndPerBlockNorms() {
        Mlp net = Mlp.builder(3).hidden(4).build();
        double[] w = net.initialize(new RandomStream(1));
        List<Probe> probes = WeightNorms.all(net.layout());
        assertEquals(List.of("weight_norm", "weight_norm_W1", "weight_norm_b1", "weight_norm_W2", "weight_norm_b2"),
                probes.stream().map(Probe::name).toList());
        assertEquals(Kernels.norm2(w), probes.get(0).measure(0, w, null), 1e-15 * Kernels.norm2(w));
        double sq = 0;
        for (int k = 1; k < probes.size(); k++) {
            double b = probes.get(k).measure(0, w, null);
            sq += b * b;
        }
        assertEquals(Kernels.norm2(w), Math.sqrt(sq), 1e-15 * Kernels.norm2(w), "blocks partition the vector");
        assertEquals(Kernels.norm2(net.layout().get(w, "W2")), probes.get(3).measure(0, w, null), 1e-15);
        assertEquals(1e200 * Math.sqrt(2), WeightNorms.norm(new double[] {1e200, -1e200}, 0, 2), 1e185, "no overflow");
        assertEquals(1, WeightNorms.all(FactorizedMatrix.sensing(2, 2).layout()).size(), "one block: the total only");
    }

    @Test
    void normalizedMarginIsScaleInvariantForHomogeneousNetworks() {
        Mlp net = Mlp.builder(3).hidden(5, 5).bias(false).build();
        NetworkObjective f = new NetworkObjective(net, Fixtures.data(20, 3, true, 2), NetworkLoss.of(LogisticLoss.INSTANCE),
                Reduction.MEAN);
        double[] w = net.initialize(new RandomStream(3));
        double[] cw = w.clone();
        for (int i = 0; i < cw.length; i++) {
            cw[i] *= 4.0;
        }
        Probe min = NetworkProbes.minMargin(f);
        Probe normalized = NetworkProbes.normalizedMargin(f);
        double[] out = new double[20];
        f.outputs(w, out);
        double expected = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 20; i++) {
            expected = Math.min(expected, f.data().y()[i] * out[i]);
        }
        assertEquals(expected, min.measure(0, w, f), 0.0);
        assertEquals(64 * expected, min.measure(0, cw, f), 1e-14 * Math.abs(64 * expected), "f(4θ) = 4³f(θ)");
        assertEquals(normalized.measure(0, w, f), normalized.measure(0, cw, f), 1e-14 * Math.abs(normalized.measure(0, w, f)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkProbes.normalizedMargin(
                new NetworkObjective(Mlp.builder(3).hidden(5).build(), f.data(), NetworkLoss.of(LogisticLoss.INSTANCE),
                        Reduction.MEAN)));
        assertTrue(e.getMessage().contains("homogeneous"), e.getMessage());
    }

    @Test
    void productProbesReadTheFactors() {
        FactorizedMatrix net = FactorizedMatrix.completion(3, 3, 4);
        double[] w = Checks.gaussians(new RandomStream(4), net.layout().size());
        assertEquals(FactorizedMatrix.nuclearNorm(net.product(w)), NetworkProbes.nuclearNorm(net.chain()).measure(0, w, null), 0.0);
        assertEquals(net.chain().balanceResidual(w), NetworkProbes.balance(net.chain()).measure(0, w, null), 0.0);
        DiagonalNetwork diag = DiagonalNetwork.difference(3, 2);
        double[] theta = {1, 2, 3, 2, 2, 1};
        assertEquals(3 + 0 + 8, NetworkProbes.predictorL1(diag).measure(0, theta, null), 0.0, "w = (−3, 0, 8)");
        assertThrows(org.sgdlab.data.DataFormatException.class, () -> NetworkProbes.minMargin(new NetworkObjective(net,
                Fixtures.completion(5, 3, 3, 1), NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.SUM)));
    }
}
