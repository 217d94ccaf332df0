package org.sgdlab.nn.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.data.DataFormatException;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.HingeLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.SquaredHingeLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.model.Activation;
import org.sgdlab.nn.model.LinearNetwork;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.model.Network;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/**
 * NetworkObjective as a core Objective: the autodiff gradient of a linear model equals EmpiricalRisk's; MLP
 * gradients and HVPs match finite differences of the objective itself; minibatches, per-example gradients, output
 * Jacobians and Hessians are consistent with each other.
 */
class NetworkObjectiveTest {
    static Stream<Arguments> linearCases() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (Loss l : new Loss[] {SquaredLoss.INSTANCE, LogisticLoss.INSTANCE, ExponentialLoss.INSTANCE, HingeLoss.INSTANCE,
                SquaredHingeLoss.INSTANCE}) {
            for (boolean intercept : new boolean[] {false, true}) {
                for (Reduction r : Reduction.values()) {
                    for (int d : new int[] {3, 37}) {
                        s.add(Arguments.of(l, intercept, r, d));
                    }
                }
            }
        }
        return s.build();
    }

    @ParameterizedTest(name = "{0}, intercept={1}, {2}, d={3}")
    @MethodSource("linearCases")
    void linearModelGradientEqualsEmpiricalRisk(Loss loss, boolean intercept, Reduction red, int d) {
        Dataset data = Fixtures.data(60, d, loss.needsBinaryLabels(), 11);
        EmpiricalRisk risk = new EmpiricalRisk(data, new LinearModel(d, intercept), loss, red);
        NetworkObjective net = new NetworkObjective(new LinearNetwork(d, 1, intercept), data, NetworkLoss.of(loss), red);
        assertEquals(risk.dimension(), net.dimension());
        double[] w = Checks.gaussians(new RandomStream(12), net.dimension());
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0.3;
        }
        double[] gr = new double[w.length];
        double[] gn = new double[w.length];
        double vr = risk.gradient(w, gr);
        double vn = net.gradient(w, gn);
        assertEquals(vr, vn, 1e-14 * Math.abs(vr), "value");
        assertTrue(Checks.relativeErrorInf(gn, gr) <= 1e-14, "gradient, relative error " + Checks.relativeErrorInf(gn, gr));
        assertEquals(risk.value(w), net.value(w), 1e-14 * Math.abs(vr), "value()");
        int[] batch = {3, 17, 17, 42, 0, 59, 8};
        risk.minibatchGradient(w, batch, batch.length, gr);
        net.minibatchGradient(w, batch, batch.length, gn);
        assertTrue(Checks.relativeErrorInf(gn, gr) <= 1e-14, "minibatch gradient, relative error "
                + Checks.relativeErrorInf(gn, gr));
    }

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("tanh 3-5-4-1, logistic, mean",
                        Mlp.builder(3).hidden(5, 4).activation(Activation.tanh()).build(), NetworkLoss.of(LogisticLoss.INSTANCE),
                        Reduction.MEAN, true),
                Arguments.of("softplus 3-6-1 no bias, squared, sum",
                        Mlp.builder(3).hidden(6).activation(Activation.softplus()).bias(false).build(),
                        NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.SUM, false),
                Arguments.of("sigmoid 3-5-3, softmax",
                        Mlp.builder(3).hidden(5).outputs(3).activation(Activation.sigmoid()).build(),
                        NetworkLoss.softmaxCrossEntropy(), Reduction.MEAN, false),
                Arguments.of("tanh 3-5-5-1 batch norm, exponential",
                        Mlp.builder(3).hidden(5, 5).activation(Activation.tanh()).normalization(Mlp.Normalization.BATCH).build(),
                        NetworkLoss.of(ExponentialLoss.INSTANCE), Reduction.MEAN, true),
                Arguments.of("softplus 3-4-4-1 layer norm, squared",
                        Mlp.builder(3).hidden(4, 4).activation(Activation.softplus()).normalization(Mlp.Normalization.LAYER)
                                .build(), NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.SUM, false));
    }

    private static NetworkObjective objective(Network net, NetworkLoss loss, Reduction red, boolean binary) {
        Dataset data = "softmax-cross-entropy".equals(loss.name()) ? Fixtures.classes(24, 3, 3, 21)
                : Fixtures.data(24, 3, binary, 21);
        return new NetworkObjective(net, data, loss, red);
    }

    private static double[] start(NetworkObjective f) {
        Mlp mlp = (Mlp) f.network();
        return mlp.initialize(new RandomStream(22));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void gradientAndHvpMatchFiniteDifferences(String name, Network net, NetworkLoss loss, Reduction red, boolean binary) {
        NetworkObjective f = objective(net, loss, red, binary);
        double[] w = start(f);
        double[] g = new double[w.length];
        f.gradient(w, g);
        double err = Checks.relativeError(g, Checks.gradient(f::value, w));
        assertTrue(err <= 1e-7, name + ": gradient relative error " + err);
        double[] v = Checks.gaussians(new RandomStream(23), w.length);
        double[] hv = new double[w.length];
        f.hessianVectorProduct(w, v, hv);
        double herr = Checks.relativeError(hv, Checks.directional(f::gradient, w, v, w.length));
        assertTrue(herr <= 1e-7, name + ": HVP relative error " + herr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void hessianIsSymmetricAndItsColumnsAreHvps(String name, Network net, NetworkLoss loss, Reduction red, boolean binary) {
        NetworkObjective f = objective(net, loss, red, binary);
        double[] w = start(f);
        int p = w.length;
        double[] h = new double[p * p];
        f.hessian(w, h);
        double max = 0;
        for (double x : h) {
            max = Math.max(max, Math.abs(x));
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(h[i * p + j], h[j * p + i], 1e-12 * max, name + ": H[" + i + "][" + j + "]");
            }
        }
        double[] v = Checks.gaussians(new RandomStream(24), p);
        double[] hv = new double[p];
        f.hessianVectorProduct(w, v, hv);
        double[] hv2 = new double[p];
        for (int i = 0; i < p; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += h[i * p + j] * v[j];
            }
            hv2[i] = s;
        }
        assertTrue(Checks.relativeError(hv2, hv) <= 1e-12, name + ": H·v vs HVP " + Checks.relativeError(hv2, hv));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void minibatchOfAllRowsInOrderIsTheFullGradient(String name, Network net, NetworkLoss loss, Reduction red,
                                                    boolean binary) {
        NetworkObjective f = objective(net, loss, red, binary);
        double[] w = start(f);
        int n = f.sampleCount();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        double[] full = new double[w.length];
        double[] mini = new double[w.length];
        double vf = f.gradient(w, full);
        double vm = f.minibatchGradient(w, all, n, mini);
        assertArrayEquals(full, mini, 0.0, name);
        assertEquals(vf, vm, 0.0, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void perExampleGradientsSumToTheGradientAndBothPathsAgree(String name, Network net, NetworkLoss loss, Reduction red,
                                                              boolean binary) {
        NetworkObjective f = objective(net, loss, red, binary);
        double[] w = start(f);
        int n = f.sampleCount();
        int p = w.length;
        double[] rows = new double[n * p];
        f.perExampleGradients(w, rows);
        double[] sum = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                sum[j] += rows[i * p + j];
            }
        }
        double[] g = new double[p];
        f.gradient(w, g);
        double k = red == Reduction.MEAN ? 1.0 / n : 1.0;
        for (int j = 0; j < p; j++) {
            sum[j] *= k;
        }
        assertTrue(Checks.relativeError(sum, g) <= 1e-13, name + ": sum of per-example gradients "
                + Checks.relativeError(sum, g));
        // the batch-graph path (n backward passes) against whichever path the network took
        NetworkObjective slow = new NetworkObjective(notRowSeparable(net), f.data(), loss, red);
        double[] rowsSlow = new double[n * p];
        slow.perExampleGradients(w, rowsSlow);
        assertTrue(Checks.relativeErrorInf(rows, rowsSlow) <= 1e-13, name + ": per-example paths differ by "
                + Checks.relativeErrorInf(rows, rowsSlow));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void outputJacobianTimesVIsTheDerivativeOfTheOutputs(String name, Network net, NetworkLoss loss, Reduction red,
                                                         boolean binary) {
        NetworkObjective f = objective(net, loss, red, binary);
        double[] w = start(f);
        int rows = f.sampleCount() * net.outputs();
        int p = w.length;
        double[] jac = new double[rows * p];
        f.outputJacobian(w, jac);
        double[] v = Checks.gaussians(new RandomStream(25), p);
        double[] jv = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += jac[r * p + j] * v[j];
            }
            jv[r] = s;
        }
        double[] fd = Checks.directional(f::outputs, w, v, rows);
        assertTrue(Checks.relativeError(jv, fd) <= 1e-7, name + ": J·v vs differences " + Checks.relativeError(jv, fd));
    }

    private static Network notRowSeparable(Network net) {
        return new Network() {
            @Override
            public ParameterLayout layout() {
                return net.layout();
            }

            @Override
            public int inputFeatures() {
                return net.inputFeatures();
            }

            @Override
            public int outputs() {
                return net.outputs();
            }

            @Override
            public Node build(GraphBuilder b, Node input) {
                return net.build(b, input);
            }

            @Override
            public String describe() {
                return net.describe() + " (batch path)";
            }
        };
    }

    @Test
    void mismatchedDataAndLossesAreRefusedByName() {
        Dataset data = Fixtures.data(10, 3, false, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkObjective(Mlp.builder(4).hidden(3).build(), data, NetworkLoss.of(SquaredLoss.INSTANCE),
                        Reduction.MEAN));
        assertTrue(e.getMessage().contains("4 features") && e.getMessage().contains("3 columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NetworkObjective(
                Mlp.builder(3).hidden(3).outputs(2).build(), data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN));
        assertTrue(e.getMessage().contains("one output, got 2"), e.getMessage());
        assertThrows(DataFormatException.class, () -> new NetworkObjective(Mlp.builder(3).hidden(3).build(), data,
                NetworkLoss.of(LogisticLoss.INSTANCE), Reduction.MEAN));
        NetworkObjective f = new NetworkObjective(Mlp.builder(3).hidden(3).build(), data, NetworkLoss.of(SquaredLoss.INSTANCE),
                Reduction.MEAN);
        e = assertThrows(IllegalArgumentException.class, () -> f.gradient(new double[5], new double[5]));
        assertTrue(e.getMessage().contains("5 entries") && e.getMessage().contains("needs 16"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.minibatchGradient(new double[16], new int[] {10}, 1,
                new double[16]));
        assertTrue(e.getMessage().contains("batch index 10"), e.getMessage());
    }
}
