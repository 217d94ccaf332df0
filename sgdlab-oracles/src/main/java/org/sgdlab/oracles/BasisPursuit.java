package org.sgdlab.oracles;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ojalgo.optimisation.Variable;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * Basis pursuit (Chen, Donoho, Saunders, "Atomic decomposition by basis pursuit", SIAM J. Sci. Comput. 1998): the
 * minimum-ℓ1-norm interpolant, the implicit-bias limit of e.g. mirror descent with the (hypentropy / small-init
 * diagonal network) potential in the limit of vanishing scale (Woodworth et al. 2020).
 *
 * <pre>
 *   primal:  min ‖w‖₁  s.t.  Xw = y                      (LP with w = w⁺ − w⁻, w± ≥ 0)
 *   dual:    max ⟨y, λ⟩  s.t.  ‖Xᵀλ‖∞ ≤ 1
 * </pre>
 * Weak duality ⟨y, λ⟩ = ⟨Xw, λ⟩ = ⟨w, Xᵀλ⟩ ≤ ‖w‖₁ for every feasible pair makes (w, λ) with equal values a certificate.
 *
 * <p>Algorithm: (0) feasibility is decided first with {@link MinNormLeastSquares}: if ‖XX⁺y − y‖/‖y‖ &gt; 1e-9 the
 * status is {@link OracleStatus#INFEASIBLE} and λ is the Fredholm certificate r = y − XX⁺y. (1) Both LPs are solved with
 * ojAlgo's simplex solver ({@link LpModel}). (2) Polishing: the primal is re-solved on its support F as the least-squares
 * solution of X_F w_F = y closest to the LP answer; the dual as the solution of x_jᵀλ = sⱼ on the set where the LP's
 * |x_jᵀλ| ≈ 1, closest to the LP λ, then scaled by 1/max(1, ‖Xᵀλ‖∞) so it is dual-feasible. Several support
 * thresholds are tried. (3) The solver status is not trusted: the best candidates are evaluated directly and the
 * residual max(relative gap, ‖Xw − y‖/‖y‖, (‖Xᵀλ‖∞ − 1)₊) decides OPTIMAL (≤ tolerance, default 1e-10) vs INACCURATE.
 */
public final class BasisPursuit {
    private static final double[] THRESHOLDS = {1e-11, 1e-9, 1e-7, 1e-5};
    private static final double RANGE_TOL = 1e-9;
    private static final Logger LOG = System.getLogger(BasisPursuit.class.getName());

    private BasisPursuit() {
    }

    /** Solves with tolerance 1e-10. */
    public static BasisPursuitSolution solve(Matrix x, double[] y) {
        return solve(x, y, 1e-10);
    }

    /**
     * min ‖w‖₁ subject to Xw = y.
     *
     * @throws IllegalArgumentException on mismatched shapes, n = 0 or d = 0, non-finite entries or a bad tolerance
     */
    public static BasisPursuitSolution solve(Matrix x, double[] y, double tolerance) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be positive and finite, got " + tolerance);
        }
        int n = x.rows();
        int d = x.cols();
        if (y.length != n) {
            throw new IllegalArgumentException("y has length " + y.length + " but X has " + n + " rows");
        }
        if (n == 0 || d == 0) {
            throw new IllegalArgumentException("basis pursuit needs n >= 1 and d >= 1, got n = " + n + ", d = " + d);
        }
        double[] a = x.data();
        for (int k = 0; k < a.length; k++) {
            if (!Double.isFinite(a[k])) {
                throw new IllegalArgumentException("row " + (k / d) + ", column " + (k % d) + ": entry is not finite: " + a[k]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("row " + i + ": target is not finite: " + y[i]);
            }
        }
        double yNorm = Kernels.norm2(y);
        if (yNorm == 0) {
            return new BasisPursuitSolution(OracleStatus.OPTIMAL, new double[d], new double[n], new int[0], 0.0, 0.0, 0.0,
                    0.0, 0.0, 0.0, "y = 0: w = 0 is the unique minimiser");
        }
        MinNormSolution ls = MinNormLeastSquares.solve(x, y);
        double lsRel = ls.residualNorm() / yNorm;
        if (lsRel > RANGE_TOL) {
            double[] r = y.clone();
            double[] xw = x.times(ls.w());
            for (int i = 0; i < n; i++) {
                r[i] -= xw[i];
            }
            double[] xtr = x.transposeTimes(r);
            double xtrMax = MarginNorm.LINF.norm(xtr);
            return new BasisPursuitSolution(OracleStatus.INFEASIBLE, null, r, new int[0], Double.NaN, Double.NaN,
                    Double.NaN, lsRel, Double.NaN, Double.NaN, "y is not in range(X): the least-squares residual "
                    + "r = y - X X^+ y has ||r||/||y|| = " + lsRel + " > " + RANGE_TOL + " (Fredholm certificate: "
                    + "||X^T r||_inf = " + xtrMax + ", <y, r> = " + Kernels.dot(y, r) + " > 0)");
        }
        return new Problem(x, y, yNorm).run(tolerance);
    }

    private static final class Problem {
        final Matrix x;
        final double[] a;
        final double[] y;
        final int n;
        final int d;
        final double yNorm;

        Problem(Matrix x, double[] y, double yNorm) {
            this.x = x;
            this.a = x.data();
            this.y = y;
            this.n = x.rows();
            this.d = x.cols();
            this.yNorm = yNorm;
        }

        double relResidual(double[] w) {
            double[] xw = x.times(w);
            double s = 0;
            for (int i = 0; i < n; i++) {
                double r = xw[i] - y[i];
                s += r * r;
            }
            return Math.sqrt(s) / yNorm;
        }

        /** λ scaled into {‖Xᵀλ‖∞ ≤ 1}. */
        double[] feasible(double[] lam) {
            if (lam == null) {
                return null;
            }
            double m = MarginNorm.LINF.norm(x.transposeTimes(lam));
            if (!Double.isFinite(m)) {
                return null;
            }
            double[] l = lam.clone();
            if (m > 1) {
                for (int i = 0; i < n; i++) {
                    l[i] /= m;
                }
            }
            return l;
        }

        BasisPursuitSolution run(double tolerance) {
            long t0 = System.nanoTime();
            double[] w0 = solvePrimalLp();
            long t1 = System.nanoTime();
            double[] lam0 = solveDualLp();
            long t2 = System.nanoTime();
            LOG.log(Level.DEBUG, () -> String.format("primal LP %.3f s, dual LP %.3f s", (t1 - t0) / 1e9, (t2 - t1) / 1e9));
            List<double[]> ws = new ArrayList<>();
            List<double[]> ls = new ArrayList<>();
            if (w0 != null) {
                ws.add(w0);
            }
            if (lam0 != null) {
                ls.add(feasible(lam0));
            }
            for (double tau : THRESHOLDS) {
                if (w0 != null) {
                    ws.add(polishPrimal(w0, tau));
                }
                if (lam0 != null) {
                    ls.add(feasible(polishDual(lam0, tau)));
                }
            }
            double[] bestL = null;
            double bestD = Double.NEGATIVE_INFINITY;
            for (double[] l : ls) {
                if (l != null) {
                    double v = Kernels.dot(y, l);
                    if (v > bestD) {
                        bestD = v;
                        bestL = l;
                    }
                }
            }
            // The primal candidate with the best certificate: max(relative gap to the best dual, relative residual).
            // (Ranking by ||w||_1 alone would favour slightly infeasible points.)
            double[] bestW = null;
            double bestScore = Double.POSITIVE_INFINITY;
            for (double[] w : ws) {
                if (w == null) {
                    continue;
                }
                double l1 = MarginNorm.L1.norm(w);
                double score = Math.max(relResidual(w), bestL == null ? 0.0 : Math.abs(l1 - bestD) / l1);
                if (Double.isFinite(score) && score < bestScore) {
                    bestScore = score;
                    bestW = w;
                }
            }
            if (bestW == null || bestL == null) {
                return new BasisPursuitSolution(OracleStatus.INACCURATE, bestW, bestL, new int[0], Double.NaN, bestD,
                        Double.NaN, bestW == null ? Double.NaN : relResidual(bestW), Double.NaN, Double.NaN,
                        "the LP solver returned no " + (bestW == null ? "primal" : "dual") + " solution although y is in range(X)");
            }
            double l1 = MarginNorm.L1.norm(bestW);
            double rr = relResidual(bestW);
            double gap = (l1 - bestD) / l1;
            double dinf = Math.max(0.0, MarginNorm.LINF.norm(x.transposeTimes(bestL)) - 1.0);
            double residual = Math.max(Math.abs(gap), Math.max(rr, dinf));
            int nnz = 0;
            for (double v : bestW) {
                if (v != 0) {
                    nnz++;
                }
            }
            int[] support = new int[nnz];
            for (int j = 0, k = 0; j < d; j++) {
                if (bestW[j] != 0) {
                    support[k++] = j;
                }
            }
            OracleStatus status = residual <= tolerance ? OracleStatus.OPTIMAL : OracleStatus.INACCURATE;
            String msg = (status == OracleStatus.OPTIMAL ? "optimal" : "not certified to the tolerance " + tolerance)
                    + ": ||w||_1 = " + l1 + " on " + nnz + " coordinates, ||Xw - y||/||y|| = " + rr + "; dual <y, lambda> = "
                    + bestD + " with ||X^T lambda||_inf <= 1, relative duality gap " + gap;
            return new BasisPursuitSolution(status, bestW, bestL, support, l1, bestD, gap, rr, dinf, residual, msg);
        }

        /** min Σ(w⁺ + w⁻) s.t. X(w⁺ − w⁻) = y, w± ≥ 0; w = w⁺ − w⁻, or null if the solver found no feasible point. */
        double[] solvePrimalLp() {
            LpModel lp = new LpModel();
            LpModel.Split w = lp.split("wp", "wm", d, 1.0);
            for (int i = 0; i < n; i++) {
                w.addTerms(lp.constraint("r" + i, y[i], y[i]), a, i * d, 1);
            }
            return lp.minimise() ? w.values() : null;
        }

        /** max ⟨y, λ⟩ s.t. −1 ≤ (Xᵀλ)ⱼ ≤ 1; λ, or null if the solver found no feasible point. */
        double[] solveDualLp() {
            LpModel lp = new LpModel();
            Variable[] lam = new Variable[n];
            for (int i = 0; i < n; i++) {
                lam[i] = lp.variable("l" + i, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, y[i]);
            }
            for (int j = 0; j < d; j++) {
                LpModel.addTerms(lp.constraint("c" + j, -1.0, 1.0), 1.0, a, j, d, lam);
            }
            return lp.maximise() ? LpModel.values(lam) : null;
        }

        double[] polishPrimal(double[] w0, double tau) {
            double wmax = MarginNorm.LINF.norm(w0);
            List<Integer> f = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                if (Math.abs(w0[j]) > tau * wmax) {
                    f.add(j);
                }
            }
            if (f.isEmpty()) {
                return null;
            }
            int k = f.size();
            double[] m = new double[n * k];
            double[] u0 = new double[k];
            for (int c = 0; c < k; c++) {
                int j = f.get(c);
                u0[c] = w0[j];
                for (int i = 0; i < n; i++) {
                    m[i * k + c] = a[i * d + j];
                }
            }
            double[] u = MinNormLeastSquares.fromInitial(new Matrix(n, k, m), y, u0).w();
            double[] w = new double[d];
            for (int c = 0; c < k; c++) {
                w[f.get(c)] = u[c];
            }
            return w;
        }

        double[] polishDual(double[] lam0, double tau) {
            double[] v = x.transposeTimes(lam0);
            List<Integer> f = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                if (Math.abs(v[j]) >= 1 - tau) {
                    f.add(j);
                }
            }
            if (f.isEmpty()) {
                return null;
            }
            int k = f.size();
            double[] m = new double[k * n];
            double[] rhs = new double[k];
            for (int r = 0; r < k; r++) {
                int j = f.get(r);
                rhs[r] = Math.signum(v[j]);
                for (int i = 0; i < n; i++) {
                    m[r * n + i] = a[i * d + j];
                }
            }
            return MinNormLeastSquares.fromInitial(new Matrix(k, n, m), rhs, Arrays.copyOf(lam0, n)).w();
        }
    }
}
