package org.sgdlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.Losses;
import org.sgdlab.loss.MarginLoss;
import org.sgdlab.nn.model.DeepLinearNetwork;
import org.sgdlab.nn.model.DiagonalNetwork;
import org.sgdlab.nn.model.FactorChain;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.model.Network;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.nn.param.ParameterBlock;
import org.sgdlab.nn.probe.NetworkProbes;
import org.sgdlab.nn.probe.SharpnessProbe;
import org.sgdlab.nn.probe.WeightNorms;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Transform;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Probes;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Provenance;
import org.sgdlab.report.ReportWriter;
import org.sgdlab.sample.Sampler;
import org.sgdlab.theory.Format;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * The network path of `sgdlab train` (every --model but linear): a {@link NetworkObjective} of the model on the data,
 * trained by the same optimizers, samplers and schedules as the linear model, with the network probes (weight norms,
 * the sharpness, margins of homogeneous networks, the product of factorized models) and the same report.
 */
final class NetworkTraining {
    /** Final parameter vectors up to this length are written to result.json ("w"). */
    static final int MAX_REPORTED_PARAMETERS = 100_000;

    private final TrainCommand c;
    private final PrintWriter stderr;

    NetworkTraining(TrainCommand command, PrintWriter stderr) {
        this.c = command;
        this.stderr = stderr;
    }

