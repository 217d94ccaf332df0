package org.sgdlab.spark;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sgdlab.loss.Loss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Objective;
import org.sgdlab.objective.Reduction;
import scala.Tuple2;

/**
 * Core's empirical risk L(w) = Σᵢ ℓ(⟨w, xᵢ⟩ + b, yᵢ) (or its mean) over rows held on Spark ({@link DistributedRows}),
 * an {@link Objective}, so core's {@link org.sgdlab.train.Trainer} runs every optimizer chain and sampler on it
 * unchanged.
 *
 * <p><b>Full batch</b> ({@link #gradient}, {@link #gradientOnly}, {@link #value}): each executor runs sgdlab's kernel on
 * its cached blocks ({@link EmpiricalRisk#blockSums}, {@link EmpiricalRisk#blockValue}); {@code treeAggregate} brings the
 * per-block partials to the driver, which adds them in block index order ({@link BlockPartials}) and finishes them with
 * {@link EmpiricalRisk#finishFullBatch}. The blocks are core's, so the result is, bit for bit,
 * {@code new EmpiricalRisk(same rows in memory, …).gradient(w, out)} on one machine, for any partition count, core
 * count or task order. When the whole problem is one block (n·d &lt; 2¹⁸) its executor runs core's full path
 * ({@link EmpiricalRisk#fullBatchSums}), the column kernel included, so the equality holds there too.
 *
 * <p><b>Minibatches</b> ({@link #minibatchGradient}): the rows of the batch are gathered to the driver in batch order
 * (one Spark job; count·d doubles) and core's in-memory minibatch kernel runs on them, so a minibatch gradient equals
 * core's bit for bit and the samplers (core's, seeded) choose the same rows. Each step is one Spark job: minibatch SGD
 * on Spark pays the job latency (milliseconds) per step, and is for data that does not fit one machine, not for speed.
 *
 * <p>{@code w} is never modified. Not thread-safe (one driver thread trains).
 */
public final class SparkRisk implements Objective {
    private final DistributedRows rows;
    private final RiskSpec spec;
    private final Loss loss;
    private final int n;
    private final int d;
    private final int p;
    private final int treeDepth;

