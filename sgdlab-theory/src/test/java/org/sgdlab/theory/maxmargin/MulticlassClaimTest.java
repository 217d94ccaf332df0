package org.sgdlab.theory.maxmargin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.train.ProgressListener;

/** max-margin.multiclass: the verdict on planted wrong predictions (must FAIL) and the quick run (must HOLD). */
class MulticlassClaimTest {
    private static MaxMarginRun run(double finalAngle, double before, double limit, double normGrowth, double lossRate) {
        return new MaxMarginRun("r", new Trace("r", List.of()), finalAngle, before, -1, limit, normGrowth, lossRate, -1,
                new double[0]);
    }

    @Test
    void verdictTableOverGdAndSgdRuns() {
        MaxMarginRun good = run(0.13, 0.17, 0.02, 0.50, -0.98);
        assertEquals(Verdict.HOLDS, MaxMarginVerdict.decide(List.of(good, run(0.14, 0.19, 0.03, 0.49, -0.97)), 0.526));
        assertEquals(Verdict.FAILS, MaxMarginVerdict.decide(List.of(good, run(0.19, 0.14, 0.03, 0.49, -0.97)), 0.526),
                "one SGD run's angle grows");
        assertEquals(Verdict.FAILS, MaxMarginVerdict.decide(List.of(good, run(0.55, 0.60, 0.45, 0.49, -0.97)), 0.526),
                "heading to another direction (the one-vs-rest stack is ~0.5 rad away)");
        assertEquals(Verdict.INCONCLUSIVE, MaxMarginVerdict.decide(List.of(good, run(0.14, 0.19, 0.03, 0.30, -0.97)), 0.526),
                "‖W‖_F not yet growing like ‖Ŵ‖_F ln t");
    }

    private static MaxMarginRun gdAgainst(MulticlassProblem p, double[] target, long steps) {
        return MulticlassClaim.run("gd", p, target, null, Optimizers.sgd(p.gdStep()), Samplers.fullBatch(p.data().n()), steps,
                ProgressListener.NONE);
    }

    @Test
    void plantedOneVsRestPredictionFails() {
        MulticlassProblem p = MulticlassProblem.standard(1);
        double[] ovr = p.oneVsRest();
        assertNotNull(ovr, "class k vs the rest is separable through the origin for seed 1");
        assertTrue(Angles.between(ovr, p.wHat()) > 0.5);
        MaxMarginRun planted = gdAgainst(p, ovr, 200_000);
        assertEquals(Verdict.FAILS, MaxMarginVerdict.decide(List.of(planted), Kernels.norm2(ovr)),
                planted.toString());
        MaxMarginRun right = gdAgainst(p, p.wHat(), 200_000);
        assertTrue(right.finalAngle() < right.angleTwoDecadesBefore(), right.toString());
        assertNotEquals(Verdict.FAILS, MaxMarginVerdict.decide(List.of(right), p.wHatNorm()), right.toString());
    }

    @Test
    void plantedRotatedPredictionFails() {
        MulticlassProblem p = MulticlassProblem.standard(2);
        double[] wrong = RobustnessClaimsTest.rotated(p.wHat(), 0.2);
        MaxMarginRun planted = gdAgainst(p, wrong, 200_000);
        assertEquals(Verdict.FAILS, MaxMarginVerdict.decide(List.of(planted), p.wHatNorm()), planted.toString());
    }

    @Test
    void quickRunHolds() {
        ClaimResult r = new MulticlassClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        Map<String, Double> x = r.numbers();
        assertTrue(x.get("svm.kkt_residual") <= 1e-10, x.toString());
        for (String run : List.of("gd", "sgd_seed0")) {
            assertTrue(x.get(run + ".sv_share_final") > x.get(run + ".sv_share_at_T_over_100"), run + " " + x);
            assertTrue(x.get(run + ".angle_to_one_vs_rest_final") > 3 * x.get(run + ".final_angle"), run + " " + x);
        }
        assertEquals(Boolean.TRUE, r.sourceStatement().held());
        assertTrue(r.plots().stream().anyMatch(pl -> pl.fileName().equals("angle.png")));
        assertTrue(MaxMarginClaims.all().stream().anyMatch(c -> c.id().equals(new MulticlassClaim().id())));
    }
}
