package org.sgdlab.oracles;

/**
 * Result of {@link MinPNormInterpolant}: w = argmin ‖w‖_p s.t. Xw = y, with the Hölder-duality certificate.
 *
 * @param status               OPTIMAL when the underlying Bregman projection is OPTIMAL and the relative duality gap is
 *                             at most the gap tolerance; otherwise the projection's status, or INACCURATE
 * @param w                    the interpolant (length d)
 * @param lambda               the dual vector (length n), w = ∇(½‖·‖²_q)(Xᵀλ)
 * @param norm                 ‖w‖_p (the primal value)
 * @param dualBound            ⟨λ, y⟩ / ‖Xᵀλ‖_q, a lower bound on min ‖w‖_p over the feasible set (0 when Xᵀλ = 0)
 * @param dualityGap           (‖w‖_p − dualBound) / ‖w‖_p (0 when w = 0); it is a valid certificate only up to the
 *                             primal residual, since the bound holds exactly for feasible w
 * @param primalResidual       ‖Xw − y‖₂ / ‖y‖₂
 * @param stationarityResidual as in {@link BregmanProjectionSolution}
 * @param iterations           Newton iterations
 * @param message              how the solve ended
 */
public record MinPNormInterpolantSolution(OracleStatus status, double[] w, double[] lambda, double norm,
                                          double dualBound, double dualityGap, double primalResidual,
                                          double stationarityResidual, int iterations, String message) {
}
