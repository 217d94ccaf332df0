package org.sgdlab.theory.maxmargin;

import org.sgdlab.data.Dataset;
import org.sgdlab.oracles.HardMarginSvm;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.oracles.SvmSolution;

/**
 * Linearly separable data with its homogeneous hard-margin SVM ŵ = argmin ‖w‖ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1,
 * the direction GD on exponentially-tailed losses converges to (Soudry et al. 2018, Thm 3; seed 001 §2).
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

    /** λ_max(XᵀX) = σ_max(X)². */
    double sigmaMaxSquared() {
        return org.sgdlab.objective.Smoothness.sigmaMaxSquared(data, false);
    }
}
