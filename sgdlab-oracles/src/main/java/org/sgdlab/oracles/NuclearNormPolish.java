package org.sgdlab.oracles;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.sgdlab.linalg.Cholesky;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.PivotedCholesky;

/**
 * The refinement step of {@link NuclearNormMinimizer} once a first-order method has (approximately) identified the
 * rank r of the solution. Newton-type solves on small dense systems:
 *
 * <ol>
 *   <li><b>Primal</b>: Gauss–Newton (Levenberg–Marquardt with a tiny damping) on the factored equations
 *       𝒜(LRᵀ) = b, L ∈ ℝ^{R×r}, R ∈ ℝ^{C×r}, from the rank-r truncation of the current iterate. Where the rank-r
 *       interpolant is locally unique (the exact-recovery regime: the Jacobian is injective on the tangent space of the
 *       rank-r manifold, up to the GL(r) gauge of the factorization), the residual is zero at the solution and the
 *       iteration converges quadratically (Dennis &amp; Schnabel, <i>Numerical Methods for Unconstrained Optimization</i>,
 *       Thm. 10.2.1).</li>
 *   <li><b>Dual</b>: with W = UΣVᵀ (rank r), a dual vector λ is optimal iff 𝒜*λ ∈ ∂‖W‖_*, i.e.
 *       P_T(𝒜*λ) = UVᵀ and ‖P_T⊥(𝒜*λ)‖_op ≤ 1 (Watson, "Characterization of the subdifferential of some matrix
 *       norms", Linear Algebra Appl. 170 (1992)), where T = {UXᵀ + YVᵀ}. The linear conditions read 𝒜*(λ)V = U and
 *       𝒜*(λ)ᵀU = V, i.e. J_{UV}ᵀλ = [U; V] with J_{UV}(Y, X) = 𝒜(YVᵀ + UXᵀ). The correction of a starting λ₀ (the
 *       first-order method's dual, or 0 — the "least-squares certificate" of Candès &amp; Recht, "Exact matrix
 *       completion via convex optimization", Found. Comput. Math. 9 (2009)) of least norm satisfying them is
 *       λ = λ₀ + J y with (JᵀJ) y = [U; V] − Jᵀλ₀, solved with two steps of iterative refinement. Whether the result
 *       also has ‖P_T⊥(𝒜*λ)‖ ≤ 1 is not assumed: the caller scales λ into the dual feasible set and measures the gap.</li>
 *   <li><b>Along the manifold</b>, when the rank-r interpolants are not isolated: {@link #refineOnManifold}.</li>
 * </ol>
 *
 * Each solve factors a p×p matrix, p = r(R + C), by {@link Cholesky} (p³/3 flops); null spaces come from
 * {@link PivotedCholesky}.
 */
final class NuclearNormPolish {
    /** Levenberg–Marquardt damping relative to the largest diagonal entry of JᵀJ (JᵀJ is singular along the gauge). */
    private static final double DAMPING = 1e-12;
    /** Relative residual at which Gauss–Newton stops: a few units of rounding in 𝒜(LRᵀ). */
    private static final double FLOOR = 1e-15;
    /** Pivots of JᵀJ at most this times its largest diagonal entry count as null directions. */
    private static final double NULL_TOL = 1e-10;

    private NuclearNormPolish() {
    }

    /** A rank-r factorization W = LRᵀ with its relative residual ‖𝒜(W) − b‖/‖b‖ and the Gauss–Newton steps taken. */
    record Factors(double[] l, double[] r, int rank, double relativeResidual, int steps) {
        /** W = LRᵀ, R×C row-major. */
        double[] product(int rows, int cols) {
            return multiplyTransposed(l, r, rows, cols, rank);
        }
    }

