package org.sgdlab.report;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlab.probe.Trace;

/**
 * A minimal JSON writer (RFC 8259).
 *
 * <p>Supported values: {@code null}; {@link Boolean}; {@link Number} (integers exactly, {@code double}/{@code float}
 * via {@link Double#toString}/{@link Float#toString}, which round-trip bit for bit); {@link CharSequence} and
 * {@link Character}; enums (by name); {@link Map} (keys via {@code String.valueOf}, iteration order kept); any
 * {@link Iterable}; {@code double[]}, {@code float[]}, {@code int[]}, {@code long[]}, {@code boolean[]} and object
 * arrays; {@link Instant}, {@link Duration} and {@link Path} (as ISO / path strings); {@link Trace} (name, columns,
 * rows); {@link ClaimResult}, {@link SourceStatement}, {@link NumericalFinding} and {@link Provenance} (via their
 * {@code toMap});
 * any other record (component name → value). Anything else is rejected with {@link IllegalArgumentException}.
 *
 * <p><b>Non-finite numbers</b> are not representable in JSON; they are written as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"} (the spellings {@link Double#parseDouble} accepts), so no information
 * is lost and the output stays valid JSON.
 *
 * <p>Strings are escaped fully: {@code "} and {@code \}, all control characters below U+0020 (short forms
 * {@code \b \f \n \r \t}, otherwise {@code \}{@code u00XX}), DEL, U+2028/U+2029 and unpaired surrogates as
 * {@code \}{@code uXXXX}; other non-ASCII characters are written as-is (the output is meant to be stored as UTF-8).
 */
public final class Json {

    private Json() {
    }

