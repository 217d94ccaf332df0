package org.sgdlab.linalg;

import java.util.Arrays;

/**
 * An estimate of ‖A⁻¹‖₁ for a symmetric positive definite A given only its solves (LAPACK dpocon's estimator): Hager's
 * method ("Condition estimates", SIAM J. Sci. Stat. Comput. 5 (1984) 311–316) with Higham's safeguards ("FORTRAN codes
 * for estimating the one-norm of a real or complex matrix", ACM TOMS 14 (1988) 381–396): at most
 * {@value #ITERATIONS} steps x ← e_j, each two solves, then the test vector xᵢ = (−1)ⁱ(1 + i/(n−1)). Every candidate is
 * ‖A⁻¹x‖₁/‖x‖₁ for some x, so in exact arithmetic the estimate is a lower bound on ‖A⁻¹‖₁; it is rarely below a third
 * of it. Used by {@link Cholesky#conditionEstimate} and by the blocked Cholesky of sgdlab-kernels.
 */
public final class InverseNormEstimate {
    /** Hager steps at most (LAPACK's dlacn2 uses 5). */
    static final int ITERATIONS = 5;

    /** x ← A⁻¹x in place, for the matrix whose inverse's norm is estimated. */
    @FunctionalInterface
    public interface InPlaceSolve {
        void solveInPlace(double[] x);
    }

    private InverseNormEstimate() {
    }

    /**
     * A factorization's estimate of κ₁(A) = ‖A‖₁·‖A⁻¹‖₁ as LAPACK dpocon returns it: +∞ when the factorization failed
     * ({@code factored} false), 1 for n = 0, else {@code norm1} times {@link #of}.
     *
     * @param norm1 ‖A‖₁ (e.g. {@link #symmetricNorm1})
     */
    public static double condition(boolean factored, int n, double norm1, InPlaceSolve solve, double[] x, double[] y) {
        if (!factored) {
            return Double.POSITIVE_INFINITY;
        }
        if (n == 0) {
            return 1.0;
        }
        return norm1 * of(n, solve, x, y);
    }

    /**
     * The estimate of ‖A⁻¹‖₁ (A symmetric, n × n, n ≥ 1) from about 12 calls of {@code solve}.
     *
     * @param x scratch of length n (overwritten)
     * @param y scratch of length n (overwritten)
     */
    public static double of(int n, InPlaceSolve solve, double[] x, double[] y) {
        Arrays.fill(x, 0, n, 1.0 / n);
        double est = 0;
        int last = -1;
        for (int it = 0; it < ITERATIONS; it++) {
            System.arraycopy(x, 0, y, 0, n);
            solve.solveInPlace(y); // y = A⁻¹x
            double ny = norm1(y, n);
            if (it > 0 && ny <= est) {
                break; // no increase: Hager's local maximum
            }
            est = ny;
            for (int i = 0; i < n; i++) {
                x[i] = y[i] >= 0 ? 1.0 : -1.0; // ξ = sign(y)
            }
            solve.solveInPlace(x); // z = A⁻ᵀξ = A⁻¹ξ (A symmetric)
            int j = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(x[i]) > Math.abs(x[j])) {
                    j = i;
                }
            }
            // Hager's test ‖z‖∞ ≤ zᵀx_old (x_old = e_last after the first step): no vertex e_j does better.
            if (j == last || (last >= 0 && Math.abs(x[j]) <= x[last])) {
                break;
            }
            last = j;
            Arrays.fill(x, 0, n, 0.0);
            x[j] = 1.0;
        }
        if (n > 1) {
            for (int i = 0; i < n; i++) {
                x[i] = (i % 2 == 0 ? 1.0 : -1.0) * (1.0 + (double) i / (n - 1));
            }
            solve.solveInPlace(x);
            est = Math.max(est, 2.0 * norm1(x, n) / (3.0 * n));
        }
        return est;
    }

    /**
     * ‖A + μI‖₁ (= ‖A + μI‖∞, A symmetric n × n, row-major) from its lower triangle: the largest absolute column sum, the
     * other factor of κ₁ = ‖A + μI‖₁·‖(A + μI)⁻¹‖₁.
     *
     * @param a       A (read only; only the lower triangle is read)
     * @param scratch length ≥ n (overwritten with the column sums)
     */
    public static double symmetricNorm1(double[] a, int n, double shift, double[] scratch) {
        Arrays.fill(scratch, 0, n, 0.0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double v = Math.abs(a[i * n + j]);
                scratch[i] += v;
                scratch[j] += v;
            }
            scratch[i] += Math.abs(a[i * n + i] + shift);
        }
        double mx = 0;
        for (int i = 0; i < n; i++) {
            mx = Math.max(mx, scratch[i]);
        }
        return mx;
    }

    private static double norm1(double[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(v[i]);
        }
        return s;
    }
}
