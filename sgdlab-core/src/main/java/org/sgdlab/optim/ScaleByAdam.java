package org.sgdlab.optim;

import org.sgdlab.train.checkpoint.StateFields;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1) and AMSGrad (Reddi, Kale &amp; Kumar 2018) in
 * torch.optim.Adam's arithmetic. With t = 1, 2, … the step number:
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   AMSGrad:  v̂ ← max(v̂, v) and use v̂ below instead of v
 *   bc₁ = 1 − β₁ᵗ,  bc₂ = 1 − β₂ᵗ
 *   denom = √v/√bc₂ + ε,   g ← (m/bc₁)/denom
 * </pre>
 * Followed by {@link ScaleByLearningRate} this is torch's w ← w − (η/bc₁)·m/denom: ε is added to the
 * bias-corrected √v̂ (not to √v before correction, as in Kingma &amp; Ba's ε̂ variant). Torch
 * defaults: lr = 1e-3, betas = (0.9, 0.999), ε = 1e-8 ({@link Optimizers#adam(double)}).
 * Coupled weight decay ({@link AddWeightDecay}) goes before; AdamW's decoupled decay
 * ({@link DecoupledWeightDecay}) after the learning rate.
 *
 * <pre>{@code
 * Chain adam = Chain.of(new ScaleByAdam(0.9, 0.999, 1e-8, false), new ScaleByLearningRate(Schedules.constant(1e-3)));
 * // step 1: m/bc₁ = g, √v/√bc₂ = |g|, so update = −1e-3·g/(|g| + 1e-8) ≈ −1e-3·sign(g)
 * }</pre>
 */
public final class ScaleByAdam implements Transform {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean amsgrad;

    /**
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param eps ε ≥ 0
     * @param amsgrad keep the running maximum of v (AMSGrad, torch's {@code amsgrad=True})
     */
    public ScaleByAdam(double beta1, double beta2, double eps, boolean amsgrad) {
        this.beta1 = Hyper.unitInterval("beta1", beta1);
        this.beta2 = Hyper.unitInterval("beta2", beta2);
        this.eps = Hyper.nonNegative("eps", eps);
        this.amsgrad = amsgrad;
    }

    @Override
    public State init(double[] params) {
        int n = params.length;
        return new Moments(new double[n], new double[n], amsgrad ? new double[n] : null, 0);
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        Moments s = (Moments) state;
        long t = ++s.step;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double[] m = s.m;
        double[] v = s.v;
        double[] vMax = s.vMax;
        double c1 = 1 - beta1;
        double c2 = 1 - beta2;
        for (int i = 0; i < updates.length; i++) {
            double g = updates[i];
            m[i] = m[i] * beta1 + c1 * g;
            v[i] = v[i] * beta2 + c2 * g * g;
            double second = v[i];
            if (vMax != null) {
                vMax[i] = Math.max(vMax[i], v[i]);
                second = vMax[i];
            }
            double denom = Math.sqrt(second) / bc2Sqrt + eps;
            updates[i] = m[i] / bc1 / denom;
        }
    }

    @Override
    public String describe() {
        return "scale-by-adam(beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + (amsgrad ? ", amsgrad" : "") + ")";
    }

    private static final class Moments implements State {
        final double[] m;
        final double[] v;
        final double[] vMax;
        long step;

        Moments(double[] m, double[] v, double[] vMax, long step) {
            this.m = m;
            this.v = v;
            this.vMax = vMax;
            this.step = step;
        }

        @Override
        public void fields(StateFields f) {
            f.doubles("m", m);
            f.doubles("v", v);
            if (vMax != null) {
                f.doubles("v_max", vMax);
            }
            step = f.longValue("step", step);
        }

        @Override
        public State copy() {
            return new Moments(m.clone(), v.clone(), Hyper.copyOf(vMax), step);
        }
    }
}
