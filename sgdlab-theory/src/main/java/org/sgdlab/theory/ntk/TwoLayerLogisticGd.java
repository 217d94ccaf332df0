package org.sgdlab.theory.ntk;

import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/**
 * Full-batch GD on the logistic loss L = Σᵢ log(1 + e^{−yᵢf(xᵢ)}) of the bias-free two-layer ReLU network in the NTK
 * parameterization, f(x) = (1/√m) Σ_r a_r relu(w_rᵀx), both layers trained (seed 001 §3.3; the network of
 * {@code FullyConnectedNetwork(d, {m}, "relu", 1, NTK)}), from a paired NTK initialization: w_r, a_r ∼ N(0, 1) for
 * r &lt; m/2 and (w_{r+m/2}, a_{r+m/2}) = (w_r, −a_r), so f₀ ≡ 0 and the linearization (001 eq. 26) starts at 0.
 *
 * <p>Gradient: with gᵢ = −yᵢ/(1 + e^{yᵢf(xᵢ)}), ∂L/∂w_r = (a_r/√m) Σᵢ gᵢ 1(w_rᵀxᵢ &gt; 0) xᵢ and
 * ∂L/∂a_r = (1/√m) Σᵢ gᵢ relu(w_rᵀxᵢ). Written out rather than taped because the claim runs thousands of steps at width
 * 4096; TwoLayerLogisticGdTest checks it against sgdlab-nn's reverse mode on the same network. Mutable, not thread-safe.
 */
final class TwoLayerLogisticGd {
    private final Matrix x;
    private final double[] y;
    private final int n;
    private final int d;
    private final int m;
    private final double[] w;
    private final double[] a;
    private final double[] z;
    private final double[] g;

    /**
     * @param x     the n × d inputs (read only, kept)
     * @param y     labels ±1 (read only, kept)
     * @param width m, even and ≥ 2
     * @param rnd   the initialization's stream (advanced)
     */
    TwoLayerLogisticGd(Matrix x, double[] y, int width, RandomStream rnd) {
        if (width < 2 || width % 2 != 0) {
            throw new IllegalArgumentException("width must be even and >= 2 (paired initialization), got " + width);
        }
        this.x = x;
        this.y = y;
        this.n = x.rows();
        this.d = x.cols();
        this.m = width;
        this.w = new double[m * d];
        this.a = new double[m];
        int h = m / 2;
        for (int r = 0; r < h; r++) {
            for (int k = 0; k < d; k++) {
                w[r * d + k] = rnd.nextGaussian();
                w[(r + h) * d + k] = w[r * d + k];
            }
        }
        for (int r = 0; r < h; r++) {
            a[r] = rnd.nextGaussian();
            a[r + h] = -a[r];
        }
        this.z = new double[n * m];
        this.g = new double[n];
    }

    /** The flat parameters in FullyConnectedNetwork's layout: W1 (m × d, row-major), then W2 = aᵀ; a new array. */
    double[] parameters() {
        double[] p = new double[m * d + m];
        System.arraycopy(w, 0, p, 0, m * d);
        System.arraycopy(a, 0, p, m * d, m);
        return p;
    }

    /** f on the rows of {@code inputs} (read only) with the current weights; a new array. */
    double[] outputs(Matrix inputs) {
        int q = inputs.rows();
        double[] out = new double[q];
        double scale = 1.0 / Math.sqrt(m);
        for (int p = 0; p < q; p++) {
            double s = 0;
            for (int r = 0; r < m; r++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += inputs.get(p, k) * w[r * d + k];
                }
                if (v > 0) {
                    s += a[r] * v;
                }
            }
            out[p] = s * scale;
        }
        return out;
    }

    /** Writes ∇L (layout of {@link #parameters}) into {@code out} and returns L. */
    double gradient(double[] out) {
        return gradient(out, true);
    }

    /**
     * Writes ∇L into {@code out}; returns L when {@code withLoss}, else NaN without evaluating it (a GD step does not
     * need it, and its log1p per example was a native call on JDK 17; the gradient's bits do not depend on it).
     */
    private double gradient(double[] out, boolean withLoss) {
        double scale = 1.0 / Math.sqrt(m);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double f = 0;
            for (int r = 0; r < m; r++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += x.get(i, k) * w[r * d + k];
                }
                z[i * m + r] = v;
                if (v > 0) {
                    f += a[r] * v;
                }
            }
            f *= scale;
            double margin = y[i] * f;
            if (withLoss) {
                loss += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
            }
            g[i] = -y[i] / (1 + Math.exp(margin));
        }
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < n; i++) {
            double gi = g[i] * scale;
            for (int r = 0; r < m; r++) {
                double v = z[i * m + r];
                if (v > 0) {
                    double c = gi * a[r];
                    for (int k = 0; k < d; k++) {
                        out[r * d + k] += c * x.get(i, k);
                    }
                    out[m * d + r] += gi * v;
                }
            }
        }
        return withLoss ? loss : Double.NaN;
    }

    /** One GD step θ ← θ − η∇L; {@code work} (length m(d + 1)) is overwritten. */
    void stepInPlace(double eta, double[] work) {
        gradient(work, false);
        for (int i = 0; i < m * d; i++) {
            w[i] -= eta * work[i];
        }
        for (int r = 0; r < m; r++) {
            a[r] -= eta * work[m * d + r];
        }
    }

    int width() {
        return m;
    }
}
