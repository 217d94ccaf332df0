package org.sgdlab.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
 * Every model of this package at the level of its objective: the gradient against five-point differences of the value
 * (relative error ≤ 1e-7), the HVP against differences of gradients (≤ 1e-7) and symmetric, and a minibatch of every
 * row equal to the full gradient. The operations are checked one by one in OpDerivativesTest; this checks that the
 * models wire them correctly.
 */
class ModelDerivativesTest {
    record Case(String name, Network net, Dataset data, NetworkLoss loss, Reduction red) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        NetworkLoss sq = NetworkLoss.of(SquaredLoss.INSTANCE);
        NetworkLoss logistic = NetworkLoss.of(LogisticLoss.INSTANCE);
        return Stream.of(
                new Case("deep linear 4-5-3-1", new DeepLinearNetwork(4, 5, 3, 1), Fixtures.data(20, 4, false, 1), sq, Reduction.SUM),
                new Case("deep linear depth 1", new DeepLinearNetwork(4, 1), Fixtures.data(20, 4, false, 2), sq, Reduction.MEAN),
                new Case("deep linear 3-4-4-4-1 logistic", new DeepLinearNetwork(3, 4, 4, 4, 1), Fixtures.data(20, 3, true, 3),
                        logistic, Reduction.MEAN),
                new Case("deep linear 3-4-3 softmax", new DeepLinearNetwork(3, 4, 3), Fixtures.classes(20, 3, 3, 4),
                        NetworkLoss.softmaxCrossEntropy(), Reduction.MEAN),
                new Case("factorized sensing 3x4 depth 1", FactorizedMatrix.sensing(3, 4), Fixtures.sensing(15, 3, 4, 5), sq,
                        Reduction.SUM),
                new Case("factorized sensing 3x4 depth 2", FactorizedMatrix.sensing(3, 4, 5), Fixtures.sensing(15, 3, 4, 6), sq,
                        Reduction.SUM),
                new Case("factorized sensing 3x4 depth 3", FactorizedMatrix.sensing(3, 4, 5, 2), Fixtures.sensing(15, 3, 4, 7), sq,
                        Reduction.MEAN),
                new Case("factorized completion 4x3 depth 2, un-halved", FactorizedMatrix.completion(4, 3, 6),
                        Fixtures.completion(10, 4, 3, 8), NetworkLoss.scaled(sq, 2), Reduction.SUM),
                new Case("factorized completion 4x3 depth 3", FactorizedMatrix.completion(4, 3, 3, 5),
                        Fixtures.completion(10, 4, 3, 9), sq, Reduction.SUM),
                new Case("diagonal difference D=1", DiagonalNetwork.difference(5, 1), Fixtures.data(12, 5, false, 10), sq,
                        Reduction.SUM),
                new Case("diagonal difference D=2", DiagonalNetwork.difference(5, 2), Fixtures.data(12, 5, false, 11), sq,
                        Reduction.SUM),
                new Case("diagonal difference D=3 logistic", DiagonalNetwork.difference(5, 3), Fixtures.data(12, 5, true, 12),
                        logistic, Reduction.MEAN),
                new Case("diagonal product D=2", DiagonalNetwork.product(5, 2), Fixtures.data(12, 5, false, 13), sq, Reduction.SUM),
                new Case("diagonal product D=4", DiagonalNetwork.product(5, 4), Fixtures.data(12, 5, false, 14), sq, Reduction.SUM))
                .map(Arguments::of);
    }

    private static NetworkObjective objective(Case c) {
        return new NetworkObjective(c.net(), c.data(), c.loss(), c.red());
    }

    private static double[] start(Case c) {
        double[] w = Checks.gaussians(new RandomStream(31), c.net().layout().size());
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0.7;
        }
        return w;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientAndHvpMatchFiniteDifferences(Case c) {
        NetworkObjective f = objective(c);
        double[] w = start(c);
        double[] g = new double[w.length];
        f.gradient(w, g);
        double err = Checks.relativeError(g, Checks.gradient(f::value, w));
        assertTrue(err <= 1e-7, c + ": gradient relative error " + err);
        double[] v = Checks.gaussians(new RandomStream(32), w.length);
        double[] hv = new double[w.length];
        f.hessianVectorProduct(w, v, hv);
        double herr = Checks.relativeError(hv, Checks.directional(f::gradient, w, v, w.length));
        assertTrue(herr <= 1e-7, c + ": HVP relative error " + herr);
        double[] u = Checks.gaussians(new RandomStream(33), w.length);
        double[] hu = new double[w.length];
        f.hessianVectorProduct(w, u, hu);
        double a = Checks.dot(u, hv);
        double b = Checks.dot(v, hu);
        assertTrue(Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)), c + ": <u,Hv> " + a + " vs <v,Hu> " + b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void minibatchOfEveryRowIsTheFullGradient(Case c) {
        NetworkObjective f = objective(c);
        double[] w = start(c);
        int n = f.sampleCount();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        double[] full = new double[w.length];
        double[] mini = new double[w.length];
        assertEquals(f.gradient(w, full), f.minibatchGradient(w, all, n, mini), 0.0, c.name());
        assertArrayEquals(full, mini, 0.0, c.name());
    }
}
