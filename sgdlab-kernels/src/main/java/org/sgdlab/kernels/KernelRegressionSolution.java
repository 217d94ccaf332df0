package org.sgdlab.kernels;

import org.sgdlab.oracles.OracleStatus;

/**
 * Result of {@link KernelRidge}: the predictor f(x) = Σᵢ αᵢ k(xᵢ, x) with (K + λI)α = y.
 *
 * @param status            {@link OracleStatus#OPTIMAL} when K + λI factored, its condition estimate is at most the
 *                          limit and the relative residual is at most the tolerance; {@link OracleStatus#INACCURATE}
 *                          (refused, α null) when K + λI is numerically singular or too ill-conditioned
 * @param alpha             α (length n), or null when refused
 * @param lambda            λ ≥ 0 (0: the ridgeless interpolant K⁻¹y)
 * @param conditionEstimate LAPACK dpocon's estimate of κ₁(K + λI) (+∞ when the factorization failed)
 * @param relativeResidual  ‖(K + λI)α − y‖∞ / (‖K + λI‖∞‖α‖∞ + ‖y‖∞), the normwise backward error (NaN when refused)
 * @param rkhsNormSquared   ‖f‖²_H = αᵀKα (NaN when refused)
 * @param message           how the solve ended, and why it was refused
 */
public record KernelRegressionSolution(OracleStatus status, double[] alpha, double lambda, double conditionEstimate,
                                       double relativeResidual, double rkhsNormSquared, String message) {
}
