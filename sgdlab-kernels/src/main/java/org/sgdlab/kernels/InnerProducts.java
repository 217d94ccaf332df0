package org.sgdlab.kernels;

/** Inner products with the bits of the repository's Java GEMM, and the cosine of two points from them. */
final class InnerProducts {
    private InnerProducts() {
    }

    /**
     * Σ x[xOff + p]·y[yOff + p] as one chain of fused multiply-adds in p order from +0, the definition of an entry of
     * {@code org.sgdlab.linalg.Gemm}'s Java kernel ({@code GemmReference}), so that a kernel evaluated point by point
     * and a Gram matrix computed by GEMM agree bit for bit. Arrays are read only.
     */
    static double dot(double[] x, int xOff, double[] y, int yOff, int d) {
        double s = 0.0;
        for (int p = 0; p < d; p++) {
            s = Math.fma(x[xOff + p], y[yOff + p], s);
        }
        return s;
    }

    static void requireSameLength(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("points must have the same length, got " + x.length + " and " + y.length);
        }
    }

    /**
     * ρ = xy / √(xx·yy) clamped to [−1, 1], and 0 when a point is zero (then every kernel here that needs ρ multiplies
     * it by a zero norm). For x = y the quotient is exactly 1 (√(fl(a²)) = a for normal a). Note that θ = arccos ρ from
     * inner products is accurate only to about √ε near ρ = ±1: the inputs determine ρ, not θ, to rounding level.
     */
    static double cosine(double xx, double yy, double xy) {
        double q = xx * yy;
        if (!(q > 0)) {
            return 0.0;
        }
        double r = xy / Math.sqrt(q);
        return r > 1 ? 1 : (r < -1 ? -1 : r);
    }

    /** Throws unless v is finite, naming it. */
    static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
        return v;
    }

    /** Throws unless v &gt; 0 and finite, naming it. */
    static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, got " + v);
        }
        return v;
    }
}
