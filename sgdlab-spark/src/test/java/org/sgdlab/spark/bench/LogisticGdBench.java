package org.sgdlab.spark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.spark.DistributedRows;
import org.sgdlab.spark.RiskSpec;
import org.sgdlab.spark.RowBlock;
import org.sgdlab.spark.SparkData;
import org.sgdlab.spark.SparkRisk;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * The benchmark row of issue 16 §3 (run by bench/spark.sh, not by the tests): full-batch logistic GD on n × d rows
 * read from Parquet. Modes, one JVM each (a JVM holds one SparkContext):
 * <ul>
 *   <li>{@code generate PATH N D}: writes the data with Spark (x ~ N(0, 1), y = sign(⟨u, x⟩ + 0.5·noise)).</li>
 *   <li>{@code sgdlab PATH MASTER ITERS [inmemory]}: reads PATH into cached blocks on MASTER and times ITERS GD steps of
 *       {@link SparkRisk} through core's Trainer (after a 2-step warm-up); with "inmemory", then copies the rows into one
 *       in-memory matrix and times the same run of core's EmpiricalRisk on 2 and on 1 thread, and checks that the final
 *       parameters are the same bits.</li>
 *   <li>{@code mllib PATH MASTER ITERS}: Spark MLlib's LogisticRegression (L-BFGS, no regularization, tol 0) fitted
 *       with maxIter 1 (warm-up, not timed), 2 and 2 + ITERS; per iteration = (time of the third fit − time of the second) /
 *       (difference of the summaries' totalIterations), so the set-up both fits share (reading, assembling, caching
 *       the instances) cancels out.</li>
 * </ul>
 * Each timing is printed as one line {@code RESULT key=value ...}.
 */
public final class LogisticGdBench {
    private static volatile double[] sinkX;
    private static volatile double[] sinkY;

    private LogisticGdBench() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        if (mode.equals("inmemory")) { // no Spark: see inMemory
            inMemory(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        String path = args[1];
        SparkSession spark = SparkSession.builder().master(mode.equals("generate") ? "local[2]" : args[2])
                .appName("sgdlab spark bench " + mode).config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            switch (mode) {
                case "generate" -> generate(spark, path, Long.parseLong(args[2]), Integer.parseInt(args[3]));
                case "sgdlab" -> sgdlab(spark, path, args[2], Integer.parseInt(args[3]), args.length > 4 && args[4].equals("inmemory"));
                case "mllib" -> mllib(spark, path, args[2], Integer.parseInt(args[3]));
                default -> throw new IllegalArgumentException("mode must be generate, sgdlab or mllib, got \"" + mode + "\"");
            }
        } finally {
            spark.stop();
        }
    }

    private static void generate(SparkSession spark, String path, long n, int d) {
        Dataset<Row> df = spark.range(0, n, 1, 32).toDF();
        Column margin = lit(0.0);
        for (int j = 0; j < d; j++) {
            df = df.withColumn("x" + j, randn(1000L + j));
            margin = margin.plus(col("x" + j).multiply(Math.sin(j + 1.0)));
        }
        df = df.withColumn("label", when(margin.plus(randn(7L).multiply(0.5)).gt(0), 1.0).otherwise(-1.0)).drop("id");
        df.write().mode("overwrite").parquet(path);
        System.out.println("RESULT mode=generate n=" + n + " d=" + d + " path=" + path);
    }

