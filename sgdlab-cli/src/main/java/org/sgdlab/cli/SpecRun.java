package org.sgdlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.Losses;
import org.sgdlab.loss.MarginLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.oracles.OracleEntry;
import org.sgdlab.oracles.OracleResult;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Probes;
import org.sgdlab.theory.maxmargin.MaxMarginRun;
import org.sgdlab.train.DivergenceException;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;
import picocli.CommandLine;

/**
 * One run of a spec: its {@code train:} options (with the run's swept values, seed and T) are parsed by
 * {@code sgdlab train}'s own picocli model into a {@link TrainCommand}, so data, loss, sampler, step size (auto included),
 * schedule, optimizer and init are read, checked and built exactly as {@code sgdlab train} does, with the same random
 * streams: a spec run gives the same trace, bit for bit, as {@code sgdlab train} with the same options (SpecCommandsTest
 * compares them). Then the spec's reference oracle is solved and the run is probed on the built-in claims' grid.
 */
final class SpecRun {
    private SpecRun() {
    }

    /**
     * Runs {@code config} of {@code spec}; a usage error names the spec key it comes from.
     *
     * @param notes where {@code sgdlab train}'s notes go (e.g. how a data file's header was read); written to
     */
    static SpecRunResult run(SpecFile spec, SpecRunConfig config, ProgressListener progress, java.io.PrintWriter notes) {
        Map<String, SpecNode> origin = new LinkedHashMap<>();
        TrainCommand t = parse(spec, config, origin);
        t.spec.commandLine().setErr(notes);
        try {
            return run(spec, config, t, progress);
        } catch (org.sgdlab.data.DataFormatException e) {
            throw blame(spec, origin, "--data: " + e.getMessage(), config);
        } catch (Main.UsageException | IllegalArgumentException e) {
            if (e instanceof SpecException) {
                throw e;
            }
            throw blame(spec, origin, e.getMessage(), config);
        } catch (java.io.UncheckedIOException e) {
            throw blame(spec, origin, "--data: " + IoMessages.describe(e.getCause()), config);
        }
    }

    /** The train options of {@code config} as {@code sgdlab train} arguments, parsed; {@code origin} maps each option to its node. */
    static TrainCommand parse(SpecFile spec, SpecRunConfig config, Map<String, SpecNode> origin) {
        TrainCommand t = new TrainCommand();
        CommandLine cl = new CommandLine(t);
        NumberConverters.register(cl);
        List<String> args = new ArrayList<>();
        Map<String, SpecNode> nodes = new LinkedHashMap<>(spec.train());
        for (Map.Entry<String, List<SpecNode>> e : spec.sweep().entrySet()) {
            for (SpecNode v : e.getValue()) {
                if (v.text("").strip().equals(config.settings().get(e.getKey()))) {
                    nodes.put(e.getKey(), v);
                }
            }
        }
        for (Map.Entry<String, SpecNode> e : nodes.entrySet()) {
            String key = e.getKey();
            SpecNode v = e.getValue();
            origin.put("--" + key, v);
            if (key.equals("hyper")) {
                for (Map.Entry<String, SpecNode> h : v.entries(null).entrySet()) {
                    args.add("-H");
                    args.add(h.getKey() + "=" + h.getValue().text("a number"));
                }
                origin.put("-H", v);
                continue;
            }
            CommandLine.Model.OptionSpec o = cl.getCommandSpec().findOption("--" + key);
            if (o.arity().max() == 0) {
                String flag = v.text("true or false").strip();
                if (!flag.equals("true") && !flag.equals("false")) {
                    throw v.error("expected true or false, got \"" + flag + "\"");
                }
                if (flag.equals("true")) {
                    args.add("--" + key);
                } else if (o.negatable()) {
                    args.add("--no-" + key);
                }
                continue;
            }
            List<String> values = new ArrayList<>();
            for (SpecNode item : v.items()) {
                String value = item.text("a value of --" + key).strip();
                if (o.type() == java.nio.file.Path.class) {
                    // a file named in a spec is found beside the spec, wherever the command runs
                    java.nio.file.Path folder = java.nio.file.Path.of(spec.file()).toAbsolutePath().getParent();
                    value = folder.resolve(value).normalize().toString();
                }
                values.add(value);
            }
            args.add("--" + key);
            args.add(String.join(",", values));
        }
        args.addAll(List.of("--seed", Long.toString(config.seed()), "--steps", Long.toString(config.steps())));
        try {
            cl.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            String option = e.getArgSpec() instanceof CommandLine.Model.OptionSpec os ? os.longestName() : null;
            SpecNode at = option != null ? origin.get(option) : null;
            if (at != null) {
                throw at.error(e.getMessage());
            }
            throw new SpecException(spec.file(), "train", spec.train().isEmpty() ? 0 : spec.train().values().iterator().next()
                    .line(), e.getMessage());
        }
        t.rejectConflictingOptions();
        return t;
    }

