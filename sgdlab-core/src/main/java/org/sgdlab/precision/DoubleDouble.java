package org.sgdlab.precision;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A double-word number x = hi + lo with |lo| ≤ ½ulp(hi) (hi = fl(hi + lo)): about 32 significant decimal digits with the
 * exponent range of a double. Immutable.
 *
 * <p>The operations are the algorithms analysed by Joldes, Muller and Popescu, "Tight and rigorous error bounds for basic
 * building blocks of double-word arithmetic", ACM TOMS 44(2), 2017, built on {@link ErrorFree}; with u = 2⁻⁵³ their
 * relative error bounds are
 * <ul>
 *   <li>{@link #add}/{@link #subtract}: AccurateDWPlusDW (their Algorithm 6), ≤ 3u² + 13u³;</li>
 *   <li>{@link #multiply}: DWTimesDW with fma (Algorithm 12), ≤ 5u²;</li>
 *   <li>{@link #divide}: DWDivDW (Algorithm 17) with DWTimesFP (Algorithm 7), ≤ 15u² + 56u³;</li>
 * </ul>
 * for operands and results in the normal range (no overflow, no underflow of the low words' products). u² ≈ 1.23·10⁻³²,
 * so the working unit roundoff is taken as {@link #UNIT_ROUNDOFF} = 16u² in error estimates. The tests compare every
 * operation with {@link BigDecimal} at 60 digits against these bounds.
 */
public final class DoubleDouble implements Comparable<DoubleDouble> {
    /** u² = 2⁻¹⁰⁶, the square of float64's unit roundoff. */
    public static final double U2 = 0x1.0p-106;
    /** 16u² ≈ 2·10⁻³¹: a relative error bound of every operation of this class (the largest above is 15u² + 56u³). */
    public static final double UNIT_ROUNDOFF = 16 * U2;
    public static final DoubleDouble ZERO = new DoubleDouble(0, 0);
    public static final DoubleDouble ONE = new DoubleDouble(1, 0);

    private final double hi;
    private final double lo;

    private DoubleDouble(double hi, double lo) {
        this.hi = hi;
        this.lo = lo;
    }

    /** The double {@code x} exactly. */
    public static DoubleDouble of(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("a double-double must be finite, got " + x);
        }
        return new DoubleDouble(x, 0);
    }

    /** The double-word hi + lo renormalized (hi = fl(hi + lo)); any two finite doubles. */
    public static DoubleDouble of(double hi, double lo) {
        double s = hi + lo;
        return new DoubleDouble(s, ErrorFree.twoSumError(hi, lo, s));
    }

    /** {@code x} rounded to the nearest double-word (hi the nearest double, lo the nearest double to the rest). */
    public static DoubleDouble of(BigDecimal x) {
        double h = x.doubleValue();
        double l = x.subtract(new BigDecimal(h)).doubleValue();
        return of(h, l);
    }

    /** The high word (the nearest double to the value). */
    public double hi() {
        return hi;
    }

    /** The low word: value − hi. */
    public double lo() {
        return lo;
    }

    /** The nearest double. */
    public double doubleValue() {
        return hi;
    }

    /** The exact value hi + lo. */
    public BigDecimal toBigDecimal() {
        return new BigDecimal(hi).add(new BigDecimal(lo));
    }

    /** The value rounded to {@code mc}. */
    public BigDecimal toBigDecimal(MathContext mc) {
        return toBigDecimal().round(mc);
    }

    public DoubleDouble negate() {
        return new DoubleDouble(-hi, -lo);
    }

    public DoubleDouble abs() {
        return hi < 0 || hi == 0 && lo < 0 ? negate() : this;
    }

    /** this + y (AccurateDWPlusDW, relative error ≤ 3u² + 13u³). */
    public DoubleDouble add(DoubleDouble y) {
        double sh = hi + y.hi;
        double sl = ErrorFree.twoSumError(hi, y.hi, sh);
        double th = lo + y.lo;
        double tl = ErrorFree.twoSumError(lo, y.lo, th);
        double c = sl + th;
        double vh = sh + c;
        double vl = ErrorFree.fastTwoSumError(sh, c, vh);
        double w = tl + vl;
        double zh = vh + w;
        return new DoubleDouble(zh, ErrorFree.fastTwoSumError(vh, w, zh));
    }

    /** this − y. */
    public DoubleDouble subtract(DoubleDouble y) {
        return add(y.negate());
    }

    /** this · y (DWTimesDW with fma, relative error ≤ 5u²). */
    public DoubleDouble multiply(DoubleDouble y) {
        double ch = hi * y.hi;
        double cl1 = ErrorFree.twoProductError(hi, y.hi, ch);
        double tl0 = lo * y.lo;
        double tl1 = Math.fma(hi, y.lo, tl0);
        double cl2 = Math.fma(lo, y.hi, tl1);
        double cl3 = cl1 + cl2;
        double zh = ch + cl3;
        return new DoubleDouble(zh, ErrorFree.fastTwoSumError(ch, cl3, zh));
    }

    /** this · y for a double y (DWTimesFP, relative error ≤ 1.5u² + 4u³). */
    public DoubleDouble multiply(double y) {
        double ch = hi * y;
        double cl1 = ErrorFree.twoProductError(hi, y, ch);
        double cl2 = lo * y;
        double th = ch + cl2;
        double tl1 = ErrorFree.fastTwoSumError(ch, cl2, th);
        double tl2 = tl1 + cl1;
        double zh = th + tl2;
        return new DoubleDouble(zh, ErrorFree.fastTwoSumError(th, tl2, zh));
    }

    /**
     * this / y (DWDivDW, relative error ≤ 15u² + 56u³).
     *
     * @throws ArithmeticException if y is zero
     */
    public DoubleDouble divide(DoubleDouble y) {
        if (y.hi == 0) {
            throw new ArithmeticException("division of a double-double by zero");
        }
        double th = hi / y.hi;
        DoubleDouble r = y.multiply(th);
        double ph = hi - r.hi;
        double dl = lo - r.lo;
        double d = ph + dl;
        double tl = d / y.hi;
        double zh = th + tl;
        return new DoubleDouble(zh, ErrorFree.fastTwoSumError(th, tl, zh));
    }

    /** The sign of the value: −1, 0 or 1. */
    public int signum() {
        return hi > 0 ? 1 : hi < 0 ? -1 : (int) Math.signum(lo);
    }

    /** Compares the values hi + lo (−0 and 0 are equal). */
    @Override
    public int compareTo(DoubleDouble o) {
        return hi != o.hi ? (hi < o.hi ? -1 : 1) : lo == o.lo ? 0 : lo < o.lo ? -1 : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleDouble d && hi == d.hi && lo == d.lo; // by value: −0 equals 0
    }

    @Override
    public int hashCode() {
        return Double.hashCode(hi + 0.0) * 31 + Double.hashCode(lo + 0.0); // + 0.0 maps −0 to 0
    }

    /** hi + lo as "hi + lo" with both words in full (for messages). */
    @Override
    public String toString() {
        return hi + " + " + lo;
    }
}
