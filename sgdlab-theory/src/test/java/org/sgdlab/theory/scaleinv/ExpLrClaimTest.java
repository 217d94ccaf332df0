package org.sgdlab.theory.scaleinv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.precision.Arithmetic;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** exp-lr.equivalence: the quick verdict, the loss's gradient, and the printed step as a planted wrong prediction. */
class ExpLrClaimTest {
    @Test
    void quickRunHoldsAndRefutesThePrintedStep() {
        ClaimResult r = new ExpLrClaim().check(ClaimContext.quick(1));
        assertEquals(new ExpLrClaim().expectedVerdict(Budget.QUICK), r.verdict(), r.measurement());
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals(Boolean.FALSE, r.sourceStatement().held(), "the printed η_t is refuted: " + r.measurement());
        assertEquals(Boolean.FALSE, r.numericalFindings().get(0).held(), "float64 departs in the chaotic regime");
        assertTrue(r.numbers().get("chaos.decimal60_disagreement_at_departure") < 1e-35, r.numbers().toString());
        assertTrue(r.numbers().get("chaos.worst_amplification_mismatch_decades") <= 2, r.numbers().toString());
        assertTrue(r.numbers().get("printed.double_double_disagreement_step400") > 1e-2, r.numbers().toString());
        assertEquals(4, r.plots().size());
    }

    @Test
    void printedStepIsAPlantedWrongPrediction() {
        ExpLrClaim.Start s = ExpLrClaim.measure(0, new RandomStream(2).gaussians(new double[6]), 300, 400);
        assertEquals(Verdict.HOLDS, ExpLrClaim.decide(List.of(s), List.of(s.stable()), List.of(s.corrected())));
        assertEquals(Verdict.FAILS, ExpLrClaim.decide(List.of(s), List.of(s.stable()), List.of(s.printed())));
        double[] a = RayleighQuotient.evenSpectrum(6);
        ExpLrRun.Result printedStable = ExpLrRun.run(new RayleighQuotient<>(Arithmetic.FLOAT64, a), new RandomStream(2).gaussians(new double[6]),
                ExpLrClaim.STABLE_ETA, ExpLrClaim.STABLE_LAMBDA, 300, ExpLrRun.Schedule.PRINTED);
        assertEquals(Verdict.FAILS, ExpLrClaim.decide(List.of(s), List.of(printedStable), List.of(s.corrected())));
        assertEquals(Verdict.FAILS, s.printed().verdict());
        // a disagreement that does not shrink with the unit roundoff is not rounding, however small
        ExpLrRun.Result tinyButFixed = new ExpLrRun.Result("x", ExpLrRun.Schedule.CORRECTED, new double[] {1e-12}, new double[0], 1e-30);
        ExpLrRun.Result sameAtLower = new ExpLrRun.Result("y", ExpLrRun.Schedule.CORRECTED, new double[] {1e-12}, new double[0], 1e-16);
        assertEquals(Verdict.FAILS, new ExpLrClaim.Ladder(sameAtLower, tinyButFixed, 0).verdict());
        // a saturated lower precision leaves the pair undecided
        ExpLrRun.Result saturated = new ExpLrRun.Result("z", ExpLrRun.Schedule.CORRECTED, new double[] {0.5}, new double[0], 1e-32);
        assertEquals(Verdict.INCONCLUSIVE, new ExpLrClaim.Ladder(saturated, s.corrected().high(), 0).verdict());
        // the friendlier reading: from w₀/√η the printed step reproduces GD + WD
        assertTrue(s.printedScaledStart().last() < 1e-10, "scaled start " + s.printedScaledStart().last());
    }

    @Test
    void rayleighGradientMatchesFiniteDifferencesAndIsScaleInvariant() {
        double[] a = RayleighQuotient.evenSpectrum(5);
        RayleighQuotient<Double> f = new RayleighQuotient<>(Arithmetic.FLOAT64, a);
        double[] w = new RandomStream(4).gaussians(new double[5]);
        List<Double> g = f.gradient(box(w));
        double h = 1e-6;
        double dot = 0;
        for (int i = 0; i < 5; i++) {
            double[] p = w.clone();
            double[] m = w.clone();
            p[i] += h;
            m[i] -= h;
            assertEquals((f.value(box(p)) - f.value(box(m))) / (2 * h), g.get(i), 1e-8);
            dot += w[i] * g.get(i);
        }
        assertEquals(0, dot, 1e-15);
        assertEquals(2.0, f.rho());
    }

    private static List<Double> box(double[] w) {
        return java.util.Arrays.stream(w).boxed().toList();
    }
}
