package org.sgdlab.theory.sde;

import org.sgdlab.sde.LinearSde;

/**
 * Exact first and second moments of SGD and of its SDE on a least-squares finite sum (docs/sde.md §8). With
 * rᵢ = aᵢᵀx − yᵢ, H = (1/n)Σaᵢaᵢᵀ, b = (1/n)Σyᵢaᵢ, ∇f = Hx − b, the minibatch noise covariance Σ₁(x)/B is quadratic in x,
 * so m = E x and M = E xxᵀ obey closed linear equations:
 * <ul>
 *   <li>SGD, batch B with replacement: m' = m − η(Hm − b),
 *   M' = M − η(HM + MH − bmᵀ − mbᵀ) + η²(E∇f∇fᵀ + E Σ₁/B);</li>
 *   <li>its SDE dX = −∇f dt + √(η/B)Σ₁^{1/2}dW (002 eq. 12.4, Itô): ṁ = −(Hm − b),
 *   Ṁ = −(HM + MH) + bmᵀ + mbᵀ + (η/B)·E Σ₁,</li>
 * </ul>
 * where E∇f∇fᵀ = HMH − Hmbᵀ − bmᵀH + bbᵀ and E Σ₁ = (1/n)Σᵢ E[rᵢ²]aᵢaᵢᵀ − E∇f∇fᵀ,
 * E rᵢ² = aᵢᵀMaᵢ − 2yᵢaᵢᵀm + yᵢ². The state is z = (m, vec M) of length d + d²; the SDE's linear ODE ż = Az + c is solved
 * exactly by {@link LinearSde#mean} (the mean of dZ = (AZ + c)dt with zero noise: a matrix exponential).
 */
final class LeastSquaresMoments {
    private final FiniteSumToy toy;
    private final int d;
    private final double[] h;
    private final double[] b;

    LeastSquaresMoments(FiniteSumToy toy) {
        if (toy.kind() != FiniteSumToy.Kind.LEAST_SQUARES) {
            throw new IllegalArgumentException("exact moments need the least-squares loss, got " + toy.kind());
        }
        this.toy = toy;
        this.d = toy.d();
        this.h = new double[d * d];
        this.b = new double[d];
        int n = toy.n();
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                b[p] += toy.target(i) * toy.row(i, p) / n;
                for (int q = 0; q < d; q++) {
                    h[p * d + q] += toy.row(i, p) * toy.row(i, q) / n;
                }
            }
        }
    }

    int stateLength() {
        return d + d * d;
    }

    /** z₀ = (x₀, x₀x₀ᵀ) of a deterministic start. */
    double[] start(double[] x0) {
        double[] z = new double[stateLength()];
        for (int p = 0; p < d; p++) {
            z[p] = x0[p];
            for (int q = 0; q < d; q++) {
                z[d + p * d + q] = x0[p] * x0[q];
            }
        }
        return z;
    }

    /** H (row-major, a copy). */
    double[] hessian() {
        return h.clone();
    }

    /** E∇f∇fᵀ at moments z. */
    private double[] gradOuter(double[] z) {
        double[] hm = new double[d];
        double[] hmh = new double[d * d];
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                hm[p] += h[p * d + q] * z[q];
            }
        }
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                double s = 0;
                for (int u = 0; u < d; u++) {
                    for (int v = 0; v < d; v++) {
                        s += h[p * d + u] * z[d + u * d + v] * h[v * d + q];
                    }
                }
                hmh[p * d + q] = s - hm[p] * b[q] - b[p] * hm[q] + b[p] * b[q];
            }
        }
        return hmh;
    }

    /** E rᵢ² at moments z. */
    private double residualSquare(int i, double[] z) {
        double s = toy.target(i) * toy.target(i);
        for (int p = 0; p < d; p++) {
            s -= 2 * toy.target(i) * toy.row(i, p) * z[p];
            for (int q = 0; q < d; q++) {
                s += toy.row(i, p) * z[d + p * d + q] * toy.row(i, q);
            }
        }
        return s;
    }

    /** E Σ₁(x) at moments z, given E∇f∇fᵀ. */
    private double[] noise(double[] z, double[] gg) {
        double[] s = new double[d * d];
        int n = toy.n();
        for (int i = 0; i < n; i++) {
            double r2 = residualSquare(i, z) / n;
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    s[p * d + q] += r2 * toy.row(i, p) * toy.row(i, q);
                }
            }
        }
        for (int k = 0; k < s.length; k++) {
            s[k] -= gg[k];
        }
        return s;
    }

    /** The deterministic part shared by both: (−(Hm − b), −(HM + MH) + bmᵀ + mbᵀ). */
    private double[] flow(double[] z) {
        double[] out = new double[stateLength()];
        for (int p = 0; p < d; p++) {
            double s = b[p];
            for (int q = 0; q < d; q++) {
                s -= h[p * d + q] * z[q];
            }
            out[p] = s;
            for (int q = 0; q < d; q++) {
                double t = b[p] * z[q] + z[p] * b[q];
                for (int u = 0; u < d; u++) {
                    t -= h[p * d + u] * z[d + u * d + q] + z[d + p * d + u] * h[u * d + q];
                }
                out[d + p * d + q] = t;
            }
        }
        return out;
    }

    /** SGD's exact moments after one step of batch B (with replacement) and learning rate η: a new array. */
    double[] sgdStep(double[] z, double eta, int batch) {
        double[] f = flow(z);
        double[] gg = gradOuter(z);
        double[] s = noise(z, gg);
        double[] out = new double[stateLength()];
        for (int k = 0; k < out.length; k++) {
            out[k] = z[k] + eta * f[k];
        }
        for (int k = 0; k < d * d; k++) {
            out[d + k] += eta * eta * (gg[k] + s[k] / batch);
        }
        return out;
    }

    /** SGD's exact moments after K steps from x₀. */
    double[] sgd(double[] x0, double eta, int batch, int steps) {
        double[] z = start(x0);
        for (int k = 0; k < steps; k++) {
            z = sgdStep(z, eta, batch);
        }
        return z;
    }

    /** The SDE's ż = F(z) (affine in z). */
    double[] sdeRate(double[] z, double eta, int batch) {
        double[] f = flow(z);
        double[] s = noise(z, gradOuter(z));
        for (int k = 0; k < d * d; k++) {
            f[d + k] += eta / batch * s[k];
        }
        return f;
    }

    /** The SDE's exact moments at time T from x₀: the affine ODE's A and c read off F, then LinearSde's exact mean. */
    double[] sde(double[] x0, double eta, int batch, double horizon) {
        int len = stateLength();
        double[] c = sdeRate(new double[len], eta, batch);
        double[] a = new double[len * len];
        for (int j = 0; j < len; j++) {
            double[] e = new double[len];
            e[j] = 1;
            double[] col = sdeRate(e, eta, batch);
            for (int i = 0; i < len; i++) {
                a[i * len + j] = col[i] - c[i];
            }
        }
        return new LinearSde(a, c, new double[len], 1).mean(start(x0), horizon);
    }

    /** E x_j from moments z. */
    double coordinate(double[] z, int j) {
        return z[j];
    }

    /** E‖x‖² = tr M. */
    double squaredNorm(double[] z) {
        double s = 0;
        for (int p = 0; p < d; p++) {
            s += z[d + p * d + p];
        }
        return s;
    }

    /** E f(x) = (1/n)Σ ½E rᵢ². */
    double loss(double[] z) {
        double s = 0;
        for (int i = 0; i < toy.n(); i++) {
            s += 0.5 * residualSquare(i, z);
        }
        return s / toy.n();
    }
}
