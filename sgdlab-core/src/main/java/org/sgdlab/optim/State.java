package org.sgdlab.optim;

/**
 * The mutable part of a {@link Transform}: moment buffers, step counters. A state may be updated in
 * place for speed, but {@link #copy()} gives an independent snapshot, so a run can be branched:
 * the copy continues exactly as the original would, and neither disturbs the other.
 */
public interface State {
    /** An independent deep copy. */
    State copy();

    /** The state of transforms that keep none. */
    State EMPTY = () -> State.EMPTY;
}
