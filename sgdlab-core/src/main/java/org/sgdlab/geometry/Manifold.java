package org.sgdlab.geometry;

/**
 * An embedded submanifold M of ℝⁿ (the flat parameter vector) with the three operations a
 * Riemannian first-order step needs (Absil, Mahony &amp; Sepulchre 2008, ch. 3–4):
 * <ul>
 *   <li>{@link #project}: a point of M near w (the nearest one for the spheres and Stiefel);</li>
 *   <li>{@link #toTangent}: the Euclidean orthogonal projection of g onto the tangent space T_wM;</li>
 *   <li>{@link #retract}: R_w(ξ) ∈ M for a tangent step ξ, with R_w(0) = w and dR_w(0) = id (a
 *   first-order retraction).</li>
 * </ul>
 * and {@link #steepestTangent}: the unit direction φ ∈ T_wM (unit in the manifold's own norm, e.g.
 * ℓp on the ℓp sphere) maximizing ⟨g, φ⟩ — the "steepest descent on the manifold" of source 004.
 *
 * <p>Implementations are immutable. Every method takes a caller-owned {@code work} array of at least
 * {@link #workspaceSize(int)} doubles and does not allocate. {@code out} may alias {@code g} in toTangent and {@code step}
 * in retract; it never aliases {@code w}, nor {@code g} in steepestTangent.
 */
public interface Manifold {
    /** Scratch doubles needed for parameter length n. */
    default int workspaceSize(int n) {
        return 0;
    }

    /** The parameter length this manifold requires, or −1 for any length. */
    default int requiredLength() {
        return -1;
    }

    /** out ← a point of M near w. */
    void project(double[] w, double[] out, double[] work);

    /** out ← the Euclidean orthogonal projection of g onto T_wM (w on M). */
    void toTangent(double[] w, double[] g, double[] out, double[] work);

    /** out ← R_w(step), a point of M (w on M, step in T_wM). */
    void retract(double[] w, double[] step, double[] out, double[] work);

    /**
     * out ← the steepest unit tangent direction φ: φ ∈ T_wM, ‖φ‖ = 1 in the manifold's norm,
     * maximizing ⟨g, φ⟩ (out = 0 when the tangent part of g vanishes). Returns ⟨g, φ⟩. The default
     * uses the Euclidean norm: φ = P_w g / ‖P_w g‖₂.
     */
    default double steepestTangent(double[] w, double[] g, double[] out, double[] work) {
        toTangent(w, g, out, work);
        double n = Norms.l2Norm(out);
        if (n == 0) {
            return 0;
        }
        double inner = 0;
        for (int i = 0; i < g.length; i++) {
            out[i] /= n;
            inner += g[i] * out[i];
        }
        return inner;
    }

    /** How far w is from M (0 on M), in the manifold's natural measure (documented per manifold). */
    double violation(double[] w);

    /** A one-line description. */
    String describe();

    /** Allocating convenience: a new array holding {@link #project(double[], double[], double[])} of w. */
    default double[] project(double[] w) {
        double[] out = new double[w.length];
        project(w, out, new double[workspaceSize(w.length)]);
        return out;
    }
}
