package org.sgdlab.objective;

/**
 * How per-sample losses combine: {@code SUM} gives L(w) = Σᵢ ℓᵢ(w) (source 000's ½‖Xw − y‖² and
 * source 001's code), {@code MEAN} gives L(w) = (1/n) Σᵢ ℓᵢ(w) (source 003's f = (1/m) Σ fᵢ).
 */
public enum Reduction {
    SUM,
    MEAN;

    /** The factor applied to a sum over {@code count} of the {@code n} terms so that it estimates the full objective without bias. */
    public double batchScale(int count, int n) {
        return this == SUM ? (double) n / count : 1.0 / count;
    }
}
