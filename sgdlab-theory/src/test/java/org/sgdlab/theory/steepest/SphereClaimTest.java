package org.sgdlab.theory.steepest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.geometry.Sphere;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** steepest.sphere: verdict table, planted wrong direction / retraction / eigenvector, and the quick run. */
class SphereClaimTest {
    private static final Trace T = new Trace("t", List.of("x"));

    private static SphereClaim.Direction dir(double tangency, double adv, double shortfall) {
        return new SphereClaim.Direction(100, tangency, 2e-16, 2e-16, adv, shortfall);
    }

    private static SphereClaim.Rayleigh ray(double angle, double slope) {
        return new SphereClaim.Rayleigh(0.05, 1500, angle, slope, Math.log(1 - 2 * 0.2 * 0.05), 3e-15, 1e-16, T);
    }

    private static SphereClaim.Measurement m(SphereClaim.Direction d, double drift, double exact, SphereClaim.Rayleigh r) {
        return new SphereClaim.Measurement(d, List.of(new SphereClaim.Drift(0.01, 20000, drift, drift, 2e-16, T)), exact, 200, List.of(r));
    }

    @Test
    void verdictTable() {
        SphereClaim.Direction good = dir(3e-16, 4e-16, 2e-16);
        SphereClaim.Rayleigh conv = ray(1e-13, Math.log(1 - 2 * 0.2 * 0.05) * 1.001);
        assertEquals(Verdict.HOLDS, SphereClaim.decide(m(good, 5e-15, 1e-57, conv)));
        // not tangent (e.g. the unprojected gradient)
        assertEquals(Verdict.FAILS, SphereClaim.decide(m(dir(0.3, 4e-16, 0), 5e-15, 1e-57, conv)));
        // the constrained search beats φ
        assertEquals(Verdict.FAILS, SphereClaim.decide(m(dir(3e-16, 1e-6, 0), 5e-15, 1e-57, conv)));
        // ‖w‖ drifting above 1e-14 in double precision is the float64 finding, not the verdict
        assertEquals(Verdict.HOLDS, SphereClaim.decide(m(good, 4.7e-13, 1e-57, conv)));
        assertEquals(1, SphereClaim.float64Departures(m(good, 4.7e-13, 1e-57, conv)).size());
        assertEquals(List.of(), SphereClaim.float64Departures(m(good, 5e-15, 1e-57, conv)));
        // the recursion is wrong even in exact arithmetic: the theory fails
        assertEquals(Verdict.FAILS, SphereClaim.decide(m(good, 5e-15, 1e-5, conv)));
        // Rayleigh: not converged, or at the wrong rate
        assertEquals(Verdict.FAILS, SphereClaim.decide(m(good, 5e-15, 1e-57, ray(0.5, -0.02))));
        assertEquals(Verdict.FAILS, SphereClaim.decide(m(good, 5e-15, 1e-57, ray(1e-13, -0.03))));
        // a search that could not confirm optimality
        assertEquals(Verdict.INCONCLUSIVE, SphereClaim.decide(m(dir(3e-16, -1e-4, 1e-4), 5e-15, 1e-57, conv)));
    }

