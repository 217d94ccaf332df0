package org.sgdlab.optim;

/**
 * Coupled weight decay (L2 regularization folded into the gradient): g ← g + λ·w.
 *
 * <p>This is the {@code weight_decay} of torch.optim.SGD, Adam, Adamax, Adagrad and RMSprop
 * ({@code grad = grad.add(param, alpha=weight_decay)}, applied before any moment is updated), i.e.
 * the gradient of f(w) + (λ/2)‖w‖². Place it first in a chain. For the decoupled form of
 * AdamW see {@link DecoupledWeightDecay}.
 *
 * <pre>{@code
 * Chain sgdWd = Chain.of(new AddWeightDecay(1e-4), new ScaleByLearningRate(Schedules.constant(0.1)));
 * // w ← w − 0.1·(g + 1e-4·w)
 * }</pre>
 */
public final class AddWeightDecay implements Transform {
    private final double weightDecay;

    /** @param weightDecay λ ≥ 0 */
    public AddWeightDecay(double weightDecay) {
        this.weightDecay = Hyper.nonNegative("weight_decay", weightDecay);
    }

    @Override
    public State init(double[] params) {
        return State.EMPTY;
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        double l = weightDecay;
        for (int i = 0; i < updates.length; i++) {
            updates[i] = updates[i] + l * params[i];
        }
    }

    @Override
    public String describe() {
        return "add-weight-decay(" + weightDecay + ")";
    }
}
