package org.sgdlab.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;

/**
 * Finds numbers whose name (or prose) labels them with a step that no trace of the result probed: a number labelled with a
 * step must be measured at exactly that step, not at the nearest probe (DESIGN.md, "What a verdict means").
 *
 * <p>Recognised labels in a number's name: {@code _at_<t>} and {@code _step<t>} (a literal step), {@code _at_t_1e<k>}
 * (step 10^k), {@code _at_T_over_<k>} and {@code _at_T/<k>} (step ⌊T/k⌋ where T is the last step of the trace that
 * probed it); in the measurement, notes and source-statement text: a number followed by "at step <t>". A label is satisfied when some trace
 * of the result has that step in its {@code step} column.
 */
final class LabelledSteps {
    private static final Pattern LITERAL = Pattern.compile("(?:_at_|_step)(\\d+)(?![\\d.eE])");
    private static final Pattern DECADE = Pattern.compile("_at_t_1e(\\d+)");
    private static final Pattern RELATIVE = Pattern.compile("_at_T(?:_over_|/)(\\d+)");
    /** A number followed by "at step t" (an event's step, e.g. "threshold at step 757", is not a labelled value). */
    private static final Pattern PROSE = Pattern.compile("\\d[)\\]]? at step (\\d+)(?![\\d.eE])");

    private LabelledSteps() {
    }

    /** The labels of {@code r} that name a step no trace probed (empty when every labelled step was probed). */
    static List<String> unprobed(ClaimResult r) {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, Double> e : r.numbers().entrySet()) {
            String name = e.getKey();
            Matcher m = LITERAL.matcher(name);
            while (m.find()) {
                check(r, name, Long.parseLong(m.group(1)), bad);
            }
            m = DECADE.matcher(name);
            while (m.find()) {
                check(r, name, Math.round(Math.pow(10, Integer.parseInt(m.group(1)))), bad);
            }
            m = RELATIVE.matcher(name);
            while (m.find()) {
                long k = Long.parseLong(m.group(1));
                boolean any = false;
                for (Trace t : r.traces()) {
                    if (t.size() > 0) {
                        long last = (long) t.last("step");
                        any |= t.probed(last / k);
                    }
                }
                if (!any) {
                    bad.add(name + " (T/" + k + " is not a probed step of any trace)");
                }
            }
        }
        List<String> prose = new ArrayList<>(r.notes());
        prose.add(r.measurement());
        if (r.sourceStatement() != null) {
            prose.add(r.sourceStatement().explanation());
        }
        for (String text : prose) {
            if (text == null) {
                continue;
            }
            Matcher m = PROSE.matcher(text);
            while (m.find()) {
                check(r, "\"" + m.group() + "\"", Long.parseLong(m.group(1)), bad);
            }
        }
        return bad;
    }

    private static void check(ClaimResult r, String label, long step, List<String> bad) {
        for (Trace t : r.traces()) {
            if (t.probed(step)) {
                return;
            }
        }
        bad.add(label + " (step " + step + " is not a probed step of any trace)");
    }
}
