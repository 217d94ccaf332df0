package org.sgdlab.loss;

import java.util.OptionalDouble;

/**
 * Logistic loss φ(m) = log(1 + e^{−m}), φ'(m) = −1/(1 + e^{m}).
 * (002 §1 prints a sigmoid as "the logistic loss"; this is the corrected form, see CLAIMS.md.)
 *
 * <p>Evaluated without overflow for every finite m: φ(m) = max(−m, 0) + log1p(e^{−|m|}),
 * −φ'(m) = e^{−m}/(1 + e^{−m}) for m ≥ 0 and 1/(1 + e^{m}) otherwise, and
 * log(−φ'(m)) = −(max(m, 0) + log1p(e^{−|m|})).
 */
public final class LogisticLoss implements MarginLoss {
    public static final LogisticLoss INSTANCE = new LogisticLoss();

    private LogisticLoss() {
    }

    @Override
    public double value(double m) {
        return Math.max(-m, 0.0) + Math.log1p(Math.exp(-Math.abs(m)));
    }

    @Override
    public double derivative(double m) {
        // One exp of −|m| and a select rather than two branches: the same values (for m < 0, e^{−|m|} = e^{m}), and
        // no mispredicted branch when the margins' signs alternate (single-sample SGD early in training).
        double e = Math.exp(-Math.abs(m));
        return -(m >= 0 ? e : 1.0) / (1.0 + e);
    }

    /** φ''(m) = e^{−|m|}/(1 + e^{−|m|})² (symmetric in m; no overflow for any m). */
    @Override
    public double secondDerivative(double m) {
        double e = Math.exp(-Math.abs(m));
        double s = 1.0 + e;
        return e / (s * s);
    }

    @Override
    public double logValue(double m) {
        if (m > 30) {
            // log(log1p(e^{-m})) = −m + log1p(−e^{−m}/2 + …) ≈ −m − e^{−m}/2
            double e = Math.exp(-m);
            return -m - 0.5 * e;
        }
        return Math.log(value(m));
    }

    @Override
    public double logNegDerivative(double m) {
        return -(Math.max(m, 0.0) + Math.log1p(Math.exp(-Math.abs(m))));
    }

    @Override
    public boolean exponentialTail() {
        return true;
    }

    /** ¼: φ''(m) = σ(m)·σ(−m) (σ the sigmoid) is at most ¼, reached at m = 0. */
    @Override
    public OptionalDouble curvatureBound() {
        return OptionalDouble.of(0.25);
    }

    @Override
    public String name() {
        return "logistic";
    }
}
