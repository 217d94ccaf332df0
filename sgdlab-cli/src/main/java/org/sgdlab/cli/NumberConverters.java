package org.sgdlab.cli;

import java.math.BigDecimal;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The number syntax of every option: whole numbers may be written in scientific notation when the value is integral
 * ({@code --steps 1e6}, {@code --n 2.5e3}), and real numbers must be finite (NaN and ±Infinity are refused, so
 * {@code --init-scale NaN} is bad input instead of a run that diverges at step 0). Java-only spellings that
 * {@link Double#parseDouble} also accepts (hex floats {@code 0x1p3}, type suffixes {@code 1d}, {@code 2f}) are refused
 * too: a user means a decimal number.
 */
final class NumberConverters {
    private NumberConverters() {
    }

    /** Registers the converters on {@code cl} and, through picocli, on the subcommands it holds now. */
    static void register(CommandLine cl) {
        cl.registerConverter(Long.class, longs());
        cl.registerConverter(Long.TYPE, longs());
        cl.registerConverter(Integer.class, ints());
        cl.registerConverter(Integer.TYPE, ints());
        cl.registerConverter(Double.class, doubles());
        cl.registerConverter(Double.TYPE, doubles());
    }

    private static ITypeConverter<Long> longs() {
        return NumberConverters::parseLong;
    }

    private static ITypeConverter<Integer> ints() {
        return s -> {
            long v = parseLong(s);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new TypeConversionException("'" + s + "' is too large (at most " + Integer.MAX_VALUE + ")");
            }
            return (int) v;
        };
    }

    private static ITypeConverter<Double> doubles() {
        return NumberConverters::parseDouble;
    }

    /** A whole number, e.g. {@code 1000000}, {@code 1e6} or {@code 2.5e3}; refuses fractions and values beyond long. */
    static long parseLong(String text) {
        BigDecimal v = decimal(text, "a whole number");
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            if (v.stripTrailingZeros().scale() > 0) {
                throw new TypeConversionException("'" + text + "' is not a whole number");
            }
            throw new TypeConversionException("'" + text + "' is too large (at most " + Long.MAX_VALUE + ")");
        }
    }

    /** A finite decimal number. */
    static double parseDouble(String text) {
        BigDecimal v = decimal(text, "a finite number");
        double d = v.doubleValue();
        if (Double.isInfinite(d)) {
            throw new TypeConversionException("'" + text + "' is too large for a double");
        }
        return Double.parseDouble(text.strip());
    }

    private static BigDecimal decimal(String text, String what) {
        BigDecimal v = NumberSyntax.decimalOrNull(text);
        if (v == null) {
            throw new TypeConversionException("'" + text + "' is not " + what);
        }
        return v;
    }
}
