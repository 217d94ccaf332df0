package org.sgdlab.kernels;

import org.sgdlab.oracles.OracleStatus;

/**
 * Result of {@link KernelSvm}: the hard-margin separator f(x) = Σᵢ αᵢyᵢ k(xᵢ, x) + b in the kernel's feature space.
 *
 * @param status         OPTIMAL when the linear solver certified its solution on the feature rows and the KKT residual
 *                       in the kernel's own terms is ≤ {@link KernelSvm#TOLERANCE}; NOT_SEPARABLE (α null) when no
 *                       separator exists in the feature space (the linear solver's Gordan certificate, in the message);
 *                       INACCURATE or MAX_ITERATIONS otherwise
 * @param alpha          the dual variables αᵢ ≥ 0 (length n), or null when not separable
 * @param b              the intercept (0 for the homogeneous problem; NaN when not separable)
 * @param supportVectors indices with αᵢ &gt; 0, ascending (empty when not separable)
 * @param margin         the geometric margin 1/‖w‖_H, ‖w‖²_H = Σᵢⱼ αᵢαⱼyᵢyⱼK_ij (NaN when not separable)
 * @param kktResidual    {@link KernelSvm#kktResidual} of (α, b) on K (NaN when not separable)
 * @param rank           ρ, the numerical rank of K found by the pivoted Cholesky factorization (the feature dimension)
 * @param iterations     the linear solver's iterations
 * @param message        how the solve ended
 */
public record KernelSvmSolution(OracleStatus status, double[] alpha, double b, int[] supportVectors, double margin,
                                double kktResidual, int rank, int iterations, String message) {
}
