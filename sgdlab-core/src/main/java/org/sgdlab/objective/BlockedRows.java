package org.sgdlab.objective;

import java.util.Arrays;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.RowSource;
import org.sgdlab.parallel.Parallel;

/**
 * Sums a per-row kernel over the rows of a {@link RowSource}, deterministically and, for large
 * problems, on several threads.
 *
 * <p>Small problems (n·d &lt; {@link #PARALLEL_MIN_WORK}) take one sequential pass in row order — for an
 * in-memory matrix a single kernel call on its backing array, exactly the arithmetic sgdlab always
 * used (the n = 100, d = 2 GD step of source 001 stays a few µs). Large problems are cut into FIXED
 * blocks of {@link #blockRows} rows that depend only on n and d, never on the thread count; each
 * block's partial sum is computed from zero into its own buffer (on whichever thread is free, see
 * {@link Parallel}) and the partials are added in block order. So the bits are the same for 1, 2 or 8
 * threads, and the same for a mapped file as for the matrix in memory: a mapped source is copied
 * block by block (blocks never straddle anything the kernel sees) into per-thread scratch, and the
 * kernels' running sums continue across consecutive calls.
 *
 * <p>Not thread-safe (holds the partials and scratch of one objective).
 */
final class BlockedRows {
    /** n·d from which the blocked (parallel) path is used: 2¹⁸ doubles = 2 MiB, where fork/join costs ≲ 1 %. */
    static final long PARALLEL_MIN_WORK = 1L << 18;
    /** Doubles per block of the parallel reduction: 2¹⁶ (512 KiB); the partials take n·p/2¹⁶·d doubles. */
    static final int BLOCK_DOUBLES = 1 << 16;
    /**
     * Doubles per copy from a mapped source: 2⁸ (2 KiB; one row at d = 200). Small copies interleave
     * the memory traffic with the kernel's arithmetic, so the hardware prefetcher streams the file
     * while the kernel computes; large copies serialize "fetch, then compute" (measured on the
     * least-squares gradient, n·d·8 = 0.5 GB mapped vs in memory: 0.77 of the in-memory rows/s with
     * 1-row copies, 0.60 with 20-row copies). Copies split a block; the kernels' running sums make that
     * split invisible in the bits.
     */
    static final int COPY_DOUBLES = 1 << 8;

    /** One kernel over {@code count} consecutive rows at {@code a[aOff..]} with targets at {@code y[yOff..]}; continues the running sums in {@code acc} and {@code value}. */
    @FunctionalInterface
    interface RangeKernel {
        double accumulate(double[] w, double b, double[] a, int aOff, double[] y, int yOff, int count,
                          double[] acc, double value);
    }

    /** Visits consecutive rows [from, from + count) stored at {@code a[aOff..]}. */
    @FunctionalInterface
    interface RowVisitor {
        void visit(double[] a, int aOff, int from, int count);
    }

    private final RowSource rows;
    private final Matrix matrix;
    private final double[] y;
    private final int n;
    private final int d;
    private final int blockRows;
    private final int copyRows;
    private final int blocks;
    private final boolean blocked;
    private double[][] scratch = new double[0][];
    private double[] yScratch;
    private double[][] partials = new double[0][];
    private volatile double[][] workerAcc = new double[0][];
    private double[] partialValues;

    BlockedRows(RowSource rows, double[] y) {
        this(rows, y, defaultBlockRows(rows.cols()), COPY_DOUBLES / Math.max(1, rows.cols()),
                (long) rows.rows() * rows.cols() >= PARALLEL_MIN_WORK);
    }

