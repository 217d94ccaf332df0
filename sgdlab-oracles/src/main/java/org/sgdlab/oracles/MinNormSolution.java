package org.sgdlab.oracles;

/**
 * Result of {@link MinNormLeastSquares}.
 *
 * @param w                the solution (length d): X⁺y, or w₀ + X⁺(y − Xw₀) for {@link MinNormLeastSquares#fromInitial}
 * @param rank             numerical rank r (number of singular values above {@code rcond · σ_max})
 * @param singularValues   all min(n, d) singular values of X, descending
 * @param residualNorm     ‖Xw − y‖₂ (zero up to rounding for consistent, e.g. interpolating, problems)
 * @param rowSpaceResidual ‖(I − P_row)(w − w₀)‖₂ / ‖w‖₂ with w₀ = 0 for {@link MinNormLeastSquares#solve}: how far the
 *                         computed correction leaves row(X); ~1e-16 when all is well (0 when w = 0)
 * @param status           {@link OracleStatus#OPTIMAL}, or {@link OracleStatus#INACCURATE} if the Jacobi SVD did not converge
 */
public record MinNormSolution(double[] w, int rank, double[] singularValues, double residualNorm,
                              double rowSpaceResidual, OracleStatus status) {
}
