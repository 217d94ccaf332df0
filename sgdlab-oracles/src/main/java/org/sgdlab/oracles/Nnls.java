package org.sgdlab.oracles;

import java.util.Arrays;
import org.sgdlab.linalg.HouseholderQr;

/**
 * Non-negative least squares: min ‖Ax − b‖₂ subject to x ≥ 0, for a dense m × n matrix A, by the active-set algorithm
 * of Lawson &amp; Hanson (<i>Solving Least Squares Problems</i>, 1974, ch. 23, algorithm NNLS), with its KKT certificate.
 *
 * <pre>
 *   w = Aᵀ(b − Ax)                         (minus the gradient of ½‖Ax − b‖²)
 *   KKT:  x ≥ 0,   w ≤ 0,   x_j w_j = 0    (necessary and sufficient: the problem is convex)
 * </pre>
 *
 * The passive set P (the coordinates allowed to be positive) grows by the coordinate with the largest w_j; the
 * unconstrained least-squares solution z on the columns of P is taken when it is positive, otherwise x moves towards it
 * until a coordinate reaches 0 and leaves P. Each least-squares solve is a fresh Householder QR of A_P (core's
 * {@link HouseholderQr}, O(m|P|²)), which is simple and backward stable; the problems this oracle serves (KKT
 * multipliers of a few dozen constraints) are small. Unlike the package-private LDP solver of the SVM oracle, which
 * specializes the same algorithm to E = [Zᵀ; 1ᵀ], f = e_{p+1}, this class takes any A and b.
 *
 * <p>Tolerance: the iteration stops when no w_j exceeds {@code tol·s}, s = max_j ‖A_j‖·‖b‖ (the largest value any
 * w_j can have at x = 0), so the test is invariant to scaling A or b. The certificate {@link Result#kktResidual()} is
 * the largest violation of the KKT conditions in the same relative units: max(max_j max(w_j, 0), max_{x_j &gt; 0}
 * |w_j|) / s (x ≥ 0 holds exactly by construction); the status is {@link OracleStatus#OPTIMAL} only when it is at most
 * {@code tol}. Tested against the KKT conditions recomputed from scratch and against exhaustive enumeration of the
 * supports ({@code NnlsTest}).
 */
public final class Nnls {
    /** The default relative stopping tolerance (see the class comment). */
    public static final double DEFAULT_TOLERANCE = 1e-12;

    private Nnls() {
    }

    /**
     * The solution and its certificate.
     *
     * @param x            the minimizer (length n, every entry ≥ 0); the best iterate when the status is not OPTIMAL
     * @param residualNorm ‖Ax − b‖₂
     * @param w            Aᵀ(b − Ax) (length n): ≤ 0 where x_j = 0 and ≈ 0 where x_j &gt; 0 at the optimum
     * @param kktResidual  the largest KKT violation relative to max_j ‖A_j‖·‖b‖ (0 when b = 0)
     * @param iterations   coordinates that entered the passive set
     * @param status       {@link OracleStatus#OPTIMAL} when kktResidual ≤ the tolerance, else
     *                     {@link OracleStatus#MAX_ITERATIONS} or {@link OracleStatus#INACCURATE}
     * @param message      why the status is not OPTIMAL (empty when it is)
     */
    public record Result(double[] x, double residualNorm, double[] w, double kktResidual, int iterations, OracleStatus status,
                         String message) {
    }

    /** {@link #solve(double[], int, int, double[], double, int)} with {@link #DEFAULT_TOLERANCE} and 3n + 10 iterations. */
    public static Result solve(double[] a, int m, int n, double[] b) {
        return solve(a, m, n, b, DEFAULT_TOLERANCE, 3 * n + 10);
    }

