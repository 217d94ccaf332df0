package org.sgdlab.optim;

import org.sgdlab.train.checkpoint.StateFields;

/**
 * Diagonal AdaGrad (Duchi, Hazan &amp; Singer 2011; 002 ch. 2; torch.optim.Adagrad):
 * sᵢ ← sᵢ + gᵢ², gᵢ ← gᵢ / (√sᵢ + ε), with s₀ = {@code initial_accumulator_value}. Followed by
 * {@link ScaleByLearningRate} with {@link Schedules#inverseTimeDecay} (torch's {@code lr_decay}:
 * η_t = η/(1 + t·lr_decay), t = 0, 1, …) this is torch's step
 * w ← w − η_t·g/(√s + ε). Defaults in torch: lr = 1e-2, lr_decay = 0, initial_accumulator_value = 0,
 * eps = 1e-10 ({@link Optimizers#adagrad(double)}).
 *
 * <pre>{@code
 * Chain opt = Chain.of(new ScaleByAdagrad(0.0, 1e-10), new ScaleByLearningRate(Schedules.constant(0.01)));
 * // step 1 with g = (3, −4): update ≈ −0.01·(1, −1)
 * }</pre>
 */
public final class ScaleByAdagrad implements Transform {
    private final double initialAccumulator;
    private final double eps;

    /**
     * @param initialAccumulatorValue s₀ ≥ 0
     * @param eps ε ≥ 0, added to √s (torch's default 1e-10)
     */
    public ScaleByAdagrad(double initialAccumulatorValue, double eps) {
        this.initialAccumulator = Hyper.nonNegative("initial_accumulator_value", initialAccumulatorValue);
        this.eps = Hyper.nonNegative("eps", eps);
    }

    @Override
    public State init(double[] params) {
        Sums s = new Sums(new double[params.length]);
        java.util.Arrays.fill(s.sum, initialAccumulator);
        return s;
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        double[] sum = ((Sums) state).sum;
        for (int i = 0; i < updates.length; i++) {
            double g = updates[i];
            sum[i] = sum[i] + g * g;
            updates[i] = g / (Math.sqrt(sum[i]) + eps);
        }
    }

    @Override
    public String describe() {
        return "scale-by-adagrad(initial_accumulator_value=" + initialAccumulator + ", eps=" + eps + ")";
    }

    private static final class Sums implements State {
        final double[] sum;

        Sums(double[] sum) {
            this.sum = sum;
        }

        @Override
        public void fields(StateFields f) {
            f.doubles("sum", sum);
        }

        @Override
        public State copy() {
            return new Sums(sum.clone());
        }
    }
}
