package org.sgdlab.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sgdlab.cli.DistributedSweep;

/**
 * {@code ./sgdlab spark sweep SPEC …}: {@code sgdlab sweep} with its runs spread over Spark's executors, one task per
 * run ({@link DistributedSweep}: the spec travels as text, each executor parses it and runs its configuration with
 * sgdlab's own trainer). The runs are deterministic by their seeds and are collected in the spec's order, so the
 * result table equals the local sweep's bit for bit; the report, plots, verdict and exit codes are the local
 * command's. Data files named by a spec must be readable at the same path on every executor (a shared file system on
 * a cluster).
 */
public final class SparkSweep {
    private SparkSweep() {
    }

    /** Runs {@code sgdlab sweep ARGS} (the arguments after {@code sweep}) on {@code spark}; the exit code. */
    public static int run(SparkSession spark, String[] args) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return DistributedSweep.execute(args, tasks -> {
            List<Serializable> results = jsc.parallelize(tasks, Math.max(1, tasks.size()))
                    .map(DistributedSweep::runTask)
                    .collect();
            return List.copyOf(results);
        });
    }
}
