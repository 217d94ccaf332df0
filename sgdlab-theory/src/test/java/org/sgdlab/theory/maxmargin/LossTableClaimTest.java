package org.sgdlab.theory.maxmargin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Generators;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.HingeLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.theory.maxmargin.LossTableClaim.Outcome;

/** max-margin.loss-table: row rules and the overall verdict with planted wrong statements, the replay, the quick run. */
class LossTableClaimTest {
    static final double ORACLE = 1e-8;

    @Test
    void rowRules() {
        assertEquals(Outcome.CONFIRMED, LossTableClaim.judgeExponentialTail(Verdict.HOLDS));
        assertEquals(Outcome.REFUTED, LossTableClaim.judgeExponentialTail(Verdict.FAILS));
        assertEquals(Outcome.UNDECIDED, LossTableClaim.judgeExponentialTail(Verdict.INCONCLUSIVE));
        // hinge: stationary at a point 5e-3 rad off ŵ → the source's "→ SVM" is refuted
        assertEquals(Outcome.REFUTED, LossTableClaim.judgeHinge(148, 4.8e-3, true, ORACLE));
        assertEquals(Outcome.CONFIRMED, LossTableClaim.judgeHinge(148, 1e-7, true, ORACLE));
        assertEquals(Outcome.UNDECIDED, LossTableClaim.judgeHinge(-1, 1e-7, true, ORACLE), "∇L = 0 not reached");
        assertEquals(Outcome.UNDECIDED, LossTableClaim.judgeHinge(148, 1e-5, true, ORACLE), "between the thresholds");
        assertEquals(Outcome.UNDECIDED, LossTableClaim.judgeHinge(148, 1e-7, true, 1e-6), "oracle too imprecise");
        // squared hinge: "a different solution"
        assertEquals(Outcome.CONFIRMED, LossTableClaim.judgeSquaredHinge(0.05, true, ORACLE));
        assertEquals(Outcome.REFUTED, LossTableClaim.judgeSquaredHinge(1e-8, true, ORACLE), "planted: it does reach ŵ");
        assertEquals(Outcome.UNDECIDED, LossTableClaim.judgeSquaredHinge(0.05, false, ORACLE), "limit not known yet");
        assertTrue(LossTableClaim.settled(12, 0.3, 0.5), "stationary");
        assertTrue(LossTableClaim.settled(-1, 0.052160, 0.052161));
        assertTrue(!LossTableClaim.settled(-1, 0.062, 0.076), "still turning like 1/ln t");
    }

    @Test
    void theoryRuleForTheTruncatedLosses() {
        // hinge: stopped exactly (∇L = 0) inside the polyhedron → the theory's "stops at the first zero-loss point" confirmed
        assertEquals(Outcome.CONFIRMED, LossTableClaim.judgeStopsInPolyhedron(LossTableClaim.Row.HINGE, 148, true, 1.0));
        assertEquals(Outcome.UNDECIDED, LossTableClaim.judgeStopsInPolyhedron(LossTableClaim.Row.HINGE, -1, false, 0.99),
                "still moving");
        // planted: a run that settles with a margin below 1 stopped where the loss is not 0 → refuted
        assertEquals(Outcome.REFUTED, LossTableClaim.judgeStopsInPolyhedron(LossTableClaim.Row.HINGE, -1, true, 0.5));
        assertEquals(Outcome.REFUTED, LossTableClaim.judgeStopsInPolyhedron(LossTableClaim.Row.SQUARED_HINGE, -1, true, 0.9));
        // squared hinge: a known limit on the polyhedron's boundary (geometric approach) → confirmed
        assertEquals(Outcome.CONFIRMED, LossTableClaim.judgeStopsInPolyhedron(LossTableClaim.Row.SQUARED_HINGE, -1, true,
                1 - 1e-9));
        assertEquals(Outcome.UNDECIDED, LossTableClaim.judgeStopsInPolyhedron(LossTableClaim.Row.SQUARED_HINGE, -1, false,
                1 - 1e-9), "limit not known");
        assertEquals(Outcome.UNDECIDED, LossTableClaim.judgeStopsInPolyhedron(LossTableClaim.Row.SQUARED_HINGE, -1, true,
                1 - 1e-4), "between the thresholds");
    }

