package org.sgdlab.linalg;

/**
 * The outcome of the last decomposition of a Cholesky-type factorization: factored, or failed at pivot j with the
 * value lⱼⱼ² it had there, or not attempted. {@link Cholesky} and the kernel solvers' factorizations keep theirs here, so
 * that they report and refuse alike. Mutable; one per factorization.
 */
public final class CholeskyOutcome {
    private boolean factored;
    private int failedAt = -1;
    private double failedPivot = Double.NaN;

    /** Not attempted (before a decomposition, or once its factor is gone). */
    public void reset() {
        factored = false;
        failedAt = -1;
        failedPivot = Double.NaN;
    }

    /** The decomposition stopped at pivot {@code index}, whose value was {@code pivot}. */
    public void failAt(int index, double pivot) {
        factored = false;
        failedAt = index;
        failedPivot = pivot;
    }

    /** The decomposition succeeded. */
    public void succeed() {
        factored = true;
    }

    /** Whether the last decomposition succeeded. */
    public boolean factored() {
        return factored;
    }

    /** The index of the pivot that failed, or −1. */
    public int failedPivotIndex() {
        return failedAt;
    }

    /** The failed pivot's value, or NaN. */
    public double failedPivotValue() {
        return failedPivot;
    }

    /** @throws IllegalStateException unless factored, naming the failed pivot or that no decomposition succeeded */
    public void requireFactor() {
        if (!factored) {
            throw new IllegalStateException(failedAt >= 0
                    ? "no Cholesky factor: pivot " + failedAt + " was " + failedPivot
                    : "no Cholesky factor: decompose has not been called");
        }
    }
}
