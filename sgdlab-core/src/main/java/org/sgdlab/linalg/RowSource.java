package org.sgdlab.linalg;

/**
 * The rows of an n × d row-major matrix of doubles, read in blocks: an in-memory {@link Matrix}
 * (which hands out its backing array directly — the fast path) or a memory-mapped file
 * ({@code org.sgdlab.data.MappedRows}, copied block by block into a small scratch array). This is
 * the one abstraction the empirical risk needs to train on data larger than the heap.
 *
 * <p>Implementations must allow concurrent {@link #copyRows} calls from several threads (each with
 * its own {@code out}).
 */
public interface RowSource {
    /** n, the number of rows. */
    int rows();

    /** d, the number of columns. */
    int cols();

    /** Copies rows [from, from + count) row-major into {@code out[outOff .. outOff + count·d)}. */
    void copyRows(int from, int count, double[] out, int outOff);

    /** The in-memory matrix behind this source, or null when the rows live outside the heap. */
    default Matrix inMemory() {
        return null;
    }
}