    private static SpecRunResult run(SpecFile spec, SpecRunConfig config, TrainCommand t, ProgressListener progress) {
        // the linear path of TrainCommand#call, for data held in memory (a spec's reference oracles need it)
        Dataset dataset = t.data.load();
        Loss l = Losses.byName(t.loss);
        Reduction red = TrainCommand.parseReduction(t.reduction);
        LinearModel model = new LinearModel(dataset.d(), t.intercept);
        EmpiricalRisk f = new EmpiricalRisk(dataset, model, l, red);
        TrainCommand.LinearSetup setup = t.linearSetup(f, model, dataset, l, red);
        long steps = setup.steps(); // the spec passes --steps T: config.steps()
        double eta = setup.eta();
        double[] w0 = setup.w0();

        double[] ref = spec.reference() != null ? reference(spec, dataset, model, w0) : null;
        SpecPrediction p = spec.prediction();
        boolean direction = p != null && p.kind() == SpecPrediction.Kind.DIRECTION;
        List<Probe> probes = new ArrayList<>();
        if (direction) {
            // the max-margin rule's own probes (angle, norm, loss from its logarithm, margin gap, …)
            probes.addAll(MaxMarginRun.directionProbes(f, ref));
        } else {
            probes.addAll(List.of(Probes.loss(), Probes.norm()));
        }
        probes.add(Probes.gradientNorm(model.parameterCount()));
        if (l instanceof MarginLoss) {
            probes.add(Probes.minMargin());
            probes.add(Probes.normalizedMargin());
        }
        if (ref != null) {
            probes.add(Probes.relativeDistanceTo("rel_dist_to_ref", ref));
            probes.add(Probes.angleTo("angle_to_ref", ref));
        }
        ProbeRequests requests = ProbeRequests.parse(spec.probes());
        List<Probe> chosen;
        try {
            chosen = new ArrayList<>(requests.select(probes, t.probesOnRequest(requests, dataset, l, red, dataset.d())));
        } catch (Main.UsageException e) {
            throw spec.probesNode().error(e.getMessage().replace("--probes: ", ""));
        }
        if (p != null) {
            // the columns the prediction reads are recorded whatever probes: lists
            for (String col : p.columns()) {
                if (chosen.stream().noneMatch(q -> q.name().equals(col))) {
                    Probe needed = probes.stream().filter(q -> q.name().equals(col)).findFirst().orElseThrow(() ->
                            p.node().error("the prediction reads " + col + ", which this run does not record; available: "
                                    + probes.stream().map(Probe::name).toList()
                                    + (spec.reference() == null ? " (rel_dist_to_ref and angle_to_ref need a reference:)" : "")));
                    chosen.add(needed);
                }
            }
        }
        // the direction rule fits over the probes in [T/100, T]: on the max-margin claims' own grid, so that its fits are
        // theirs; the other rules read T and T/2, the t^K fit the log-spaced steps, ∝ the steps of [T/2, T] it averages
        ProbeSchedule grid = direction ? MaxMarginRun.schedule(steps)
                : ProbeSchedule.logSpaced(steps, 10).with(steps / 2, steps / 10, steps / 100);
        if (p != null && p.kind() == SpecPrediction.Kind.PROPTO) {
            grid = grid.with(SpecPrediction.lateSteps(steps)); // only there: the t^K fit weighs the log-spaced steps alike
        }
        double refNorm = ref != null ? Kernels.norm2(ref) : Double.NaN;
        Trainer.Builder builder = Trainer.builder(f, setup.optimizer()).sampler(setup.sampler()).probes(chosen).probeSchedule(grid)
                .progress(progress).traceName(config.traceName());
        try {
            TrainResult r = builder.build().run(w0, steps);
            return new SpecRunResult(config, r.trace(), r.params(), refNorm, eta, null);
        } catch (DivergenceException e) {
            return new SpecRunResult(config, new org.sgdlab.probe.Trace(config.traceName(), chosen.stream().map(Probe::name)
                    .toList()), new double[model.parameterCount()], refNorm, eta, e.getMessage());
        }
    }

