package org.sgdlab.theory.scaleinv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.precision.Arithmetic;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** scale-invariance.convergence: the quick verdict, the fast path against the generic one, planted wrong predictions. */
class ConvergenceClaimTest {
    @Test
    void quickRunHolds() {
        ClaimResult r = new ConvergenceClaim().check(ClaimContext.quick(1));
        assertEquals(new ConvergenceClaim().expectedVerdict(Budget.QUICK), r.verdict(), r.measurement());
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertTrue(r.numbers().get("eq13_4.worst_relative_defect") <= 1e-12);
        assertTrue(r.numbers().get("thm13_4_6.steps_with_positive_bound") > 1000, r.numbers().toString());
        assertEquals(2, r.plots().size());
    }

    @Test
    void fastGradientIsTheGenericFloat64PathBitForBit() {
        double[] a = RayleighQuotient.evenSpectrum(7);
        double[] w = new RandomStream(8).gaussians(new double[7]);
        double[] g = new double[7];
        double l = RayleighQuotient.gradient(a, w, g);
        RayleighQuotient<Double> f = new RayleighQuotient<>(Arithmetic.FLOAT64, a);
        List<Double> boxed = Arrays.stream(w).boxed().toList();
        assertEquals(l, f.value(boxed));
        assertEquals(Arrays.stream(g).boxed().toList(), f.gradient(boxed));
    }

    @Test
    void plantedWrongPredictionsFail() {
        double[] a = ConvergenceClaim.spectrum(ConvergenceClaim.D);
        double[] dir = ConvergenceClaim.direction(a, new RandomStream(3));
        double[] norms = ConvergenceClaim.norms(7);
        ConvergenceClaim.Prediction theory = ConvergenceClaim.Prediction.THEORY;
        List<ConvergenceClaim.Run> ok = ConvergenceClaim.sweep(a, dir, norms, theory);
        double net = ConvergenceClaim.networkLaw(Mlp.Normalization.LAYER, 1, 50, 2);
        assertEquals(Verdict.HOLDS, ConvergenceClaim.decide(List.of(ok), net, 2, theory));
        // planted: eq. 13.4 with (1 − ηλ) instead of its square (on the networks too)
        List<ConvergenceClaim.Run> decay1 = ConvergenceClaim.sweep(a, dir, norms, new ConvergenceClaim.Prediction(1, 1, 1, 1));
        assertEquals(Verdict.FAILS, ConvergenceClaim.decide(List.of(decay1), net, 2, theory));
        assertEquals(Verdict.FAILS, ConvergenceClaim.decide(List.of(ok), ConvergenceClaim.networkLaw(Mlp.Normalization.BATCH, 1, 50, 1), 2, theory));
        // planted: a descent bound twice as strong (2η(1 − 2ρη/‖w‖²)‖∇L‖²)
        List<ConvergenceClaim.Run> strong = ConvergenceClaim.sweep(a, dir, norms, new ConvergenceClaim.Prediction(2, 2, 1, 1));
        assertEquals(Verdict.FAILS, ConvergenceClaim.decide(List.of(strong), net, 2, theory));
        // planted: a step bound ten times smaller, and a slope twice the weight-decay time
        List<ConvergenceClaim.Run> tight = ConvergenceClaim.sweep(a, dir, norms, new ConvergenceClaim.Prediction(2, 1, 0.1, 1));
        assertEquals(Verdict.FAILS, ConvergenceClaim.decide(List.of(tight), net, 2, theory));
        assertEquals(Verdict.FAILS, ConvergenceClaim.decide(List.of(ok), net, 2, new ConvergenceClaim.Prediction(2, 1, 1, 2)));
    }
}
