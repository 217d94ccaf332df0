package org.sgdlab.kernels;

import java.util.Objects;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.PivotedCholesky;
import org.sgdlab.oracles.HardMarginSvm;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.oracles.SvmSolution;

/**
 * The hard-margin kernel SVM (Boser, Guyon &amp; Vapnik 1992; seed 001 §3.3 eq. 28): min ½‖w‖²_H s.t.
 * yᵢ(⟨w, φ(xᵢ)⟩ + b) ≥ 1 (b ≡ 0 for the homogeneous problem), dual max Σαᵢ − ½ Σᵢⱼ αᵢαⱼyᵢyⱼK_ij, α ≥ 0
 * [Σαᵢyᵢ = 0 with an intercept], predictor f(x) = Σᵢ αᵢyᵢk(xᵢ, x) + b.
 *
 * <p>Method: an exact factorization K = FFᵀ turns the kernel problem into the linear one on the feature rows F (n × ρ):
 * for any w = Σαᵢyᵢφ(xᵢ) the margins and ‖w‖_H only involve K, and the linear SVM on the rows of F has the same dual.
 * F comes from the repository's {@link PivotedCholesky} (P K Pᵀ ≈ LLᵀ, stopped at the numerical rank ρ with relative
 * tolerance n·ε, so ‖K − FFᵀ‖_max ≤ n·ε·max K_ii), and the existing {@link HardMarginSvm} solves the linear problem
 * unchanged (with its own certificate). The answer is then re-checked in the kernel's own terms by
 * {@link #kktResidual} on K itself, which also catches a factorization that was not exact enough; OPTIMAL needs that
 * residual ≤ {@value #TOLERANCE}.
 */
public final class KernelSvm {
    /** The largest KKT residual (on K) certified OPTIMAL. */
    public static final double TOLERANCE = 1e-10;

    private KernelSvm() {
    }

    /**
     * Solves the hard-margin SVM with Gram matrix K.
     *
     * @param gram         K, n × n row-major, symmetric positive semidefinite (read only)
     * @param y            labels ±1 (length n, read only)
     * @param fitIntercept false for the homogeneous problem (b = 0)
     * @throws IllegalArgumentException on a wrong length, a non-finite or asymmetric K, or a label other than ±1 (naming
     *                                  the row and value)
     */
    public static KernelSvmSolution solve(double[] gram, int n, double[] y, boolean fitIntercept) {
        Objects.requireNonNull(gram, "gram");
        Objects.requireNonNull(y, "y");
        KernelRidge.requireGram(gram, n);
        if (y.length != n) {
            throw new IllegalArgumentException("y has length " + y.length + " but the Gram matrix is " + n + " × " + n);
        }
        for (int i = 0; i < n; i++) {
            if (y[i] != 1.0 && y[i] != -1.0) {
                throw new IllegalArgumentException("row " + i + ": label must be -1 or +1, got " + y[i]);
            }
        }
        Matrix features = featureRows(gram, n);
        int rank = features.cols();
        if (rank == 0 && !fitIntercept) {
            return new KernelSvmSolution(OracleStatus.NOT_SEPARABLE, null, Double.NaN, new int[0], Double.NaN, Double.NaN, 0,
                    0, "the Gram matrix is zero (numerical rank 0): every feature vector is 0, so y_i f(x_i) >= 1 cannot hold");
        }
        SvmSolution s = HardMarginSvm.solve(features, y, fitIntercept);
        if (s.status() == OracleStatus.NOT_SEPARABLE) {
            return new KernelSvmSolution(OracleStatus.NOT_SEPARABLE, null, Double.NaN, new int[0], Double.NaN, Double.NaN,
                    rank, s.iterations(), "not separable in the kernel's feature space (rank " + rank + " factor of K): "
                    + s.message());
        }
        double[] alpha = s.alpha();
        double b = fitIntercept ? s.b() : 0.0;
        double kkt = kktResidual(gram, n, y, alpha, b, fitIntercept);
        double wNorm2 = 0;
        for (int i = 0; i < n; i++) {
            if (alpha[i] == 0) {
                continue;
            }
            double s2 = 0;
            for (int j = 0; j < n; j++) {
                s2 += alpha[j] * y[j] * gram[i * n + j];
            }
            wNorm2 += alpha[i] * y[i] * s2;
        }
        double margin = wNorm2 > 0 ? 1.0 / Math.sqrt(wNorm2) : Double.POSITIVE_INFINITY;
        OracleStatus status = s.status();
        String message = "kernel SVM on the rank-" + rank + " pivoted Cholesky factor of K: " + s.message()
                + String.format("; KKT residual on K %.2e", kkt);
        if (status == OracleStatus.OPTIMAL && !(kkt <= TOLERANCE)) {
            status = OracleStatus.INACCURATE;
            message += " above the tolerance " + TOLERANCE + " (the factor reproduces K only to n·ε·max K_ii)";
        }
        return new KernelSvmSolution(status, alpha, b, s.supportVectors(), margin, kkt, rank, s.iterations(), message);
    }

    /**
     * F (n × ρ, a new matrix) with FFᵀ = K up to n·ε·max K_ii entrywise: the pivoted Cholesky factor with its rows put
     * back in the original order (row i of F is the row of L belonging to point i). {@code gram} is read only.
     */
    public static Matrix featureRows(double[] gram, int n) {
        PivotedCholesky pc = new PivotedCholesky(n, n * Math.ulp(1.0));
        pc.decompose(gram);
        int rank = pc.rank();
        int[] perm = pc.permutation();
        double[] l = pc.factor();
        double[] f = new double[n * rank];
        for (int s = 0; s < n; s++) {
            System.arraycopy(l, s * n, f, perm[s] * rank, Math.min(rank, s + 1));
        }
        return new Matrix(n, rank, f);
    }

    /**
     * The KKT residual of (α, b) for the kernel problem, on K itself, in the scale-aware form of
     * {@link HardMarginSvm#kktResidual} (w = Σαᵢyᵢφ(xᵢ) is implicit, so stationarity in w holds by construction): with
     * margins mᵢ = yᵢ(Σⱼ αⱼyⱼK_ij + b) and ‖α‖∞ (1 if α = 0), the maximum of (1 − mᵢ)₊, (−αᵢ)₊/‖α‖∞,
     * (|αᵢ|/‖α‖∞)·|mᵢ − 1| and, with an intercept, |Σαᵢyᵢ|/Σ|αᵢ|. All arguments are read only.
     */
    public static double kktResidual(double[] gram, int n, double[] y, double[] alpha, double b, boolean fitIntercept) {
        double amax = 0;
        double asum = 0;
        double aysum = 0;
        for (int i = 0; i < n; i++) {
            amax = Math.max(amax, Math.abs(alpha[i]));
            asum += Math.abs(alpha[i]);
            aysum += alpha[i] * y[i];
        }
        if (amax == 0) {
            amax = 1;
        }
        double res = 0;
        for (int i = 0; i < n; i++) {
            double f = b;
            for (int j = 0; j < n; j++) {
                if (alpha[j] != 0) {
                    f += alpha[j] * y[j] * gram[i * n + j];
                }
            }
            double m = y[i] * f;
            res = Math.max(res, Math.max(0.0, 1.0 - m));
            res = Math.max(res, Math.max(0.0, -alpha[i]) / amax);
            res = Math.max(res, Math.abs(alpha[i]) / amax * Math.abs(m - 1.0));
        }
        if (fitIntercept && asum > 0) {
            res = Math.max(res, Math.abs(aysum) / asum);
        }
        return res;
    }
}
