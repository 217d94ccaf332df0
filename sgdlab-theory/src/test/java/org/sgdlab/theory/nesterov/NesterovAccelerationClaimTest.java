package org.sgdlab.theory.nesterov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.optim.State;
import org.sgdlab.problems.Quadratic;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;

/** nesterov.acceleration: the decision with planted wrong slopes, the look-ahead form against torch's, and the quick run. */
class NesterovAccelerationClaimTest {
    private static final RandomStream RNG = new RandomStream(42);

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
    void quickRunHolds() {
        assertEquals(List.of("nesterov.acceleration"), NesterovClaims.all().stream().map(c -> c.id()).toList());
        ClaimResult r = new NesterovAccelerationClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertTrue(r.source().contains("002"));
        assertTrue(!r.plots().isEmpty() && !r.traces().isEmpty() && r.sourceStatement() != null);
        Map<String, Double> n = r.numbers();
        assertEquals(0.5, n.get("nesterov_slope"), 0.15);
        assertEquals(1.0, n.get("gd_slope"), 0.15);
        assertTrue(n.get("torch_vs_lookahead_max_rel_diff") < 1e-12);
    }
}
