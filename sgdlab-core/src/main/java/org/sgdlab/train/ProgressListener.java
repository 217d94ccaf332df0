package org.sgdlab.train;

/**
 * Receives the progress of a long computation, in units its caller chooses: steps of a {@link Trainer} run (about 200
 * reports per run, never one per step), Monte-Carlo runs ({@link org.sgdlab.finitesum.MonteCarlo}, once per block),
 * parts of a claim's check. The one progress callback of the library.
 */
@FunctionalInterface
public interface ProgressListener {
    /** {@code done} of {@code total} units are complete. */
    void onProgress(long done, long total);

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> { };
}
