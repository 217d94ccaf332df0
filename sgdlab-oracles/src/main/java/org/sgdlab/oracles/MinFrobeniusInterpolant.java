package org.sgdlab.oracles;

import java.util.Objects;
import org.sgdlab.linalg.Matrix;

/**
 * The minimum-Frobenius-norm interpolant min ‖W‖_F s.t. 𝒜(W) = b: minimum-norm least squares on vec(W), the
 * implicit-bias limit of gradient descent from zero on the unfactored model (its iterates stay in range(𝒜*)).
 *
 * <p>Optimality: W is the minimizer iff it is feasible and W ∈ range(𝒜*) (the normal-cone condition of the affine
 * set), so W = 𝒜*(λ) with 𝒜𝒜*λ = b.
 *
 * <ul>
 *   <li>Completion (𝒜𝒜* = I): W is the observed entries with zeros elsewhere, λ = b. Exact.</li>
 *   <li>Sensing: λ = G⁻¹b on a maximal independent subset of the measurements (Cholesky with diagonal pivoting of
 *       G = 𝒜𝒜*, see {@link MatrixSensingOperator}), two steps of iterative refinement, W = 𝒜*(λ). If the relative
 *       distance of b from range(𝒜) exceeds {@value #FEASIBILITY_TOL} the status is INFEASIBLE with the Fredholm
 *       certificate.</li>
 * </ul>
 */
public final class MinFrobeniusInterpolant {
    /** b counts as in range(𝒜) when its relative distance from it is at most this. */
    public static final double FEASIBILITY_TOL = 1e-9;

    private MinFrobeniusInterpolant() {
    }

    /** The completion with zeros off Ω. */
    public static MinFrobeniusSolution solve(MatrixCompletionProblem problem) {
        Objects.requireNonNull(problem, "problem");
        return run(MatrixSensingOperator.of(problem));
    }

    /** min ‖W‖_F s.t. ⟨Aₖ, W⟩ = bₖ. */
    public static MinFrobeniusSolution solve(MatrixSensingProblem problem) {
        Objects.requireNonNull(problem, "problem");
        return run(MatrixSensingOperator.of(problem));
    }

    static MinFrobeniusSolution run(MatrixSensingOperator op) {
        double bn = NuclearNormPolish.norm(op.b);
        int rows = op.rows;
        int cols = op.cols;
        if (bn == 0) {
            return new MinFrobeniusSolution(OracleStatus.OPTIMAL, new Matrix(rows, cols, new double[rows * cols]),
                    new double[op.m], 0.0, 0.0, op.independentCount(), "b = 0: W = 0");
        }
        double[] far = op.rangeResidual(op.b);
        double distance = NuclearNormPolish.norm(far) / bn;
        if (distance > FEASIBILITY_TOL) {
            double[] atr = op.adjoint(far);
            return new MinFrobeniusSolution(OracleStatus.INFEASIBLE, null, far, Double.NaN, distance,
                    op.independentCount(), "b is not in range(A): its distance from it is " + distance + " of ||b|| > "
                    + FEASIBILITY_TOL + " (" + (op.m - op.independentCount()) + " of " + op.m
                    + " measurements are linear combinations of the others; Fredholm certificate r with ||A*(r)||_F = "
                    + NuclearNormPolish.norm(atr) + ", <b, r> = " + MatrixSensingOperator.dot(op.b, 0, far, 0, op.m) + ")");
        }
        double[] lambda = op.solveGram(op.b);
        double[] w = op.adjoint(lambda);
        for (int pass = 0; pass < 2; pass++) {
            double[] r = op.apply(w);
            for (int t = 0; t < op.m; t++) {
                r[t] = op.b[t] - r[t];
            }
            double[] dl = op.solveGram(r);
            for (int t = 0; t < op.m; t++) {
                lambda[t] += dl[t];
            }
            w = op.adjoint(lambda);
        }
        double[] r = op.apply(w);
        for (int t = 0; t < op.m; t++) {
            r[t] -= op.b[t];
        }
        double rel = NuclearNormPolish.norm(r) / bn;
        return new MinFrobeniusSolution(OracleStatus.OPTIMAL, new Matrix(rows, cols, w), lambda,
                NuclearNormPolish.norm(w), rel, op.independentCount(), "optimal: W = A*(lambda) with ||A(W) - b||/||b|| = "
                + rel + (op.independentCount() < op.m ? "; " + (op.m - op.independentCount()) + " of " + op.m
                + " measurements are linear combinations of the others (consistent with b)" : ""));
    }
}