    private static TrainResult gd(org.sgdlab.objective.Objective f, int steps) {
        return Trainer.builder(f, Optimizers.sgd(0.5)).probes(List.of())
                .probeSchedule(ProbeSchedule.logSpaced(steps, 1)).build().run(new double[f.dimension()], steps);
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static void sgdlab(SparkSession spark, String path, String master, int iters, boolean inMemory) {
        long t0 = System.nanoTime();
        DistributedRows rows = SparkData.load(spark, path, "parquet", true, "label");
        double load = (System.nanoTime() - t0) / 1e9;
        for (org.apache.spark.storage.RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
            System.out.println("RESULT cache rdd=" + info.id() + " cached_partitions=" + info.numCachedPartitions() + "/"
                    + info.numPartitions() + " mem_bytes=" + info.memSize() + " disk_bytes=" + info.diskSize());
        }
        RiskSpec spec = new RiskSpec("logistic", false, Reduction.MEAN);
        SparkRisk f = new SparkRisk(rows, spec);
        gd(f, 2);
        long t1 = System.nanoTime();
        TrainResult onSpark = gd(f, iters);
        double perIter = (System.nanoTime() - t1) / 1e9 / iters;
        System.out.println("RESULT side=sgdlab-spark master=" + master + " n=" + rows.n() + " d=" + rows.d()
                + " partitions=" + rows.blocks().getNumPartitions() + " blocks=" + rows.blockCount() + " load_s=" + secs(load)
                + " iters=" + iters + " s_per_iter=" + secs(perIter));
        if (!inMemory) {
            rows.unpersist();
            return;
        }
        int n = rows.n();
        int d = rows.d();
        // local mode runs the tasks in this JVM: they copy their cached blocks straight into one array (collecting
        // a 2 GB partition through the driver's result path would need it twice more)
        sinkX = new double[Math.multiplyExact(n, d)];
        sinkY = new double[n];
        rows.blocks().foreachPartition(it -> it.forEachRemaining((RowBlock b) -> {
            for (int k = 0; k < b.rows(); k++) {
                System.arraycopy(b.row(k), 0, sinkX, (b.firstRow() + k) * b.d(), b.d());
                sinkY[b.firstRow() + k] = b.target(k);
            }
        }));
        double[] x = sinkX;
        double[] y = sinkY;
        sinkX = null;
        sinkY = null;
        rows.unpersist();
        System.gc();
        EmpiricalRisk local = new EmpiricalRisk(new org.sgdlab.data.Dataset(path, new Matrix(n, d, x), y),
                spec.model(d), spec.lossFunction(), spec.reduction());
        for (int threads : new int[] {2, 1}) {
            Parallel.setThreads(threads);
            gd(local, 2);
            long t2 = System.nanoTime();
            TrainResult r = gd(local, iters);
            double s = (System.nanoTime() - t2) / 1e9 / iters;
            System.out.println("RESULT side=sgdlab-in-memory threads=" + threads + " n=" + n + " d=" + d + " iters=" + iters
                    + " s_per_iter=" + secs(s) + " same_bits_as_spark=" + Arrays.equals(r.params(), onSpark.params()));
        }
    }

    /**
     * sgdlab's own in-memory full-batch logistic GD on n × d rows generated in the heap as {@code generate} makes them
     * (x ~ N(0, 1), y = sign(⟨u, x⟩ + 0.5·noise); other random numbers than Spark's randn, same distribution), on 2
     * threads and on 1: the throughput the Spark row is compared with, without a second 4 GB copy of the rows beside
     * Spark's cache in one heap.
     */
    private static void inMemory(int n, int d, int iters) {
        double[] x = new double[Math.multiplyExact(n, d)];
        double[] y = new double[n];
        org.sgdlab.random.RandomStream r = new org.sgdlab.random.RandomStream(1000);
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int j = 0; j < d; j++) {
                double v = r.nextGaussian();
                x[i * d + j] = v;
                m += v * Math.sin(j + 1.0);
            }
            y[i] = m + 0.5 * r.nextGaussian() > 0 ? 1.0 : -1.0;
        }
        RiskSpec spec = new RiskSpec("logistic", false, Reduction.MEAN);
        EmpiricalRisk local = new EmpiricalRisk(new org.sgdlab.data.Dataset("generated", new Matrix(n, d, x), y),
                spec.model(d), spec.lossFunction(), spec.reduction());
        for (int threads : new int[] {2, 1}) {
            Parallel.setThreads(threads);
            gd(local, 2);
            long t = System.nanoTime();
            gd(local, iters);
            double s = (System.nanoTime() - t) / 1e9 / iters;
            System.out.println("RESULT side=sgdlab-in-memory threads=" + threads + " n=" + n + " d=" + d + " iters=" + iters
                    + " s_per_iter=" + secs(s));
        }
    }

    private static void mllib(SparkSession spark, String path, String master, int iters) {
        Dataset<Row> raw = spark.read().parquet(path);
        String[] features = Arrays.stream(raw.columns()).filter(c -> !c.equals("label")).toArray(String[]::new);
        // MLlib's labels are 0/1
        Dataset<Row> df = new VectorAssembler().setInputCols(features).setOutputCol("features").transform(raw)
                .select(col("features"), when(col("label").gt(0), 1.0).otherwise(0.0).alias("label"));
        // a first fit that is not timed: class loading and JIT compilation would otherwise land in the first timed fit
        int[] maxIter = {1, 2, 2 + iters};
        double[] seconds = new double[3];
        int[] iterations = new int[3];
        for (int k = 0; k < 3; k++) {
            LogisticRegression lr = new LogisticRegression().setMaxIter(maxIter[k]).setTol(0.0).setRegParam(0.0)
                    .setFitIntercept(false).setStandardization(false);
            long t = System.nanoTime();
            LogisticRegressionModel m = lr.fit(df);
            seconds[k] = (System.nanoTime() - t) / 1e9;
            iterations[k] = m.summary().totalIterations();
            System.out.println("RESULT side=mllib-fit master=" + master + " maxIter=" + maxIter[k] + " totalIterations="
                    + iterations[k] + " fit_s=" + secs(seconds[k]) + " final_objective="
                    + m.summary().objectiveHistory()[m.summary().objectiveHistory().length - 1]);
        }
        double perIter = (seconds[2] - seconds[1]) / (iterations[2] - iterations[1]);
        System.out.println("RESULT side=mllib master=" + master + " iters=" + (iterations[2] - iterations[1])
                + " s_per_iter=" + secs(perIter));
    }
}
