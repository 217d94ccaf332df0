package org.sgdlab.oracles;

import java.util.Map;

/**
 * The options given to an {@link OracleEntry} (defaults filled in), read by name. A missing required option or a value
 * that is not a number is rejected with an {@link IllegalArgumentException} naming the option as {@code --NAME}, the
 * form the command line uses.
 */
public final class OracleOptions {
    private final Map<String, String> values;

    OracleOptions(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The value of {@code name} as text, or null when it was not given and has no default. */
    public String text(String name) {
        return values.get(name);
    }

    /** The number {@code name}; rejects a missing or non-numeric value. */
    public double number(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("this problem needs --" + name);
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got \"" + v + "\"");
        }
    }

    /** The number {@code name}, or null when it was not given and has no default. */
    public Double optionalNumber(String name) {
        return values.containsKey(name) ? number(name) : null;
    }

    /** The integer {@code name} ≥ 1; rejects a missing value, one that is not an integer, or one below 1. */
    public int positiveInteger(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("this problem needs --" + name);
        }
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer >= 1, got \"" + v + "\"");
        }
        if (!(x >= 1 && x <= Integer.MAX_VALUE && x == Math.rint(x))) {
            throw new IllegalArgumentException("--" + name + " must be an integer >= 1, got " + v);
        }
        return (int) x;
    }

    /** The flag {@code name}: "true" or "false" (absent: false). */
    public boolean flag(String name) {
        String v = values.get(name);
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException("--" + name + " must be true or false, got \"" + v + "\"");
    }
}
