package org.sgdlab.sample;

import org.sgdlab.train.checkpoint.Checkpointable;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * Chooses which terms of a finite sum enter each step's gradient. Stateful (holds its random
 * stream and epoch position); {@link #copy()} branches it, {@link #fields} saves and restores it for checkpoints.
 */
public interface Sampler extends Checkpointable {
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

    /**
     * Names what {@link #copy()} copies (position, permutation, random stream) for checkpoints; restoring modifies this
     * sampler in place. The default refuses: a sampler that does not name its fields cannot be checkpointed.
     */
    @Override
    default void fields(StateFields f) {
        throw new UnsupportedOperationException("the sampler " + describe() + " cannot be checkpointed (Sampler.fields)");
    }
}
