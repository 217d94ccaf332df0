package org.sgdlab.oracles;

import java.util.Arrays;
import org.sgdlab.linalg.Cholesky;
import org.sgdlab.linalg.PivotedCholesky;

/**
 * The measurement map 𝒜: ℝ^{R×C} → ℝ^m, W ↦ (⟨Aₖ, W⟩)ₖ, of a {@link MatrixSensingProblem} (dense Aₖ) or a
 * {@link MatrixCompletionProblem} (Aₖ = e_{iₖ}e_{jₖ}ᵀ, stored as indices), with what the nuclear-norm and
 * minimum-Frobenius oracles need: 𝒜, 𝒜*, solves with the Gram matrix 𝒜𝒜*, and the Gauss–Newton matrix of the
 * factored map (L, R) ↦ 𝒜(LRᵀ). Matrices are row-major {@code double[]}; none of the methods modify their inputs.
 *
 * <p>Dependent measurements (sensing only): 𝒜𝒜* is factored by Cholesky with diagonal pivoting ({@link PivotedCholesky};
 * Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., §10.3), stopping when the largest remaining
 * pivot is below
 * {@value #RANK_TOL} of the largest diagonal entry; the measurements left out are linear combinations of the others
 * (to that tolerance). {@link #solveGram} then solves on the independent subset and is exact for right-hand sides in
 * the range of 𝒜, which is all the oracles pass once b has been checked to lie in that range.
 */
abstract class MatrixSensingOperator {
    static final double RANK_TOL = 1e-12;

    final int rows;
    final int cols;
    final int m;
    /** The values b (backing array of the problem; not modified). */
    final double[] b;

    MatrixSensingOperator(int rows, int cols, double[] b) {
        this.rows = rows;
        this.cols = cols;
        this.m = b.length;
        this.b = b;
    }

    static MatrixSensingOperator of(MatrixCompletionProblem p) {
        return new Completion(p);
    }

    static MatrixSensingOperator of(MatrixSensingProblem p) {
        return new Sensing(p);
    }

    /** out (length m) ← 𝒜(w). */
    abstract void apply(double[] w, double[] out);

    /** out (length R·C) ← 𝒜*(λ) = Σ λₖAₖ. */
    abstract void adjoint(double[] lambda, double[] out);

    /** x with 𝒜𝒜*x = rhs (for rhs in range(𝒜)); x is zero on measurements found dependent. */
    abstract double[] solveGram(double[] rhs);

    /** The number of measurements kept as independent (m for completion). */
    abstract int independentCount();

    /**
     * The component of {@code y} (length m) orthogonal to range(𝒜) ⊂ ℝ^m: zero when the measurements are independent.
     * With the independent subset S and the others expressed as Aₜ = Σ_s c_{ts}A_s (c = G_{tS}G_{SS}⁻¹), range(𝒜) is
     * the column space of E = [I; c] (in pivot order), and the residual is y − E(EᵀE)⁻¹Eᵀy.
     */
    abstract double[] rangeResidual(double[] y);

    /**
     * JᵀJ (p×p row-major, p = k(R+C)) for the Jacobian J(dL, dR) = 𝒜(dL Rᵀ + L dRᵀ) of (L, R) ↦ 𝒜(LRᵀ), where L is R×k,
     * R is C×k, and the unknowns are laid out as [vec(dL); vec(dR)] (row-major each).
     */
    abstract double[] factorGram(double[] l, double[] r, int k);

    double[] apply(double[] w) {
        double[] out = new double[m];
        apply(w, out);
        return out;
    }

    double[] adjoint(double[] lambda) {
        double[] out = new double[rows * cols];
        adjoint(lambda, out);
        return out;
    }

