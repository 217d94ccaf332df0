package org.sgdlab.model;

/**
 * The linear model h(x) = ⟨w, x⟩ (+ b): parameters are w ∈ ℝ^d, followed by the intercept b as
 * the last entry when {@link #hasIntercept()}.
 *
 * @param features     d, the input dimension
 * @param hasIntercept whether a bias b is fitted (sources 000/001's theorems are stated without one)
 */
public record LinearModel(int features, boolean hasIntercept) {
    public LinearModel {
        if (features < 1) {
            throw new IllegalArgumentException("number of features must be >= 1, got " + features);
        }
    }

    /** Number of parameters: d, or d + 1 with an intercept. */
    public int parameterCount() {
        return hasIntercept ? features + 1 : features;
    }

    /** The intercept stored in {@code params}, or 0 without one. */
    public double intercept(double[] params) {
        return hasIntercept ? params[features] : 0.0;
    }
}
