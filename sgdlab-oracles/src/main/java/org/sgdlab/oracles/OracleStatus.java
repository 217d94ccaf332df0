package org.sgdlab.oracles;

/**
 * How a reference solver ("oracle") finished. Callers must check the status before using a
 * solution: only {@link #OPTIMAL} carries a certified answer.
 */
public enum OracleStatus {
    /**
     * The solution satisfies the solver's optimality conditions to the requested tolerance (the
     * residual reported alongside it, e.g. {@code kktResidual}, is at most the tolerance).
     */
    OPTIMAL,
    /**
     * Hard-margin SVM only: no hyperplane (through the origin, for the homogeneous problem) separates
     * the two classes strictly, so the problem is infeasible. The solution's {@code w} is {@code null};
     * the message states the certificate (an LP whose optimal normalised margin is not positive, or a
     * zero row in the homogeneous problem).
     */
    NOT_SEPARABLE,
    /**
     * Constrained problems other than the SVM (e.g. {@link BasisPursuit}): the constraints have no solution (for basis
     * pursuit, y is not in range(X)). The solution vector is {@code null}; the message states the certificate.
     */
    INFEASIBLE,
    /**
     * The iteration budget ran out before the optimality conditions were met. The returned iterate is
     * the best one found and its residual is reported, but it is not certified.
     */
    MAX_ITERATIONS,
    /**
     * The solver finished but could not drive the residual below the requested tolerance (typically an
     * ill-conditioned or degenerate problem, or a margin near the limits of double precision). The
     * returned iterate and its residual are reported for inspection.
     */
    INACCURATE
}
