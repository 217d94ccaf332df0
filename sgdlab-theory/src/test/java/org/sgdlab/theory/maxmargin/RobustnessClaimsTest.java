package org.sgdlab.theory.maxmargin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.train.ProgressListener;

/** The robustness claims: decision functions with planted wrong predictions, and quick runs. */
class RobustnessClaimsTest {

    /** ŵ rotated by {@code angle} rad toward the first coordinate axis (orthogonalized). */
    static double[] rotated(double[] w, double angle) {
        int d = w.length;
        double[] u = new double[d];
        u[0] = 1;
        if (d > 1 && Math.abs(w[0]) > 0.9 * Kernels.norm2(w)) {
            u[0] = 0;
            u[1] = 1;
        }
        double proj = Kernels.dot(u, w) / Kernels.dot(w, w);
        for (int i = 0; i < d; i++) {
            u[i] -= proj * w[i];
        }
        double nu = Kernels.norm2(u);
        double nw = Kernels.norm2(w);
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = Math.cos(angle) * w[i] + Math.sin(angle) * nw * u[i] / nu;
        }
        assertEquals(angle, Angles.between(w, out), 1e-9);
        return out;
    }

    private static MaxMarginRun run(String name, double finalAngle, double before, double limit) {
        return new MaxMarginRun(name, new Trace(name, List.of()), finalAngle, before, -1, limit, 2.0, -1.0, -1, new double[0]);
    }

    @Test
    void lrDecisionCombinesPerRateVerdicts() {
        MaxMarginRun good = run("a", 0.05, 0.08, 0.001);
        MaxMarginRun growing = run("b", 0.08, 0.05, 0.001);
        MaxMarginRun wrongLimit = run("c", 0.05, 0.06, 0.04);
        MaxMarginRun still = run("d", 0.13, 0.13, 0.13);
        boolean[] none = {false, false};
        assertEquals(Verdict.HOLDS, LrRobustnessClaim.decide(List.of(good, good), 2.0, none));
        assertEquals(Verdict.FAILS, LrRobustnessClaim.decide(List.of(good, growing), 2.0, none));
        assertEquals(Verdict.FAILS, LrRobustnessClaim.decide(List.of(good, wrongLimit), 2.0, none));
        assertEquals(Verdict.FAILS, LrRobustnessClaim.decide(List.of(good, still), 2.0, none),
                "an unchanged angle that float64 could have moved");
        assertEquals(Verdict.INCONCLUSIVE, LrRobustnessClaim.decide(List.of(good, still), 2.0, new boolean[] {false, true}),
                "frozen by rounding");
    }

    @Test
    void lrNegativeExtrapolatedLimitIsConsistentWithZero() {
        MaxMarginRun good = run("a", 0.05, 0.08, 0.001);
        // |C| = 0.03 > angle(T)/2 = 0.025: before the fix this was INCONCLUSIVE although the trend goes to 0
        MaxMarginRun negative = run("e", 0.05, 0.08, -0.03);
        MaxMarginRun veryNegative = run("f", 0.05, 0.08, -0.4);
        boolean[] none = {false, false};
        assertEquals(Verdict.HOLDS, LrRobustnessClaim.decideRate(negative, 2.0, false));
        assertEquals(Verdict.HOLDS, LrRobustnessClaim.decideRate(veryNegative, 2.0, false));
        assertEquals(Verdict.HOLDS, LrRobustnessClaim.decide(List.of(good, negative), 2.0, none));
        // a negative limit does not rescue a growing angle, a frozen run, or a run that is not yet asymptotic
        MaxMarginRun growingNegative = run("g", 0.08, 0.05, -0.03);
        assertEquals(Verdict.FAILS, LrRobustnessClaim.decideRate(growingNegative, 2.0, false));
        assertEquals(Verdict.INCONCLUSIVE, LrRobustnessClaim.decideRate(negative, 2.0, true));
        MaxMarginRun notAsymptotic = new MaxMarginRun("h", new Trace("h", List.of()), 0.05, 0.08, -1, -0.03, 2.0, -0.3, -1,
                new double[0]);
        assertEquals(Verdict.INCONCLUSIVE, LrRobustnessClaim.decideRate(notAsymptotic, 2.0, false));
        // planted: a positive limit well above half the final angle still fails
        assertEquals(Verdict.FAILS, LrRobustnessClaim.decideRate(run("i", 0.05, 0.08, 0.04), 2.0, false));
    }

    @Test
    void lrPlantedWrongDirectionFails() {
        Generators.SeedExperiment1 exp = Generators.seedExperiment1();
        MaxMarginProblem p = new MaxMarginProblem(exp.data());
        EmpiricalRisk f = EmpiricalRisk.of(exp.data(), LogisticLoss.INSTANCE, Reduction.SUM);
        double[] wrong = rotated(p.wHat(), 0.2);
        MaxMarginRun planted = MaxMarginRun.runAgainst("planted", p, f, Optimizers.sgd(0.01), Samplers.fullBatch(100),
                exp.initialW(), wrong, 300_000, ProgressListener.NONE);
        assertEquals(Verdict.FAILS, LrRobustnessClaim.decideRate(planted, Kernels.norm2(wrong), false),
                planted.toString());
    }

    @Test
    void lrOscillationCounter() {
        assertEquals(0, LrRobustnessClaim.increases(new double[] {3, 2, 1}));
        assertEquals(2, LrRobustnessClaim.increases(new double[] {3, 4, 1, 2}));
    }

    @Test
    void initDecision() {
        double[] down = {0.01, 0.02};
        double[] up = {0.1, 0.2};
        double[] zero = {0.001, -0.002};
        double[] offTarget = {0.2, 0.001};
        assertEquals(Verdict.HOLDS, InitRobustnessClaim.decide(0.05, 0.08, 0.001, down, up, zero, true));
        assertEquals(Verdict.INCONCLUSIVE, InitRobustnessClaim.decide(0.05, 0.08, 0.04, down, up, zero, false),
                "not asymptotic: the extrapolation is not used");
        assertEquals(Verdict.FAILS, InitRobustnessClaim.decide(0.08, 0.05, 0.001, down, up, zero, true), "spread grows");
        assertEquals(Verdict.FAILS, InitRobustnessClaim.decide(0.05, 0.08, 0.04, down, up, zero, true), "spread → non-zero");
        assertEquals(Verdict.HOLDS, InitRobustnessClaim.decide(0.05, 0.08, -0.03, down, up, zero, true),
                "negative extrapolated spread: faster than 1/ln t");
        assertEquals(Verdict.FAILS, InitRobustnessClaim.decide(0.05, 0.08, 0.001, new double[] {0.21, 0.02}, up,
                offTarget, true), "a run heading to another direction");
        assertEquals(Verdict.FAILS, InitRobustnessClaim.decide(0.05, 0.08, 0.001, up, down, zero, true), "angle grows");
    }

    @Test
    void initPlantedWrongDirectionFails() {
        MaxMarginProblem p = MaxMarginChecks.problem(ClaimContext.quick(1));
        ClaimResult r = InitRobustnessClaim.run(new InitRobustnessClaim(), ClaimContext.quick(1), p,
                rotated(p.wHat(), 0.2));
        assertEquals(Verdict.FAILS, r.verdict(), r.measurement());
    }

    @Test
    void regPathDecision() {
        double[] lambda = RegPathClaim.grid(1);
        double[] converging = new double[lambda.length];
        double[] stuck = new double[lambda.length];
        for (int k = 0; k < lambda.length; k++) {
            double l = Math.log(1 / lambda[k]);
            converging[k] = k == 0 ? 1.0 : 0.5 / l + 1e-4 * Math.sin(k);
            stuck[k] = k == 0 ? 1.0 : 0.2 + 0.5 / l;
        }
        assertEquals(Verdict.HOLDS, RegPathClaim.decide(lambda, converging));
        assertEquals(Verdict.FAILS, RegPathClaim.decide(lambda, stuck), "limit 0.2, not 0");
    }

    @Test
    void regPathPlantedWrongDirectionFails() {
        MaxMarginProblem p = MaxMarginChecks.problem(ClaimContext.quick(1));
        ClaimResult r = RegPathClaim.run(new RegPathClaim(), ClaimContext.quick(1), p,
                rotated(p.wHat(), 0.2));
        assertEquals(Verdict.FAILS, r.verdict(), r.measurement());
    }

    @Test
    void quickRunsDoNotFail() {
        List<Claim> claims = List.of(new LrRobustnessClaim(), new InitRobustnessClaim(), new RegPathClaim());
        assertEquals(List.of("max-margin.lr-robustness", "max-margin.init-robustness", "max-margin.reg-path"),
                claims.stream().map(Claim::id).toList());
        for (Claim c : claims) {
            ClaimResult r = c.check(ClaimContext.quick(1));
            assertNotEquals(Verdict.FAILS, r.verdict(), c.id() + ": " + r.measurement());
            assertTrue(!r.plots().isEmpty() && !r.traces().isEmpty());
        }
    }
}
