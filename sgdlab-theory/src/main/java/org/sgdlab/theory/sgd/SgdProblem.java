package org.sgdlab.theory.sgd;

import org.sgdlab.data.Dataset;
import org.sgdlab.finitesum.FiniteSum;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/**
 * The synthetic finite sums of the SGD checks: m × d Gaussian designs whose column j is scaled by
 * {@code 1/(1 + j/2)} (so the Hessian is moderately ill-conditioned, κ of a few), targets
 * y = Ax̄ + noise·ε (noise &gt; 0: no point fits every term, so the gradient noise does not vanish at
 * x* and SGD has a genuine noise floor), and n &gt; d so AᵀA has full rank (γ &gt; 0).
 */
final class SgdProblem {
    private SgdProblem() {
    }

    /** The regression data set. */
    static Dataset regression(int m, int d, double noise, long seed) {
        return regression(m, d, noise, seed, 0.5);
    }

    /** The regression data set with column i scaled by 1/(1 + skew·i) (skew 0: isotropic, κ ≈ ((1 + √(d/m))/(1 − √(d/m)))²). */
    static Dataset regression(int m, int d, double noise, long seed, double skew) {
        RandomStream r = new RandomStream(seed).split(31);
        double[] x = r.gaussians(new double[m * d]);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) {
                x[j * d + i] /= 1 + skew * i;
            }
        }
        Matrix a = new Matrix(m, d, x);
        double[] w = r.split(1).gaussians(new double[d]);
        double[] y = new double[m];
        Kernels.gemv(a, w, y);
        RandomStream eps = r.split(2);
        for (int j = 0; j < m; j++) {
            y[j] += noise * eps.nextGaussian();
        }
        return new Dataset("sgd-regression(m=" + m + ", d=" + d + ", noise=" + noise + ", seed=" + seed + ")", a, y);
    }

    /** ±1 labels from a noisy linear rule on the same design (for the logistic sums). */
    static Dataset classification(int m, int d, long seed) {
        Dataset reg = regression(m, d, 0.5, seed);
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            y[j] = reg.y()[j] >= 0 ? 1 : -1;
        }
        return new Dataset("sgd-classification(m=" + m + ", d=" + d + ", seed=" + seed + ")", reg.x(), y);
    }

    /** f = (1/m)Σ ℓ(aⱼᵀx, yⱼ) with Reduction.MEAN and no intercept. */
    static FiniteSum sum(Dataset data, Loss loss) {
        return FiniteSum.of(EmpiricalRisk.of(data, loss, Reduction.MEAN));
    }

    /** Least squares f = (1/m)Σ ½(aⱼᵀx − yⱼ)². */
    static FiniteSum leastSquares(Dataset data) {
        return sum(data, SquaredLoss.INSTANCE);
    }

    /**
     * The start x* + r·v along the unit Hessian eigenvector v of index k (0 = smallest), with the largest
     * r ≤ rMax for which S(x) ≤ (1 + excessVariance)·S(x*): far enough for a visible transient, near enough
     * that sup Var(G|X_k) over the run (the theorems' M) reflects the noise near x*, not the start.
     */
    static double[] startWithVarianceBudget(FiniteSum f, int k, double rMax, double excessVariance) {
        int d = f.dimension();
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = f.hessianEigen().vectors()[i * d + k];
        }
        var q = f.spreadQuadratic(f.minimizer());
        double g = 0;
        double pv = 0;
        for (int i = 0; i < d; i++) {
            g += q.grad()[i] * v[i];
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += q.p()[i * d + j] * v[j];
            }
            pv += v[i] * s;
        }
        if (g > 0) {
            g = -g;
            for (int i = 0; i < d; i++) {
                v[i] = -v[i];
            }
        }
        // largest r with pv·r² + g·r − excess·S* ≤ 0
        double c = excessVariance * q.value();
        double r = pv > 0 ? (-g + Math.sqrt(g * g + 4 * pv * c)) / (2 * pv) : rMax;
        r = Math.min(r, rMax);
        double[] x = f.minimizer();
        for (int i = 0; i < d; i++) {
            x[i] += r * v[i];
        }
        return x;
    }

    /** x* + r·v where v is the unit eigenvector of the Hessian for eigenvalue index k (0 = smallest). */
    static double[] startAlongEigenvector(FiniteSum f, int k, double r) {
        int d = f.dimension();
        double[] x = f.minimizer();
        for (int i = 0; i < d; i++) {
            x[i] += r * f.hessianEigen().vectors()[i * d + k];
        }
        return x;
    }
}
