package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.nn.autodiff.Graph;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.model.Activation;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.model.Network;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.random.RandomStream;

class EmpiricalNtkTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** The network's outputs on x at parameters w (forward pass only). */
    static double[] outputs(Network net, double[] w, Matrix x) {
        GraphBuilder b = new GraphBuilder(net.layout());
        Node in = b.input("x", x.rows(), x.cols());
        Graph g = b.build(net.build(b, in));
        g.setInput("x", x.data());
        g.forward(w);
        return g.output().value().data().clone();
    }

    /** ∂f(x)/∂θ by central differences, every coordinate (rows: points × outputs). */
    static double[] finiteDifferenceJacobian(Network net, double[] w, Matrix x, double h) {
        int p = w.length;
        int rows = x.rows() * net.outputs();
        double[] j = new double[rows * p];
        double[] wp = w.clone();
        for (int c = 0; c < p; c++) {
            wp[c] = w[c] + h;
            double[] up = outputs(net, wp, x);
            wp[c] = w[c] - h;
            double[] dn = outputs(net, wp, x);
            wp[c] = w[c];
            for (int r = 0; r < rows; r++) {
                j[r * p + c] = (up[r] - dn[r]) / (2 * h);
            }
        }
        return j;
    }

    static void assertMatchesFiniteDifferences(Network net, double[] w, Matrix x, EmpiricalNtk ntk, double[] blockWeight) {
        double[] fd = finiteDifferenceJacobian(net, w, x, 1e-5);
        int rows = x.rows() * net.outputs();
        int p = w.length;
        double[] theta = ntk.gram(w, x);
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < rows; b++) {
                double s = 0;
                double scale = 0;
                for (int c = 0; c < p; c++) {
                    s += blockWeight[c] * fd[a * p + c] * fd[b * p + c];
                    scale += Math.abs(blockWeight[c] * fd[a * p + c] * fd[b * p + c]);
                }
                assertEquals(s, theta[a * rows + b], 1e-7 * Math.max(1, scale), net.describe() + " entry (" + a + ", " + b + ")");
            }
        }
    }

    @Test
    void entriesMatchFiniteDifferencesOfTheOutputs() {
        Matrix x = KernelTestData.gaussian(11, 4, 3);
        for (String act : new String[] {"tanh", "softplus"}) {
            for (Parameterization pz : Parameterization.values()) {
                FullyConnectedNetwork net = new FullyConnectedNetwork(3, new int[] {5, 4}, act, Double.NaN, pz);
                double[] w = net.initialize(new RandomStream(12), 1.0);
                double[] ones = new double[w.length];
                java.util.Arrays.fill(ones, 1.0);
                assertMatchesFiniteDifferences(net, w, x, EmpiricalNtk.of(net), ones);
            }
        }
    }

    @Test
    void anyNetworkOfSgdlabNnWithBiasesAndSeveralOutputs() {
        Mlp mlp = Mlp.builder(3).hidden(6).outputs(2).activation(Activation.tanh()).build();
        double[] w = mlp.initialize(new RandomStream(13));
        Matrix x = KernelTestData.gaussian(14, 3, 3);
        double[] ones = new double[w.length];
        java.util.Arrays.fill(ones, 1.0);
        assertMatchesFiniteDifferences(mlp, w, x, EmpiricalNtk.of(mlp), ones);
    }

    @Test
    void blockWeightsWeighTheirLayersTerms() {
        FullyConnectedNetwork net = new FullyConnectedNetwork(3, new int[] {5}, "tanh", Double.NaN, Parameterization.NTK);
        double[] w = net.initialize(new RandomStream(15), 1.0);
        Matrix x = KernelTestData.gaussian(16, 3, 3);
        double[] m = new double[w.length];
        int first = net.layout().block("W1").size();
        for (int c = 0; c < w.length; c++) {
            m[c] = c < first ? 0.0 : 2.5;
        }
        assertMatchesFiniteDifferences(net, w, x, EmpiricalNtk.of(net).withBlockWeight("W1", 0).withBlockWeight("W2", 2.5), m);
        double[] only = EmpiricalNtk.of(net).trainingOnly("W2").gram(w, x);
        double[] weighted = EmpiricalNtk.of(net).withBlockWeight("W1", 0).gram(w, x);
        assertArrayEquals(weighted, only);
    }

    @Test
    void chunkedGramHasTheSameBitsAsTheFormedOne() {
        FullyConnectedNetwork net = new FullyConnectedNetwork(4, new int[] {30, 20}, "relu", Double.NaN, Parameterization.NTK);
        double[] w = net.initialize(new RandomStream(17), 1.0);
        Matrix x = KernelTestData.gaussian(18, 23, 4);
        Matrix z = KernelTestData.gaussian(19, 9, 4);
        EmpiricalNtk k = EmpiricalNtk.of(net);
        long rowBytes = (long) net.layout().size() * Double.BYTES;
        EmpiricalNtk small = k.withMemoryBudget(10 * rowBytes); // outer chunks of 6 points, inner of 3: 23 = 6+6+6+5
        assertArrayEquals(k.gram(w, x), small.gram(w, x));
        assertArrayEquals(k.cross(w, x, z), small.cross(w, x, z));
    }

    @Test
    void gramColumnHasTheBitsOfTheGramsColumnAndRow() {
        Mlp mlp = Mlp.builder(3).hidden(6).outputs(2).activation(Activation.tanh()).build();
        FullyConnectedNetwork deep = new FullyConnectedNetwork(2, new int[] {24, 24}, "relu", 2.0, Parameterization.NTK);
        FullyConnectedNetwork wide = new FullyConnectedNetwork(2, new int[] {300}, "relu", 1.0, Parameterization.NTK);
        List<Network> nets = List.of(mlp, deep, wide);
        List<EmpiricalNtk> ntks = List.of(EmpiricalNtk.of(mlp), EmpiricalNtk.of(deep), EmpiricalNtk.of(wide).trainingOnly("W1"));
        for (int t = 0; t < nets.size(); t++) {
            Network net = nets.get(t);
            double[] w = net.initialize(new RandomStream(31 + t), 1.0);
            Matrix x = KernelTestData.gaussian(32 + t, 8, net.inputFeatures());
            double[] g = ntks.get(t).gram(w, x);
            int rows = x.rows() * net.outputs();
            for (int col : new int[] {0, 3, rows - 1}) {
                double[] c = ntks.get(t).gramColumn(w, x, col);
                assertEquals(rows, c.length);
                for (int i = 0; i < rows; i++) {
                    assertEquals(Double.doubleToRawLongBits(g[i * rows + col]), Double.doubleToRawLongBits(c[i]), t + ": entry " + i + ", " + col);
                    assertEquals(Double.doubleToRawLongBits(g[col * rows + i]), Double.doubleToRawLongBits(c[i]), t + ": entry " + col + ", " + i);
                }
            }
        }
        Matrix x = KernelTestData.gaussian(40, 3, 2);
        double[] w = deep.initialize(new RandomStream(41), 1.0);
        AnalyticNtkTest.assertMessage(() -> EmpiricalNtk.of(deep).gramColumn(w, x, 3), "col must be in [0, 3), got 3");
        AnalyticNtkTest.assertMessage(() -> EmpiricalNtk.of(deep).gramColumn(w, x, -1), "got -1");
    }

    @Test
    void reusedGraphsGiveTheBitsOfFreshOnes() {
        FullyConnectedNetwork net = new FullyConnectedNetwork(3, new int[] {20, 20}, "relu", 2.0, Parameterization.NTK);
        Matrix x = KernelTestData.gaussian(50, 19, 3);
        Matrix z = KernelTestData.gaussian(51, 5, 3);
        EmpiricalNtk reused = EmpiricalNtk.of(net);
        for (int t = 0; t < 3; t++) {
            Parallel.setThreads(t % 2 + 1);
            double[] w = net.initialize(new RandomStream(52 + t), 1.0);
            assertArrayEquals(EmpiricalNtk.of(net).gram(w, x), reused.gram(w, x), "gram, call " + t);
            assertArrayEquals(EmpiricalNtk.of(net).gramColumn(w, x, 2), reused.gramColumn(w, x, 2), "gramColumn, call " + t);
            assertArrayEquals(EmpiricalNtk.of(net).cross(w, x, z), reused.cross(w, x, z), "cross, call " + t);
        }
    }

    @Test
    void crossAgreesWithTheGramOfTheStackedPoints() {
        FullyConnectedNetwork net = new FullyConnectedNetwork(3, new int[] {16}, "relu", Double.NaN, Parameterization.STANDARD);
        double[] w = net.initialize(new RandomStream(20), 1.0);
        Matrix x = KernelTestData.gaussian(21, 5, 3);
        Matrix z = KernelTestData.gaussian(22, 4, 3);
        double[] both = new double[27];
        System.arraycopy(x.data(), 0, both, 0, 15);
        System.arraycopy(z.data(), 0, both, 15, 12);
        double[] g = EmpiricalNtk.of(net).gram(w, new Matrix(9, 3, both));
        double[] c = EmpiricalNtk.of(net).cross(w, x, z);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(g[i * 9 + 5 + j], c[i * 4 + j], 0.0);
            }
        }
    }

    @Test
    void sameBitsForOneAndTwoThreads() {
        FullyConnectedNetwork net = new FullyConnectedNetwork(4, new int[] {40}, "relu", Double.NaN, Parameterization.NTK);
        double[] w = net.initialize(new RandomStream(23), 1.0);
        Matrix x = KernelTestData.gaussian(24, 37, 4);
        Parallel.setThreads(1);
        double[] one = EmpiricalNtk.of(net).gram(w, x);
        Parallel.setThreads(2);
        assertArrayEquals(one, EmpiricalNtk.of(net).gram(w, x));
    }

    @Test
    void badInputsNameTheirValues() {
        FullyConnectedNetwork net = new FullyConnectedNetwork(3, new int[] {4}, "relu", Double.NaN, Parameterization.NTK);
        AnalyticNtkTest.assertMessage(() -> EmpiricalNtk.of(net).withBlockWeight("W1", -1), "got -1.0");
        AnalyticNtkTest.assertMessage(() -> EmpiricalNtk.of(net).withBlockWeight("W9", 1), "\"W9\"");
        AnalyticNtkTest.assertMessage(() -> EmpiricalNtk.of(net).withMemoryBudget(0), "got 0");
        AnalyticNtkTest.assertMessage(() -> EmpiricalNtk.of(net).gram(new double[net.layout().size()],
                KernelTestData.gaussian(1, 2, 5)), "5 columns");
        AnalyticNtkTest.assertMessage(() -> new FullyConnectedNetwork(3, new int[] {4}, "sigmoid", Double.NaN,
                Parameterization.NTK), "\"sigmoid\"");
        AnalyticNtkTest.assertMessage(() -> new FullyConnectedNetwork(3, new int[] {0}, "relu", Double.NaN,
                Parameterization.NTK), "got 0");
    }
}
