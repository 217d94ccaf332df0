package org.sgdlab.theory.maxmargin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Generators;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.Fit;
import org.sgdlab.train.ProgressListener;

/** Verdict logic of the max-margin claims, including planted wrong predictions. */
class MaxMarginClaimsTest {
    private static MaxMarginRun run(double finalAngle, double before, double limit, double normGrowth, double lossRate) {
        return new MaxMarginRun("r", new Trace("r", List.of()), finalAngle, before, -1, limit, normGrowth, lossRate, -1,
                new double[0]);
    }

    @Test
    void verdictTable() {
        assertEquals(Verdict.HOLDS, MaxMarginVerdict.decide(List.of(run(0.05, 0.08, 0.001, 2.0, -1.0)), 2.1));
        assertEquals(Verdict.FAILS, MaxMarginVerdict.decide(List.of(run(0.08, 0.05, 0.001, 2.0, -1.0)), 2.1), "angle grows");
        assertEquals(Verdict.FAILS, MaxMarginVerdict.decide(List.of(run(0.05, 0.06, 0.04, 2.0, -1.0)), 2.1),
                "the angle extrapolates to a non-zero limit");
        assertEquals(Verdict.INCONCLUSIVE, MaxMarginVerdict.decide(List.of(run(0.05, 0.08, 0.001, 1.0, -1.0)), 2.1),
                "norm growth far from ‖ŵ‖: not asymptotic yet");
        assertEquals(Verdict.INCONCLUSIVE, MaxMarginVerdict.decide(List.of(run(0.05, 0.08, 0.001, 2.0, -0.3)), 2.1),
                "loss not yet ~ 1/t");
    }

    @Test
    void plantedWrongDirectionFails() {
        MaxMarginProblem p = new MaxMarginProblem(Generators.separableGaussians(30, 3, 0.3, 2));
        EmpiricalRisk f = EmpiricalRisk.of(p.data(), LogisticLoss.INSTANCE, Reduction.MEAN);
        double eta = MaxMarginChecks.gdStep(p, LogisticLoss.INSTANCE);
        // rotate ŵ by 0.2 rad inside the plane of ŵ and a fixed orthogonal direction
        double[] w = p.wHat();
        double[] u = {1, 0, 0};
        double proj = Kernels.dot(u, w) / Kernels.dot(w, w);
        for (int i = 0; i < 3; i++) {
            u[i] -= proj * w[i];
        }
        double nu = Kernels.norm2(u);
        double nw = Kernels.norm2(w);
        double[] wrong = new double[3];
        for (int i = 0; i < 3; i++) {
            wrong[i] = Math.cos(0.2) * w[i] + Math.sin(0.2) * nw * u[i] / nu;
        }
        assertEquals(0.2, Angles.between(w, wrong), 1e-12);
        MaxMarginRun planted = MaxMarginRun.runAgainst("planted", p, f, Optimizers.sgd(eta), Samplers.fullBatch(30), new double[3],
                wrong, 200_000, ProgressListener.NONE);
        assertEquals(Verdict.FAILS, MaxMarginVerdict.decide(List.of(planted), nw), planted.toString());
        MaxMarginRun right = MaxMarginRun.run("right", p, f, Optimizers.sgd(eta), Samplers.fullBatch(30), new double[3], 200_000,
                ProgressListener.NONE);
        assertTrue(right.finalAngle() < right.angleTwoDecadesBefore());
        assertFalse(MaxMarginVerdict.decide(List.of(right), nw) == Verdict.FAILS);
    }

    @Test
    void supportVectorRule() {
        Fit decaying = new Fit(-0.2, 0, 0.01, 20);
        assertEquals(Verdict.HOLDS, SupportVectorsClaim.decide(true, decaying, 0.05, 3.0, 0.95, 0.9));
        assertEquals(Verdict.FAILS, SupportVectorsClaim.decide(true, decaying, 0.05, 3.0, 0.85, 0.9));
        assertEquals(Verdict.INCONCLUSIVE, SupportVectorsClaim.decide(true, decaying, 0.5, 3.0, 0.95, 0.9),
                "slope outside the envelope");
        assertEquals(Verdict.INCONCLUSIVE, SupportVectorsClaim.decide(true, new Fit(-0.2, 0, 0.1, 20), 0.05, 3, 0.95, 0.9),
                "decay not significant");
    }

    @Test
    void seedNumberReading() {
        assertTrue(SourceExperiment1Claim.sourceNumberHeld(0.0012));
        assertFalse(SourceExperiment1Claim.sourceNumberHeld(0.087));
        assertFalse(SourceExperiment1Claim.sourceNumberHeld(0.0001));
    }

    @Test
    void seedExp1AngleAt5000IsMeasuredAtStep5000() {
        org.sgdlab.report.ClaimResult r = new SourceExperiment1Claim().check(org.sgdlab.theory.ClaimContext.quick(1));
        Generators.SeedExperiment1 exp = Generators.seedExperiment1();
        EmpiricalRisk f = EmpiricalRisk.of(exp.data(), LogisticLoss.INSTANCE, Reduction.SUM);
        double[] w5000 = org.sgdlab.train.Trainer.builder(f, Optimizers.sgd(0.1)).sampler(Samplers.fullBatch(100)).build()
                .run(exp.initialW(), SourceExperiment1Claim.SOURCE_STEPS).params();
        double expected = Angles.between(w5000, new MaxMarginProblem(exp.data()).wHat());
        assertEquals(expected, r.numbers().get("angle_to_homogeneous_svm_at_5000"), 1e-15 * expected);
    }

    @Test
    void valueAtReadsOnlyAProbedStep() {
        double[] steps = {0, 1, 3981, 5012, 10_000};
        double[] values = {5, 4, 3, 2, 1};
        assertEquals(3, MaxMarginRun.valueAt(steps, values, 3981));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MaxMarginRun.valueAt(steps, values, 5000));
        assertTrue(e.getMessage().contains("5000"), e.getMessage());
        long[] s = MaxMarginRun.schedule(1_234_567, 5000).steps();
        assertTrue(java.util.Arrays.binarySearch(s, 12_345) >= 0 && java.util.Arrays.binarySearch(s, 123_456) >= 0
                && java.util.Arrays.binarySearch(s, 5000) >= 0, "T/100, T/10 and the labelled step are probed");
    }
}
