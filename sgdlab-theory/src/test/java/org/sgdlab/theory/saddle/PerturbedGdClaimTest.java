package org.sgdlab.theory.saddle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;

/** saddle.perturbed-gd: the quick run's verdict, the objective's derivatives, and planted wrong predictions. */
class PerturbedGdClaimTest {
    @Test
    void catalogIds() {
        assertEquals(List.of("saddle.perturbed-gd"), SaddleClaims.all().stream().map(Claim::id).toList());
    }

    @Test
    void gradientAndHvpMatchFiniteDifferences() {
        StrictSaddle f = new StrictSaddle(5);
        double[] x = new RandomStream(1).gaussians(new double[5]);
        double[] g = new double[5];
        f.gradient(x, g);
        double h = 1e-6;
        for (int i = 0; i < 5; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += h;
            xm[i] -= h;
            assertEquals((f.value(xp) - f.value(xm)) / (2 * h), g[i], 1e-7 * Math.max(1, Math.abs(g[i])), "∂f/∂x" + i);
        }
        double[] v = new RandomStream(2).gaussians(new double[5]);
        double[] hv = new double[5];
        f.hvp().apply(x, v, hv);
        double[] gp = new double[5];
        double[] gm = new double[5];
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < 5; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        f.gradient(xp, gp);
        f.gradient(xm, gm);
        for (int i = 0; i < 5; i++) {
            assertEquals((gp[i] - gm[i]) / (2 * h), hv[i], 1e-6 * Math.max(1, Math.abs(hv[i])));
        }
    }

    @Test
    void quickRunHolds() {
        ClaimResult r = new PerturbedGdClaim().check(ClaimContext.quick(1));
        assertEquals(new PerturbedGdClaim().expectedVerdict(Budget.QUICK), r.verdict(), r.measurement());
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals(0.0, r.numbers().get("localize_violations"));
        assertEquals(1.0, r.numbers().get("plain_gd_stays"));
        assertEquals(-1.0, r.numbers().get("plain_gd_lambda_min"), 1e-8);
        assertNotNull(r.sourceStatement());
        assertEquals(1, r.plots().size());
    }

    @Test
    void sosFoundHasPositiveCurvature() {
        PerturbedGdClaim.Run r = PerturbedGdClaim.run(50, 3);
        assertTrue(r.steps() > 0);
        assertTrue(r.lambdaMin() > 0.9, "λ_min at the minimum is min(2, 1) = 1, got " + r.lambdaMin());
        assertEquals(r, PerturbedGdClaim.run(50, 3), "same seed, same run");
    }

    @Test
    void plantedWrongPredictionsFail() {
        List<PerturbedGdClaim.PerDimension> per = new ArrayList<>();
        int[] dims = {10, 100, 1000};
        for (int i = 0; i < dims.length; i++) {
            per.add(PerturbedGdClaim.measure(dims[i], 8, new RandomStream(4).split(i)));
        }
        assertEquals(Verdict.HOLDS, PerturbedGdClaim.decide(per, true, 0.0, 1.96));
        // planted: steps growing like √d or like d
        assertEquals(Verdict.FAILS, PerturbedGdClaim.decide(per, true, 0.5, 1.96));
        assertEquals(Verdict.FAILS, PerturbedGdClaim.decide(per, true, 1.0, 1.96));
        // planted: GD leaves the saddle (or the saddle passes as an SOSP)
        assertEquals(Verdict.FAILS, PerturbedGdClaim.decide(per, false, 0.0, 1.96));
        // planted: one improve-or-localize violation
        PerturbedGdClaim.PerDimension p = per.get(0);
        per.set(0, new PerturbedGdClaim.PerDimension(p.d(), p.steps(), p.median(), 1, p.maxLocalizeRatio(), p.maxPerturbations()));
        assertEquals(Verdict.FAILS, PerturbedGdClaim.decide(per, true, 0.0, 1.96));
    }

    @Test
    void improveOrLocalizeRatioIsMeasuredAndBelowOne() {
        // η = 1/ℓ satisfies the lemma's premise: the largest ratio ‖x_τ − x₀‖²/(2ηt(f(x₀) − f(x_t))) is positive and ≤ 1
        PerturbedGdClaim.PerDimension p = PerturbedGdClaim.measure(100, 4, new RandomStream(6));
        assertTrue(p.maxLocalizeRatio() > 0 && p.maxLocalizeRatio() <= 1, "ratio " + p.maxLocalizeRatio());
        assertEquals(0, p.violations());
    }
}
