package org.sgdlab.theory.sde;

import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.sde.Sde;
import org.sgdlab.sde.Sdes;

/**
 * The small finite sums of the sde.weak-order and sde.linear-scaling claims, f(x) = (1/n) Σᵢ fᵢ(x) over rows aᵢ ∈ ℝ^d
 * with targets yᵢ, in closed form (thread safe, no scratch): least squares fᵢ = ½(aᵢᵀx − yᵢ)² (a quadratic) or logistic
 * fᵢ = log(1 + e^{−yᵢaᵢᵀx}) with yᵢ = ±1. The SGD runs of the claims use core's {@code EmpiricalRisk} on
 * {@link #dataset()} with the same loss and mean reduction (the tests check that its gradients are these).
 *
 * <p>Minibatch noise (002 Problem 12.1.1): a batch of B indices drawn uniformly with replacement has
 * Cov = Σ₁(x)/B with Σ₁(x) = (1/n) Σᵢ (∇fᵢ − ∇f)(∇fᵢ − ∇f)ᵀ, so the canonical SDE of SGD (002 eq. 12.4) is
 * dX = −∇f(X)dt + √(η/B)·Σ₁(X)^{1/2} dW, with Σ₁^{1/2} any factor L, LLᵀ = Σ₁ (the law depends on LLᵀ only; the
 * Cholesky factor is used).
 */
final class FiniteSumToy {
    /** The two losses. */
    enum Kind { LEAST_SQUARES, LOGISTIC }

    private final Kind kind;
    private final int n;
    private final int d;
    private final double[] a;
    private final double[] y;

