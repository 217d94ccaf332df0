package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/**
 * The measurement operators behind the nuclear-norm oracles: the sparse completion paths against the dense sensing
 * paths on the same measurements (Aₖ = e_i e_jᵀ), adjoint identities, and the Jacobian and Lagrangian Hessian of the
 * factored map against finite differences (exact here: the maps are bilinear, so central differences have no
 * truncation error).
 */
class MatrixSensingOperatorTest {
    private static final int ROWS = 5;
    private static final int COLS = 4;

    private static MatrixCompletionProblem completion() {
        return MatrixCompletionProblem.of(ROWS, COLS, new int[] {0, 0, 1, 2, 3, 4, 4, 2, 1},
                new int[] {0, 3, 1, 2, 0, 1, 3, 0, 2}, new double[] {1, -2, 0.5, 3, -1, 2, 0.25, -0.5, 1.5});
    }

    /** The same measurements as dense matrices. */
    private static MatrixSensingProblem asSensing(MatrixCompletionProblem p) {
        double[] a = new double[p.size() * ROWS * COLS];
        for (int k = 0; k < p.size(); k++) {
            a[k * ROWS * COLS + p.row(k) * COLS + p.col(k)] = 1;
        }
        return MatrixSensingProblem.of(ROWS, COLS, new Matrix(p.size(), ROWS * COLS, a), p.values());
    }

    @Test
    void completionPathsMatchTheDenseSensingPaths() {
        MatrixCompletionProblem p = completion();
        MatrixSensingOperator sparse = MatrixSensingOperator.of(p);
        MatrixSensingOperator dense = MatrixSensingOperator.of(asSensing(p));
        RandomStream rs = new RandomStream(1);
        double[] w = rs.gaussians(new double[ROWS * COLS]);
        double[] lambda = rs.gaussians(new double[p.size()]);
        assertArrayEquals(dense.apply(w), sparse.apply(w), 1e-15);
        assertArrayEquals(dense.adjoint(lambda), sparse.adjoint(lambda), 1e-15);
        assertArrayEquals(dense.solveGram(lambda), sparse.solveGram(lambda), 1e-14);
        int k = 2;
        double[] l = rs.gaussians(new double[ROWS * k]);
        double[] r = rs.gaussians(new double[COLS * k]);
        assertArrayEquals(dense.factorGram(l, r, k), sparse.factorGram(l, r, k), 1e-13);
    }

    @Test
    void adjointIdentityAndGramSolveForDenseSensing() {
        RandomStream rs = new RandomStream(2);
        int m = 7;
        MatrixSensingProblem p = MatrixSensingProblem.of(ROWS, COLS, new Matrix(m, ROWS * COLS,
                rs.gaussians(new double[m * ROWS * COLS])), rs.gaussians(new double[m]));
        MatrixSensingOperator op = MatrixSensingOperator.of(p);
        double[] w = rs.gaussians(new double[ROWS * COLS]);
        double[] lambda = rs.gaussians(new double[m]);
        double lhs = 0;
        double[] aw = op.apply(w);
        for (int t = 0; t < m; t++) {
            lhs += aw[t] * lambda[t];
        }
        double rhs = 0;
        double[] atl = op.adjoint(lambda);
        for (int e = 0; e < w.length; e++) {
            rhs += w[e] * atl[e];
        }
        assertEquals(lhs, rhs, 1e-13 * Math.abs(lhs) + 1e-13);
        // 𝒜𝒜* x = y for the solve
        double[] x = op.solveGram(lambda);
        assertArrayEquals(lambda, op.apply(op.adjoint(x)), 1e-12);
        assertEquals(m, op.independentCount());
    }

    @Test
    void factorJacobianMatchesCentralDifferencesAndItsGram() {
        MatrixSensingOperator op = MatrixSensingOperator.of(completion());
        RandomStream rs = new RandomStream(3);
        int k = 2;
        int p = k * (ROWS + COLS);
        double[] l = rs.gaussians(new double[ROWS * k]);
        double[] r = rs.gaussians(new double[COLS * k]);
        double[][] columns = new double[p][];
        double h = 0.5; // bilinear map: central differences are exact for any h
        for (int u = 0; u < p; u++) {
            double[] delta = new double[p];
            delta[u] = 1;
            double[] jd = new double[op.m];
            op.factorJacobian(l, r, k, delta, jd);
            double[] plus = op.apply(product(l, r, delta, h, k));
            double[] minus = op.apply(product(l, r, delta, -h, k));
            for (int t = 0; t < op.m; t++) {
                assertEquals((plus[t] - minus[t]) / (2 * h), jd[t], 1e-13, "J column " + u + ", row " + t);
            }
            columns[u] = jd;
        }
        double[] gram = op.factorGram(l, r, k);
        for (int u = 0; u < p; u++) {
            for (int v = 0; v < p; v++) {
                double s = 0;
                for (int t = 0; t < op.m; t++) {
                    s += columns[u][t] * columns[v][t];
                }
                assertEquals(s, gram[u * p + v], 1e-12, "JᵀJ at " + u + ", " + v);
            }
        }
        // Jᵀy is the transpose of the same J
        double[] y = rs.gaussians(new double[op.m]);
        double[] jty = new double[p];
        op.factorJacobianTranspose(l, r, k, y, jty);
        for (int u = 0; u < p; u++) {
            double s = 0;
            for (int t = 0; t < op.m; t++) {
                s += columns[u][t] * y[t];
            }
            assertEquals(s, jty[u], 1e-13);
        }
    }

