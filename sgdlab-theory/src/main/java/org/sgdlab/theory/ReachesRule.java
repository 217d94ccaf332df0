package org.sgdlab.theory;

import org.sgdlab.report.Verdict;

/**
 * The rule "a quantity that should go to 0 is at most a tolerance at step T", with the min-norm claims' way of telling a run
 * still converging from one that stalled: HOLDS when the value at T is ≤ the tolerance; FAILS when it is not and it did not
 * at least halve between T/2 and T (the run stalled above the tolerance, or grew); INCONCLUSIVE otherwise (still falling
 * at the end of the budget). Used by {@link org.sgdlab.theory.minnorm.MinNormVerdict} (relative distance to the oracle)
 * and by user spec files' predictions "METRIC ≤ TOL at T".
 */
public final class ReachesRule {
    private ReachesRule() {
    }

    /**
     * The verdict for one run.
     *
     * @param atT       the quantity at step T
     * @param atHalfT   the same at exactly step T/2 (integer division)
     * @param tolerance the largest value that holds
     */
    public static Verdict decide(double atT, double atHalfT, double tolerance) {
        if (atT <= tolerance) {
            return Verdict.HOLDS;
        }
        return atT < 0.5 * atHalfT ? Verdict.INCONCLUSIVE : Verdict.FAILS;
    }

    /** The rule as text for tolerance {@code tolerance}. */
    public static String rule(String quantity, double tolerance) {
        return "HOLDS if every run ends with " + quantity + " ≤ " + Format.g(tolerance) + " at T; FAILS when a run is above that "
                + "and " + quantity + " at T is not below half its value at T/2 (stalled); INCONCLUSIVE when a run is still "
                + "converging at the end of the budget.";
    }

    /** Several runs' verdicts: FAILS if one FAILS, HOLDS if all HOLD (and there is at least one), else INCONCLUSIVE. */
    public static Verdict combine(Iterable<Verdict> verdicts) {
        boolean all = true;
        boolean any = false;
        for (Verdict v : verdicts) {
            if (v == Verdict.FAILS) {
                return Verdict.FAILS;
            }
            any = true;
            all &= v == Verdict.HOLDS;
        }
        return all && any ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }
}
