package org.sgdlab.theory.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sgdlab.kernels.AnalyticNtk;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** ntk.closed-form: the quick run's verdict and numbers, the rule with planted wrong predictions. */
class ClosedFormClaimTest {
    private static ClaimResult result;
    private static List<ClosedFormClaim.Samples> samples;
    private static List<double[]> analytic;
    private static double[][] section92;

    @BeforeAll
    static void runOnce() {
        result = new ClosedFormClaim().check(ClaimContext.quick(1));
        samples = new ArrayList<>();
        analytic = new ArrayList<>();
        for (ClosedFormClaim.Setting s : ClosedFormClaim.settings(Budget.QUICK)) {
            samples.add(ClosedFormClaim.sample(s, 1, org.sgdlab.train.ProgressListener.NONE));
            analytic.add(ClosedFormClaim.analytic(AnalyticNtk.relu(s.depth())));
        }
        int[] s92 = ClosedFormClaim.section92(Budget.QUICK);
        section92 = ClosedFormClaim.sampleSection92(s92[0], s92[1], 1);
    }

    @Test
    void theClaimOnItsQuickBudget() {
        assertEquals(Verdict.HOLDS, result.verdict(), result.measurement());
        assertEquals(new ClosedFormClaim().expectedVerdict(Budget.QUICK), result.verdict());
        var x = result.numbers();
        for (int d : new int[] {2, 3}) {
            assertEquals(-0.5, x.get("depth" + d + ".slope_log_error_vs_log_m"), ClosedFormClaim.SLOPE_TOLERANCE, x.toString());
        }
        // the two-layer He kernel at unit inputs, (2(π − θ)cos θ + sin θ)/π, and docs/ntk.md's depth-3 table
        for (int k = 0; k < ClosedFormClaim.ANGLES.length; k++) {
            double t = ClosedFormClaim.ANGLES[k];
            assertEquals((2 * (Math.PI - t) * Math.cos(t) + Math.sin(t)) / Math.PI,
                    x.get("depth2.analytic_theta_" + ClosedFormClaim.ANGLE_NAMES[k]), 1e-12);
        }
        assertEquals(2.24423, x.get("depth3.analytic_theta_pi/6"), 1e-5);
        assertEquals(0.31831, x.get("depth3.analytic_theta_pi"), 1e-5);
        assertEquals(Boolean.FALSE, result.sourceStatement().held(), result.sourceStatement().explanation());
        assertTrue(result.plots().size() >= 4);
    }

    @Test
    void theRuleIsReproducedFromTheSamples() {
        assertEquals(Verdict.HOLDS, ClosedFormClaim.decide(samples, analytic, -0.5, section92, ClosedFormClaim.corrected98()));
    }

    @Test
    void plantedWrongPredictionsFail() {
        double[] corrected = ClosedFormClaim.corrected98();
        // a rate of m^{−1} or m^{−1/4}
        assertEquals(Verdict.FAILS, ClosedFormClaim.decide(samples, analytic, -1.0, section92, corrected));
        assertEquals(Verdict.FAILS, ClosedFormClaim.decide(samples, analytic, -0.25, section92, corrected));
        // a kernel 5 % off (e.g. a wrong c_σ or a dropped term): the error stops shrinking and the mean excludes it
        List<double[]> off = new ArrayList<>();
        for (double[] a : analytic) {
            double[] b = a.clone();
            for (int k = 0; k < b.length; k++) {
                b[k] *= 1.05;
            }
            off.add(b);
        }
        assertEquals(Verdict.FAILS, ClosedFormClaim.decide(samples, off, -0.5, section92, corrected));
        // the depth-3 kernel predicted for the two-layer network and vice versa
        assertEquals(Verdict.FAILS, ClosedFormClaim.decide(samples, List.of(analytic.get(1), analytic.get(0)), -0.5, section92, corrected));
        // eq. 9.8 as printed for the §9.2 network
        assertEquals(Verdict.FAILS, ClosedFormClaim.decide(samples, analytic, -0.5, section92, ClosedFormClaim.printed98()));
        assertTrue(ClosedFormClaim.excludes(section92, ClosedFormClaim.printed98()));
        assertTrue(!ClosedFormClaim.excludes(section92, corrected));
    }
}
