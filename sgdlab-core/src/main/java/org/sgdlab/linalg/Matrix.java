package org.sgdlab.linalg;

import java.util.Arrays;

/**
 * A dense matrix of doubles stored row-major in one {@code double[]}: entry (i, j) is
 * {@code data[i * cols + j]}. Rows are samples throughout sgdlab, so row access is the fast one.
 *
 * <p>The backing array is exposed on purpose (hot loops index it directly); methods that mutate
 * say so in their name ({@code ...InPlace}) or take an explicit {@code out} argument.
 */
public final class Matrix implements RowSource {
    private final int rows;
    private final int cols;
    private final double[] data;

    /** Wraps {@code data} (not copied) as a {@code rows × cols} row-major matrix. */
    public Matrix(int rows, int cols, double[] data) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + "×" + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(
                    "data length " + data.length + " does not match shape " + rows + "×" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A new zero matrix. */
    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
    }

    /** Copies a rectangular {@code double[][]} (rows of equal length) into a new matrix. */
    public static Matrix of(double[][] rowsArray) {
        int r = rowsArray.length;
        int c = r == 0 ? 0 : rowsArray[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rowsArray[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rowsArray[i].length + " entries, expected " + c);
            }
            System.arraycopy(rowsArray[i], 0, d, i * c, c);
        }
        return new Matrix(r, c, d);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public void copyRows(int from, int count, double[] out, int outOff) {
        System.arraycopy(data, from * cols, out, outOff, count * cols);
    }

    /** This matrix itself. */
    @Override
    public Matrix inMemory() {
        return this;
    }

    /** The backing row-major array (not a copy). */
    public double[] data() {
        return data;
    }

    public double get(int i, int j) {
        return data[i * cols + j];
    }

    public void set(int i, int j, double v) {
        data[i * cols + j] = v;
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    /** A deep copy. */
    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** The transpose as a new matrix. */
    public Matrix transpose() {
        double[] t = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = data[i * cols + j];
            }
        }
        return new Matrix(cols, rows, t);
    }

    /** A new matrix with the given rows, in the given order. */
    public Matrix selectRows(int[] idx) {
        double[] d = new double[idx.length * cols];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(data, idx[k] * cols, d, k * cols, cols);
        }
        return new Matrix(idx.length, cols, d);
    }

    /** {@code out = this · v}; returns {@code out}. */
    public double[] times(double[] v, double[] out) {
        Kernels.gemv(this, v, out);
        return out;
    }

    /** {@code this · v} as a new vector. */
    public double[] times(double[] v) {
        return times(v, new double[rows]);
    }

    /** {@code thisᵀ · v} as a new vector. */
    public double[] transposeTimes(double[] v) {
        double[] out = new double[cols];
        Kernels.gemvTransposed(this, v, out);
        return out;
    }

    @Override
    public String toString() {
        return "Matrix[" + rows + "×" + cols + "]";
    }
}
