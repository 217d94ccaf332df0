package org.sgdlab.optim;

/**
 * Element-wise clipping: gᵢ ← min(max(gᵢ, −c), c) (torch.nn.utils.clip_grad_value_, optax
 * {@code clip}). NaN entries stay NaN (so that divergence is still reported by the trainer).
 *
 * <pre>{@code
 * Chain clipped = Chain.of(new ClipByValue(1.0), new ScaleByLearningRate(Schedules.constant(0.1)));
 * // g = (3, −0.5) → update (−0.1, 0.05)
 * }</pre>
 */
public final class ClipByValue implements Transform {
    private final double clip;

    /** @param clip c &gt; 0 */
    public ClipByValue(double clip) {
        this.clip = Hyper.positive("clip value", clip);
    }

    @Override
    public State init(double[] params) {
        return State.EMPTY;
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        double c = clip;
        for (int i = 0; i < updates.length; i++) {
            double g = updates[i];
            if (g > c) {
                updates[i] = c;
            } else if (g < -c) {
                updates[i] = -c;
            }
        }
    }

    @Override
    public String describe() {
        return "clip-by-value(" + clip + ")";
    }
}
