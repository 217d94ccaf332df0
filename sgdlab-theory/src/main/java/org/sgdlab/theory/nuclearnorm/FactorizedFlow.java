package org.sgdlab.theory.nuclearnorm;

import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.model.FactorInitialization;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.oracles.FlowIntegrator;
import org.sgdlab.random.RandomStream;
import org.sgdlab.theory.mirror.SparseRegression;

/**
 * Gradient flow on a factorized matrix W = W_L ⋯ W₁ (sgdlab-nn's {@link FactorizedMatrix}) on f(θ) = ½ Σₖ (⟨Aₖ, W⟩ − bₖ)²
 * until it interpolates, and the limit's spectrum. Gradient flow (Dormand–Prince, {@link FlowIntegrator}) rather than GD
 * because the implicit-bias statements are about the flow, and because the time to leave a start of scale α grows like
 * ln(1/α) at depth 2 and like α^{−(L−2)} at depth L ≥ 3: the integrator's steps grow across those plateaus, a fixed GD
 * step would not.
 */
final class FactorizedFlow {
    private FactorizedFlow() {
    }

    /**
     * A limit: the product, its spectrum and how the flow ended.
     *
     * @param w        W = W_L ⋯ W₁ at the end
     * @param sigma    its singular values, descending
     * @param residual ‖𝒜(W) − b‖/‖b‖
     * @param time     flow time reached
     * @param steps    integrator steps attempted
     * @param ok       the integrator stayed accurate and the residual reached the tolerance
     */
    record Limit(Matrix w, double[] sigma, double residual, double time, long steps, boolean ok) {
        double nuclearNorm() {
            return Spectra.nuclearNorm(sigma);
        }

        double effectiveRank() {
            return Spectra.effectiveRank(sigma);
        }
    }

    /** ½ Σₖ (⟨Aₖ, W⟩ − bₖ)² of {@code model} on {@code data} (sgdlab-nn's autodiff, core's squared loss summed). */
    static NetworkObjective objective(FactorizedMatrix model, Dataset data) {
        return new NetworkObjective(model, data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.SUM);
    }

    /** ‖𝒜(W(θ)) − b‖/‖b‖ from the model's outputs (θ read only). */
    static double residual(NetworkObjective f, double[] theta) {
        double[] out = new double[f.sampleCount()];
        f.outputs(theta, out);
        double[] y = f.data().y();
        for (int k = 0; k < out.length; k++) {
            out[k] -= y[k];
        }
        return Kernels.norm2(out) / Kernels.norm2(y);
    }

    /** Integrator tolerances for factors of scale α: relative 1e-10, absolute 1e-13·min(1, α). */
    static FlowIntegrator.Options options(double alpha, long maxSteps) {
        return FlowIntegrator.Options.defaults().withTolerances(1e-10, 1e-13 * Math.min(1, alpha)).withMaxSteps(maxSteps);
    }

    /**
     * The flow from {@code theta0} (not modified) in doubling chunks, the first {@code firstChunk} long, until the
     * relative residual is 1e-2·{@code tolerance} or stalls below {@code tolerance}
     * ({@link SparseRegression#flowUntilInterpolating(org.sgdlab.objective.Objective, double[], SparseRegression.Residual,
     * double, SparseRegression.FlowOptions, long, double)}), or the step budget is spent.
     */
    static Limit run(FactorizedMatrix model, NetworkObjective f, double[] theta0, double alpha, double firstChunk, long maxSteps,
                     double tolerance) {
        SparseRegression.FlowLimit r = SparseRegression.flowUntilInterpolating(f, theta0, theta -> residual(f, theta), firstChunk,
                budget -> options(alpha, budget), maxSteps, tolerance);
        Matrix w = model.product(r.theta());
        double res = residual(f, r.theta());
        return new Limit(w, Spectra.singularValues(w), res, r.time(), r.steps(), r.ok() && res <= tolerance);
    }

    /** The factors of {@code model} drawn by {@code init} from {@code rnd} (advanced). */
    static double[] start(FactorizedMatrix model, FactorInitialization init, RandomStream rnd) {
        return model.initialize(init, rnd);
    }
}
