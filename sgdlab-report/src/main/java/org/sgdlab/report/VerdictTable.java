package org.sgdlab.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Plain-text verdict table for a terminal.
 *
 * <p>Layout: a table {@code id | verdict | prediction | measurement} whose text cells are word-wrapped to fit
 * {@code width} (ids longer than a third of the width are truncated, marked with {@code "~"}), then the
 * source statements one per line tagged {@code [held]}, {@code [refuted]} or {@code [undecided]}, then the numerical
 * findings one per line tagged with their arithmetic and status (e.g. {@code [float64: departs]}), then a summary
 * line such as {@code "8 claims: 7 HOLDS, 1 FAILS, 0 INCONCLUSIVE"} ({@code "1 claim: ..."} for a single claim).
 * Widths below 40 are treated as 40. Only ASCII is used for rules and separators; emoji in the text are spelled as
 * words ({@link Readable#withoutEmoji}).
 */
public final class VerdictTable {

    private static final int MIN_WIDTH = 40;
    private static final String SEP = " | ";

    private VerdictTable() {
    }

    /** The table for {@code results}, lines no wider than {@code max(width, 40)} (except unbreakable source text). */
    public static String render(List<ClaimResult> results, int width) {
        int w = Math.max(width, MIN_WIDTH);
        int idW = "id".length();
        for (ClaimResult r : results) {
            idW = Math.max(idW, r.id().length());
        }
        idW = Math.min(idW, w / 3);
        int verdictW = "INCONCLUSIVE".length();
        int rest = w - idW - verdictW - 3 * SEP.length();
        int predW = Math.max(6, rest / 2);
        int measW = Math.max(6, rest - predW);

        StringBuilder sb = new StringBuilder();
        row(sb, new String[] {"id", "verdict", "prediction", "measurement"}, new int[] {idW, verdictW, predW, measW});
        sb.append("-".repeat(idW + verdictW + predW + measW + 3 * SEP.length())).append('\n');
        for (ClaimResult r : results) {
            row(sb, new String[] {truncate(r.id(), idW), r.verdict().name(), r.prediction(), r.measurement()},
                    new int[] {idW, verdictW, predW, measW});
        }

        List<String> statements = new ArrayList<>();
        for (ClaimResult r : results) {
            SourceStatement s = r.sourceStatement();
            if (s != null) {
                String line = "[" + s.status() + "] " + r.id() + ": " + clean(s.statement());
                if (s.explanation() != null && !s.explanation().isBlank()) {
                    line += " (" + clean(s.explanation()) + ")";
                }
                statements.add(line);
            }
        }
        section(sb, "Source statements:", statements, w);
        List<String> findings = new ArrayList<>();
        for (ClaimResult r : results) {
            for (NumericalFinding f : r.numericalFindings()) {
                String line = "[" + f.tag() + "] " + r.id() + ": " + clean(f.statement());
                if (f.measurement() != null && !f.measurement().isBlank()) {
                    line += " — " + clean(f.measurement());
                }
                if (f.explanation() != null && !f.explanation().isBlank()) {
                    line += " (" + clean(f.explanation()) + ")";
                }
                findings.add(line);
            }
        }
        section(sb, "Numerical findings (beside the verdicts, not verdicts):", findings, w);
        sb.append('\n').append(summary(results)).append('\n');
        return sb.toString();
    }

    private static void section(StringBuilder sb, String heading, List<String> lines, int w) {
        if (lines.isEmpty()) {
            return;
        }
        sb.append('\n').append(heading).append('\n');
        for (String line : lines) {
            List<String> wrapped = wrap(line, w - 2);
            for (int i = 0; i < wrapped.size(); i++) {
                sb.append(i == 0 ? "  " : "    ").append(wrapped.get(i)).append('\n');
            }
        }
    }

    /** The summary line, e.g. {@code "8 claims: 7 HOLDS, 1 FAILS, 0 INCONCLUSIVE"}. */
    public static String summary(List<ClaimResult> results) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        for (ClaimResult r : results) {
            counts.merge(r.verdict(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(results.size()).append(results.size() == 1 ? " claim: " : " claims: ");
        Verdict[] vs = Verdict.values();
        for (int i = 0; i < vs.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(counts.get(vs[i])).append(' ').append(vs[i].name());
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String[] cells, int[] widths) {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int c = 0; c < cells.length; c++) {
            List<String> l = wrap(clean(cells[c]), widths[c]);
            wrapped.add(l);
            lines = Math.max(lines, l.size());
        }
        for (int i = 0; i < lines; i++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cells.length; c++) {
                if (c > 0) {
                    line.append(SEP);
                }
                String text = i < wrapped.get(c).size() ? wrapped.get(c).get(i) : "";
                line.append(text).append(" ".repeat(Math.max(0, widths[c] - text.length())));
            }
            sb.append(stripTrailing(line)).append('\n');
        }
    }

    private static String stripTrailing(StringBuilder s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * Collapses whitespace (including line breaks and tabs) to single spaces and spells emoji as words
     * ({@link Readable#withoutEmoji}: terminals without an emoji font show empty boxes); null → "".
     */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        return Readable.withoutEmoji(s).replaceAll("\\s+", " ").trim();
    }

    private static String truncate(String s, int w) {
        return s.length() <= w ? s : s.substring(0, Math.max(0, w - 1)) + "~";
    }

    /** Word-wraps {@code s} to lines of at most {@code w} characters, hard-breaking longer words. */
    static List<String> wrap(String s, int w) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            while (word.length() > w) {
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                out.add(word.substring(0, w));
                word = word.substring(w);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > w) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || out.isEmpty()) {
            out.add(line.toString());
        }
        return out;
    }
}
