package org.sgdlab.theory.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.finitesum.Normal;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.sde.WeakError;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;

/** sde.linear-scaling: quick verdict, the coupling, the exact gaps and spectral radii, planted wrong predictions. */
class LinearScalingClaimTest {
    private static final double Z = Normal.bonferroniZ(LinearScalingClaim.FAMILY_ALPHA, LinearScalingClaim.comparisons());

    @Test
    void catalogIds() {
        assertEquals(List.of("sde.ou-toy", "sde.weak-order", "sde.linear-scaling"), SdeClaims.all().stream().map(Claim::id).toList());
    }

    @Test
    void quickRunHolds() {
        ClaimResult r = new LinearScalingClaim().check(ClaimContext.quick(1));
        assertEquals(new LinearScalingClaim().expectedVerdict(Budget.QUICK), r.verdict(), r.measurement());
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals(1, r.plots().size());
        assertNotNull(r.sourceStatement());
        assertEquals(Boolean.TRUE, r.sourceStatement().held());
        assertEquals(1.0, r.numbers().get("stability_verdict_holds"));
    }

    @Test
    void kappaOneReusesTheBaseRunBitForBitAndEveryRunHasItsLaw() {
        FiniteSumToy toy = LinearScalingClaim.toy();
        double[][] runs = SgdMonteCarlo.linearScaling(toy.dataset(), toy.loss(), 1, 0.05, 12, new int[] {1, 3}, new double[] {2, -1}, 20_000, 4);
        assertArrayEquals(runs[0], runs[1], 0.0);
        // each run against its exact moments (the big run: batch 3, η = 0.15, 4 steps)
        LeastSquaresMoments lsm = new LeastSquaresMoments(toy);
        double[] small = lsm.sgd(new double[] {2, -1}, 0.05, 1, 12);
        double[] big = lsm.sgd(new double[] {2, -1}, 0.15, 3, 4);
        double[] s2 = new double[20_000];
        double[] b2 = new double[20_000];
        for (int p = 0; p < s2.length; p++) {
            s2[p] = runs[0][2 * p] * runs[0][2 * p] + runs[0][2 * p + 1] * runs[0][2 * p + 1];
            b2[p] = runs[2][2 * p] * runs[2][2 * p] + runs[2][2 * p + 1] * runs[2][2 * p + 1];
        }
        assertTrue(WeakError.againstExact(s2, lsm.squaredNorm(small)).covers(0, 5));
        assertTrue(WeakError.againstExact(b2, lsm.squaredNorm(big)).covers(0, 5));
        // the coupled gap is sharper than the independent one would be
        WeakError.Estimate coupled = WeakError.coupled(b2, s2);
        assertTrue(coupled.covers(lsm.squaredNorm(big) - lsm.squaredNorm(small), 5));
        assertTrue(coupled.stdErr() < WeakError.independent(b2, s2).stdErr() / 3);
    }

    @Test
    void spectralRadiusCrossesOneAtTheStabilityLimit() {
        double limit = LinearScalingClaim.limit();
        for (int kappa : LinearScalingClaim.KAPPAS) {
            double rho = LinearScalingClaim.momentSpectralRadius(kappa);
            assertEquals(kappa * LinearScalingClaim.ETA < limit, rho < 1, "κ = " + kappa + ": ρ = " + rho);
        }
        // κη = 0.5: ρ is at least the squared contraction of GD's slowest mode (the noise only adds)
        double[] h = new LeastSquaresMoments(LinearScalingClaim.toy()).hessian();
        double tr = h[0] + h[3];
        double lmin = tr / 2 - Math.sqrt(tr * tr / 4 - (h[0] * h[3] - h[1] * h[2]));
        assertTrue(LinearScalingClaim.momentSpectralRadius(128) >= Math.pow(1 - 0.5 * lmin, 2) - 1e-9);
    }

    @Test
    void sameSeedSameBitsForAnyThreadCount() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            LinearScalingClaim.Gaps a = LinearScalingClaim.measure(130, 3);
            Parallel.setThreads(2);
            LinearScalingClaim.Gaps b = LinearScalingClaim.measure(130, 3);
            for (int k = 0; k < a.gap().length; k++) {
                assertArrayEquals(a.gap()[k], b.gap()[k], 0.0);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void plantedWrongPredictionsFail() {
        LinearScalingClaim.Gaps m = LinearScalingClaim.measure(2_048, 8);
        double limit = LinearScalingClaim.limit();
        LinearScalingClaim.TestFunction[] gs = LinearScalingClaim.TestFunction.values();
        for (int k = 0; k < gs.length; k++) {
            LinearScalingClaim.TestFunction g = gs[k];
            double[] exact = Arrays.stream(LinearScalingClaim.KAPPAS).mapToDouble(kappa -> LinearScalingClaim.exactGap(g, kappa)).toArray();
            assertEquals(Verdict.HOLDS, LinearScalingClaim.decide(m.gap()[k], m.se()[k], exact, 1.0, limit, Z), g.name());
            // planted: the gap grows like (κη)², or does not grow with κη
            assertEquals(Verdict.FAILS, LinearScalingClaim.decide(m.gap()[k], m.se()[k], exact, 2.0, limit, Z), g.name());
            assertEquals(Verdict.FAILS, LinearScalingClaim.decide(m.gap()[k], m.se()[k], exact, 0.0, limit, Z), g.name());
            // planted: wrong exact values (the SGD(B, η) run's weak error counted twice)
            double[] wrong = exact.clone();
            for (int c = 0; c < wrong.length; c++) {
                wrong[c] *= 1.5;
            }
            assertEquals(Verdict.FAILS, LinearScalingClaim.decide(m.gap()[k], m.se()[k], wrong, 1.0, limit, Z), g.name());
        }
        // planted: the rule already breaks down at 1/λ_max (the gap there still follows the linear law)
        double[] sq = Arrays.stream(LinearScalingClaim.KAPPAS)
                .mapToDouble(kappa -> LinearScalingClaim.exactGap(LinearScalingClaim.TestFunction.SQUARED_NORM, kappa)).toArray();
        assertEquals(Verdict.FAILS, LinearScalingClaim.decide(m.gap()[1], m.se()[1], sq, 1.0, limit / 2, Z));
        // planted: the stability limit is 4/λ_max, or 1/λ_max
        double[] rho = Arrays.stream(LinearScalingClaim.KAPPAS).mapToDouble(LinearScalingClaim::momentSpectralRadius).toArray();
        assertEquals(Verdict.HOLDS, LinearScalingClaim.decideStability(rho, limit));
        assertEquals(Verdict.FAILS, LinearScalingClaim.decideStability(rho, 2 * limit));
        assertEquals(Verdict.FAILS, LinearScalingClaim.decideStability(rho, limit / 2));
    }

    @Test
    void unresolvedGapsAreInconclusive() {
        LinearScalingClaim.Gaps m = LinearScalingClaim.measure(2_048, 8);
        double limit = LinearScalingClaim.limit();
        double[] exact = Arrays.stream(LinearScalingClaim.KAPPAS)
                .mapToDouble(kappa -> LinearScalingClaim.exactGap(LinearScalingClaim.TestFunction.X1, kappa)).toArray();
        double[] hugeSe = m.se()[0].clone();
        Arrays.fill(hugeSe, 1.0);
        assertEquals(Verdict.INCONCLUSIVE, LinearScalingClaim.decide(m.gap()[0], hugeSe, exact, 1.0, limit, Z));
    }
}
