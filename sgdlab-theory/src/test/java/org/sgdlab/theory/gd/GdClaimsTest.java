package org.sgdlab.theory.rates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.optim.Chain;
import org.sgdlab.optim.ScaleByLearningRate;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.State;
import org.sgdlab.problems.Quadratic;
import org.sgdlab.problems.SeparableNonconvex;
import org.sgdlab.problems.Spacing;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.ResultBuilder;

/** The rate claims' decision functions with planted wrong predictions, their helpers, and a quick run of each. */
class RateClaimsTest {
    private static final RandomStream RNG = new RandomStream(42);

    @Test
    void descentLemmaStepAboveOneOverLIsCaught() {
        Quadratic q = Quadratic.withSpectrum(10, 0.1, 4, Spacing.LOG, RNG.split(1));
        double[] w0 = DescentLemmaClaim.gaussian(10, RNG.split(2), 1);
        double l = q.smoothness();
        DescentLemmaClaim.LemmaRun right = DescentLemmaClaim.lemmaRun("right", q, 0, l, 1 / l, w0, 500);
        assertEquals(0, right.violations());
        assertTrue(right.worstRelativeSlack() >= 0);
        assertEquals(Verdict.HOLDS, DescentLemmaClaim.decideLemma(List.of(right)));
        // planted: a step 1.5/L (i.e. the lemma applied with L too small by 1.5×) must violate the (η/2) inequality
        DescentLemmaClaim.LemmaRun planted = DescentLemmaClaim.lemmaRun("planted", q, 0, l, 1.5 / l, w0, 500);
        assertTrue(planted.violations() > 0);
        assertEquals(Verdict.FAILS, DescentLemmaClaim.decideLemma(List.of(right, planted)));
    }

    @Test
    void edgeOfStabilityWrongThresholdFails() {
        Quadratic q = Quadratic.withSpectrum(8, 0.2, 1, Spacing.LINEAR, RNG.split(3));
        double[] w0 = DescentLemmaClaim.gaussian(8, RNG.split(4), 1);
        DescentLemmaClaim.EdgeRun below = DescentLemmaClaim.edgeRun(q, 0.98 * 2, w0, 5000, new long[0], null);
        DescentLemmaClaim.EdgeRun above = DescentLemmaClaim.edgeRun(q, 1.02 * 2, w0, 5000, new long[0], null);
        assertEquals(DescentLemmaClaim.Outcome.CONVERGED, below.outcome());
        assertEquals(DescentLemmaClaim.Outcome.DIVERGED, above.outcome());
        assertEquals(Verdict.HOLDS, DescentLemmaClaim.decideEdge(List.of(below, above)));
        double[] br = DescentLemmaClaim.bracket(List.of(below, above));
        assertEquals(0.98, br[0], 1e-12);
        assertEquals(1.02, br[1], 1e-12);
        // planted: "GD diverges iff η > 1/λ_max" — the run at 1.96/λ_max converges although above that threshold
        DescentLemmaClaim.EdgeRun planted = new DescentLemmaClaim.EdgeRun(below.eta(), 1 / q.smoothness(), below.outcome(), below.ratio(),
                below.steps());
        assertEquals(Verdict.FAILS, DescentLemmaClaim.decideEdge(List.of(planted, above)));
        DescentLemmaClaim.EdgeRun undecided = new DescentLemmaClaim.EdgeRun(1, 2, DescentLemmaClaim.Outcome.UNDECIDED, 1, 10);
        assertEquals(Verdict.INCONCLUSIVE, DescentLemmaClaim.decideEdge(List.of(below, undecided)));
    }

