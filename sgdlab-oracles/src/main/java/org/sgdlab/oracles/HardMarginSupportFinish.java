package org.sgdlab.oracles;

import java.util.Arrays;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * The exact finish of {@link HardMarginSvm} on a support set ({@link SupportSetFinish} with this problem's equality
 * solve). For S = {i : αᵢ &gt; 0}, w is the minimum-norm solution of ⟨w, xᵢ⟩ + b = yᵢ (i ∈ S) — with an intercept, of
 * the centred system after eliminating b — computed by {@link MinNormLeastSquares}; the multipliers are then the αs
 * closest to the current ones that reproduce w exactly, α_S ← α_S + M⁺(target − M α_S) with M = [y_S∘X_Sᵀ; y_Sᵀ] (the
 * last row only with an intercept). Points whose multiplier is not positive leave S; up to min(d + 1, 8) points with
 * margin below 1 − tol join it per round (at most {@value #MAX_ROUNDS} rounds).
 */
final class HardMarginSupportFinish implements SupportSetFinish.Support {
    private static final int MAX_ROUNDS = 100;

    private final Matrix x;
    private final double[] a;
    private final double[] y;
    private final int n;
    private final int d;
    private final boolean intercept;
    private final LabelledRows rows;
    private final double[] ww;
    private double bb;

    /**
     * @param x      the points (read only)
     * @param y      the labels ±1 (read only)
     * @param sqNorm ‖xᵢ‖² (read only)
     */
    HardMarginSupportFinish(Matrix x, double[] y, boolean intercept, double[] sqNorm) {
        this.x = x;
        this.a = x.data();
        this.y = y;
        this.n = x.rows();
        this.d = x.cols();
        this.intercept = intercept;
        this.rows = new LabelledRows(x, y, 0.0, sqNorm);
        this.ww = new double[d];
    }

    /**
     * The finished candidate from the multipliers {@code start} (not modified), or null when the rounds ran out.
     *
     * @param tol the KKT tolerance: points with margin below 1 − tol are violators
     */
    HardMarginSvmSolver.Candidate run(double[] start, double tol) {
        int maxAdd = Math.max(1, Math.min(d + 1, 8));
        double[] al = SupportSetFinish.run(this, start, MAX_ROUNDS, maxAdd, tol);
        if (al == null) {
            return null;
        }
        return new HardMarginSvmSolver.Candidate(ww.clone(), bb, al, HardMarginSvm.kktResidual(x, y, ww, bb, al, intercept));
    }

    @Override
    public int constraints() {
        return n;
    }

    @Override
    public SupportSetFinish.Step solve(int[] s, double[] al, boolean[] inS) {
        int k = s.length;
        // w = min-norm solution of <w, x_i> (+ b) = y_i, i in S (centred when b is free).
        double[] xs = new double[k * d];
        double[] rhs = new double[k];
        double[] mean = new double[d];
        double ymean = 0;
        for (int r = 0; r < k; r++) {
            System.arraycopy(a, s[r] * d, xs, r * d, d);
            rhs[r] = y[s[r]];
            if (intercept) {
                Kernels.axpy(1.0 / k, a, s[r] * d, mean, 0, d);
                ymean += y[s[r]] / k;
            }
        }
        if (intercept) {
            for (int r = 0; r < k; r++) {
                for (int j = 0; j < d; j++) {
                    xs[r * d + j] -= mean[j];
                }
                rhs[r] -= ymean;
            }
        }
        double[] wS = MinNormLeastSquares.solve(new Matrix(k, d, xs), rhs).w();
        // beta = alpha_S * y_S closest to the current one with X_S^T beta = w (and 1^T beta = 0).
        int rowsM = intercept ? d + 1 : d;
        double[] m = new double[rowsM * k];
        for (int r = 0; r < k; r++) {
            int off = s[r] * d;
            for (int j = 0; j < d; j++) {
                m[j * k + r] = a[off + j];
            }
            if (intercept) {
                m[d * k + r] = 1.0;
            }
        }
        double[] target = Arrays.copyOf(wS, rowsM);
        double[] beta = new double[k];
        for (int r = 0; r < k; r++) {
            beta[r] = al[s[r]] * y[s[r]];
        }
        beta = MinNormLeastSquares.fromInitial(new Matrix(rowsM, k, m), target, beta).w();
        boolean dropped = false;
        for (int r = 0; r < k; r++) {
            double v = beta[r] * y[s[r]];
            if (v <= 0) {
                inS[s[r]] = false;
                al[s[r]] = 0;
                dropped = true;
            } else {
                al[s[r]] = v;
            }
        }
        return dropped ? SupportSetFinish.Step.DROPPED : SupportSetFinish.Step.SOLVED;
    }

    /** w = Σαᵢyᵢxᵢ, b = the mean of yᵢ − ⟨w, xᵢ⟩ over S (with an intercept), margins yᵢ(⟨w, xᵢ⟩ + b). */
    @Override
    public void evaluate(double[] al, int[] s, double[] margins) {
        int k = s.length;
        if (k == 0) {
            Arrays.fill(ww, 0.0);
        } else {
            rows.combine(al, ww);
        }
        bb = 0;
        if (intercept && k > 0) {
            for (int r = 0; r < k; r++) {
                bb += y[s[r]] - Kernels.dot(a, s[r] * d, ww, 0, d);
            }
            bb /= k;
        }
        for (int i = 0; i < n; i++) {
            margins[i] = y[i] * (Kernels.dot(a, i * d, ww, 0, d) + bb);
        }
    }
}
