package org.sgdlab.oracles;

/**
 * Result of {@link FlowIntegrator}: the endpoint w(t) of a gradient or mirror flow with its status. What certifies it is
 * the integrator's error control (every accepted step's local error estimate is within the requested tolerances) and,
 * when the run stopped on it, the stationarity residual {@code gradientNorm} ≤ the gradient tolerance.
 *
 * @param status              OPTIMAL when the integration reached the end time T or the gradient tolerance (the
 *                            endpoint is then accurate to the requested local tolerances, not a certified optimum);
 *                            MAX_ITERATIONS when the step budget ran out; INACCURATE when the step size underflowed
 *                            or the vector field became non-finite
 * @param w                   the endpoint w(t) (length d)
 * @param z                   the endpoint of the dual variable z = ∇R(w) for mirror flow; {@code null} for gradient flow
 * @param time                the final time t reached (T, or the first accepted step time with ‖∇f‖ ≤ tol)
 * @param value               f(w) at the endpoint
 * @param gradientNorm        ‖∇f(w)‖₂ at the endpoint
 * @param gradientToleranceReached whether the integration stopped because ‖∇f‖ ≤ the gradient tolerance
 * @param acceptedSteps       accepted Runge–Kutta steps
 * @param rejectedSteps       rejected (error-too-large) steps
 * @param gradientEvaluations evaluations of ∇f
 * @param traceTimes          the requested trace times that were reached (≤ time), ascending; empty if none requested
 * @param trace               trace[k] = w(traceTimes[k]); steps are shortened to land exactly on each trace time
 * @param message             how the integration ended
 */
public record FlowSolution(OracleStatus status, double[] w, double[] z, double time, double value,
                                   double gradientNorm, boolean gradientToleranceReached, long acceptedSteps,
                                   long rejectedSteps, long gradientEvaluations, double[] traceTimes,
                                   double[][] trace, String message) {
}
