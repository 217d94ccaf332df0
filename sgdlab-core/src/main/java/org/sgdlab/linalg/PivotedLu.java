package org.sgdlab.linalg;

import java.util.Arrays;

/**
 * LU factorization with partial pivoting of a square matrix, PA = LU (Golub &amp; Van Loan, <i>Matrix Computations</i>,
 * 4th ed., Algorithm 3.4.1, "gaxpy-free" outer-product form): L unit lower triangular with |ℓᵢⱼ| ≤ 1, U upper
 * triangular, P the row permutation that brings the largest remaining entry of each column to the diagonal.
 *
 * <p>For general (non-symmetric) square systems, e.g. the Padé denominator of a matrix exponential or a Lyapunov
 * equation in vectorized form; symmetric positive definite systems use {@link Cholesky}, least squares
 * {@link HouseholderQr}. Backward stable in practice: the computed solution solves (A + δA)x = b with
 * ‖δA‖ ≤ c·n·u·ρ‖A‖, ρ the growth factor (Golub &amp; Van Loan §3.4.6).
 *
 * <p>{@link #decompose} fails (returns false) only on an exactly zero pivot; a nearly singular matrix factors, and
 * callers that need a certificate check their residual.
 */
public final class PivotedLu implements Decomposition {
    private final int n;
    private final double[] lu;
    private final int[] rowOfStep;
    private int zeroPivot = -1;

    /**
     * A factorization of n × n matrices.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public PivotedLu(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("LU needs n >= 1, got " + n);
        }
        this.n = n;
        this.lu = new double[n * n];
        this.rowOfStep = new int[n];
    }

    @Override
    public int rows() {
        return n;
    }

    @Override
    public int cols() {
        return n;
    }

    /** Factors {@code a} (row-major n × n, read only); false if a pivot is exactly 0 ({@link #zeroPivotIndex}). */
    @Override
    public boolean decompose(double[] a) {
        Shapes.checkLength("a", a, n, n);
        System.arraycopy(a, 0, lu, 0, n * n);
        zeroPivot = -1;
        for (int k = 0; k < n; k++) {
            int p = k;
            double best = Math.abs(lu[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(lu[i * n + k]);
                if (v > best) {
                    best = v;
                    p = i;
                }
            }
            rowOfStep[k] = p;
            if (best == 0) {
                zeroPivot = k;
                return false;
            }
            if (p != k) {
                swapRows(lu, n, p, k);
            }
            double pivot = lu[k * n + k];
            for (int i = k + 1; i < n; i++) {
                double f = lu[i * n + k] / pivot;
                lu[i * n + k] = f;
                if (f != 0) {
                    for (int j = k + 1; j < n; j++) {
                        lu[i * n + j] -= f * lu[k * n + j];
                    }
                }
            }
        }
        return true;
    }

    /** Whether the last {@link #decompose} found no zero pivot. */
    public boolean nonsingular() {
        return zeroPivot < 0;
    }

    /** The step whose pivot was exactly 0 in the last {@link #decompose}, or −1. */
    public int zeroPivotIndex() {
        return zeroPivot;
    }

    /** L (below the diagonal, unit diagonal implied) and U (on and above it), packed row-major; read only. */
    public double[] factors() {
        return lu;
    }

    /**
     * Solves A·X = B for the last factored A.
     *
     * @param b   row-major n × m right-hand sides (read only)
     * @param m   number of right-hand sides
     * @param out n × m solution (may be {@code b} itself)
     * @return out
     * @throws IllegalStateException    if the last factorization failed
     * @throws IllegalArgumentException if an array has the wrong length
     */
    public double[] solve(double[] b, int m, double[] out) {
        if (zeroPivot >= 0) {
            throw new IllegalStateException("LU: the matrix is singular (pivot " + zeroPivot + " is exactly 0)");
        }
        if (m < 1) {
            throw new IllegalArgumentException("right-hand sides m must be >= 1, got " + m);
        }
        Shapes.checkLength("b", b, n, m);
        Shapes.checkLength("out", out, n, m);
        if (out != b) {
            System.arraycopy(b, 0, out, 0, n * m);
        }
        for (int k = 0; k < n; k++) { // P·B, in the order the rows were swapped
            if (rowOfStep[k] != k) {
                swapRows(out, m, rowOfStep[k], k);
            }
        }
        for (int i = 1; i < n; i++) { // L·Y = P·B
            for (int k = 0; k < i; k++) {
                double l = lu[i * n + k];
                if (l != 0) {
                    for (int j = 0; j < m; j++) {
                        out[i * m + j] -= l * out[k * m + j];
                    }
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) { // U·X = Y
            for (int k = i + 1; k < n; k++) {
                double u = lu[i * n + k];
                if (u != 0) {
                    for (int j = 0; j < m; j++) {
                        out[i * m + j] -= u * out[k * m + j];
                    }
                }
            }
            double pivot = lu[i * n + i];
            for (int j = 0; j < m; j++) {
                out[i * m + j] /= pivot;
            }
        }
        return out;
    }

    /**
     * The row permutation of the last successful factorization: row i of P·A is row {@code permutation()[i]} of A (a
     * new array).
     */
    public int[] permutation() {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        for (int k = 0; k < n; k++) {
            int r = rowOfStep[k];
            int t = p[k];
            p[k] = p[r];
            p[r] = t;
        }
        return p;
    }

    private static void swapRows(double[] a, int width, int r, int s) {
        for (int j = 0; j < width; j++) {
            double t = a[r * width + j];
            a[r * width + j] = a[s * width + j];
            a[s * width + j] = t;
        }
    }
}
