package org.sgdlab.theory.scaleinv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** product-loss.explosion: the quick verdict, the loss's derivative, the printed exponent as a planted wrong prediction. */
class ExplosionClaimTest {
    @Test
    void quickRunHoldsAndRefutesThePrintedExponent() {
        ClaimResult r = new ExplosionClaim().check(ClaimContext.quick(1));
        assertEquals(new ExplosionClaim().expectedVerdict(Budget.QUICK), r.verdict(), r.measurement());
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals(Boolean.FALSE, r.sourceStatement().held(), r.measurement());
        assertTrue(r.numbers().get("printed.counterexamples") >= 3, r.numbers().toString());
        assertEquals(2, r.plots().size());
    }

    @Test
    void printedExponentIsAPlantedWrongPrediction() {
        ProductLoss f = ProductLoss.random(20, new RandomStream(9));
        List<ExplosionClaim.Case> cases = List.of(ExplosionClaim.measure(f, 4, 5, 300), ExplosionClaim.measure(f, 6, 50, 300));
        assertEquals(Verdict.HOLDS, ExplosionClaim.decide(cases, c -> 0));
        assertEquals(Verdict.FAILS, ExplosionClaim.decide(cases, c -> -1.0 / c.k()));
        assertTrue(cases.stream().allMatch(ExplosionClaim.Case::refutesPrinted));
        assertEquals(2.0 / 4 - 1, cases.get(0).measuredExponent(), 1e-9);
    }

    @Test
    void derivativeMatchesFiniteDifferencesAndTheThresholdIsSharp() {
        ProductLoss f = ProductLoss.random(20, new RandomStream(2));
        double w = 0.7;
        double h = 1e-6;
        double fd = (f.value(w + h) - f.value(w - h)) / (2 * h);
        assertEquals(fd, f.derivative(w), 1e-7);
        double ws = f.minimizer();
        assertEquals(0, f.derivative(ws), 1e-12);
        assertTrue(ws > 0);
        // just below the threshold the product falls at the first step; just above it rises and never stops
        double eta = f.threshold(10, 2.0 / 4 - 1);
        assertFalse(f.explodes(4, 10, eta * (1 - 1e-9), 500));
        assertTrue(f.explodes(4, 10, eta * (1 + 1e-9), 500));
        double[] p = f.products(4, 10, 2 * eta, 100);
        assertEquals(Double.POSITIVE_INFINITY, p[100], "twice the threshold overflows within 100 steps");
        assertThrows(IllegalArgumentException.class, () -> new ProductLoss(new double[] {1, 2}), "separable data");
    }
}
