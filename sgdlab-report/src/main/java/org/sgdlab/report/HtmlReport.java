package org.sgdlab.report;

import java.util.List;
import java.util.Map;
import org.sgdlab.probe.Trace;

/**
 * Builds the self-contained {@code index.html} of a report (inline CSS, no scripts, no external resources).
 * All text is HTML-escaped; image and CSV links are relative paths inside the report directory.
 */
final class HtmlReport {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:2em auto;\
            max-width:1000px;padding:0 1em;color:#222;line-height:1.4}
            h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:.5em 0}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
            th{background:#f3f3f3}
            td.num{font-family:ui-monospace,Menlo,Consolas,monospace;text-align:right}
            .verdict{font-weight:bold;text-align:center}
            .HOLDS{background:#c8efc8;color:#0a4d0a}.FAILS{background:#f6c4c4;color:#7a0b0b}
            .INCONCLUSIVE{background:#fbe3a6;color:#6b4a00}
            .held{color:#0a4d0a;font-weight:bold}.refuted{color:#7a0b0b;font-weight:bold}
            .undecided{color:#6b4a00;font-weight:bold}
            .holds{color:#0a4d0a;font-weight:bold}.departs{color:#7a0b0b;font-weight:bold}
            dl.prov{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}
            dl.prov dt{font-weight:bold}dl.prov dd{margin:0;font-family:ui-monospace,Menlo,Consolas,monospace}
            img{max-width:100%;height:auto;border:1px solid #ddd;margin:.5em 0;display:block}
            .summary{font-size:1.1em;font-weight:bold}
            table.claim td{white-space:pre-wrap}
            """;

    private HtmlReport() {
    }

    /** The page for a claim check. */
    static String check(List<ClaimResult> results, Provenance provenance) {
        StringBuilder sb = new StringBuilder();
        String title = "sgdlab check report";
        head(sb, title);
        sb.append("<h1>").append(esc(title)).append("</h1>\n");
        sb.append("<p class=\"summary\">").append(esc(VerdictTable.summary(results))).append("</p>\n");
        provenance(sb, provenance);

        sb.append("<h2>Verdicts</h2>\n<table class=\"verdicts\">\n")
                .append("<tr><th>id</th><th>title</th><th>verdict</th><th>prediction</th><th>measurement</th>"
                        + "<th>source statement</th><th>numerical findings</th></tr>\n");
        for (ClaimResult r : results) {
            sb.append("<tr><td><a href=\"#").append(esc(anchor(r.id()))).append("\">").append(esc(r.id()))
                    .append("</a></td><td>").append(esc(r.title())).append("</td>")
                    .append("<td class=\"verdict ").append(r.verdict().name()).append("\">")
                    .append(r.verdict().name()).append("</td><td>").append(esc(r.prediction()))
                    .append("</td><td>").append(esc(r.measurement())).append("</td><td>");
            if (r.sourceStatement() != null) {
                String st = r.sourceStatement().status();
                sb.append("<span class=\"").append(st).append("\">").append(st).append("</span>");
            }
            sb.append("</td><td>");
            for (NumericalFinding f : r.numericalFindings()) {
                sb.append("<span class=\"").append(f.status()).append("\">").append(esc(f.tag())).append("</span> ");
            }
            sb.append("</td></tr>\n");
        }
        sb.append("</table>\n");

        for (ClaimResult r : results) {
            claim(sb, r);
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    /** The page for a single training run. */
    static String run(String title, Map<String, Object> summary, List<Trace> traces, List<PlotSpec> plots,
                      Provenance provenance) {
        StringBuilder sb = new StringBuilder();
        String t = title == null || title.isBlank() ? "sgdlab run" : title;
        head(sb, t);
        sb.append("<h1>").append(esc(t)).append("</h1>\n");
        provenance(sb, provenance);
        if (summary != null && !summary.isEmpty()) {
            sb.append("<h2>Summary</h2>\n<table class=\"numbers\">\n");
            for (Map.Entry<String, Object> e : summary.entrySet()) {
                sb.append("<tr><th>").append(esc(e.getKey())).append("</th>");
                Object v = e.getValue();
                if (v instanceof Number n) {
                    numberCell(sb, n);
                } else {
                    sb.append("<td>").append(esc(Readable.value(v))).append("</td>");
                }
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
        }
        files(sb, "", traces, plots);
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void head(StringBuilder sb, String title) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
    }

    private static void provenance(StringBuilder sb, Provenance p) {
        sb.append("<h2>Provenance</h2>\n<dl class=\"prov\">\n");
        dd(sb, "version", p.version());
        dd(sb, "git commit", p.gitCommit());
        dd(sb, "JVM", p.jvm());
        dd(sb, "OS", p.os());
        dd(sb, "seed", Long.toString(p.seed()));
        dd(sb, "started", Readable.instant(p.started()));
        dd(sb, "wall time", Readable.duration(p.wallTime()));
        for (Map.Entry<String, String> e : p.parameters().entrySet()) {
            dd(sb, e.getKey(), e.getValue());
        }
        sb.append("</dl>\n");
    }

    private static void dd(StringBuilder sb, String k, String v) {
        sb.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>\n");
    }

    private static void claim(StringBuilder sb, ClaimResult r) {
        sb.append("<section id=\"").append(esc(anchor(r.id()))).append("\">\n<h2>").append(esc(r.id()));
        if (r.title() != null && !r.title().isBlank()) {
            sb.append(" — ").append(esc(r.title()));
        }
        sb.append(" <span class=\"verdict ").append(r.verdict().name()).append("\">")
                .append(r.verdict().name()).append("</span></h2>\n");
        sb.append("<table class=\"claim\">\n");
        field(sb, "source", r.source());
        field(sb, "prediction", r.prediction());
        field(sb, "measurement", r.measurement());
        field(sb, "rule", r.rule());
        field(sb, "elapsed", Readable.duration(r.elapsed()));
        SourceStatement s = r.sourceStatement();
        if (s != null) {
            sb.append("<tr><th>source statement</th><td>").append(esc(s.statement()))
                    .append("<br><span class=\"").append(s.status()).append("\">").append(s.status())
                    .append("</span>");
            if (s.explanation() != null && !s.explanation().isBlank()) {
                sb.append(": ").append(esc(s.explanation()));
            }
            sb.append("</td></tr>\n");
        }
        for (NumericalFinding f : r.numericalFindings()) {
            sb.append("<tr><th>numerical finding (").append(esc(f.arithmetic())).append(")</th><td>").append(esc(f.statement()))
                    .append("<br><span class=\"").append(f.status()).append("\">").append(esc(f.tag())).append("</span>");
            if (f.measurement() != null && !f.measurement().isBlank()) {
                sb.append(": ").append(esc(f.measurement()));
            }
            if (f.explanation() != null && !f.explanation().isBlank()) {
                sb.append(" (").append(esc(f.explanation())).append(")");
            }
            sb.append("</td></tr>\n");
        }
        sb.append("</table>\n");
        if (!r.numbers().isEmpty()) {
            sb.append("<h3>Numbers</h3>\n<table class=\"numbers\">\n<tr><th>name</th><th>value</th></tr>\n");
            for (Map.Entry<String, Double> e : r.numbers().entrySet()) {
                sb.append("<tr><td>").append(esc(e.getKey())).append("</td>");
                numberCell(sb, e.getValue());
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
        }
        if (!r.notes().isEmpty()) {
            sb.append("<h3>Notes</h3>\n<ul>\n");
            for (String n : r.notes()) {
                sb.append("<li>").append(esc(n)).append("</li>\n");
            }
            sb.append("</ul>\n");
        }
        files(sb, r.id() + "/", r.traces(), r.plots());
        sb.append("</section>\n");
    }

    private static void files(StringBuilder sb, String prefix, List<Trace> traces, List<PlotSpec> plots) {
        for (PlotSpec p : plots) {
            String alt = p.title() == null ? p.fileName() : p.title();
            sb.append("<img src=\"").append(esc(prefix + p.fileName())).append("\" alt=\"").append(esc(alt))
                    .append("\" width=\"").append(Plots.WIDTH).append("\" height=\"").append(Plots.HEIGHT)
                    .append("\">\n");
        }
        if (!traces.isEmpty()) {
            sb.append("<p>Data (CSV):");
            for (Trace t : traces) {
                String f = prefix + t.name() + ".csv";
                sb.append(" <a href=\"").append(esc(f)).append("\">").append(esc(t.name() + ".csv"))
                        .append("</a>");
            }
            sb.append("</p>\n");
        }
    }

    private static void field(StringBuilder sb, String k, String v) {
        if (v == null) {
            return;
        }
        sb.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    /**
     * A right-aligned number cell: the value as {@link Readable#value} shows it (integers without ".0", others to 6
     * significant digits), and, when that rounds, the exact value as the cell's tooltip.
     */
    private static void numberCell(StringBuilder sb, Number n) {
        String shown = Readable.value(n);
        sb.append("<td class=\"num\"");
        double v = n == null ? Double.NaN : n.doubleValue();
        if ((n instanceof Double || n instanceof Float) && Double.isFinite(v) && Double.parseDouble(shown) != v) {
            sb.append(" title=\"").append(Double.toString(v)).append('"');
        }
        sb.append('>').append(esc(shown)).append("</td>");
    }

    private static String anchor(String id) {
        return "claim-" + id;
    }

    /**
     * Escapes text for HTML element content and double-quoted attributes, with emoji spelled as words
     * ({@link Readable#withoutEmoji}: a reader without an emoji font would see empty boxes); null → "".
     */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        String s = Readable.withoutEmoji(text);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
