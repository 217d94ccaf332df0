package org.sgdlab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;

/**
 * Runs every claim of the catalog on its quick budget and checks the measurements against the oracles.
 * The foundation's claims are theorems that hold on these setups; a FAILS here means a regression.
 */
class QuickCatalogTest {
    static List<String> ids() {
        return ClaimCatalog.all().stream().map(Claim::id).toList();
    }

    @Test
    void catalogHasTheImplementedClaims() {
        assertEquals(List.of("min-norm.gd", "min-norm.sgd", "min-norm.momentum", "min-norm.adaptive-breaks", "min-norm.generalization",
                "max-margin.gd-logistic", "max-margin.exp-loss", "max-margin.sgd", "max-margin.support-vectors", "max-margin.seed-exp1",
                "max-margin.lr-robustness", "max-margin.init-robustness", "max-margin.reg-path", "max-margin.multiclass", "max-margin.loss-table", "max-margin.fast", "max-margin.homogeneous-kkt", "steepest.lp-direction", "steepest.sphere", "steepest.lp-sphere", "steepest.fig81", "mirror.bregman", "steepest.margin-geometry", "mirror.diagonal-net",
                "sgd.unbiased", "sgd.noise-floor", "sgd.strongly-convex", "sgd.mnist-4v9",
                "gd.descent-lemma", "gd.nonconvex-rate", "nesterov.acceleration", "adagrad.rate", "bn.seed-exp4", "bn.weight-norm",
                "eos.sharpness", "nuclear-norm.deep-linear", "nuclear-norm.seed-exp3", "diagonal.depth",
                "ntk.closed-form", "ntk.lazy-training", "ntk.eigen-speed", "ntk.complexity", "ntk.kernel-svm", "sde.ou-toy",
                "sde.weak-order", "sde.linear-scaling", "svag.convergence", "saddle.perturbed-gd", "scale-invariance.identities",
                "exp-lr.equivalence", "scale-invariance.convergence", "product-loss.explosion"), ids());
        assertEquals(5, ClaimCatalog.select(List.of("min-norm")).size());
    }

