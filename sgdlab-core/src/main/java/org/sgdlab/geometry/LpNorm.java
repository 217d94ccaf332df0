package org.sgdlab.geometry;

import java.util.Arrays;

/**
 * ℓp norm for 1 &lt; p &lt; ∞ with dual ℓq, 1/p + 1/q = 1. By Hölder, ⟨g, φ⟩ ≤ ‖g‖_q ‖φ‖_p with equality
 * iff φ^[p] ∝ g^[q], so sharp(g) = g^[q/p] / ‖g^[q/p]‖_p with the sign-preserving power
 * x^[a] = sign(x)|x|^a (source 004, "梯度下降" section; the pbSGD direction). Computed stably: with
 * m = max|g|, t_i = (|g_i|/m)^{1/(p−1)} ∈ [0, 1] (q/p = 1/(p−1)) and max t_i = 1, so Σ t_i^p ≥ 1
 * neither overflows nor underflows.
 */
public final class LpNorm implements Norm {
    private final double p;
    private final double q;

    public LpNorm(double p) {
        if (!(p > 1) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("p must be in (1, ∞), got p=" + p);
        }
        this.p = p;
        this.q = p / (p - 1);
    }

    /** The exponent p. */
    public double p() {
        return p;
    }

    /** The dual exponent q = p/(p − 1). */
    public double q() {
        return q;
    }

    @Override
    public double of(double[] v) {
        return Norms.lrNorm(v, p);
    }

    @Override
    public double dual(double[] g) {
        return Norms.lrNorm(g, q);
    }

    @Override
    public void sharpInto(double[] g, double[] out) {
        sharpInto(g, out, p);
    }

    /** The ℓp sharp of g into out (static form used by the ℓp sphere). */
    static void sharpInto(double[] g, double[] out, double p) {
        double m = Norms.maxAbs(g);
        if (m == 0) {
            Arrays.fill(out, 0, g.length, 0.0);
            return;
        }
        double a = 1.0 / (p - 1);
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            double t = Math.pow(Math.abs(g[i]) / m, a);
            out[i] = t;
            s += Math.pow(t, p);
        }
        double norm = Math.pow(s, 1.0 / p);
        for (int i = 0; i < g.length; i++) {
            out[i] = Math.copySign(out[i] / norm, g[i]);
            if (g[i] == 0) {
                out[i] = 0;
            }
        }
    }

    @Override
    public String describe() {
        return "l" + p;
    }
}
