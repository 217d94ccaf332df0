package org.sgdlab.train;

/** Receives progress of a long run; called about 200 times per run, never per step. */
@FunctionalInterface
public interface ProgressListener {
    /** {@code done} of {@code total} steps are complete. */
    void onProgress(long done, long total);

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> { };
}
