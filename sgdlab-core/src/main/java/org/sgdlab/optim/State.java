package org.sgdlab.optim;

import org.sgdlab.train.checkpoint.Checkpointable;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * The mutable part of a {@link Transform}: moment buffers, step counters. A state may be updated in
 * place for speed, but {@link #copy()} gives an independent snapshot, so a run can be branched:
 * the copy continues exactly as the original would, and neither disturbs the other.
 *
 * <p>A state survives a crash through {@link #fields}: it names the arrays and counters that {@link #copy()} copies
 * (not its scratch buffers), so a checkpoint restores it to continue bit for bit.
 */
public interface State extends Checkpointable {
    /** An independent deep copy. */
    State copy();

    /**
     * Names the persistent fields (the ones {@link #copy()} copies) for checkpoints; restoring modifies this state in
     * place. The default refuses: a state that does not name its fields cannot be checkpointed.
     */
    @Override
    default void fields(StateFields f) {
        throw new UnsupportedOperationException("the optimizer state " + getClass().getName()
                + " cannot be checkpointed: it does not name its fields (State.fields)");
    }

    /** The state of transforms that keep none. */
    State EMPTY = new State() {
        @Override
        public State copy() {
            return this;
        }

        @Override
        public void fields(StateFields f) {
            // nothing to keep
        }
    };
}