    @Test
    void plantedUnprojectedGradientFails() {
        SphereClaim.DirectionRule planted = (w, g) -> {
            double n = SphereClaim.l2(g);
            double[] out = g.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] /= n;
            }
            return out;
        };
        SphereClaim.Direction d = SphereClaim.measureDirection(Budget.QUICK, new RandomStream(3), planted);
        assertTrue(d.tangency() > 1e-2, "tangency " + d.tangency());
    }

    @Test
    void plantedUnnormalizedRetractionDrifts() {
        // w ← w − ηφ without the division by √(1 + η²): ‖w_t‖² = (1 + η²)^t, far off the sphere
        SphereClaim.SphereStep none = SphereClaim.library((w, step) -> {
            double[] out = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                out[i] = w[i] + step[i];
            }
            return out;
        });
        SphereClaim.Drift d = SphereClaim.measureDrift(0.1, 1000, new RandomStream(4), none);
        assertTrue(d.maxDrift() > 1, "drift " + d.maxDrift());
        SphereClaim.Measurement m = new SphereClaim.Measurement(dir(3e-16, 4e-16, 2e-16), List.of(d), 1e-57, 200,
                List.of(ray(1e-13, Math.log(1 - 2 * 0.2 * 0.05))));
        assertEquals(1, SphereClaim.float64Departures(m).size(), "the float64 finding reports the drift");
    }

    @Test
    void plantedTopEigenvectorFails() {
        SphereClaim.Rayleigh r = SphereClaim.measureRayleigh(0.1, 8, 3000, 7, Sphere.Retraction.NORMALIZE, new RandomStream(5));
        assertTrue(r.finalAngle() > 0.5, "angle to the top eigenvector " + r.finalAngle());
        SphereClaim.Rayleigh ok = SphereClaim.measureRayleigh(0.1, 8, 3000, 0, Sphere.Retraction.NORMALIZE, new RandomStream(5));
        assertTrue(ok.finalAngle() <= 1e-12, "angle to the bottom eigenvector " + ok.finalAngle());
        assertTrue(ok.rateDeviation() <= SphereClaim.RATE_TOL, "slope " + ok.fittedSlope() + " vs " + ok.predictedSlope());
    }

    @Test
    void seedRetractionIsExactIn60Digits() {
        assertTrue(SphereClaim.exactDrift(0.01, 100, new RandomStream(6)) <= 1e-50);
    }

    @Test
    void normalizingRetractionHoldsEverything() {
        // the same measurement with the metric-projection retraction: everything holds, so the quick run's FAILS below is
        // exactly the source retraction's floating-point drift
        SphereClaim.Measurement m = SphereClaim.measure(Budget.QUICK, 1, SphereClaim.LIBRARY,
                SphereClaim.library(SphereClaim.NORMALIZE), Sphere.Retraction.NORMALIZE, false);
        assertEquals(Verdict.HOLDS, SphereClaim.decide(m), String.join("; ", SphereClaim.failures(m)));
        assertEquals(List.of(), SphereClaim.float64Departures(m));
    }

    @Test
    void quickRunHoldsAndReportsTheFloat64DriftAsAFinding() {
        ClaimResult r = new SphereClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals(1, r.numericalFindings().size());
        assertEquals(Boolean.FALSE, r.numericalFindings().get(0).held(), r.numericalFindings().get(0).measurement());
        // the direction part and the Rayleigh convergence hold; the source's retraction is exact in 60-digit arithmetic
        assertTrue(r.numbers().get("direction.tangency") <= SphereClaim.DIRECTION_TOL);
        assertTrue(r.numbers().get("exact60.max_drift") <= SphereClaim.EXACT_TOL);
        for (double gap : SphereClaim.gaps(Budget.QUICK)) {
            assertTrue(r.numbers().get("rayleigh.gap" + gap + ".final_angle") <= SphereClaim.ANGLE_TOL);
        }
        // …but in double precision it drifts above 1e-14 at small η, while the normalizing retraction stays at rounding level
        assertTrue(r.numbers().get("drift.eta0.01.seed004_literal") > SphereClaim.DRIFT_TOL);
        assertTrue(r.numbers().containsKey("drift.eta0.01.library_seed004_variant"));
        assertTrue(r.numbers().get("drift.eta0.01.normalize") <= 1e-15);
        assertTrue(r.sourceStatement().held());
    }

    @Test
    void seedRuleIsTheLiteralFormulaAndTheLibraryVariantIsAnother() {
        // off the sphere the two rules differ: the source projects with ⟨g,w⟩w, the library with ⟨g,w⟩/‖w‖²·w
        double[] w = {2, 0};
        double[] g = {1, 1};
        double eta = 0.5;
        double[] p = {1 - 2 * 2, 1};
        double pn = Math.sqrt(10);
        double denom = Math.sqrt(1.25);
        double[] literal = SphereClaim.SEED004_LITERAL.next(w, g, eta);
        assertEquals((2 - eta * p[0] / pn) / denom, literal[0], 1e-15);
        assertEquals((0 - eta * p[1] / pn) / denom, literal[1], 1e-15);
        double[] variant = SphereClaim.library(SphereClaim.SEED004).next(w, g, eta);
        assertEquals(2 / denom, variant[0], 1e-15);
        assertEquals(-0.5 / denom, variant[1], 1e-15);
        // on the sphere they agree to rounding
        double[] u = {0.6, 0.8};
        double[] a = SphereClaim.SEED004_LITERAL.next(u, g, 0.1);
        double[] b = SphereClaim.library(SphereClaim.SEED004).next(u, g, 0.1);
        assertEquals(a[0], b[0], 1e-15);
        assertEquals(a[1], b[1], 1e-15);
    }
}
