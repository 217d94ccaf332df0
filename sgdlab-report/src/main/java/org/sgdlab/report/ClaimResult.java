package org.sgdlab.report;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sgdlab.probe.Trace;

/**
 * Everything a claim check produced.
 *
 * <p>The {@code id} names the claim's folder in a report, so it must be a plain file name (letters, digits,
 * {@code . _ -}); {@link ReportWriter} rejects other ids. {@code numbers} is copied into an unmodifiable
 * insertion-ordered map; null collections become empty and a null {@code elapsed} becomes zero. Traces are
 * kept by reference (a {@link Trace} is mutable; do not append to it after building the result).
 *
 * @param id            short stable identifier, e.g. {@code "gd-min-norm"}
 * @param title         human title
 * @param source        where the claim comes from (paper, section, source document)
 * @param verdict       the outcome
 * @param prediction    what the theory predicts, in words and numbers
 * @param measurement   what the run measured
 * @param rule          the decision rule turning prediction and measurement into the verdict
 * @param sourceStatement the source document's statement this claim tests, or null
 * @param numericalFindings what finite-precision arithmetic did to statements that hold exactly (each a result of its own,
 *                      beside the verdict, never the verdict); may be empty
 * @param numbers       named key numbers, in display order
 * @param traces        traces recorded by the check (written as CSV)
 * @param plots         plots drawn from those traces
 * @param notes         free-form remarks
 * @param elapsed       wall time the check took
 */
public record ClaimResult(String id, String title, String source, Verdict verdict, String prediction,
                          String measurement, String rule, SourceStatement sourceStatement,
                          List<NumericalFinding> numericalFindings, Map<String, Double> numbers, List<Trace> traces,
                          List<PlotSpec> plots, List<String> notes, Duration elapsed) {

    /** Validates non-null id and verdict and makes defensive, ordered copies of the collections. */
    public ClaimResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(verdict, "verdict");
        numericalFindings = numericalFindings == null ? List.of() : List.copyOf(numericalFindings);
        numbers = numbers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        traces = traces == null ? List.of() : List.copyOf(traces);
        plots = plots == null ? List.of() : List.copyOf(plots);
        notes = notes == null ? List.of() : List.copyOf(notes);
        elapsed = elapsed == null ? Duration.ZERO : elapsed;
    }

    /** A result without numerical findings. */
    public ClaimResult(String id, String title, String source, Verdict verdict, String prediction, String measurement,
                       String rule, SourceStatement sourceStatement, Map<String, Double> numbers, List<Trace> traces,
                       List<PlotSpec> plots, List<String> notes, Duration elapsed) {
        this(id, title, source, verdict, prediction, measurement, rule, sourceStatement, List.of(), numbers, traces, plots,
                notes, elapsed);
    }
}