    @Test
    void everyClaimLivesInItsFamilysPackage() {
        for (Claim c : ClaimCatalog.all()) {
            String family = c.id().substring(0, c.id().indexOf('.')).replace("-", "");
            // 002 ch. 13's three families share one package (scaleinv) and one registry
            family = Map.of("scaleinvariance", "scaleinv", "explr", "scaleinv", "productloss", "scaleinv").getOrDefault(family, family);
            assertEquals("org.sgdlab.theory." + family, c.getClass().getPackageName(), c.id());
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void quickCheckMeasuresAndDecides(String id) {
        ClaimResult r = ClaimCatalog.byId(id).check(ClaimContext.quick(1));
        assertEquals(id, r.id());
        assertEquals(List.of(), LabelledSteps.unprobed(r), id + ": numbers labelled with a step that was not probed");
        assertEquals(ClaimCatalog.byId(id).expectedVerdict(Budget.QUICK), r.verdict(), id + ": the claim's declared verdict; "
                + r.measurement());
        Map<String, Double> x = r.numbers();
        if (id.equals("steepest.sphere")) {
            // source 004's retraction (w − ηφ)/√(1+η²) is exact in real arithmetic (the verdict) but drifts past 1e-14 in
            // float64 (the rounding of √(1+η²) repeats every step): a float64 finding beside the verdict, not the verdict
            assertEquals(Boolean.FALSE, r.numericalFindings().get(0).held(), r.measurement());
            x.forEach((k, v) -> {
                if (k.startsWith("drift.") && k.endsWith(".normalize")) {
                    assertTrue(v <= 1e-15, k + " = " + v);
                }
            });
            assertTrue(x.entrySet().stream().anyMatch(e -> e.getKey().endsWith(".seed004_literal") && e.getValue() > 1e-14),
                    x.toString());
        } else if (id.equals("max-margin.loss-table")) {
            // the verdict judges the theory (exponential tails → SVM, hinge losses stop at the first zero-loss point): HOLDS;
            // source 001 exp. 7's hinge row ("✅ in finite steps" to the SVM) is the refuted seed statement
            assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
            assertEquals(Boolean.FALSE, r.sourceStatement().held(), r.measurement());
        } else if (id.equals("nuclear-norm.deep-linear")) {
            // the nuclear-norm picture fails on undersampled completion (nuclearnorm.DeepLinearClaimTest)
            assertEquals(Verdict.FAILS, r.verdict(), r.measurement());
            assertEquals(Boolean.FALSE, r.sourceStatement().held(), r.measurement());
        } else if (id.equals("nuclear-norm.seed-exp3")) {
            // full observation forces W = Y at any depth (the verdict); source 001 exp. 3's conclusions and its 'rank 2'
            // are refuted (nuclearnorm.SourceExperiment3ClaimTest)
            assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
            assertEquals(Boolean.FALSE, r.sourceStatement().held(), r.measurement());
        } else if (id.equals("exp-lr.equivalence") || id.equals("product-loss.explosion")) {
            // the corrected statements hold (the verdict); 002's printed forms (η_t without η, the exponent 1/k − 1) are refuted
            assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
            assertEquals(Boolean.FALSE, r.sourceStatement().held(), r.measurement());
        } else if (id.equals("bn.seed-exp4")) {
            // the theory (no total norm levels off on separable data) holds; source 001 exp. 4's "with BN the weight norm's
            // growth is suppressed and stabilizes" is refuted (bn.SourceExperiment4ClaimTest)
            assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
            assertEquals(Boolean.FALSE, r.sourceStatement().held(), r.measurement());
        } else {
            assertFalse(r.verdict() == Verdict.FAILS, id + " failed: " + r.measurement());
        }
        assertFalse(r.plots().isEmpty());
        assertFalse(r.traces().isEmpty());
        assertFalse(r.rule().isBlank());
        if (id.equals("min-norm.gd") || id.equals("min-norm.sgd") || id.equals("min-norm.momentum")) {
            assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
            x.forEach((k, v) -> {
                if (k.endsWith(".final_rel_dist")) {
                    assertTrue(v <= 1e-8, k + " = " + v);
                }
                if (k.endsWith(".max_null_drift")) {
                    assertTrue(v <= 1e-12, k + " = " + v);
                }
            });
        } else if (id.startsWith("max-margin.")) {
            assertTrue(x.get("svm.kkt_residual") == null || x.get("svm.kkt_residual") <= 1e-10, "oracle KKT " + x);
        }
        if (id.equals("max-margin.lr-robustness")) {
            // source 001's step sizes on its summed loss: lr 1 and 10 freeze in float64 after the first jump, so the
            // the source's "all converge" is refuted by the run (documented in the claim)
            assertEquals(Boolean.FALSE, r.sourceStatement().held(), r.measurement());
        } else if (id.equals("steepest.sphere")) {
            assertTrue(x.get("exact60.max_drift") < 1e-50, "the retraction is exact in 60-digit arithmetic: " + x);
        } else if (id.equals("max-margin.loss-table")) {
            // every data set's hinge row is the refuted one; the squared-hinge rows are not
            long hingeRows = x.entrySet().stream().filter(e -> e.getKey().endsWith("_hinge.row_refuted")
                    && !e.getKey().contains("squared")).peek(e -> assertEquals(1.0, e.getValue(), e.getKey())).count();
            assertTrue(hingeRows >= 1, "no hinge rows in " + x.keySet());
        } else if (id.equals("nuclear-norm.deep-linear")) {
            assertTrue(x.size() > 0, "measured " + x); // its FAILS and refuted statement are asserted above
        } else if (id.equals("nuclear-norm.seed-exp3")) {
            assertEquals(1.0, x.get("rank_Y"), "measured " + x);
        } else if (id.equals("bn.seed-exp4")) {
            assertTrue(x.get("inits_refuting") >= 3, "measured " + x);
        } else if (id.equals("ntk.kernel-svm")) {
            // declared INCONCLUSIVE on the quick budget: 300 steps part the narrow network from the linearized model by
            // less than the 5° the rule calls a departure (ntk.KernelSvmClaimTest); the lazy part is decided
            assertTrue(x.get("max_gap_widest_to_linearized_deg") <= 2, "measured " + x);
        } else if (!id.equals("max-margin.seed-exp1")) {
            assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        } else {
            assertNotNull(r.sourceStatement());
            assertEquals(Boolean.FALSE, r.sourceStatement().held(), "the source's 0.001 rad is far from the measured angle");
            assertTrue(x.get("angle_to_intercept_svm_at_5000") > 0.01, "measured " + x);
        }
    }

    @Test
    void sameSeedSameNumbersDifferentSeedDifferentNumbers() {
        Claim c = ClaimCatalog.byId("min-norm.sgd");
        ClaimResult a = c.check(ClaimContext.quick(3));
        ClaimResult b = c.check(ClaimContext.quick(3));
        ClaimResult other = c.check(ClaimContext.quick(4));
        assertEquals(a.numbers(), b.numbers());
        for (int i = 0; i < a.traces().size(); i++) {
            assertTrue(a.traces().get(i).sameValues(b.traces().get(i)));
        }
        assertFalse(a.numbers().equals(other.numbers()));
    }
}
