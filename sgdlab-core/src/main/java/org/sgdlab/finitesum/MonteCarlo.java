package org.sgdlab.finitesum;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.ProgressListener;

/**
 * A deterministic parallel Monte-Carlo runner. Run r (0 ≤ r &lt; R) gets the stream
 * {@code master.split(r)} and returns a vector of observations; runs execute in parallel in blocks,
 * each result is written into slot r of the block's array, and the block is then folded into the
 * running sums sequentially in index order. The result therefore does not depend on the number of
 * threads or on scheduling: the same seed gives the same bits on 1 or 64 cores.
 *
 * <p>Estimates are the sample mean and the standard error s/√R (s the sample standard deviation,
 * denominator R − 1) of every coordinate; intervals are mean ± z·s/√R with the z the caller states
 * (e.g. {@link Normal#bonferroniZ}).
 */
public final class MonteCarlo {
    /** Runs per block (bounds memory: block × observations doubles). */
    public static final int BLOCK = 64;

    /** One Monte-Carlo run. Must only use {@code stream} for randomness and must not share mutable state. */
    @FunctionalInterface
    public interface Run {
        /** The observations of run {@code r}; every run must return the same length. */
        double[] observe(int r, RandomStream stream);
    }

    private MonteCarlo() {
    }

    /**
     * Per-coordinate estimates over R runs.
     *
     * @param mean   sample means
     * @param stdErr standard errors s/√R
     * @param runs   R
     * @param max    the largest observation of each coordinate over the runs
     */
    public record Estimates(double[] mean, double[] stdErr, int runs, double[] max) {
        /** The number of coordinates. */
        public int size() {
            return mean.length;
        }

        /** mean[i] − z·stdErr[i]. */
        public double lower(int i, double z) {
            return mean[i] - z * stdErr[i];
        }

        /** mean[i] + z·stdErr[i]. */
        public double upper(int i, double z) {
            return mean[i] + z * stdErr[i];
        }
    }

    /** Runs R runs on the common pool's parallelism. */
    public static Estimates estimate(int runs, RandomStream master, Run run) {
        return estimate(runs, master, Runtime.getRuntime().availableProcessors(), run, ProgressListener.NONE);
    }

    /**
     * Runs R runs on {@code threads} threads (1: sequential in the calling thread); {@code progress} receives (runs
     * done, runs total) after each block, in the calling thread.
     */
    public static Estimates estimate(int runs, RandomStream master, int threads, Run run, ProgressListener progress) {
        if (runs < 2) {
            throw new IllegalArgumentException("need at least 2 runs for a standard error, got " + runs);
        }
        double[] sum = null;
        double[] sumSq = null;
        double[] max = null;
        double[] shift = null;
        ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
        try {
            for (int start = 0; start < runs; start += BLOCK) {
                int s0 = start;
                int count = Math.min(BLOCK, runs - start);
                double[][] block = new double[count][];
                if (pool == null) {
                    for (int i = 0; i < count; i++) {
                        block[i] = run.observe(s0 + i, master.split(s0 + i));
                    }
                } else {
                    pool.submit(() -> IntStream.range(0, count).parallel()
                            .forEach(i -> block[i] = run.observe(s0 + i, master.split(s0 + i)))).join();
                }
                for (int i = 0; i < count; i++) {
                    double[] o = block[i];
                    if (sum == null) {
                        int n = o.length;
                        sum = new double[n];
                        sumSq = new double[n];
                        max = new double[n];
                        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
                        // shifted sums (by the first run's values) keep the variance free of cancellation
                        shift = o.clone();
                    }
                    if (o.length != sum.length) {
                        throw new IllegalStateException("run " + (s0 + i) + " returned " + o.length + " observations, run 0 "
                                + sum.length);
                    }
                    for (int k = 0; k < o.length; k++) {
                        double v = o[k] - shift[k];
                        sum[k] += v;
                        sumSq[k] += v * v;
                        max[k] = Math.max(max[k], o[k]);
                    }
                }
                progress.onProgress(s0 + count, runs);
            }
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
        int n = sum.length;
        double[] mean = new double[n];
        double[] se = new double[n];
        for (int k = 0; k < n; k++) {
            double mu = sum[k] / runs;
            double var = Math.max(0, (sumSq[k] - runs * mu * mu) / (runs - 1));
            mean[k] = shift[k] + mu;
            se[k] = Math.sqrt(var / runs);
        }
        return new Estimates(mean, se, runs, max);
    }
}
