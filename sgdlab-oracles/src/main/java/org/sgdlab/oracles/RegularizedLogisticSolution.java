package org.sgdlab.oracles;

/**
 * Result of {@link RegularizedLogistic}: w_λ = argmin (1/n) Σ log(1 + exp(−yᵢ⟨w, xᵢ⟩)) + λ‖w‖₂².
 *
 * @param status       OPTIMAL when gradientNorm ≤ tolerance·(1 + ‖w‖₂) and newtonStepNorm ≤ stepTolerance·(1 + ‖w‖₂); MAX_ITERATIONS or INACCURATE otherwise
 * @param lambda       the regularisation strength λ
 * @param w            the minimiser (length d)
 * @param value        the objective at w
 * @param gradientNorm ‖∇F(w)‖₂
 * @param newtonStepNorm ‖∇²F(w)⁻¹∇F(w)‖₂ at the returned w (an estimate of ‖w − w_λ‖₂ near the solution)
 * @param iterations   Newton iterations used (for a path entry: for this λ only)
 * @param message      how the solve ended
 */
public record RegularizedLogisticSolution(OracleStatus status, double lambda, double[] w, double value,
                                          double gradientNorm, double newtonStepNorm, int iterations, String message) {
}
