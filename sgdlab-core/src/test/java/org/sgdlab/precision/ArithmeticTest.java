package org.sgdlab.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** The three number systems run one algorithm: float64 bit for bit, the others to their own precision. */
class ArithmeticTest {
    /** Σ_{k=1}^{n} 1/k² by the generic operations. */
    private static <T> T basel(Arithmetic<T> a, int n) {
        T s = a.of(0);
        for (int k = 1; k <= n; k++) {
            T kk = a.of(k);
            s = a.add(s, a.divide(a.of(1), a.multiply(kk, kk)));
        }
        return s;
    }

    @Test
    void float64IsPrimitiveDoubleBitForBit() {
        double s = 0;
        for (int k = 1; k <= 1000; k++) {
            s += 1.0 / ((double) k * k);
        }
        assertEquals(s, Arithmetic.FLOAT64.toDouble(basel(Arithmetic.FLOAT64, 1000)));
    }

    @Test
    void doubleDoubleAgreesWithSixtyDigitsToItsPrecision() {
        Arithmetic<BigDecimal> dec = Arithmetic.decimal(new MathContext(60));
        BigDecimal exact = basel(dec, 1000);
        DoubleDouble dd = basel(Arithmetic.DOUBLE_DOUBLE, 1000);
        double rel = dd.toBigDecimal().subtract(exact).abs().divide(exact, new MathContext(20)).doubleValue();
        // 1000 additions, 1000 divisions and products, each ≤ 16u²: the sum of positive terms errs by ≤ 3000·16u²
        assertTrue(rel <= 3000 * DoubleDouble.UNIT_ROUNDOFF, "relative error " + rel);
        double f64 = Math.abs(Arithmetic.FLOAT64.toDouble(basel(Arithmetic.FLOAT64, 1000)) - exact.doubleValue()) / exact.doubleValue();
        assertTrue(f64 > 1e6 * rel, "float64's error " + f64 + " should dwarf double-double's " + rel);
        assertEquals("decimal60", dec.name());
        assertTrue(dec.unitRoundoff() < 1e-58);
    }

    @Test
    void decimalNeedsAFinitePrecision() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arithmetic.decimal(MathContext.UNLIMITED));
        assertTrue(e.getMessage().contains("precision"), e.getMessage());
    }
}
