package org.sgdlab.oracles;

import java.util.Arrays;
import java.util.Objects;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * Thin singular value decomposition X = U Σ Vᵀ of an n × d matrix by one-sided (Hestenes) Jacobi
 * rotations, kept package-private as the numerical core of {@link MinNormLeastSquares},
 * {@link RowSpace} and {@link HardMarginSvm}.
 *
 * <p>Method: let k = min(n, d) and let A be the m × k matrix (m = max(n, d)) whose columns are the
 * columns of X when n ≥ d and the rows of X otherwise. Plane rotations W (k × k, orthogonal) are
 * applied to pairs of columns of A until every pair is orthogonal to working precision,
 * |⟨a_p, a_q⟩| ≤ tol·‖a_p‖‖a_q‖ with tol = √m·ε; then B = A W has orthogonal columns with norms
 * σ_j. For tall X (A = X): V = W and U = B Σ⁻¹. For wide X (A = Xᵀ): U = W and V = B Σ⁻¹.
 * One-sided Jacobi computes singular values with high relative accuracy (Demmel and Veselić,
 * "Jacobi's method is more accurate than QR", SIAM J. Matrix Anal. Appl. 13 (1992) 1204–1245),
 * which is why it is used here instead of a bidiagonalisation-based SVD.
 */
final class JacobiSvd {
    private static final double EPS = Math.ulp(1.0);
    private static final int MAX_SWEEPS = 80;

    final int n;
    final int d;
    /** All k = min(n, d) singular values, descending. */
    final double[] sigma;
    /** Right singular vectors (length d) for the k singular values, in the same order; null where σ = 0. */
    final double[][] v;
    /** Left singular vectors (length n); null where σ = 0. */
    final double[][] u;
    final int sweeps;
    final boolean converged;

    private JacobiSvd(int n, int d, double[] sigma, double[][] v, double[][] u, int sweeps, boolean converged) {
        this.n = n;
        this.d = d;
        this.sigma = sigma;
        this.v = v;
        this.u = u;
        this.sweeps = sweeps;
        this.converged = converged;
    }

    static JacobiSvd of(Matrix x) {
        Objects.requireNonNull(x, "x");
        int n = x.rows();
        int d = x.cols();
        double[] data = x.data();
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException("matrix entry (" + (i / Math.max(d, 1)) + ", " + (i % Math.max(d, 1))
                        + ") is not finite: " + data[i]);
            }
        }
        boolean tall = n >= d;
        int k = Math.min(n, d);
        int m = Math.max(n, d);
        double[][] a = new double[k][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double e = data[i * d + j];
                if (tall) {
                    a[j][i] = e;
                } else {
                    a[i][j] = e;
                }
            }
        }
        double[][] w = new double[k][k];
        for (int j = 0; j < k; j++) {
            w[j][j] = 1.0;
        }
        double tol = Math.sqrt(m) * EPS;
        int sweep = 0;
        boolean converged = k <= 1;
        while (!converged && sweep < MAX_SWEEPS) {
            sweep++;
            boolean rotated = false;
            for (int p = 0; p < k - 1; p++) {
                for (int q = p + 1; q < k; q++) {
                    double[] ap = a[p];
                    double[] aq = a[q];
                    double alpha = Kernels.dot(ap, ap);
                    double beta = Kernels.dot(aq, aq);
                    if (alpha == 0.0 || beta == 0.0) {
                        continue;
                    }
                    double gamma = Kernels.dot(ap, aq);
                    if (Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2.0 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.hypot(1.0, zeta));
                    if (zeta == 0.0) {
                        t = 1.0;
                    }
                    double c = 1.0 / Math.hypot(1.0, t);
                    double s = c * t;
                    rotate(ap, aq, c, s);
                    rotate(w[p], w[q], c, s);
                }
            }
            converged = !rotated;
        }
        // Norms, then sort descending.
        double[] norms = new double[k];
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            norms[j] = Kernels.norm2(a[j]);
            order[j] = j;
        }
        Arrays.sort(order, (p, q) -> Double.compare(norms[q], norms[p]));
        double[] sigma = new double[k];
        double[][] v = new double[k][];
        double[][] u = new double[k][];
        for (int r = 0; r < k; r++) {
            int j = order[r];
            double s = norms[j];
            sigma[r] = s;
            if (s == 0.0) {
                continue;
            }
            double[] b = a[j].clone();
            for (int t = 0; t < m; t++) {
                b[t] /= s;
            }
            if (tall) {
                v[r] = w[j];
                u[r] = b;
            } else {
                u[r] = w[j];
                v[r] = b;
            }
        }
        return new JacobiSvd(n, d, sigma, v, u, sweep, converged);
    }

    private static void rotate(double[] p, double[] q, double c, double s) {
        for (int t = 0; t < p.length; t++) {
            double x = p[t];
            double y = q[t];
            p[t] = c * x - s * y;
            q[t] = s * x + c * y;
        }
    }

    /** Number of singular values strictly greater than {@code rcond · σ_max}. */
    int rank(double rcond) {
        if (sigma.length == 0 || sigma[0] == 0.0) {
            return 0;
        }
        double cut = rcond * sigma[0];
        int r = 0;
        while (r < sigma.length && sigma[r] > cut) {
            r++;
        }
        return r;
    }

    /** out (length d) = X⁺_r y = Σ_{j<r} v_j ⟨u_j, y⟩ / σ_j. */
    void applyPseudoInverse(int rank, double[] y, double[] out) {
        Arrays.fill(out, 0.0);
        for (int j = 0; j < rank; j++) {
            double c = Kernels.dot(u[j], y) / sigma[j];
            Kernels.axpy(c, v[j], out);
        }
    }
}
