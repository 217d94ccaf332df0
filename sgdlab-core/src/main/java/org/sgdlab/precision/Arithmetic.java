package org.sgdlab.precision;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * The four operations of one number system, so that a small algorithm (a few hundred steps on a vector of a few entries)
 * is written once and run in float64, in {@link DoubleDouble} and in {@link BigDecimal} with a {@link MathContext}: where
 * an exact equivalence is chaotic in float64, the three runs tell an amplified rounding error (which shrinks with the
 * unit roundoff) from a real departure (which does not).
 *
 * <p>{@link #FLOAT64} performs exactly the IEEE-754 operations of {@code double} (boxed), so a run through it gives the
 * same bits as the same loop on primitive doubles. Implementations are stateless and thread-safe; no method modifies
 * its arguments.
 *
 * @param <T> the number type
 */
public interface Arithmetic<T> {
    /** A short name: "float64", "double-double", "decimal60". */
    String name();

    /**
     * The unit roundoff of the representation: 2⁻⁵³ for float64, 2⁻¹⁰⁶ for double-double, ½·10^{1−p} for p decimal digits.
     * One operation errs by at most this (float64, decimal) or a small multiple of it (double-double: ≤ 16·2⁻¹⁰⁶, see
     * {@link DoubleDouble}).
     */
    double unitRoundoff();

    /** The double {@code x} exactly (rounded for a decimal context shorter than 17 digits). */
    T of(double x);

    T add(T a, T b);

    T subtract(T a, T b);

    T multiply(T a, T b);

    /** a / b; throws ArithmeticException for b = 0. */
    T divide(T a, T b);

    /** The nearest double to {@code a}. */
    double toDouble(T a);

    /** IEEE-754 binary64, round to nearest. */
    Arithmetic<Double> FLOAT64 = new Arithmetic<>() {
        @Override
        public String name() {
            return "float64";
        }

        @Override
        public double unitRoundoff() {
            return 0x1.0p-53;
        }

        @Override
        public Double of(double x) {
            return x;
        }

        @Override
        public Double add(Double a, Double b) {
            return a + b;
        }

        @Override
        public Double subtract(Double a, Double b) {
            return a - b;
        }

        @Override
        public Double multiply(Double a, Double b) {
            return a * b;
        }

        @Override
        public Double divide(Double a, Double b) {
            return a / b;
        }

        @Override
        public double toDouble(Double a) {
            return a;
        }
    };

    /** {@link DoubleDouble}: about 32 digits. */
    Arithmetic<DoubleDouble> DOUBLE_DOUBLE = new Arithmetic<>() {
        @Override
        public String name() {
            return "double-double";
        }

        @Override
        public double unitRoundoff() {
            return DoubleDouble.U2;
        }

        @Override
        public DoubleDouble of(double x) {
            return DoubleDouble.of(x);
        }

        @Override
        public DoubleDouble add(DoubleDouble a, DoubleDouble b) {
            return a.add(b);
        }

        @Override
        public DoubleDouble subtract(DoubleDouble a, DoubleDouble b) {
            return a.subtract(b);
        }

        @Override
        public DoubleDouble multiply(DoubleDouble a, DoubleDouble b) {
            return a.multiply(b);
        }

        @Override
        public DoubleDouble divide(DoubleDouble a, DoubleDouble b) {
            return a.divide(b);
        }

        @Override
        public double toDouble(DoubleDouble a) {
            return a.doubleValue();
        }
    };

    /**
     * {@link BigDecimal} rounding every result to {@code mc} (e.g. {@code new MathContext(60)}): slow, for references.
     *
     * @throws IllegalArgumentException if {@code mc} has unlimited precision (division would not terminate)
     */
    static Arithmetic<BigDecimal> decimal(MathContext mc) {
        Objects.requireNonNull(mc, "mc");
        if (mc.getPrecision() == 0) {
            throw new IllegalArgumentException("math context must have a finite precision, got " + mc);
        }
        double unit = 0.5 * Math.pow(10, 1 - mc.getPrecision());
        return new Arithmetic<>() {
            @Override
            public String name() {
                return "decimal" + mc.getPrecision();
            }

            @Override
            public double unitRoundoff() {
                return unit;
            }

            @Override
            public BigDecimal of(double x) {
                return new BigDecimal(x).round(mc);
            }

            @Override
            public BigDecimal add(BigDecimal a, BigDecimal b) {
                return a.add(b, mc);
            }

            @Override
            public BigDecimal subtract(BigDecimal a, BigDecimal b) {
                return a.subtract(b, mc);
            }

            @Override
            public BigDecimal multiply(BigDecimal a, BigDecimal b) {
                return a.multiply(b, mc);
            }

            @Override
            public BigDecimal divide(BigDecimal a, BigDecimal b) {
                return a.divide(b, mc);
            }

            @Override
            public double toDouble(BigDecimal a) {
                return a.doubleValue();
            }
        };
    }
}
