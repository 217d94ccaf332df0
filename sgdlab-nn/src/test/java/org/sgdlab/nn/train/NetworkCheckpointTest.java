package org.sgdlab.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.nn.probe.LanczosEigensolver;
import org.sgdlab.nn.probe.SharpnessProbe;
import org.sgdlab.nn.probe.WeightNorms;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Schedules;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Probes;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;
import org.sgdlab.train.checkpoint.FieldMap;

/**
 * Networks resume bit for bit too: an MLP with batch norm (running statistics updated by every step) trained by Adam on
 * shuffled minibatches, with the warm-started sharpness probe, checkpointed at step k and continued in a fresh network,
 * objective, optimizer, sampler and probe, ends with the same parameters, trace and running statistics.
 */
class NetworkCheckpointTest {
    static final int STEPS = 40;

    record Setup(Mlp net, NetworkObjective f, Trainer.Builder builder) {
    }

    static Setup setup() {
        RandomStream r = new RandomStream(8);
        Dataset data = new Dataset("nn", new Matrix(12, 3, r.gaussians(new double[36])), r.gaussians(new double[12]));
        Mlp net = Mlp.builder(3).hidden(5).outputs(1).normalization(Mlp.Normalization.BATCH).build();
        NetworkObjective f = new NetworkObjective(net, data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN, true);
        SharpnessProbe sharp = new SharpnessProbe(f.dimension(), new LanczosEigensolver(3), f, 2);
        List<Probe> probes = new ArrayList<>(List.of(Probes.loss()));
        probes.addAll(WeightNorms.all(f.layout()));
        probes.add(sharp);
        probes.add(sharp.residual());
        Trainer.Builder b = Trainer.builder(f, OptimizerCatalog.create("adam", Schedules.constant(0.01), Map.of(), f.dimension()))
                .sampler(Samplers.shuffledEpochs(12, 5, new RandomStream(4))).probes(probes)
                .probeSchedule(ProbeSchedule.linear(STEPS, 3));
        return new Setup(net, f, b);
    }

    @Test
    void anMlpWithBatchNormAndTheSharpnessProbeResumesBitForBit() {
        Setup s = setup();
        double[] w0 = s.net().initialize(new RandomStream(1), 1.0);
        TrainResult whole = s.builder().build().run(w0, STEPS);

        FieldMap[] at = new FieldMap[1];
        Setup c = setup();
        c.builder().checkpoints(13, (step, snapshot) -> {
            if (step == 26) {
                at[0] = snapshot;
            }
        }).build().run(w0, STEPS);
        assertTrue(at[0].has("objective/network/batch_norm1/running_mean"), at[0].values().keySet().toString());
        assertTrue(at[0].namesUnder("probe").stream().anyMatch(n -> n.endsWith("/vector")), "the sharpness probe's state is saved");

        Setup fresh = setup();
        TrainResult resumed = fresh.builder().build().resume(at[0], STEPS);
        assertArrayEquals(whole.params(), resumed.params(), 0.0);
        assertTrue(whole.trace().sameValues(resumed.trace()), "trace differs after resume");
        assertArrayEquals(s.net().batchNormStatistics(1).runningMean(), fresh.net().batchNormStatistics(1).runningMean(), 0.0);
        assertArrayEquals(s.net().batchNormStatistics(1).runningVariance(), fresh.net().batchNormStatistics(1).runningVariance(), 0.0);
        assertEquals(STEPS, resumed.steps());
    }
}
