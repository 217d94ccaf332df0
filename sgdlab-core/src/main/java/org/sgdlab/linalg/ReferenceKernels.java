package org.sgdlab.linalg;

/**
 * Naive, obviously-correct versions of {@link Kernels}: one accumulator, textbook loop order.
 * Tests require every fast kernel to match its twin here to a few ulps of the result's scale.
 */
public final class ReferenceKernels {
    private ReferenceKernels() {
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] = y[i] + alpha * x[i];
        }
    }

    public static double[] gemv(Matrix a, double[] v) {
        double[] out = new double[a.rows()];
        for (int i = 0; i < a.rows(); i++) {
            double s = 0;
            for (int j = 0; j < a.cols(); j++) {
                s += a.get(i, j) * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    public static double[] gemvTransposed(Matrix a, double[] v) {
        double[] out = new double[a.cols()];
        for (int j = 0; j < a.cols(); j++) {
            double s = 0;
            for (int i = 0; i < a.rows(); i++) {
                s += a.get(i, j) * v[i];
            }
            out[j] = s;
        }
        return out;
    }

    public static double norm2(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    /** ½‖Xw + b − y‖² and its gradient Xᵀ(Xw + b − y) in {@code gradOut}, computed in two separate passes. */
    public static double leastSquaresResidualGradient(Matrix x, double[] y, double[] w, double b, double[] gradOut) {
        double[] r = gemv(x, w);
        double half = 0;
        for (int i = 0; i < r.length; i++) {
            r[i] += b - y[i];
            half += r[i] * r[i];
        }
        double[] g = gemvTransposed(x, r);
        System.arraycopy(g, 0, gradOut, 0, g.length);
        return 0.5 * half;
    }

    /** Σ φ(mᵢ) and Σ φ'(mᵢ) yᵢ xᵢ (and the intercept partial in gradOut[d] if present), two passes. */
    public static double marginLossGradient(Matrix x, double[] y, double[] w, double b,
                                            Kernels.ScalarLoss phi, double[] gradOut) {
        double[] p = gemv(x, w);
        double[] c = new double[y.length];
        double value = 0;
        double gb = 0;
        for (int i = 0; i < y.length; i++) {
            double m = y[i] * (p[i] + b);
            value += phi.value(m);
            c[i] = phi.derivative(m) * y[i];
            gb += c[i];
        }
        double[] g = gemvTransposed(x, c);
        System.arraycopy(g, 0, gradOut, 0, g.length);
        if (gradOut.length > g.length) {
            gradOut[g.length] = gb;
        }
        return value;
    }
}