    int run() throws Exception {
        if (c.data.mmap) {
            throw new Main.UsageException("--mmap trains the linear model only; --model " + c.models.model + " needs the data in memory");
        }
        if (!"none".equals(c.reference)) {
            throw new Main.UsageException("--reference " + c.reference + " is a solution of the linear model; networks take --reference none");
        }
        if (c.intercept) {
            throw new Main.UsageException("--intercept is the linear model's; an mlp has biases unless --no-bias");
        }
        ProbeRequests requests = ProbeRequests.parse(c.probeNames);
        Long every = requests.sharpnessEvery();
        Dataset dataset = c.data.load();
        ReportWriter.checkReplaceable(c.out);
        TrainCheckpoints checkpoints = TrainCheckpoints.of(c);
        Reduction red = TrainCommand.parseReduction(c.reduction);
        boolean softmax = "softmax-cross-entropy".equals(c.loss);
        Loss coreLoss = softmax ? null : Losses.byName(c.loss);
        int outputs = softmax ? classCount(dataset) : 1;
        Network net = c.models.build(dataset, outputs);
        NetworkLoss loss = softmax ? NetworkLoss.softmaxCrossEntropy() : NetworkLoss.of(coreLoss);
        boolean batchNorm = net instanceof Mlp m && m.normalization() == Mlp.Normalization.BATCH;
        NetworkObjective f = new NetworkObjective(net, dataset, loss, red, batchNorm);
        int n = f.sampleCount();
        int p = f.dimension();

        String samplerName = c.samplerName();
        RandomStream rng = new RandomStream(c.seed);
        Sampler s = c.sampler(samplerName, n, rng);
        long totalSteps = c.checkedSteps(n, s.batchSize());
        if ("auto".equals(c.lr)) {
            throw new Main.UsageException("--lr auto is 1/L for the linear model's smoothness bound L; " + net.describe()
                    + " has no global one: give --lr (e.g. --lr 0.01)");
        }
        double eta = TrainCommand.parseLr(c.lr);
        Transform opt = c.optimizer(eta, totalSteps, p);
        double[] init = ModelOptions.initialize(net, c.init, c.initScale, rng.split(2));
        ConstrainedStart.Start start = ConstrainedStart.of(opt, init);
        if (start.note() != null) {
            stderr.println("sgdlab: note: " + start.note());
            stderr.flush();
        }
        double[] w0 = start.params();
        String optName = opt.describe();

        List<Probe> defaults = new ArrayList<>(List.of(Probes.loss()));
        defaults.addAll(WeightNorms.all(f.layout()));
        defaults.add(Probes.gradientNorm(p));
        boolean margins = !softmax && coreLoss instanceof MarginLoss;
        if (margins) {
            defaults.add(NetworkProbes.minMargin(f));
            if (net.homogeneityDegree().isPresent()) {
                defaults.add(NetworkProbes.normalizedMargin(f));
            }
        }
        FactorChain chain = chain(net);
        if (chain != null) {
            defaults.add(NetworkProbes.nuclearNorm(chain));
            if (chain.depth() > 1) {
                defaults.add(NetworkProbes.balance(chain));
            }
        }
        if (net instanceof DiagonalNetwork dn) {
            defaults.add(NetworkProbes.predictorL1(dn));
        }
        List<Probe> onRequest = new ArrayList<>();
        SharpnessProbe sharpness = null;
        if (requests.asks(SharpnessProbe.NAME) || requests.asks(SharpnessProbe.RESIDUAL_NAME)) {
            sharpness = Sharpness.probe(f, c.seed);
            onRequest.add(sharpness);
            onRequest.add(sharpness.residual());
        }
        List<Probe> probes = requests.select(defaults, onRequest);
        ProbeSchedule grid = every != null ? ProbeSchedule.linear(totalSteps, every) : ProbeSchedule.logSpaced(totalSteps, c.perDecade);

        Instant started = Instant.now();
        ProgressBar bar = new ProgressBar(System.err, "train", ProgressBar.interactive());
        TrainResult r = checkpoints.run(Trainer.builder(f, opt).sampler(s).probes(probes).probeSchedule(grid).progress(bar)
                .traceName("trace"), w0, totalSteps, TrainCommand.runIdentity(optName + " on " + net.describe(), s.describe(), p, n,
                TrainCheckpoints.dataHash(dataset)));
        bar.clear();
        double[] w = r.params();

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("data", dataset.name());
        summary.put("n", n);
        summary.put("d", dataset.d());
        summary.put("model", net.describe());
        summary.put("parameters", p);
        summary.put("homogeneity_degree", net.homogeneityDegree().isPresent() ? (Object) net.homogeneityDegree().getAsInt() : "none");
        summary.put("loss", loss.name());
        summary.put("optimizer", optName);
        summary.put("sampler", s.describe());
        summary.put("learning_rate", eta);
        summary.put("steps", totalSteps);
        summary.put("init", (c.init == null ? "default" : c.init) + " (scale " + c.initScale + ")");
        if (start.note() != null) {
            summary.put("start", start.note());
        }
        double[] grad = new double[p];
        double finalLoss = f.gradient(w, grad);
        summary.put("final_loss", finalLoss);
        summary.put("final_grad_norm", Kernels.norm2(grad));
        summary.put("final_weight_norm", Kernels.norm2(w));
        for (ParameterBlock b : f.layout().blocks()) {
            summary.put("final_weight_norm_" + b.name(), Kernels.norm2(f.layout().get(w, b.name())));
        }
        if (sharpness != null && sharpness.isWarm()) {
            summary.put("final_sharpness", sharpness.lastValue());
            summary.put("final_sharpness_residual", sharpness.lastResidual());
            summary.put("two_over_learning_rate", 2 / eta);
        }
        if (chain != null) {
            Matrix product = chain.product(w);
            summary.put("product_shape", product.rows() + "x" + product.cols());
            summary.put("product_singular_values", JacobiSvd.singularValues(product.data(), product.rows(), product.cols()));
            summary.put("product_nuclear_norm", FactorizedMatrix.nuclearNorm(product));
            if (product.rows() * product.cols() <= MAX_REPORTED_PARAMETERS) {
                summary.put("product", product.data());
            }
        }
        if (net instanceof DiagonalNetwork dn) {
            summary.put("predictor", dn.weights(w));
        }
        if (p <= MAX_REPORTED_PARAMETERS) {
            summary.put("w", w);
        } else {
            summary.put("w", "omitted: " + p + " parameters (more than " + MAX_REPORTED_PARAMETERS + ")");
        }

        List<PlotSpec> plots = plots(r.trace().columns(), f, eta);
        Map<String, String> params = parameters(net, loss, optName, s.describe(), eta, totalSteps);
        Provenance provenance = Provenance.capture(c.seed, params, started);
        Path index = ReportWriter.writeRun(c.out, "sgdlab train: " + optName + " on " + net.describe() + ", " + dataset.name(),
                summary, List.of(r.trace()), plots, provenance);
        if (c.logDir != null) {
            TensorBoardLogs.writeRun(c.logDir, TensorBoardLogs.trainHParams(c, samplerName, s.batchSize(), eta, totalSteps),
                    r.trace(), c.out, plots, provenance);
        }
        checkpoints.completed();

        PrintWriter stdout = c.out();
        stdout.printf(Locale.ROOT, "%s: %d parameters%s%n", net.describe(), p, net.homogeneityDegree().isPresent()
                ? ", homogeneous of degree " + net.homogeneityDegree().getAsInt() : "");
        stdout.printf(Locale.ROOT, "%s, %s, %d steps, learning rate %s%n", optName, s.describe(), totalSteps, Format.g(eta));
        stdout.printf(Locale.ROOT, "final loss %s, ‖∇L‖ %s, ‖w‖ %s%n", Format.g(finalLoss), Format.g(Kernels.norm2(grad)),
                Format.g(Kernels.norm2(w)));
        if (sharpness != null && sharpness.isWarm()) {
            stdout.printf(Locale.ROOT, "sharpness %s (residual bound %s), 2/η = %s%n", Format.g(sharpness.lastValue()),
                    Format.g(sharpness.lastResidual()), Format.g(2 / eta));
        }
        if (chain != null) {
            stdout.printf(Locale.ROOT, "product W: nuclear norm %s%n", Format.g(FactorizedMatrix.nuclearNorm(chain.product(w))));
        }
        stdout.println("Report: " + index.toAbsolutePath());
        stdout.flush();
        return 0;
    }