    /**
     * Solves min_{x ≥ 0} ‖Ax − b‖₂.
     *
     * @param a             A, m × n row-major (read only)
     * @param m             rows of A (≥ 1)
     * @param n             columns of A (≥ 1)
     * @param b             the target (length m, read only)
     * @param tol           relative stopping tolerance, in (0, 1)
     * @param maxIterations budget of entering coordinates (≥ 1)
     * @throws IllegalArgumentException on bad sizes, non-finite entries, or a tolerance or budget out of range
     */
    public static Result solve(double[] a, int m, int n, double[] b, double tol, int maxIterations) {
        if (m < 1 || n < 1) {
            throw new IllegalArgumentException("NNLS needs m >= 1 and n >= 1, got m=" + m + ", n=" + n);
        }
        if (a == null || a.length != (long) m * n) {
            throw new IllegalArgumentException("A must have m*n = " + (long) m * n + " entries, got "
                    + (a == null ? "null" : a.length));
        }
        if (b == null || b.length != m) {
            throw new IllegalArgumentException("b must have m = " + m + " entries, got " + (b == null ? "null" : b.length));
        }
        if (!(tol > 0 && tol < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tol);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("A has a non-finite entry " + a[i] + " at " + i / n + "," + i % n);
            }
        }
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(b[i])) {
                throw new IllegalArgumentException("b has a non-finite entry " + b[i] + " at " + i);
            }
        }
        return new Run(a, m, n, b).solve(tol, maxIterations);
    }

    /** One solve's state: x, the passive set, and scratch for the least-squares subproblems. */
    private static final class Run {
        final double[] a;
        final int m;
        final int n;
        final double[] b;
        final double[] x;
        final double[] w;
        final double[] z;
        final boolean[] passive;
        final double scale;

        Run(double[] a, int m, int n, double[] b) {
            this.a = a;
            this.m = m;
            this.n = n;
            this.b = b;
            this.x = new double[n];
            this.w = new double[n];
            this.z = new double[n];
            this.passive = new boolean[n];
            double colMax = 0;
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += a[i * n + j] * a[i * n + j];
                }
                colMax = Math.max(colMax, Math.sqrt(s));
            }
            double nb = 0;
            for (double v : b) {
                nb += v * v;
            }
            this.scale = colMax * Math.sqrt(nb);
        }

        /** w ← Aᵀ(b − Ax); returns ‖b − Ax‖. */
        double dual() {
            double[] r = b.clone();
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[i * n + j] * x[j];
                }
                r[i] -= s;
            }
            Arrays.fill(w, 0.0);
            double rr = 0;
            for (int i = 0; i < m; i++) {
                rr += r[i] * r[i];
                for (int j = 0; j < n; j++) {
                    w[j] += a[i * n + j] * r[i];
                }
            }
            return Math.sqrt(rr);
        }

        /**
         * z ← the least-squares solution on the passive columns (0 elsewhere); false when A_P is (numerically) rank
         * deficient or has more columns than rows.
         */
        boolean subproblem() {
            int k = 0;
            for (boolean p : passive) {
                k += p ? 1 : 0;
            }
            Arrays.fill(z, 0.0);
            if (k == 0) {
                return true;
            }
            if (k > m) {
                return false;
            }
            int[] cols = new int[k];
            double[] ap = new double[m * k];
            for (int j = 0, c = 0; j < n; j++) {
                if (passive[j]) {
                    cols[c] = j;
                    for (int i = 0; i < m; i++) {
                        ap[c * m + i] = a[i * n + j];
                    }
                    c++;
                }
            }
            HouseholderQr qr = HouseholderQr.factorInPlace(ap, m, k);
            if (!qr.fullRank() || qr.conditionUpperBound() > 1e14) {
                return false;
            }
            double[] rhs = b.clone();
            qr.qtTimesInPlace(rhs);
            qr.solveRInPlace(rhs);
            for (int c = 0; c < k; c++) {
                z[cols[c]] = rhs[c];
            }
            return true;
        }

        double kkt() {
            if (scale == 0) {
                return 0;
            }
            double worst = 0;
            for (int j = 0; j < n; j++) {
                worst = Math.max(worst, x[j] > 0 ? Math.abs(w[j]) : Math.max(w[j], 0));
            }
            return worst / scale;
        }

        /** The result at the current x (w must be current); OPTIMAL is downgraded when the certificate misses tol. */
        Result result(double res, int iterations, OracleStatus status, String message, double tol) {
            double k = kkt();
            if (status == OracleStatus.OPTIMAL && !(k <= tol)) {
                return new Result(x.clone(), res, w.clone(), k, iterations, OracleStatus.INACCURATE, "KKT residual " + k
                        + " above the tolerance " + tol + " (ill-conditioned or rank-deficient columns)");
            }
            return new Result(x.clone(), res, w.clone(), k, iterations, status, message);
        }

        Result solve(double tol, int maxIterations) {
            boolean[] rejected = new boolean[n];
            int iterations = 0;
            double threshold = tol * scale;
            while (true) {
                double res = dual();
                int enter = -1;
                double best = threshold;
                for (int j = 0; j < n; j++) {
                    if (!passive[j] && !rejected[j] && w[j] > best) {
                        best = w[j];
                        enter = j;
                    }
                }
                if (enter < 0) {
                    return result(res, iterations, OracleStatus.OPTIMAL, "", tol);
                }
                if (++iterations > maxIterations) {
                    return result(res, iterations - 1, OracleStatus.MAX_ITERATIONS, "budget of " + maxIterations
                            + " entering coordinates exhausted", tol);
                }
                passive[enter] = true;
                boolean first = true;
                while (true) {
                    if (!subproblem()) {
                        if (!first) {
                            return result(dual(), iterations, OracleStatus.INACCURATE,
                                    "rank-deficient passive columns after a coordinate left", tol);
                        }
                        passive[enter] = false;
                        rejected[enter] = true;
                        break;
                    }
                    if (first) {
                        first = false;
                        if (!(z[enter] > 0)) {
                            // Lawson–Hanson's safeguard: rounding made the entering coefficient non-positive
                            passive[enter] = false;
                            rejected[enter] = true;
                            break;
                        }
                        Arrays.fill(rejected, false);
                    }
                    double step = 1.0;
                    int limiting = -1;
                    for (int j = 0; j < n; j++) {
                        if (passive[j] && !(z[j] > 0)) {
                            double s = x[j] / (x[j] - z[j]);
                            if (limiting < 0 || s < step) {
                                step = Math.min(1.0, s);
                                limiting = j;
                            }
                        }
                    }
                    if (limiting < 0) {
                        System.arraycopy(z, 0, x, 0, n);
                        break;
                    }
                    for (int j = 0; j < n; j++) {
                        if (passive[j]) {
                            x[j] += step * (z[j] - x[j]);
                        }
                    }
                    for (int j = 0; j < n; j++) {
                        if (passive[j] && (j == limiting || x[j] <= 0)) {
                            x[j] = 0.0;
                            passive[j] = false;
                        }
                    }
                }
            }
        }
    }
}
