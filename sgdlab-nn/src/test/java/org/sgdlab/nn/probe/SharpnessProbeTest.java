package org.sgdlab.nn.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.linalg.SymmetricEigen;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.model.Activation;
import org.sgdlab.nn.model.DiagonalNetwork;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.nn.model.LinearNetwork;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Schedules;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.Trainer;

/**
 * The sharpness probe against the dense Hessian (p HVPs, {@link NetworkObjective#hessian}) decomposed by core's
 * {@link SymmetricEigen}, and against a closed form (least squares: λ_max = σ_max(X)²/n); its warm start, its residual
 * companion, and its use in a run.
 */
class SharpnessProbeTest {
    static Stream<Arguments> objectives() {
        return Stream.of(
                Arguments.of("mlp 3-6-4-1 tanh, logistic", new NetworkObjective(Mlp.builder(3).hidden(6, 4)
                        .activation(Activation.tanh()).build(), Fixtures.data(30, 3, true, 1), NetworkLoss.of(LogisticLoss.INSTANCE),
                        Reduction.MEAN)),
                Arguments.of("factorized completion 4x4 depth 2", new NetworkObjective(FactorizedMatrix.completion(4, 4, 3),
                        Fixtures.completion(12, 4, 4, 2), NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.SUM)),
                Arguments.of("diagonal difference D=3", new NetworkObjective(DiagonalNetwork.difference(5, 3),
                        Fixtures.data(20, 5, false, 3), NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN)));
    }

