package org.sgdlab.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Provenance;
import org.sgdlab.report.ReportWriter;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.Format;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sgdlab sweep SPEC}: every combination of a spec's swept values and seeds, one deterministic run each, in one table
 * (CSV and JSON) with summary plots, and the spec's verdict when it has a prediction (the same verdict, from the same
 * code, as {@code sgdlab check --spec}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a spec file's sweep: the cartesian product of the values listed under sweep: (any `sgdlab train` "
                + "option: lr, batch, init-scale, n, d, data-seed, optimizer, …) times its seeds:, each run deterministic by "
                + "its seed.",
            "Writes sweep.csv (one row per run: the swept values, the seed, every probe at T), result.json (the same rows, "
                + "the verdict, provenance), one CSV per run, plots of the metric against each swept option with the spread "
                + "over seeds, and index.html.",
            "With a prediction: the spec's verdict, computed as `sgdlab check --spec` computes it."},
        footer = {"", "The spec format (every key: docs/specs.md; worked examples: docs/specs/*.yaml):",
            "  name: sgd-noise-floor               # the report's id",
            "  train:                              # `sgdlab train` options, no dashes",
            "    data: noisy-regression.csv        # found beside the spec",
            "    label: y",
            "    loss: squared",
            "    optimizer: sgd",
            "  steps: {quick: 20000, full: 200000} # T (--quick: the first)",
            "  reference: min-norm                 # any of `sgdlab list oracles`",
            "  seeds: [1, 2, 3, 4]",
            "  sweep:                              # any train option: lists of values",
            "    lr: [0.0025, 0.005, 0.01, 0.02]",
            "  prediction: rel_dist_to_ref ∝ lr^0.5 over the sweep   # optional",
            "", "Examples:", "  sgdlab sweep docs/specs/sgd-noise-floor.yaml --quick",
            "  sgdlab sweep mine.yaml --out /tmp/sweep",
            "", "Exit codes: 0 done (the prediction HOLDS, is INCONCLUSIVE, or there is none), 1 the prediction FAILS, 2 bad "
                + "usage or a mistake in the spec (the message names the file, the key, the line and what was expected)."})
