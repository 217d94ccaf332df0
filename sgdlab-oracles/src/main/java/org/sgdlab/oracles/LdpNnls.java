package org.sgdlab.oracles;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;

/**
 * The least-distance problem min ‖w‖₂ s.t. Zw ≥ 1 (rows zᵢ of the n × p matrix Z, read through {@link ConstraintRows}),
 * solved through its non-negative least-squares dual with the active-set algorithm of Lawson &amp; Hanson (<i>Solving
 * Least Squares Problems</i>, 1974, ch. 23, algorithms NNLS and LDP). Package-private: the first stage of
 * {@link HardMarginSvm} (rows yᵢxᵢ, stored densely) and the support identification of {@link MulticlassSvm} (rows
 * (e_{yᵢ} − e_k) ⊗ xᵢ, never formed).
 *
 * <pre>
 *   NNLS:  min_{u ≥ 0} ‖E u − f‖₂,   E = [Zᵀ; 1ᵀ] ((p+1) × n),   f = e_{p+1}
 *   with r = E û − f = (Σuᵢzᵢ, Σuᵢ − 1):  the LDP is feasible iff r ≠ 0, and then w = Σαᵢzᵢ with αᵢ = uᵢ / (1 − Σuᵢ).
 * </pre>
 *
 * With Z = diag(y)X this is the homogeneous hard-margin SVM and α are its dual variables: the NNLS gradient
 * Eᵀ(f − Eu) has entries (1 − Σu)(1 − ⟨zⱼ, w⟩), so the point entering the passive set is always the one with the
 * smallest margin, and the iteration stops when every margin is ≥ 1 − tol. Each outer iteration costs margins for a
 * candidate list (occasionally a full product Z·w, O(np)) plus an O(p²) update of the least-squares solution on the
 * passive set (at most p + 1 columns). The number of steps depends on the support set's size, not on how
 * ill-conditioned the support vectors' Gram matrix is (which is what slows coordinate ascent down as the margin
 * shrinks): on 8000 Gaussian points in 50 dimensions with 50 support vectors, 240–390 entering steps and 8–13 full
 * passes, at margin 1 as at margin 0.1.
 */
final class LdpNnls {
    private static final Logger LOG = System.getLogger(LdpNnls.class.getName());
    /** Result: dual variables α (length n, null when the solve gave up) and outer iterations used. */
    record Result(double[] alpha, int iterations, String failure) {
    }

    private LdpNnls() {
    }

    /** {@link #solve(ConstraintRows, double, int)} on the rows of {@code z} (row-major n × p, not modified). */
    static Result solve(double[] z, int n, int p, double tol, int maxOuter) {
        return solve(ConstraintRows.dense(z, n, p), tol, maxOuter);
    }

    /**
     * Runs Lawson–Hanson on the rows z_c (n = rows.count(), p = rows.dim()).
     *
     * <p>Two departures from the textbook algorithm, for speed: (1) the entering point is the smallest margin among a
     * candidate list (the {@code 4(p+1)} smallest margins of the last full pass) rather than over all points; it is
     * still a violated constraint, so every step still strictly decreases the NNLS objective (Lawson–Hanson's
     * finiteness argument only needs a positive gradient entry), and a full pass over all points is made whenever no
     * candidate violates, so termination is certified against every point; (2) the QR factorisation of the passive
     * columns is updated by Givens rotations when a column enters or leaves (O(p²) each) instead of recomputed.
     *
     * @param tol      stop when all margins ⟨zⱼ, w⟩ ≥ 1 − tol
     * @param maxOuter budget of outer iterations (entering points)
     */
    static Result solve(ConstraintRows rows, double tol, int maxOuter) {
        return new Run(rows).solve(tol, maxOuter);
    }

    private static final class Run {
        final ConstraintRows z;
        final int n;
        final int p;
        final int m;
        final double[] u;
        final boolean[] inP;
        final int[] passive;
        int np;
        int fullPasses;
        int drops;
        // QR factorisation of E_P kept explicitly and updated by Givens rotations (Golub & Van Loan §6.5):
        // qt = Qᵀ (m × m, row-major), r = R (m × m, column-major, upper triangular in its first np columns).
        final double[] qt;
        final double[] r;
        final double[] qtf;
        final double[] col;
        final double[] sol;
        final double[] w;

