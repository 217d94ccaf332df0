package org.sgdlab.oracles;

/**
 * Result of {@link HardMarginSvm}: the maximum-margin separator {w, b} with its dual certificate.
 *
 * @param status         see {@link OracleStatus}; only {@code OPTIMAL} is certified to {@code kktResidual ≤ tolerance}
 * @param w              the normal vector (length d); {@code null} when {@code status == NOT_SEPARABLE}
 * @param b              the intercept (0 for the homogeneous problem; NaN when not separable)
 * @param alpha          the dual variables αᵢ ≥ 0 (length n), with w = Σ αᵢ yᵢ xᵢ; {@code null} when not separable
 * @param supportVectors indices i with αᵢ &gt; 0, ascending. For OPTIMAL each has yᵢ(⟨w,xᵢ⟩+b) = 1 to the tolerance;
 *                       on non-degenerate data (the generic case) they are exactly the points with margin 1, but when α is
 *                       not unique (e.g. duplicated constraints) a point on the margin may carry αᵢ = 0. Empty when not separable
 * @param margin         the geometric margin 1/‖w‖ (+∞ when w = 0, e.g. one class with an intercept; NaN when not separable)
 * @param kktResidual    the scale-aware KKT residual defined in {@link HardMarginSvm#kktResidual}; NaN when not separable
 * @param iterations     inner iterations used: points entering the active set (the usual path), plus coordinate updates
 *                       for dual coordinate ascent or pair updates for SMO when those stages ran
 * @param message        a human-readable account of how the solve ended (the certificate for NOT_SEPARABLE)
 */
public record SvmSolution(OracleStatus status, double[] w, double b, double[] alpha, int[] supportVectors,
                          double margin, double kktResidual, int iterations, String message) {
}
