package org.sgdlab.optim;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * SVAG, the stochastic variance amplified gradient (002 Def. 12.4.1; Li, Malladi &amp; Arora, NeurIPS 2021):
 * <pre>
 *   ĝ = r₁g₁ + r₂g₂,  r₁ = (1 + √(2ℓ − 1))/2,  r₂ = (1 − √(2ℓ − 1))/2,   w ← w − (η_t/ℓ)·ĝ
 * </pre>
 * from two independent stochastic gradients g₁, g₂ at w. Since r₁ + r₂ = 1 and r₁² + r₂² = ℓ, ĝ is unbiased with
 * covariance ℓ·Cov(g) = ℓσ²Σ: the noise per unit of continuous time η/ℓ is unchanged, so ℓ → ∞ approaches the SDE of
 * SGD with learning rate η (002 Thm 12.4.2). ℓ = 1 is SGD. Needs ℓ ≥ ½ for a real √(2ℓ − 1) (the Definition's "ℓ &gt; 0"
 * is too weak).
 */
public final class Svag implements TwoSampleTransform {
    private final Schedule lr;
    private final double l;
    private final double r1;
    private final double r2;

    /** SVAG with step-size schedule η_t and amplification ℓ ≥ ½ (finite). */
    public Svag(Schedule lr, double l) {
        this.lr = Objects.requireNonNull(lr, "lr");
        if (!(l >= 0.5) || Double.isInfinite(l)) {
            throw new IllegalArgumentException("SVAG amplification l must be >= 0.5 and finite, got " + l);
        }
        this.l = l;
        double root = Math.sqrt(2 * l - 1);
        this.r1 = (1 + root) / 2;
        this.r2 = (1 - root) / 2;
    }

    /** r₁ = (1 + √(2ℓ − 1))/2. */
    public double firstWeight() {
        return r1;
    }

    /** r₂ = (1 − √(2ℓ − 1))/2. */
    public double secondWeight() {
        return r2;
    }

    /** ℓ. */
    public double amplification() {
        return l;
    }

    /** g₁ ← ĝ = r₁g₁ + r₂g₂ ({@code g1} modified, {@code g2} read only; may alias). */
    public void combineInPlace(double[] g1, double[] g2) {
        for (int i = 0; i < g1.length; i++) {
            g1[i] = r1 * g1[i] + r2 * g2[i];
        }
    }

    @Override
    public State init(double[] params) {
        return new Counter();
    }

    @Override
    public void updateInPlace(double[] updates, double[] second, State state, double[] params) {
        if (second.length != updates.length) {
            throw new IllegalArgumentException("second gradient has " + second.length + " entries, expected " + updates.length);
        }
        Counter c = (Counter) state;
        double eta = lr.at(c.step) / l;
        c.last = eta;
        c.step++;
        for (int i = 0; i < updates.length; i++) {
            updates[i] = -eta * (r1 * updates[i] + r2 * second[i]);
        }
    }

    @Override
    public OptionalDouble lastLearningRate(State state) {
        Counter c = (Counter) state;
        return OptionalDouble.of(c.step == 0 ? lr.at(0) / l : c.last);
    }

    @Override
    public String describe() {
        return "svag(lr=" + lr.describe() + ", l=" + l + ")";
    }
}
