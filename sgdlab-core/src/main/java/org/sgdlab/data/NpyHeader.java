package org.sgdlab.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser for the Python-literal header dict of a .npy file, e.g.
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }} (package-private).
 * Understands strings, True/False/None, integers (with an optional Python 2 {@code L}), tuples and
 * lists; anything else is a malformed header.
 */
final class NpyHeader {
    /** The three fields NEP 1 requires. {@code descr} is a String, or a List for structured dtypes. */
    record Fields(Object descr, boolean fortranOrder, long[] shape) {}

    /** Deepest nesting of dicts, tuples and lists accepted (NumPy's headers nest 2 deep; structured dtypes a few more). */
    static final int MAX_DEPTH = 32;

    private final String text;
    private final String src;
    private int pos;
    private int depth;

    private final long offset;

    private NpyHeader(String text, String src, long offset) {
        this.text = text;
        this.src = src;
        this.offset = offset;
    }

    /** Parses the header text that starts at byte {@code offset} of the file (10 in format 1.0, 12 in 2.0 and 3.0). */
    static Fields parse(String text, String src, long offset) {
        NpyHeader p = new NpyHeader(text, src, offset);
        Object v = p.value();
        p.skipSpace();
        if (p.pos != text.length() || !(v instanceof Map<?, ?> map)) {
            throw p.malformed("expected a single dict literal");
        }
        if (!map.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            throw p.malformed("keys must be exactly 'descr', 'fortran_order', 'shape', found " + map.keySet());
        }
        if (!(map.get("fortran_order") instanceof Boolean fortran)) {
            throw p.malformed("'fortran_order' must be True or False");
        }
        if (!(map.get("shape") instanceof List<?> dims)) {
            throw p.malformed("'shape' must be a tuple of integers");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0) {
                throw p.malformed("'shape' must be a tuple of non-negative integers");
            }
            shape[i] = d;
        }
        Object descr = map.get("descr");
        if (!(descr instanceof String) && !(descr instanceof List<?>)) {
            throw p.malformed("'descr' must be a string");
        }
        return new Fields(descr, fortran, shape);
    }

    private DataFormatException malformed(String why) {
        String shown = text.strip();
        if (shown.length() > 300) {
            shown = shown.substring(0, 200) + " ... (" + shown.length() + " characters)";
        }
        return new DataFormatException(src, "byte offset " + (offset + pos) + " (header)",
                "malformed .npy header (" + why + "): \"" + shown + "\"");
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw malformed("unexpected end");
        }
        char c = text.charAt(pos);
        if ((c == '{' || c == '(' || c == '[') && depth >= MAX_DEPTH) {
            throw malformed("nested more than " + MAX_DEPTH + " levels deep");
        }
        if (c == '{') {
            pos++;
            depth++;
            Map<String, Object> map = new LinkedHashMap<>();
            while (!eat('}')) {
                if (!(value() instanceof String key)) {
                    throw malformed("dict keys must be strings");
                }
                if (!eat(':')) {
                    throw malformed("expected ':' after '" + key + "'");
                }
                map.put(key, value());
                if (!eat(',') && !(peek('}'))) {
                    throw malformed("expected ',' or '}'");
                }
            }
            depth--;
            return map;
        }
        if (c == '(' || c == '[') {
            char close = c == '(' ? ')' : ']';
            pos++;
            depth++;
            List<Object> items = new ArrayList<>();
            while (!eat(close)) {
                items.add(value());
                if (!eat(',') && !peek(close)) {
                    throw malformed("expected ',' or '" + close + "'");
                }
            }
            depth--;
            return items;
        }
        if (c == '\'' || c == '"') {
            int end = text.indexOf(c, pos + 1);
            if (end < 0) {
                throw malformed("unterminated string");
            }
            String s = text.substring(pos + 1, end);
            pos = end + 1;
            return s;
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String word = text.substring(start, pos);
        switch (word) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            default:
                String digits = word.endsWith("L") ? word.substring(0, word.length() - 1) : word;
                if (!digits.isEmpty() && digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    try {
                        return Long.parseLong(digits);
                    } catch (NumberFormatException e) {
                        throw malformed("integer too large: " + word);
                    }
                }
                pos = start;
                throw malformed("unexpected token at header character " + start);
        }
    }

    private boolean peek(char c) {
        skipSpace();
        return pos < text.length() && text.charAt(pos) == c;
    }
}