    @Test
    void nonconvexRateBoundTenTimesTooSmallFails() {
        double[] a = new double[6];
        SeparableNonconvex f = SeparableNonconvex.rotated(SeparableNonconvex.Profile.LOG, 1, 1, a, RNG.split(5));
        double[] w0 = DescentLemmaClaim.gaussian(6, RNG.split(6), 10);
        ResultBuilder rb = new ResultBuilder(new NonconvexRateClaim());
        List<NonconvexRateClaim.GdPoint> pts = NonconvexRateClaim.gdRun("gd", f, w0, 2000, rb);
        assertEquals(Verdict.HOLDS, NonconvexRateClaim.decideGd(pts));
        List<NonconvexRateClaim.GdPoint> planted = new ArrayList<>();
        for (NonconvexRateClaim.GdPoint p : pts) {
            planted.add(new NonconvexRateClaim.GdPoint(p.horizon(), p.minGradSq(), p.meanGradSq(), p.bound() / 10));
        }
        assertEquals(Verdict.FAILS, NonconvexRateClaim.decideGd(planted));

        NonconvexRateClaim.SgdPoint ok = new NonconvexRateClaim.SgdPoint(100, 0.1, 0.7, 0.68, 0.72, 0.01, 1.4);
        NonconvexRateClaim.SgdPoint tenTimesSmaller = new NonconvexRateClaim.SgdPoint(100, 0.1, 0.7, 0.68, 0.72, 0.01, 0.14);
        NonconvexRateClaim.SgdPoint straddles = new NonconvexRateClaim.SgdPoint(100, 0.1, 0.7, 0.68, 0.72, 0.01, 0.7);
        assertEquals(Verdict.HOLDS, NonconvexRateClaim.decideSgd(List.of(ok)));
        assertEquals(Verdict.FAILS, NonconvexRateClaim.decideSgd(List.of(ok, tenTimesSmaller)));
        assertEquals(Verdict.INCONCLUSIVE, NonconvexRateClaim.decideSgd(List.of(ok, straddles)));
    }

    @Test
    void nesterovPlantedSlopeOneFails() {
        Fit gd = new Fit(1.01, 0, 0.01, 4);
        Fit n = new Fit(0.53, 0, 0.01, 4);
        double tol = NesterovAccelerationClaim.SLOPE_TOLERANCE;
        assertEquals(Verdict.HOLDS, NesterovAccelerationClaim.decide(gd, n, 1, 0.5, tol, true));
        assertEquals(Verdict.FAILS, NesterovAccelerationClaim.decide(gd, n, 1, 1, tol, true), "planted: Nesterov as slow as GD");
        assertEquals(Verdict.FAILS, NesterovAccelerationClaim.decide(gd, n, 0.5, 0.5, tol, true), "planted: GD accelerated");
        assertEquals(Verdict.INCONCLUSIVE, NesterovAccelerationClaim.decide(gd, n, 1, 0.5, tol, false));
    }

    @Test
    void torchNesterovEqualsLookAheadScheme() {
        Quadratic q = Quadratic.conditioned(12, 500, RNG.split(7));
        double[] w0 = NesterovAccelerationClaim.equalShareStart(q, RNG.split(8));
        assertTrue(NesterovAccelerationClaim.formsDistance(q, w0, 500, 400) < 1e-12);
        // the equal-share start: every eigendirection holds f(w₀)/d
        assertEquals(6.0, q.value(w0), 1e-9);
        assertEquals((Math.sqrt(500) - 1) / (Math.sqrt(500) + 1), NesterovAccelerationClaim.momentum(500), 1e-15);
        // one look-ahead step by hand: y₁ = x₁ + μ(x₁ − x₀), x₁ = y₀ − η g
        LookAheadNesterov t = new LookAheadNesterov(0.5, 0.25);
        double[] y = {1.0};
        State s = t.init(y);
        double[] u = {2.0};
        t.updateInPlace(u, s, y);
        assertEquals(0.0 + 0.25 * (0.0 - 1.0) - 1.0, u[0], 1e-15);
    }

