package org.sgdlab.oracles;

/**
 * Result of {@link MulticlassSvm}: the hard-margin Crammer–Singer multiclass separator with its dual certificate.
 *
 * @param status             see {@link OracleStatus}; OPTIMAL means {@code kktResidual ≤ tolerance}
 * @param w                  the class weight vectors, K × d ({@code w[k]} is w_k); {@code null} when NOT_SEPARABLE
 * @param alpha              dual variables, n × K: {@code alpha[i][k]} ≥ 0 is the multiplier of ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1
 *                           for k ≠ yᵢ, and {@code alpha[i][y[i]]} = 0. For OPTIMAL, w_k = Σᵢ ([k = yᵢ]Σ_{k'}α_{i,k'} − α_{i,k}) xᵢ.
 *                           For NOT_SEPARABLE: the Gordan certificate weights (Σ = 1, same formula gives all w_k ≈ 0);
 *                           {@code null} if none was found
 * @param supportConstraints pairs {i, k} with α_{i,k} &gt; 0, in row-major order (empty when not separable)
 * @param objective          Σ_k ‖w_k‖² (NaN when not separable); the geometric margin in the Frobenius geometry is
 *                           1/√objective
 * @param kktResidual        the scale-aware KKT residual of {@link MulticlassSvm#kktResidual}; NaN when not separable
 * @param iterations         coordinate updates of the dual ascent
 * @param message            how the solve ended (with the certificate for NOT_SEPARABLE)
 */
public record MulticlassSvmSolution(OracleStatus status, double[][] w, double[][] alpha, int[][] supportConstraints,
                                    double objective, double kktResidual, long iterations, String message) {
}
