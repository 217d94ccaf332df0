package org.sgdlab.objective;

import java.util.Objects;

/**
 * A depth-2 diagonal linear network with the "u² − v²" parameterization (002 Example 8.1.5; Woodworth et al.
 * 2020, "Kernel and rich regimes in overparametrized models", COLT): parameters θ = (u, v) ∈ ℝ^{2d}, stored as
 * {@code theta[0..d) = u}, {@code theta[d..2d) = v}, and the linear predictor they stand for
 * <pre>  w = G(θ) = u ⊙ u − v ⊙ v ∈ ℝ^d.</pre>
 * The objective is F(θ) = f(G(θ)) for a linear-model objective f over w (e.g. least squares {@link EmpiricalRisk}),
 * with the chain rule ∂G/∂u = diag(2u), ∂G/∂v = −diag(2v):
 * <pre>  ∇_u F = 2 u ⊙ ∇f(w),   ∇_v F = −2 v ⊙ ∇f(w).</pre>
 * Minibatch gradients are the same chain rule applied to f's minibatch gradient, so any sampler works.
 *
 * <p>Why it matters: from u = v = α·1 the products u ⊙ v = α² are conserved along gradient flow (002 eq. 8.13), and
 * gradient flow on F is mirror flow on f with the hyperbolic-entropy potential of scale α (002 Thm 8.1.6, with the
 * initialization written as u = v = α·1; see {@code Potentials.hyperbolicEntropyBook}).
 *
 * <p>Holds two scratch vectors of length d: not thread-safe; the gradient methods do not allocate.
 */
public final class DiagonalNetObjective implements Objective {
    private final Objective inner;
    private final int d;
    private final double[] w;
    private final double[] gw;

    private DiagonalNetObjective(Objective inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.d = inner.dimension();
        this.w = new double[d];
        this.gw = new double[d];
    }

    /** F(θ) = f(u ⊙ u − v ⊙ v) for the objective f over w ∈ ℝ^d (not modified; its scratch buffers are used). */
    public static DiagonalNetObjective of(Objective f) {
        return new DiagonalNetObjective(f);
    }

    /** The objective over w that this network wraps. */
    public Objective inner() {
        return inner;
    }

    /** The width d (the dimension of w); θ has 2d entries. */
    public int width() {
        return d;
    }

    /** θ₀ = (α·1, α·1) ∈ ℝ^{2d}: w₀ = 0 and u ⊙ v = α² in every coordinate. */
    public static double[] initial(int d, double alpha) {
        if (d < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + d);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be > 0 and finite, got alpha=" + alpha);
        }
        double[] theta = new double[2 * d];
        java.util.Arrays.fill(theta, alpha);
        return theta;
    }

    /** out ← G(θ) = u ⊙ u − v ⊙ v (length d); {@code theta} is not modified. Returns {@code out}. */
    public static double[] weightsInto(double[] theta, double[] out) {
        int d = theta.length / 2;
        if (theta.length != 2 * d || out.length != d) {
            throw new IllegalArgumentException("theta must have even length 2d and out length d; got " + theta.length
                    + " and " + out.length);
        }
        for (int j = 0; j < d; j++) {
            double u = theta[j];
            double v = theta[d + j];
            // (u − v)(u + v) rather than u² − v²: exact cancellation when u = v, and no spurious rounding near w = 0
            out[j] = (u - v) * (u + v);
        }
        return out;
    }

    /** G(θ) as a new array. */
    public static double[] weights(double[] theta) {
        return weightsInto(theta, new double[theta.length / 2]);
    }

    @Override
    public int dimension() {
        return 2 * d;
    }

    @Override
    public int sampleCount() {
        return inner.sampleCount();
    }

    @Override
    public double value(double[] theta) {
        return inner.value(weightsInto(theta, w));
    }

    @Override
    public double gradient(double[] theta, double[] out) {
        double v = inner.gradient(weightsInto(theta, w), gw);
        chain(theta, out);
        return v;
    }

    @Override
    public double minibatchGradient(double[] theta, int[] batch, int count, double[] out) {
        double v = inner.minibatchGradient(weightsInto(theta, w), batch, count, gw);
        chain(theta, out);
        return v;
    }

    @Override
    public void gradientOnly(double[] theta, double[] out) {
        inner.gradientOnly(weightsInto(theta, w), gw);
        chain(theta, out);
    }

    @Override
    public void minibatchGradientOnly(double[] theta, int[] batch, int count, double[] out) {
        inner.minibatchGradientOnly(weightsInto(theta, w), batch, count, gw);
        chain(theta, out);
    }

    /** out ← (2u ⊙ g_w, −2v ⊙ g_w) from the w-gradient in {@code gw}. */
    private void chain(double[] theta, double[] out) {
        for (int j = 0; j < d; j++) {
            double g = gw[j];
            out[j] = 2 * theta[j] * g;
            out[d + j] = -2 * theta[d + j] * g;
        }
    }
}