    /** out (length m) ← J·δ with J as in {@link #factorGram}. */
    void factorJacobian(double[] l, double[] r, int k, double[] delta, double[] out) {
        double[] d = new double[rows * cols];
        int off = rows * k;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int a = 0; a < k; a++) {
                    s += delta[i * k + a] * r[j * k + a] + l[i * k + a] * delta[off + j * k + a];
                }
                d[i * cols + j] = s;
            }
        }
        apply(d, out);
    }

    /** out (length p) ← Jᵀ·y = [vec(𝒜*(y)·R); vec(𝒜*(y)ᵀ·L)]. */
    void factorJacobianTranspose(double[] l, double[] r, int k, double[] y, double[] out) {
        double[] mat = adjoint(y);
        int off = rows * k;
        Arrays.fill(out, 0, k * (rows + cols), 0.0);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double x = mat[i * cols + j];
                if (x == 0) {
                    continue;
                }
                for (int a = 0; a < k; a++) {
                    out[i * k + a] += x * r[j * k + a];
                    out[off + j * k + a] += x * l[i * k + a];
                }
            }
        }
    }

    /** Matrix completion: 𝒜(W) = (W[iₖ, jₖ])ₖ, 𝒜𝒜* = I. */
    private static final class Completion extends MatrixSensingOperator {
        final int[] ri;
        final int[] ci;

        Completion(MatrixCompletionProblem p) {
            super(p.rows(), p.cols(), p.valueArray());
            this.ri = p.rowIndexArray();
            this.ci = p.colIndexArray();
        }

        @Override
        void apply(double[] w, double[] out) {
            for (int t = 0; t < m; t++) {
                out[t] = w[ri[t] * cols + ci[t]];
            }
        }

        @Override
        void adjoint(double[] lambda, double[] out) {
            Arrays.fill(out, 0.0);
            for (int t = 0; t < m; t++) {
                out[ri[t] * cols + ci[t]] = lambda[t];
            }
        }

        @Override
        double[] solveGram(double[] rhs) {
            return rhs.clone();
        }

        @Override
        int independentCount() {
            return m;
        }

        @Override
        double[] rangeResidual(double[] y) {
            return new double[m];
        }

        @Override
        double[] factorGram(double[] l, double[] r, int k) {
            int p = k * (rows + cols);
            int off = rows * k;
            double[] g = new double[p * p];
            for (int t = 0; t < m; t++) {
                int i = ri[t] * k; // offset of row i of L, and of the dL_i block in the unknowns
                int j = ci[t] * k; // offset of row j of R
                int li = i;
                int rj = off + j; // offset of the dR_j block in the unknowns
                // the row of J for entry t: r[j, ·] in the dL_i slots, l[i, ·] in the dR_j slots
                for (int a = 0; a < k; a++) {
                    double ra = r[j + a];
                    double la = l[i + a];
                    for (int c = 0; c < k; c++) {
                        g[(li + a) * p + li + c] += ra * r[j + c];
                        g[(rj + a) * p + rj + c] += la * l[i + c];
                        double x = ra * l[i + c];
                        g[(li + a) * p + rj + c] += x;
                        g[(rj + c) * p + li + a] += x;
                    }
                }
            }
            return g;
        }
    }

    /** Dense matrix sensing: row k of the m × R·C array is vec(Aₖ). */
    private static final class Sensing extends MatrixSensingOperator {
        final double[] a;
        final int rc;
        /** The Gram matrix 𝒜𝒜* factored with diagonal pivoting. */
        final PivotedCholesky gram;
        /** Pivot order (the factor's backing array): perm[0..rank) are the independent measurements. */
        final int[] perm;
        final int rank;

        Sensing(MatrixSensingProblem p) {
            super(p.rows(), p.cols(), p.valueArray());
            this.a = p.measurementArray();
            this.rc = rows * cols;
            double[] g = new double[m * m];
            for (int s = 0; s < m; s++) {
                for (int t = s; t < m; t++) {
                    double v = dot(a, s * rc, a, t * rc, rc);
                    g[s * m + t] = v;
                    g[t * m + s] = v;
                }
            }
            this.gram = new PivotedCholesky(m, RANK_TOL);
            gram.decompose(g);
            this.perm = gram.permutation();
            this.rank = gram.rank();
        }

        @Override
        void apply(double[] w, double[] out) {
            for (int t = 0; t < m; t++) {
                out[t] = dot(a, t * rc, w, 0, rc);
            }
        }

        @Override
        void adjoint(double[] lambda, double[] out) {
            Arrays.fill(out, 0.0);
            for (int t = 0; t < m; t++) {
                double c = lambda[t];
                if (c != 0) {
                    int o = t * rc;
                    for (int e = 0; e < rc; e++) {
                        out[e] += c * a[o + e];
                    }
                }
            }
        }

        @Override
        double[] solveGram(double[] rhs) {
            double[] x = rhs.clone();
            gram.solveInPlace(x);
            return x;
        }

        @Override
        int independentCount() {
            return rank;
        }

        @Override
        double[] rangeResidual(double[] y) {
            if (rank == m) {
                return new double[m];
            }
            int d = m - rank;
            // c (d×rank): row t solves G_SS c_t = G_S,t for the dependent measurement perm[rank + t]
            double[] c = new double[d * rank];
            for (int t = 0; t < d; t++) {
                int mt = perm[rank + t];
                double[] col = new double[m];
                for (int s = 0; s < rank; s++) {
                    col[perm[s]] = dot(a, perm[s] * rc, a, mt * rc, rc);
                }
                double[] x = solveGram(col);
                for (int s = 0; s < rank; s++) {
                    c[t * rank + s] = x[perm[s]];
                }
            }
            // normal equations of E = [I; c]: (I + cᵀc) z = y_S + cᵀ y_D
            double[] n = new double[rank * rank];
            double[] rhs = new double[rank];
            for (int s = 0; s < rank; s++) {
                n[s * rank + s] = 1.0;
                rhs[s] = y[perm[s]];
            }
            for (int t = 0; t < d; t++) {
                double yt = y[perm[rank + t]];
                for (int s = 0; s < rank; s++) {
                    double cs = c[t * rank + s];
                    rhs[s] += cs * yt;
                    for (int u = 0; u < rank; u++) {
                        n[s * rank + u] += cs * c[t * rank + u];
                    }
                }
            }
            Cholesky normal = new Cholesky(rank);
            if (!normal.decompose(n)) {
                throw new ArithmeticException("range projection: I + CᵀC is not positive definite (pivot "
                        + normal.failedPivotIndex() + " was " + normal.failedPivotValue() + ")");
            }
            normal.solveInPlace(rhs);
            double[] res = y.clone();
            for (int s = 0; s < rank; s++) {
                res[perm[s]] -= rhs[s];
            }
            for (int t = 0; t < d; t++) {
                double e = 0;
                for (int s = 0; s < rank; s++) {
                    e += c[t * rank + s] * rhs[s];
                }
                res[perm[rank + t]] -= e;
            }
            return res;
        }

        @Override
        double[] factorGram(double[] l, double[] r, int k) {
            int p = k * (rows + cols);
            int off = rows * k;
            double[] row = new double[p];
            double[] g = new double[p * p];
            for (int t = 0; t < m; t++) {
                Arrays.fill(row, 0.0);
                int o = t * rc;
                // row of J: [vec(Aₜ R); vec(Aₜᵀ L)]
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        double x = a[o + i * cols + j];
                        if (x == 0) {
                            continue;
                        }
                        for (int c = 0; c < k; c++) {
                            row[i * k + c] += x * r[j * k + c];
                            row[off + j * k + c] += x * l[i * k + c];
                        }
                    }
                }
                for (int u = 0; u < p; u++) {
                    double x = row[u];
                    if (x == 0) {
                        continue;
                    }
                    int gu = u * p;
                    for (int v = u; v < p; v++) {
                        g[gu + v] += x * row[v];
                    }
                }
            }
            for (int u = 0; u < p; u++) {
                for (int v = 0; v < u; v++) {
                    g[u * p + v] = g[v * p + u];
                }
            }
            return g;
        }
    }

    static double dot(double[] x, int xo, double[] y, int yo, int n) {
        double s = 0;
        for (int e = 0; e < n; e++) {
            s += x[xo + e] * y[yo + e];
        }
        return s;
    }
}
