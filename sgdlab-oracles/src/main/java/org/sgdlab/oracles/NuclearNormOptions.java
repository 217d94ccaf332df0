package org.sgdlab.oracles;

/**
 * Settings of {@link NuclearNormMinimizer}.
 *
 * @param tolerance     certification threshold: OPTIMAL iff max(|relative duality gap|, relative residual
 *                      ‖𝒜W − b‖/‖b‖, dual infeasibility) ≤ tolerance; in [1e-15, 1e-2]
 * @param maxIterations budget of ADMM iterations (each costs one dense SVD of an R×C matrix), ≥ 1
 * @param polish        whether to try the rank-identified Newton refinement ({@link NuclearNormPolish}); off, the
 *                      first-order method alone must reach the tolerance (much slower at high accuracy; useful as an
 *                      independent path in tests)
 */
public record NuclearNormOptions(double tolerance, int maxIterations, boolean polish) {
    public NuclearNormOptions {
        if (!(tolerance >= 1e-15 && tolerance <= 1e-2)) {
            throw new IllegalArgumentException("tolerance must be in [1e-15, 1e-2], got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
    }

    /** Tolerance 1e-8 (the relative duality gap the oracle is specified to certify), 10 000 iterations, polishing on. */
    public static NuclearNormOptions defaults() {
        return new NuclearNormOptions(1e-8, 10_000, true);
    }

    /** These options with another tolerance. */
    public NuclearNormOptions withTolerance(double t) {
        return new NuclearNormOptions(t, maxIterations, polish);
    }

    /** These options with another iteration budget. */
    public NuclearNormOptions withMaxIterations(int n) {
        return new NuclearNormOptions(tolerance, n, polish);
    }

    /** These options with polishing on or off. */
    public NuclearNormOptions withPolish(boolean p) {
        return new NuclearNormOptions(tolerance, maxIterations, p);
    }
}
