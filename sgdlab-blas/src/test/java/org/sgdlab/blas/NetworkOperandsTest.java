package org.sgdlab.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.autodiff.Graph;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;

/**
 * A network graph's passes through OpenBLAS keep the products' operands in native copies between calls (the data as a
 * pinned constant; values and adjoints within a pass): every result has the bits of a computation that could not
 * have reused a stale copy — a Jacobian (one forward pass, a backward pass per row, the adjoints rewritten each time)
 * against one VJP per row (a forward pass each), a gradient after the input changed against a fresh graph, and the
 * full-data objective (constants) against the same rows as a batch (inputs). The products are large enough for Gemm
 * (≥ 2²⁰ multiply-adds).
 */
class NetworkOperandsTest {
    private static final int N = 256;
    private static final int D = 64;

    private static double[] gaussians(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    what + ": entry " + i + " (" + expected[i] + " vs " + actual[i] + ")");
        }
    }

    private static Mlp mlp() {
        return Mlp.builder(D).hidden(64, 64).build();
    }

    private static Graph graph(Mlp mlp, double[] x, double[] y) {
        GraphBuilder b = new GraphBuilder(mlp.layout());
        Node in = b.input("x", N, D);
        Node targets = b.input("y", N, 1);
        Node losses = b.loss(mlp.build(b, in), targets, SquaredLoss.INSTANCE);
        Graph g = b.build(b.sum(losses), losses);
        g.setInput("x", x);
        g.setInput("y", y);
        return g;
    }

    @Test
    void jacobianRowsMatchOneVjpPerRowAndChangedInputsAreSeen() {
        assertEquals("openblas", Gemm.backend().name(), Gemm.describe());
        Random r = new Random(7);
        Mlp mlp = mlp();
        int p = mlp.layout().size();
        double[] x = gaussians(r, N * D);
        double[] y = gaussians(r, N);
        double[] w = mlp.initialize(new org.sgdlab.random.RandomStream(3));
        Graph g = graph(mlp, x, y);
        Node losses = g.nodes().get(g.nodes().size() - 2);
        int rows = 8;
        double[] jac = new double[N * p];
        g.jacobian(w, losses, jac);
        double[] u = new double[N];
        double[] row = new double[p];
        for (int i = 0; i < rows; i++) {
            u[i] = 1.0;
            g.vjp(w, losses, u, row);
            u[i] = 0.0;
            assertSameBits(row, java.util.Arrays.copyOfRange(jac, i * p, (i + 1) * p), "Jacobian row " + i);
        }
        double[] g1 = new double[p];
        g.gradient(w, g1);
        x[5] += 0.5; // new data in the same input buffer
        g.setInput("x", x);
        double[] g2 = new double[p];
        g.gradient(w, g2);
        double[] fresh = new double[p];
        graph(mlp, x, y).gradient(w, fresh);
        assertSameBits(fresh, g2, "gradient after the input changed");
    }

    @Test
    void fullDataConstantsGiveTheBatchInputsBits() {
        Random r = new Random(9);
        Mlp mlp = mlp();
        int p = mlp.layout().size();
        Dataset data = new Dataset("gaussian", new Matrix(N, D, gaussians(r, N * D)), gaussians(r, N));
        NetworkObjective f = new NetworkObjective(mlp, data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.SUM);
        double[] w = mlp.initialize(new org.sgdlab.random.RandomStream(4));
        int[] all = new int[N];
        for (int i = 0; i < N; i++) {
            all[i] = i;
        }
        double[] v = gaussians(r, p);
        for (int rep = 0; rep < 2; rep++) {
            double[] full = new double[p];
            double[] batch = new double[p];
            f.gradient(w, full);
            f.minibatchGradient(w, all, N, batch);
            assertSameBits(batch, full, "full-data gradient, rep " + rep);
            double[] hv = new double[p];
            f.hessianVectorProduct(w, v, hv);
            double[] hv2 = new double[p];
            f.hessianVectorProduct(w, v, hv2);
            assertSameBits(hv, hv2, "HVP repeated, rep " + rep);
            w[3] += 0.25; // new parameters: the copies of the previous pass are stale
        }
    }
}
