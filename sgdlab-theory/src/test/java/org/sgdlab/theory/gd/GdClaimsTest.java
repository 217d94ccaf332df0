package org.sgdlab.theory.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.problems.Quadratic;
import org.sgdlab.problems.SeparableNonconvex;
import org.sgdlab.problems.Spacing;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Starts;

/** The gd.* claims' decision functions with planted wrong predictions, their helpers, and a quick run of each. */
class GdClaimsTest {
    private static final RandomStream RNG = new RandomStream(42);

    @Test
    void descentLemmaStepAboveOneOverLIsCaught() {
        Quadratic q = Quadratic.withSpectrum(10, 0.1, 4, Spacing.LOG, RNG.split(1));
        double[] w0 = Starts.gaussian(10, RNG.split(2), 1);
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
        double[] w0 = Starts.gaussian(8, RNG.split(4), 1);
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
        double[] w0 = Starts.gaussian(6, RNG.split(6), 10);
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
    void registryIdsAndSources() {
        assertEquals(List.of("gd.descent-lemma", "gd.nonconvex-rate"), GdClaims.all().stream().map(Claim::id).toList());
        for (Claim c : GdClaims.all()) {
            assertTrue(c.source().contains("002"), c.id());
        }
    }

    @Test
    void quickRunsAgreeWithTheory() {
        for (Claim c : GdClaims.all()) {
            ClaimResult r = c.check(ClaimContext.quick(1));
            assertEquals(Verdict.HOLDS, r.verdict(), c.id() + ": " + r.measurement());
            assertTrue(!r.plots().isEmpty() && !r.traces().isEmpty() && r.sourceStatement() != null, c.id());
            Map<String, Double> n = r.numbers();
            if (c.id().equals("gd.descent-lemma")) {
                assertTrue(n.get("worst_relative_slack") >= 0);
                assertTrue(n.get("edge.bracket_low") < 1 && n.get("edge.bracket_high") > 1);
                assertTrue(n.get("edge.bracket_high") - n.get("edge.bracket_low") <= 0.01);
            } else {
                assertTrue(n.get("gd.max_mean_over_bound") <= 1 && n.get("gd.max_mean_over_bound") > 0.05, "bound not vacuous");
                assertTrue(n.get("sgd.max_ci_high_over_bound") <= 1);
            }
        }
    }
}