    @Test
    void lagrangianHessianIsTheDerivativeOfTheLagrangianGradient() {
        // ∇ℒ(L, R) = (L − MR, R − MᵀL) for ℒ = ½‖L‖² + ½‖R‖² − ⟨λ, 𝒜(LRᵀ)⟩, M = 𝒜*(λ): linear, so H·δ = ∇ℒ(x + δ) − ∇ℒ(x)
        MatrixSensingOperator op = MatrixSensingOperator.of(completion());
        RandomStream rs = new RandomStream(4);
        int k = 3;
        int p = k * (ROWS + COLS);
        double[] x = rs.gaussians(new double[p]);
        double[] delta = rs.gaussians(new double[p]);
        double[] mat = op.adjoint(rs.gaussians(new double[op.m]));
        double[] xd = x.clone();
        for (int u = 0; u < p; u++) {
            xd[u] += delta[u];
        }
        double[] g1 = lagrangianGradient(mat, x, k);
        double[] g2 = lagrangianGradient(mat, xd, k);
        double[] hd = NuclearNormPolish.lagrangianHessianTimes(mat, ROWS, COLS, k, delta);
        for (int u = 0; u < p; u++) {
            assertEquals(g2[u] - g1[u], hd[u], 1e-12, "H·δ at " + u);
        }
    }

    @Test
    void dependentMeasurementsAreDetectedByThePivotedCholesky() {
        RandomStream rs = new RandomStream(5);
        double[] a = new double[4 * ROWS * COLS];
        double[] base = rs.gaussians(new double[3 * ROWS * COLS]);
        System.arraycopy(base, 0, a, 0, base.length);
        for (int e = 0; e < ROWS * COLS; e++) {
            a[3 * ROWS * COLS + e] = a[e] - 3 * a[2 * ROWS * COLS + e]; // A₃ = A₀ − 3A₂
        }
        MatrixSensingProblem p = MatrixSensingProblem.of(ROWS, COLS, new Matrix(4, ROWS * COLS, a), new double[] {1, 2, 3, -8});
        MatrixSensingOperator op = MatrixSensingOperator.of(p);
        assertEquals(3, op.independentCount());
        double[] far = op.rangeResidual(p.values()); // b₃ = b₀ − 3b₂: consistent
        assertArrayEquals(new double[4], far, 1e-12);
        double[] y = {1, 2, 3, 0};
        double[] res = op.rangeResidual(y); // inconsistent by 8 in the last measurement
        assertEquals(8 * 8 / (1 + 1 + 9.0), NuclearNormTestData.norm(res) * NuclearNormTestData.norm(res), 1e-12,
                "distance² of y from range = 64/‖(1, 0, −3, −1)‖²");
        double[] atr = op.adjoint(res);
        for (double v : atr) {
            assertEquals(0, v, 1e-12);
        }
    }

    /** (L + s·δL)(R + s·δR)ᵀ for the stacked δ. */
    private static double[] product(double[] l, double[] r, double[] delta, double s, int k) {
        double[] l2 = l.clone();
        double[] r2 = r.clone();
        for (int t = 0; t < l.length; t++) {
            l2[t] += s * delta[t];
        }
        for (int t = 0; t < r.length; t++) {
            r2[t] += s * delta[l.length + t];
        }
        return NuclearNormPolish.multiplyTransposed(l2, r2, ROWS, COLS, k);
    }

    private static double[] lagrangianGradient(double[] mat, double[] x, int k) {
        int split = ROWS * k;
        double[] g = x.clone();
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                for (int c = 0; c < k; c++) {
                    g[i * k + c] -= mat[i * COLS + j] * x[split + j * k + c];
                    g[split + j * k + c] -= mat[i * COLS + j] * x[i * k + c];
                }
            }
        }
        return g;
    }
}
