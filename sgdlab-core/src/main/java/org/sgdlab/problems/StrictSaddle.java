package org.sgdlab.problems;

import org.sgdlab.objective.Objective;

/**
 * f(x, y) = ½x² − ½y² + ¼y⁴: a strict saddle at 0 (Hessian diag(1, −1)) and minima (0, ±1) with f = −¼ and Hessian
 * diag(1, 2) — the smallest landscape on which gradient descent started at the saddle stays there and a perturbed
 * method escapes (002 §7.2). Deterministic: every minibatch gradient is the full gradient.
 */
public final class StrictSaddle implements Objective {
    /** The one instance (the function has no parameters). */
    public static final StrictSaddle INSTANCE = new StrictSaddle();

    private StrictSaddle() {
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public int sampleCount() {
        return 1;
    }

    @Override
    public double value(double[] w) {
        return 0.5 * w[0] * w[0] - 0.5 * w[1] * w[1] + 0.25 * w[1] * w[1] * w[1] * w[1];
    }

    @Override
    public double gradient(double[] w, double[] out) {
        out[0] = w[0];
        out[1] = -w[1] + w[1] * w[1] * w[1];
        return value(w);
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        return gradient(w, out);
    }
}
