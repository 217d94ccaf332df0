package org.sgdlab.theory.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.kernels.FullyConnectedNetwork;
import org.sgdlab.kernels.Parameterization;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/** TwoLayerLogisticGd's hand-written gradient against sgdlab-nn's reverse mode and central finite differences. */
class TwoLayerLogisticGdTest {
    @Test
    void gradientMatchesReverseModeAndFiniteDifferences() {
        KernelSvmClaim.Problem pr = KernelSvmClaim.problem(2);
        Dataset data = pr.train();
        int m = 6;
        TwoLayerLogisticGd net = new TwoLayerLogisticGd(data.x(), data.y(), m, new RandomStream(5));
        double[] work = new double[m * (data.d() + 1)];
        net.stepInPlace(0.7, work); // leave the paired start, where f ≡ 0
        double[] theta = net.parameters();
        double[] g = new double[theta.length];
        double loss = net.gradient(g);
        FullyConnectedNetwork ref = new FullyConnectedNetwork(data.d(), new int[] {m}, "relu", 1.0, Parameterization.NTK);
        NetworkObjective f = new NetworkObjective(ref, data, NetworkLoss.of(LogisticLoss.INSTANCE), Reduction.SUM);
        double[] gRef = new double[theta.length];
        assertEquals(f.gradient(theta, gRef), loss, 1e-12 * Math.max(1, loss));
        for (int i = 0; i < g.length; i++) {
            assertEquals(gRef[i], g[i], 1e-12, "coordinate " + i);
        }
        double h = 1e-6;
        for (int i = 0; i < g.length; i += 3) {
            double[] p = theta.clone();
            p[i] += h;
            double up = f.value(p);
            p[i] -= 2 * h;
            double down = f.value(p);
            assertEquals((up - down) / (2 * h), g[i], 1e-6, "finite difference at coordinate " + i);
        }
        double[] out = net.outputs(data.x());
        double[] outRef = new double[data.n()];
        f.outputs(theta, outRef);
        for (int i = 0; i < out.length; i++) {
            assertEquals(outRef[i], out[i], 1e-12);
        }
    }

    @Test
    void pairedInitializationStartsAtZero() {
        KernelSvmClaim.Problem pr = KernelSvmClaim.problem(1);
        TwoLayerLogisticGd net = new TwoLayerLogisticGd(pr.train().x(), pr.train().y(), 8, new RandomStream(3));
        for (double v : net.outputs(pr.probe())) {
            assertEquals(0.0, v, 1e-15);
        }
    }
}
