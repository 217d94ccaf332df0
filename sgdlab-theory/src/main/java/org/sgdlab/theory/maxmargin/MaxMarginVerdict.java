package org.sgdlab.theory.maxmargin;

import java.util.List;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Format;

/**
 * The rule for "converges in direction to the max-margin SVM" (docs/sources.md#max-margin), applied to each run:
 * <ol>
 *   <li>the angle to ŵ decreases over the last two decades of t (angle(T) &lt; angle(T/100));</li>
 *   <li>the angle extrapolates to 0: in the fit angle ≈ C + A/ln t over those decades, |C| ≤ ½·angle(T)
 *       (a run heading to another direction has C ≈ its limit angle);</li>
 *   <li>‖w_t‖ grows like ‖ŵ‖·ln t: the fitted d‖w‖/d ln t is within 25 % of ‖ŵ‖;</li>
 *   <li>the loss falls like 1/t: the fitted exponent of loss against t is in [−1.25, −0.75].</li>
 * </ol>
 * HOLDS when every run meets all four; FAILS when a run's angle grows over the window or, once its loss
 * falls like 1/t, its extrapolated limit is clearly non-zero (C &gt; angle(T)/2 and C &gt; 1e-3); INCONCLUSIVE otherwise
 * (the run is heading the right way but the budget is too short for the rates to settle). A negative C
 * means the angle falls faster than A/ln t toward 0 over the window and counts as consistent with the
 * limit 0 (a fit over two decades of ln t cannot tell a negative intercept from 0).
 */
public final class MaxMarginVerdict {
    static final double NORM_GROWTH_TOLERANCE = 0.25;
    static final double LOSS_RATE_LOW = -1.25;
    static final double LOSS_RATE_HIGH = -0.75;

    private MaxMarginVerdict() {
    }

    static String rule() {
        return "each run: angle(T) < angle(T/100); the extrapolated angle C of angle ≈ C + A/ln t satisfies C ≤ angle(T)/2 "
                + "(a negative C: the trend goes to 0 faster than 1/ln t); d‖w‖/d ln t within 25% of ‖ŵ‖; loss ~ t^k with k in "
                + "[−1.25, −0.75]. All runs meet all four → HOLDS; a growing angle, or a clearly non-zero limit C once the loss falls like 1/t, "
                + "→ FAILS; "
                + "otherwise INCONCLUSIVE.";
    }

    /** The verdict over several runs: FAILS if one run FAILS, HOLDS if all HOLD, else INCONCLUSIVE. */
    static Verdict decide(List<MaxMarginRun> runs, double wHatNorm) {
        boolean all = !runs.isEmpty();
        for (MaxMarginRun r : runs) {
            Verdict v = decideRun(r, wHatNorm);
            if (v == Verdict.FAILS) {
                return Verdict.FAILS;
            }
            all &= v == Verdict.HOLDS;
        }
        return all ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /**
     * The rule for one run: angle(T) ≥ angle(T/100) → FAILS; loss not yet ~ t^k with k in [−1.25, −0.75] → INCONCLUSIVE;
     * the extrapolated limit C of angle ≈ C + A/ln t with C &gt; angle(T)/2 and C &gt; 1e-3 → FAILS; d‖w‖/d ln t more
     * than 25% from ‖ŵ‖ → INCONCLUSIVE; else (C ≤ angle(T)/2, a negative C included) → HOLDS.
     */
    public static Verdict decideRun(MaxMarginRun r, double wHatNorm) {
        if (!(r.finalAngle() < r.angleTwoDecadesBefore())) {
            return Verdict.FAILS;
        }
        // the fit angle ≈ C + A/ln t means something only once the loss is in its asymptotic 1/t regime (a test that,
        // unlike the norm growth, does not depend on which ŵ the run is measured against)
        if (!(r.lossRate() >= LOSS_RATE_LOW && r.lossRate() <= LOSS_RATE_HIGH)) {
            return Verdict.INCONCLUSIVE;
        }
        if (r.angleLimit() > 0.5 * r.finalAngle() && r.angleLimit() > 1e-3) {
            return Verdict.FAILS;
        }
        boolean normOk = Math.abs(r.normGrowth() / wHatNorm - 1) <= NORM_GROWTH_TOLERANCE;
        return normOk ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    public static String runRule() {
        return "angle(T) ≥ angle(T/100) → FAILS; loss not yet ~ t^k with k in [−1.25, −0.75] → INCONCLUSIVE; else the "
                + "extrapolated limit C of angle ≈ C + A/ln t decides: C > angle(T)/2 and C > 1e-3 → FAILS; C ≤ angle(T)/2 (a "
                + "negative C included: the trend goes to 0) → HOLDS if d‖w‖/d ln t is within 25% of ‖ŵ‖, else INCONCLUSIVE";
    }

    static String measurement(List<MaxMarginRun> runs, double wHatNorm) {
        StringBuilder sb = new StringBuilder();
        for (MaxMarginRun r : runs) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(r.name()).append(": angle ").append(Format.g(r.angleTwoDecadesBefore())).append(" → ")
                    .append(Format.g(r.finalAngle())).append(" rad over the last two decades, extrapolated limit ")
                    .append(Format.g(r.angleLimit())).append(", angle ~ (ln t)^").append(Format.g(r.angleRate()))
                    .append(", d‖w‖/d ln t = ").append(Format.g(r.normGrowth())).append(" vs ‖ŵ‖ = ").append(Format.g(wHatNorm))
                    .append(", loss ~ t^").append(Format.g(r.lossRate()))
                    .append(", margin gap ~ (ln t)^").append(Format.g(r.marginGapRate()));
        }
        return sb.toString();
    }

    /** Worst of the verdicts: any FAILS → FAILS, all HOLDS → HOLDS, else INCONCLUSIVE. */
    public static Verdict combine(List<Verdict> vs) {
        if (vs.contains(Verdict.FAILS)) {
            return Verdict.FAILS;
        }
        return vs.stream().allMatch(v -> v == Verdict.HOLDS) ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }
}