        Run(ConstraintRows z) {
            this.z = z;
            this.n = z.count();
            this.p = z.dim();
            this.m = p + 1;
            this.u = new double[n];
            this.inP = new boolean[n];
            this.passive = new int[m];
            this.qt = new double[m * m];
            for (int i = 0; i < m; i++) {
                qt[i * m + i] = 1.0;
            }
            this.r = new double[m * m];
            this.qtf = new double[m];
            this.col = new double[m];
            this.sol = new double[m];
            this.w = new double[p];
            this.qtf[p] = 1.0; // Qᵀf with Q = I before any column enters
        }

        /** w = Σuz / (1 − Σu); returns 1 − Σu. */
        double primal() {
            double su = 0;
            Arrays.fill(w, 0.0);
            for (int q = 0; q < np; q++) {
                int j = passive[q];
                su += u[j];
                z.axpy(j, u[j], w, 0);
            }
            double scale = 1.0 - su;
            for (int t = 0; t < p; t++) {
                w[t] /= scale;
            }
            return scale;
        }

        Result solve(double tol, int maxOuter) {
            int cap = Math.min(n, 4 * m);
            int[] cand = new int[cap];
            int nc = 0;
            boolean[] rejected = new boolean[n];
            int outer = 0;
            boolean fullPassNeeded = true;
            double[] cm = new double[cap];
            while (true) {
                double scale = primal();
                if (!(scale > 1e-12)) {
                    return new Result(null, outer, "1 - sum(u) = " + scale + ": the data look non-separable or badly scaled");
                }
                int enter = -1;
                double worst = 1.0 - tol;
                if (!fullPassNeeded) {
                    for (int c = 0; c < nc; c++) {
                        int j = cand[c];
                        if (inP[j] || rejected[j]) {
                            continue;
                        }
                        double mj = z.dot(j, w, 0);
                        if (mj < worst) {
                            worst = mj;
                            enter = j;
                        }
                    }
                }
                if (enter < 0) {
                    fullPasses++;
                    // Full pass: the smallest margin overall, and a new candidate list (the cap smallest margins).
                    nc = 0;
                    for (int j = 0; j < n; j++) {
                        if (inP[j] || rejected[j]) {
                            continue;
                        }
                        double mj = z.dot(j, w, 0);
                        if (mj < worst) {
                            worst = mj;
                            enter = j;
                        }
                        // keep the cap smallest margins, sorted ascending (insertion; cap is small)
                        if (nc < cap || mj < cm[nc - 1]) {
                            int pos = nc < cap ? nc++ : nc - 1;
                            while (pos > 0 && cm[pos - 1] > mj) {
                                cm[pos] = cm[pos - 1];
                                cand[pos] = cand[pos - 1];
                                pos--;
                            }
                            cm[pos] = mj;
                            cand[pos] = j;
                        }
                    }
                    fullPassNeeded = false;
                    if (enter < 0) {
                        double[] alpha = new double[n];
                        for (int q = 0; q < np; q++) {
                            alpha[passive[q]] = u[passive[q]] / scale;
                        }
                        int passes = fullPasses;
                        int dropped = drops;
                        LOG.log(Level.DEBUG, () -> "nnls: " + passes + " full passes, " + dropped + " drops");
                        return new Result(alpha, outer, null);
                    }
                }
                if (++outer > maxOuter) {
                    return new Result(null, outer, "outer budget " + maxOuter + " exhausted");
                }
                if (np == m) {
                    return new Result(null, outer, "passive set full (p + 1 = " + m + " columns): degenerate data");
                }
                passive[np] = enter;
                inP[enter] = true;
                addColumn();
                boolean first = true;
                while (true) {
                    if (!solveR()) {
                        return new Result(null, outer, "singular least-squares subproblem on the passive set");
                    }
                    if (first) {
                        first = false;
                        if (!(sol[np - 1] > 0)) {
                            // Rounding made the entering coefficient non-positive (Lawson–Hanson's safeguard): reject it.
                            inP[enter] = false;
                            rejected[enter] = true;
                            removeColumn(np - 1);
                            break;
                        }
                        Arrays.fill(rejected, false);
                    }
                    boolean allPositive = true;
                    for (int q = 0; q < np; q++) {
                        if (!(sol[q] > 0)) {
                            allPositive = false;
                            break;
                        }
                    }
                    if (allPositive) {
                        for (int q = 0; q < np; q++) {
                            u[passive[q]] = sol[q];
                        }
                        break;
                    }
                    // Step from u towards sol until the first coefficient hits zero; drop the zeros.
                    double step = 1.0;
                    int limiting = -1;
                    for (int q = 0; q < np; q++) {
                        if (!(sol[q] > 0)) {
                            double uj = u[passive[q]];
                            double sq = uj / (uj - sol[q]);
                            if (sq < step || limiting < 0) {
                                step = Math.min(step, sq);
                                limiting = q;
                            }
                        }
                    }
                    for (int q = 0; q < np; q++) {
                        int j = passive[q];
                        u[j] = u[j] + step * (sol[q] - u[j]);
                    }
                    drops++;
                    for (int q = np - 1; q >= 0; q--) {
                        int j = passive[q];
                        if (q == limiting || u[j] <= 0.0) {
                            u[j] = 0.0;
                            inP[j] = false;
                            removeColumn(q);
                        }
                    }
                    if (np == 0) {
                        break;
                    }
                }
            }
        }

