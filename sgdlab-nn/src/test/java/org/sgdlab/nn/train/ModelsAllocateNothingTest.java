package org.sgdlab.nn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.model.DeepLinearNetwork;
import org.sgdlab.nn.model.DiagonalNetwork;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Schedules;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.Trainer;

/**
 * The step loop of the new models allocates nothing after warm-up (as NoAllocationPerStepTest for the MLP): 1000 extra
 * GD steps, 1000 extra minibatch SGD steps, and 1000 extra HVPs each add fewer bytes than one 16-byte object per call.
 *
 * <p>"After warm-up" means once C2 has compiled the products' Vector API kernels (until then each vector operation is
 * a heap object), so the measurement repeats, warming up further between attempts, until it reads no allocation; it
 * fails if that steady state is not reached within {@value AllocationMeter#ATTEMPTS} attempts.
 */
class ModelsAllocateNothingTest {
    static Stream<Arguments> objectives() {
        NetworkLoss sq = NetworkLoss.of(SquaredLoss.INSTANCE);
        return Stream.of(
                Arguments.of("factorized completion 6x5 depth 3", new NetworkObjective(FactorizedMatrix.completion(6, 5, 4, 4),
                        Fixtures.completion(24, 6, 5, 1), sq, Reduction.SUM)),
                Arguments.of("factorized sensing 3x4 depth 2", new NetworkObjective(FactorizedMatrix.sensing(3, 4, 5),
                        Fixtures.sensing(24, 3, 4, 2), sq, Reduction.MEAN)),
                Arguments.of("diagonal difference D=3", new NetworkObjective(DiagonalNetwork.difference(6, 3),
                        Fixtures.data(24, 6, false, 3), sq, Reduction.SUM)),
                Arguments.of("diagonal product D=2", new NetworkObjective(DiagonalNetwork.product(6, 2),
                        Fixtures.data(24, 6, false, 4), sq, Reduction.SUM)),
                Arguments.of("deep linear 5-8-8-1", new NetworkObjective(new DeepLinearNetwork(5, 8, 8, 1),
                        Fixtures.data(24, 5, false, 5), sq, Reduction.MEAN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectives")
    void stepsAndHvpsAllocateNothing(String name, NetworkObjective f) {
        double[] w0 = f.network().initialize(new RandomStream(6), 0.3);
        for (boolean minibatch : new boolean[] {false, true}) {
            Trainer.Builder tb = Trainer.builder(f, OptimizerCatalog.create("sgd", Schedules.constant(1e-3), Map.of(),
                    f.dimension())).probeSchedule(ProbeSchedule.linear(1, 1));
            if (minibatch) {
                tb.sampler(Samplers.shuffledEpochs(f.sampleCount(), 6, new RandomStream(7)));
            }
            Trainer t = tb.build();
            // warm-up: graphs built, classes loaded, kernels compiled
            long extra = AllocationMeter.extraBytes(() -> t.run(w0, 500), () -> t.run(w0, 100), () -> t.run(w0, 1100));
            assertTrue(extra < AllocationMeter.ONE_OBJECT_PER_STEP, name + (minibatch ? ", minibatch" : ", full batch") + ": 1000 extra steps allocated "
                    + extra + " bytes");
        }
        double[] v = Checks.gaussians(new RandomStream(8), w0.length);
        double[] u = Checks.gaussians(new RandomStream(9), w0.length);
        double[] w1 = w0.clone();
        w1[0] = Math.nextUp(w1[0]);
        double[] out = new double[w0.length];
        // at one point (forward values and adjoints reused, v alternating) and at alternating points (all recomputed)
        for (boolean samePoint : new boolean[] {true, false}) {
            Runnable hvps100 = () -> {
                for (int k = 0; k < 100; k++) {
                    f.hessianVectorProduct(samePoint || (k & 1) == 0 ? w0 : w1, (k & 1) == 0 ? v : u, out);
                }
            };
            long extra = AllocationMeter.extraBytes(AllocationMeter.repeat(5, hvps100), hvps100,
                    AllocationMeter.repeat(11, hvps100));
            assertTrue(extra < AllocationMeter.ONE_OBJECT_PER_STEP, name + ": 1000 extra HVPs " + (samePoint
                    ? "at one point" : "at alternating points") + " allocated " + extra + " bytes");
        }
    }
}
