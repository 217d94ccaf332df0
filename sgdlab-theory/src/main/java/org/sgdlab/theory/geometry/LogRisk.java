package org.sgdlab.theory.geometry;

import java.util.Arrays;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Objective;

/**
 * F(w) = log L(w) for the empirical risk L(w) = Σᵢ φ(yᵢ⟨w, xᵢ⟩) of a margin loss, with
 * <pre>  ∇F(w) = ∇L(w)/L(w) = −Σᵢ pᵢ yᵢ xᵢ,   pᵢ = −φ'(mᵢ)/L(w)</pre>
 * (for the exponential loss −φ' = φ, so p is the softmax of the negative margins and ∇F is minus a convex combination
 * of the zᵢ = yᵢxᵢ). Both are computed in the log domain ({@link EmpiricalRisk#logValue},
 * {@link EmpiricalRisk#normalizedSampleWeights}), so they stay exact when L itself underflows.
 *
 * <p>Why: steepest descent on L with the "normalized" steps η_t = c_t/L(w_t) is steepest descent on F with steps c_t
 * (∇L/L = ∇F), and that is how the margin-geometry claim runs its fast schedule without ever forming e^{−mᵢ}.
 * F is B²-smooth w.r.t. any norm ‖·‖ with B = maxᵢ‖xᵢ‖_* (its Hessian is the covariance of the zᵢ under p, so
 * vᵀ∇²F v ≤ maxᵢ⟨zᵢ, v⟩² ≤ B²‖v‖²). Only for the exponential loss is −φ' = φ, so that the weights p (normalized to
 * sum 1) give ∇L/L exactly; the constructor rejects other losses.
 *
 * <p>Holds an n-vector of scratch: not thread-safe.
 */
final class LogRisk implements Objective {
    private final EmpiricalRisk risk;
    private final Dataset data;
    private final double[] p;

    LogRisk(EmpiricalRisk risk) {
        if (!"exponential".equals(risk.loss().name()) || risk.model().hasIntercept()) {
            throw new IllegalArgumentException("LogRisk needs the exponential loss without intercept, got " + risk.loss().name());
        }
        this.risk = risk;
        this.data = risk.data();
        this.p = new double[data.n()];
    }

    @Override
    public int dimension() {
        return data.d();
    }

    @Override
    public int sampleCount() {
        // log of a sum is not a sum: only full-batch steps make sense
        return 1;
    }

    @Override
    public double value(double[] w) {
        return risk.logValue(w);
    }

    @Override
    public double gradient(double[] w, double[] out) {
        gradientOnly(w, out);
        return risk.logValue(w);
    }

    @Override
    public void gradientOnly(double[] w, double[] out) {
        risk.normalizedSampleWeights(w, p);
        Arrays.fill(out, 0.0);
        int d = data.d();
        for (int i = 0; i < p.length; i++) {
            if (p[i] != 0.0) {
                Kernels.axpy(-p[i] * data.y()[i], data.x().data(), i * d, out, 0, d);
            }
        }
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        return gradient(w, out);
    }
}
