package org.sgdlab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of a Java source file, escapes resolved (for {@link GlyphFontTest}'s coverage check): skips
 * comments and character literals, reads "…" literals and text blocks (incidental indentation stripped as by
 * {@link String#stripIndent()}). Enough for sgdlab's sources; not a full Java lexer (no Unicode escapes outside
 * literals).
 */
final class JavaLiterals {

    private JavaLiterals() {
    }

    static List<String> strings(String src) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                i = src.indexOf('\n', i);
                i = i < 0 ? n : i + 1;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                i = src.indexOf("*/", i + 2);
                i = i < 0 ? n : i + 2;
            } else if (c == '\'') {
                i++;
                while (i < n && src.charAt(i) != '\'') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (src.startsWith("\"\"\"", i)) {
                int start = src.indexOf('\n', i) + 1;
                int end = start;
                while (!src.startsWith("\"\"\"", end) || src.charAt(end - 1) == '\\') {
                    end++;
                }
                out.add(unescape(src.substring(start, end).stripIndent()));
                i = end + 3;
            } else if (c == '"') {
                int end = i + 1;
                while (src.charAt(end) != '"') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                out.add(unescape(src.substring(i + 1, end)));
                i = end + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 's' -> b.append(' ');
                case '\n' -> { } // a text block's line continuation
                case 'u' -> {
                    while (s.charAt(i + 1) == 'u') {
                        i++;
                    }
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = 0;
                        int k = 0;
                        while (k < 3 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7' && v * 8 < 256) {
                            v = v * 8 + s.charAt(i++) - '0';
                            k++;
                        }
                        i--;
                        b.append((char) v);
                    } else {
                        b.append(e); // \" \' \\
                    }
                }
            }
        }
        return b.toString();
    }
}
