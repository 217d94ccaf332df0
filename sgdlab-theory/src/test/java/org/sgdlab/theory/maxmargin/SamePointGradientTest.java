package org.sgdlab.theory.maxmargin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdlab.loss.MarginLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Objective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.Trace;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.SamePointGradient;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * The remembered gradient of a run that stops moving (max-margin.loss-table's hinge rows) against recomputing it at every
 * step: the same parameters and trace bit for bit, with most gradients answered from memory.
 */
class SamePointGradientTest {

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    private static TrainResult gd(Objective f, EmpiricalRisk probed, double eta, MaxMarginProblem p, long steps) {
        return Trainer.builder(f, Optimizers.sgd(eta)).sampler(Samplers.fullBatch(p.data().n()))
                .probes(List.of(Probe.of("log_loss", (t, w, o) -> probed.logValue(w)), Probe.of("w0", (t, w, o) -> w[0])))
                .build().run(new double[p.data().d()], steps);
    }

    @ParameterizedTest
    @EnumSource(value = LossTableClaim.Row.class, names = {"HINGE", "SQUARED_HINGE", "LOGISTIC"})
    void rememberedGradientsGiveTheRecomputedRunsBits(LossTableClaim.Row row) {
        MaxMarginProblem p = MaxMarginChecks.problem(ClaimContext.quick(1));
        MarginLoss loss = row.loss;
        double eta = p.data().n() / (row.curvature * p.sigmaMaxSquared());
        long steps = 30_000;
        EmpiricalRisk plain = EmpiricalRisk.of(p.data(), loss, Reduction.MEAN);
        TrainResult want = gd(plain, plain, eta, p, steps);
        EmpiricalRisk inner = EmpiricalRisk.of(p.data(), loss, Reduction.MEAN);
        SamePointGradient remembered = new SamePointGradient(inner);
        TrainResult got = gd(remembered, inner, eta, p, steps);
        assertArrayEquals(bits(want.params()), bits(got.params()), "final w");
        Trace a = want.trace();
        Trace b = got.trace();
        assertEquals(a.size(), b.size());
        for (int r = 0; r < a.size(); r++) {
            assertArrayEquals(bits(a.row(r)), bits(b.row(r)), "probe row " + r);
        }
        if (row == LossTableClaim.Row.HINGE) {
            // ∇L = 0 after ~100 steps: from then on every gradient comes from memory
            assertTrue(remembered.reusedCalls() > steps - 1000, remembered.reusedCalls() + " of " + steps + " remembered");
        }
        if (row == LossTableClaim.Row.LOGISTIC) {
            assertEquals(0, remembered.reusedCalls(), "an exponentially tailed run keeps moving");
        }
    }

    @ParameterizedTest
    @EnumSource(value = LossTableClaim.Row.class, names = {"HINGE", "SQUARED_HINGE"})
    void maxMarginRunsOfHingeLossesGiveTheUnwrappedTrainersBits(LossTableClaim.Row row) {
        MaxMarginProblem p = MaxMarginChecks.problem(ClaimContext.quick(1));
        double eta = p.data().n() / (row.curvature * p.sigmaMaxSquared());
        EmpiricalRisk f = EmpiricalRisk.of(p.data(), row.loss, Reduction.MEAN);
        long steps = 20_000;
        MaxMarginRun r = MaxMarginRun.run("h", p, f, Optimizers.sgd(eta), Samplers.fullBatch(p.data().n()),
                new double[p.data().d()], steps, ProgressListener.NONE);
        double[] want = Trainer.builder(EmpiricalRisk.of(p.data(), row.loss, Reduction.MEAN), Optimizers.sgd(eta)).build()
                .run(new double[p.data().d()], steps).params();
        assertArrayEquals(bits(want), bits(r.finalParams()));
    }

    /**
     * max-margin.lr-robustness's runs on the source's summed logistic loss: lr 10 freezes in float64 after its first steps,
     * lr 0.01 keeps moving; remembering the gradient ({@link MaxMarginRun#runRemembering}) gives the recomputing run's
     * trace and final w bit for bit.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(doubles = {0.01, 10})
    void lrRobustnessRunsRememberingGradientsGiveTheRecomputedBits(double lr) {
        org.sgdlab.data.Generators.SeedExperiment1 exp = org.sgdlab.data.Generators.seedExperiment1();
        MaxMarginProblem p = new MaxMarginProblem(exp.data());
        EmpiricalRisk f = EmpiricalRisk.of(exp.data(), org.sgdlab.loss.LogisticLoss.INSTANCE, Reduction.SUM);
        long steps = 20_000;
        MaxMarginRun want = MaxMarginRun.run("r", p, f, Optimizers.sgd(lr), Samplers.fullBatch(exp.data().n()), exp.initialW(),
                steps, ProgressListener.NONE, LrRobustnessClaim.SOURCE_STEPS);
        MaxMarginRun got = MaxMarginRun.runRemembering("r", p, f, Optimizers.sgd(lr), Samplers.fullBatch(exp.data().n()),
                exp.initialW(), steps, ProgressListener.NONE, LrRobustnessClaim.SOURCE_STEPS);
        assertArrayEquals(bits(want.finalParams()), bits(got.finalParams()), "final w");
        assertTrue(want.trace().sameValues(got.trace()), "the probes' bits");
    }
}
