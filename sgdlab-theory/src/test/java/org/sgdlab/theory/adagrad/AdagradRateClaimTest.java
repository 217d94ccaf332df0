package org.sgdlab.theory.adagrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.optim.Chain;
import org.sgdlab.optim.ScaleByLearningRate;
import org.sgdlab.optim.Schedules;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;

/** adagrad.rate: the decision with a planted faster exponent, the printed (misprinted) form, and the quick run. */
class AdagradRateClaimTest {
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
    void quickRunHolds() {
        assertEquals(List.of("adagrad.rate"), AdagradClaims.all().stream().map(c -> c.id()).toList());
        ClaimResult r = new AdagradRateClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertTrue(r.source().contains("002"));
        assertTrue(!r.plots().isEmpty() && !r.traces().isEmpty() && r.sourceStatement() != null);
        Map<String, Double> n = r.numbers();
        for (String b : List.of("beta_0.2000", "beta_2.000", "beta_20.00")) {
            assertTrue(n.get(b + ".stochastic.exponent_of_mean") <= -0.35, b);
            assertEquals(-0.5, n.get(b + ".stochastic.exponent_of_current"), 0.25, b);
            assertEquals(0, n.get(b + ".deterministic.bound_violations"));
            assertTrue(n.get(b + ".stochastic.mean_grad_sq_at_T") < n.get(b + ".stochastic.printed_form.mean_grad_sq_at_T"));
        }
    }
}
