package org.sgdlab.cli;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The number syntax of every option ({@link NumberConverters} reports why a value is refused, in picocli's terms):
 * a decimal number, whole numbers possibly in scientific notation when the value is integral ({@code 1e6},
 * {@code 2.5e3}), real numbers finite. Free of picocli so that {@link FastTrainParser} can use it without loading
 * picocli: each method returns null exactly where the matching {@link NumberConverters} method refuses the text.
 */
final class NumberSyntax {
    /**
     * The decimal syntax BigDecimal accepts (no NaN, Infinity, hex or d/f suffixes), with an exponent of at most four
     * digits so that {@code 1e999999999} cannot make BigDecimal build a huge number.
     */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,4})?");

    private NumberSyntax() {
    }

    /** {@code text} stripped as a decimal number, or null when it is not one (null and blank included). */
    static BigDecimal decimalOrNull(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || !DECIMAL.matcher(t).matches()) {
            return null;
        }
        return new BigDecimal(t);
    }

    /** The whole number {@code text} denotes ({@code 1e6}, {@code 2.5e3}), or null: not decimal, a fraction, beyond long. */
    static Long longOrNull(String text) {
        BigDecimal v = decimalOrNull(text);
        if (v == null) {
            return null;
        }
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** As {@link #longOrNull}, and null beyond int. */
    static Integer intOrNull(String text) {
        Long v = longOrNull(text);
        return v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) (long) v;
    }

    /** The finite double {@code text} denotes ({@link Double#parseDouble} of the stripped text), or null. */
    static Double doubleOrNull(String text) {
        BigDecimal v = decimalOrNull(text);
        if (v == null || Double.isInfinite(v.doubleValue())) {
            return null;
        }
        return Double.parseDouble(text.strip());
    }
}
