package org.sgdlab.theory.minnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.theory.minnorm.AdaptiveBreaks.End;

/** min-norm.adaptive-breaks and min-norm.generalization: decision tables, planted wrong predictions, quick runs. */
class MinNormBeyondClaimsTest {
    private static ClaimResult adaptive;
    private static ClaimResult risk;

    @BeforeAll
    static void runQuick() {
        adaptive = new AdaptiveBreaks().check(ClaimContext.quick(1));
        risk = new RidgelessRisk().check(ClaimContext.quick(1));
    }

    @Test
    void registryListsTheFamilyInCatalogOrder() {
        assertEquals(List.of("min-norm.gd", "min-norm.sgd", "min-norm.momentum", "min-norm.adaptive-breaks", "min-norm.generalization"),
                MinNormClaims.all().stream().map(c -> c.id()).toList());
    }

    @Test
    void quickRunsDoNotFail() {
        assertNotEquals(Verdict.FAILS, adaptive.verdict(), adaptive.measurement());
        assertNotEquals(Verdict.FAILS, risk.verdict(), risk.measurement());
        assertTrue(adaptive.numbers().get("gd_from_0.rel_dist") < 1e-8, "GD control reaches X⁺y");
    }

    // ---- adaptive-breaks

    private static End gd() {
        return new End("gd", false, 1e-15, 1e-15, 1e-16);
    }

    @Test
    void adaptiveDecisionTable() {
        assertEquals(Verdict.HOLDS, AdaptiveBreaks.decide(List.of(gd(), new End("adam", true, 0.3, 0.3, 1e-12))));
        // planted: "the adaptive run equals X⁺y"
        assertEquals(Verdict.FAILS, AdaptiveBreaks.decide(List.of(gd(), new End("adam", true, 1e-9, 1e-10, 1e-12))));
        assertEquals(Verdict.INCONCLUSIVE, AdaptiveBreaks.decide(List.of(gd(), new End("adam", true, 0.3, 0.3, 1e-2))),
                "not converged to an interpolant");
        assertEquals(Verdict.INCONCLUSIVE, AdaptiveBreaks.decide(List.of(new End("gd", false, 1e-3, 0, 1e-12),
                new End("adam", true, 0.3, 0.3, 1e-12))), "GD control off: setup suspect");
        assertEquals(Verdict.INCONCLUSIVE, AdaptiveBreaks.decide(List.of(gd())), "no adaptive run");
        assertEquals(Verdict.INCONCLUSIVE, AdaptiveBreaks.decide(List.of(gd(), new End("adam", true, Double.NaN, 0.3, 1e-12))));
    }

    @Test
    void plantedRowSpaceMethodPosingAsAdaptiveFails() {
        // GD labelled as an "adaptive" method does keep the bias: the rule must say FAILS
        MinNormProblem p = new MinNormProblem(20, 80, 3);
        double eta = 1.0 / p.smoothnessOfSum();
        End control = AdaptiveBreaks.measure("gd", false, p, Optimizers.sgd(eta), new double[80], 3000, ProgressListener.NONE, null);
        End fake = AdaptiveBreaks.measure("fake_adaptive", true, p, Optimizers.sgd(eta), p.randomInit(), 3000,
                ProgressListener.NONE, null);
        assertEquals(Verdict.FAILS, AdaptiveBreaks.decide(List.of(control, fake)));
    }

    @Test
    void quickAdaptiveRunsInterpolateAwayFromMinNorm() {
        for (String m : List.of("adam", "adagrad", "sign_descent")) {
            for (String init : List.of("from_0", "from_w0")) {
                String k = m + "_" + init;
                assertTrue(adaptive.numbers().get(k + ".rel_residual") <= AdaptiveBreaks.RESIDUAL_TOLERANCE, k);
                assertTrue(adaptive.numbers().get(k + ".null_component") >= AdaptiveBreaks.AWAY_THRESHOLD, k);
            }
        }
    }

    @Test
    void specialDataKeepsTheBias() {
        double[] dist = AdaptiveBreaks.specialDataDemo(5000);
        for (double v : dist) {
            assertTrue(v < 1e-6, "disjoint ±1 rows: adaptive methods from 0 stay in row(X), got " + v);
        }
    }

