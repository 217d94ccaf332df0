package org.sgdlab.report;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the report shows values to a reader (the HTML page and the terminal table); {@code result.json} keeps the exact
 * values. Every method is pure and total: it never throws on odd input (null, NaN, empty arrays).
 *
 * <ul>
 *   <li>numbers: integral values without a decimal point (counts {@code 300000}, flags {@code 1}, {@code -1}), others
 *       to 6 significant digits ({@code 0.123457}, {@code 1.5e-12});</li>
 *   <li>durations: {@code 850 ms}, {@code 7.1 s}, {@code 1 min 2.7 s}, {@code 2 h 5 min 3 s} (not ISO-8601);</li>
 *   <li>vectors and lists: their entries, the middle elided when long ({@code [1, 2, 3, 4, 5, 6, …, 9, 10] (40
 *       entries)}), never a Java identity string such as {@code [D@1bd4fdd};</li>
 *   <li>text: emoji that need an emoji font (✅, ❌, …) spelled as words, since a page or terminal without such a
 *       font shows an empty box.</li>
 * </ul>
 */
final class Readable {

    /** Vectors up to this length are shown whole. */
    static final int VECTOR_SHOWN_WHOLE = 10;
    private static final int VECTOR_HEAD = 6;
    private static final int VECTOR_TAIL = 2;
    private static final double LARGEST_PLAIN_INTEGER = 1e15;
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Readable() {
    }

    /**
     * A number for reading: {@code NaN}, {@code ∞}, {@code -∞}; an integral value below 10¹⁵ in magnitude as an integer
     * ({@code 300000}, {@code -1}, {@code 0} also for -0.0); otherwise 6 significant digits, plain between 10⁻⁴ and
     * 10⁶ ({@code 0.00123457}, {@code 12345.7}) and scientific outside ({@code 1.5e-12}), trailing zeros dropped.
     */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < LARGEST_PLAIN_INTEGER) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            BigDecimal d = new BigDecimal(v).round(new MathContext(6));
            String s = d.stripTrailingZeros().toPlainString();
            return s;
        }
        String e = String.format(Locale.ROOT, "%.5e", v); // e.g. 1.50000e-12
        int at = e.indexOf('e');
        String mantissa = e.substring(0, at);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        int exponent = Integer.parseInt(e.substring(at + 1));
        return mantissa + "e" + exponent;
    }

    /**
     * A duration for reading: under a second in milliseconds ({@code 850 ms}, {@code 3.2 ms}), under a minute in
     * seconds with one decimal ({@code 7.1 s}), under an hour {@code 1 min 2.7 s}, else {@code 2 h 5 min 3 s};
     * null → "".
     */
    static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        if (d.isNegative()) {
            return "-" + duration(d.negated());
        }
        double seconds = d.getSeconds() + d.getNano() / 1e9;
        if (seconds < 1) {
            double ms = seconds * 1000;
            return ms < 10 && ms != 0 ? String.format(Locale.ROOT, "%.1f ms", ms)
                    : Math.round(ms) + " ms";
        }
        long tenths = Math.round(seconds * 10);
        if (tenths < 600) {
            return tenths / 10 + "." + tenths % 10 + " s";
        }
        if (tenths < 36_000) {
            long rest = tenths % 600;
            return tenths / 600 + " min " + rest / 10 + "." + rest % 10 + " s";
        }
        long s = Math.round(seconds);
        return s / 3600 + " h " + s % 3600 / 60 + " min " + s % 60 + " s";
    }

    /** An instant as {@code 2026-01-02 03:04:05 UTC} (whole seconds); null → "". */
    static String instant(Instant t) {
        return t == null ? "" : INSTANT.format(t);
    }

    /**
     * Any summary value for reading: numbers by {@link #number} (integers as they are), booleans as yes/no, arrays
     * and collections by {@link #vector}, maps as {@code key = value} pairs, text without emoji, null as "—".
     */
    static String value(Object v) {
        if (v == null) {
            return "—";
        }
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<String> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                entries.add(value(Array.get(v, i)));
            }
            return vector(entries);
        }
        if (v instanceof Collection<?> c) {
            List<String> entries = new ArrayList<>(c.size());
            for (Object o : c) {
                entries.add(value(o));
            }
            return vector(entries);
        }
        if (v instanceof Map<?, ?> m) {
            List<String> entries = new ArrayList<>(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                entries.add(value(e.getKey()) + " = " + value(e.getValue()));
            }
            return vector(entries);
        }
        return withoutEmoji(v.toString());
    }

    /**
     * Entries in brackets, {@code [a, b, c]}; longer than {@value #VECTOR_SHOWN_WHOLE} entries, the first six and the
     * last two around an ellipsis and the count: {@code [a, b, c, d, e, f, …, y, z] (26 entries)}.
     */
    static String vector(List<String> entries) {
        int n = entries.size();
        if (n <= VECTOR_SHOWN_WHOLE) {
            return "[" + String.join(", ", entries) + "]";
        }
        return "[" + String.join(", ", entries.subList(0, VECTOR_HEAD)) + ", …, "
                + String.join(", ", entries.subList(n - VECTOR_TAIL, n)) + "] (" + n + " entries)";
    }

    /**
     * {@code s} with every emoji that needs an emoji font replaced by a word: ✅ → "yes", ❌ and ❎ → "no", any other
     * by its Unicode name in brackets (e.g. "[rocket]"); emoji variation selectors and zero-width joiners are
     * dropped, so "⚠️" becomes the text symbol "⚠", which ordinary fonts (DejaVu Sans) have. Null → "".
     */
    static String withoutEmoji(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            boolean drop = cp == 0xFE0F || cp == 0x200D;
            boolean emoji = isEmojiPresentation(cp);
            if ((drop || emoji) && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (emoji) {
                sb.append(word(cp));
            } else if (!drop && sb != null) {
                sb.appendCodePoint(cp);
            }
            i = next;
        }
        return sb == null ? s : sb.toString();
    }

    private static String word(int cp) {
        switch (cp) {
            case 0x2705:
                return "yes";
            case 0x274C:
            case 0x274E:
                return "no";
            default:
                String name = Character.getName(cp);
                return "[" + (name == null ? String.format(Locale.ROOT, "U+%04X", cp)
                        : name.toLowerCase(Locale.ROOT)) + "]";
        }
    }

    /**
     * Code points drawn as colour emoji by default (Unicode's Emoji_Presentation property), or at least not found in
     * ordinary text fonts: the pictographic blocks U+1F000–U+1FAFF and the listed symbols of the basic plane. Symbols
     * such as ⚠, ✓, ✔ and arrows are text by default and left alone.
     */
    static boolean isEmojiPresentation(int cp) {
        if (cp >= 0x1F000 && cp <= 0x1FAFF) {
            return true;
        }
        for (int[] r : BMP_EMOJI) {
            if (cp >= r[0] && cp <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** Ranges of the basic plane with Emoji_Presentation=Yes (Unicode 15 emoji-data.txt). */
    private static final int[][] BMP_EMOJI = {
        {0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615},
        {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE},
        {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
        {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274C},
        {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
        {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
    };
}