        /** Appends column e_j (j = passive[np]) to the factorisation and increments np: O(m²). */
        void addColumn() {
            int k = np;
            int j = passive[k];
            // col = Qᵀ e_j with e_j = (z_j, 1)
            for (int i = 0; i < m; i++) {
                col[i] = z.dot(j, qt, i * m) + qt[i * m + p];
            }
            // Zero col[k+1..m) bottom-up with rotations of adjacent rows (existing columns are zero there).
            for (int i = m - 1; i > k; i--) {
                double b = col[i];
                if (b == 0.0) {
                    continue;
                }
                double a = col[i - 1];
                double h = Math.hypot(a, b);
                double c = a / h;
                double s = b / h;
                col[i - 1] = h;
                col[i] = 0.0;
                rotateRows(i - 1, i, c, s);
            }
            System.arraycopy(col, 0, r, k * m, k + 1);
            np = k + 1;
        }

        /** Rows (i, i+1) of Qᵀ and of Qᵀf ← G (rows): [c s; −s c]. */
        void rotateRows(int i, int i2, double c, double s) {
            int oi = i * m;
            int o2 = i2 * m;
            for (int t = 0; t < m; t++) {
                double x = qt[oi + t];
                double y = qt[o2 + t];
                qt[oi + t] = c * x + s * y;
                qt[o2 + t] = -s * x + c * y;
            }
            double x = qtf[i];
            double y = qtf[i2];
            qtf[i] = c * x + s * y;
            qtf[i2] = -s * x + c * y;
        }

        /** Removes passive position q (order of the others kept) and re-triangularises R: O(m·np). */
        void removeColumn(int q) {
            for (int t = q; t < np - 1; t++) {
                passive[t] = passive[t + 1];
                System.arraycopy(r, (t + 1) * m, r, t * m, m);
            }
            np--;
            for (int k = q; k < np; k++) {
                // R is upper Hessenberg from column q on: zero r[k+1, k].
                double a = r[k * m + k];
                double b = r[k * m + k + 1];
                if (b == 0.0) {
                    continue;
                }
                double h = Math.hypot(a, b);
                double c = a / h;
                double s = b / h;
                for (int t = k; t < np; t++) {
                    double x = r[t * m + k];
                    double y = r[t * m + k + 1];
                    r[t * m + k] = c * x + s * y;
                    r[t * m + k + 1] = -s * x + c * y;
                }
                r[k * m + k + 1] = 0.0;
                rotateRows(k, k + 1, c, s);
            }
        }

        /** sol = R⁻¹ (Qᵀf)[0..np); false if R is numerically singular. */
        boolean solveR() {
            double maxDiag = 0;
            double minDiag = Double.POSITIVE_INFINITY;
            for (int q = 0; q < np; q++) {
                maxDiag = Math.max(maxDiag, Math.abs(r[q * m + q]));
                minDiag = Math.min(minDiag, Math.abs(r[q * m + q]));
            }
            if (!(minDiag > 1e-13 * maxDiag)) {
                return false;
            }
            for (int i = np - 1; i >= 0; i--) {
                double acc = qtf[i];
                for (int t = i + 1; t < np; t++) {
                    acc -= r[t * m + i] * sol[t];
                }
                sol[i] = acc / r[i * m + i];
            }
            return true;
        }
    }
}
