package org.sgdlab.theory;

import org.sgdlab.train.ProgressListener;

/**
 * What a check runs with.
 *
 * @param budget   quick or full
 * @param seed     the master seed; every random stream of the check derives from it
 * @param progress receives progress of the check's runs (fraction of the check's total work)
 */
public record ClaimContext(Budget budget, long seed, ProgressListener progress) {
    /** Quick budget, seed 1, no progress output (tests). */
    public static ClaimContext quick(long seed) {
        return new ClaimContext(Budget.QUICK, seed, ProgressListener.NONE);
    }

    /**
     * The context of the {@code k}-th of {@code total} equal parts of this check (k = 0, …, total − 1): same budget and
     * seed; its progress listener reports a part's {@code done} of {@code all} as {@code k·all + done} of
     * {@code total·all} to this context's listener, so parts run one after another fill the bar once. Parts nest.
     *
     * @throws IllegalArgumentException if {@code total < 1} or {@code k} is outside {@code [0, total)}
     */
    public ClaimContext part(int k, int total) {
        if (total < 1) {
            throw new IllegalArgumentException("total must be >= 1, got " + total);
        }
        if (k < 0 || k >= total) {
            throw new IllegalArgumentException("part k must be in [0, " + total + "), got " + k);
        }
        ProgressListener whole = progress;
        return new ClaimContext(budget, seed, (done, all) -> whole.onProgress((long) k * all + done, (long) total * all));
    }
}
