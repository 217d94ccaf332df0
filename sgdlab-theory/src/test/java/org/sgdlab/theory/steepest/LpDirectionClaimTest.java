package org.sgdlab.theory.steepest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;

/** steepest.lp-direction: verdict table, planted wrong directions, the independent search, and the quick run. */
class LpDirectionClaimTest {
    private static LpDirectionClaim.Row row(double p, double holder, double adv, double shortfall) {
        return new LpDirectionClaim.Row(p, new double[] {holder}, holder, 1e-16, 1e-16, 10, adv, shortfall);
    }

    private static LpDirectionClaim.Measurement m(List<LpDirectionClaim.Row> rows, double p2, double slope, double constDev) {
        return new LpDirectionClaim.Measurement(rows, p2, new double[] {0.6, 0.3, 0.09, 0.03, 0.009, 0.003, 0.0009}, slope, constDev, 0);
    }

    @Test
    void verdictTable() {
        List<LpDirectionClaim.Row> good = List.of(row(1.5, 8e-16, 4e-16, 1e-15), row(3, 7e-16, 3e-16, 1e-12));
        assertEquals(Verdict.HOLDS, LpDirectionClaim.decide(m(good, 3e-16, -0.99, 4e-4)));
        // Hölder equality violated
        assertEquals(Verdict.FAILS, LpDirectionClaim.decide(m(List.of(row(1.5, 1e-6, 4e-16, 0)), 3e-16, -0.99, 4e-4)));
        // the independent search found a better feasible direction
        assertEquals(Verdict.FAILS, LpDirectionClaim.decide(m(List.of(row(3, 7e-16, 1e-9, 0)), 3e-16, -0.99, 4e-4)));
        // p = 2 is not SGD's direction
        assertEquals(Verdict.FAILS, LpDirectionClaim.decide(m(good, 1e-10, -0.99, 4e-4)));
        // the p → ∞ limit is approached at the wrong rate, or with the wrong constant
        assertEquals(Verdict.FAILS, LpDirectionClaim.decide(m(good, 3e-16, -0.5, 4e-4)));
        assertEquals(Verdict.FAILS, LpDirectionClaim.decide(m(good, 3e-16, -0.99, 0.2)));
        // a search too weak to confirm optimality
        assertEquals(Verdict.INCONCLUSIVE, LpDirectionClaim.decide(m(List.of(row(1.5, 8e-16, -1e-3, 1e-3)), 3e-16, -0.99, 4e-4)));
        // NaN anywhere is not a pass
        assertEquals(Verdict.FAILS, LpDirectionClaim.decide(m(List.of(row(1.5, Double.NaN, 0, 0)), 3e-16, -0.99, 4e-4)));
    }

    @Test
    void plantedEuclideanNormalizationFails() {
        // the wrong prediction φ = g/‖g‖_p (the gradient direction rescaled) for every p
        LpDirectionClaim.DirectionRule planted = (g, p) -> {
            double n = DirectionSearch.lp(g, p);
            double[] out = g.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] /= n;
            }
            return out;
        };
        LpDirectionClaim.Measurement m = LpDirectionClaim.measure(Budget.QUICK, 1, planted);
        assertEquals(Verdict.FAILS, LpDirectionClaim.decide(m));
        for (LpDirectionClaim.Row r : m.rows()) {
            if (r.p() != 2) {
                assertTrue(r.holderGap() > 1e-3, "p = " + r.p() + ": Hölder gap " + r.holderGap());
                assertTrue(r.searchAdvantage() > 1e-3, "p = " + r.p() + ": the search beats g/‖g‖_p by " + r.searchAdvantage());
            }
        }
        // it does not tend to sign(g)
        assertTrue(m.limitErrors()[m.limitErrors().length - 1] > 0.1);
    }

    @Test
    void plantedSignOnlyDirectionFailsTheHolderEquality() {
        // SignSGD's direction, normalized in ℓp, claimed for every p
        LpDirectionClaim.DirectionRule planted = (g, p) -> {
            double[] s = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                s[i] = Math.signum(g[i]);
            }
            double n = DirectionSearch.lp(s, p);
            for (int i = 0; i < g.length; i++) {
                s[i] /= n;
            }
            return s;
        };
        assertEquals(Verdict.FAILS, LpDirectionClaim.decide(LpDirectionClaim.measure(Budget.QUICK, 2, planted)));
    }

    @Test
    void searchFindsTheHolderValueOnItsOwn() {
        // the search must reach ‖g‖_q without being told the formula (else the optimality check would be vacuous)
        RandomStream r = new RandomStream(5);
        for (double p : new double[] {1.1, 1.5, 3, 16}) {
            double q = p / (p - 1);
            for (int k = 0; k < 5; k++) {
                double[] g = LpDirectionClaim.gradient(r, 3 + k, k);
                DirectionSearch.Best b = DirectionSearch.maximize(g, p, null, r.split(k), 200, 2, 4000);
                double gq = DirectionSearch.lp(g, q);
                assertEquals(gq, b.value(), 1e-12 * gq, "p = " + p);
                assertEquals(1.0, DirectionSearch.lp(b.v(), p), 1e-12);
            }
        }
    }

    @Test
    void naiveFormulaMatchesTheLibraryOnHeavyTailedGradients() {
        RandomStream r = new RandomStream(6);
        for (double p : new double[] {1.25, 2, 8}) {
            for (int k = 0; k < 50; k++) {
                double[] g = LpDirectionClaim.gradient(r, 2 + r.nextInt(30), 2 * k + 1);
                double[] lib = LpDirectionClaim.LIBRARY.direction(g, p);
                assertTrue(LpDirectionClaim.maxAbsDiff(lib, LpDirectionClaim.naive(g, p)) <= 1e-13);
            }
        }
    }

    @Test
    void quickRunHolds() {
        Claim c = new LpDirectionClaim();
        ClaimResult r = c.check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertTrue(r.sourceStatement().held());
        assertTrue(r.numbers().get("max_holder_gap") <= LpDirectionClaim.HOLDER_TOL);
    }

    @Test
    void sameSeedSameBits() {
        for (Claim c : List.of(new LpDirectionClaim(), new SphereClaim(), new LpSphereClaim())) {
            assertEquals(c.check(ClaimContext.quick(3)).numbers(), c.check(ClaimContext.quick(3)).numbers(), c.id());
        }
    }

    @Test
    void registryOrder() {
        assertEquals(List.of("steepest.lp-direction", "steepest.sphere", "steepest.lp-sphere", "steepest.fig81",
                "steepest.margin-geometry"), SteepestClaims.all().stream().map(Claim::id).toList());
    }
}
