package org.sgdlab.theory;

import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Objective;

/**
 * The scale-free gradients the normalized margin-maximization methods step along, computed in the log
 * domain from {@link EmpiricalRisk#gradientDirection} and {@link EmpiricalRisk#logValue}, so they stay
 * exact where every per-sample weight −φ'(mᵢ) underflows (margins beyond ≈ 745; with normalized steps
 * ‖w_t‖ grows linearly or faster and margins reach 10³–10⁹):
 * <ul>
 *   <li>{@link Mode#UNIT_GRADIENT}: ∇L(w)/‖∇L(w)‖ — followed by a constant step η this is normalized GD
 *       w ← w − η∇L/‖∇L‖ (Nacson, Lee, Gunasekar, Savarese, Srebro, Soudry 2019, "Convergence of gradient
 *       descent on separable data", AISTATS: steps that grow as the gradient vanishes);</li>
 *   <li>{@link Mode#GRADIENT_OVER_LOSS}: ∇L(w)/L(w) = ∇ log L(w) — followed by a constant step η this is
 *       GD with η_t = η/L(w_t) (Nacson et al. 2019 §4; Ji &amp; Telgarsky 2021, "Characterizing the implicit bias
 *       via a primal-dual analysis", ALT). For the exponential loss ∇ log L = −Σᵢ qᵢ yᵢxᵢ with q = softmax(−m),
 *       the dual variable of the max-margin problem.</li>
 * </ul>
 * With cᵢ = −φ'(mᵢ), log‖∇L‖ = log Σcᵢ + log‖Σ(cᵢ/Σc) yᵢxᵢ‖ (+ log of the reduction scale) and ∇L/L =
 * (∇L/‖∇L‖)·exp(log‖∇L‖ − log L); for the exponential loss log Σcᵢ and log L are the same floating-point
 * computation, so their difference is exact at any margin.
 *
 * <p>This is an {@link Objective} so that the standard trainer, probes and optimizers drive these methods:
 * {@link #gradient} returns the scale-free vector above, not ∇L; {@link #value} is log L(w) in the
 * {@code GRADIENT_OVER_LOSS} mode (the function whose gradient it is: steepest descent on L with the steps
 * η_t = c_t/L(w_t) is steepest descent on log L with steps c_t, used by the margin-geometry claim) and the
 * wrapped L(w) in the unit-gradient mode. Full batch only.
 */
public final class LogDomainGradient implements Objective {
    /** Which scale-free gradient {@link #gradient} returns. */
    public enum Mode { UNIT_GRADIENT, GRADIENT_OVER_LOSS }

    private final EmpiricalRisk risk;
    private final Mode mode;

    public LogDomainGradient(EmpiricalRisk risk, Mode mode) {
        this.risk = risk;
        this.mode = mode;
    }

    public EmpiricalRisk risk() {
        return risk;
    }

    @Override
    public int dimension() {
        return risk.dimension();
    }

    @Override
    public int sampleCount() {
        return risk.sampleCount();
    }

    /** {@link Mode#GRADIENT_OVER_LOSS}: log L(w), whose gradient this is (finite where L underflows); else L(w). */
    @Override
    public double value(double[] w) {
        return mode == Mode.GRADIENT_OVER_LOSS ? risk.logValue(w) : risk.value(w);
    }

    @Override
    public double gradient(double[] w, double[] out) {
        gradientOnly(w, out);
        return value(w);
    }

    /** Writes the mode's vector into {@code out}; zeros where ∇L = 0 exactly (no loss left). */
    @Override
    public void gradientOnly(double[] w, double[] out) {
        if (mode == Mode.UNIT_GRADIENT) {
            risk.gradientDirectionOnly(w, out); // the direction's bits, without the log-norm it would discard
            return;
        }
        double logNorm = risk.gradientDirection(w, out);
        if (logNorm == Double.NEGATIVE_INFINITY) {
            return;
        }
        double scale = Math.exp(logNorm - risk.logValue(w));
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        throw new UnsupportedOperationException("the log-domain gradients are full-batch only");
    }
}
