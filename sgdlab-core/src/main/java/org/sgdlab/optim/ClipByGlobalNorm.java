package org.sgdlab.optim;

/**
 * Rescales the whole update so that its Euclidean norm is at most c:
 * g ← g·min(1, c/‖g‖₂) (Pascanu et al. 2013, "On the difficulty of training recurrent neural
 * networks"; optax {@code clip_by_global_norm}). "Global" means over all parameters at once (sgdlab's
 * parameters are one vector).
 *
 * <p>Convention: sgdlab uses the exact factor c/‖g‖ when ‖g‖ &gt; c and leaves g untouched
 * otherwise; torch.nn.utils.clip_grad_norm_ multiplies by c/(‖g‖ + 1e-6) whenever that is &lt; 1, so
 * its clipped norm is slightly below c.
 *
 * <pre>{@code
 * Chain clipped = Chain.of(new ClipByGlobalNorm(1.0), new ScaleByLearningRate(Schedules.constant(0.1)));
 * // g = (3, 4) → g = (0.6, 0.8) → update (−0.06, −0.08)
 * }</pre>
 */
public final class ClipByGlobalNorm implements Transform {
    private final double maxNorm;

    /** @param maxNorm c &gt; 0 */
    public ClipByGlobalNorm(double maxNorm) {
        this.maxNorm = Hyper.positive("max norm", maxNorm);
    }

    @Override
    public State init(double[] params) {
        return State.EMPTY;
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        double norm = Math.sqrt(Hyper.sumOfSquares(updates));
        if (norm > maxNorm) {
            double scale = maxNorm / norm;
            for (int i = 0; i < updates.length; i++) {
                updates[i] *= scale;
            }
        }
    }

    @Override
    public String describe() {
        return "clip-by-global-norm(" + maxNorm + ")";
    }
}