    /**
     * @param rows      the cached blocks (not modified)
     * @param spec      loss, intercept and reduction
     * @param treeDepth depth of {@code treeAggregate} (≥ 1; 2 is Spark's default)
     */
    public SparkRisk(DistributedRows rows, RiskSpec spec, int treeDepth) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.spec = Objects.requireNonNull(spec, "spec");
        if (treeDepth < 1) {
            throw new IllegalArgumentException("treeDepth must be >= 1, got " + treeDepth);
        }
        this.treeDepth = treeDepth;
        this.loss = spec.lossFunction();
        this.n = rows.n();
        this.d = rows.d();
        this.p = spec.model(d).parameterCount();
    }

    public SparkRisk(DistributedRows rows, RiskSpec spec) {
        this(rows, spec, 2);
    }

    public DistributedRows rows() {
        return rows;
    }

    public RiskSpec spec() {
        return spec;
    }

    @Override
    public int dimension() {
        return p;
    }

    @Override
    public int sampleCount() {
        return n;
    }

    private double[] checked(double[] w) {
        if (w.length != p) {
            throw new IllegalArgumentException("w has " + w.length + " entries, the model has " + p + " parameters");
        }
        return w.clone(); // the closure's copy: executors never see the caller's array
    }

    /** The per-block partials of the full-batch sums (gradient and value), gathered. */
    private double sums(double[] w, double[] out, boolean withValue) {
        double[] wc = checked(w);
        RiskSpec s = spec;
        int pp = p;
        boolean single = rows.blockCount() == 1;
        BlockPartials all = rows.blocks().treeAggregate(new BlockPartials(), (acc, blk) -> {
            double[] part = new double[pp + 1];
            double[] g = new double[pp];
            EmpiricalRisk r = blk.risk(s);
            part[pp] = single ? r.fullBatchSums(wc, g, withValue) : r.blockSums(wc, 0, blk.rows(), g, withValue);
            System.arraycopy(g, 0, part, 0, pp);
            return acc.add(blk.index(), part);
        }, BlockPartials::merge, treeDepth);
        return all.sumInBlockOrder(rows.blockCount(), out);
    }

    @Override
    public double gradient(double[] w, double[] out) {
        double raw = sums(w, out, true);
        return EmpiricalRisk.finishFullBatch(loss, spec.reduction(), n, raw, out);
    }

    @Override
    public void gradientOnly(double[] w, double[] out) {
        double raw = sums(w, out, false);
        EmpiricalRisk.finishFullBatch(loss, spec.reduction(), n, raw, out);
    }

    @Override
    public double value(double[] w) {
        double[] wc = checked(w);
        RiskSpec s = spec;
        BlockPartials all = rows.blocks().treeAggregate(new BlockPartials(), (acc, blk) ->
                acc.add(blk.index(), new double[] {blk.risk(s).blockValue(wc, 0, blk.rows())}),
                BlockPartials::merge, treeDepth);
        double v = all.sumInBlockOrder(rows.blockCount(), new double[0]);
        return spec.reduction() == Reduction.SUM ? v : v * (1.0 / n);
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        EmpiricalRisk local = gather(batch, count);
        double v = local.minibatchGradient(checked(w), identity(count), count, out);
        return rescale(v, count, out);
    }

    @Override
    public void minibatchGradientOnly(double[] w, int[] batch, int count, double[] out) {
        EmpiricalRisk local = gather(batch, count);
        local.minibatchGradientOnly(checked(w), identity(count), count, out);
        rescale(0.0, count, out);
    }

    /**
     * The local risk over the gathered batch scales by the reduction's factor for {@code count} of {@code count} rows;
     * core scales by the factor for count of n. Mean: both 1/count. Sum: 1 locally (core skips multiplying by 1), then
     * n/count here, one multiplication as in core.
     */
    private double rescale(double v, int count, double[] out) {
        if (spec.reduction() == Reduction.MEAN) {
            return v;
        }
        double k = spec.reduction().batchScale(count, n);
        if (k != 1.0) {
            for (int j = 0; j < out.length; j++) {
                out[j] *= k;
            }
        }
        return v * k;
    }

    private static int[] identity(int count) {
        int[] ids = new int[count];
        for (int k = 0; k < count; k++) {
            ids[k] = k;
        }
        return ids;
    }

    /** Core's risk over rows {@code batch[0..count)} gathered from the executors, in batch order (repeats kept). */
    private EmpiricalRisk gather(int[] batch, int count) {
        if (count < 1 || count > batch.length) {
            throw new IllegalArgumentException("count must be in [1, " + batch.length + "], got " + count);
        }
        int[] wanted = Arrays.stream(batch, 0, count).distinct().sorted().toArray();
        if (wanted[0] < 0 || wanted[wanted.length - 1] >= n) {
            throw new IllegalArgumentException("batch indices must be in [0, " + n + "), got "
                    + (wanted[0] < 0 ? wanted[0] : wanted[wanted.length - 1]));
        }
        List<Tuple2<Integer, LabeledRow>> found = rows.blocks()
                .filter(blk -> overlaps(wanted, blk.firstRow(), blk.firstRow() + blk.rows()))
                .flatMap(blk -> {
                    java.util.ArrayList<Tuple2<Integer, LabeledRow>> hits = new java.util.ArrayList<>();
                    int from = Arrays.binarySearch(wanted, blk.firstRow());
                    for (int k = from >= 0 ? from : -from - 1; k < wanted.length && wanted[k] < blk.firstRow() + blk.rows(); k++) {
                        int local = wanted[k] - blk.firstRow();
                        hits.add(new Tuple2<>(wanted[k], new LabeledRow(blk.row(local), blk.target(local))));
                    }
                    return hits.iterator();
                }).collect();
        Map<Integer, LabeledRow> byIndex = new HashMap<>();
        for (Tuple2<Integer, LabeledRow> t : found) {
            byIndex.put(t._1(), t._2());
        }
        double[] x = new double[count * d];
        double[] y = new double[count];
        for (int k = 0; k < count; k++) {
            LabeledRow r = byIndex.get(batch[k]);
            if (r == null) {
                throw new IllegalStateException("row " + batch[k] + " was not found on the executors");
            }
            System.arraycopy(r.x(), 0, x, k * d, d);
            y[k] = r.y();
        }
        return spec.risk(rows.name() + " minibatch", count, d, x, y);
    }

    private static boolean overlaps(int[] sorted, int from, int to) {
        int k = Arrays.binarySearch(sorted, from);
        int at = k >= 0 ? k : -k - 1;
        return at < sorted.length && sorted[at] < to;
    }
}