    /** Package-private for tests: explicit block size, copy size (rows; capped by the block) and path. */
    BlockedRows(RowSource rows, double[] y, int blockRows, int copyRows, boolean blocked) {
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows must be >= 1, got " + blockRows);
        }
        this.rows = rows;
        this.matrix = rows.inMemory();
        this.y = y;
        this.n = rows.rows();
        this.d = rows.cols();
        this.blockRows = blockRows;
        this.copyRows = Math.max(1, Math.min(blockRows, copyRows));
        this.blocks = (int) ((n + (long) blockRows - 1) / blockRows);
        this.blocked = blocked;
    }

    /** Rows per block: 2¹⁶ / d rounded down to a multiple of 4 (at least 4). */
    static int defaultBlockRows(int d) {
        return Math.max(4, (BLOCK_DOUBLES / Math.max(1, d)) & ~3);
    }

    int blockRows() {
        return blockRows;
    }

    boolean blocked() {
        return blocked;
    }

    private double[] scratch(int worker) {
        if (worker >= scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(worker + 1, Parallel.threads()));
        }
        if (scratch[worker] == null) {
            scratch[worker] = new double[2 * copyRows * d]; // two halves: copyAndAccumulate's double buffer
        }
        return scratch[worker];
    }

    private void prepareScratch() {
        if (matrix == null) {
            for (int k = 0; k < Math.max(1, Parallel.threads()); k++) {
                scratch(k);
            }
        }
    }

    /** Overwrites {@code out} with Σ over all rows of the kernel's accumulator and returns Σ of its value. */
    double sum(RangeKernel k, double[] w, double b, double[] out) {
        Arrays.fill(out, 0.0);
        if (!blocked) {
            if (matrix != null) {
                return k.accumulate(w, b, matrix.data(), 0, y, 0, n, out, 0.0);
            }
            return copyAndAccumulate(k, w, b, 0, n, scratch(0), out, 0.0);
        }
        int p = out.length;
        if (partials.length != blocks || (blocks > 0 && partials[0].length != p)) {
            partials = new double[blocks][p];
            partialValues = new double[blocks];
        }
        prepareScratch();
        double[][] part = partials;
        double[] pv = partialValues;
        if (workerAcc.length < Parallel.threads()) {
            workerAcc = new double[Parallel.threads()][];
        }
        double[][] accs = workerAcc;
        Parallel.forEachBlock(blocks, (blk, worker) -> {
            int from = blk * blockRows;
            int c = Math.min(blockRows, n - from);
            // Accumulate in the worker's own buffer, allocated by that thread (its own TLAB), then copy
            // the block's result out once: neighbouring blocks' partials share cache lines, and two
            // threads axpy-ing into them row after row would ping-pong those lines (false sharing).
            double[] acc = accs[worker];
            if (acc == null || acc.length != p) {
                acc = new double[p];
                accs[worker] = acc;
            }
            Arrays.fill(acc, 0.0);
            if (matrix != null) {
                pv[blk] = k.accumulate(w, b, matrix.data(), from * d, y, from, c, acc, 0.0);
            } else {
                pv[blk] = copyAndAccumulate(k, w, b, from, c, scratch[worker], acc, 0.0);
            }
            System.arraycopy(acc, 0, part[blk], 0, p);
        });
        double v = 0.0;
        for (int blk = 0; blk < blocks; blk++) {
            double[] acc = part[blk];
            for (int j = 0; j < p; j++) {
                out[j] += acc[j];
            }
            v += pv[blk];
        }
        return v;
    }

    /**
     * Rows [from, from + count) of the mapped source, copied {@link #copyRows} at a time into alternating halves of
     * {@code s}: the next chunk is copied before the kernel runs on the current one, so the copy's memory reads are
     * in flight while the kernel computes instead of stalling it (same kernel calls on the same data, same bits).
     */
    private double copyAndAccumulate(RangeKernel k, double[] w, double b, int from, int count, double[] s,
                                     double[] acc, double v) {
        int half = copyRows * d;
        int end = from + count;
        int cur = 0;
        int c = Math.min(copyRows, count);
        rows.copyRows(from, c, s, 0);
        for (int r = from; r < end; r += copyRows) {
            int next = r + copyRows;
            int nextCount = Math.min(copyRows, end - next);
            if (nextCount > 0) {
                rows.copyRows(next, nextCount, s, half - cur);
            }
            v = k.accumulate(w, b, s, cur, y, r, c, acc, v);
            cur = half - cur;
            c = nextCount;
        }
        return v;
    }

    /**
     * Overwrites {@code out} with Σ of the kernel over the listed rows {@code batch[0..count)} (in
     * that order, repeats allowed), gathering them block by block; sequential. Used for a source
     * that is not in memory (the in-memory path indexes the matrix directly).
     */
    double gatherSum(RangeKernel k, double[] w, double b, int[] batch, int count, double[] out) {
        Arrays.fill(out, 0.0);
        double[] s = scratch(0);
        if (yScratch == null) {
            yScratch = new double[copyRows];
        }
        double v = 0.0;
        for (int from = 0; from < count; from += copyRows) {
            int c = Math.min(copyRows, count - from);
            for (int j = 0; j < c; j++) {
                int i = batch[from + j];
                rows.copyRows(i, 1, s, j * d);
                yScratch[j] = y[i];
            }
            v = k.accumulate(w, b, s, 0, yScratch, 0, c, out, v);
        }
        return v;
    }

    /** Visits all rows in order, sequentially (one visit for an in-memory matrix). */
    void visit(RowVisitor v) {
        if (matrix != null) {
            v.visit(matrix.data(), 0, 0, n);
            return;
        }
        double[] s = scratch(0);
        for (int from = 0; from < n; from += copyRows) {
            int c = Math.min(copyRows, n - from);
            rows.copyRows(from, c, s, 0);
            v.visit(s, 0, from, c);
        }
    }
}
