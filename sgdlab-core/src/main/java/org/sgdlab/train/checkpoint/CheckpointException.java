package org.sgdlab.train.checkpoint;

/**
 * A checkpoint that cannot be used: unreadable, of another format version, corrupted, or of another run (model,
 * optimizer, sampler or shape differ). The message names the mismatch. An {@link IllegalArgumentException}, so the CLI
 * reports it as bad input (exit 2).
 */
public final class CheckpointException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
