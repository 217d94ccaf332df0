package org.sgdlab.theory.mirror;

import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.oracles.BasisPursuit;
import org.sgdlab.oracles.BasisPursuitSolution;
import org.sgdlab.oracles.FlowIntegrator;
import org.sgdlab.oracles.FlowSolution;
import org.sgdlab.oracles.MinNormLeastSquares;
import org.sgdlab.oracles.MinNormSolution;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.objective.Objective;
import org.sgdlab.random.RandomStream;

/**
 * The under-determined sparse regression problem of the diagonal-network claims ({@code mirror.diagonal-net},
 * {@code diagonal.depth}) with its two reference interpolants, and the gradient flow of a diagonal network integrated until
 * it interpolates. Shared so that both claims measure the same kind of data the same way.
 *
 * <p>Data: n × d Gaussian X (entries N(0, 1/n)), a k-sparse planted w (random support, entries ±(0.5 + U(0, 1))), y = X w
 * without noise. The references: basis pursuit min ‖w‖₁ s.t. Xw = y ({@link BasisPursuit}) and X⁺y
 * ({@link MinNormLeastSquares}).
 */
public final class SparseRegression {
    private SparseRegression() {
    }

    /**
     * The problem and its reference interpolants.
     *
     * @param data         X (n × d) and y
     * @param planted      the k-sparse w with y = X w
     * @param basisPursuit min ‖w‖₁ s.t. Xw = y
     * @param minNorm      X⁺y
     * @param lambdaMax    λ_max(XᵀX) = σ_max(X)²
     * @param oraclesOk    whether both oracles returned OPTIMAL
     */
    public record Problem(Dataset data, double[] planted, double[] basisPursuit, double[] minNorm, double lambdaMax,
                          boolean oraclesOk) {
    }

    /**
     * The problem of size n × d with a k-sparse planted vector, drawn from {@code new RandomStream(seed).split(41)}
     * (X from its split 1, the support and entries from its split 2).
     */
    public static Problem generate(int n, int d, int k, long seed) {
        RandomStream rs = new RandomStream(seed).split(41);
        double[] x = rs.split(1).gaussians(new double[n * d]);
        double scale = 1 / Math.sqrt(n);
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale;
        }
        Matrix xm = new Matrix(n, d, x);
        int[] idx = new int[d];
        for (int j = 0; j < d; j++) {
            idx[j] = j;
        }
        RandomStream sup = rs.split(2);
        sup.shuffleInPlace(idx);
        double[] planted = new double[d];
        for (int j = 0; j < k; j++) {
            double mag = 0.5 + sup.nextDouble();
            planted[idx[j]] = sup.nextDouble() < 0.5 ? -mag : mag;
        }
        double[] y = new double[n];
        Kernels.gemv(xm, planted, y);
        Dataset data = new Dataset("sparse-regression(n=" + n + ", d=" + d + ", k=" + k + ", seed=" + seed + ")", xm, y);
        BasisPursuitSolution bp = BasisPursuit.solve(xm, y);
        MinNormSolution mn = MinNormLeastSquares.solve(xm, y);
        double smax = mn.singularValues()[0];
        boolean ok = bp.status() == OracleStatus.OPTIMAL && mn.status() == OracleStatus.OPTIMAL;
        return new Problem(data, planted, bp.w(), mn.w(), smax * smax, ok);
    }

    /** ‖Xw − y‖/‖y‖ ({@code w} read only). */
    public static double relResidual(Dataset data, double[] w) {
        double[] r = new double[data.n()];
        Kernels.gemv(data.x(), w, r);
        for (int i = 0; i < r.length; i++) {
            r[i] -= data.y()[i];
        }
        return Kernels.norm2(r) / Kernels.norm2(data.y());
    }

    /** max |vᵢ|. */
    public static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** The map from a network's parameters θ to its linear predictor w (a new vector; θ read only). */
    @FunctionalInterface
    public interface Weights {
        double[] of(double[] theta);
    }

    /** Integrator settings for a start of scale α (see {@link #flowUntilInterpolating}). */
    @FunctionalInterface
    public interface FlowOptions {
        FlowIntegrator.Options of(long maxSteps);
    }

    /**
     * A gradient flow's endpoint on θ.
     *
     * @param theta the endpoint
     * @param time  the flow time reached
     * @param steps integrator steps attempted (accepted + rejected)
     * @param ok    whether the integrator stayed accurate (no step-size underflow, no non-finite field); a spent step
     *              budget is not a failure here: whether the endpoint converged is judged by its residual
     */
    public record FlowLimit(double[] theta, double time, long steps, boolean ok) {
    }

    /**
     * The gradient flow θ̇ = −∇f(θ) from {@code theta0}, integrated by {@link FlowIntegrator} in chunks of doubling length
     * (the first {@code firstChunk} long) until ‖Xw − y‖/‖y‖ ≤ 1e-2·{@code residualTolerance}; or until, once below that
     * tolerance itself, a chunk no longer halves the residual (the integrator's accuracy floor); or until the step budget
     * is spent. Above the tolerance a stalled chunk is a plateau of the saddle-to-saddle dynamics of small initializations,
     * and the integration goes on. Chunks rather than one stopping rule because the convergence time spans many orders of
     * magnitude over an α sweep (escape times growing as α → 0, slow modes of the off-support coordinates, stiffness at
     * large α).
     *
     * @param f                 the network's objective (θ ↦ loss)
     * @param theta0            the start (not modified)
     * @param weights           θ ↦ w
     * @param data              X and y of the residual
     * @param firstChunk        the first chunk's length in flow time
     * @param options           the integrator settings for a remaining step budget
     * @param maxSteps          the step budget over all chunks
     * @param residualTolerance the relative residual at which the endpoint counts as an interpolant
     */
    public static FlowLimit flowUntilInterpolating(Objective f, double[] theta0, Weights weights, Dataset data, double firstChunk,
                                                   FlowOptions options, long maxSteps, double residualTolerance) {
        return flowUntilInterpolating(f, theta0, theta -> relResidual(data, weights.of(theta)), firstChunk, options, maxSteps,
                residualTolerance);
    }

    /** The relative residual of the model at θ (θ read only), e.g. ‖𝒜(W(θ)) − b‖/‖b‖. */
    @FunctionalInterface
    public interface Residual {
        double of(double[] theta);
    }

    /**
     * As {@link #flowUntilInterpolating(Objective, double[], Weights, Dataset, double, FlowOptions, long, double)} for any
     * model whose fit is measured by {@code residual} (the factorized matrices of the nuclear-norm claims).
     */
    public static FlowLimit flowUntilInterpolating(Objective f, double[] theta0, Residual residual, double firstChunk,
                                                   FlowOptions options, long maxSteps, double residualTolerance) {
        double target = 1e-2 * residualTolerance;
        double chunk = firstChunk;
        double[] theta = theta0.clone();
        double time = 0;
        long used = 0;
        double best = Double.POSITIVE_INFINITY;
        while (true) {
            FlowSolution r = FlowIntegrator.gradientFlow(f, theta, chunk, options.of(Math.max(1, maxSteps - used)), null);
            used += r.acceptedSteps() + r.rejectedSteps();
            time += r.time();
            theta = r.w();
            if (r.status() != OracleStatus.OPTIMAL && r.status() != OracleStatus.MAX_ITERATIONS) {
                return new FlowLimit(theta, time, used, false);
            }
            double res = residual.of(theta);
            if (res <= target || (res <= residualTolerance && !(res < 0.5 * best)) || used >= maxSteps) {
                return new FlowLimit(theta, time, used, true);
            }
            best = res;
            chunk *= 2;
        }
    }
}
