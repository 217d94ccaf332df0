package org.sgdlab.optim;

import org.sgdlab.train.checkpoint.StateFields;

/**
 * Adamax, the ∞-norm variant of Adam (Kingma &amp; Ba 2015, §7.1, Algorithm 2) in
 * torch.optim.Adamax's arithmetic, with t = 1, 2, … the step number:
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g
 *   u ← max(β₂·u, |g| + ε)
 *   g ← (m/(1 − β₁ᵗ))/u
 * </pre>
 * (m, u start at 0; only the first moment is bias corrected; torch puts ε inside the max, the paper
 * has none). Followed by {@link ScaleByLearningRate}: w ← w − η/(1 − β₁ᵗ)·m/u. Torch defaults:
 * lr = 2e-3, betas = (0.9, 0.999), ε = 1e-8 ({@link Optimizers#adamax()}).
 *
 * <pre>{@code
 * Chain adamax = Chain.of(new ScaleByAdamax(0.9, 0.999, 1e-8), new ScaleByLearningRate(Schedules.constant(2e-3)));
 * // step 1: u = |g| + ε, update = −2e-3·g/(|g| + ε)
 * }</pre>
 */
public final class ScaleByAdamax implements Transform {
    private final double beta1;
    private final double beta2;
    private final double eps;

    /**
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param eps ε ≥ 0
     */
    public ScaleByAdamax(double beta1, double beta2, double eps) {
        this.beta1 = Hyper.unitInterval("beta1", beta1);
        this.beta2 = Hyper.unitInterval("beta2", beta2);
        this.eps = Hyper.nonNegative("eps", eps);
    }

    @Override
    public State init(double[] params) {
        int n = params.length;
        return new Moments(new double[n], new double[n], 0);
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        Moments s = (Moments) state;
        long t = ++s.step;
        double bc1 = 1 - Math.pow(beta1, t);
        double[] m = s.m;
        double[] u = s.u;
        double c1 = 1 - beta1;
        for (int i = 0; i < updates.length; i++) {
            double g = updates[i];
            m[i] = m[i] * beta1 + c1 * g;
            double decayed = u[i] * beta2;
            double fresh = Math.abs(g) + eps;
            u[i] = Math.max(decayed, fresh); // NaN in either propagates, as torch's amax
            updates[i] = m[i] / bc1 / u[i];
        }
    }

    @Override
    public String describe() {
        return "scale-by-adamax(beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ")";
    }

    private static final class Moments implements State {
        final double[] m;
        final double[] u;
        long step;

        Moments(double[] m, double[] u, long step) {
            this.m = m;
            this.u = u;
            this.step = step;
        }

        @Override
        public void fields(StateFields f) {
            f.doubles("m", m);
            f.doubles("u", u);
            step = f.longValue("step", step);
        }

        @Override
        public State copy() {
            return new Moments(m.clone(), u.clone(), step);
        }
    }
}