    /**
     * Gauss–Newton on 𝒜(LRᵀ) = b from the rank-{@code k} truncation of {@code svd} (L = U√Σ, R = V√Σ). Stops at the
     * rounding floor, when a step no longer reduces the residual, when convergence is not at least
     * superlinear-looking (two consecutive steps each reducing the residual less than 4×), or after {@code maxSteps}.
     */
    static Factors fixedRankInterpolant(MatrixSensingOperator op, NuclearNormSvd svd, int k, int maxSteps) {
        int rows = op.rows;
        int cols = op.cols;
        double[] l = new double[rows * k];
        double[] r = new double[cols * k];
        for (int c = 0; c < k; c++) {
            double s = Math.sqrt(svd.sigma[c]);
            for (int i = 0; i < rows; i++) {
                l[i * k + c] = svd.u[i * svd.k + c] * s;
            }
            for (int j = 0; j < cols; j++) {
                r[j * k + c] = svd.v[j * svd.k + c] * s;
            }
        }
        return gaussNewton(op, l, r, k, maxSteps);
    }

    /** Gauss–Newton on 𝒜(LRᵀ) = b from the given factors (not modified), as in {@link #fixedRankInterpolant}. */
    static Factors gaussNewton(MatrixSensingOperator op, double[] l, double[] r, int k, int maxSteps) {
        int rows = op.rows;
        int cols = op.cols;
        double bn = norm(op.b);
        double[] res = residual(op, l, r, k);
        double rn = norm(res);
        int p = k * (rows + cols);
        int steps = 0;
        int slow = 0;
        double[] g = new double[p];
        Cholesky chol = new Cholesky(p);
        while (steps < maxSteps && rn > FLOOR * bn) {
            double[] gram = op.factorGram(l, r, k);
            op.factorJacobianTranspose(l, r, k, res, g);
            double mu = DAMPING * maxDiagonal(gram, p);
            boolean improved = false;
            // stronger damping only helps far from a solution; near the rounding floor a failed step just means "done"
            int attempts = rn > 1e-10 * bn ? 3 : 1;
            for (int attempt = 0; attempt < attempts && !improved; attempt++, mu *= 1e3) {
                if (!chol.decompose(gram, mu)) {
                    continue;
                }
                double[] delta = g.clone();
                chol.solveInPlace(delta);
                double[] l2 = l.clone();
                double[] r2 = r.clone();
                for (int t = 0; t < rows * k; t++) {
                    l2[t] -= delta[t];
                }
                for (int t = 0; t < cols * k; t++) {
                    r2[t] -= delta[rows * k + t];
                }
                double[] res2 = residual(op, l2, r2, k);
                double rn2 = norm(res2);
                if (rn2 < rn) {
                    improved = true;
                    slow = rn2 > 0.25 * rn ? slow + 1 : 0;
                    l = l2;
                    r = r2;
                    res = res2;
                    rn = rn2;
                }
            }
            steps++;
            if (!improved || (slow >= 2 && rn > 1e-13 * bn)) {
                break;
            }
        }
        return new Factors(l, r, k, rn / bn, steps);
    }

    /**
     * For each start λ₀, the least-norm correction of it satisfying 𝒜*(λ)V = U and 𝒜*(λ)ᵀU = V, where U (R×k) and
     * V (C×k) have orthonormal columns; empty if the Gram matrix cannot be factored. The starts are not modified.
     */
    static List<double[]> tangentCertificates(MatrixSensingOperator op, double[] u, double[] v, int k,
                                              double[]... starts) {
        int rows = op.rows;
        int cols = op.cols;
        int p = k * (rows + cols);
        double[] gram = op.factorGram(u, v, k);
        Cholesky chol = new Cholesky(p);
        if (!chol.decompose(gram, DAMPING * maxDiagonal(gram, p))) {
            return List.of();
        }
        double[] target = new double[p];
        System.arraycopy(u, 0, target, 0, rows * k);
        System.arraycopy(v, 0, target, rows * k, cols * k);
        List<double[]> out = new ArrayList<>();
        double[] jt = new double[p];
        double[] step = new double[op.m];
        for (double[] start : starts) {
            double[] lambda = start.clone();
            for (int pass = 0; pass < 3; pass++) {
                op.factorJacobianTranspose(u, v, k, lambda, jt);
                for (int t = 0; t < p; t++) {
                    jt[t] = target[t] - jt[t];
                }
                chol.solveInPlace(jt);
                op.factorJacobian(u, v, k, jt, step);
                for (int t = 0; t < op.m; t++) {
                    lambda[t] += step[t];
                }
            }
            out.add(lambda);
        }
        return out;
    }

