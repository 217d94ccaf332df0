package org.sgdlab.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.Losses;
import org.sgdlab.model.LinearModel;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Transform;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Probes;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;
import org.sgdlab.train.checkpoint.CheckpointFile;
import org.sgdlab.train.checkpoint.FieldMap;

/**
 * Checkpoint, restore, continue: for every optimizer of the catalog (every Transform and Chain state it builds) and
 * every sampler, a run saved at step k and resumed in a fresh trainer (fresh optimizer, sampler and random stream,
 * through the checkpoint file format) ends with the same bits, parameters and trace, as the uninterrupted run.
 */
class CatalogCheckpointTest {
    static final int STEPS = 60;
    static final int EVERY = 17;

    static Stream<Arguments> entriesAndSamplers() {
        List<Arguments> a = new ArrayList<>();
        for (OptimizerEntry e : OptimizerCatalog.all()) {
            for (String sampler : List.of("with-replacement:1", "with-replacement:3", "shuffled:3", "in-order:2", "full:8")) {
                a.add(Arguments.of(e.name(), sampler));
            }
        }
        return a.stream();
    }

    /** Squared loss on 8 scaled Gaussian samples in 4 dimensions: a finite sum, so minibatches and samplers matter. */
    static EmpiricalRisk objective() {
        RandomStream r = new RandomStream(5);
        double[] x = r.gaussians(new double[8 * 4]);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 0.5; // every catalog setting's step size stays stable on it
        }
        double[] y = r.gaussians(new double[8]);
        return new EmpiricalRisk(new Dataset("ck", new Matrix(8, 4, x), y), new LinearModel(4, false), Losses.byName("squared"),
                Reduction.MEAN);
    }

    static Trainer.Builder trainer(String name, String sampler) {
        OptimizerCatalogContractTest.Setting s = OptimizerCatalogContractTest.SETTINGS.get(name);
        Transform opt = OptimizerCatalog.create(name, s.lr(), s.hp(), 4);
        String[] kb = sampler.split(":");
        EmpiricalRisk f = objective();
        return Trainer.builder(f, opt)
                .sampler(Samplers.byName(kb[0], 8, Integer.parseInt(kb[1]), new RandomStream(42).split(1)))
                .probes(Probes.loss(), Probes.norm(), Probes.gradientNorm(4))
                .probeSchedule(ProbeSchedule.linear(STEPS, 7));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("entriesAndSamplers")
    void resumedRunHasTheSameBitsAsTheUninterruptedOne(String name, String sampler, @TempDir Path dir) throws Exception {
        double[] start = OptimizerCatalogContractTest.SETTINGS.get(name).start();
        TrainResult whole = trainer(name, sampler).build().run(start, STEPS);

        List<Long> saved = new ArrayList<>();
        TrainResult checkpointed = trainer(name, sampler).checkpoints(EVERY, (step, snapshot) -> {
            saved.add(step);
            if (step == 2 * EVERY) {
                CheckpointFile.write(dir, snapshot);
            }
        }).build().run(start, STEPS);
        assertEquals(List.of((long) EVERY, 2L * EVERY, 3L * EVERY), saved);
        assertArrayEquals(whole.params(), checkpointed.params(), 0.0, "checkpointing changed the run");

        FieldMap snapshot = CheckpointFile.read(dir);
        assertFalse(snapshot.namesUnder("optimizer").isEmpty() && snapshot.namesUnder("sampler").isEmpty(),
                "the snapshot holds neither optimizer nor sampler state");
        TrainResult resumed = trainer(name, sampler).build().resume(snapshot, STEPS);
        assertArrayEquals(whole.params(), resumed.params(), 0.0, name + " " + sampler + ": parameters differ after resume");
        assertTrue(whole.trace().sameValues(resumed.trace()), name + " " + sampler + ": trace differs after resume");
        assertEquals(STEPS, resumed.steps());
    }
}
