package org.sgdlab.optim;

/**
 * Eager hyperparameter validation shared by the transforms: every failure names the parameter and
 * the offending value, e.g. {@code "learning rate must be > 0 and finite, got -0.1"}.
 */
final class Hyper {
    private Hyper() {
    }

    /** v &gt; 0 and finite. */
    static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, got " + v);
        }
        return v;
    }

    /** v ≥ 0 and finite. */
    static double nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + v);
        }
        return v;
    }

    /** 0 ≤ v &lt; 1. */
    static double unitInterval(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
        }
        return v;
    }

    /** v ≥ 1, a whole number of steps. */
    static long steps(String name, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
        return v;
    }

    /** Σ vᵢ² accumulated in index order (the order the torch agreement test replays). */
    static double sumOfSquares(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return s;
    }

    /** A copy of {@code src} (states copy their buffers with this). */
    static double[] copyOf(double[] src) {
        return src == null ? null : src.clone();
    }
}
