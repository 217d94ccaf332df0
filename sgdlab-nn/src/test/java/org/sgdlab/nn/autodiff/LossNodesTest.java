package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.HingeLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.Losses;
import org.sgdlab.loss.SquaredHingeLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.model.LinearNetwork;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.nn.tensor.Tensor;
import org.sgdlab.objective.Reduction;
import org.sgdlab.objective.SoftmaxCrossEntropy;
import org.sgdlab.random.RandomStream;

/**
 * The loss operations are core's losses: the per-example values and the adjoints (derivatives) have core's bits, at
 * ordinary margins and far in the tails where the log-domain forms matter; the second derivatives match differences of
 * core's first derivatives; softmax cross-entropy agrees with core's objective.
 */
class LossNodesTest {
    static final double[] PREDICTIONS = {-800, -40, -3.5, -1, -0.2, 0, 1e-12, 0.3, 0.999, 1, 1.001, 2.5, 37, 750};

    static Stream<Arguments> losses() {
        return Stream.of(SquaredLoss.INSTANCE, LogisticLoss.INSTANCE, ExponentialLoss.INSTANCE, HingeLoss.INSTANCE,
                SquaredHingeLoss.INSTANCE).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void valuesAndDerivativesHaveCoreBits(Loss loss) {
        int n = PREDICTIONS.length * 2;
        double[] p = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = PREDICTIONS[i / 2];
            y[i] = i % 2 == 0 ? 1.0 : -1.0;
        }
        ParameterLayout layout = ParameterLayout.builder().add("p", n).build();
        GraphBuilder b = new GraphBuilder(layout);
        Node losses = b.loss(b.parameter("p"), b.constant(new Tensor(Shape.of(n), y)), loss);
        Graph g = b.build(b.sum(losses), losses);
        double[] grad = new double[n];
        g.gradient(p, grad);
        double[] values = losses.value().data();
        for (int i = 0; i < n; i++) {
            assertEquals(loss.value(p[i], y[i]), values[i], 0.0, loss.name() + " value at p=" + p[i] + ", y=" + y[i]);
            assertEquals(loss.derivative(p[i], y[i]), grad[i], 0.0, loss.name() + " derivative at p=" + p[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void secondDerivativesMatchDifferencesOfCoreDerivatives(Loss loss) {
        for (double p : new double[] {-3.5, -1, -0.2, 0.3, 0.8, 1.5, 2.5, 7}) {
            for (double y : new double[] {1.0, -1.0, 0.4}) {
                if (loss.needsBinaryLabels() && y == 0.4 || Math.abs(y * p - 1) < 0.05) {
                    continue;
                }
                double h = 1e-4;
                double fd = (loss.derivative(p - 2 * h, y) - 8 * loss.derivative(p - h, y) + 8 * loss.derivative(p + h, y)
                        - loss.derivative(p + 2 * h, y)) / (12 * h);
                double exact = loss.secondDerivative(p, y);
                assertEquals(fd, exact, 1e-9 * Math.max(1, Math.abs(exact)), loss.name() + " at p=" + p + ", y=" + y);
            }
        }
    }

    @Test
    void logisticCurvatureIsFiniteAndPositiveFarInTheTails() {
        for (double m : new double[] {-800, -40, 40, 700, 800}) {
            double c = LogisticLoss.INSTANCE.secondDerivative(m, 1.0);
            assertTrue(c >= 0 && Double.isFinite(c), "logistic curvature at margin " + m + " = " + c);
        }
        // e^{-700} is representable (e^{-800} is not: 0 is then the correctly rounded value)
        assertEquals(Math.exp(-700), LogisticLoss.INSTANCE.secondDerivative(-700, 1.0), 1e-15 * Math.exp(-700));
        assertEquals(0.25, LogisticLoss.INSTANCE.secondDerivative(0, 1.0), 0.0);
    }

    @Test
    void everyCoreLossHasACurvatureAndAnUnknownLossIsRefusedByName() {
        for (String name : Losses.names()) {
            assertTrue(Losses.byName(name).hasSecondDerivative(), name);
        }
        Loss custom = new Loss() {
            @Override
            public double value(double p, double y) {
                return Math.abs(p - y);
            }

            @Override
            public double derivative(double p, double y) {
                return Math.signum(p - y);
            }

            @Override
            public String name() {
                return "absolute";
            }

            @Override
            public java.util.OptionalDouble curvatureBound() {
                return java.util.OptionalDouble.empty();
            }
        };
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> custom.secondDerivative(0, 1));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
    }

    @Test
    void softmaxCrossEntropyAgreesWithCoresObjective() {
        RandomStream r = new RandomStream(5);
        int n = 40;
        int d = 4;
        int k = 3;
        double[] x = Checks.gaussians(r, n * d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(k);
        }
        Dataset data = new Dataset("clouds", new Matrix(n, d, x), y);
        for (Reduction red : Reduction.values()) {
            for (double scale : new double[] {0.5, 40}) { // ordinary logits, and confident ones with tiny losses
                double[] w = Checks.gaussians(new RandomStream(6), k * d);
                for (int i = 0; i < w.length; i++) {
                    w[i] *= scale;
                }
                SoftmaxCrossEntropy core = new SoftmaxCrossEntropy(data, k, red);
                NetworkObjective net = new NetworkObjective(new LinearNetwork(d, k, false), data,
                        NetworkLoss.softmaxCrossEntropy(), red);
                double[] gc = new double[w.length];
                double[] gn = new double[w.length];
                double vc = core.gradient(w, gc);
                double vn = net.gradient(w, gn);
                assertEquals(vc, vn, 1e-14 * Math.abs(vc), red + " scale " + scale + " value");
                assertTrue(Checks.relativeErrorInf(gn, gc) <= 1e-14, red + " scale " + scale + " gradient "
                        + Checks.relativeErrorInf(gn, gc));
            }
        }
    }
}
