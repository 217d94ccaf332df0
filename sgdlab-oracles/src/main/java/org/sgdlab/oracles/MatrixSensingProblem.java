package org.sgdlab.oracles;

import java.util.List;
import java.util.Objects;
import org.sgdlab.linalg.Matrix;

/**
 * The data of a matrix sensing problem: an R×C unknown matrix W observed through m linear measurements
 * ⟨Aₖ, W⟩ = tr(AₖᵀW) = bₖ, i.e. 𝒜(W) = b with 𝒜: ℝ^{R×C} → ℝ^m and adjoint 𝒜*(λ) = Σₖ λₖAₖ.
 *
 * <p>Stored as one m × (R·C) matrix whose row k is vec(Aₖ) (row-major: entry (i, j) of Aₖ at column i·C + j). Immutable
 * (inputs are copied). The measurements need not be linearly independent; the solvers detect dependent ones and decide
 * consistency.
 */
public final class MatrixSensingProblem {
    private final int rows;
    private final int cols;
    private final double[] a;
    private final double[] b;

    private MatrixSensingProblem(int rows, int cols, double[] a, double[] b) {
        this.rows = rows;
        this.cols = cols;
        this.a = a;
        this.b = b;
    }

    /**
     * The problem with measurement matrices given as the rows of {@code measurements} (m × R·C, row k = vec(Aₖ)
     * row-major) and values b (length m). Both are copied.
     *
     * @throws IllegalArgumentException on mismatched shapes, m = 0, or a non-finite entry (naming measurement k and
     *                                  entry (i, j), or b[k])
     */
    public static MatrixSensingProblem of(int rows, int cols, Matrix measurements, double[] b) {
        Objects.requireNonNull(measurements, "measurements");
        Objects.requireNonNull(b, "b");
        MatrixCompletionProblem.checkShape(rows, cols);
        int m = measurements.rows();
        if (measurements.cols() != rows * cols) {
            throw new IllegalArgumentException("measurements have " + measurements.cols() + " columns, expected rows × cols = "
                    + rows * cols);
        }
        if (b.length != m) {
            throw new IllegalArgumentException("b has length " + b.length + " but there are " + m + " measurements");
        }
        if (m == 0) {
            throw new IllegalArgumentException("matrix sensing needs at least one measurement, got 0");
        }
        double[] data = measurements.data().clone();
        int rc = rows * cols;
        for (int t = 0; t < data.length; t++) {
            if (!Double.isFinite(data[t])) {
                int k = t / rc;
                int e = t % rc;
                throw new IllegalArgumentException("measurement " + k + ", entry (" + (e / cols) + ", " + (e % cols)
                        + ") is not finite: " + data[t]);
            }
        }
        for (int k = 0; k < m; k++) {
            if (!Double.isFinite(b[k])) {
                throw new IllegalArgumentException("measurement " + k + ": value b[" + k + "] is not finite: " + b[k]);
            }
        }
        return new MatrixSensingProblem(rows, cols, data, b.clone());
    }

    /**
     * The problem with the measurement matrices A₀, …, A_{m−1} (all R×C, copied) and values b.
     *
     * @throws IllegalArgumentException as {@link #of(int, int, Matrix, double[])}, or if the Aₖ differ in shape
     */
    public static MatrixSensingProblem of(List<Matrix> measurements, double[] b) {
        Objects.requireNonNull(measurements, "measurements");
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("matrix sensing needs at least one measurement, got 0");
        }
        int rows = measurements.get(0).rows();
        int cols = measurements.get(0).cols();
        MatrixCompletionProblem.checkShape(rows, cols);
        double[] data = new double[measurements.size() * rows * cols];
        for (int k = 0; k < measurements.size(); k++) {
            Matrix ak = Objects.requireNonNull(measurements.get(k), "measurement " + k);
            if (ak.rows() != rows || ak.cols() != cols) {
                throw new IllegalArgumentException("measurement " + k + " is " + ak.rows() + "×" + ak.cols() + ", expected "
                        + rows + "×" + cols + " like measurement 0");
            }
            System.arraycopy(ak.data(), 0, data, k * rows * cols, rows * cols);
        }
        return of(rows, cols, new Matrix(measurements.size(), rows * cols, data), b);
    }

    /** R, the number of rows of W. */
    public int rows() {
        return rows;
    }

    /** C, the number of columns of W. */
    public int cols() {
        return cols;
    }

    /** m, the number of measurements. */
    public int size() {
        return b.length;
    }

    /** A copy of the measurement matrix Aₖ (R×C). */
    public Matrix measurement(int k) {
        double[] ak = new double[rows * cols];
        System.arraycopy(a, k * rows * cols, ak, 0, rows * cols);
        return new Matrix(rows, cols, ak);
    }

    /** A copy of the values b (length m). */
    public double[] values() {
        return b.clone();
    }

    /** Row-major m × (R·C), row k = vec(Aₖ); the backing array (package use only). */
    double[] measurementArray() {
        return a;
    }

    double[] valueArray() {
        return b;
    }

    @Override
    public String toString() {
        return "MatrixSensingProblem[" + rows + "×" + cols + ", " + b.length + " measurements]";
    }
}
