package org.sgdlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Traces;

/**
 * A user's spec as a claim: {@code sgdlab check --spec FILE} runs it through the same loop, verdict table and report as the
 * built-in claims. Its id is {@code spec.NAME}; its verdict is computed by {@link SpecPrediction#decide} (the built-in
 * claims' rules); {@code sgdlab sweep} computes the same verdict from the same runs ({@link #decide}).
 */
final class SpecClaim extends BaseClaim {
    private final SpecFile spec;
    private final SpecRunner runner;

    SpecClaim(SpecFile spec, SpecRunner runner) {
        super("spec." + spec.name(), spec.statement().isEmpty() ? (spec.prediction() != null ? spec.prediction().text()
                : spec.name()) : spec.statement(), "spec file " + spec.file());
        this.spec = spec;
        this.runner = runner;
    }

    SpecFile spec() {
        return spec;
    }

    /** Runs every configuration of the spec under {@code c}'s budget (seeds: the spec's, else {@code c}'s seed). */
    @Override
    public ClaimResult check(ClaimContext c) {
        if (spec.prediction() == null) {
            throw new SpecException(spec.file(), "prediction", 0, "`sgdlab check --spec` needs a prediction: (the key is "
                    + "missing; `sgdlab sweep` runs a spec without one)");
        }
        ResultBuilder rb = new ResultBuilder(this); // its clock times the runs too
        List<SpecRunResult> runs = runner.run(spec, spec.configurations(c.budget(), c.seed()), c.progress());
        return result(rb, runs, c.budget());
    }

    /** The claim result of {@code runs} (the spec's configurations, in order), recorded in {@code rb}. */
    ClaimResult result(ResultBuilder rb, List<SpecRunResult> runs, Budget budget) {
        SpecPrediction p = spec.prediction();
        SpecPrediction.Decision d = p.decide(runs);
        rb.number("runs", runs.size()).number("steps", spec.steps(budget));
        for (SpecRunResult r : runs) {
            rb.number(r.config().traceName() + ".learning_rate", r.learningRate());
        }
        for (Map.Entry<String, Double> e : d.numbers().entrySet()) {
            rb.number(e.getKey(), e.getValue());
        }
        List<Trace> traces = new ArrayList<>();
        for (SpecRunResult r : runs) {
            rb.note(r.config().traceName() + ": " + r.config().label() + (r.diverged() != null ? " — " + r.diverged() : ""));
            if (r.trace().size() > 0) {
                traces.add(r.trace());
                rb.trace(r.trace());
            }
        }
        if (!traces.isEmpty()) {
            Trace merged = Traces.mergeColumn(p.metric() + "_by_run", traces, p.metric());
            rb.trace(merged);
            rb.plot(PlotSpec.logLog(p.metric() + ".png").title(id() + ": " + p.metric()).trace(merged.name())
                    .x("step", "step t").y(traces.stream().map(Trace::name).toList(), p.metric()).build());
        }
        if (!spec.statement().isEmpty()) {
            rb.sourceStatement(spec.statement(), d.verdict(), "the user's statement, judged by its prediction \"" + p.text()
                    + "\"");
        }
        rb.note("Spec " + spec.file() + " (" + spec.name() + "), " + budget.name().toLowerCase(java.util.Locale.ROOT)
                + " budget: T = " + spec.steps(budget) + " steps per run.");
        return rb.build(d.verdict(), p.text(), d.measurement(), d.rule());
    }

    /** The verdict of {@code runs} alone (what {@code sgdlab sweep} prints). */
    static SpecPrediction.Decision decide(SpecFile spec, List<SpecRunResult> runs) {
        return spec.prediction().decide(runs);
    }

    @Override
    public Verdict expectedVerdict(Budget budget) {
        throw new UnsupportedOperationException("a user's spec has no expected verdict: its verdict is what it finds");
    }
}