    /** The reference oracle's solution for this run's data and start (its (w, b) with an intercept); it must be OPTIMAL. */
    private static double[] reference(SpecFile spec, Dataset d, LinearModel model, double[] w0) {
        SpecFile.Reference r = spec.reference();
        OracleEntry entry = r.entry();
        boolean hasInterceptOption = entry.options().stream().anyMatch(o -> o.name().equals("intercept"));
        Map<String, String> options = new LinkedHashMap<>(r.options());
        if (hasInterceptOption && !options.containsKey("intercept")) {
            options.put("intercept", Boolean.toString(model.hasIntercept()));
        }
        if (model.hasIntercept() && !hasInterceptOption) {
            throw r.node().error("the oracle " + entry.name() + " is defined for models without intercept (train: intercept: true)");
        }
        try {
            SolveCommand.requireLabels(entry, d);
        } catch (RuntimeException e) {
            throw r.node().error(entry.name() + ": " + e.getMessage());
        }
        OracleResult res;
        try {
            res = entry.solve(d.x(), d.y(), w0, options);
        } catch (IllegalArgumentException e) {
            throw r.node().error(entry.name() + ": " + e.getMessage());
        }
        if (res.status() != OracleStatus.OPTIMAL) {
            throw r.node().error("the oracle " + entry.name() + " did not solve " + d.name() + " (" + res.status() + "): "
                    + res.message());
        }
        double[] w = res.w();
        if (w == null || w.length != d.d()) {
            throw r.node().error("the oracle " + entry.name() + " gives " + (w == null ? "no" : w.length + " values of")
                    + " w, the linear model has " + d.d() + " weights: expected an oracle whose solution is a weight vector "
                    + "of the data's features");
        }
        if (!model.hasIntercept()) {
            return w;
        }
        double[] withB = java.util.Arrays.copyOf(w, d.d() + 1);
        withB[d.d()] = res.intercept();
        return withB;
    }

    private static final Pattern OPTION = Pattern.compile("(--[a-z][a-z0-9-]*|-H)");

    /** Messages of the library's name lookups that name no option, and the option whose value they are about. */
    private static final Map<String, String> NAMED_BY = Map.of("unknown loss", "--loss", "unknown optimizer", "--optimizer",
            "unknown hyperparameter", "-H", "unknown sampler", "--sampler", "unknown schedule", "--schedule",
            "unknown generator", "--generate");

    /** A usage error of train's checks, pinned to the spec key of the option it is about (else the first it names). */
    private static SpecException blame(SpecFile spec, Map<String, SpecNode> origin, String message, SpecRunConfig config) {
        for (Map.Entry<String, String> e : NAMED_BY.entrySet()) {
            if (message != null && message.contains(e.getKey()) && origin.containsKey(e.getValue())) {
                return origin.get(e.getValue()).error(message + " (run " + config.label() + ")");
            }
        }
        Matcher m = OPTION.matcher(message == null ? "" : message);
        while (m.find()) {
            SpecNode at = origin.get(m.group(1));
            if (at != null) {
                return at.error(message + " (run " + config.label() + ")");
            }
        }
        int line = spec.train().isEmpty() ? 0 : spec.train().values().iterator().next().line() - 1;
        return new SpecException(spec.file(), "train", Math.max(line, 0), message + " (run " + config.label() + ")");
    }
}
