package org.sgdlab.theory.maxmargin;

import org.sgdlab.data.Dataset;
import org.sgdlab.oracles.HardMarginSvm;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.oracles.SvmSolution;

/**
 * Linearly separable data with its homogeneous hard-margin SVM ŵ = argmin ‖w‖ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1,
 * the direction GD on exponentially-tailed losses converges to (Soudry et al. 2018, Thm 3; source 001 §2).
 */
final class MaxMarginProblem {
    private final Dataset data;
    private final SvmSolution svm;

    MaxMarginProblem(Dataset data) {
        this.data = data.requireBinaryLabels();
        this.svm = HardMarginSvm.solve(data.x(), data.y(), false);
        if (svm.status() != OracleStatus.OPTIMAL) {
            throw new IllegalStateException("SVM oracle failed on " + data.name() + ": " + svm.status() + " " + svm.message());
        }
    }

    Dataset data() {
        return data;
    }

    SvmSolution svm() {
        return svm;
    }

    /** ŵ, the SVM solution (support vectors have margin exactly 1). */
    double[] wHat() {
        return svm.w();
    }

    /** Margins yᵢ⟨ŵ, xᵢ⟩ (1 on support vectors). */
    double[] svmMargins() {
        double[] m = data.x().times(svm.w());
        for (int i = 0; i < m.length; i++) {
            m[i] *= data.y()[i];
        }
        return m;
    }

    /** True for the oracle's support vectors. */
    boolean[] supportMask() {
        boolean[] s = new boolean[data.n()];
        for (int i : svm.supportVectors()) {
            s[i] = true;
        }
        return s;
    }

    /**
     * A certified upper bound on the angle between the oracle's ŵ and the exact SVM solution w*, from the oracle's
     * own optimality conditions (up to the rounding of evaluating them). With zᵢ = yᵢxᵢ, multipliers αᵢ⁺ = max(αᵢ, 0),
     * A = Σαᵢ⁺, s = ŵ − Σαᵢ⁺zᵢ, margins mᵢ = ⟨ŵ, zᵢ⟩ and p = max(0, 1 − minᵢ mᵢ) &lt; 1: every feasible w has
     * ⟨zᵢ, w⟩ ≥ 1, so ⟨ŵ, w*⟩ ≥ A − ‖s‖‖w*‖, and ŵ/(1 − p) is feasible, so ‖w*‖ ≤ ‖ŵ‖/(1 − p). Hence
     * 1 − cos θ ≤ δ = (‖ŵ‖² − A + pA)/‖ŵ‖² + ‖s‖/‖ŵ‖ with ‖ŵ‖² − A = Σαᵢ⁺(mᵢ − 1) + ⟨ŵ, s⟩ (evaluated in this form
     * to avoid cancellation), and θ ≤ 2 asin(√(δ/2)). A KKT residual r gives δ = O(r): the angle is only known to
     * O(√r), so an angle threshold of 1e-6 needs r of order 1e-13 or less.
     */
    double oracleAngleBound() {
        return angleBound(data, svm.w(), svm.alpha());
    }

    /** {@link #oracleAngleBound()} for a candidate w with multipliers alpha on {@code data} (tests perturb them). */
    static double angleBound(Dataset data, double[] w, double[] alpha) {
        double[] m = data.x().times(w);
        for (int i = 0; i < m.length; i++) {
            m[i] *= data.y()[i];
        }
        double[] s = w.clone();
        double a = 0;
        double gap = 0;
        double minMargin = Double.POSITIVE_INFINITY;
        int d = data.d();
        for (int i = 0; i < data.n(); i++) {
            minMargin = Math.min(minMargin, m[i]);
            double ai = Math.max(alpha[i], 0.0);
            if (ai > 0) {
                a += ai;
                gap += ai * (m[i] - 1);
                org.sgdlab.linalg.Kernels.axpy(-ai * data.y()[i], data.x().data(), i * d, s, 0, d);
            }
        }
        double p = Math.max(0.0, 1 - minMargin);
        if (!(p < 1)) {
            return Math.PI;
        }
        double nw2 = org.sgdlab.linalg.Kernels.dot(w, w);
        double ns = org.sgdlab.linalg.Kernels.norm2(s);
        double delta = Math.max(0.0, (gap + org.sgdlab.linalg.Kernels.dot(w, s) + p * a) / nw2 + ns / Math.sqrt(nw2));
        return delta >= 2 ? Math.PI : 2 * Math.asin(Math.sqrt(delta / 2));
    }

    /** λ_max(XᵀX) = σ_max(X)². */
    double sigmaMaxSquared() {
        return org.sgdlab.objective.Smoothness.sigmaMaxSquared(data, false);
    }
}
