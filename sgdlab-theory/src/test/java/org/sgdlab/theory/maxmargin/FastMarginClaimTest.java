package org.sgdlab.theory.maxmargin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;

/** max-margin.fast: the decision table with planted failures, GD's extrapolation, a planted wrong ŵ, the quick run. */
class FastMarginClaimTest {
    private static FastMarginClaim.MethodRun run(long reached, double finalAngle, double early) {
        return new FastMarginClaim.MethodRun("m", 1_000_000, reached, finalAngle, early, -1, new Trace("m", List.of()));
    }

    @Test
    void decisionTable() {
        FastMarginClaim.MethodRun fast = run(20_000, 1e-9, 1e-5);
        FastMarginClaim.MethodRun slowButConverging = run(-1, 5e-6, 5e-4);
        FastMarginClaim.MethodRun stuck = run(-1, 0.2, 0.2);
        FastMarginClaim.MethodRun notFaster = run(900_000, 9e-7, 1e-4);
        double gd = 4e5; // log10 of GD's extrapolated steps
        double oracle = 1e-8;
        assertEquals(Verdict.HOLDS, FastMarginClaim.decide(List.of(fast, fast), gd, oracle));
        assertEquals(Verdict.INCONCLUSIVE, FastMarginClaim.decide(List.of(fast, slowButConverging), gd, oracle), "budget too small");
        assertEquals(Verdict.FAILS, FastMarginClaim.decide(List.of(fast, stuck), gd, oracle), "planted: a method heading elsewhere");
        assertEquals(Verdict.FAILS, FastMarginClaim.decide(List.of(fast, notFaster), 7.5, oracle), "planted: not 100× faster than GD");
        assertEquals(Verdict.HOLDS, FastMarginClaim.decide(List.of(fast, notFaster), 8.5, oracle));
        assertEquals(Verdict.INCONCLUSIVE, FastMarginClaim.decide(List.of(fast), gd, 1e-6), "oracle too imprecise for 1e-6");
        assertEquals(Verdict.INCONCLUSIVE, FastMarginClaim.decide(List.of(fast), gd, Double.NaN));
    }

    @Test
    void gdExtrapolationFollowsTheFittedTrend() {
        // angle = A (ln t)^p with angle(1e6) = 0.07, p = −1: ln t* = ln(1e6)·0.07/1e-6
        double want = Math.log(1e6) * 0.07 / 1e-6 / Math.log(10);
        assertEquals(want, FastMarginClaim.log10ExtrapolatedSteps(0.07, 1_000_000, -1), 1e-9 * want);
        assertEquals(Double.POSITIVE_INFINITY, FastMarginClaim.log10ExtrapolatedSteps(0.07, 1_000_000, 0.1));
        assertEquals(6, FastMarginClaim.log10ExtrapolatedSteps(1e-7, 1_000_000, -1), 1e-12, "already below the target");
        // a method's own t^k trend: angle 5e-6 at 1e6 falling like 1/t reaches 1e-6 at 5e6
        assertEquals(5e6, FastMarginClaim.extrapolatedPowerSteps(5e-6, 1_000_000, -1), 1e-3);
        assertEquals(Double.POSITIVE_INFINITY, FastMarginClaim.extrapolatedPowerSteps(5e-6, 1_000_000, 0));
    }

    @Test
    void mergeByStepFillsMissingProbesWithNaN() {
        Trace a = new Trace("a", List.of("angle"));
        a.add(new double[] {0, 1});
        a.add(new double[] {10, 0.5});
        Trace b = new Trace("b", List.of("angle"));
        b.add(new double[] {0, 2});
        b.add(new double[] {5, 1.5});
        b.add(new double[] {10, 1});
        Trace m = FastMarginClaim.mergeByStep("angle", List.of(a, b), "angle");
        assertEquals(List.of(0.0, 5.0, 10.0), java.util.Arrays.stream(m.column("step")).boxed().toList());
        assertTrue(Double.isNaN(m.column("a")[1]));
        assertEquals(0.5, m.column("a")[2]);
        assertEquals(1.5, m.column("b")[1]);
    }

    @Test
    void plantedWrongDirectionFails() {
        MaxMarginProblem p = MaxMarginChecks.problem(ClaimContext.quick(1));
        ClaimResult r = FastMarginClaim.run(new FastMarginClaim(), ClaimContext.quick(1), p, RobustnessClaimsTest.rotated(p.wHat(), 0.2));
        assertEquals(Verdict.FAILS, r.verdict(), r.measurement());
    }

    @Test
    void quickRunMeasures() {
        ClaimResult r = new FastMarginClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertTrue(r.numbers().get("svm.certified_angle_bound") <= FastMarginClaim.TARGET / 10);
        assertTrue(r.numbers().get("dual_accelerated_exponential.steps_to_target") > 0, "the accelerated method reaches 1e-6 in quick");
        // normalized GD needs millions of steps, the accelerated method tens of thousands
        assertTrue(r.numbers().get("ngd_exponential.steps_to_target") > 100 * r.numbers().get("dual_accelerated_exponential.steps_to_target"),
                r.measurement());
        assertTrue(!r.plots().isEmpty() && !r.traces().isEmpty());
    }
}
