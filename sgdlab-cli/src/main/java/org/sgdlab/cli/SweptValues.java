package org.sgdlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** A sweep's runs grouped by the value of one swept setting: the ∝ prediction's fit and the sweep's by-value table. */
final class SweptValues {
    private SweptValues() {
    }

    /**
     * {@code value} of each run, grouped by the run's setting {@code key} read as a number (as {@code sgdlab train} reads
     * it), in ascending order of that number.
     *
     * @throws NotANumber when a run's setting is not a number (its text in the message)
     */
    static TreeMap<Double, List<Double>> group(List<SpecRunResult> runs, String key, ToDoubleFunction<SpecRunResult> value) {
        TreeMap<Double, List<Double>> groups = new TreeMap<>();
        for (SpecRunResult r : runs) {
            String text = r.config().settings().get(key);
            double x;
            try {
                x = NumberConverters.parseDouble(text);
            } catch (RuntimeException e) {
                throw new NotANumber(text);
            }
            groups.computeIfAbsent(x, v -> new ArrayList<>()).add(value.applyAsDouble(r));
        }
        return groups;
    }

    /** A swept setting whose value is not a number. */
    static final class NotANumber extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotANumber(String text) {
            super("\"" + text + "\"");
        }
    }
}
