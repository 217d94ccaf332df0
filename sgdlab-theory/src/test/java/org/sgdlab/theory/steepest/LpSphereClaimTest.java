package org.sgdlab.theory.steepest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.geometry.LpSphere;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** steepest.lp-sphere: verdict table, the multiplier's monotone equation, planted wrong predictions, and the quick run. */
class LpSphereClaimTest {
    private static LpSphereClaim.Row row(double p, double residual, double gap, double adv, double shortfall) {
        return new LpSphereClaim.Row(p, 10, residual, residual, residual, 2e-16, gap, 1e-15, adv, shortfall, new double[] {0.3});
    }

    private static LpSphereClaim.Measurement m(List<LpSphereClaim.Row> rows, double slope, double constDev) {
        double[] errs = {1.8, 0.26, 0.084, 0.029, 0.0087, 0.0029, 0.00087};
        return new LpSphereClaim.Measurement(rows, errs, new double[errs.length], slope, 5, constDev, 0);
    }

    @Test
    void verdictTable() {
        List<LpSphereClaim.Row> good = List.of(row(1.5, 7e-16, 5e-16, 4e-16, 3e-16), row(4, 9e-16, 3e-16, 4e-16, 3e-16));
        assertEquals(Verdict.HOLDS, LpSphereClaim.decide(m(good, -0.99, 4e-4)));
        // λ not found (residual), a duality gap (not optimal), a better feasible direction found by the search
        assertEquals(Verdict.FAILS, LpSphereClaim.decide(m(List.of(row(3, 1e-9, 5e-16, 4e-16, 0)), -0.99, 4e-4)));
        assertEquals(Verdict.FAILS, LpSphereClaim.decide(m(List.of(row(3, 7e-16, 1e-4, 4e-16, 0)), -0.99, 4e-4)));
        assertEquals(Verdict.FAILS, LpSphereClaim.decide(m(List.of(row(3, 7e-16, 5e-16, 1e-6, 0)), -0.99, 4e-4)));
        // the clipping rule is not the p → ∞ limit, or not at the predicted rate / constant
        assertEquals(Verdict.FAILS, LpSphereClaim.decide(m(good, -0.01, 4e-4)));
        assertEquals(Verdict.FAILS, LpSphereClaim.decide(m(good, -0.99, 0.3)));
        // the search could not confirm optimality
        assertEquals(Verdict.INCONCLUSIVE, LpSphereClaim.decide(m(List.of(row(3, 7e-16, 5e-16, -1e-4, 1e-4)), -0.99, 4e-4)));
    }

    @Test
    void multiplierEquationIsMonotoneAndTheReferenceSolvesIt() {
        // f(λ) = ⟨ν, sharp_p(g − λν)⟩ is non-increasing (the class comment's proof), checked on a grid
        RandomStream r = new RandomStream(11);
        for (double p : new double[] {1.5, 3, 4}) {
            for (int k = 0; k < 20; k++) {
                int n = 2 + r.nextInt(10);
                double[] w = LpSphereClaim.onSphere(r.gaussians(new double[n]), p);
                double[] g = r.gaussians(new double[n]);
                double[] nu = LpSphereClaim.normal(w, p);
                double prev = Double.POSITIVE_INFINITY;
                for (double lambda = -10; lambda <= 10; lambda += 0.01) {
                    double f = LpSphereClaim.f(g, nu, lambda, p);
                    assertTrue(f <= prev + 1e-15, "f increased at λ = " + lambda);
                    prev = f;
                }
                LpSphereClaim.Reference ref = LpSphereClaim.reference(g, nu, p);
                assertTrue(Math.abs(DirectionSearch.dot(nu, ref.phi())) <= 1e-14);
                // and the library's Illinois solver lands on the same direction
                LpSphere sph = new LpSphere(p);
                double[] lib = new double[n];
                sph.directionInto(w, g, lib, new double[sph.workspaceSize(n)]);
                assertTrue(LpDirectionClaim.maxAbsDiff(lib, ref.phi()) <= 1e-10);
            }
        }
    }

    @Test
    void plantedEuclideanProjectionFails() {
        // the wrong prediction: project g onto the tangent space Euclidean-wise, then normalize in ℓp (feasible, not steepest)
        LpSphereClaim.DirectionRule planted = (w, g, p) -> {
            LpSphere s = new LpSphere(p);
            double[] out = new double[w.length];
            s.toTangent(w, g, out, new double[s.workspaceSize(w.length)]);
            double n = DirectionSearch.lp(out, p);
            for (int i = 0; i < out.length; i++) {
                out[i] /= n;
            }
            return out;
        };
        LpSphereClaim.Measurement m = LpSphereClaim.measure(Budget.QUICK, 1, planted, LpSphereClaim.CLIPPING);
        assertEquals(Verdict.FAILS, LpSphereClaim.decide(m));
        for (LpSphereClaim.Row r : m.rows()) {
            assertTrue(r.ruleResidual() <= 1e-12, "the planted direction is tangent");
            assertTrue(r.dualityGap() > 1e-3, "p = " + r.p() + ": duality gap " + r.dualityGap());
            assertTrue(r.searchAdvantage() > 1e-3, "p = " + r.p() + ": the search beats it by " + r.searchAdvantage());
        }
    }

    @Test
    void plantedSignWithoutClippingFails() {
        // the wrong p → ∞ prediction: plain sign(g) (SignSGD, ignoring the constraint)
        LpSphereClaim.LimitRule sign = (w, g) -> {
            double[] s = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                s[i] = Math.signum(g[i]);
            }
            return s;
        };
        LpSphereClaim.Measurement m = LpSphereClaim.measure(Budget.QUICK, 1, LpSphereClaim.LIBRARY, sign);
        assertEquals(Verdict.FAILS, LpSphereClaim.decide(m));
        assertTrue(m.limitErrors()[m.limitErrors().length - 1] > 0.5);
        assertTrue(!LpSphereClaim.limitHolds(m));
    }

    @Test
    void quickRunHolds() {
        ClaimResult r = new LpSphereClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertTrue(r.sourceStatement().held());
        for (double p : new double[] {1.5, 3, 4}) {
            assertTrue(r.numbers().get("p" + p + ".tangency_residual") <= 1e-12);
        }
    }
}