    /** @param rows n×d (copied), @param y n targets (copied; ±1 for the logistic loss) */
    FiniteSumToy(Kind kind, double[][] rows, double[] y) {
        this.kind = kind;
        this.n = rows.length;
        this.d = rows[0].length;
        if (y.length != n) {
            throw new IllegalArgumentException("need one target per row, got " + y.length + " targets for " + n + " rows");
        }
        this.a = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " entries, expected " + d);
            }
            System.arraycopy(rows[i], 0, a, i * d, d);
        }
        this.y = y.clone();
    }

    /** The eight rows in ℝ² both claims use (aᵢ, with least-squares targets; the logistic labels are their signs). */
    static final double[][] ROWS = {{1.0, 0.2}, {0.4, -1.1}, {-0.8, 0.5}, {1.3, 0.9}, {-0.2, -0.6}, {0.7, -0.3},
        {-1.1, -0.4}, {0.3, 1.2}};
    static final double[] TARGETS = {1.0, -0.5, 0.3, 1.5, -0.8, 0.6, -1.2, 0.9};

    /** Least squares on {@link #ROWS}, {@link #TARGETS}. */
    static FiniteSumToy leastSquares() {
        return leastSquares(1);
    }

    /** Least squares on {@link #ROWS} times {@code scale} (H scales by scale²), {@link #TARGETS}. */
    static FiniteSumToy leastSquares(double scale) {
        double[][] rows = new double[ROWS.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {scale * ROWS[i][0], scale * ROWS[i][1]};
        }
        return new FiniteSumToy(Kind.LEAST_SQUARES, rows, TARGETS);
    }

    /** Logistic regression on {@link #ROWS} with labels sign(yᵢ) flipped on rows 2 and 5 (not separable: bounded minimizer). */
    static FiniteSumToy logistic() {
        double[] labels = new double[TARGETS.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Math.signum(TARGETS[i]) * (i == 2 || i == 5 ? -1 : 1);
        }
        return new FiniteSumToy(Kind.LOGISTIC, ROWS, labels);
    }

    Kind kind() {
        return kind;
    }

    int n() {
        return n;
    }

    int d() {
        return d;
    }

    /** aᵢ's j-th entry. */
    double row(int i, int j) {
        return a[i * d + j];
    }

    double target(int i) {
        return y[i];
    }

    /** The data for core's EmpiricalRisk (a new Dataset each call). */
    Dataset dataset() {
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * d, rows[i], 0, d);
        }
        return new Dataset(kind == Kind.LOGISTIC ? "weak-order-logistic" : "weak-order-least-squares", Matrix.of(rows), y.clone());
    }

    /** The loss EmpiricalRisk uses with {@link #dataset()} (mean reduction). */
    Loss loss() {
        return kind == Kind.LOGISTIC ? LogisticLoss.INSTANCE : SquaredLoss.INSTANCE;
    }

    private double margin(int i, double[] x) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += a[i * d + j] * x[j];
        }
        return s;
    }

    /** fᵢ'(aᵢᵀx) so that ∇fᵢ = fᵢ'·aᵢ: aᵢᵀx − yᵢ, or −yᵢ/(1 + e^{yᵢaᵢᵀx}). */
    private double slope(int i, double[] x) {
        double p = margin(i, x);
        if (kind == Kind.LEAST_SQUARES) {
            return p - y[i];
        }
        double m = y[i] * p;
        return m >= 0 ? -y[i] * Math.exp(-m) / (1 + Math.exp(-m)) : -y[i] / (1 + Math.exp(m));
    }

    /** f(x). */
    double value(double[] x) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double p = margin(i, x);
            if (kind == Kind.LEAST_SQUARES) {
                s += 0.5 * (p - y[i]) * (p - y[i]);
            } else {
                double m = y[i] * p;
                s += Math.max(-m, 0) + Math.log1p(Math.exp(-Math.abs(m)));
            }
        }
        return s / n;
    }

    /** out ← ∇fᵢ(x); x read only. */
    void sampleGradient(int i, double[] x, double[] out) {
        double s = slope(i, x);
        for (int j = 0; j < d; j++) {
            out[j] = s * a[i * d + j];
        }
    }

    /** out ← ∇f(x); x read only. */
    void gradient(double[] x, double[] out) {
        java.util.Arrays.fill(out, 0, d, 0);
        for (int i = 0; i < n; i++) {
            double s = slope(i, x) / n;
            for (int j = 0; j < d; j++) {
                out[j] += s * a[i * d + j];
            }
        }
    }

    /** ∇²f(x) row-major d×d (a new array): (1/n)Σ φᵢ''·aᵢaᵢᵀ with φᵢ'' = 1 (least squares) or s(1 − s), s = 1/(1 + e^{−aᵢᵀx}). */
    double[] hessian(double[] x) {
        double[] hh = new double[d * d];
        for (int i = 0; i < n; i++) {
            double w = 1;
            if (kind == Kind.LOGISTIC) {
                double s = 1 / (1 + Math.exp(-margin(i, x)));
                w = s * (1 - s);
            }
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    hh[p * d + q] += w * a[i * d + p] * a[i * d + q] / n;
                }
            }
        }
        return hh;
    }

    /** Σ₁(x) row-major d×d (a new array): the covariance of one uniformly drawn ∇fᵢ(x). */
    double[] singleSampleCovariance(double[] x) {
        double[] g = new double[d];
        gradient(x, g);
        double[] c = new double[d * d];
        double[] u = new double[d];
        for (int i = 0; i < n; i++) {
            double s = slope(i, x);
            for (int j = 0; j < d; j++) {
                u[j] = s * a[i * d + j] - g[j];
            }
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    c[p * d + q] += u[p] * u[q] / n;
                }
            }
        }
        return c;
    }

    /**
     * ∇f(x) into {@code grad} (length d) and Σ₁(x) into {@code cov} (row-major d×d, overwritten): the bits of
     * {@link #gradient} and {@link #singleSampleCovariance}, with each fᵢ' computed once instead of three times (the
     * logistic slopes cost two exponentials each). x read only.
     */
    void gradientAndCovariance(double[] x, double[] grad, double[] cov) {
        double[] slopes = new double[n];
        java.util.Arrays.fill(grad, 0, d, 0);
        for (int i = 0; i < n; i++) {
            slopes[i] = slope(i, x);
            double s = slopes[i] / n;
            for (int j = 0; j < d; j++) {
                grad[j] += s * a[i * d + j];
            }
        }
        java.util.Arrays.fill(cov, 0, d * d, 0);
        double[] u = new double[d];
        for (int i = 0; i < n; i++) {
            double s = slopes[i];
            for (int j = 0; j < d; j++) {
                u[j] = s * a[i * d + j] - grad[j];
            }
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    cov[p * d + q] += u[p] * u[q] / n;
                }
            }
        }
    }

    /**
     * The lower Cholesky factor L of a symmetric PSD d×d matrix (row-major, a new array), LLᵀ = c; pivots that round
     * to ≤ 0 (a singular direction) give a zero column.
     */
    static double[] cholesky(double[] c, int d) {
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            double s = c[j * d + j];
            for (int k = 0; k < j; k++) {
                s -= l[j * d + k] * l[j * d + k];
            }
            double pivot = s > 0 ? Math.sqrt(s) : 0;
            l[j * d + j] = pivot;
            for (int i = j + 1; i < d; i++) {
                double t = c[i * d + j];
                for (int k = 0; k < j; k++) {
                    t -= l[i * d + k] * l[j * d + k];
                }
                l[i * d + j] = pivot > 0 ? t / pivot : 0;
            }
        }
        return l;
    }

    /**
     * SGD's canonical SDE (002 eq. 12.4) for learning rate η and batch B (with replacement):
     * dX = −∇f(X)dt + √(η/B)·L(X)dW, L(X)L(X)ᵀ = Σ₁(X), W d-dimensional. Thread safe.
     */
    Sde sde(double eta, int batch) {
        double scale = Math.sqrt(eta / batch);
        return Sdes.stateDependent(d, d, (x, out) -> {
            gradient(x, out);
            for (int j = 0; j < d; j++) {
                out[j] = -out[j];
            }
        }, (x, out) -> {
            double[] l = cholesky(singleSampleCovariance(x), d);
            for (int k = 0; k < l.length; k++) {
                out[k] = scale * l[k];
            }
        }, "SDE of SGD on " + kind + " (eta=" + eta + ", B=" + batch + ")");
    }
}
