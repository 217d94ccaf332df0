package org.sgdlab.theory.ntk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** ntk.complexity: the quick verdict, the measure, the corruption, Spearman, and planted wrong predictions. */
class ComplexityClaimTest {
    private static ClaimResult result;

    @BeforeAll
    static void runOnce() {
        result = new ComplexityClaim().check(ClaimContext.quick(1));
    }

    @Test
    void theClaimOnItsQuickBudget() {
        assertEquals(Verdict.HOLDS, result.verdict(), result.measurement());
        assertEquals(new ComplexityClaim().expectedVerdict(Budget.QUICK), result.verdict());
        var x = result.numbers();
        assertTrue(x.get("max_cholesky_relative_residual") < 1e-12, x.toString());
        assertEquals(0.0, x.get("max_train_error_end"), "the wide network fits every corrupted training set");
        assertTrue(x.get("p1_000.complexity_eq911") > x.get("p0_000.complexity_eq911"), x.toString());
        assertTrue(x.get("p1_000.test_error_end") > 3 * x.get("p0_000.test_error_end"), x.toString());
        // the issue's √(2yᵀH⁻¹y/n) is √2 × eq. 9.11 on this H* (tr H* = n/2)
        assertEquals(Math.sqrt(2) * x.get("p0_000.complexity_eq911"), x.get("p0_000.issue_form_sqrt_2yHy_over_n"), 1e-9);
    }

    @Test
    void equation911OnAHandExample() {
        // K = diag(2, 1/2), y = (1, −1): yᵀK⁻¹y = 1/2 + 2 = 5/2, tr K = 5/2, √(2·5/2·5/2)/2 = √(25/2)/2
        double[] k = {2, 0, 0, 0.5};
        double[] y = {1, -1};
        assertEquals(Math.sqrt(12.5) / 2, ComplexityClaim.equation911(k, y, new double[] {0.5, -2}), 1e-15);
    }

    @Test
    void corruptionIsNestedAndHasTheRightSize() {
        double[] y = new double[50];
        java.util.Arrays.fill(y, 1.0);
        double[] a = ComplexityClaim.corrupt(y, 0.4, new RandomStream(7));
        double[] b = ComplexityClaim.corrupt(y, 0.8, new RandomStream(7));
        assertArrayEquals(y, ComplexityClaim.corrupt(y, 0, new RandomStream(7)));
        int changedA = 0;
        for (int i = 0; i < y.length; i++) {
            if (a[i] != y[i]) {
                changedA++;
                assertEquals(a[i], b[i], "the smaller corrupted set is inside the larger one, same random labels");
            }
        }
        assertTrue(changedA > 5 && changedA <= 20, "about half of the 20 replaced labels flip: " + changedA);
    }

    @Test
    void spearmanOnKnownValues() {
        assertEquals(1.0, NtkStats.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 35, 100}), 1e-15);
        assertEquals(-1.0, NtkStats.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-15);
        // ranks of (1, 2, 2, 3) are (1, 2.5, 2.5, 4); against (1, 2, 3, 4): ρ = 4.5/√(4.5·5) = 0.9487
        assertEquals(4.5 / Math.sqrt(4.5 * 5), NtkStats.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4}), 1e-15);
        assertTrue(Double.isNaN(NtkStats.spearman(new double[] {1, 2, 3}, new double[] {5, 5, 5})));
    }

    @Test
    void plantedWrongPredictionsFail() {
        double[] p = {0, 1.0 / 3, 2.0 / 3, 1};
        double[] c = new double[4];
        double[] e = new double[4];
        var x = result.numbers();
        String[] keys = {"p0_000", "p0_3333", "p0_6667", "p1_000"};
        for (int i = 0; i < 4; i++) {
            c[i] = x.get(keys[i] + ".complexity_eq911");
            e[i] = x.get(keys[i] + ".test_error_end");
        }
        assertEquals(Verdict.HOLDS, ComplexityClaim.decide(p, c, e));
        // a measure that ignores the labels (constant): no trend to track
        assertEquals(Verdict.FAILS, ComplexityClaim.decide(p, new double[] {c[0], c[0], c[0], c[0]}, e));
        // a measure that falls as labels get noisier
        assertEquals(Verdict.FAILS, ComplexityClaim.decide(p, new double[] {-c[0], -c[1], -c[2], -c[3]}, e));
    }
}
