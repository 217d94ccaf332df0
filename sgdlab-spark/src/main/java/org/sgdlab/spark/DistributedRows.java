package org.sgdlab.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.sgdlab.objective.EmpiricalRisk;
import scala.Tuple2;

/**
 * The rows of a data set on Spark, cut into core's fixed row blocks ({@link RowBlock}) and cached in executor memory.
 *
 * <p>Global row order is the order of the source's partitions, then of the rows inside each (for one Parquet, CSV or
 * LIBSVM file: the file's order). Block k holds rows [k·B, min(n, (k+1)·B)) with B =
 * {@link EmpiricalRisk#fullBatchBlockRows}(n, d), the blocks of core's full-batch sum; they never depend on the
 * partition count or the number of cores. Building them costs two passes over the source and no shuffle of the
 * rows: one pass counts each partition's rows (their global offsets), the second packs each partition's rows into
 * blocks; a block that straddles a partition boundary leaves one piece on each side, and only those pieces (at most
 * two per boundary, each smaller than a block) are grouped by block index and joined.
 */
public final class DistributedRows {
    private final JavaRDD<RowBlock> blocks;
    private final List<JavaRDD<RowBlock>> cached;
    private final int n;
    private final int d;
    private final int blockRows;
    private final int blockCount;
    private final List<String> featureNames;
    private final String name;

    private DistributedRows(String name, JavaRDD<RowBlock> blocks, List<JavaRDD<RowBlock>> cached, int n, int d,
                            int blockRows, List<String> featureNames) {
        this.name = name;
        this.cached = cached;
        this.blocks = blocks;
        this.n = n;
        this.d = d;
        this.blockRows = blockRows;
        this.blockCount = (int) (((long) n + blockRows - 1) / blockRows);
        this.featureNames = List.copyOf(featureNames);
    }

