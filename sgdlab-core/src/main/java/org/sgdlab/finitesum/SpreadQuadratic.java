package org.sgdlab.finitesum;

/**
 * The single-sample variance S(x) = (1/m)Σⱼ‖∇fⱼ(x) − ∇f(x)‖² of a least-squares finite sum written as
 * the exact quadratic around a center c: S(c + e) = S(c) + ⟨∇S(c), e⟩ + eᵀPe, with
 * P = (1/m)Σ‖aⱼ‖²aⱼaⱼᵀ − H² (see {@link FiniteSum#spreadCurvature()}). Evaluates S in O(d²) instead of
 * O(md), cheap enough to take at every SGD step. Immutable; thread-safe.
 *
 * @param center c
 * @param value  S(c)
 * @param grad   ∇S(c)
 * @param p      P, row-major d×d
 */
public record SpreadQuadratic(double[] center, double value, double[] grad, double[] p) {
    /** S(x). */
    public double at(double[] x) {
        int d = center.length;
        double lin = 0;
        double quad = 0;
        for (int i = 0; i < d; i++) {
            double ei = x[i] - center[i];
            lin += grad[i] * ei;
            double pe = 0;
            for (int k = 0; k < d; k++) {
                pe += p[i * d + k] * (x[k] - center[k]);
            }
            quad += ei * pe;
        }
        return Math.max(0, value + lin + quad);
    }
}
