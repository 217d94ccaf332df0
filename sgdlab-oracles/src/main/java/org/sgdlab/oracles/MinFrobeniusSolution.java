package org.sgdlab.oracles;

import org.sgdlab.linalg.Matrix;

/**
 * Result of {@link MinFrobeniusInterpolant}: min ‖W‖_F s.t. 𝒜(W) = b.
 *
 * @param status                  OPTIMAL, or INFEASIBLE when b ∉ range(𝒜)
 * @param w                       the minimizer W = 𝒜*(λ), R×C; {@code null} when INFEASIBLE
 * @param lambda                  the coefficients (length m) with W = 𝒜*(λ) = Σ λₖAₖ (zero on measurements found linearly
 *                                dependent on the others); for INFEASIBLE the Fredholm certificate r = (I − P)b, P the
 *                                orthogonal projector onto range(𝒜), with 𝒜*(r) = 0 and ⟨b, r⟩ = ‖r‖² &gt; 0
 * @param frobeniusNorm           ‖W‖_F
 * @param relativeResidual        ‖𝒜(W) − b‖₂/‖b‖₂ (for INFEASIBLE: ‖r‖/‖b‖, the relative distance of b from range(𝒜))
 * @param independentMeasurements the number of measurements kept as linearly independent (m for completion)
 * @param message                 how the solve ended
 */
public record MinFrobeniusSolution(OracleStatus status, Matrix w, double[] lambda, double frobeniusNorm,
                                   double relativeResidual, int independentMeasurements, String message) {
}
