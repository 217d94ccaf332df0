package org.sgdlab.oracles;

import org.sgdlab.linalg.Matrix;

/**
 * Result of {@link NuclearNormMinimizer}: min ‖W‖_* s.t. 𝒜(W) = b (matrix completion or sensing), with a dual
 * certificate.
 *
 * <pre>
 *   primal:  min ‖W‖_*  s.t.  𝒜(W) = b
 *   dual:    max ⟨b, λ⟩  s.t.  ‖𝒜*(λ)‖_op ≤ 1
 * </pre>
 * For feasible W and dual-feasible λ, ⟨b, λ⟩ = ⟨W, 𝒜*λ⟩ ≤ ‖W‖_*·‖𝒜*λ‖_op ≤ ‖W‖_* (trace duality), so a small gap
 * certifies W.
 *
 * @param status            OPTIMAL iff {@code residual ≤ tolerance}; INFEASIBLE (sensing only) when b ∉ range(𝒜);
 *                          MAX_ITERATIONS when the budget ran out first (the best certified pair found is returned)
 * @param w                 the minimizer, R×C; {@code null} when INFEASIBLE
 * @param lambda            dual vector (length m) with ‖𝒜*(λ)‖_op ≤ 1 (scaled so); for INFEASIBLE the Fredholm
 *                          certificate r = b − 𝒜(W_F) of the least-squares solution W_F, with 𝒜*(r) ≈ 0 and ⟨b, r⟩ &gt; 0
 * @param nuclearNorm       ‖W‖_* (primal value)
 * @param dualValue         ⟨b, λ⟩, a lower bound on the optimal value (weak duality)
 * @param dualityGap        (‖W‖_* − ⟨b, λ⟩)/‖W‖_* (0 when b = 0); a valid certificate up to {@code relativeResidual}
 * @param relativeResidual  ‖𝒜(W) − b‖₂/‖b‖₂ (for INFEASIBLE: of W_F)
 * @param dualInfeasibility (‖𝒜*(λ)‖_op − 1)₊, recomputed for the returned λ (0 up to rounding)
 * @param residual          max(|dualityGap|, relativeResidual, dualInfeasibility)
 * @param rank              the number of singular values of W above 1e-10·σ_max(W)
 * @param singularValues    all min(R, C) singular values of W, descending
 * @param iterations        ADMM iterations run
 * @param polished          whether the returned pair came from the Newton refinement (else from ADMM directly)
 * @param message           how the solve ended
 */
public record NuclearNormSolution(OracleStatus status, Matrix w, double[] lambda, double nuclearNorm, double dualValue,
                                  double dualityGap, double relativeResidual, double dualInfeasibility,
                                  double residual, int rank, double[] singularValues, int iterations, boolean polished,
                                  String message) {
}
