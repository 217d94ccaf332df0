package org.sgdlab.oracles;

import org.sgdlab.linalg.Matrix;

/**
 * A certificate that a homogeneous system ⟨z_c, w⟩ &gt; 0 (all c) has no solution, by Gordan's alternative (P. Gordan,
 * "Ueber die Auflösung linearer Gleichungen mit reellen Coefficienten", Math. Ann. 6, 1873): exactly one of
 * "∃w: ⟨z_c, w⟩ &gt; 0 for all c" and "∃λ ≥ 0, λ ≠ 0: Σ_c λ_c z_c = 0" holds. For the hard-margin SVMs (rows yᵢxᵢ, or
 * (e_{yᵢ} − e_k) ⊗ xᵢ) the second means the data are not separable.
 *
 * <p>{@link #find} obtains λ from a growing dual iterate α ≥ 0 (on non-separable data the hard-margin dual is unbounded:
 * Σα grows while Σα_c z_c stays bounded): on S = {c : α_c &gt; 10⁻⁶·max α}, λ_S is the point closest to α_S/Σα_S with
 * [Z_Sᵀ; 1ᵀ] λ_S = (0, 1) (the minimum-norm correction, {@link MinNormLeastSquares#fromInitial}); constraints whose weight
 * comes out negative leave S and the correction is repeated (at most 60 rounds). It is accepted when λ ≥ 0,
 * |Σλ − 1| ≤ 10⁻⁹ and ‖Σλ_c z_c‖₂ ≤ 10⁻¹²·s, s the largest row norm (see {@link Scale}).
 *
 * @param weights  λ, one weight per row (length rows.count()), λ ≥ 0, Σλ = 1, non-zero only on the final S
 * @param used     the number of positive weights
 * @param residual ‖Σλ_c z_c‖₂
 * @param dualSum  Σα of the iterate it came from (reported in the solvers' messages)
 */
record GordanCertificate(double[] weights, int used, double residual, double dualSum) {
    private static final int MAX_ROUNDS = 60;

    /** Over which rows the scale s of the acceptance test ‖Σλ_c z_c‖ ≤ 10⁻¹²·s is the largest norm. */
    enum Scale {
        /** The rows of the final S (the hard-margin SVM's test, the stricter one). */
        SUPPORT_ROWS,
        /** All rows (the multiclass SVM's test). */
        ALL_ROWS
    }

    /**
     * The certificate built from the dual iterate {@code alpha} (one entry per row, not modified), or null if none
     * passes the test (α = 0, every weight dropped, or the combination not small enough).
     */
    static GordanCertificate find(ConstraintRows rows, double[] alpha, Scale scale) {
        int m = rows.count();
        int p = rows.dim();
        double amax = 0;
        double sa = 0;
        for (int c = 0; c < m; c++) {
            amax = Math.max(amax, alpha[c]);
            sa += alpha[c];
        }
        if (amax == 0) {
            return null;
        }
        boolean[] inS = new boolean[m];
        double[] lam = new double[m];
        for (int c = 0; c < m; c++) {
            if (alpha[c] > 1e-6 * amax) {
                inS[c] = true;
                lam[c] = alpha[c];
            }
        }
        double allRowsMax = 0;
        if (scale == Scale.ALL_ROWS) {
            for (int c = 0; c < m; c++) {
                allRowsMax = Math.max(allRowsMax, rows.norm(c));
            }
        }
        double[] row = new double[p];
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int k = 0;
            double lsum = 0;
            for (int c = 0; c < m; c++) {
                if (inS[c]) {
                    k++;
                    lsum += lam[c];
                }
            }
            if (k == 0 || !(lsum > 0)) {
                return null;
            }
            int[] s = new int[k];
            for (int c = 0, r = 0; c < m; c++) {
                if (inS[c]) {
                    s[r++] = c;
                }
            }
            // [Z_S^T; 1^T] (column r = (z_{s_r}, 1)), and the start alpha_S / sum(alpha_S)
            double[] big = new double[(p + 1) * k];
            double supportMax = 0;
            double[] lambda0 = new double[k];
            for (int r = 0; r < k; r++) {
                rows.copyRow(s[r], row);
                for (int j = 0; j < p; j++) {
                    big[j * k + r] = row[j];
                }
                big[p * k + r] = 1.0;
                supportMax = Math.max(supportMax, rows.norm(s[r]));
                lambda0[r] = lam[s[r]] / lsum;
            }
            double[] target = new double[p + 1];
            target[p] = 1.0;
            Matrix bm = new Matrix(p + 1, k, big);
            double[] l = MinNormLeastSquares.fromInitial(bm, target, lambda0).w();
            boolean negative = false;
            for (int r = 0; r < k; r++) {
                if (!(l[r] >= 0)) {
                    negative = true;
                    inS[s[r]] = false;
                    lam[s[r]] = 0;
                } else {
                    lam[s[r]] = l[r];
                }
            }
            if (negative) {
                continue;
            }
            double[] comb = bm.times(l);
            double resid = 0;
            for (int j = 0; j < p; j++) {
                resid += comb[j] * comb[j];
            }
            resid = Math.sqrt(resid);
            double rowScale = scale == Scale.ALL_ROWS ? allRowsMax : supportMax;
            if (!(resid <= 1e-12 * rowScale) || Math.abs(comb[p] - 1.0) > 1e-9) {
                return null;
            }
            double[] weights = new double[m];
            int used = 0;
            for (int r = 0; r < k; r++) {
                weights[s[r]] = l[r];
                if (l[r] > 0) {
                    used++;
                }
            }
            return new GordanCertificate(weights, used, resid, sa);
        }
        return null;
    }
}