    @Test
    void overallVerdict() {
        List<Outcome> confirmed = List.of(Outcome.CONFIRMED, Outcome.CONFIRMED, Outcome.CONFIRMED, Outcome.CONFIRMED);
        assertEquals(Verdict.HOLDS, LossTableClaim.decide(confirmed));
        assertEquals(Verdict.FAILS, LossTableClaim.decide(List.of(Outcome.CONFIRMED, Outcome.REFUTED, Outcome.CONFIRMED)));
        assertEquals(Verdict.FAILS, LossTableClaim.decide(List.of(Outcome.UNDECIDED, Outcome.REFUTED)));
        assertEquals(Verdict.INCONCLUSIVE, LossTableClaim.decide(List.of(Outcome.CONFIRMED, Outcome.UNDECIDED)));
    }

    @Test
    void replayFindsTheFirstStepWithZeroGradient() {
        Generators.SeedExperiment1 exp1 = Generators.seedExperiment1();
        MaxMarginProblem p = new MaxMarginProblem(exp1.data());
        EmpiricalRisk f = EmpiricalRisk.of(exp1.data(), HingeLoss.INSTANCE, Reduction.MEAN);
        double eta = exp1.data().n() / (2 * p.sigmaMaxSquared());
        LossTableClaim.Replay r = LossTableClaim.replay(f, Optimizers.sgd(eta), exp1.initialW(), 100_000);
        assertTrue(r.firstZeroGradientStep() > 0, "hinge GD stops in finite steps");
        assertTrue(f.minMargin(r.w()) >= 1.0, "stopped inside the polyhedron");
        assertEquals(-1, LossTableClaim.replay(f, Optimizers.sgd(eta), exp1.initialW(), r.firstZeroGradientStep() - 1)
                .firstZeroGradientStep(), "not one step earlier");
        // the trainer's iterate at that step is the same point (the replay does the trainer's arithmetic)
        double[] w = org.sgdlab.train.Trainer.builder(f, Optimizers.sgd(eta)).build().run(exp1.initialW(), r.firstZeroGradientStep())
                .params();
        assertEquals(0.0, org.sgdlab.probe.Angles.distance(w, r.w()), 0.0);
    }

    @Test
    void plantedWrongDirectionRefutesTheLogisticRow() {
        MaxMarginProblem p = MaxMarginChecks.problem(ClaimContext.quick(1));
        double[] wrong = RobustnessClaimsTest.rotated(p.wHat(), 0.2);
        EmpiricalRisk f = EmpiricalRisk.of(p.data(), LogisticLoss.INSTANCE, Reduction.MEAN);
        double eta = p.data().n() / (0.25 * p.sigmaMaxSquared());
        MaxMarginRun r = MaxMarginRun.runAgainst("planted", p, f, Optimizers.sgd(eta), Samplers.fullBatch(p.data().n()),
                new double[p.data().d()], wrong, 100_000, ProgressListener.NONE);
        assertEquals(Outcome.REFUTED, LossTableClaim.judgeExponentialTail(MaxMarginVerdict.decideRun(r, Kernels.norm2(wrong))),
                r.toString());
    }

    @Test
    void quickRunJudgesEveryRow() {
        ClaimResult r = new LossTableClaim().check(ClaimContext.quick(1));
        // the verdict judges the theory, which holds; the source's table (hinge row "→ SVM") is the refuted seed statement
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals(Boolean.FALSE, r.sourceStatement().held(), r.sourceStatement().explanation());
        // the source-recipe sentence carries measured numbers, not prose figures
        double minAfterOne = r.numbers().get("seed_recipe.logistic.min_margin_after_step_1");
        double maxAfterOne = r.numbers().get("seed_recipe.logistic.max_margin_after_step_1");
        assertTrue(minAfterOne <= maxAfterOne && minAfterOne > 0, minAfterOne + " " + maxAfterOne);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains(org.sgdlab.theory.Format.g(maxAfterOne))), r.notes().toString());
        assertTrue(r.notes().stream().noneMatch(n -> n.contains("~40")), "no typed-in figure");
        assertEquals(8, r.traces().stream().filter(t -> t.name().equals("loss_table")).findFirst().orElseThrow().column("step").length);
        for (String data : List.of("seed_data", "gaussian")) {
            assertTrue(r.numbers().get(data + ".svm.certified_angle_bound") <= LossTableClaim.SVM_TOLERANCE / 10);
            // hinge GD stops in finite steps on separable data (perceptron argument): this part of the row is a theorem
            assertTrue(r.numbers().get(data + "_hinge.steps_to_zero_gradient") > 0, data);
        }
        assertTrue(!r.plots().isEmpty() && r.sourceStatement() != null);
    }
}
