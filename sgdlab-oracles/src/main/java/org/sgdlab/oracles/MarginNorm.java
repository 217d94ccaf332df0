package org.sgdlab.oracles;

/**
 * The geometry of {@link LinearMarginSolver}'s norm constraint ‖w‖_p ≤ 1, p ∈ {1, ∞}, with its dual norm ‖·‖_q
 * (1/p + 1/q = 1), in which the dual problem and the Gordan certificate are measured. (Not to be confused with
 * {@code org.sgdlab.geometry.Norm}, the norms of the steepest-descent geometries.)
 */
public enum MarginNorm {
    /** p = 1 (dual norm ℓ∞): sparse directions. */
    L1,
    /** p = ∞ (dual norm ℓ1): directions with most coordinates at ±1. */
    LINF;

    /** ‖v‖_p (v is not modified). */
    public double norm(double[] v) {
        double s = 0;
        for (double c : v) {
            s = this == L1 ? s + Math.abs(c) : Math.max(s, Math.abs(c));
        }
        return s;
    }

    /** The dual norm ‖v‖_q (v is not modified). */
    public double dualNorm(double[] v) {
        return (this == L1 ? LINF : L1).norm(v);
    }
}