    @Test
    void adagradPlantedFasterExponentFailsAndPrintedFormHasNoSquareRoot() {
        AdagradRateClaim.Case good = new AdagradRateClaim.Case("b", 2, 0, 0.4, -0.7, 0.01, -0.5, 0.05);
        AdagradRateClaim.Case slow = new AdagradRateClaim.Case("b", 2, 0, 0.4, -0.2, 0.01, -0.2, 0.05);
        AdagradRateClaim.Case violated = new AdagradRateClaim.Case("b", 2, 3, 1.2, -0.7, 0.01, -0.5, 0.05);
        double tol = AdagradRateClaim.EXPONENT_TOLERANCE;
        assertEquals(Verdict.HOLDS, AdagradRateClaim.decide(List.of(good), -0.5, tol));
        assertEquals(Verdict.FAILS, AdagradRateClaim.decide(List.of(good), -1.0, tol), "planted: predicted O(1/T)");
        assertEquals(Verdict.FAILS, AdagradRateClaim.decide(List.of(good, slow), -0.5, tol));
        assertEquals(Verdict.FAILS, AdagradRateClaim.decide(List.of(violated), -0.5, tol));
        Chain printed = Chain.of(new PrintedAdagradNorm(0.1), new ScaleByLearningRate(Schedules.constant(1)));
        double[] g = {3, 4};
        printed.updateInPlace(g, printed.init(new double[2]), new double[2]);
        assertEquals(-3 / 25.01, g[0], 1e-15);
    }

    @Test
    void catalogIdsAndSources() {
        List<String> ids = RateClaims.all().stream().map(Claim::id).toList();
        assertEquals(List.of("gd.descent-lemma", "gd.nonconvex-rate", "nesterov.acceleration", "adagrad.rate"), ids);
        for (Claim c : RateClaims.all()) {
            assertTrue(c.source().contains("002"), c.id());
        }
    }

    @Test
    void quickRunsAgreeWithTheory() {
        double total = 0;
        for (Claim c : RateClaims.all()) {
            ClaimResult r = c.check(ClaimContext.quick(1));
            total += r.elapsed().toMillis() / 1000.0;
            assertNotEquals(Verdict.FAILS, r.verdict(), c.id() + ": " + r.measurement());
            assertEquals(Verdict.HOLDS, r.verdict(), c.id() + ": " + r.measurement());
            assertTrue(!r.plots().isEmpty() && !r.traces().isEmpty() && r.seedStatement() != null, c.id());
            Map<String, Double> n = r.numbers();
            switch (c.id()) {
                case "gd.descent-lemma" -> {
                    assertTrue(n.get("worst_relative_slack") >= 0);
                    assertTrue(n.get("edge.bracket_low") < 1 && n.get("edge.bracket_high") > 1);
                    assertTrue(n.get("edge.bracket_high") - n.get("edge.bracket_low") <= 0.01);
                }
                case "gd.nonconvex-rate" -> {
                    assertTrue(n.get("gd.max_mean_over_bound") <= 1 && n.get("gd.max_mean_over_bound") > 0.05, "bound not vacuous");
                    assertTrue(n.get("sgd.max_ci_high_over_bound") <= 1);
                }
                case "nesterov.acceleration" -> {
                    assertEquals(0.5, n.get("nesterov_slope"), 0.15);
                    assertEquals(1.0, n.get("gd_slope"), 0.15);
                    assertTrue(n.get("torch_vs_lookahead_max_rel_diff") < 1e-12);
                }
                case "adagrad.rate" -> {
                    for (String b : List.of("beta_0.2000", "beta_2.000", "beta_20.00")) {
                        assertTrue(n.get(b + ".stochastic.exponent_of_mean") <= -0.35, b);
                        assertEquals(-0.5, n.get(b + ".stochastic.exponent_of_current"), 0.25, b);
                        assertEquals(0, n.get(b + ".deterministic.bound_violations"));
                        assertTrue(n.get(b + ".stochastic.mean_grad_sq_at_T") < n.get(b + ".stochastic.printed_form.mean_grad_sq_at_T"));
                    }
                }
                default -> throw new AssertionError(c.id());
            }
        }
    }
}
