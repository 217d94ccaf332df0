package org.sgdlab.oracles;

/**
 * Result of {@link LinearMarginSolver}: the maximum-margin direction in ℓ1 or ℓ∞ geometry with a dual certificate.
 *
 * @param status            see {@link OracleStatus}; OPTIMAL means {@code residual ≤ tolerance}
 * @param norm              the geometry p of the constraint ‖w‖_p ≤ 1
 * @param w                 the maximiser direction, normalised to ‖w‖_p = 1 (length d); {@code null} when NOT_SEPARABLE.
 *                          The minimum-norm scaling with all yᵢ⟨w,xᵢ⟩ ≥ 1 is {@code w / margin}, of norm 1/margin
 * @param margin            γ = minᵢ yᵢ⟨w, xᵢ⟩ for the returned (unit-norm) w; 0 when NOT_SEPARABLE
 * @param lambda            dual weights on the simplex (length n, λᵢ ≥ 0, Σλᵢ = 1) minimising ‖Σλᵢyᵢxᵢ‖_q, q the dual
 *                          exponent; for NOT_SEPARABLE they are the Gordan certificate (Σλᵢyᵢxᵢ ≈ 0)
 * @param activeConstraints indices i with yᵢ⟨w,xᵢ⟩ ≤ γ(1 + 1e-9) (the support constraints), ascending; empty when not separable
 * @param dualValue         ‖Σλᵢyᵢxᵢ‖_q, an upper bound on the optimal margin (weak duality)
 * @param dualityGap        (dualValue − margin)/dualValue, ≥ 0 up to rounding (NaN when not separable)
 * @param residual          max(|dualityGap|, primal infeasibility (‖w‖_p − 1)₊) for a separable answer; for NOT_SEPARABLE,
 *                          ‖Σλᵢyᵢxᵢ‖_q / maxᵢ‖xᵢ‖_q
 * @param message           how the solve ended, with the certificate
 */
public record LinearMarginSolution(OracleStatus status, MarginNorm norm, double[] w, double margin,
                                   double[] lambda, int[] activeConstraints, double dualValue, double dualityGap,
                                   double residual, String message) {
}
