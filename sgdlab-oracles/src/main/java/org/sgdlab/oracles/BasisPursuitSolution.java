package org.sgdlab.oracles;

/**
 * Result of {@link BasisPursuit}: min ‖w‖₁ s.t. Xw = y, with a dual certificate.
 *
 * @param status            OPTIMAL iff {@code residual ≤ tolerance}; INFEASIBLE when y ∉ range(X); INACCURATE otherwise
 * @param w                 the minimiser (length d); {@code null} when INFEASIBLE
 * @param lambda            dual certificate (length n) with ‖Xᵀλ‖∞ ≤ 1 (scaled so); for INFEASIBLE, the Fredholm certificate
 *                          r = y − XX⁺y (Xᵀr ≈ 0, ⟨y, r⟩ = ‖r‖² &gt; 0)
 * @param support           indices j with wⱼ ≠ 0, ascending (empty when infeasible)
 * @param l1Norm            ‖w‖₁ (primal value)
 * @param dualValue         ⟨y, λ⟩, a lower bound on the optimal ‖w‖₁ by weak duality
 * @param dualityGap        (‖w‖₁ − ⟨y, λ⟩)/‖w‖₁ (0 when y = 0)
 * @param relativeResidual  ‖Xw − y‖₂/‖y‖₂ (for INFEASIBLE: of the least-squares solution X⁺y)
 * @param dualInfeasibility ‖Xᵀλ‖∞ − 1, clipped at 0 (0 up to rounding, since λ is scaled into the dual feasible set)
 * @param residual          max(|dualityGap|, relativeResidual, dualInfeasibility)
 * @param message           how the solve ended
 */
public record BasisPursuitSolution(OracleStatus status, double[] w, double[] lambda, int[] support, double l1Norm,
                                   double dualValue, double dualityGap, double relativeResidual,
                                   double dualInfeasibility, double residual, String message) {
}
