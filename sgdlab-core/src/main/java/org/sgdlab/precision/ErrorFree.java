package org.sgdlab.precision;

/**
 * Error-free transformations of IEEE-754 binary64 arithmetic (round to nearest, no overflow): each returns the rounding
 * error of one operation exactly, so that a + b = s + e or a·b = p + e holds in real arithmetic.
 *
 * <ul>
 *   <li>TwoSum (Knuth, TAOCP vol. 2, §4.2.2, Thm B; Møller 1965): s = fl(a + b), e = (a + b) − s for any a, b, in six
 *       operations and no branch.</li>
 *   <li>FastTwoSum (Dekker 1971): the same in three operations when |a| ≥ |b| (or a = 0).</li>
 *   <li>TwoProduct: p = fl(a·b), e = a·b − p = fma(a, b, −p), exact unless a·b underflows (Muller et al., <i>Handbook of
 *       Floating-Point Arithmetic</i>, 2nd ed., §4.4).</li>
 * </ul>
 * The error term is returned as the method's value; the rounded result is recomputed by the caller as {@code a + b} or
 * {@code a * b} (Java evaluates both the same way every time, so the pair is consistent).
 */
public final class ErrorFree {
    private ErrorFree() {
    }

    /** The rounding error e of s = fl(a + b): a + b = s + e exactly (Knuth's TwoSum). */
    public static double twoSumError(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    /** The rounding error e of s = fl(a + b) when |a| ≥ |b|: a + b = s + e exactly (Dekker's FastTwoSum). */
    public static double fastTwoSumError(double a, double b, double s) {
        return b - (s - a);
    }

    /** The rounding error e of p = fl(a·b): a·b = p + e exactly unless a·b underflows (TwoProduct by fma). */
    public static double twoProductError(double a, double b, double p) {
        return Math.fma(a, b, -p);
    }
}