    /**
     * Null-space SQP (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., §18.1 and §15.2) on the factored
     * problem min ½(‖L‖²_F + ‖R‖²_F) s.t. 𝒜(LRᵀ) = b, whose value equals ‖LRᵀ‖_* at balanced factors (Srebro, Rennie &amp;
     * Jaakkola 2005), from a feasible factorization. For the case the Gauss–Newton polish cannot settle: the rank-r
     * interpolants near the solution are not isolated, so feasibility alone does not pick the minimizer. Each iteration
     * (1) takes the multiplier nearest λ₀ that makes the Lagrangian stationary in the least-squares sense,
     * λ = λ₀ + J(JᵀJ)⁺([L; R] − Jᵀλ₀) (where constraints are redundant the multipliers are not unique, and the one near
     * a good dual estimate is the one that can certify), (2) hands (LRᵀ, λ) to {@code done}, (3) finds a basis N
     * of null(J) from a Cholesky factorization of JᵀJ with diagonal pivoting (pivots ≤ 1e-10·max diag count as zero),
     * (4) solves the reduced Newton system NᵀHN z = −Nᵀ∇ℒ with the Lagrangian Hessian H(dL, dR) = (dL − M dR,
     * dR − MᵀdL), M = 𝒜*(λ) (damped if not positive definite: the O(r) rotations of (L, R) are flat), and (5) restores
     * feasibility by Gauss–Newton.
     *
     * @param lambda0 the dual estimate the multipliers are kept near (not modified)
     * @param done called with (W = LRᵀ, λ) each iteration; returning true stops the refinement
     * @return the number of iterations run
     */
    static int refineOnManifold(MatrixSensingOperator op, Factors start, double[] lambda0, int maxIterations,
                                BiPredicate<double[], double[]> done) {
        int k = start.rank();
        int rows = op.rows;
        int cols = op.cols;
        int m = op.m;
        int p = k * (rows + cols);
        int split = rows * k;
        double[] l = start.l().clone();
        double[] r = start.r().clone();
        Cholesky chol = new Cholesky(p);
        PivotedCholesky pivoted = new PivotedCholesky(p, NULL_TOL);
        for (int it = 0; it < maxIterations; it++) {
            double[] gram = op.factorGram(l, r, k);
            if (!chol.decompose(gram, DAMPING * maxDiagonal(gram, p))) {
                return it;
            }
            double[] g = new double[p];
            System.arraycopy(l, 0, g, 0, split);
            System.arraycopy(r, 0, g, split, cols * k);
            double[] lambda = lambda0.clone();
            double[] jt = new double[p];
            op.factorJacobianTranspose(l, r, k, lambda, jt);
            double[] rho = new double[p];
            for (int t = 0; t < p; t++) {
                rho[t] = g[t] - jt[t];
            }
            double[] dl = new double[m];
            for (int pass = 0; pass < 2; pass++) { // the multiplier nearest λ₀, with one refinement pass
                double[] y = rho.clone();
                chol.solveInPlace(y);
                op.factorJacobian(l, r, k, y, dl);
                for (int t = 0; t < m; t++) {
                    lambda[t] += dl[t];
                }
                op.factorJacobianTranspose(l, r, k, lambda, jt);
                for (int t = 0; t < p; t++) {
                    rho[t] = g[t] - jt[t];
                }
            }
            if (done.test(multiplyTransposed(l, r, rows, cols, k), lambda)) {
                return it + 1;
            }
            double[][] n = nullBasis(pivoted, gram);
            if (n.length == 0) {
                return it + 1;
            }
            int s = n.length;
            double[] mat = op.adjoint(lambda);
            double[] hr = new double[s * s];
            double[] rhs = new double[s];
            double[][] hn = new double[s][];
            for (int c = 0; c < s; c++) {
                hn[c] = lagrangianHessianTimes(mat, rows, cols, k, n[c]);
                rhs[c] = -Kernels.dot(n[c], rho);
            }
            double scale = 0;
            for (int a = 0; a < s; a++) {
                for (int c = 0; c <= a; c++) {
                    double v = 0.5 * (Kernels.dot(n[a], hn[c]) + Kernels.dot(n[c], hn[a]));
                    hr[a * s + c] = v;
                    hr[c * s + a] = v;
                }
                scale = Math.max(scale, Math.abs(hr[a * s + a]));
            }
            double[] z = null;
            Cholesky reduced = new Cholesky(s);
            for (double eps = 1e-12 * Math.max(scale, 1e-300); z == null && eps <= 10 * scale; eps *= 100) {
                if (reduced.decompose(hr, eps)) {
                    z = rhs.clone();
                    reduced.solveInPlace(z);
                }
            }
            if (z == null) {
                return it + 1;
            }
            double[] step = new double[p];
            for (int c = 0; c < s; c++) {
                Kernels.axpy(z[c], n[c], step);
            }
            // a Newton step longer than half the current factors is not trusted: shorten it
            double shrink = Math.min(1.0, 0.5 * norm(g) / Math.max(norm(step), Double.MIN_NORMAL));
            for (int t = 0; t < split; t++) {
                l[t] += shrink * step[t];
            }
            for (int t = 0; t < cols * k; t++) {
                r[t] += shrink * step[split + t];
            }
            Factors f = gaussNewton(op, l, r, k, 6);
            l = f.l();
            r = f.r();
        }
        return maxIterations;
    }

