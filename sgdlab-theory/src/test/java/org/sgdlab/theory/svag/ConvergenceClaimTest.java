package org.sgdlab.theory.svag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.finitesum.Normal;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;

/** svag.convergence: the quick run's verdict, the coupled levels against the exact moment recursion, planted wrong predictions. */
class ConvergenceClaimTest {
    private static final double Z = Normal.bonferroniZ(ConvergenceClaim.FAMILY_ALPHA, ConvergenceClaim.comparisons());

    /** E‖x_K‖² of SVAG at ℓ (for Gaussian noise: Euler–Maruyama with h = η/ℓ) by its exact moment recursion. */
    static double exactLevel(int l) {
        double h = ConvergenceClaim.ETA / l;
        int steps = (int) Math.round(ConvergenceClaim.HORIZON / h);
        double total = 0;
        for (int i = 0; i < 2; i++) {
            double a = 1 - h * ConvergenceClaim.LAMBDA[i];
            double m = ConvergenceClaim.X0[i];
            double p = 0;
            for (int k = 0; k < steps; k++) {
                m *= a;
                p = a * a * p + h * ConvergenceClaim.ETA * ConvergenceClaim.SIGMA_SHAPE[i * 3];
            }
            total += m * m + p;
        }
        return total;
    }

    @Test
    void catalogIds() {
        assertEquals(List.of("svag.convergence"), SvagClaims.all().stream().map(Claim::id).toList());
    }

    @Test
    void quickRunHolds() {
        ClaimResult r = new ConvergenceClaim().check(ClaimContext.quick(1));
        assertEquals(new ConvergenceClaim().expectedVerdict(Budget.QUICK), r.verdict(), r.measurement());
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals(3, r.plots().size());
        assertNotNull(r.sourceStatement());
        assertEquals(Boolean.TRUE, r.sourceStatement().held());
    }

    @Test
    void coupledLevelsMatchTheExactMomentRecursion() {
        ConvergenceClaim.Levels lv = ConvergenceClaim.levels(2_048, 256, 3);
        for (int i = 0; i < ConvergenceClaim.LEVELS.length; i++) {
            int l = ConvergenceClaim.LEVELS[i];
            assertEquals(exactLevel(l), lv.mean()[i], 5 * lv.meanSe()[i], "ℓ = " + l);
        }
        for (int i = 0; i < lv.diff().length; i++) {
            double exactDiff = exactLevel(ConvergenceClaim.LEVELS[i + 1]) - exactLevel(ConvergenceClaim.LEVELS[i]);
            assertEquals(exactDiff, lv.diff()[i], 5 * lv.diffSe()[i], "difference after ℓ = " + ConvergenceClaim.LEVELS[i]);
            assertTrue(lv.diffSe()[i] < lv.meanSe()[i] / 5, "the coupling sharpens the difference");
        }
        // the recursion's own limit is the SDE's exact value
        assertEquals(ConvergenceClaim.exactLimit(), exactLevel(1 << 14), 1e-4);
    }

    @Test
    void sameSeedSameBits() {
        ConvergenceClaim.Levels a = ConvergenceClaim.levels(64, 64, 5);
        ConvergenceClaim.Levels b = ConvergenceClaim.levels(64, 64, 5);
        assertArrayEquals(a.mean(), b.mean(), 0.0);
        assertEquals(a.emFine(), b.emFine(), 0.0);
    }

    @Test
    void plantedWrongPredictionsFail() {
        List<ConvergenceClaim.Moments> ms = ConvergenceClaim.moments(4_000, new RandomStream(7));
        assertEquals(Verdict.HOLDS, ConvergenceClaim.decideMoments(ms, l -> l, Z));
        // planted: SVAG does not amplify the noise (Cov ĝ = σ²Σ), or amplifies it by ℓ²
        assertEquals(Verdict.FAILS, ConvergenceClaim.decideMoments(ms, l -> 1, Z));
        assertEquals(Verdict.FAILS, ConvergenceClaim.decideMoments(ms, l -> l * l, Z));

        ConvergenceClaim.Levels lv = ConvergenceClaim.levels(2_048, 1_024, 8);
        double limit = ConvergenceClaim.exactLimit();
        assertEquals(Verdict.HOLDS, ConvergenceClaim.decideLevels(lv, -1, limit, Z));
        // planted: second-order convergence (differences ∝ 1/ℓ²), or no convergence
        assertEquals(Verdict.FAILS, ConvergenceClaim.decideLevels(lv, -2, limit, Z));
        assertEquals(Verdict.FAILS, ConvergenceClaim.decideLevels(lv, 0, limit, Z));
        // planted: the limit of SGD without noise scaling (the SDE with noise σΣ^{1/2}dW, no √η): E‖X_T‖² larger by the
        // factor 1/η in its covariance part
        double noSqrtEta = limit + (1 / ConvergenceClaim.ETA - 1) * (limit - meanPart());
        assertEquals(Verdict.FAILS, ConvergenceClaim.decideLevels(lv, -1, noSqrtEta, Z));
        // planted: plain SGD's (ℓ = 1) E g(x_T) taken as the limit; its gap 0.013 to the SDE needs the Richardson value to
        // ±0.006 (2z·se), i.e. about 16 000 paths (the full budget has 65 536; the quick one's 2 048 cannot tell)
        ConvergenceClaim.Levels many = ConvergenceClaim.levels(16_384, 256, 9);
        assertEquals(Verdict.HOLDS, ConvergenceClaim.decideLevels(many, -1, limit, Z));
        assertEquals(Verdict.FAILS, ConvergenceClaim.decideLevels(many, -1, exactLevel(1), Z));
    }

    private static double meanPart() {
        double[] m = ConvergenceClaim.sde().mean(ConvergenceClaim.X0, ConvergenceClaim.HORIZON);
        return m[0] * m[0] + m[1] * m[1];
    }
}
