package org.sgdlab.train;

import java.io.IOException;
import org.sgdlab.train.checkpoint.FieldMap;

/** Receives the trainer's snapshots ({@link Trainer.Builder#checkpoints}), e.g. to write them as checkpoint files. */
@FunctionalInterface
public interface CheckpointSink {
    /** Stores {@code snapshot}, taken at the top of step {@code step}; it is not used by the trainer afterwards. */
    void save(long step, FieldMap snapshot) throws IOException;
}
