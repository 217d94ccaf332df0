package org.sgdlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Probes;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;

class TrainerTest {
    private static Dataset data(long seed, boolean binary) {
        RandomStream r = new RandomStream(seed);
        int n = 30;
        int d = 4;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = binary ? (i % 2 == 0 ? 1 : -1) : r.nextGaussian();
        }
        return new Dataset("t", new Matrix(n, d, r.gaussians(new double[n * d])), y);
    }

    @Test
    void sameSeedGivesBitIdenticalRunsAndTraces() {
        TrainResult[] runs = new TrainResult[3];
        long[] seeds = {11, 11, 12};
        for (int k = 0; k < 3; k++) {
            EmpiricalRisk f = EmpiricalRisk.of(data(1, true), LogisticLoss.INSTANCE, Reduction.MEAN);
            runs[k] = Trainer.builder(f, Optimizers.momentum(org.sgdlab.optim.Schedules.constant(0.1), 0.5))
                    .sampler(Samplers.withReplacement(30, 5, new RandomStream(seeds[k])))
                    .probes(Probes.loss(), Probes.norm())
                    .build().run(new double[4], 500);
        }
        assertArrayEquals(runs[0].params(), runs[1].params(), 0.0);
        assertTrue(runs[0].trace().sameValues(runs[1].trace()));
        assertTrue(runs[0].params()[0] != runs[2].params()[0]);
    }

    @Test
    void traceRowsHoldTheIterateAtTheirStep() {
        EmpiricalRisk f = EmpiricalRisk.of(data(2, false), SquaredLoss.INSTANCE, Reduction.SUM);
        TrainResult r = Trainer.builder(f, Optimizers.sgd(0.001)).probes(Probes.norm())
                .probeSchedule(ProbeSchedule.linear(10, 5)).build().run(new double[] {1, 0, 0, 0}, 10);
        assertEquals(3, r.trace().size());
        assertEquals(1.0, r.trace().row(0)[1], 0);
        assertEquals(10.0, r.trace().last("step"), 0);
        assertEquals(org.sgdlab.linalg.Kernels.norm2(r.params()), r.trace().last("norm"), 0);
    }

    @Test
    void progressIsReportedAtEveryMultipleOfStepsOver200AndAtTheEnd() {
        EmpiricalRisk f = EmpiricalRisk.of(data(5, false), SquaredLoss.INSTANCE, Reduction.MEAN);
        long steps = 2_345; // progress every 2345 / 200 = 11 steps
        java.util.List<Long> expected = new java.util.ArrayList<>();
        for (long s = 11; s <= steps; s += 11) {
            expected.add(s);
        }
        expected.add(steps);
        // the general loop (full batch) and the single-sample fast path (batch 1, plain SGD) count the same way
        for (boolean single : new boolean[] {false, true}) {
            java.util.List<Long> seen = new java.util.ArrayList<>();
            Trainer.Builder b = Trainer.builder(f, Optimizers.sgd(0.01)).progress((done, total) -> {
                assertEquals(steps, total);
                seen.add(done);
            });
            if (single) {
                b.sampler(Samplers.withReplacement(30, 1, new RandomStream(3)));
            }
            b.build().run(new double[4], steps);
            assertEquals(expected, seen, single ? "single-sample path" : "general loop");
        }
    }

    @Test
    void divergenceNamesStepAndLearningRate() {
        EmpiricalRisk f = EmpiricalRisk.of(data(3, false), SquaredLoss.INSTANCE, Reduction.SUM);
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> Trainer.builder(f, Optimizers.sgd(50.0)).build().run(new double[] {1, 1, 1, 1}, 100_000));
        assertEquals(50.0, e.learningRate(), 0);
        assertTrue(e.getMessage().contains("step " + e.step()) && e.getMessage().contains("50.0"), e.getMessage());
    }

    @Test
    void stepLoopDoesNotAllocatePerStep() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        EmpiricalRisk f = EmpiricalRisk.of(data(4, true), LogisticLoss.INSTANCE, Reduction.MEAN);
        Trainer tr = Trainer.builder(f, Optimizers.nesterov(org.sgdlab.optim.Schedules.constant(0.1), 0.9))
                .sampler(Samplers.shuffledEpochs(30, 4, new RandomStream(1)))
                .probeSchedule(ProbeSchedule.linear(1, 1)).build();
        tr.run(new double[4], 200_000); // warm-up: compile the loop
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        tr.run(new double[4], 10_000);
        long small = mx.getThreadAllocatedBytes(tid) - before;
        before = mx.getThreadAllocatedBytes(tid);
        tr.run(new double[4], 1_010_000);
        long large = mx.getThreadAllocatedBytes(tid) - before;
        // 10⁶ extra steps: any per-step allocation (≥ 16 bytes) would add ≥ 16 MB
        assertTrue(large - small < 1_000_000, "extra bytes for 10^6 more steps: " + (large - small));
    }
}
