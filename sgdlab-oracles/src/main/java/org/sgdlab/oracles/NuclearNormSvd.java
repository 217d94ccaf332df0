package org.sgdlab.oracles;

import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.R064Store;

/**
 * The one place the nuclear-norm oracles take a dense SVD from: a thin SVD A = U diag(σ) Vᵀ of a rows×cols row-major
 * matrix, σ descending. Backed by ojAlgo's {@link SingularValue} (bidiagonalisation; ojAlgo is already this module's
 * dependency for the LPs), the one exception to "one SVD, {@link org.sgdlab.linalg.JacobiSvd}": the ADMM phase takes
 * one SVD with vectors per iteration and two values-only SVDs per certificate, up to thousands of iterations below the
 * recovery threshold, and one-sided Jacobi is several times slower at the oracle's sizes.
 *
 * <p>Measured (sgdlab-bench {@code NuclearSvdBenchmark} inputs, both with the copies to and from row-major arrays the
 * oracle pays; median thread CPU time of 25 interleaved rounds on the 2-core VM): with vectors, JacobiSvd
 * took 2.2–6.0× ojAlgo's time at 30×30 (e.g. 511 vs 228 µs on an ADMM-like matrix), 3.2–4.7× at 30×50, 5.7–8.9× at
 * 60×60 (2.6 vs 0.43 ms) and 6.3–10× at 100×100 (10.6 vs 1.6 ms; ADMM-like, exactly rank 5, and Gaussian inputs);
 * values only 1.8–12.6×. End to end on the oracle's test instances (thread CPU): 100×100 rank 5 0.48–0.66 s with
 * ojAlgo vs 0.92 s with JacobiSvd, ADMM alone on 30×30 0.03 vs 0.09 s, same iterations and certified gaps ≤ 2.4e-14
 * either way. Jacobi's advantage, high relative accuracy of tiny singular values, is not needed here: ADMM only clips
 * σ at 1. (In a cold JVM ojAlgo's class loading and JIT warm-up cost more than a short run saves.)
 *
 * <p>To swap in another SVD, change {@link #of} and {@link #values} only.
 */
final class NuclearNormSvd {
    static {
        if (System.getProperty("shut.up.ojAlgo") == null) {
            System.setProperty("shut.up.ojAlgo", "true");
        }
    }

    /** k = min(rows, cols). */
    final int k;
    final int rows;
    final int cols;
    /** Singular values, descending (length k). */
    final double[] sigma;
    /** rows×k row-major: column c is the left singular vector of σ_c. */
    final double[] u;
    /** cols×k row-major: column c is the right singular vector of σ_c. */
    final double[] v;

    private NuclearNormSvd(int rows, int cols, double[] sigma, double[] u, double[] v) {
        this.rows = rows;
        this.cols = cols;
        this.k = sigma.length;
        this.sigma = sigma;
        this.u = u;
        this.v = v;
    }

    /**
     * Thin SVD of the row-major rows×cols matrix {@code a} (read only).
     *
     * @throws ArithmeticException if the decomposition fails (e.g. non-finite input)
     */
    static NuclearNormSvd of(double[] a, int rows, int cols) {
        SingularValue<Double> svd = decompose(a, rows, cols);
        int k = Math.min(rows, cols);
        double[] sigma = new double[k];
        svd.getSingularValues(sigma);
        // descending order is relied on; ojAlgo delivers it, this only guards against a change of that contract
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(sigma[y], sigma[x]));
        double[] sorted = new double[k];
        double[] u = new double[rows * k];
        double[] v = new double[cols * k];
        var us = svd.getU();
        var vs = svd.getV();
        for (int c = 0; c < k; c++) {
            int src = order[c];
            sorted[c] = sigma[src];
            for (int i = 0; i < rows; i++) {
                u[i * k + c] = us.doubleValue(i, src);
            }
            for (int j = 0; j < cols; j++) {
                v[j * k + c] = vs.doubleValue(j, src);
            }
        }
        return new NuclearNormSvd(rows, cols, sorted, u, v);
    }

    /** The singular values of {@code a}, descending. */
    static double[] values(double[] a, int rows, int cols) {
        R064Store store = store(a, rows, cols);
        SingularValue<Double> svd = SingularValue.R064.make(store);
        if (!svd.computeValuesOnly(store)) {
            throw new ArithmeticException("SVD failed on a " + rows + "×" + cols + " matrix");
        }
        double[] sigma = new double[Math.min(rows, cols)];
        svd.getSingularValues(sigma);
        java.util.Arrays.sort(sigma);
        for (int i = 0, j = sigma.length - 1; i < j; i++, j--) {
            double t = sigma[i];
            sigma[i] = sigma[j];
            sigma[j] = t;
        }
        return sigma;
    }

    private static SingularValue<Double> decompose(double[] a, int rows, int cols) {
        R064Store store = store(a, rows, cols);
        SingularValue<Double> svd = SingularValue.R064.make(store);
        if (!svd.decompose(store)) {
            throw new ArithmeticException("SVD failed on a " + rows + "×" + cols + " matrix");
        }
        return svd;
    }

    private static R064Store store(double[] a, int rows, int cols) {
        R064Store s = R064Store.FACTORY.make(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double x = a[i * cols + j];
                if (!Double.isFinite(x)) {
                    throw new ArithmeticException("SVD input entry (" + i + ", " + j + ") is not finite: " + x);
                }
                s.set(i, j, x);
            }
        }
        return s;
    }

    /** Σσ, the nuclear norm. */
    double nuclearNorm() {
        double s = 0;
        for (double x : sigma) {
            s += x;
        }
        return s;
    }
}
