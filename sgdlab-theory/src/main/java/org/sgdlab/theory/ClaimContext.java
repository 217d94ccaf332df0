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
}