    // ---- generalization

    @Test
    void closedFormAndFiniteN() {
        assertEquals(0.25 * 0.5 / 0.5, RidgelessRisk.theory(0.5, 1, 0.25), 1e-15);
        assertEquals(2 * (1 - 0.5) + 0.25 / 1, RidgelessRisk.theory(2, 2, 0.25), 1e-15);
        assertEquals(0.25 * 50 / 49.0, RidgelessRisk.finiteN(100, 50, 1, 0.25), 1e-15);
        assertEquals(1 - 0.5 + 0.25 * 100 / 99.0, RidgelessRisk.finiteN(100, 200, 1, 0.25), 1e-15);
    }

    @Test
    void riskDecisionTable() {
        double[] g = {0.5, 0.9, 1.1, 2};
        double[] th = new double[g.length];
        double[] se = new double[g.length];
        double[] gap = new double[g.length];
        double[] twice = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            th[i] = RidgelessRisk.theory(g[i], 1, 0.25);
            se[i] = 0.01 * th[i];
            twice[i] = 2 * th[i];
        }
        assertEquals(Verdict.HOLDS, RidgelessRisk.decide(g, th, se, th, gap));
        assertEquals(Verdict.FAILS, RidgelessRisk.decide(g, th, se, twice, gap), "closed form off by a factor 2");
        double[] peakElsewhere = {5, th[1], th[2], th[3]};
        assertEquals(Verdict.FAILS, RidgelessRisk.decide(g, peakElsewhere, se, peakElsewhere, gap), "peak not near γ = 1");
        assertEquals(Verdict.INCONCLUSIVE, RidgelessRisk.decide(g, new double[] {Double.NaN, 1, 1, 1}, se, th, gap));
    }

    @Test
    void plantedWrongClosedFormFailsOnTheQuickMeasurements() {
        int m = RidgelessRisk.GAMMAS.length;
        double[] mean = new double[m];
        double[] se = new double[m];
        double[] gap = new double[m];
        double[] th = new double[m];
        double[] half = new double[m];
        double[] twice = new double[m];
        double[] swapped = new double[m];
        for (int k = 0; k < m; k++) {
            String key = "gamma_" + Format.g(RidgelessRisk.GAMMAS[k]);
            mean[k] = risk.numbers().get(key + ".measured");
            se[k] = risk.numbers().get(key + ".se");
            th[k] = risk.numbers().get(key + ".theory");
            gap[k] = risk.numbers().get(key + ".finite_n") - th[k];
            half[k] = th[k] / 2;
            twice[k] = th[k] * 2;
            double gm = RidgelessRisk.GAMMAS[k];
            // a plausible-looking wrong formula: the bias term without the (1 − 1/γ) factor
            swapped[k] = gm < 1 ? th[k] : 1 + 0.25 / (gm - 1);
        }
        assertEquals(risk.verdict(), RidgelessRisk.decide(RidgelessRisk.GAMMAS, mean, se, th, gap));
        assertEquals(Verdict.FAILS, RidgelessRisk.decide(RidgelessRisk.GAMMAS, mean, se, twice, gap));
        assertEquals(Verdict.FAILS, RidgelessRisk.decide(RidgelessRisk.GAMMAS, mean, se, half, gap));
        assertEquals(Verdict.FAILS, RidgelessRisk.decide(RidgelessRisk.GAMMAS, mean, se, swapped, gap));
    }

    @Test
    void ridgeMatchesNormalEquations() {
        org.sgdlab.linalg.Matrix x = org.sgdlab.linalg.Matrix.of(new double[][] {{1, 2, 0}, {0, 1, 3}});
        double[] y = {1, -1};
        double lambda = 0.7;
        double[] b = RidgelessRisk.ridge(x, y, lambda);
        // (XᵀX + λI) b = Xᵀy
        double[] xtxb = x.transposeTimes(x.times(b));
        double[] xty = x.transposeTimes(y);
        for (int j = 0; j < 3; j++) {
            assertEquals(xty[j], xtxb[j] + lambda * b[j], 1e-10);
        }
    }

    @Test
    void seedCaveatIsJudgedOnInterpolantsInBothSettings() {
        // where it can hold (β a vertex of the ℓ∞ ball) an adaptive interpolant beats X⁺y beyond 3 SE
        assertEquals(Boolean.TRUE, risk.sourceStatement().held(), risk.sourceStatement().explanation());
        java.util.Map<String, Double> x = risk.numbers();
        boolean someBetter = false;
        for (String m : List.of("adam", "adagrad", "sign_descent", "rmsprop")) {
            for (String setting : List.of("cube_vertex", "isotropic")) {
                String key = "caveat." + setting + "." + m + ".";
                assertTrue(x.get(key + "max_rel_residual") <= AdaptiveBreaks.RESIDUAL_TOLERANCE, key + " interpolates: " + x);
                assertTrue(x.get(key + "norm_ratio_min") >= 1 - 1e-9, key + " has at least the minimum norm");
                // isotropic truth: X⁺y = E[β | y] is Bayes-optimal, so no interval may lie above 0
                if (setting.equals("isotropic")) {
                    assertTrue(x.get(key + "gain_ci_low") <= 0, key + x.get(key + "gain_ci_low"));
                }
            }
            someBetter |= x.get("caveat.cube_vertex." + m + ".gain_ci_low") > 0;
        }
        assertTrue(someBetter, x.toString());
        assertEquals(Verdict.HOLDS, risk.verdict(), risk.measurement());
    }

    @Test
    void caveatDecisionTableAndPlantedBayesViolation() {
        AdaptiveInterpolants.Result better = new AdaptiveInterpolants.Result("a", 0.3, 0.2, 0.1, 0.01, 1.2, 1e-9);
        AdaptiveInterpolants.Result worse = new AdaptiveInterpolants.Result("b", 0.3, 0.4, -0.1, 0.01, 1.2, 1e-9);
        AdaptiveInterpolants.Result tie = new AdaptiveInterpolants.Result("c", 0.3, 0.3, 0.0, 0.01, 1.2, 1e-9);
        AdaptiveInterpolants.Result notInterpolating = new AdaptiveInterpolants.Result("d", 0.3, 0.1, 0.2, 0.01, 1.2, 1e-3);
        assertEquals(Boolean.TRUE, AdaptiveInterpolants.caveatShows(List.of(worse, better), 3));
        assertEquals(Boolean.FALSE, AdaptiveInterpolants.caveatShows(List.of(worse, worse), 3));
        assertEquals(null, AdaptiveInterpolants.caveatShows(List.of(worse, tie), 3));
        // a non-interpolant never counts, however good (the caveat is about interpolants; a ridge would be one such)
        assertEquals(null, AdaptiveInterpolants.caveatShows(List.of(worse, notInterpolating), 3));
        // an adaptive interpolant beating X⁺y on an isotropic truth contradicts Bayes optimality: the verdict fails
        assertEquals(Verdict.FAILS, RidgelessRisk.withBayesOptimality(Verdict.HOLDS, Boolean.TRUE));
        assertEquals(Verdict.HOLDS, RidgelessRisk.withBayesOptimality(Verdict.HOLDS, Boolean.FALSE));
        assertEquals(Verdict.HOLDS, RidgelessRisk.withBayesOptimality(Verdict.HOLDS, null));
    }

    @Test
    void cubeVertexTruthHasEqualCoordinatesAndUnitNorm() {
        double[] b = AdaptiveInterpolants.truth(AdaptiveInterpolants.Truth.CUBE_VERTEX, 40, new org.sgdlab.random.RandomStream(3));
        for (double v : b) {
            assertEquals(1 / Math.sqrt(40), Math.abs(v), 1e-15);
        }
        double[] iso = AdaptiveInterpolants.truth(AdaptiveInterpolants.Truth.ISOTROPIC, 40, new org.sgdlab.random.RandomStream(3));
        assertEquals(1, org.sgdlab.linalg.Kernels.norm2(iso), 1e-14);
    }
}
