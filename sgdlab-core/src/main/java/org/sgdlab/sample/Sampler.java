package org.sgdlab.sample;

/**
 * Chooses which terms of a finite sum enter each step's gradient. Stateful (holds its random
 * stream and epoch position); {@link #copy()} branches it.
 */
public interface Sampler {
    /** True when every step uses the full gradient (the trainer then skips index lists). */
    boolean fullBatch();

    /** The batch size b (n for full batch). */
    int batchSize();

    /** Writes the next batch's indices into {@code out[0..b)} and returns b. */
    int nextBatch(int[] out);

    /** An independent copy that continues identically. */
    Sampler copy();

    /** A one-line description. */
    String describe();
}
