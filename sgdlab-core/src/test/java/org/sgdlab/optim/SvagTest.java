package org.sgdlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.Losses;
import org.sgdlab.model.LinearModel;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.Trainer;

/** SVAG's weights, its update, and the Trainer's delivery of two independent batches per step. */
class SvagTest {
    static EmpiricalRisk objective() {
        RandomStream r = new RandomStream(5);
        double[] x = r.gaussians(new double[12 * 3]);
        double[] y = r.gaussians(new double[12]);
        return new EmpiricalRisk(new Dataset("svag", new Matrix(12, 3, x), y), new LinearModel(3, false), Losses.byName("squared"),
                Reduction.MEAN);
    }

    @Test
    void weightsSumToOneAndTheirSquaresToL() {
        for (double l : new double[] {0.5, 1, 2, 8, 32}) {
            Svag s = new Svag(Schedules.constant(0.1), l);
            assertEquals(1.0, s.firstWeight() + s.secondWeight(), 1e-15, "r1 + r2 at l = " + l);
            assertEquals(l, s.firstWeight() * s.firstWeight() + s.secondWeight() * s.secondWeight(), 1e-13 * l, "r1² + r2² at l = " + l);
        }
        Svag one = new Svag(Schedules.constant(0.1), 1);
        assertEquals(1.0, one.firstWeight());
        assertEquals(0.0, one.secondWeight());
    }

    @Test
    void theTrainerHandsTwoConsecutiveBatchesAndTheUpdateIsMinusEtaOverLTimesGHat() {
        EmpiricalRisk f = objective();
        double l = 8;
        double eta = 0.4;
        Svag svag = new Svag(Schedules.constant(eta), l);
        double[] w0 = {0.3, -0.2, 0.5};
        int steps = 25;
        double[] trained = Trainer.builder(f, svag).sampler(Samplers.withReplacement(12, 2, new RandomStream(7))).build()
                .run(w0, steps).params();
        // the same run by hand: batch 1, batch 2 from one sampler, ĝ = r1 g1 + r2 g2, w ← w − (η/ℓ) ĝ
        Sampler s = Samplers.withReplacement(12, 2, new RandomStream(7));
        double[] w = w0.clone();
        int[] b1 = new int[2];
        int[] b2 = new int[2];
        double[] g1 = new double[3];
        double[] g2 = new double[3];
        double r1 = svag.firstWeight();
        double r2 = svag.secondWeight();
        for (int t = 0; t < steps; t++) {
            f.minibatchGradient(w, b1, s.nextBatch(b1), g1);
            f.minibatchGradient(w, b2, s.nextBatch(b2), g2);
            for (int i = 0; i < 3; i++) {
                w[i] += -(eta / l) * (r1 * g1[i] + r2 * g2[i]);
            }
        }
        assertArrayEquals(w, trained, 0.0);
    }

    @Test
    void fullBatchSvagIsGradientDescentAtEtaOverL() {
        EmpiricalRisk f = objective();
        double[] w0 = {0.3, -0.2, 0.5};
        double[] svag = Trainer.builder(f, new Svag(Schedules.constant(0.8), 4)).build().run(w0, 50).params();
        double[] gd = Trainer.builder(f, Optimizers.byName("sgd", Map.of("lr", 0.2))).build().run(w0, 50).params();
        assertArrayEquals(gd, svag, 1e-13);
        // l = 1 is SGD bit for bit (r1 = 1, r2 = 0)
        double[] one = Trainer.builder(f, new Svag(Schedules.constant(0.2), 1)).build().run(w0, 50).params();
        assertArrayEquals(gd, one, 0.0);
    }

    @Test
    void catalogEntryAndBadAmplification() {
        Transform t = OptimizerCatalog.create("svag", Schedules.constant(0.1), Map.of("l", 8.0), 3);
        assertTrue(t instanceof Svag && t.describe().contains("l=8.0"), t.describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Svag(Schedules.constant(0.1), 0.3));
        assertTrue(e.getMessage().contains("0.3") && e.getMessage().contains("l"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OptimizerCatalog.create("svag", Schedules.constant(0.1),
                Map.of("l", Double.NaN), 3));
        assertTrue(e.getMessage().contains("NaN") || e.getMessage().contains("needs"), e.getMessage());
    }
}
