package org.sgdlab.theory.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** ntk.eigen-speed: the quick verdict, the spectrum, and planted wrong predictions. */
class EigenSpeedClaimTest {
    private static ClaimResult result;
    private static EigenSpeedClaim.Outcome o;

    @BeforeAll
    static void runOnce() {
        result = new EigenSpeedClaim().check(ClaimContext.quick(1));
        o = EigenSpeedClaim.compute(Budget.QUICK, 1);
    }

    @Test
    void theClaimOnItsQuickBudget() {
        assertEquals(Verdict.HOLDS, result.verdict(), result.measurement());
        assertEquals(new EigenSpeedClaim().expectedVerdict(Budget.QUICK), result.verdict());
        var x = result.numbers();
        assertTrue(x.get("max_abs_u0") < 1e-12, "paired initialization gives u(0) = 0: " + x);
        assertTrue(x.get("true.energy_top10") > 0.5 && x.get("random.energy_top10") < 0.3, x.toString());
        assertTrue(x.get("true.loss_fraction_measured_step60") < x.get("random.loss_fraction_measured_step60") / 2, x.toString());
        assertEquals(Verdict.HOLDS, EigenSpeedClaim.decide(o.trueRun(), o.randomRun(), o.spectrum(), o.eta(), 2));
    }

    @Test
    void theSpectrumDiagonalizesHStar() {
        int n = o.setting().n();
        double[] h = MnistUnitSubset.hStar(o.train().x());
        EigenSpeedClaim.Spectrum s = o.spectrum();
        for (int k : new int[] {0, 1, 9, n - 1}) {
            double[] v = s.vectors()[k];
            for (int i = 0; i < n; i++) {
                double hv = 0;
                for (int j = 0; j < n; j++) {
                    hv += h[i * n + j] * v[j];
                }
                assertEquals(s.values()[k] * v[i], hv, 1e-10 * s.values()[0], "eigenpair " + k + ", row " + i);
            }
        }
        for (int k = 1; k < n; k++) {
            assertTrue(s.values()[k] <= s.values()[k - 1], "decreasing");
        }
        double[] p = s.squaredProjections(o.trueRun().y());
        assertEquals(n, EigenSpeedClaim.Curves.sum(p, 0, n), 1e-9, "‖y‖² = n for ±1 labels (orthonormal basis)");
    }

    @Test
    void plantedWrongPredictionsFail() {
        // the loss along vᵢ decaying like (1 − ηλᵢ)^k instead of ^{2k} (the residual's rate taken for the loss's)
        assertEquals(Verdict.FAILS, EigenSpeedClaim.decide(o.trueRun(), o.randomRun(), o.spectrum(), o.eta(), 1));
        // a loss that decays twice as fast, (1 − ηλᵢ)^{4k}
        assertEquals(Verdict.FAILS, EigenSpeedClaim.decide(o.trueRun(), o.randomRun(), o.spectrum(), o.eta(), 4));
        // eq. 9.8 as printed (no factor xᵢᵀxⱼ): its eigenpairs do not describe the training
        var printed = EigenSpeedClaim.Spectrum.of(LazyTrainingClaim.hPrinted(o.train()), o.setting().n());
        assertEquals(Verdict.FAILS, EigenSpeedClaim.decide(o.trueRun(), o.randomRun(), printed, o.eta(), 2));
        // "random labels are learned faster": the roles swapped
        assertEquals(Verdict.FAILS, EigenSpeedClaim.decide(o.randomRun(), o.trueRun(), o.spectrum(), o.eta(), 2));
    }
}
