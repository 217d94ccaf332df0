package org.sgdlab.theory.minnorm;

import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import org.sgdlab.oracles.MinNormLeastSquares;
import org.sgdlab.oracles.RowSpace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/**
 * An over-parameterized least-squares problem (d &gt; n, Gaussian design) with its oracle: every
 * interpolant is w₀ + X⁺(y − Xw₀) + (anything in null(X)), and the one GD/SGD reach is the one with
 * the null-space component of w₀ (source 000; 002 Prop 8.1.1).
 */
final class MinNormProblem {
    private final Dataset data;
    private final RowSpace rowSpace;
    private final double[] w0;

    /** Problem size by budget: n × d with d = 5n. */
    static MinNormProblem forBudget(ClaimContext c) {
        return c.budget() == Budget.QUICK ? new MinNormProblem(40, 200, c.seed()) : new MinNormProblem(100, 1000, c.seed());
    }

    MinNormProblem(int n, int d, long seed) {
        this.data = Generators.underdeterminedRegression(n, d, 0.1, seed);
        this.rowSpace = RowSpace.of(data.x());
        double[] w = new RandomStream(seed).split(99).gaussians(new double[d]);
        for (int i = 0; i < d; i++) {
            w[i] /= Math.sqrt(d);
        }
        this.w0 = w;
    }

    Dataset data() {
        return data;
    }

    RowSpace rowSpace() {
        return rowSpace;
    }

    /** A random initial point with a non-trivial null-space component (‖w₀‖ ≈ 1). */
    double[] randomInit() {
        return w0.clone();
    }

    /** w₀ + X⁺(y − Xw₀), by SVD. */
    double[] oracleFrom(double[] init) {
        return MinNormLeastSquares.fromInitial(data.x(), data.y(), init).w();
    }

    /** σ_max(X)², the smoothness constant of ½‖Xw − y‖². */
    double smoothnessOfSum() {
        double s = rowSpace.singularValues()[0];
        return s * s;
    }

    /** maxᵢ ‖xᵢ‖², the per-sample smoothness that bounds SGD's stable step. */
    double maxRowNormSquared() {
        return org.sgdlab.objective.Smoothness.maxRowNormSquared(data, false);
    }
}
