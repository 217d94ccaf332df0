package org.sgdlab.optim;

/**
 * Normalized gradient: g ← g/‖g‖₂; followed by {@link ScaleByLearningRate} this is normalized
 * gradient descent w ← w − η_t g/‖g‖ (Nesterov 1984; Shor's method; every step has length η_t).
 *
 * <p>Convention at g = 0 (and when ‖g‖ underflows to 0): the update is 0 (w is stationary, and
 * 0/0 is not propagated). A non-finite norm is propagated so that the trainer reports divergence.
 * This is the l2 case of steepest descent; other norms belong to {@code org.sgdlab.geometry}.
 *
 * <pre>{@code
 * Chain ngd = Optimizers.normalizedGd(0.01);
 * // g = (3, 4) → update (−0.006, −0.008)
 * }</pre>
 */
public final class NormalizeByNorm implements Transform {
    /** The stateless normalization. */
    public NormalizeByNorm() {
    }

    @Override
    public State init(double[] params) {
        return State.EMPTY;
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        double norm = Math.sqrt(Hyper.sumOfSquares(updates));
        if (norm == 0) {
            java.util.Arrays.fill(updates, 0.0);
            return;
        }
        for (int i = 0; i < updates.length; i++) {
            updates[i] /= norm;
        }
    }

    @Override
    public String describe() {
        return "normalize-by-l2-norm";
    }
}