    /**
     * Packs labelled rows into cached blocks (materialized before returning; {@code rows} is read twice).
     *
     * @param name         where the data came from, for messages
     * @param rows         (features, target) pairs; every feature array has the same length d ≥ 1; not modified
     * @param featureNames d names, or empty
     * @throws IllegalArgumentException on no rows, more than 2³¹ − 1 rows, or rows of different lengths
     */
    public static DistributedRows pack(String name, JavaRDD<LabeledRow> rows, List<String> featureNames) {
        List<long[]> counted = rows.mapPartitionsWithIndex((p, it) -> {
            long c = 0;
            int width = -1;
            while (it.hasNext()) {
                LabeledRow r = it.next();
                width = width < 0 ? r.x().length : width;
                if (r.x().length != width) {
                    throw new IllegalArgumentException(name + ": partition " + p + " row " + c + " has " + r.x().length
                            + " features, earlier rows " + width);
                }
                c++;
            }
            return List.of(new long[] {p, c, width}).iterator();
        }, true).collect();
        long[] starts = new long[counted.size() + 1];
        int d = -1;
        for (long[] c : counted) {
            starts[(int) c[0] + 1] = c[1];
            if (c[1] > 0) {
                if (d >= 0 && d != c[2]) {
                    throw new IllegalArgumentException(name + ": rows have " + d + " and " + c[2] + " features");
                }
                d = (int) c[2];
            }
        }
        for (int p = 0; p < counted.size(); p++) {
            starts[p + 1] += starts[p];
        }
        long total = starts[counted.size()];
        if (total == 0) {
            throw new IllegalArgumentException(name + ": no rows");
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": " + total + " rows; sgdlab indexes rows by int (at most "
                    + Integer.MAX_VALUE + ")");
        }
        if (d < 1) {
            throw new IllegalArgumentException(name + ": rows have no features (d = " + d + ")");
        }
        int n = (int) total;
        int width = d;
        int b = EmpiricalRisk.fullBatchBlockRows(n, d);
        // Only the pieces are cached (the rows once): the blocks are the whole pieces, filtered on each use (a pass over
        // cached object references), plus the few blocks joined from the pieces at partition boundaries, which are
        // collected (each smaller than a block) and cached beside them. Caching a second RDD derived from the pieces
        // would count the same arrays twice against Spark's storage memory and leave partitions uncached.
        JavaRDD<RowBlock> pieces = rows.mapPartitionsWithIndex(
                (p, it) -> new Packer(it, starts[p], n, width, b), true).persist(StorageLevel.MEMORY_ONLY());
        JavaRDD<RowBlock> whole = pieces.filter(pc -> pc.rows() == blockSize(pc.index(), b, n));
        List<RowBlock> joinedList = pieces.filter(pc -> pc.rows() != blockSize(pc.index(), b, n))
                .mapToPair(pc -> new Tuple2<>(pc.index(), pc)).groupByKey().map(g -> join(g._2(), width, b, n)).collect();
        JavaRDD<RowBlock> joined = JavaSparkContext.fromSparkContext(rows.context())
                .parallelize(joinedList, Math.max(1, Math.min(joinedList.size(), rows.context().defaultParallelism())))
                .persist(StorageLevel.MEMORY_ONLY());
        // one partition per core (at most one per block): an iteration is then one task per core, and the many small
        // partitions a reader leaves cost no per-task overhead
        int slices = (int) Math.max(1, Math.min((long) rows.context().defaultParallelism(), ((long) n + b - 1) / b));
        JavaRDD<RowBlock> all = whole.union(joined).coalesce(slices);
        long made = all.count();
        long expected = ((long) n + b - 1) / b;
        if (made != expected) {
            pieces.unpersist(false);
            joined.unpersist(false);
            throw new IllegalStateException(name + ": packed " + made + " blocks, expected " + expected
                    + " (the source's partitions changed between the two passes?)");
        }
        List<JavaRDD<RowBlock>> cached = List.of(pieces, joined);
        return new DistributedRows(name, all, cached, n, d, b, featureNames);
    }

    private static int blockSize(int index, int blockRows, int n) {
        return (int) Math.min(blockRows, (long) n - (long) index * blockRows);
    }

    /** Joins the pieces of one block (from neighbouring partitions) in row order. */
    private static RowBlock join(Iterable<RowBlock> pieces, int d, int blockRows, int n) {
        List<RowBlock> list = new ArrayList<>();
        pieces.forEach(list::add);
        list.sort(Comparator.comparingInt(RowBlock::firstRow));
        int index = list.get(0).index();
        int first = index * blockRows;
        int rows = blockSize(index, blockRows, n);
        double[] x = new double[rows * d];
        double[] y = new double[rows];
        int at = 0;
        for (RowBlock pc : list) {
            if (pc.firstRow() != first + at) {
                throw new IllegalStateException("block " + index + ": piece at row " + pc.firstRow() + ", expected "
                        + (first + at));
            }
            for (int k = 0; k < pc.rows(); k++, at++) {
                System.arraycopy(pc.row(k), 0, x, at * d, d);
                y[at] = pc.target(k);
            }
        }
        if (at != rows) {
            throw new IllegalStateException("block " + index + ": pieces hold " + at + " rows, expected " + rows);
        }
        return new RowBlock(index, first, rows, d, x, y);
    }

    /** Cuts one partition's rows, whose first has global index {@code start}, into pieces of blocks. */
    private static final class Packer implements Iterator<RowBlock> {
        private final Iterator<LabeledRow> rows;
        private final int n;
        private final int d;
        private final int blockRows;
        private long next;

        Packer(Iterator<LabeledRow> rows, long start, int n, int d, int blockRows) {
            this.rows = rows;
            this.next = start;
            this.n = n;
            this.d = d;
            this.blockRows = blockRows;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public RowBlock next() {
            int index = (int) (next / blockRows);
            int first = (int) next;
            int room = (int) Math.min((long) (index + 1) * blockRows, n) - first;
            double[] x = new double[room * d];
            double[] y = new double[room];
            int k = 0;
            while (k < room && rows.hasNext()) {
                LabeledRow r = rows.next();
                System.arraycopy(r.x(), 0, x, k * d, d);
                y[k] = r.y();
                k++;
            }
            next += k;
            if (k < room) {
                x = Arrays.copyOf(x, k * d);
                y = Arrays.copyOf(y, k);
            }
            return new RowBlock(index, first, k, d, x, y);
        }
    }

    /** The cached blocks (any partition order; each block index once). */
    public JavaRDD<RowBlock> blocks() {
        return blocks;
    }

    /** Number of rows n. */
    public int n() {
        return n;
    }

    /** Features per row d. */
    public int d() {
        return d;
    }

    /** Rows per block B (the last block may be shorter). */
    public int blockRows() {
        return blockRows;
    }

    /** Number of blocks ⌈n/B⌉. */
    public int blockCount() {
        return blockCount;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public String name() {
        return name;
    }

    /** Drops the cached blocks. */
    public void unpersist() {
        for (JavaRDD<RowBlock> r : cached) {
            r.unpersist(false);
        }
    }

    @Override
    public String toString() {
        return name + " (" + n + " × " + d + ", " + blockCount + " blocks of " + blockRows + " rows, "
                + blocks.getNumPartitions() + " partitions)";
    }

    /** Checks arguments shared by the readers. */
    static String requireName(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, got \"" + s + "\"");
        }
        return s;
    }
}
