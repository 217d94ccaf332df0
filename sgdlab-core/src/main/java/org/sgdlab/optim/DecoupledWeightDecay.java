package org.sgdlab.optim;

/**
 * Decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay Regularization";
 * torch.optim.AdamW): updates ← updates − η_t·λ·w, so that with the trainer's w ← w + updates the
 * step is w ← w − η_tλ·w + (rest of the update), evaluated at the parameters before the step.
 *
 * <p>torch.optim.AdamW shrinks first ({@code param.mul_(1 - lr * weight_decay)}) and then adds the
 * Adam step to the shrunk parameters; both read the pre-step w, so the two orders are the same map
 * and agree up to rounding (sgdlab computes w + (u − ηλw), torch (1 − ηλ)w + u; see
 * tools/torch/README.md for the measured difference). Place it <em>after</em>
 * {@link ScaleByLearningRate} in a chain, with the same schedule, so that η_t is the step's learning
 * rate.
 *
 * <pre>{@code
 * Chain adamW = Chain.of(new ScaleByAdam(0.9, 0.999, 1e-8, false), new ScaleByLearningRate(lr),
 *         new DecoupledWeightDecay(lr, 1e-2));
 * }</pre>
 */
public final class DecoupledWeightDecay implements Transform {
    private final Schedule lr;
    private final double weightDecay;

    /**
     * @param lr the learning-rate schedule η_t that multiplies the decay (the optimizer's)
     * @param weightDecay λ ≥ 0
     */
    public DecoupledWeightDecay(Schedule lr, double weightDecay) {
        this.lr = java.util.Objects.requireNonNull(lr, "lr");
        this.weightDecay = Hyper.nonNegative("weight_decay", weightDecay);
    }

    @Override
    public State init(double[] params) {
        return new Counter();
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        Counter c = (Counter) state;
        double shrink = lr.at(c.step) * weightDecay;
        c.step++;
        for (int i = 0; i < updates.length; i++) {
            updates[i] -= shrink * params[i];
        }
    }

    @Override
    public String describe() {
        return "decoupled-weight-decay(" + weightDecay + ", lr=" + lr.describe() + ")";
    }
}
