package org.sgdlab.oracles;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.sgdlab.linalg.Cholesky;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * The exact finish of {@link MulticlassSvm} on a support set ({@link SupportSetFinish} with this problem's equality
 * solve). For S = {(i,k) : α &gt; 0} the minimum-norm W with m_{i,k}(W) = 1 on S is W = M_Sᵀβ with (M_S M_Sᵀ)β = 1 (M_S the
 * constraint rows (e_{yᵢ} − e_k) ⊗ xᵢ; the Gram matrix comes from the kernel ⟨xᵢ, x_{i'}⟩, {@link MulticlassRows#gram}),
 * and β are then the multipliers (stationarity holds by construction). The Gram system is solved by Cholesky with two
 * steps of iterative refinement. A singular Gram (degenerate support: more tight constraints than the (K−1)d effective
 * dimensions, typically a coarse multiplier on its way to 0) is reduced Carathéodory-style, moving α_S along a null
 * vector of M_Sᵀ (W unchanged) until a multiplier reaches 0, which leaves S; a non-positive β drops the most negative
 * one; violated constraints outside S join it, the 8 worst at a time.
 */
final class MulticlassSupportFinish implements SupportSetFinish.Support {
    private static final Logger LOG = System.getLogger(MulticlassSvm.class.getName());
    private static final int MAX_ADD = 8;

    private final MulticlassRows rows;
    private final int cols;
    private final double[] ww;
    private final double[] score;
    private boolean cheap;

    /**
     * @param rows the constraint rows (read only)
     * @param kk   the number of classes K
     * @param d    the number of features
     */
    MulticlassSupportFinish(MulticlassRows rows, int kk, int d) {
        this.rows = rows;
        this.cols = kk * d;
        this.ww = new double[cols];
        this.score = new double[kk];
    }

    /**
     * The finished {W (K·d, class-major), α (n × K layout)} from the multipliers {@code start} (n × K layout, not
     * modified), or null after {@code maxRounds} rounds. With at most 30 rounds the attempt is a cheap checkpoint: it
     * gives up on a singular Gram, leaving degenerate supports to a finish from a converged ascent.
     */
    double[][] run(double[] start, int maxRounds, double tol) {
        return runCompact(rows.compact(start), maxRounds, tol);
    }

    /** As {@link #run}, from multipliers in the constraint order of {@link MulticlassRows} (not modified). */
    double[][] runCompact(double[] start, int maxRounds, double tol) {
        cheap = maxRounds <= 30;
        double[] al = SupportSetFinish.run(this, start, maxRounds, MAX_ADD, tol);
        return al == null ? null : new double[][] {ww.clone(), rows.spread(al)};
    }

    @Override
    public int constraints() {
        return rows.count();
    }

    @Override
    public SupportSetFinish.Step solve(int[] s, double[] al, boolean[] inS) {
        int k = s.length;
        double[] g = new double[k * k];
        for (int r = 0; r < k; r++) {
            for (int q = 0; q <= r; q++) {
                double v = rows.gram(s[r], s[q]);
                g[r * k + q] = v;
                g[q * k + r] = v;
            }
        }
        // pivots ≤ 1e-12 · the largest diagonal entry count as singular
        Cholesky chol = new Cholesky(k, 1e-12);
        boolean definite = chol.decompose(g);
        if (!definite && cheap) {
            return SupportSetFinish.Step.GAVE_UP;
        }
        if (!definite) {
            int drop = caratheodoryDrop(s, al);
            LOG.log(Level.TRACE, () -> "singular Gram, dropping constraint " + drop);
            inS[drop] = false;
            al[drop] = 0;
            return SupportSetFinish.Step.DROPPED;
        }
        double[] ones = new double[k];
        java.util.Arrays.fill(ones, 1.0);
        double[] beta = chol.solve(ones, new double[k]);
        for (int refine = 0; refine < 2; refine++) {
            double[] res = ones.clone();
            for (int r = 0; r < k; r++) {
                double t = 0;
                for (int q = 0; q < k; q++) {
                    t += g[r * k + q] * beta[q];
                }
                res[r] -= t;
            }
            chol.solveInPlace(res);
            for (int r = 0; r < k; r++) {
                beta[r] += res[r];
            }
        }
        int worst = -1;
        for (int r = 0; r < k; r++) {
            if (!(beta[r] > 0) && (worst < 0 || beta[r] < beta[worst])) {
                worst = r;
            }
        }
        if (worst >= 0) {
            inS[s[worst]] = false;
            al[s[worst]] = 0;
            return SupportSetFinish.Step.DROPPED;
        }
        for (int r = 0; r < k; r++) {
            al[s[r]] = beta[r];
        }
        return SupportSetFinish.Step.SOLVED;
    }

    /**
     * Dependent rows: moves α_S along a null vector ν of M_Sᵀ (W = M_Sᵀα unchanged) until a multiplier reaches 0
     * (Carathéodory reduction) and returns that constraint; if no null vector is found at the Cholesky threshold, the
     * one with the smallest multiplier. Updates al on s.
     */
    private int caratheodoryDrop(int[] s, double[] al) {
        int k = s.length;
        double[] m = new double[k * cols];
        double[] row = new double[cols];
        double[] aS = new double[k];
        for (int r = 0; r < k; r++) {
            rows.copyRow(s[r], row);
            System.arraycopy(row, 0, m, r * cols, cols);
            aS[r] = al[s[r]];
        }
        double[] nu = MinNormLeastSquares.projectOntoNullSpace(new Matrix(k, cols, m).transpose(), aS, 1e-6);
        int drop = -1;
        double tMin = Double.POSITIVE_INFINITY;
        double nuMax = 0;
        for (double v : nu) {
            nuMax = Math.max(nuMax, Math.abs(v));
        }
        if (nuMax > 1e-9 * Kernels.norm2(aS)) {
            for (int r = 0; r < k; r++) {
                if (nu[r] > 1e-12 * nuMax && aS[r] / nu[r] < tMin) {
                    tMin = aS[r] / nu[r];
                    drop = r;
                }
            }
        }
        if (drop >= 0) {
            for (int r = 0; r < k; r++) {
                al[s[r]] = Math.max(0.0, aS[r] - tMin * nu[r]);
            }
            return s[drop];
        }
        drop = s[0];
        for (int r = 1; r < k; r++) {
            if (al[s[r]] < al[drop]) {
                drop = s[r];
            }
        }
        return drop;
    }

    /** W = Σα_c z_c and the margins ⟨w_{yᵢ} − w_k, xᵢ⟩ of all constraints. */
    @Override
    public void evaluate(double[] al, int[] s, double[] margins) {
        rows.combine(al, ww);
        rows.margins(ww, score, margins);
    }
}
