package org.sgdlab.theory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.NumericalFinding;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.SourceStatement;
import org.sgdlab.report.Verdict;

/** Collects a claim's measurements, then builds its {@link ClaimResult}. */
public final class ResultBuilder {
    private final Claim claim;
    private final long started = System.nanoTime();
    private final Map<String, Double> numbers = new LinkedHashMap<>();
    private final List<Trace> traces = new ArrayList<>();
    private final List<PlotSpec> plots = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<NumericalFinding> findings = new ArrayList<>();
    private SourceStatement sourceStatement;

    public ResultBuilder(Claim claim) {
        this.claim = claim;
    }

    /** Records a named number (shown in the report's table and the JSON). */
    public ResultBuilder number(String name, double value) {
        numbers.put(name, value);
        return this;
    }

    public ResultBuilder trace(Trace t) {
        traces.add(t);
        return this;
    }

    public ResultBuilder plot(PlotSpec p) {
        plots.add(p);
        return this;
    }

    public ResultBuilder note(String n) {
        notes.add(n);
        return this;
    }

    public ResultBuilder sourceStatement(String statement, Boolean held, String explanation) {
        this.sourceStatement = new SourceStatement(statement, held, explanation);
        return this;
    }

    /** The source's statement judged by a verdict on the same statement: held for HOLDS, refuted for FAILS, undecided otherwise. */
    public ResultBuilder sourceStatement(String statement, Verdict verdict, String explanation) {
        Boolean held = verdict == Verdict.HOLDS ? Boolean.TRUE : verdict == Verdict.FAILS ? Boolean.FALSE : null;
        return sourceStatement(statement, held, explanation);
    }

    /**
     * Records what float64 did to a statement that holds in exact arithmetic: a result of its own beside the verdict,
     * never the verdict ({@link NumericalFinding}).
     *
     * @param statement   the property checked in float64
     * @param held        true if float64 kept it, false if it departed, null if undecided
     * @param measurement what the run measured
     * @param explanation why (may be null)
     */
    public ResultBuilder float64Finding(String statement, Boolean held, String measurement, String explanation) {
        findings.add(new NumericalFinding("float64", statement, held, measurement, explanation));
        return this;
    }

    /** The measured number recorded under {@code name}. */
    public double get(String name) {
        Double v = numbers.get(name);
        if (v == null) {
            throw new IllegalStateException("no number named " + name);
        }
        return v;
    }

    /** Builds the result with the computed verdict and its explanation. */
    public ClaimResult build(Verdict verdict, String prediction, String measurement, String rule) {
        return new ClaimResult(claim.id(), claim.title(), claim.source(), verdict, prediction, measurement, rule,
                sourceStatement, List.copyOf(findings), new LinkedHashMap<>(numbers), List.copyOf(traces), List.copyOf(plots), List.copyOf(notes),
                Duration.ofNanos(System.nanoTime() - started));
    }
}
