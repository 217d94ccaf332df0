package org.sgdlab.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.sgdlab.objective.Reduction;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.Json;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Provenance;
import org.sgdlab.report.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./sgdlab spark train …}: {@code sgdlab train}'s linear-model run on Spark. Embedded with {@code local[*]} by
 * default; on a cluster the launcher prints the {@code spark-submit} line that runs this class there.
 */
@Command(name = "sgdlab spark", mixinStandardHelpOptions = true, version = "sgdlab-spark (Apache Spark 4.2.0)",
        description = {"sgdlab's training on Apache Spark, for data that outgrow one machine.",
            "  sweep SPEC [sgdlab sweep's options]   `sgdlab sweep` with its runs spread over Spark's executors (the same "
                + "table, report and verdict as the local sweep; `./sgdlab spark sweep --help`)"},
        subcommands = {SparkMain.Train.class})
public final class SparkMain implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("sweep")) {
            System.exit(sweep(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(org.sgdlab.cli.Main.withErrorHandling(new CommandLine(new SparkMain())).execute(args));
    }

    /**
     * {@code sweep}: {@code sgdlab sweep}'s own command line (picocli's parsing, checks and help) with the runs on Spark;
     * {@code --master M} (the launcher appends it) chooses the embedded master unless spark-submit set one.
     */
    private static int sweep(String[] args) {
        String master = "local[*]";
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--master") && i + 1 < args.length) {
                master = args[++i];
            } else if (args[i].startsWith("--master=")) {
                master = args[i].substring("--master=".length());
            } else {
                rest.add(args[i]);
            }
        }
        if (rest.contains("--help") || rest.contains("-h") || rest.contains("--version") || rest.contains("-V")) {
            return org.sgdlab.cli.DistributedSweep.execute(rest.toArray(String[]::new), tasks -> java.util.List.of());
        }
        SparkSession.Builder b = SparkSession.builder().appName("sgdlab spark sweep");
        if (!System.getProperties().containsKey("spark.master")) { // spark-submit sets it
            b = b.master(master);
        }
        SparkSession spark = b.getOrCreate();
        try {
            return SparkSweep.run(spark, rest.toArray(String[]::new));
        } finally {
            spark.stop();
        }
    }

    /** The training run: full-batch GD or minibatch SGD, any optimizer chain, data read by Spark. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a linear model on rows read by Spark (Parquet, CSV, LIBSVM); full-batch sums are "
                    + "distributed and equal the single-machine run bit for bit.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "PATH",
                description = "Parquet file or folder, CSV (.csv) or LIBSVM (.libsvm, .svm); any path Spark reads (hdfs://, s3a://).")
        String data;

        @Option(names = "--format", description = "parquet, csv or libsvm (default: by extension; a folder is Parquet).")
        String format;

        @Option(names = "--label", paramLabel = "COLUMN",
                description = "Label column (default: \"label\", else \"y\", else the last column).")
        String label;

        @Option(names = "--header", negatable = true, defaultValue = "true",
                description = "CSV: the first line names the columns (default: ${DEFAULT-VALUE}).")
        boolean header;

        @Option(names = "--loss", defaultValue = "squared",
                description = "squared, logistic, exponential, hinge or squared-hinge (default: ${DEFAULT-VALUE}, as sgdlab train).")
        String loss;

        @Option(names = "--intercept", description = "Fit an intercept b.")
        boolean intercept;

        @Option(names = "--reduction", defaultValue = "mean", description = "sum or mean (default: ${DEFAULT-VALUE}).")
        String reduction;

        @Option(names = "--optimizer", defaultValue = "gd",
                description = "gd or any optimizer of `sgdlab list optimizers` (default: ${DEFAULT-VALUE}).")
        String optimizer;

        @Option(names = {"-H", "--hyper"}, paramLabel = "KEY=VALUE", description = "Optimizer hyperparameter, e.g. -H momentum=0.9.")
        Map<String, Double> hyper = new LinkedHashMap<>();

        @Option(names = "--lr", required = true,
                description = "Step size (required: sgdlab train's `auto` needs a smoothness bound of the whole data).")
        double lr;

        @Option(names = "--schedule", defaultValue = "constant",
                description = "constant, inverse-time, inverse-sqrt or cosine (default: ${DEFAULT-VALUE}).")
        String schedule;

        @Option(names = "--tau", description = "Time scale of decaying schedules (default: as sgdlab train).")
        Double tau;

        @Option(names = "--sampler", description = "full, with-replacement, shuffled or in-order (default: with-replacement "
                + "for sgd, else full).")
        String sampler;

        @Option(names = "--batch", defaultValue = "1", description = "Batch size of the stochastic samplers (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--steps", defaultValue = "100",
                description = "Number of steps (default: ${DEFAULT-VALUE}; each step is at least one Spark job).")
        long steps;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the sampler (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--probes-per-decade", defaultValue = "5",
                description = "Trace density on the log-spaced step grid; each probe is a pass over the data (default: ${DEFAULT-VALUE}).")
        int perDecade;

        @Option(names = "--master", defaultValue = "local[*]",
                description = "Spark master for the embedded run (default: ${DEFAULT-VALUE}); the launcher turns a cluster "
                        + "master into a spark-submit line.")
        String master;

        @Option(names = "--out", paramLabel = "DIR", description = "Also write the run's report here, as `sgdlab train` does: "
                + "result.json (the summary, w and the provenance), trace.csv, the plots and index.html; written whole or not "
                + "at all.")
        Path out;

        @Override
        public Integer call() throws IOException {
            TrainConfig c = config(); // the options' errors before Spark starts: the names of the loss, optimizer, schedule,
            org.sgdlab.loss.Losses.byName(c.loss()); // hyperparameters, and the step size, batch and steps
            SparkTraining.optimizer(c, 1);
            if (out != null) {
                ReportWriter.checkReplaceable(out);
            }
            SparkSession.Builder b = SparkSession.builder().appName("sgdlab spark train");
            if (!System.getProperties().containsKey("spark.master")) { // spark-submit sets it
                b = b.master(master);
            }
            SparkSession spark = b.getOrCreate();
            try {
                return train(spark);
            } finally {
                spark.stop();
            }
        }

        private TrainConfig config() {
            Reduction red = switch (reduction.toLowerCase(Locale.ROOT)) {
                case "sum" -> Reduction.SUM;
                case "mean" -> Reduction.MEAN;
                default -> throw new IllegalArgumentException("--reduction must be sum or mean, got \"" + reduction + "\"");
            };
            return new TrainConfig(loss, intercept, red, optimizer, hyper, lr, schedule, tau, sampler, batch, steps, seed);
        }

        /** The run on {@code spark} (left running): its summary as one JSON line on stdout, and the report with --out. */
        int train(SparkSession spark) throws IOException {
            TrainConfig c = config();
            Instant started = Instant.now();
            long t0 = System.nanoTime();
            DistributedRows rows = SparkData.load(spark, data, format, header, label);
            long t1 = System.nanoTime();
            SparkTraining.Result r = SparkTraining.train(new SparkRisk(rows, c.riskSpec()), c, perDecade);
            long t2 = System.nanoTime();
            String optName = SparkTraining.optimizer(c, r.params().length).describe();
            String samplerName = SparkTraining.sampler(c, rows.n()).describe();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("data", data);
            summary.put("n", rows.n());
            summary.put("d", rows.d());
            summary.put("blocks", rows.blockCount());
            summary.put("block_rows", rows.blockRows());
            summary.put("partitions", rows.blocks().getNumPartitions());
            summary.put("master", spark.sparkContext().master());
            summary.put("optimizer", optName);
            summary.put("sampler", samplerName);
            summary.put("learning_rate", lr);
            summary.put("steps", r.steps());
            summary.put("final_loss", r.loss());
            summary.put("final_grad_norm", r.gradNorm());
            summary.put("load_seconds", (t1 - t0) / 1e9);
            summary.put("train_seconds", (t2 - t1) / 1e9);
            System.out.println(Json.write(summary));
            if (out != null) {
                summary.put("w", r.params());
                Trace trace = r.result().trace();
                List<PlotSpec> plots = List.of(
                        PlotSpec.logLog("loss.png").title("loss").trace(trace.name()).x("step", "step t").y("loss", "loss").build(),
                        PlotSpec.semiLogX("norm.png").title("‖w_t‖").trace(trace.name()).x("step", "step t").y("norm", "‖w‖")
                                .build());
                ReportWriter.writeRun(out, "sgdlab spark train: " + optName + " on " + data, summary, List.of(trace), plots,
                        Provenance.capture(seed, parameters(spark), started));
            }
            rows.unpersist();
            return 0;
        }

        /** Every option as given or defaulted, and Spark's master: the report's provenance. */
        private Map<String, String> parameters(SparkSession spark) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("data", data);
            p.put("format", String.valueOf(format));
            p.put("label", String.valueOf(label));
            p.put("header", Boolean.toString(header));
            p.put("loss", loss);
            p.put("intercept", Boolean.toString(intercept));
            p.put("reduction", reduction);
            p.put("optimizer", optimizer);
            p.put("hyper", hyper.toString());
            p.put("lr", Double.toString(lr));
            p.put("schedule", schedule);
            p.put("tau", String.valueOf(tau));
            p.put("sampler", String.valueOf(sampler));
            p.put("batch", Integer.toString(batch));
            p.put("steps", Long.toString(steps));
            p.put("probes_per_decade", Integer.toString(perDecade));
            p.put("master", spark.sparkContext().master());
            return p;
        }
    }
}
