package org.sgdlab.nn.objective;

import org.sgdlab.objective.Objective;

/**
 * An {@link Objective} that also multiplies its Hessian by a vector: what curvature probes (the sharpness
 * λ_max(∇²f), by Lanczos) need. Same contract as Objective: {@code w} and {@code v} are read only, not thread-safe.
 */
public interface SecondOrderObjective extends Objective {
    /** Writes ∇²f(w)·v into {@code out} and returns f(w). */
    double hessianVectorProduct(double[] w, double[] v, double[] out);
}
