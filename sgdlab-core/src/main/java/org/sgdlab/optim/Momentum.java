package org.sgdlab.optim;

import org.sgdlab.train.checkpoint.StateFields;

/**
 * Momentum accumulation in torch.optim.SGD's form: b ← μ·b + (1 − τ)·g (b₀ = g on the first step),
 * then the outgoing update is b (heavy ball, Polyak 1964) or g + μ·b (Nesterov's look-ahead form,
 * Sutskever et al. 2013; 002 §2.3 prints an implicit form — CLAIMS.md lists it as a misprint).
 * μ is the momentum, τ the dampening. Followed by {@link ScaleByLearningRate} this gives
 * w ← w − η·b, so the iterates stay in w₀ + span of past gradients (the property min-norm.momentum checks).
 * Sources: 002 ch. 2 (heavy ball, Nesterov), torch.optim.SGD's documented algorithm (momentum,
 * dampening, nesterov); {@link Optimizers#sgd(double, double, double, boolean, double)} adds
 * torch's coupled weight decay in front and omits this transform when μ = 0, as torch does.
 *
 * <pre>{@code
 * Chain heavyBall = Chain.of(new Momentum(0.9, 0.0, false), new ScaleByLearningRate(Schedules.constant(0.05)));
 * // g₁ = 1, g₂ = 1: b = 1 then 1.9, updates −0.05 then −0.095
 * }</pre>
 */
public final class Momentum implements Transform {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;

    public Momentum(double momentum, double dampening, boolean nesterov) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(dampening >= 0 && dampening <= 1)) {
            throw new IllegalArgumentException("dampening must be in [0, 1], got " + dampening);
        }
        if (nesterov && (momentum == 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires momentum > 0 and dampening = 0, got momentum="
                    + momentum + ", dampening=" + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
    }

    @Override
    public State init(double[] params) {
        return new Buffer(params.length);
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        Buffer s = (Buffer) state;
        double[] b = s.b;
        if (!s.started) {
            System.arraycopy(updates, 0, b, 0, b.length);
            s.started = true;
        } else {
            double keep = 1.0 - dampening;
            for (int i = 0; i < b.length; i++) {
                b[i] = momentum * b[i] + keep * updates[i];
            }
        }
        if (nesterov) {
            for (int i = 0; i < b.length; i++) {
                updates[i] += momentum * b[i];
            }
        } else {
            System.arraycopy(b, 0, updates, 0, b.length);
        }
    }

    @Override
    public String describe() {
        return (nesterov ? "nesterov" : "momentum") + "(" + momentum + (dampening != 0 ? ", dampening=" + dampening : "") + ")";
    }

    private static final class Buffer implements State {
        final double[] b;
        boolean started;

        Buffer(int n) {
            b = new double[n];
        }

        @Override
        public void fields(StateFields f) {
            f.doubles("b", b);
            started = f.flag("started", started);
        }

        @Override
        public State copy() {
            Buffer c = new Buffer(b.length);
            System.arraycopy(b, 0, c.b, 0, b.length);
            c.started = started;
            return c;
        }
    }
}