    /** The factors of a deep-linear or factorized model, else null. */
    private static FactorChain chain(Network net) {
        if (net instanceof DeepLinearNetwork dl) {
            return dl.chain();
        }
        if (net instanceof FactorizedMatrix fm) {
            return fm.chain();
        }
        return null;
    }

    /** The number of classes K = max label + 1 for softmax cross-entropy (labels must be integers 0..K−1). */
    private static int classCount(Dataset d) {
        double max = 0;
        for (double y : d.y()) {
            if (!(y >= 0 && y == Math.rint(y) && y < 1e6)) {
                throw new Main.UsageException("softmax cross-entropy needs class labels 0, 1, 2, ...; data " + d.name() + " has " + y);
            }
            max = Math.max(max, y);
        }
        if (max < 1) {
            throw new Main.UsageException("softmax cross-entropy needs at least two classes; data " + d.name() + " has one");
        }
        return (int) max + 1;
    }

    private static List<PlotSpec> plots(List<String> recorded, NetworkObjective f, double eta) {
        List<PlotSpec> plots = new ArrayList<>();
        if (recorded.contains("loss")) {
            plots.add(PlotSpec.logLog("loss.png").title("loss").trace("trace").x("step", "step t").y("loss", "loss").build());
        }
        if (recorded.contains(WeightNorms.NAME)) {
            List<String> norms = new ArrayList<>();
            for (String col : recorded) {
                if (col.startsWith(WeightNorms.NAME)) {
                    norms.add(col);
                }
            }
            plots.add(PlotSpec.semiLogX("weight_norm.png").title("‖θ_t‖ (total and per block)").trace("trace")
                    .x("step", "step t").y(norms, "norm").build());
        }
        if (recorded.contains(SharpnessProbe.NAME)) {
            plots.add(PlotSpec.linear("sharpness.png").title("sharpness λ_max(∇²L) (2/η = " + Format.g(2 / eta) + ")")
                    .trace("trace").x("step", "step t").y(SharpnessProbe.NAME, "λ_max").build());
        }
        if (recorded.contains("normalized_margin")) {
            plots.add(PlotSpec.semiLogX("margin.png").title("normalized margin min yᵢf(xᵢ)/‖θ‖^L").trace("trace")
                    .x("step", "step t").y("normalized_margin", "margin").build());
        }
        if (recorded.contains("nuclear_norm")) {
            plots.add(PlotSpec.semiLogX("nuclear_norm.png").title("nuclear norm of the product W_L⋯W₁").trace("trace")
                    .x("step", "step t").y("nuclear_norm", "‖W‖_*").build());
        }
        return plots;
    }

    private Map<String, String> parameters(Network net, NetworkLoss loss, String opt, String samp, double eta, long total) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("data", c.data.describe());
        p.put("label", String.valueOf(c.data.label));
        p.put("model", c.models.model);
        p.put("network", net.describe());
        p.put("loss", loss.name());
        p.put("reduction", c.reduction);
        p.put("optimizer", opt);
        p.put("hyperparameters", c.hyper.toString());
        p.put("sampler", samp);
        p.put("learning_rate", Double.toString(eta));
        p.put("schedule", c.schedule);
        p.put("steps", Long.toString(total));
        p.put("init", c.init == null ? "default" : c.init);
        p.put("init_scale", Double.toString(c.initScale));
        p.put("probes", c.probeNames == null ? "default" : String.join(",", c.probeNames));
        return p;
    }
}
