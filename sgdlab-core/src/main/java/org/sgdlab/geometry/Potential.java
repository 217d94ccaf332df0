package org.sgdlab.geometry;

/**
 * A mirror-descent potential (distance-generating function) R: strictly convex, differentiable, with
 * mirror map ∇R and its inverse (∇R)^{-1} = ∇R* (002 §8.1.1 eq. (8.3)). Implementations are immutable.
 */
public interface Potential {
    /** R(w). */
    double value(double[] w);

    /** out ← ∇R(w) (out may alias w). */
    void gradientInto(double[] w, double[] out);

    /** out ← (∇R)^{-1}(z) = ∇R*(z) (out may alias z). */
    void inverseGradientInto(double[] z, double[] out);

    /** Scratch doubles {@link #mirrorStep} needs for length n. */
    default int workspaceSize(int n) {
        return n;
    }

    /**
     * out ← w' − w where ∇R(w') = ∇R(w) − η g (the mirror step of 002 eq. (8.3)). {@code out} may alias
     * {@code g}. Potentials with a closed form override this (½‖·‖²₂: out = −η g exactly, so mirror
     * descent with it is bit-for-bit gradient descent; negative entropy: the normalized EG step).
     */
    default void mirrorStep(double[] w, double[] g, double eta, double[] out, double[] work) {
        int n = w.length;
        gradientInto(w, work);
        for (int i = 0; i < n; i++) {
            work[i] -= eta * g[i];
        }
        inverseGradientInto(work, work);
        for (int i = 0; i < n; i++) {
            out[i] = work[i] - w[i];
        }
    }

    /** Throws IllegalArgumentException if w is outside the potential's domain (default: accepts every finite w). */
    default void checkDomain(double[] w) {
    }

    /** A one-line description. */
    String describe();
}
