package org.sgdlab.kernels;

/**
 * The checks and the failure threshold that both of {@link KernelRidge}'s large factorizations ({@link BlockedCholesky},
 * {@link NativeCholesky}) apply: a pivot lⱼⱼ² at or below τ·maxᵢ(aᵢᵢ + μ) fails, τ the relative pivot tolerance.
 */
final class PivotThreshold {
    private PivotThreshold() {
    }

    /** Checks n ≥ 0 and a tolerance τ ≥ 0, finite (the constructors' arguments). */
    static void requireArguments(int n, double relativePivotTolerance) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (!(relativePivotTolerance >= 0) || Double.isInfinite(relativePivotTolerance)) {
            throw new IllegalArgumentException("relativePivotTolerance must be >= 0 and finite, got " + relativePivotTolerance);
        }
    }

    /**
     * τ·maxᵢ(aᵢᵢ + μ) for the n × n row-major {@code a} (read only) and the shift μ, or 0 when τ = 0.
     *
     * @throws IllegalArgumentException if a does not have n² entries or μ is not finite
     */
    static double of(double[] a, int n, double shift, double relativePivotTolerance) {
        if (a.length != (long) n * n) {
            throw new IllegalArgumentException("a must have " + n + " × " + n + " entries, got " + a.length);
        }
        if (!Double.isFinite(shift)) {
            throw new IllegalArgumentException("shift must be finite, got " + shift);
        }
        double dmax = 0;
        for (int i = 0; i < n; i++) {
            dmax = Math.max(dmax, a[i * n + i] + shift);
        }
        return relativePivotTolerance > 0 ? relativePivotTolerance * dmax : 0.0;
    }
}
