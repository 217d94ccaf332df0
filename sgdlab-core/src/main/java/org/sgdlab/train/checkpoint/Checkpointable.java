package org.sgdlab.train.checkpoint;

/** An object whose persistent state can be saved to and restored from a checkpoint through {@link StateFields}. */
@FunctionalInterface
public interface Checkpointable {
    /**
     * Names every field that must survive a crash, in a fixed order, through {@code f} (see {@link StateFields}: the
     * same call saves or restores). Restoring modifies this object in place.
     */
    void fields(StateFields f);
}
