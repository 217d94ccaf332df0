package org.sgdlab.data;

/** Strict decimal parsing shared by the text readers (package-private). */
final class TextNumbers {
    private TextNumbers() {}

    /**
     * Parses a finite decimal number. Rejects NaN and infinities in any spelling (Java's "NaN",
     * "Infinity" and NumPy/pandas' "nan", "inf"), Java's type suffixes ("1d", "2f") and hex floats.
     *
     * @param what what the token is, for the message ("label", "value", "cell")
     * @throws DataFormatException naming source, location and the quoted token
     */
    static double parseFinite(String token, String source, String location, String what) {
        String t = token.strip();
        String bare = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        String lower = bare.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("nan") || lower.equals("inf") || lower.equals("infinity")) {
            throw new DataFormatException(source, location, what + " is NaN or infinite: \"" + token + "\"");
        }
        if (t.isEmpty() || !isDecimalSyntax(t)) {
            throw new DataFormatException(source, location, what + " is not a number: \"" + token + "\"");
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new DataFormatException(source, location, what + " is not a number: \"" + token + "\"", e);
        }
        if (!Double.isFinite(v)) {
            throw new DataFormatException(source, location, what + " overflows to infinity: \"" + token + "\"");
        }
        return v;
    }

    /**
     * Whether {@code token} reads as a number in a data row: a finite decimal, or NaN or an infinity
     * in a spelling {@link #parseFinite} names (such a row is data with a bad value, not a header).
     */
    static boolean looksNumeric(String token) {
        String t = token.strip();
        String bare = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        String lower = bare.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("nan") || lower.equals("inf") || lower.equals("infinity")) {
            return true;
        }
        if (t.isEmpty() || !isDecimalSyntax(t)) {
            return false;
        }
        try {
            Double.parseDouble(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Digits, sign, '.', exponent only (no hex, no type suffix). */
    private static boolean isDecimalSyntax(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }
}