    private static double[] start(NetworkObjective f) {
        return Checks.gaussians(new RandomStream(4), f.dimension());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectives")
    void valueIsTheLargestEigenvalueOfTheDenseHessian(String name, NetworkObjective f) {
        double[] w = start(f);
        int p = f.dimension();
        double[] h = new double[p * p];
        f.hessian(w, h);
        SymmetricEigen eig = SymmetricEigen.of(h, p);
        double lmax = eig.max();
        SharpnessProbe probe = new SharpnessProbe(p, new DenseEigensolver(p), null, 5);
        double s = probe.measure(0, w, f);
        assertEquals(lmax, s, 1e-12 * Math.abs(lmax), name);
        double scale = Math.max(Math.abs(eig.values()[0]), Math.abs(lmax));
        assertTrue(probe.lastResidual() <= 1e-12 * scale, name + ": residual " + probe.lastResidual());
        // the residual is what it claims: ‖Hv − θv‖ for the returned unit vector
        double[] v = probe.lastVector();
        assertEquals(1.0, Checks.norm(v), 1e-14);
        double[] hv = new double[p];
        f.hessianVectorProduct(w, v, hv);
        for (int i = 0; i < p; i++) {
            hv[i] -= s * v[i];
        }
        assertEquals(Checks.norm(hv), probe.lastResidual(), 1e-15 * scale + 1e-300);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectives")
    void lanczosAgreesWithTheDenseHessianWithinItsBound(String name, NetworkObjective f) {
        double[] w = start(f);
        int p = f.dimension();
        double[] h = new double[p * p];
        f.hessian(w, h);
        SymmetricEigen eig = SymmetricEigen.of(h, p);
        double scale = Math.max(Math.abs(eig.values()[0]), Math.abs(eig.max()));
        SharpnessProbe probe = new SharpnessProbe(p, new LanczosEigensolver(12), null, 13);
        double s = probe.measure(0, w, f);
        assertTrue(probe.lastResidual() <= 1e-8 * scale, name + ": residual " + probe.lastResidual());
        assertEquals(eig.max(), s, Math.max(probe.lastResidual(), 1e-12 * scale), name);
        // a second measurement at a nearby point starts from the first one's vector
        double[] w2 = w.clone();
        w2[0] += 1e-3;
        double s2 = probe.measure(1, w2, f);
        f.hessian(w2, h);
        assertEquals(SymmetricEigen.of(h, p).max(), s2, Math.max(probe.lastResidual(), 1e-12 * scale), name + " (warm)");
    }

    @Test
    void leastSquaresSharpnessIsTheLargestSquaredSingularValueOverN() {
        Dataset data = Fixtures.data(40, 6, false, 6);
        NetworkObjective twin = new NetworkObjective(new LinearNetwork(6, 1, false), data, NetworkLoss.of(SquaredLoss.INSTANCE),
                Reduction.MEAN);
        EmpiricalRisk risk = new EmpiricalRisk(data, new LinearModel(6, false), SquaredLoss.INSTANCE, Reduction.MEAN);
        // the probe reads the Hessian from the network twin while the trainer passes core's risk
        SharpnessProbe probe = new SharpnessProbe(6, new DenseEigensolver(6), twin, 7);
        double s = probe.measure(0, new double[6], risk);
        double sigma = JacobiSvd.singularValues(data.x().data(), 40, 6)[0];
        assertEquals(sigma * sigma / 40, s, 1e-13 * s);
    }

    /** Records the start vectors it is given and returns the top eigenvector of a fixed diagonal operator. */
    private static final class RecordingSolver implements TopEigensolver {
        final List<double[]> starts = new ArrayList<>();
        int calls;

        @Override
        public Estimate largest(int dimension, Operator a, double[] start, double[] vectorOut) {
            starts.add(start.clone());
            calls++;
            java.util.Arrays.fill(vectorOut, 0.0);
            vectorOut[calls % dimension] = 1.0;
            return new Estimate(calls, 0.5 * calls, 1);
        }
    }

    @Test
    void eachMeasurementStartsFromThePreviousVectorAndTheResidualRidesAlong() {
        NetworkObjective f = (NetworkObjective) objectives().findFirst().orElseThrow().get()[1];
        RecordingSolver solver = new RecordingSolver();
        SharpnessProbe probe = new SharpnessProbe(f.dimension(), solver, null, 8);
        double[] w = start(f);
        assertTrue(!probe.isWarm());
        probe.measure(0, w, f);
        assertArrayEquals(new RandomStream(8).gaussians(new double[f.dimension()]), solver.starts.get(0), 0.0, "seeded start");
        double[] first = probe.lastVector();
        var residual = probe.residual();
        assertEquals(SharpnessProbe.RESIDUAL_NAME, residual.name());
        assertEquals(0.5, residual.measure(0, w, f), 0.0, "the residual of the same measurement");
        assertEquals(1, solver.calls, "no second solve for the residual at the same step and point");
        probe.measure(10, w, f);
        assertArrayEquals(first, solver.starts.get(1), 0.0, "warm start from the previous Ritz vector");
        assertEquals(1.5, residual.measure(20, w, f), 0.0, "a residual asked for alone measures (the third solve)");
        assertEquals(3, solver.calls);
    }

    @Test
    void inARunTheProbeGivesTheSameBitsForTheSameSeed() {
        NetworkObjective f = (NetworkObjective) objectives().findFirst().orElseThrow().get()[1];
        double[] w0 = ((Mlp) f.network()).initialize(new RandomStream(9));
        Trace[] traces = new Trace[2];
        for (int k = 0; k < 2; k++) {
            SharpnessProbe probe = new SharpnessProbe(f.dimension(), new DenseEigensolver(f.dimension()), null, 10);
            traces[k] = Trainer.builder(f, OptimizerCatalog.create("sgd", Schedules.constant(0.5), Map.of(), f.dimension()))
                    .probes(probe, probe.residual()).probeSchedule(ProbeSchedule.linear(40, 10)).build().run(w0, 40).trace();
        }
        assertTrue(traces[0].sameValues(traces[1]));
        assertEquals(List.of("step", "sharpness", "sharpness_residual"), traces[0].columns());
        assertEquals(5, traces[0].size());
        for (int i = 0; i < 5; i++) {
            assertTrue(traces[0].row(i)[2] <= 1e-12 * Math.abs(traces[0].row(i)[1]), "residual row " + i);
        }
    }

    @Test
    void anObjectiveWithoutHvpsIsRefusedByName() {
        Dataset data = Fixtures.data(10, 3, false, 11);
        EmpiricalRisk risk = new EmpiricalRisk(data, new LinearModel(3, false), SquaredLoss.INSTANCE, Reduction.MEAN);
        SharpnessProbe probe = new SharpnessProbe(3, new DenseEigensolver(3), null, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> probe.measure(0, new double[3], risk));
        assertTrue(e.getMessage().contains("Hessian-vector products"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DenseEigensolver(DenseEigensolver.MAX_DIMENSION + 1));
        assertTrue(e.getMessage().contains("501"), e.getMessage());
    }
}