final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file (YAML).")
    Path specFile;

    @Option(names = "--quick", description = "Use the spec's quick step count instead of its full one.")
    boolean quick;

    @Option(names = "--seed", paramLabel = "N", description = "The seed of every run when the spec has no seeds: key "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "sgdlab-out/sweep")
    Path out;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Also write the sweep for TensorBoard: one run folder per "
            + "configuration (its hyperparameters as an HParams session; repeats over seeds share a session group), the "
            + "experiment record in DIR; then `tensorboard --logdir DIR`.")
    Path logDir;

    /** Where the runs execute (tests and sgdlab-spark may set another). */
    SpecRunner runner = SpecRunner.local();

    @Override
    public Integer call() throws Exception {
        SpecFile s = SpecFile.read(specFile);
        ReportWriter.checkReplaceable(out);
        Budget budget = quick ? Budget.QUICK : Budget.FULL;
        List<SpecRunConfig> configs = s.configurations(budget, seed);
        if (logDir != null) {
            TensorBoardLogs.requireUsable(logDir); // before the runs: a usage error, nothing written
        }
        Instant started = Instant.now();
        System.err.printf(Locale.ROOT, "sgdlab sweep: %s, %d run%s of %d steps (%s budget)%n", s.name(), configs.size(),
                configs.size() == 1 ? "" : "s", s.steps(budget), budget.name().toLowerCase(Locale.ROOT));
        ProgressBar bar = new ProgressBar(System.err, "sweep " + s.name(), ProgressBar.interactive());
        List<SpecRunResult> runs = runner.run(s, configs, bar);
        bar.clear();
        SpecPrediction.Decision decision = s.prediction() != null ? SpecClaim.decide(s, runs) : null;

        String metric = s.prediction() != null ? s.prediction().metric() : "loss";
        List<String> columns = firstColumns(runs);
        Trace table = table(s, runs, columns);
        List<Trace> traces = new ArrayList<>(List.of(table));
        List<PlotSpec> plots = new ArrayList<>();
        if (columns.contains(metric)) {
            SpecPrediction p = s.prediction();
            java.util.function.ToDoubleFunction<SpecRunResult> value = p != null ? p::runValue
                    : r -> r.diverged() != null || r.trace().size() == 0 ? Double.NaN : r.trace().last(metric);
            String what = p != null ? p.what() : metric + " at T";
            for (String key : s.sweep().keySet()) {
                Trace by = bySweptValue(runs, key, value);
                if (by != null) {
                    traces.add(by);
                    boolean positive = by.size() > 0 && java.util.Arrays.stream(by.column(key)).allMatch(v -> v > 0);
                    PlotSpec.Builder b = positive ? PlotSpec.logLog(by.name() + ".png") : PlotSpec.semiLogY(by.name() + ".png");
                    plots.add(b.title(s.name() + ": " + what + " against " + key + " (mean, min and max over the runs)")
                            .trace(by.name()).x(key, key).y(List.of("mean", "min", "max"), what).build());
                }
            }
        }
        for (SpecRunResult r : runs) {
            if (r.trace().size() > 0) {
                traces.add(r.trace());
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("spec", s.name());
        summary.put("runs", runs.size());
        summary.put("steps", s.steps(budget));
        if (decision != null) {
            summary.put("prediction", s.prediction().text());
            summary.put("verdict", decision.verdict().name());
            summary.put("measurement", decision.measurement());
            summary.put("rule", decision.rule());
            summary.put("numbers", new LinkedHashMap<>(decision.numbers()));
        }
        summary.put("rows", rows(runs, columns));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("budget", budget.name().toLowerCase(Locale.ROOT));
        params.putAll(specProvenance(s));
        Provenance provenance = Provenance.capture(seed, params, started);
        Path index = ReportWriter.writeRun(out, "sgdlab sweep: " + s.name(), summary, traces, plots, provenance);
        if (logDir != null) {
            writeTensorBoard(s, runs, columns, provenance);
        }

        PrintWriter stdout = spec.commandLine().getOut();
        for (SpecRunResult r : runs) {
            stdout.printf(Locale.ROOT, "%-6s %-40s %s%n", r.config().traceName(), r.config().label(), r.diverged() != null
                    ? "diverged" : columns.contains(metric) ? metric + " at T " + Format.g(r.trace().last(metric)) : "");
        }
        if (decision != null) {
            stdout.printf(Locale.ROOT, "%s: %s%n  prediction: %s%n  measured:   %s%n", s.name(), decision.verdict(),
                    s.prediction().text(), decision.measurement());
        }
        stdout.println("Report: " + index.toAbsolutePath());
        stdout.flush();
        return decision != null && decision.verdict() == Verdict.FAILS ? Main.EXIT_FAILED : 0;
    }

    /**
     * {@code --log-dir}: the experiment (every swept option with its values, the probes as the HParams tab's metric
     * columns) and one TensorBoard run per configuration, named like its trace ("run3"); runs that differ only in their
     * seed share a session group, so the HParams tab aggregates the repeats.
     */
    private void writeTensorBoard(SpecFile s, List<SpecRunResult> runs, List<String> columns, Provenance provenance)
            throws java.io.IOException {
        List<Map<String, Object>> hparams = new ArrayList<>();
        for (SpecRunResult r : runs) {
            hparams.add(hparams(r));
        }
        Object sweep = TensorBoardLogs.startSweep(logDir, "sgdlab sweep: " + s.name(),
                s.prediction() != null ? "prediction: " + s.prediction().text() : "sweep " + s.name(), hparams, columns);
        for (int k = 0; k < runs.size(); k++) {
            SpecRunResult r = runs.get(k);
            String group = r.config().settings().toString(); // the swept values without the seed
            TensorBoardLogs.writeSweepRun(sweep, r.config().traceName(), group, hparams.get(k), r.trace(), out, List.of(),
                    provenance);
        }
    }

    /** A run's swept values (numbers as numbers), its seed and step size, for TensorBoard's HParams tab. */
    private static Map<String, Object> hparams(SpecRunResult r) {
        Map<String, Object> h = new LinkedHashMap<>();
        r.config().settings().forEach((k, v) -> {
            Object value = v;
            try {
                value = NumberConverters.parseDouble(v);
            } catch (RuntimeException e) {
                // not a number (an optimizer's name): kept as text
            }
            h.put(k, value);
        });
        h.put("seed", (double) r.config().seed());
        h.put("learning_rate", r.learningRate());
        return h;
    }

    /** The spec's file, name and SHA-256 of its text, for the provenance of every output. */
    static Map<String, String> specProvenance(SpecFile s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spec", s.file());
        m.put("spec_name", s.name());
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(s.text().getBytes(StandardCharsets.UTF_8));
            m.put("spec_sha256", java.util.HexFormat.of().formatHex(h));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        m.put("spec_text", s.text());
        return m;
    }

    private static List<String> firstColumns(List<SpecRunResult> runs) {
        for (SpecRunResult r : runs) {
            if (r.diverged() == null) {
                return r.trace().columns().subList(1, r.trace().columns().size());
            }
        }
        return runs.isEmpty() ? List.of() : runs.get(0).trace().columns().subList(1, runs.get(0).trace().columns().size());
    }

    /**
     * sweep.csv: one row per run; "step" is the run's number, then each swept option (its value, or for a value that is
     * not a number its position in the spec's list), the seed, the step size, diverged (0/1) and every probe at T.
     */
    private static Trace table(SpecFile s, List<SpecRunResult> runs, List<String> columns) {
        List<String> cols = new ArrayList<>(s.sweep().keySet());
        cols.addAll(List.of("seed", "learning_rate", "diverged"));
        for (String c : columns) {
            cols.add(c + "_at_T");
        }
        Trace t = new Trace("sweep", cols);
        for (SpecRunResult r : runs) {
            double[] row = new double[cols.size() + 1];
            int k = 0;
            row[k++] = r.config().index();
            for (Map.Entry<String, List<SpecNode>> e : s.sweep().entrySet()) {
                row[k++] = numeric(r.config().settings().get(e.getKey()), e.getValue());
            }
            row[k++] = r.config().seed();
            row[k++] = r.learningRate();
            row[k++] = r.diverged() != null ? 1 : 0;
            for (String c : columns) {
                row[k++] = r.diverged() != null || r.trace().size() == 0 ? Double.NaN : r.trace().last(c);
            }
            t.add(row);
        }
        return t;
    }

    private static double numeric(String value, List<SpecNode> listed) {
        try {
            return NumberConverters.parseDouble(value);
        } catch (RuntimeException e) {
            for (int i = 0; i < listed.size(); i++) {
                if (listed.get(i).text("").strip().equals(value)) {
                    return i;
                }
            }
            return Double.NaN;
        }
    }

    /**
     * by_KEY: per value of a numeric swept option, the mean, min and max of {@code value} (the prediction's per-run number,
     * else the metric at T) over its runs: the spread over seeds (null if the option's values are not numbers).
     */
    private static Trace bySweptValue(List<SpecRunResult> runs, String key, java.util.function.ToDoubleFunction<SpecRunResult> value) {
        Map<Double, List<Double>> groups;
        try {
            groups = SweptValues.group(runs, key, value);
        } catch (SweptValues.NotANumber e) {
            return null; // no table for a setting that is not a number (an optimizer's name, say)
        }
        Trace t = new Trace("by_" + key.replace('-', '_'), List.of(key, "mean", "min", "max", "runs"));
        int i = 0;
        for (Map.Entry<Double, List<Double>> e : groups.entrySet()) {
            java.util.DoubleSummaryStatistics st = e.getValue().stream().mapToDouble(Double::doubleValue).summaryStatistics();
            t.add(new double[] {i++, e.getKey(), st.getAverage(), st.getMin(), st.getMax(), e.getValue().size()});
        }
        return t;
    }

    private static List<Object> rows(List<SpecRunResult> runs, List<String> columns) {
        List<Object> rows = new ArrayList<>();
        for (SpecRunResult r : runs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", r.config().index());
            row.putAll(r.config().settings());
            row.put("seed", r.config().seed());
            row.put("learning_rate", r.learningRate());
            row.put("diverged", r.diverged());
            Map<String, Object> atT = new LinkedHashMap<>();
            for (String c : columns) {
                atT.put(c, r.diverged() != null || r.trace().size() == 0 ? Double.NaN : r.trace().last(c));
            }
            row.put("at_T", atT);
            rows.add(row);
        }
        return rows;
    }
}
