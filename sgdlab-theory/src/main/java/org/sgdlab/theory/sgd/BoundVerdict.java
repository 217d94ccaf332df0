package org.sgdlab.theory.sgd;

import org.sgdlab.report.Verdict;

/**
 * The shared decision rules of the SGD checks, separate from the runs so that planted wrong
 * predictions can be shown to fail.
 *
 * <p><b>Upper bound on an expectation at every probed k.</b> At each k the Monte-Carlo estimate has a
 * two-sided interval mean ± z·se with z chosen by Bonferroni so that all intervals of the check hold
 * together with probability ≥ 95 %. The bound HOLDS when at every k the whole interval lies below the
 * bound (mean + z·se ≤ bound: the bound is confirmed beyond Monte-Carlo error; a relative slack of
 * {@link #RELATIVE_SLACK} absorbs rounding where the two coincide exactly, e.g. k = 0); it FAILS when
 * at some k the estimate exceeds the bound by more than {@link #FAIL_Z} standard errors; otherwise
 * INCONCLUSIVE (the estimate is within Monte-Carlo error of the bound).
 *
 * <p><b>Exponent.</b> A fitted log-log slope agrees with the prediction when |slope − predicted| ≤
 * {@link #EXPONENT_TOLERANCE}; it contradicts it when the difference exceeds {@link #EXPONENT_FAIL}.
 */
public final class BoundVerdict {
    /** Standard errors beyond the bound that refute it. */
    public static final double FAIL_Z = 5.0;
    /** Family-wise error level of the confidence intervals. */
    public static final double FAMILY_ALPHA = 0.05;
    /** Relative slack for exact equality of estimate and bound (rounding). */
    public static final double RELATIVE_SLACK = 1e-9;
    /** |fitted − predicted exponent| that agrees. */
    public static final double EXPONENT_TOLERANCE = 0.2;
    /** |fitted − predicted exponent| that contradicts. */
    public static final double EXPONENT_FAIL = 0.4;

    private BoundVerdict() {
    }

    /** The upper-bound rule at every index; the first violating index is not reported here (see {@link #worstIndex}). */
    public static Verdict upperBound(double[] mean, double[] se, double[] bound, double z) {
        boolean allHold = true;
        for (int k = 0; k < mean.length; k++) {
            double slack = RELATIVE_SLACK * Math.abs(bound[k]);
            if (!Double.isFinite(mean[k]) || mean[k] - FAIL_Z * se[k] > bound[k] + slack) {
                return Verdict.FAILS;
            }
            if (!(mean[k] + z * se[k] <= bound[k] + slack)) {
                allHold = false;
            }
        }
        return allHold ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** The index where (mean + z·se)/bound is largest: the tightest point of the bound. */
    public static int worstIndex(double[] mean, double[] se, double[] bound, double z) {
        int w = 0;
        double worst = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < mean.length; k++) {
            double r = (mean[k] + z * se[k]) / bound[k];
            if (r > worst) {
                worst = r;
                w = k;
            }
        }
        return w;
    }

    /** The exponent rule. */
    public static Verdict exponent(double fitted, double predicted) {
        double diff = Math.abs(fitted - predicted);
        if (!Double.isFinite(fitted) || diff > EXPONENT_FAIL) {
            return Verdict.FAILS;
        }
        return diff <= EXPONENT_TOLERANCE ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** FAILS if any part fails, HOLDS if all hold, else INCONCLUSIVE. */
    public static Verdict combine(Verdict... parts) {
        boolean all = true;
        for (Verdict v : parts) {
            if (v == Verdict.FAILS) {
                return Verdict.FAILS;
            }
            all &= v == Verdict.HOLDS;
        }
        return all ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** "family-wise 95 % (Bonferroni over n intervals: z = …)". */
    static String zText(int comparisons, double z) {
        return "family-wise " + Math.round(100 * (1 - FAMILY_ALPHA)) + "% intervals, Bonferroni over " + comparisons
                + " intervals: z = " + org.sgdlab.theory.Format.g(z);
    }
}
