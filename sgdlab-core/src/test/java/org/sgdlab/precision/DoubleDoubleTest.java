package org.sgdlab.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;

/** Every double-double operation against BigDecimal at 60 digits, within the published relative error bounds. */
class DoubleDoubleTest {
    private static final MathContext MC = new MathContext(60);
    private static final double U = 0x1.0p-53;

    /** A random double-word with a wide exponent spread and a full low word. */
    private static DoubleDouble random(RandomStream r) {
        double hi = (2 * r.nextDouble() - 1) * Math.pow(2, r.nextInt(80) - 40);
        double lo = hi * U * (2 * r.nextDouble() - 1);
        return DoubleDouble.of(hi, lo);
    }

    private static double relativeError(DoubleDouble got, BigDecimal exact) {
        if (exact.signum() == 0) {
            return got.toBigDecimal().signum() == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return got.toBigDecimal().subtract(exact).abs().divide(exact.abs(), MC).doubleValue();
    }

    private static double worst(BinaryOperator<DoubleDouble> op, BinaryOperator<BigDecimal> exact, boolean sameSignMix) {
        RandomStream r = new RandomStream(11);
        double worst = 0;
        for (int k = 0; k < 8_000; k++) {
            DoubleDouble a = random(r);
            DoubleDouble b = random(r);
            if (sameSignMix && k % 4 == 0) {
                b = a.negate().add(DoubleDouble.of(a.hi() * 1e-10)); // heavy cancellation
            }
            worst = Math.max(worst, relativeError(op.apply(a, b), exact.apply(a.toBigDecimal(), b.toBigDecimal())));
        }
        return worst;
    }

    @Test
    void addAndSubtractWithinThreeUSquared() {
        double bound = 3 * U * U + 13 * U * U * U;
        double add = worst(DoubleDouble::add, (a, b) -> a.add(b, MC), true);
        double sub = worst(DoubleDouble::subtract, (a, b) -> a.subtract(b, MC), true);
        assertTrue(add <= bound, "add: " + add / (U * U) + " u²");
        assertTrue(sub <= bound, "subtract: " + sub / (U * U) + " u²");
        assertTrue(add > 0, "the comparison sees the rounding of the double-word result");
    }

    @Test
    void multiplyWithinFiveUSquared() {
        double w = worst(DoubleDouble::multiply, (a, b) -> a.multiply(b, MC), false);
        assertTrue(w <= 5 * U * U, "multiply: " + w / (U * U) + " u²");
        double wf = worst((a, b) -> a.multiply(b.hi()), (a, b) -> a.multiply(new BigDecimal(b.doubleValue()), MC), false);
        assertTrue(wf <= 1.5 * U * U + 4 * U * U * U, "multiply by a double: " + wf / (U * U) + " u²");
    }

    @Test
    void divideWithinFifteenUSquared() {
        double w = worst(DoubleDouble::divide, (a, b) -> a.divide(b, MC), false);
        assertTrue(w <= 15 * U * U + 56 * U * U * U, "divide: " + w / (U * U) + " u²");
        assertThrows(ArithmeticException.class, () -> DoubleDouble.ONE.divide(DoubleDouble.ZERO));
    }

    @Test
    void carriesDigitsFloat64Loses() {
        // (1 + 2⁻⁶⁰) − 1 is 0 in float64 and exactly 2⁻⁶⁰ in double-double
        DoubleDouble x = DoubleDouble.ONE.add(DoubleDouble.of(0x1.0p-60)).subtract(DoubleDouble.ONE);
        assertEquals(0x1.0p-60, x.doubleValue());
        assertEquals(0.0, (1 + 0x1.0p-60) - 1.0);
        // one third to 32 digits
        DoubleDouble third = DoubleDouble.ONE.divide(DoubleDouble.of(3));
        BigDecimal exact = BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC);
        assertTrue(relativeError(third, exact) < 2 * U * U, "1/3 error " + relativeError(third, exact));
    }

    @Test
    void renormalizesAndRoundTrips() {
        DoubleDouble x = DoubleDouble.of(1.0, 1.0);
        assertEquals(2.0, x.hi());
        assertEquals(0.0, x.lo());
        BigDecimal pi = new BigDecimal("3.14159265358979323846264338327950288419716939937510");
        DoubleDouble p = DoubleDouble.of(pi);
        assertEquals(Math.PI, p.hi());
        assertTrue(relativeError(p, pi) <= U * U, "rounding a BigDecimal: " + relativeError(p, pi));
        assertEquals(p, DoubleDouble.of(p.toBigDecimal()));
        assertThrows(IllegalArgumentException.class, () -> DoubleDouble.of(Double.NaN), "NaN");
        assertEquals(-1, DoubleDouble.of(-2).signum());
        assertEquals(DoubleDouble.of(2), DoubleDouble.of(-2).abs());
        assertTrue(DoubleDouble.of(1, 1e-20).compareTo(DoubleDouble.ONE) > 0);
    }

    @Test
    void errorFreeTransformsAreExact() {
        RandomStream r = new RandomStream(3);
        for (int k = 0; k < 1000; k++) {
            double a = (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(60) - 30);
            double b = (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(60) - 30);
            double s = a + b;
            assertEquals(0, new BigDecimal(a).add(new BigDecimal(b)).compareTo(new BigDecimal(s).add(new BigDecimal(ErrorFree.twoSumError(a, b, s)))));
            double big = Math.abs(a) >= Math.abs(b) ? a : b;
            double small = big == a ? b : a;
            assertEquals(ErrorFree.twoSumError(a, b, s), ErrorFree.fastTwoSumError(big, small, big + small));
            double p = a * b;
            assertEquals(0, new BigDecimal(a).multiply(new BigDecimal(b)).compareTo(new BigDecimal(p).add(new BigDecimal(ErrorFree.twoProductError(a, b, p)))));
        }
    }
}
