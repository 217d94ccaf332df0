package org.sgdlab.theory.maxmargin;

import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;
import org.sgdlab.theory.LogDomainGradient;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * Margin maximization by Nesterov acceleration on the dual (the idea of Ji, Srebro, Telgarsky 2021, "Fast margin
 * maximization via dual acceleration", ICML: a momentum method in the primal whose margin converges at Õ(1/t²),
 * against O(1/log t) for GD and O(1/t) for normalized GD). Derived here from the dual, step by step:
 *
 * <p><b>Dual.</b> With zᵢ = yᵢxᵢ, the max-margin problem max_{‖u‖≤1} minᵢ⟨u, zᵢ⟩ = γ̂ has the dual
 * min_{q∈Δₙ} f(q), f(q) = ½‖Zᵀq‖², with optimum ½γ̂² and ŵ/‖ŵ‖ = Zᵀq* / ‖Zᵀq*‖ (γ̂ = 1/‖ŵ‖ for the hard-margin
 * SVM ŵ). f is L-smooth with respect to ‖·‖₁, L = maxᵢ‖zᵢ‖², and the entropy is 1-strongly convex on Δₙ.
 *
 * <p><b>Accelerated mirror descent</b> (Tseng 2008, "On accelerated proximal gradient methods for convex-concave
 * optimization"; Auslender &amp; Teboulle 2006, SIAM J. Optim. 16(3)), θ_k = 2/(k+2), v₀ = y₀ = uniform:
 * <pre>
 *   x_k     = (1 − θ_k) y_k + θ_k v_k
 *   v_{k+1} ∝ v_k ⊙ exp(−∇f(x_k) / (L θ_k))          (entropic mirror step)
 *   y_{k+1} = (1 − θ_k) y_k + θ_k v_{k+1}
 *   f(y_k) − f* ≤ 4 L ln n / (k + 1)²
 * </pre>
 * <b>Primal form.</b> Since ∇f(x) = ZZᵀx, unrolling the mirror steps gives v_k = softmax(−Zw_k) with w₀ = 0 and
 * w_{k+1} = w_k + Zᵀx_k/(Lθ_k): v_k is the exponential loss's normalized sample weights at w_k, so
 * u_k := Zᵀv_k = −∇ log L(w_k). With the momentum G_k := Zᵀy_k (G₀ = u₀, G_k = (1 − θ_{k−1})G_{k−1} + θ_{k−1}u_k):
 * <pre>
 *   w_{k+1} = w_k + [(1 − θ_k) G_k + θ_k u_k] / (L θ_k)
 * </pre>
 * a momentum method whose step 1/(Lθ_k) = (k+2)/(2L) grows linearly, so ‖w_k‖ grows like k².
 *
 * <p>Input (the incoming "gradient"): ∇ log L(w_k) of the <em>exponential</em> loss, as
 * {@link LogDomainGradient.Mode#GRADIENT_OVER_LOSS} computes it (exact at any margin); the identity
 * v_k = softmax(−Zw_k) holds only for that loss. Output: the update w_{k+1} − w_k. The state holds k and G.
 */
final class DualAcceleratedMargin implements Transform {
    private final double smoothness;

    /** @param smoothness L = maxᵢ‖xᵢ‖² (&gt; 0), the ℓ1-smoothness of the dual objective */
    DualAcceleratedMargin(double smoothness) {
        if (!(smoothness > 0) || Double.isInfinite(smoothness)) {
            throw new IllegalArgumentException("smoothness L must be finite and > 0, got " + smoothness);
        }
        this.smoothness = smoothness;
    }

    @Override
    public State init(double[] params) {
        return new Momentum(params.length);
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        Momentum s = (Momentum) state;
        double[] g = s.g;
        long k = s.k;
        if (k == 0) {
            for (int i = 0; i < g.length; i++) {
                g[i] = -updates[i]; // G₀ = u₀ (y₀ = v₀)
            }
        } else {
            double prev = 2.0 / (k + 1); // θ_{k−1}
            for (int i = 0; i < g.length; i++) {
                g[i] = (1 - prev) * g[i] - prev * updates[i];
            }
        }
        double theta = 2.0 / (k + 2);
        double step = 1.0 / (smoothness * theta);
        for (int i = 0; i < g.length; i++) {
            updates[i] = step * ((1 - theta) * g[i] - theta * updates[i]);
        }
        s.k = k + 1;
    }

    @Override
    public String describe() {
        return "dual-accelerated-margin(L=" + smoothness + ")";
    }

    /** Step count k and the momentum G = Zᵀy_k. */
    private static final class Momentum implements State {
        final double[] g;
        long k;

        Momentum(int d) {
            g = new double[d];
        }

        @Override
        public void fields(StateFields f) {
            f.doubles("G", g);
            k = f.longValue("k", k);
        }

        @Override
        public State copy() {
            Momentum c = new Momentum(g.length);
            System.arraycopy(g, 0, c.g, 0, g.length);
            c.k = k;
            return c;
        }
    }
}
