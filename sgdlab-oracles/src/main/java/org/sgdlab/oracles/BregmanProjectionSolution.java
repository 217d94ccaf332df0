package org.sgdlab.oracles;

/**
 * Result of {@link BregmanProjection}: w = argmin D_R(w, w₀) subject to Xw = y, with its dual certificate λ.
 *
 * @param status               {@link OracleStatus#OPTIMAL} when both residuals below are within the tolerances of
 *                             {@link BregmanProjection.Options}; otherwise MAX_ITERATIONS or INACCURATE (see message)
 * @param w                    the projection (length d), w = ∇R*(∇R(w₀) + Xᵀλ)
 * @param lambda               the multipliers (length n) of the constraints Xw = y
 * @param primalResidual       ‖Xw − y‖₂ / ‖y‖₂ (‖Xw − y‖₂ when y = 0)
 * @param stationarityResidual ‖∇R(w) − ∇R(w₀) − Xᵀλ‖₂ / max(1, ‖∇R(w₀) + Xᵀλ‖₂): how far the returned pair is from the
 *                             stationarity condition (it is only the round trip ∇R∘∇R*, so ~1e-16 when the maps are accurate)
 * @param kktResidual          max(primalResidual, stationarityResidual)
 * @param iterations           Newton iterations used
 * @param message              how the solve ended
 */
public record BregmanProjectionSolution(OracleStatus status, double[] w, double[] lambda, double primalResidual,
                                        double stationarityResidual, double kktResidual, int iterations,
                                        String message) {
}
