package org.sgdlab.kernels;

import java.util.List;

/**
 * The dual of an activation σ (Daniely, Frostig &amp; Singer, "Toward deeper understanding of neural networks", NIPS
 * 2016): the Gaussian expectations the NTK recursion of 002 §9.4 (eq. 9.15) needs, for (u, v) ∼ N(0, Λ) with
 * Λ = [[a, c], [c, b]]:
 * <pre>
 *   E[σ(u) σ(v)]   (the covariance map, Σ^{(h)} = c_σ·this)
 *   E[σ′(u) σ′(v)] (the derivative map, Σ̇^{(h)} = c_σ·this)
 * </pre>
 * Closed forms where they exist ({@link ReluDual}: the arc-cosine kernels; {@link ErfDual}: the arcsine kernel),
 * Gauss–Hermite quadrature otherwise ({@link QuadratureDual}). Implementations are immutable and thread-safe.
 */
public interface DualActivation {
    /** The activation's name as kernel specs write it, e.g. {@code relu} or {@code tanh}. */
    String name();

    /** E[σ(u)²] for u ∼ N(0, a), a ≥ 0. */
    double secondMoment(double a);

    /**
     * out[0] = E[σ(u)σ(v)], out[1] = E[σ′(u)σ′(v)] for (u, v) ∼ N(0, [[a, c], [c, b]]), a, b ≥ 0, c² ≤ ab (the
     * correlation is clamped to [−1, 1]). {@code out} (length ≥ 2) is overwritten.
     */
    void expectations(double a, double b, double c, double[] out);

    /** c_σ = 1/E[σ(z)²], z ∼ N(0, 1), the scaling of 002 §9.4 that keeps E‖g^{(h)}‖² = ‖x‖² (2 for ReLU: He). */
    default double defaultScale() {
        return 1.0 / secondMoment(1.0);
    }

    /** The names {@link #byName} accepts. */
    List<String> NAMES = List.of("relu", "erf", "tanh", "softplus");

    /**
     * The dual called {@code name}: relu and erf in closed form, tanh and softplus by {@code points}-point
     * Gauss–Hermite quadrature.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or a bad point count
     */
    static DualActivation byName(String name, int points) {
        switch (name) {
            case "relu":
                return new ReluDual();
            case "erf":
                return new ErfDual();
            case "tanh":
                return QuadratureDual.tanh(points);
            case "softplus":
                return QuadratureDual.softplus(points);
            default:
                throw new IllegalArgumentException("unknown activation \"" + name + "\"; choose one of "
                        + String.join(", ", NAMES));
        }
    }
}
