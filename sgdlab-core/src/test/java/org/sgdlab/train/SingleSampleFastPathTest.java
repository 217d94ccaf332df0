package org.sgdlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.Simd;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.Losses;
import org.sgdlab.model.LinearModel;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.ForwardingObjective;
import org.sgdlab.objective.FusedSampleStep;
import org.sgdlab.objective.Objective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Chain;
import org.sgdlab.optim.ClipByValue;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.optim.ScaleByLearningRate;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.Transform;
import org.sgdlab.probe.Probes;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;

/**
 * The trainer's single-sample SGD fast path (fused dot + update, no gradient buffer) against the
 * general step loop as its naive reference: same bits, same traces, same divergence reports.
 */
class SingleSampleFastPathTest {
    /** Counts the fused steps the trainer takes (each call delegates to the wrapped risk). */
    private static final class Counting extends ForwardingObjective implements FusedSampleStep {
        final EmpiricalRisk f;
        long fused;

        Counting(EmpiricalRisk f) {
            super(f);
            this.f = f;
        }

        @Override
        public double sampleStep(double[] w, int i, double alpha) {
            fused++;
            return f.sampleStep(w, i, alpha);
        }

        @Override
        public boolean supportsStepAhead() {
            return f.supportsStepAhead();
        }

        @Override
        public double samplePrediction(double[] w, int i) {
            return f.samplePrediction(w, i);
        }

        @Override
        public double sampleStepAhead(double[] w, int i, double p, double alpha, int next) {
            fused++;
            return f.sampleStepAhead(w, i, p, alpha, next);
        }
    }

    private static Dataset data(int n, int d, boolean binary, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = binary ? (r.nextDouble() < 0.5 ? -1 : 1) : r.nextGaussian();
        }
        double[] x = r.gaussians(new double[n * d]);
        x[3] = 0.0; // exact zeros in the data exercise the signs of zero
        x[7] = -0.0;
        return new Dataset("f", new Matrix(n, d, x), y);
    }

    private static TrainResult run(Objective f, Transform opt, Sampler s, long steps) {
        return Trainer.builder(f, opt).sampler(s).probes(Probes.loss(), Probes.norm()).build()
                .run(new double[f.dimension()], steps);
    }

    /**
     * d = 5 takes {@code sampleStep}; d = 16 and 37 take the step-ahead kernel when the SIMD kernels are on
     * ({@code FusedSampleStep.sampleStepAhead}: the update fused with the next dot), with 37 = 2·16 + 4 + 1 reaching every
     * part of its loop.
     */
    @ParameterizedTest
    @ValueSource(ints = {5, 16, 37})
    void fusedStepGivesTheSameBitsAsTheGeneralLoop(int d) {
        long seed = 1;
        for (String lossName : List.of("logistic", "squared", "hinge", "exponential", "squared-hinge")) {
            for (Reduction red : Reduction.values()) {
                for (boolean intercept : new boolean[] {false, true}) {
                    Loss loss = Losses.byName(lossName);
                    Dataset data = data(40, d, loss.needsBinaryLabels(), seed++);
                    EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(d, intercept), loss, red);
                    assertEquals(Simd.ENABLED && d >= Kernels.SIMD_DOT_MIN, f.supportsStepAhead());
                    double eta = (red == Reduction.SUM ? 0.002 : 0.05) * 5.0 / d;
                    for (boolean shuffled : new boolean[] {false, true}) {
                        TrainResult[] r = new TrainResult[2];
                        for (int k = 0; k < 2; k++) {
                            Sampler s = shuffled ? Samplers.shuffledEpochs(40, 1, new RandomStream(seed))
                                    : Samplers.withReplacement(40, 1, new RandomStream(seed));
                            Transform opt = Optimizers.sgd(Schedules.inverseSqrt(eta, 10));
                            r[k] = run(k == 0 ? f : new ForwardingObjective(f), opt, s, 700);
                        }
                        String what = lossName + " " + red + (intercept ? " +b" : "") + (shuffled ? " shuffled" : " iid");
                        assertArrayEquals(r[1].params(), r[0].params(), 0.0, what);
                        assertEquals(r[1].trace().size(), r[0].trace().size(), what);
                        for (int i = 0; i < r[0].trace().size(); i++) {
                            assertArrayEquals(r[1].trace().row(i), r[0].trace().row(i), 0.0, what + " trace row " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void fastPathOnlyForPlainSgd() {
        ScaleByLearningRate step = new ScaleByLearningRate(Schedules.constant(0.1));
        assertTrue(Optimizers.sgd(0.1).isPlainSgd());
        assertTrue(step.isPlainSgd());
        assertTrue(Chain.of(step).isPlainSgd());
        assertFalse(Chain.of(step, step).isPlainSgd(), "two factors round twice per entry");
        assertFalse(Chain.of(new ClipByValue(1.0), step).isPlainSgd());
        assertFalse(Optimizers.momentum(Schedules.constant(0.1), 0.9).isPlainSgd());
        assertFalse(Optimizers.adam(0.1).isPlainSgd());
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 37})
    void theTrainerTakesTheFusedStepExactlyForPlainSgdAtBatchSizeOne(int d) {
        EmpiricalRisk risk = new EmpiricalRisk(data(30, d, true, 3), new LinearModel(d, false), Losses.byName("logistic"),
                Reduction.MEAN);
        Counting f = new Counting(risk);
        run(f, Optimizers.sgd(0.1), Samplers.withReplacement(30, 1, new RandomStream(1)), 50);
        assertEquals(50, f.fused, "plain SGD, batch 1: one fused step per step");
        f.fused = 0;
        run(f, Optimizers.momentum(Schedules.constant(0.1), 0.9), Samplers.withReplacement(30, 1, new RandomStream(1)), 50);
        run(f, Optimizers.sgd(0.1), Samplers.withReplacement(30, 2, new RandomStream(1)), 50);
        run(f, Optimizers.sgd(0.1), Samplers.fullBatch(30), 50);
        assertEquals(0, f.fused, "momentum, batch 2 and full batch take the general loop");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 20})
    void divergenceIsReportedAtTheSameStepWithTheSameLearningRate(int d) {
        Dataset data = data(20, d, false, 99);
        for (double eta : new double[] {30.0, 3.0}) {
            EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(d, true), Losses.byName("squared"), Reduction.MEAN);
            DivergenceException[] e = new DivergenceException[2];
            for (int k = 0; k < 2; k++) {
                Objective o = k == 0 ? f : new ForwardingObjective(f);
                e[k] = assertThrows(DivergenceException.class, () -> run(o,
                        Optimizers.sgd(Schedules.inverseTime(eta, 1000)), Samplers.withReplacement(20, 1, new RandomStream(5)),
                        100_000));
            }
            assertEquals(e[1].step(), e[0].step(), "eta " + eta);
            assertEquals(e[1].learningRate(), e[0].learningRate(), 0.0, "eta " + eta);
        }
    }
}
