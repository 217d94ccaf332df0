package org.sgdlab.theory.saddle;

import org.sgdlab.objective.Objective;
import org.sgdlab.sde.HessianVectorProduct;

/**
 * f(x) = −½x₀² + ¼x₀⁴ + ½Σ_{i≥1} xᵢ² in ℝ^d: one strict saddle at 0 (Hessian diag(−1, 1, …, 1), a single escape direction
 * among d), minima at x₀ = ±1, xᵢ = 0 with Hessian diag(2, 1, …, 1) and f* = −¼. On the box |x₀| ≤ 1, which GD with η ≤ ½
 * from |x₀| ≤ 1 never leaves (x₀ ↦ x₀(1 + η − ηx₀²) maps [0, 1] into itself), f is ℓ = 2 gradient Lipschitz and
 * ρ = 6 Hessian Lipschitz (|∂³f/∂x₀³| = 6|x₀|).
 */
final class StrictSaddle implements Objective {
    static final double ELL = 2;
    static final double RHO = 6;
    static final double F_STAR = -0.25;
    private final int d;

    StrictSaddle(int d) {
        if (d < 2) {
            throw new IllegalArgumentException("dimension d must be >= 2, got " + d);
        }
        this.d = d;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int sampleCount() {
        return 1;
    }

    @Override
    public double value(double[] x) {
        double s = 0;
        for (int i = 1; i < d; i++) {
            s += x[i] * x[i];
        }
        double a = x[0] * x[0];
        return -0.5 * a + 0.25 * a * a + 0.5 * s;
    }

    @Override
    public double gradient(double[] x, double[] out) {
        out[0] = -x[0] + x[0] * x[0] * x[0];
        for (int i = 1; i < d; i++) {
            out[i] = x[i];
        }
        return value(x);
    }

    @Override
    public double minibatchGradient(double[] x, int[] batch, int count, double[] out) {
        return gradient(x, out);
    }

    /** The exact Hessian–vector product: diag(−1 + 3x₀², 1, …, 1)·v. */
    HessianVectorProduct hvp() {
        return (x, v, out) -> {
            out[0] = (-1 + 3 * x[0] * x[0]) * v[0];
            for (int i = 1; i < d; i++) {
                out[i] = v[i];
            }
        };
    }
}
