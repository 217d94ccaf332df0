package org.sgdlab.geometry;

/**
 * The unit ℓ∞ sphere {w : max|w_i| = 1} with source 004's clipping rule ("一般结果", p → ∞): when the
 * maximal |w_j| is attained at a single index j, the normal w^[p−1] (normalized) tends to ±e_j, the
 * tangent condition becomes φ_j = 0, and the steepest ℓ∞-unit tangent direction is
 * φ = sign(g with g_j set to 0) — "clip the gradient of the max coordinate to zero". With ties every
 * tied coordinate is zeroed (a feasible tangent direction, conservative: it need not be the steepest
 * one, since the tangent cone at a corner is larger than a subspace). {@code NormsTest}/{@code
 * ManifoldsTest} check that the numeric ℓp solution ({@link LpSphere}) approaches this as p → ∞.
 *
 * <p>{@link #toTangent} zeroes the max coordinate(s) of g (Euclidean projection onto {v : v_j = 0});
 * the retraction is R_w(ξ) = (w + ξ)/‖w + ξ‖_∞. {@link #violation} is |max|w_i| − 1|.
 */
public final class LInfSphere implements Manifold {
    /** Coordinates within this relative distance of the max count as tied. */
    private static final double TIE = 1e-12;

    @Override
    public void project(double[] w, double[] out, double[] work) {
        double m = Norms.maxAbs(w);
        if (m == 0) {
            throw new IllegalArgumentException("cannot project the zero vector onto the l-infinity sphere");
        }
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] / m;
        }
    }

    @Override
    public void toTangent(double[] w, double[] g, double[] out, double[] work) {
        double m = Norms.maxAbs(w);
        for (int i = 0; i < w.length; i++) {
            out[i] = Math.abs(w[i]) >= m * (1 - TIE) ? 0.0 : g[i];
        }
    }

    @Override
    public double steepestTangent(double[] w, double[] g, double[] out, double[] work) {
        double m = Norms.maxAbs(w);
        double inner = 0;
        for (int i = 0; i < w.length; i++) {
            out[i] = Math.abs(w[i]) >= m * (1 - TIE) ? 0.0 : Math.signum(g[i]);
            inner += g[i] * out[i];
        }
        return inner;
    }

    @Override
    public void retract(double[] w, double[] step, double[] out, double[] work) {
        double m = 0;
        for (int i = 0; i < w.length; i++) {
            m = Math.max(m, Math.abs(w[i] + step[i]));
        }
        for (int i = 0; i < w.length; i++) {
            out[i] = (w[i] + step[i]) / m;
        }
    }

    @Override
    public double violation(double[] w) {
        return Math.abs(Norms.maxAbs(w) - 1);
    }

    @Override
    public String describe() {
        return "linf-sphere";
    }
}
