package org.sgdlab.theory.maxmargin;

import org.sgdlab.data.Dataset;
import org.sgdlab.data.MulticlassClouds;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.objective.Reduction;
import org.sgdlab.objective.SoftmaxCrossEntropy;
import org.sgdlab.objective.Smoothness;
import org.sgdlab.oracles.HardMarginSvm;
import org.sgdlab.oracles.MulticlassSvm;
import org.sgdlab.oracles.MulticlassSvmSolution;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.oracles.SvmSolution;

/**
 * Separable K-class data with the mean softmax cross-entropy over W ∈ ℝ^{K×d} and the hard-margin multiclass SVM
 * Ŵ = argmin Σ_k‖w_k‖² s.t. ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1 (Crammer–Singer without slack or intercepts), the direction GD on
 * cross-entropy converges to (source 001 §2.6 eq. 20; Soudry et al. 2018, multi-class section; Ravi, Scott, Soudry, Wang
 * 2024, "The implicit bias of gradient descent on separable multiclass data"). W is flattened row-major (one row per class).
 */
final class MulticlassProblem {
    private final Dataset data;
    private final int numClasses;
    private final SoftmaxCrossEntropy loss;
    private final MulticlassSvmSolution svm;
    private final double[] wHat;

    MulticlassProblem(Dataset data, int numClasses) {
        this.data = data;
        this.numClasses = numClasses;
        this.loss = new SoftmaxCrossEntropy(data, numClasses, Reduction.MEAN);
        this.svm = MulticlassSvm.solve(data.x(), loss.labels(), numClasses);
        if (svm.status() != OracleStatus.OPTIMAL) {
            throw new IllegalStateException("multiclass SVM oracle failed on " + data.name() + ": " + svm.status() + " "
                    + svm.message());
        }
        this.wHat = flatten(svm.w());
    }

    /** n = 60 samples (20 per class) of K = 3 clouds in d = 10 at radius 5, planted pair margin 0.2 (see {@link MulticlassClouds}). */
    static MulticlassProblem standard(long seed) {
        return new MulticlassProblem(MulticlassClouds.generate(60, 10, 3, 5.0, 0.2, seed), 3);
    }

    static double[] flatten(double[][] w) {
        int d = w[0].length;
        double[] out = new double[w.length * d];
        for (int k = 0; k < w.length; k++) {
            System.arraycopy(w[k], 0, out, k * d, d);
        }
        return out;
    }

    Dataset data() {
        return data;
    }

    int numClasses() {
        return numClasses;
    }

    SoftmaxCrossEntropy loss() {
        return loss;
    }

    MulticlassSvmSolution svm() {
        return svm;
    }

    /** Ŵ flattened (a copy). */
    double[] wHat() {
        return wHat.clone();
    }

    /** True at i·K + k for the oracle's support constraints (α_{i,k} &gt; 0). */
    boolean[] supportMask() {
        boolean[] s = new boolean[data.n() * numClasses];
        for (int[] ik : svm.supportConstraints()) {
            s[ik[0] * numClasses + ik[1]] = true;
        }
        return s;
    }

    /** GD's step 1/L on the mean loss, L = λ_max(XᵀX)/(2n) (see {@link SoftmaxCrossEntropy#smoothness()}). */
    double gdStep() {
        return 1.0 / loss.smoothness();
    }

    /** A single-sample step 1/βᵢ with βᵢ = maxᵢ‖xᵢ‖²/2, the smoothness of every per-sample loss. */
    double sgdStep() {
        return 1.0 / (0.5 * Smoothness.maxRowNormSquared(data, false));
    }

    /**
     * The wrong reading of eq. 20 as "one-vs-rest": row k is the homogeneous binary hard-margin SVM of class k (+1) against
     * all other classes (−1), rows stacked; {@code null} if some class cannot be separated from the rest through the origin.
     */
    double[] oneVsRest() {
        int d = data.d();
        double[] out = new double[numClasses * d];
        int[] y = loss.labels();
        for (int k = 0; k < numClasses; k++) {
            double[] pm = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                pm[i] = y[i] == k ? 1 : -1;
            }
            SvmSolution s = HardMarginSvm.solve(data.x(), pm, false);
            if (s.status() != OracleStatus.OPTIMAL) {
                return null;
            }
            System.arraycopy(s.w(), 0, out, k * d, d);
        }
        return out;
    }

    /** ‖Ŵ‖_F. */
    double wHatNorm() {
        return Kernels.norm2(wHat);
    }
}
