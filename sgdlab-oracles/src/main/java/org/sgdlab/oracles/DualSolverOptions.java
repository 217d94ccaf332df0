package org.sgdlab.oracles;

/**
 * Options of the dedicated dual solvers ({@link HardMarginSvm}, {@link MulticlassSvm}).
 *
 * @param tolerance     target KKT residual (see {@link HardMarginSvm#kktResidual}); default 1e-10
 * @param maxIterations budget of inner iterations (coordinate updates, SMO pair updates, or points entering
 *                      {@link HardMarginSvm}'s active set); default 50 000 000
 * @param seed          seed of the coordinate order
 */
public record DualSolverOptions(double tolerance, long maxIterations, long seed) {
    public DualSolverOptions {
        if (!(tolerance > 0.0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be positive and finite, got " + tolerance);
        }
        if (maxIterations <= 0) {
            throw new IllegalArgumentException("maxIterations must be positive, got " + maxIterations);
        }
    }

    /** tolerance 1e-10, maxIterations 50 000 000, seed 1. */
    public static DualSolverOptions defaults() {
        return new DualSolverOptions(1e-10, 50_000_000L, 1L);
    }

    public DualSolverOptions withTolerance(double t) {
        return new DualSolverOptions(t, maxIterations, seed);
    }

    public DualSolverOptions withMaxIterations(long m) {
        return new DualSolverOptions(tolerance, m, seed);
    }

    public DualSolverOptions withSeed(long s) {
        return new DualSolverOptions(tolerance, maxIterations, s);
    }
}
