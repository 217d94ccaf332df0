package org.sgdlab.nn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.model.Activation;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Schedules;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.Trainer;

/**
 * After warm-up, a training step on a network (full batch or minibatch, with batch norm) and a Hessian-vector
 * product allocate nothing: 1000 extra steps add fewer bytes than one 16-byte object per step would.
 *
 * <p>"After warm-up" means once C2 has compiled the matrix products' Vector API kernels: until then each vector
 * operation is an object on the heap. So the measurement is repeated, warming up further between attempts, until
 * it reads no allocation; the test fails if that steady state is not reached within {@value AllocationMeter#ATTEMPTS} attempts.
 */
class NoAllocationPerStepTest {
    private static NetworkObjective objective() {
        Mlp net = Mlp.builder(5).hidden(8, 8).activation(Activation.tanh()).normalization(Mlp.Normalization.BATCH).build();
        return new NetworkObjective(net, Fixtures.data(32, 5, true, 1), NetworkLoss.of(LogisticLoss.INSTANCE),
                Reduction.MEAN, true);
    }

    @Test
    void trainingStepsAllocateNothing() {
        NetworkObjective f = objective();
        double[] w0 = ((Mlp) f.network()).initialize(new RandomStream(2));
        for (boolean minibatch : new boolean[] {false, true}) {
            Trainer.Builder tb = Trainer.builder(f, OptimizerCatalog.create("adam", Schedules.constant(1e-3), Map.of(),
                    f.dimension())).probeSchedule(ProbeSchedule.linear(1, 1));
            if (minibatch) {
                tb.sampler(Samplers.shuffledEpochs(32, 8, new RandomStream(3)));
            }
            Trainer t = tb.build();
            // warm-up: graphs built, classes loaded, kernels compiled
            long extra = AllocationMeter.extraBytes(() -> t.run(w0, 2000), () -> t.run(w0, 100), () -> t.run(w0, 1100));
            assertTrue(extra < AllocationMeter.ONE_OBJECT_PER_STEP, (minibatch ? "minibatch" : "full-batch") + " steps: 1000 extra steps allocated "
                    + extra + " bytes");
        }
    }

    /**
     * On two threads, with products large enough for core's Gemm to split them over Parallel's threads and entrywise
     * passes large enough to be shared too (a 128-128-128-1 relu MLP on 512 rows): 50 extra full-batch steps add fewer
     * bytes than one 16-byte object per step, counting the caller and Parallel's workers.
     */
    @Test
    void twoThreadStepsThroughGemmAllocateNothing() {
        int saved = org.sgdlab.parallel.Parallel.threads();
        org.sgdlab.parallel.Parallel.setThreads(2);
        try {
            Mlp net = Mlp.builder(128).hidden(128, 128).build();
            NetworkObjective f = new NetworkObjective(net, Fixtures.data(512, 128, true, 6),
                    NetworkLoss.of(LogisticLoss.INSTANCE), Reduction.MEAN);
            double[] w0 = net.initialize(new RandomStream(7));
            Trainer t = Trainer.builder(f, OptimizerCatalog.create("sgd", Schedules.constant(1e-3), Map.of(),
                    f.dimension())).probeSchedule(ProbeSchedule.linear(1, 1)).build();
            long extra = Long.MAX_VALUE;
            for (int attempt = 0; attempt < AllocationMeter.ATTEMPTS && extra >= 50 * 16; attempt++) {
                t.run(w0, 30); // warm-up between attempts
                extra = AllocationMeter.allocatedBySgdlabThreads(() -> t.run(w0, 60))
                        - AllocationMeter.allocatedBySgdlabThreads(() -> t.run(w0, 10));
            }
            assertTrue(extra < 50 * 16, "two threads: 50 extra steps allocated " + extra + " bytes (caller and workers)");
        } finally {
            org.sgdlab.parallel.Parallel.setThreads(saved);
        }
    }

    @Test
    void hessianVectorProductsAllocateNothing() {
        NetworkObjective f = objective();
        double[] w = ((Mlp) f.network()).initialize(new RandomStream(4));
        double[] v = Checks.gaussians(new RandomStream(5), w.length);
        double[] u = Checks.gaussians(new RandomStream(6), w.length);
        double[] w2 = w.clone();
        w2[0] = Math.nextUp(w2[0]);
        double[] out = new double[w.length];
        // at one w (the forward values and adjoints reused, v alternating as in Lanczos) and alternating between two
        // points (everything recomputed)
        for (boolean samePoint : new boolean[] {true, false}) {
            Runnable hvps100 = () -> {
                for (int k = 0; k < 100; k++) {
                    f.hessianVectorProduct(samePoint || (k & 1) == 0 ? w : w2, (k & 1) == 0 ? v : u, out);
                }
            };
            long extra = AllocationMeter.extraBytes(AllocationMeter.repeat(10, hvps100), hvps100,
                    AllocationMeter.repeat(11, hvps100));
            assertTrue(extra < AllocationMeter.ONE_OBJECT_PER_STEP, "1000 extra HVPs " + (samePoint ? "at one point"
                    : "at alternating points") + " allocated " + extra + " bytes");
        }
    }
}
