package org.sgdlab.loss;

import java.util.OptionalDouble;

/**
 * A per-sample loss ℓ(p, y) of a prediction p against a target y, with its derivative ∂ℓ/∂p.
 * Implementations are stateless and thread-safe.
 */
public interface Loss {
    /** ℓ(p, y). */
    double value(double prediction, double target);

    /** ∂ℓ/∂p at (p, y). */
    double derivative(double prediction, double target);

    /** A short identifier, e.g. {@code logistic}. */
    String name();

    /** True when targets must be ±1 (margin losses). */
    default boolean needsBinaryLabels() {
        return false;
    }

    /**
     * The curvature bound c: the Lipschitz constant of p ↦ ∂ℓ/∂p(p, y), uniform over p and the admissible targets y,
     * i.e. sup ∂²ℓ/∂p² where ℓ is twice differentiable. It makes a linear model's risk L(w) = Σᵢ ℓ(⟨w, x̃ᵢ⟩, yᵢ)
     * c·σ_max(X̃)²-smooth, since ∇²L = X̃ᵀ diag(∂²ℓ/∂p²) X̃ (see {@link org.sgdlab.objective.Smoothness}).
     * For a margin loss ℓ(p, y) = φ(y·p) with y = ±1, ∂²ℓ/∂p² = φ''(y·p), so c = sup φ''.
     *
     * @return c, or empty when ∂ℓ/∂p is not Lipschitz: its second derivative is unbounded (exponential: φ'' = e^{−m}
     *         → ∞ as m → −∞) or it jumps (hinge at m = 1); {@link #curvatureBoundOnNonnegativeMargins} may still
     *         give a local bound
     */
    OptionalDouble curvatureBound();

    /**
     * A curvature bound on the predictions p with margin y·p ≥ 0 only: the Lipschitz constant of p ↦ ∂ℓ/∂p(p, y)
     * there. That half-line holds every prediction at w = 0 of a model without intercept (p = 0), so this is the
     * curvature at the usual starting point; it bounds the curvature along a run only while no margin turns negative.
     * By default (and wherever {@link #curvatureBound()} is finite) the global bound, which holds here too.
     *
     * @return the bound, or empty when ∂ℓ/∂p is not Lipschitz on margins ≥ 0 either (hinge: its derivative jumps at
     *         m = 1)
     */
    default OptionalDouble curvatureBoundOnNonnegativeMargins() {
        return curvatureBound();
    }

    /**
     * ∂²ℓ/∂p²(p, y), the curvature of the loss in the prediction, for exact Hessian-vector products of models built on
     * it (sgdlab-nn). Where ℓ has a kink (hinge at m = 1, squared hinge's φ'' at m = 1) the one-sided value the
     * derivative's convention picks: 0 for the hinge, and the value from the left (m &lt; 1) excluded at m = 1.
     *
     * @throws UnsupportedOperationException unless {@link #hasSecondDerivative()}
     */
    default double secondDerivative(double p, double y) {
        throw new UnsupportedOperationException("the " + name() + " loss has no second derivative; exact Hessian-vector "
                + "products need one (squared, logistic, exponential, hinge and squared-hinge have it)");
    }

    /** True when {@link #secondDerivative} is implemented. */
    default boolean hasSecondDerivative() {
        return false;
    }
}
