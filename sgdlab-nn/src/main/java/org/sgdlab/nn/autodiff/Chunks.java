package org.sgdlab.nn.autodiff;

import org.sgdlab.parallel.Parallel;

/**
 * Entrywise passes over large buffers, cut into fixed chunks that {@link Parallel}'s threads share. Every entry is
 * computed by the same expression whichever thread takes its chunk, and reductions are cut so that each chain stays
 * on one thread in its order (a bias gradient by columns, every column's sum over the rows in order), so the bits do
 * not depend on the thread count. Small passes (under {@value #PARALLEL_MIN} entries of work, a 10-wide layer's) and
 * one-thread runs call the range once, inline.
 */
final class Chunks {
    /** Entries (or rows, columns: the range's unit) of work from which a pass is shared. */
    static final int PARALLEL_MIN = 1 << 16;
    /** Entries per chunk: 256 KB of doubles, a few tens of microseconds of work. */
    static final int CHUNK = 1 << 15;

    private Chunks() {
    }

    /** A computation over the index range [from, to). */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /**
     * One node's pass over its range, made once with the node (a reusable task: a pass allocates nothing). Not
     * thread-safe, like the graph.
     */
    static final class Pass implements Parallel.BlockTask {
        private final Range range;
        private int n;
        private int chunk;

        Pass(Range range) {
            this.range = range;
        }

        /** Runs [0, n) in chunks of {@code chunk} indices, each worth {@code work / n} entries (all on this thread when small). */
        void run(int n, int chunk, long work) {
            if (work < PARALLEL_MIN || Parallel.threads() == 1 || n <= chunk) {
                range.run(0, n);
                return;
            }
            this.n = n;
            this.chunk = chunk;
            Parallel.forEachBlock((n + chunk - 1) / chunk, this);
        }

        /** Runs [0, n) over entries, {@value #CHUNK} per chunk. */
        void run(int n) {
            run(n, CHUNK, n);
        }

        @Override
        public void run(int block, int worker) {
            int from = block * chunk;
            range.run(from, Math.min(n, from + chunk));
        }
    }
}
