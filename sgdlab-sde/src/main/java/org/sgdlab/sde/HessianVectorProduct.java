package org.sgdlab.sde;

import java.util.Objects;
import org.sgdlab.objective.Objective;

/** v ↦ ∇²f(x)·v at a fixed x: exact where the objective provides it, else by finite differences of gradients. */
@FunctionalInterface
public interface HessianVectorProduct {
    /** out ← ∇²f(x)·v ({@code x}, {@code v} read only; {@code out} a different array of length d). */
    void apply(double[] x, double[] v, double[] out);

    /**
     * The central difference of gradients, ∇²f(x)v ≈ (∇f(x + hv̂) − ∇f(x − hv̂))·‖v‖/(2h) with v̂ = v/‖v‖ and
     * h = ε^{1/3}·max(1, ‖x‖) (ε the double epsilon), an APPROXIMATION with error O(h²·‖∇³f‖) + O(ε·‖∇f‖/h), about
     * 1e-10 relative for smooth f of unit scale. Not exactly linear or symmetric in v; Lanczos tolerates that at this
     * level. The objective's scratch is used, so one instance per thread.
     */
    static HessianVectorProduct finiteDifferences(Objective f) {
        Objects.requireNonNull(f, "f");
        return (x, v, out) -> {
            int d = x.length;
            double nv = 0;
            double nx = 0;
            for (int i = 0; i < d; i++) {
                nv += v[i] * v[i];
                nx += x[i] * x[i];
            }
            nv = Math.sqrt(nv);
            if (nv == 0) {
                java.util.Arrays.fill(out, 0);
                return;
            }
            double h = StrictMath.cbrt(Math.ulp(1.0)) * Math.max(1, Math.sqrt(nx));
            double[] xp = new double[d];
            double[] xm = new double[d];
            for (int i = 0; i < d; i++) {
                xp[i] = x[i] + h * v[i] / nv;
                xm[i] = x[i] - h * v[i] / nv;
            }
            double[] gm = new double[d];
            f.gradient(xp, out);
            f.gradient(xm, gm);
            double scale = nv / (2 * h);
            for (int i = 0; i < d; i++) {
                out[i] = (out[i] - gm[i]) * scale;
            }
        };
    }
}
