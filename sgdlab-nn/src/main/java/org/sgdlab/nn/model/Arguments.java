package org.sgdlab.nn.model;

/** Argument checks shared by the models (messages name the parameter and the value). */
final class Arguments {
    private Arguments() {
    }

    /** An initialization scale α: finite and &gt; 0. Returns it. */
    static double scale(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("initialization scale alpha must be > 0 and finite, got " + alpha);
        }
        return alpha;
    }

    /** A count that must be at least 1. Returns it. */
    static int positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
        return v;
    }
}
