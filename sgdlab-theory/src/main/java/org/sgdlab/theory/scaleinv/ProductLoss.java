package org.sgdlab.theory.scaleinv;

import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.random.RandomStream;

/**
 * 002 §13.1's warm-up: one-dimensional logistic regression ℓ̂(W) = Σᵢ log(1 + e^{−W mᵢ}) (mᵢ = xᵢyᵢ) over-parametrized as
 * ℓ(w₁, …, w_k) = ℓ̂(Πⱼ wⱼ), trained by GD on w. Immutable.
 *
 * <p>With all wⱼ equal to w and W = w^k (k even), ∂ℓ/∂wⱼ = ℓ̂'(W)·w^{k−1}, so one GD step is
 * w ← w(1 − ηℓ̂'(W)w^{k−2}) and W ← W·(1 − ηℓ̂'(W)W^{1−2/k})^k. For W₀ &gt; W* (ℓ̂' &gt; 0) the product grows at the first
 * step exactly when the factor is below −1, i.e. η &gt; η*(W₀) = 2W₀^{2/k−1}/ℓ̂'(W₀); and then it keeps growing, since
 * ℓ̂'(W)W^{1−2/k} increases with W (docs/normalization.md). Problem 13.1.1 prints the exponent 1/k − 1.
 */
final class ProductLoss {
    private final double[] m;

    ProductLoss(double[] margins) {
        this.m = margins.clone();
        boolean pos = false;
        boolean neg = false;
        for (double v : m) {
            pos |= v > 0;
            neg |= v < 0;
        }
        if (!pos || !neg) {
            throw new IllegalArgumentException("the data must be non-separable (margins xᵢyᵢ of both signs)");
        }
    }

    /** n points xᵢ ~ N(0, 1), yᵢ = sign(xᵢ) flipped with probability 0.3 (redrawn until both margin signs occur). */
    static ProductLoss random(int n, RandomStream r) {
        for (; ; ) {
            double[] m = new double[n];
            boolean pos = false;
            boolean neg = false;
            for (int i = 0; i < n; i++) {
                double x = r.nextGaussian();
                double y = (x >= 0 ? 1 : -1) * (r.nextDouble() < 0.3 ? -1 : 1);
                m[i] = x * y;
                pos |= m[i] > 0;
                neg |= m[i] < 0;
            }
            if (pos && neg) {
                return new ProductLoss(m);
            }
        }
    }

    /** ℓ̂(W) = Σᵢ log(1 + e^{−Wmᵢ}). */
    double value(double w) {
        double s = 0;
        for (double v : m) {
            s += LogisticLoss.INSTANCE.value(w * v);
        }
        return s;
    }

    /** ℓ̂'(W) = Σᵢ −mᵢσ(−Wmᵢ). */
    double derivative(double w) {
        double s = 0;
        for (double v : m) {
            s += v * LogisticLoss.INSTANCE.derivative(w * v);
        }
        return s;
    }

    /** W*, the minimizer of ℓ̂ (ℓ̂' increasing, by bisection to the last bit). */
    double minimizer() {
        double lo = -1;
        double hi = 1;
        while (derivative(lo) > 0) {
            lo *= 2;
        }
        while (derivative(hi) < 0) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 0; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (derivative(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The threshold 2W₀^{e}/ℓ̂'(W₀) for exponent e (the corrected e = 2/k − 1; printed 1/k − 1). */
    double threshold(double w0, double exponent) {
        return 2 * Math.pow(w0, exponent) / derivative(w0);
    }

    /**
     * GD on ℓ(w₁, …, w_k) from wⱼ = W₀^{1/k} for {@code steps} steps (all k coordinates carried, no symmetry assumed):
     * the products Π wⱼ at t = 0..steps (the array ends early, filled with the last finite value's successor ∞, once the
     * product is no longer finite).
     */
    double[] products(int k, double w0, double eta, int steps) {
        double[] w = new double[k];
        java.util.Arrays.fill(w, Math.pow(w0, 1.0 / k));
        double[] out = new double[steps + 1];
        double[] g = new double[k];
        for (int t = 0; ; t++) {
            double p = 1;
            for (double v : w) {
                p *= v;
            }
            out[t] = p;
            if (t == steps || !Double.isFinite(p)) {
                java.util.Arrays.fill(out, t, steps + 1, Double.isFinite(p) ? p : Double.POSITIVE_INFINITY);
                return out;
            }
            double d = derivative(p);
            for (int j = 0; j < k; j++) {
                double rest = 1;
                for (int i = 0; i < k; i++) {
                    if (i != j) {
                        rest *= w[i];
                    }
                }
                g[j] = d * rest;
            }
            for (int j = 0; j < k; j++) {
                w[j] -= eta * g[j];
            }
        }
    }

    /** Whether Π wⱼ increases strictly at every step of {@code steps} (or until it is no longer finite). */
    boolean explodes(int k, double w0, double eta, int steps) {
        double[] p = products(k, w0, eta, steps);
        for (int t = 1; t < p.length; t++) {
            if (!(p[t] > p[t - 1]) && Double.isFinite(p[t - 1])) {
                return false;
            }
            if (!Double.isFinite(p[t])) {
                return true;
            }
        }
        return true;
    }

    /** The smallest η (bisection on a log scale around {@code guess}, to relative 1e-15) for which {@link #explodes} holds. */
    double measuredThreshold(int k, double w0, int steps, double guess) {
        double lo = guess / 4;
        double hi = guess * 4;
        while (explodes(k, w0, lo, steps)) {
            lo /= 4;
        }
        while (!explodes(k, w0, hi, steps)) {
            hi *= 4;
        }
        while (hi - lo > 1e-15 * hi) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (explodes(k, w0, mid, steps)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }
}