    /** Compact JSON for {@code value}. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, -1, 0);
        return sb.toString();
    }

    /** Pretty JSON for {@code value}: one member per line, 2-space indent, {@code ": "} after keys. */
    public static String writePretty(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, 2, 0);
        return sb.toString();
    }

    /** {@code s} as a quoted, escaped JSON string literal ({@code null} → {@code null}). */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendString(sb, s);
        return sb.toString();
    }

    /** A double as a JSON token: round-trip decimal, or the string form for NaN and infinities. */
    public static String number(double d) {
        if (Double.isNaN(d)) {
            return "\"NaN\"";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        }
        return Double.toString(d);
    }

    /**
     * The JSON shape of a claim result: every field; {@code sourceStatement} as an object with {@code status};
     * {@code numericalFindings} as a list of objects with {@code status};
     * traces as {@code {name, file, columns, rows}} where {@code file} is {@code <id>/<name>.csv}; plots as their
     * fields plus {@code file} = {@code <id>/<fileName>}; {@code elapsed} as ISO-8601 plus {@code elapsedSeconds}.
     */
    public static Map<String, Object> toMap(ClaimResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("title", r.title());
        m.put("source", r.source());
        m.put("verdict", r.verdict().name());
        m.put("prediction", r.prediction());
        m.put("measurement", r.measurement());
        m.put("rule", r.rule());
        m.put("sourceStatement", r.sourceStatement() == null ? null : toMap(r.sourceStatement()));
        List<Object> findings = new ArrayList<>();
        for (NumericalFinding f : r.numericalFindings()) {
            findings.add(toMap(f));
        }
        m.put("numericalFindings", findings);
        m.put("numbers", r.numbers());
        String prefix = r.id() + "/";
        m.put("traces", traceMaps(r.traces(), prefix));
        m.put("plots", plotMaps(r.plots(), prefix));
        m.put("notes", r.notes());
        m.put("elapsed", r.elapsed().toString());
        m.put("elapsedSeconds", seconds(r.elapsed()));
        return m;
    }

    /** The JSON shape of a source statement: statement, held (true/false/null), status, explanation. */
    public static Map<String, Object> toMap(SourceStatement s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statement", s.statement());
        m.put("held", s.held());
        m.put("status", s.status());
        m.put("explanation", s.explanation());
        return m;
    }

    /** The JSON shape of a numerical finding: arithmetic, statement, held (true/false/null), status, measurement, explanation. */
    public static Map<String, Object> toMap(NumericalFinding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arithmetic", f.arithmetic());
        m.put("statement", f.statement());
        m.put("held", f.held());
        m.put("status", f.status());
        m.put("measurement", f.measurement());
        m.put("explanation", f.explanation());
        return m;
    }

    /** The JSON shape of provenance: all fields; times as ISO-8601 strings plus {@code wallTimeSeconds}. */
    public static Map<String, Object> toMap(Provenance p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", p.version());
        m.put("gitCommit", p.gitCommit());
        m.put("jvm", p.jvm());
        m.put("os", p.os());
        m.put("seed", p.seed());
        m.put("parameters", p.parameters());
        m.put("started", p.started() == null ? null : p.started().toString());
        m.put("wallTime", p.wallTime() == null ? null : p.wallTime().toString());
        m.put("wallTimeSeconds", p.wallTime() == null ? null : seconds(p.wallTime()));
        return m;
    }

    static List<Object> traceMaps(List<Trace> traces, String prefix) {
        List<Object> out = new ArrayList<>();
        for (Trace t : traces) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("name", t.name());
            tm.put("file", prefix + t.name() + ".csv");
            tm.put("columns", t.columns());
            tm.put("rows", t.size());
            out.add(tm);
        }
        return out;
    }

    static List<Object> plotMaps(List<PlotSpec> plots, String prefix) {
        List<Object> out = new ArrayList<>();
        for (PlotSpec p : plots) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("fileName", p.fileName());
            pm.put("file", prefix + p.fileName());
            pm.put("title", p.title());
            pm.put("traceName", p.traceName());
            pm.put("xColumn", p.xColumn());
            pm.put("yColumns", p.yColumns());
            pm.put("logX", p.logX());
            pm.put("logY", p.logY());
            pm.put("xLabel", p.xLabel());
            pm.put("yLabel", p.yLabel());
            out.add(pm);
        }
        return out;
    }

    static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void append(StringBuilder sb, Object v, int indent, int depth) {
        if (depth > 512) {
            throw new IllegalArgumentException("JSON nesting deeper than 512 (cyclic structure?)");
        }
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Double d) {
            sb.append(number(d));
        } else if (v instanceof Float f) {
            float x = f;
            sb.append(Float.isFinite(x) ? Float.toString(x) : number(x));
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof BigDecimal bd) {
            sb.append(bd.toString());
        } else if (v instanceof Number n) {
            sb.append(number(n.doubleValue()));
        } else if (v instanceof CharSequence || v instanceof Character) {
            appendString(sb, v.toString());
        } else if (v instanceof Enum<?> e) {
            appendString(sb, e.name());
        } else if (v instanceof Instant || v instanceof Duration || v instanceof Path) {
            appendString(sb, v.toString());
        } else if (v instanceof Map<?, ?> map) {
            appendObject(sb, map, indent, depth);
        } else if (v instanceof Iterable<?> it) {
            List<Object> items = new ArrayList<>();
            it.forEach(items::add);
            appendArray(sb, items, indent, depth);
        } else if (v instanceof double[] a) {
            List<Object> items = new ArrayList<>(a.length);
            for (double x : a) {
                items.add(x);
            }
            appendArray(sb, items, indent, depth);
        } else if (v instanceof float[] a) {
            List<Object> items = new ArrayList<>(a.length);
            for (float x : a) {
                items.add(x);
            }
            appendArray(sb, items, indent, depth);
        } else if (v instanceof int[] a) {
            List<Object> items = new ArrayList<>(a.length);
            for (int x : a) {
                items.add(x);
            }
            appendArray(sb, items, indent, depth);
        } else if (v instanceof long[] a) {
            List<Object> items = new ArrayList<>(a.length);
            for (long x : a) {
                items.add(x);
            }
            appendArray(sb, items, indent, depth);
        } else if (v instanceof boolean[] a) {
            List<Object> items = new ArrayList<>(a.length);
            for (boolean x : a) {
                items.add(x);
            }
            appendArray(sb, items, indent, depth);
        } else if (v instanceof Object[] a) {
            appendArray(sb, Arrays.asList(a), indent, depth);
        } else if (v instanceof ClaimResult r) {
            appendObject(sb, toMap(r), indent, depth);
        } else if (v instanceof Provenance p) {
            appendObject(sb, toMap(p), indent, depth);
        } else if (v instanceof SourceStatement s) {
            appendObject(sb, toMap(s), indent, depth);
        } else if (v instanceof NumericalFinding f) {
            appendObject(sb, toMap(f), indent, depth);
        } else if (v instanceof Trace t) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("columns", t.columns());
            List<Object> rows = new ArrayList<>(t.size());
            for (int i = 0; i < t.size(); i++) {
                rows.add(t.row(i));
            }
            m.put("rows", rows);
            appendObject(sb, m, indent, depth);
        } else if (v instanceof Record rec) {
            appendObject(sb, recordMap(rec), indent, depth);
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    private static Map<String, Object> recordMap(Record rec) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : rec.getClass().getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(rec));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read record component " + c.getName() + " of "
                        + rec.getClass().getName(), e);
            }
        }
        return m;
    }

    private static void appendObject(StringBuilder sb, Map<?, ?> map, int indent, int depth) {
        if (map.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            newline(sb, indent, depth + 1);
            appendString(sb, String.valueOf(e.getKey()));
            sb.append(indent >= 0 ? ": " : ":");
            append(sb, e.getValue(), indent, depth + 1);
        }
        newline(sb, indent, depth);
        sb.append('}');
    }

    private static void appendArray(StringBuilder sb, List<?> items, int indent, int depth) {
        if (items.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            newline(sb, indent, depth + 1);
            append(sb, item, indent, depth + 1);
        }
        newline(sb, indent, depth);
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int indent, int depth) {
        if (indent < 0) {
            return;
        }
        sb.append('\n');
        for (int i = 0; i < indent * depth; i++) {
            sb.append(' ');
        }
    }

    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        hex(sb, c);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(i + 1));
                            i++;
                        } else {
                            hex(sb, c);
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        hex(sb, c); // unpaired
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void hex(StringBuilder sb, char c) {
        sb.append("\\u");
        String h = Integer.toHexString(c);
        for (int k = h.length(); k < 4; k++) {
            sb.append('0');
        }
        sb.append(h);
    }
}