    /** (dL − M dR, dR − MᵀdL) for δ = [vec(dL); vec(dR)] and M (R×C): the Hessian of the Lagrangian in (L, R). */
    static double[] lagrangianHessianTimes(double[] mat, int rows, int cols, int k, double[] delta) {
        int split = rows * k;
        double[] out = delta.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double x = mat[i * cols + j];
                if (x == 0) {
                    continue;
                }
                for (int c = 0; c < k; c++) {
                    out[i * k + c] -= x * delta[split + j * k + c];
                    out[split + j * k + c] -= x * delta[i * k + c];
                }
            }
        }
        return out;
    }

    /**
     * A basis of the numerical null space of the p×p PSD matrix {@code gram} (not modified): the vectors
     * P[−L₁₁⁻ᵀL₂₁ᵀe_j; e_j] of its {@link PivotedCholesky} factorization stopped at pivots ≤ {@value #NULL_TOL}·max diag
     * ({@code pivoted} is the caller's instance of order p, reused).
     */
    private static double[][] nullBasis(PivotedCholesky pivoted, double[] gram) {
        int p = pivoted.rows();
        pivoted.decompose(gram);
        int rank = pivoted.rank();
        double[][] n = new double[p - rank][];
        for (int j = 0; j < p - rank; j++) {
            n[j] = pivoted.nullSpaceBasisVector(j, new double[p]);
        }
        return n; // not orthonormal: the reduced Newton step N(NᵀHN)⁻¹Nᵀ∇ℒ does not depend on the basis
    }

    private static double[] residual(MatrixSensingOperator op, double[] l, double[] r, int k) {
        double[] w = multiplyTransposed(l, r, op.rows, op.cols, k);
        double[] res = op.apply(w);
        for (int t = 0; t < op.m; t++) {
            res[t] -= op.b[t];
        }
        return res;
    }

    /** L Rᵀ for L rows×k and R cols×k (row-major). */
    static double[] multiplyTransposed(double[] l, double[] r, int rows, int cols, int k) {
        double[] w = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += l[i * k + c] * r[j * k + c];
                }
                w[i * cols + j] = s;
            }
        }
        return w;
    }

    private static double maxDiagonal(double[] a, int n) {
        double m = 0;
        for (int t = 0; t < n; t++) {
            m = Math.max(m, a[t * n + t]);
        }
        return m > 0 ? m : 1.0;
    }

    static double norm(double[] v) {
        double scale = 0;
        for (double x : v) {
            scale = Math.max(scale, Math.abs(x));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double s = 0;
        for (double x : v) {
            double t = x / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }
}
