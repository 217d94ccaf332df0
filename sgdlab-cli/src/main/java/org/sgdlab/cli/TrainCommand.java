package org.sgdlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.Losses;
import org.sgdlab.loss.MarginLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.objective.Smoothness;
import org.sgdlab.optim.Transform;
import org.sgdlab.oracles.OracleCatalog;
import org.sgdlab.oracles.OracleEntry;
import org.sgdlab.oracles.OracleResult;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Probes;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Provenance;
import org.sgdlab.report.ReportWriter;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `sgdlab train`: one run of an optimizer on a model (the linear model, or a network of --model: {@link NetworkTraining}),
 * with probes, a reference and a report.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model (linear by default; an mlp, deep linear, diagonal or factorized network with --model) "
                + "with a first-order method and record probes on log-spaced steps.",
            "Optionally compare the linear model with a reference solution (min-norm interpolant or max-margin SVM).",
            "Writes result.json (with provenance and the final parameters), trace.csv, plots and index.html."},
        footer = {"", "Examples:",
            "  sgdlab generate regression --n 40 --d 200 --out X.csv",
            "  sgdlab train --data X.csv --label y --loss squared --reduction sum --optimizer gd --lr auto --steps 4000 --reference min-norm",
            "  sgdlab train --generate separable --loss logistic --optimizer gd --lr auto --steps 1000000 --reference svm",
            "  sgdlab train --generate separable --loss exponential --optimizer steepest-lp -H p=1.5 --lr 0.01 --steps 100000",
            "  sgdlab train --generate regression --optimizer adam --lr 0.01 -H beta2=0.99 --steps 20000 --reference min-norm",
            "  sgdlab train --generate seed-exp1 --loss logistic --reduction sum --lr 0.1 --steps 5000 --init seed-exp1 --reference svm",
            "  sgdlab train --generate separable --loss logistic --model mlp:32,32 --no-bias --lr 0.05 --steps 2000",
            "  sgdlab train --generate separable --model mlp:16 --activation tanh --lr 0.5 --steps 2000 --probes loss,sharpness:every=20",
            "  sgdlab train --generate separable --loss logistic --model mlp:10 --norm batch --lr 0.01 --steps 3000 --probes loss,weight_norm",
            "  sgdlab train --generate regression --n 20 --d 40 --model diagonal:3 --init-scale 0.1 --lr 0.01 --steps 5000",
            "  sgdlab train --data Y.csv --label y --model factorized:2 --width 10 --init-scale 0.01 --reduction sum --lr 0.02 --steps 10000",
            "     (Y.csv: columns row,col,y, one observed entry per line: matrix completion; rows of m·n columns: sensing)",
            "", "Exit codes: 0 success, 1 the run diverged (the message names the step and the step size), 2 bad usage or input."})
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    ModelOptions models;

    @Option(names = "--intercept", description = "Fit an intercept b (default: no intercept, as in the seeds' theorems).")
    boolean intercept;

    @Option(names = "--loss", description = "squared, logistic, exponential, hinge, squared-hinge, or for mlp and deep-linear "
            + "models softmax-cross-entropy (labels 0..K−1, K outputs) (default: ${DEFAULT-VALUE}).",
            defaultValue = "squared")
    String loss;

    @Option(names = "--reduction", description = "sum or mean of the per-sample losses (default: ${DEFAULT-VALUE}).", defaultValue = "mean")
    String reduction;

    @Option(names = "--optimizer", description = "gd or any optimizer of `sgdlab list optimizers` (default: ${DEFAULT-VALUE}). "
            + "gd is sgd on full batches; sgd defaults to batches of 1 drawn with replacement; the others to full batches.",
            defaultValue = "gd")
    String optimizer;

    @Option(names = {"-H", "--hyper"}, paramLabel = "KEY=VALUE",
            description = "A hyperparameter of the optimizer besides the learning rate, e.g. -H momentum=0.9 -H nesterov=1, "
                    + "-H beta2=0.99, -H p=3 (names as in `sgdlab list optimizers`; flags are 0 or 1).")
    Map<String, Double> hyper = new LinkedHashMap<>();

    @Option(names = "--lr", description = "Step size, or `auto` for 1/L with L the loss's smoothness bound for this data and batch "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "auto")
    String lr;

    @Option(names = "--schedule", description = "constant, inverse-time (1/t), inverse-sqrt (1/sqrt(t)) or cosine (default: ${DEFAULT-VALUE}).",
            defaultValue = "constant")
    String schedule;

    @Option(names = "--tau", description = "Time scale τ of decaying schedules: η_t = η/(1 + t/τ) or η/√(1 + t/τ) (default: steps/10); for cosine the steps to reach 0 (default: all).")
    Double tau;

    @Option(names = "--sampler", description = "full, with-replacement, shuffled or in-order (rows in data order, like sklearn's shuffle=False) "
            + "(default: full for every optimizer but sgd, "
            + "with-replacement for sgd).")
    String sampler;

    @Option(names = "--batch", description = "Batch size for stochastic samplers (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int batch;

    @Option(names = "--steps", description = "Number of steps (default: ${DEFAULT-VALUE}).", defaultValue = "10000")
    long steps;

    @Option(names = "--epochs", description = "Number of epochs instead of --steps (an epoch is ⌈n/batch⌉ steps).")
    Long epochs;

    @Option(names = "--seed", description = "Seed of the sampler and of a random init (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--init", description = "Linear model: zeros (default), random (N(0, scale²/d) entries) or seed-exp1 (the "
            + "seed's randn(2)·0.01). Networks: default (the model's own, see `sgdlab list models`), zeros, or for deep-linear "
            + "and factorized gaussian (α·N(0,1) entries), orthogonal (α·Q) or balanced (Arora et al. 2019).")
    String init;

    @Option(names = "--init-scale", paramLabel = "α", description = "Initialization scale α: of a random linear init; of a "
            + "network's init (mlp: torch's default times α; deep-linear, factorized: each factor, so the product scales as α^L; "
            + "diagonal: every parameter equals α) (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    double initScale;

    @Option(names = "--reference", description = "none, min-norm (w0 + X⁺(y − Xw0)), svm (the hard-margin SVM; with --intercept its (w, b)) "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "none")
    String reference;

    @Option(names = {"--probes", "--probe"}, split = ",", paramLabel = "NAME[:every=K]",
            description = "Probes to record, comma-separated (default: all that apply but sharpness). Linear model: loss, norm, "
                    + "grad_norm, min_margin, normalized_margin (margin losses), null_component (with --reference min-norm), "
                    + "rel_dist_to_ref, angle_to_ref (with a reference). Networks: loss, weight_norm (‖θ‖, and weight_norm_B per "
                    + "block B), grad_norm, min_margin and normalized_margin (margin losses; normalized by ‖θ‖^L, homogeneous "
                    + "models), nuclear_norm and balance (deep-linear, factorized), predictor_l1 (diagonal). Both: sharpness "
                    + "(λ_max of the loss Hessian from exact Hessian-vector products, with sharpness_residual, its bound), "
                    + "weight_norm. sharpness:every=K records every probe every K steps instead of log-spaced.")
    List<String> probeNames;

    @Option(names = "--probes-per-decade", description = "Probe density on the log-spaced step grid (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int perDecade;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "sgdlab-out/train")
    Path out;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Also write the run in TensorBoard's format into DIR (a new "
            + "or empty folder): every probe as a scalar by step, the plots as images, the provenance as text and the "
            + "hyperparameters for the HParams tab. View with `tensorboard --logdir DIR`.")
    Path logDir;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Write a checkpoint every N steps (parameters, "
            + "optimizer, sampler and random state, trace so far; atomic, the previous one kept until the new one is complete), "
            + "so that `--resume` continues a killed run with the same bits. Deleted once the report is written.")
    Long checkpointEvery;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Folder of the checkpoint (default: the --out folder's "
            + "name with .checkpoint, beside it).")
    Path checkpointDir;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run checkpointed in DIR, with the configuration "
            + "recorded there (other options may be repeated with the same value, not changed). Same bits as an uninterrupted run.")
    Path resume;

    /**
     * Set instead of {@link #spec} when {@link FastTrainParser} parsed the arguments (picocli's model of this command is
     * not built then): the writers, the arguments and the options given.
     */
    FastTrainParser.Parsed parsed;

    /** Set by {@link TrainCheckpoints#resume}: the checkpoint this run continues, and its folder. */
    org.sgdlab.train.checkpoint.FieldMap resumeSnapshot;
    Path resumeDir;

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return TrainCheckpoints.resume(this);
        }
        rejectConflictingOptions();
        if (logDir != null) {
            TensorBoardLogs.requireUsable(logDir);
        }
        if (!models.isLinear()) {
            return new NetworkTraining(this, err()).run();
        }
        // the plots' one-time set-up (Java2D, the glyph table, PNG encoder) on the second core while this one reads and
        // trains; the threads that render the plots wait for it, not this one (it writes the other report files
        // meanwhile)
        org.sgdlab.report.Plots.startWarmUp();
        // --mmap: the rows stay in a memory-mapped file; everything that needs them in the heap is refused below
        org.sgdlab.data.MappedDataset mapped = data.mmap ? data.loadMapped() : null;
        Dataset dataset = mapped == null ? data.load() : null;
        String dataName = mapped != null ? mapped.name() : dataset.name();
        int dim = mapped != null ? mapped.d() : dataset.d();
        ReportWriter.checkReplaceable(out);
        TrainCheckpoints checkpoints = TrainCheckpoints.of(this);
        Loss l = Losses.byName(loss);
        Reduction red = parseReduction(reduction);
        LinearModel model = new LinearModel(dim, intercept);
        EmpiricalRisk f = mapped != null ? EmpiricalRisk.overRows(dataName, mapped.x(), mapped.y(), model, l, red)
                : new EmpiricalRisk(dataset, model, l, red);
        int n = f.sampleCount();
        if (mapped != null && ("auto".equals(lr) || !"none".equals(reference))) {
            throw new Main.UsageException("--mmap supports --lr VALUE and --reference none only (auto step sizes and reference "
                    + "solutions need the data in memory)");
        }
        LinearSetup run = linearSetup(f, model, dataset, l, red);
        String samplerName = run.samplerName();
        Sampler s = run.sampler();
        long totalSteps = run.steps();
        double eta = run.eta();
        Transform opt = run.optimizer();
        double[] w0 = run.w0();
        String optName = opt.describe();
        ProbeRequests requests = ProbeRequests.parse(probeNames);
        Long probeEvery = requests.sharpnessEvery();

        List<Probe> probes = new ArrayList<>(List.of(Probes.loss(), Probes.norm(), Probes.gradientNorm(model.parameterCount())));
        if (l instanceof MarginLoss) {
            probes.add(Probes.minMargin());
            probes.add(Probes.normalizedMargin());
        }
        if ("min-norm".equals(reference)) {
            // ‖P_null(w)‖/‖w‖: GD/SGD keep the null-space component of w0 (seed 000)
            org.sgdlab.oracles.RowSpace rs = org.sgdlab.oracles.RowSpace.of(dataset.x());
            probes.add(Probes.relativeComponent("null_component", rs::nullComponent, model.parameterCount()));
        }
        double[] ref = referenceSolution(dataset, model, w0);
        if (ref != null) {
            probes.add(Probes.relativeDistanceTo("rel_dist_to_ref", ref));
            probes.add(Probes.angleTo("angle_to_ref", ref));
        }
        probes = requests.select(probes, probesOnRequest(requests, dataset, l, red, dim));
        ProbeSchedule grid = probeEvery != null ? ProbeSchedule.linear(totalSteps, probeEvery)
                : ProbeSchedule.logSpaced(totalSteps, perDecade);
        Instant started = Instant.now();
        ProgressBar bar = new ProgressBar(System.err, "train", ProgressBar.interactive());
        TrainResult r = checkpoints.run(Trainer.builder(f, opt).sampler(s).probes(probes).probeSchedule(grid)
                .progress(bar).traceName("trace"), w0, totalSteps, runIdentity(optName, s.describe(), model.parameterCount(), n,
                dataset != null ? TrainCheckpoints.dataHash(dataset) : data.describe()));
        bar.clear();

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("data", dataName);
        summary.put("n", n);
        summary.put("d", dim);
        summary.put("optimizer", optName);
        summary.put("sampler", s.describe());
        summary.put("learning_rate", eta);
        summary.put("steps", totalSteps);
        double finalLoss = f.value(r.params());
        double[] grad = new double[model.parameterCount()];
        f.gradient(r.params(), grad);
        summary.put("final_loss", finalLoss);
        summary.put("final_grad_norm", Kernels.norm2(grad));
        summary.put("final_norm", Kernels.norm2(r.params()));
        if (ref != null) {
            summary.put("reference", reference);
            summary.put("reference_solution", ref);
            summary.put("final_rel_dist_to_ref", Angles.relativeDistance(r.params(), ref));
            summary.put("final_angle_to_ref", Angles.between(r.params(), ref));
        }
        summary.put("w", r.params());
        List<PlotSpec> plots = new ArrayList<>();
        List<String> recorded = r.trace().columns();
        if (recorded.contains("loss")) {
            plots.add(PlotSpec.logLog("loss.png").title("loss").trace("trace").x("step", "step t").y("loss", "loss").build());
        }
        if (recorded.contains("norm")) {
            plots.add(PlotSpec.semiLogX("norm.png").title("‖w_t‖").trace("trace").x("step", "step t").y("norm", "‖w‖").build());
        }
        if (recorded.contains("rel_dist_to_ref") && recorded.contains("angle_to_ref")) {
            plots.add(PlotSpec.logLog("reference.png").title("distance and angle to the " + reference + " reference").trace("trace")
                    .x("step", "step t").y(List.of("rel_dist_to_ref", "angle_to_ref"), "relative distance / angle (rad)").build());
        }
        Map<String, String> params = parameters(dataset, optName, s.describe(), eta, totalSteps);
        Provenance provenance = Provenance.capture(seed, params, started);
        Path index = ReportWriter.writeRun(out, "sgdlab train: " + optName + " on " + dataName, summary,
                List.of(r.trace()), plots, provenance);
        if (logDir != null) {
            TensorBoardLogs.writeRun(logDir, TensorBoardLogs.trainHParams(this, samplerName, s.batchSize(), eta, totalSteps),
                    r.trace(), out, plots, provenance);
        }
        checkpoints.completed();

        PrintWriter stdout = out();
        stdout.printf(Locale.ROOT, "%s, %s, %d steps, learning rate %s%n", optName, s.describe(), totalSteps,
                org.sgdlab.theory.Format.g(eta));
        stdout.printf(Locale.ROOT, "final loss %s, ‖∇L‖ %s, ‖w‖ %s%n", org.sgdlab.theory.Format.g(finalLoss),
                org.sgdlab.theory.Format.g(Kernels.norm2(grad)), org.sgdlab.theory.Format.g(Kernels.norm2(r.params())));
        if (ref != null) {
            stdout.printf(Locale.ROOT, "relative distance to the %s reference %s, angle %s rad%n", reference,
                    org.sgdlab.theory.Format.g(Angles.relativeDistance(r.params(), ref)),
                    org.sgdlab.theory.Format.g(Angles.between(r.params(), ref)));
        }
        stdout.println("Report: " + index.toAbsolutePath());
        stdout.flush();
        return 0;
    }

    /**
     * The linear model's probes recorded only when asked for: weight_norm (‖w‖, and per block with an intercept) and the
     * sharpness, from the Hessian-vector products of the same risk written as a network (LinearNetwork: the same
     * parameter layout, and its gradient equals EmpiricalRisk's to 1e-14), which needs the data in memory.
     */
    List<Probe> probesOnRequest(ProbeRequests requests, Dataset dataset, Loss l, Reduction red, int dim) {
        org.sgdlab.nn.model.LinearNetwork net = new org.sgdlab.nn.model.LinearNetwork(dim, 1, intercept);
        List<Probe> extra = new ArrayList<>(org.sgdlab.nn.probe.WeightNorms.all(net.layout()));
        if (requests.asks(org.sgdlab.nn.probe.SharpnessProbe.NAME) || requests.asks(org.sgdlab.nn.probe.SharpnessProbe.RESIDUAL_NAME)) {
            if (dataset == null) {
                throw new Main.UsageException("--probes sharpness needs the data in memory; it is not available with --mmap");
            }
            org.sgdlab.nn.probe.SharpnessProbe sharp = Sharpness.probe(new org.sgdlab.nn.objective.NetworkObjective(net, dataset,
                    org.sgdlab.nn.objective.NetworkLoss.of(l), red), seed);
            extra.add(sharp);
            extra.add(sharp.residual());
        }
        return extra;
    }

    /** What a checkpoint's run must share with the run resuming it (checked before anything is restored). */
    static Map<String, String> runIdentity(String optimizer, String sampler, int parameters, int samples, String dataHash) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("optimizer", optimizer);
        m.put("sampler", sampler);
        m.put("parameters", Integer.toString(parameters));
        m.put("samples", Integer.toString(samples));
        m.put("data_hash", dataHash);
        return m;
    }

    /** The arguments of this command as given (without the command name), recorded in checkpoints. */
    List<String> recordedArguments() {
        return new ArrayList<>(parsed != null ? parsed.arguments() : spec.commandLine().getParseResult().expandedArgs());
    }

    /** Standard output: picocli's writer, or the one {@link FastTrainParser} was given. */
    PrintWriter out() {
        return parsed != null ? parsed.out() : spec.commandLine().getOut();
    }

    /** Standard error: picocli's writer, or the one {@link FastTrainParser} was given. */
    PrintWriter err() {
        return parsed != null ? parsed.err() : spec.commandLine().getErr();
    }

    /** True when option {@code name} (e.g. "--steps") was given on the command line, as picocli's hasMatchedOption. */
    boolean given(String name) {
        if (parsed != null) {
            return parsed.given(name);
        }
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        return pr != null && pr.hasMatchedOption(name);
    }

    /** The folder relative paths of this command's arguments are relative to. */
    Path workingFolder() {
        return Path.of("").toAbsolutePath();
    }

    /** Resolves every relative path option against {@code folder} (a resumed run's paths, recorded elsewhere). */
    void resolvePathsAgainst(Path folder) {
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            if (o.getValue() instanceof Path p && !p.isAbsolute()) {
                o.setValue(folder.resolve(p));
            }
        }
    }

    /**
     * What a linear run of these options trains with: the sampler on stream 1 of {@code --seed}, the step count, the step
     * size ({@code --lr auto} included), the optimizer with its schedule and the start drawn from stream 2. {@code sgdlab
     * train} and a spec's runs both build it here, so the same options give the same bits.
     */
    record LinearSetup(String samplerName, Sampler sampler, long steps, double eta, Transform optimizer, double[] w0) {
    }

    /** The {@link LinearSetup} of these options for {@code f} on {@code dataset} (which is null for memory-mapped data). */
    LinearSetup linearSetup(EmpiricalRisk f, LinearModel model, Dataset dataset, Loss l, Reduction red) {
        RandomStream rng = new RandomStream(seed);
        String samplerName = samplerName();
        Sampler s = sampler(samplerName, f.sampleCount(), rng);
        long totalSteps = checkedSteps(f.sampleCount(), s.batchSize());
        double eta = "auto".equals(lr) ? autoLearningRate(dataset, l, red, s) : parseLr(lr);
        Transform opt = optimizer(eta, totalSteps, model.parameterCount());
        double[] w0 = constrainedStart(opt, initialPoint(model, rng.split(2)));
        return new LinearSetup(samplerName, s, totalSteps, eta, opt, w0);
    }

    /** --sampler, else with replacement for sgd and full batches for the other optimizers. */
    String samplerName() {
        return org.sgdlab.catalog.TrainingDefaults.samplerName(sampler, optimizer);
    }

    /** The sampler {@code name} over {@code n} samples on stream 1 of {@code rng} (stream 2 draws the initial point). */
    Sampler sampler(String name, int n, RandomStream rng) {
        return Samplers.byName(name, n, name.startsWith("full") ? n : batch, rng.split(1));
    }

    /** {@link #totalSteps} of these options; a usage error when it is below 1. */
    long checkedSteps(int n, int batchSize) {
        long totalSteps = totalSteps(epochs, steps, n, batchSize);
        if (totalSteps < 1) {
            throw new Main.UsageException("--steps must be >= 1, got " + totalSteps);
        }
        return totalSteps;
    }

    /** --optimizer on --schedule from {@code eta} over {@code totalSteps} steps, for {@code p} parameters. */
    Transform optimizer(double eta, long totalSteps, int p) {
        return org.sgdlab.catalog.TrainingDefaults.optimizer(optimizer, schedule, eta, tau, totalSteps, hyper, p);
    }

    /** {@code w0}, or its projection onto the constraint set of {@code opt} (Riemannian, simplex), said on stderr. */
    double[] constrainedStart(Transform opt, double[] w0) {
        ConstrainedStart.Start start = ConstrainedStart.of(opt, w0);
        if (start.note() != null) {
            err().println("sgdlab: note: " + start.note());
            err().flush();
        }
        return start.params();
    }

    private Map<String, String> parameters(Dataset dataset, String opt, String samp, double eta, long total) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("data", data.describe() + (data.mmap ? " (memory-mapped)" : ""));
        p.put("threads", Integer.toString(org.sgdlab.parallel.Parallel.threads()));
        p.put("label", String.valueOf(data.label));
        p.put("loss", loss);
        p.put("reduction", reduction);
        p.put("intercept", Boolean.toString(intercept));
        p.put("optimizer", opt);
        p.put("hyperparameters", hyper.toString());
        p.put("sampler", samp);
        p.put("learning_rate", Double.toString(eta));
        p.put("schedule", schedule);
        p.put("steps", Long.toString(total));
        p.put("init", init == null ? "zeros" : init);
        p.put("reference", reference);
        return p;
    }

    static Reduction parseReduction(String r) {
        switch (r) {
            case "sum":
                return Reduction.SUM;
            case "mean":
                return Reduction.MEAN;
            default:
                throw new Main.UsageException("--reduction must be sum or mean, got \"" + r + "\"");
        }
    }

    static double parseLr(String s) {
        try {
            double v = NumberConverters.parseDouble(s);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new Main.UsageException("--lr must be > 0 and finite, got " + s);
            }
            return v;
        } catch (NumberFormatException | CommandLine.TypeConversionException e) {
            throw new Main.UsageException("--lr must be a number or auto, got \"" + s + "\"");
        }
    }

    /**
     * η = 1/L from {@link Smoothness#autoLearningRate} (c·σ_max(X̃)² for full batches, c·maxᵢ‖x̃ᵢ‖² per sample for
     * stochastic steps, c the loss's curvature bound); refused for losses without one (hinge).
     */
    double autoLearningRate(Dataset d, Loss l, Reduction red, Sampler s) {
        if (l.curvatureBoundOnNonnegativeMargins().isEmpty()) {
            throw new Main.UsageException("--lr auto needs a smooth loss; the " + l.name() + " loss is not smooth: give --lr");
        }
        long cells = (long) d.n() * (d.d() + (intercept ? 1 : 0));
        if (!s.fullBatch() || cells < LARGE_AUTO_LR) {
            return Smoothness.autoLearningRate(d, l, red, intercept, s);
        }
        // a large full batch: one pass over the rows for the Gram matrix; say so, with a bar on a terminal
        long t0 = System.nanoTime();
        System.err.printf(Locale.ROOT, "sgdlab: note: --lr auto: σ_max(X̃)² of the %d × %d data (one pass over the rows)...%n",
                d.n(), d.d() + (intercept ? 1 : 0));
        ProgressBar bar = new ProgressBar(System.err, "--lr auto", ProgressBar.interactive());
        double eta = Smoothness.autoLearningRate(d, l, red, intercept, s, rows -> bar.onProgress(rows, d.n()));
        bar.clear();
        System.err.printf(Locale.ROOT, "sgdlab: note: --lr auto: η = 1/L = %s (%.2f s)%n", org.sgdlab.theory.Format.g(eta),
                (System.nanoTime() - t0) / 1e9);
        return eta;
    }

    /** Entries of X̃ from which {@code --lr auto} reports its full-batch pass on stderr (about 0.05 s and more). */
    private static final long LARGE_AUTO_LR = 1L << 20;

    double[] initialPoint(LinearModel model, RandomStream rng) {
        int p = model.parameterCount();
        switch (init == null ? "zeros" : init) {
            case "zeros":
                return new double[p];
            case "random": {
                double[] w = rng.gaussians(new double[p]);
                for (int i = 0; i < p; i++) {
                    w[i] *= initScale / Math.sqrt(p);
                }
                return w;
            }
            case "seed-exp1": {
                double[] w = org.sgdlab.data.Generators.seedExperiment1().initialW();
                if (w.length != p) {
                    throw new Main.UsageException("--init seed-exp1 gives 2 parameters but the model has " + p);
                }
                return w.clone();
            }
            default:
                throw new Main.UsageException("--init must be zeros, random or seed-exp1, got \"" + init + "\"");
        }
    }

    /**
     * The reference point of {@code --reference} from {@link OracleCatalog}: min-norm from the start w0 (w0 + X⁺(y − Xw0)),
     * or the hard-margin SVM (its (w, b) with an intercept); null for none. The oracle must end OPTIMAL.
     */
    private double[] referenceSolution(Dataset d, LinearModel model, double[] w0) {
        if ("none".equals(reference)) {
            return null;
        }
        if (!REFERENCES.contains(reference)) {
            throw new Main.UsageException("--reference must be none, min-norm or svm, got \"" + reference + "\"");
        }
        OracleEntry entry = OracleCatalog.entry(reference);
        boolean hasInterceptOption = entry.options().stream().anyMatch(o -> o.name().equals("intercept"));
        if (model.hasIntercept() && !hasInterceptOption) {
            throw new Main.UsageException("--reference " + reference + " is defined for models without intercept");
        }
        SolveCommand.requireLabels(entry, d);
        OracleResult r = entry.solve(d.x(), d.y(), w0,
                hasInterceptOption ? Map.of("intercept", Boolean.toString(model.hasIntercept())) : Map.of());
        if (r.status() != OracleStatus.OPTIMAL) {
            throw new Main.UsageException(d.name() + ": " + r.message());
        }
        if (!model.hasIntercept()) {
            return r.w();
        }
        double[] ref = java.util.Arrays.copyOf(r.w(), d.d() + 1);
        ref[d.d()] = r.intercept();
        return ref;
    }

    /** --steps, or --epochs times ⌈n/batch⌉ steps per epoch (a usage error when that overflows a long). */
    static long totalSteps(Long epochs, long steps, int n, int batch) {
        if (epochs == null) {
            return steps;
        }
        long perEpoch = (n + (long) batch - 1) / batch;
        if (epochs > Long.MAX_VALUE / perEpoch) {
            throw new Main.UsageException("--epochs " + epochs + " × " + perEpoch + " steps per epoch is more steps than a run "
                    + "can count (" + Long.MAX_VALUE + ")");
        }
        return epochs * perEpoch;
    }

    /**
     * Usage errors for options that would otherwise be silently ignored or misread: --steps with --epochs, --batch with a
     * full-batch sampler, --tau with the constant schedule, --init-scale with an init that has no scale, the learning rate
     * given as a -H hyperparameter, and out-of-range counts.
     */
    void rejectConflictingOptions() {
        if (epochs != null && given("--steps")) {
            throw new Main.UsageException("give either --steps or --epochs, not both (got --steps " + steps + " and --epochs "
                    + epochs + ")");
        }
        if (epochs != null && epochs < 1) {
            throw new Main.UsageException("--epochs must be >= 1, got " + epochs);
        }
        for (String key : hyper.keySet()) {
            if (List.of("lr", "learning_rate", "learning-rate", "eta").contains(key.toLowerCase(Locale.ROOT))) {
                String v = java.math.BigDecimal.valueOf(hyper.get(key)).stripTrailingZeros().toPlainString();
                throw new Main.UsageException("-H " + key + "=" + v + ": the learning rate is not a -H hyperparameter; use --lr " + v);
            }
        }
        String samplerName = samplerName();
        if (given("--batch") && samplerName.startsWith("full")) {
            throw new Main.UsageException("--batch " + batch + " applies to stochastic samplers, but the sampler is " + samplerName
                    + (sampler == null ? " (the default for --optimizer " + optimizer + ")" : "") + ": add --sampler "
                    + "with-replacement, shuffled or in-order, or drop --batch");
        }
        if (batch < 1) {
            throw new Main.UsageException("--batch must be >= 1, got " + batch);
        }
        if (tau != null && "constant".equals(schedule)) {
            throw new Main.UsageException("--tau is the time scale of a decaying --schedule; the schedule is constant "
                    + "(give --schedule inverse-time, inverse-sqrt or cosine, or drop --tau)");
        }
        if (tau != null && !(tau > 0)) {
            throw new Main.UsageException("--tau must be > 0, got " + tau);
        }
        if (perDecade < 1) {
            throw new Main.UsageException("--probes-per-decade must be >= 1, got " + perDecade);
        }
        if (models.isLinear()) {
            for (String o : List.of("--activation", "--bias", "--no-bias", "--norm", "--width", "--matrix", "--form")) {
                if (given(o)) {
                    throw new Main.UsageException(o + " shapes a network of --model; the linear model (the default) has none "
                            + "(see `sgdlab list models`)");
                }
            }
        }
        if (given("--init-scale")) {
            if (!(initScale > 0)) {
                throw new Main.UsageException("--init-scale must be > 0 and finite, got " + initScale);
            }
            boolean linear = models.isLinear();
            String name = init == null ? (linear ? "zeros" : "default") : init;
            if (linear && !"random".equals(name) || !linear && "zeros".equals(name)) {
                throw new Main.UsageException("--init-scale scales a random initialization; --init " + name + " has no scale"
                        + (linear ? " (give --init random)" : ""));
            }
        }
    }

    /** The oracles {@code --reference} accepts (the ones its description names). */
    private static final List<String> REFERENCES = List.of("min-norm", "svm");
}
