package org.sgdlab.oracles;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;

/**
 * The data of a matrix completion problem: an R×C unknown matrix W of which the entries W[i, j] = value are observed
 * for (i, j) in a set Ω. The constraint P_Ω(W) = P_Ω(Y) is the linear map 𝒜(W) = (W[i_k, j_k])_k = b with
 * 𝒜𝒜* = I, a special case of {@link MatrixSensingProblem} (Aₖ = e_{i_k} e_{j_k}ᵀ) stored sparsely.
 *
 * <p>Immutable. Entries are validated and kept sorted by (i, j); an entry given twice with the same value is kept once,
 * twice with different values is an error. Indices are 0-based. A bad entry is an {@link InvalidEntryException} that
 * says which (its position in the input), so a reader can name the line it came from.
 */
public final class MatrixCompletionProblem {
    private final int rows;
    private final int cols;
    private final int[] rowIndex;
    private final int[] colIndex;
    private final double[] values;

    /**
     * A bad observed entry: the message names it as "entry k (i = …, j = …, value = …)" and says what is wrong.
     * {@link #entry()} is k, its 0-based position in the input arrays (the data row of a table); for a repeat with a
     * different value, {@link #earlierEntry()} is the position of the first occurrence (else −1).
     */
    public static final class InvalidEntryException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int entry;
        private final int earlierEntry;

        InvalidEntryException(int entry, int earlierEntry, String message) {
            super(message);
            this.entry = entry;
            this.earlierEntry = earlierEntry;
        }

        /** The 0-based position of the bad entry in the input. */
        public int entry() {
            return entry;
        }

        /** For a repeated (i, j) with a different value, the position of its first occurrence; else −1. */
        public int earlierEntry() {
            return earlierEntry;
        }
    }

    private MatrixCompletionProblem(int rows, int cols, int[] rowIndex, int[] colIndex, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.rowIndex = rowIndex;
        this.colIndex = colIndex;
        this.values = values;
    }

    /**
     * The problem with observed entries W[i[k], j[k]] = value[k] (the arrays are read, not kept).
     *
     * @throws InvalidEntryException   naming the entry k and its (i, j, value) if an index is out of range, a value is
     *                                  not finite, or an (i, j) repeats with a different value
     * @throws IllegalArgumentException if rows, cols &lt; 1 or the arrays differ in length
     */
    public static MatrixCompletionProblem of(int rows, int cols, int[] i, int[] j, double[] value) {
        Objects.requireNonNull(i, "i");
        Objects.requireNonNull(j, "j");
        Objects.requireNonNull(value, "value");
        checkShape(rows, cols);
        if (i.length != j.length || i.length != value.length) {
            throw new IllegalArgumentException("index and value arrays differ in length: i " + i.length + ", j "
                    + j.length + ", value " + value.length);
        }
        for (int k = 0; k < i.length; k++) {
            if (i[k] < 0 || i[k] >= rows) {
                throw new InvalidEntryException(k, -1, entry(k, i[k], j[k], value[k]) + ": row index " + i[k]
                        + " is out of range [0, " + rows + ")");
            }
            if (j[k] < 0 || j[k] >= cols) {
                throw new InvalidEntryException(k, -1, entry(k, i[k], j[k], value[k]) + ": column index " + j[k]
                        + " is out of range [0, " + cols + ")");
            }
            if (!Double.isFinite(value[k])) {
                throw new InvalidEntryException(k, -1, entry(k, i[k], j[k], value[k]) + ": value is not finite");
            }
        }
        Integer[] order = new Integer[i.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        // sort by (i, j), then by input position so the error names the earlier entry first
        Arrays.sort(order, (x, y) -> i[x] != i[y] ? Integer.compare(i[x], i[y])
                : j[x] != j[y] ? Integer.compare(j[x], j[y]) : Integer.compare(x, y));
        int[] ri = new int[order.length];
        int[] ci = new int[order.length];
        double[] v = new double[order.length];
        int m = 0;
        int firstOfRun = -1;
        for (int t = 0; t < order.length; t++) {
            int k = order[t];
            if (m > 0 && ri[m - 1] == i[k] && ci[m - 1] == j[k]) {
                if (v[m - 1] != value[k]) { // both finite; 0.0 and -0.0 count as equal
                    throw new InvalidEntryException(k, firstOfRun, entry(k, i[k], j[k], value[k]) + " repeats entry "
                            + firstOfRun + " (i = " + i[k] + ", j = " + j[k] + ") with a different value " + v[m - 1]);
                }
                continue;
            }
            firstOfRun = k;
            ri[m] = i[k];
            ci[m] = j[k];
            v[m] = value[k];
            m++;
        }
        return new MatrixCompletionProblem(rows, cols, Arrays.copyOf(ri, m), Arrays.copyOf(ci, m), Arrays.copyOf(v, m));
    }

    /**
     * As {@link #of(int, int, int[], int[], double[])} with the indices given as doubles, e.g. the columns i, j, value
     * of a CSV table; each index must be an integer.
     *
     * @throws InvalidEntryException   naming the entry if an index is not an integer (or as {@code of})
     * @throws IllegalArgumentException as {@code of}
     */
    public static MatrixCompletionProblem fromColumns(int rows, int cols, double[] i, double[] j, double[] value) {
        Objects.requireNonNull(i, "i");
        Objects.requireNonNull(j, "j");
        Objects.requireNonNull(value, "value");
        if (i.length != j.length || i.length != value.length) {
            throw new IllegalArgumentException("index and value columns differ in length: i " + i.length + ", j "
                    + j.length + ", value " + value.length);
        }
        int[] ii = new int[i.length];
        int[] jj = new int[j.length];
        for (int k = 0; k < i.length; k++) {
            ii[k] = toIndex(k, "row", i[k], i[k], j[k], value[k]);
            jj[k] = toIndex(k, "column", j[k], i[k], j[k], value[k]);
        }
        return of(rows, cols, ii, jj, value);
    }

    /**
     * The entries of a table read with the value column as the label, e.g. {@code CsvReader} on a file with the header
     * {@code i,j,value} and label {@code value}: the features named {@code i} and {@code j} (or, without names, the two
     * feature columns in order) are the 0-based row and column indices, the labels the values.
     *
     * @throws IllegalArgumentException if the table does not have exactly the two index columns, or as
     *                                  {@link #fromColumns} (naming the entry, i.e. the data row, 0-based)
     */
    public static MatrixCompletionProblem fromDataset(Dataset data, int rows, int cols) {
        Objects.requireNonNull(data, "data");
        if (data.d() != 2) {
            throw new IllegalArgumentException(data.name() + ": expected two index columns i, j besides the value column, got "
                    + data.d() + " " + data.featureNames());
        }
        int ci = 0;
        int cj = 1;
        List<String> names = data.featureNames();
        if (names.contains("i") && names.contains("j")) {
            ci = names.indexOf("i");
            cj = names.indexOf("j");
        }
        int n = data.n();
        double[] i = new double[n];
        double[] j = new double[n];
        for (int k = 0; k < n; k++) {
            i[k] = data.x().get(k, ci);
            j[k] = data.x().get(k, cj);
        }
        return fromColumns(rows, cols, i, j, data.y());
    }

    /** The observed entries of {@code y} where {@code observed[i·C + j]} is true (y and the mask are read, not kept). */
    public static MatrixCompletionProblem observe(Matrix y, boolean[] observed) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(observed, "observed");
        if (observed.length != y.rows() * y.cols()) {
            throw new IllegalArgumentException("mask has " + observed.length + " entries, expected " + y.rows() + "×"
                    + y.cols());
        }
        int m = 0;
        for (boolean b : observed) {
            m += b ? 1 : 0;
        }
        int[] i = new int[m];
        int[] j = new int[m];
        double[] v = new double[m];
        for (int t = 0, k = 0; t < observed.length; t++) {
            if (observed[t]) {
                i[k] = t / y.cols();
                j[k] = t % y.cols();
                v[k] = y.data()[t];
                k++;
            }
        }
        return of(y.rows(), y.cols(), i, j, v);
    }

    private static int toIndex(int k, String what, double x, double i, double j, double value) {
        if (!(x == Math.rint(x)) || Math.abs(x) > Integer.MAX_VALUE) {
            throw new InvalidEntryException(k, -1, "entry " + k + " (i = " + i + ", j = " + j + ", value = " + value
                    + "): " + what + " index " + x + " is not an integer");
        }
        return (int) x;
    }

    private static String entry(int k, int i, int j, double value) {
        return "entry " + k + " (i = " + i + ", j = " + j + ", value = " + value + ")";
    }

    static void checkShape(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("the matrix needs rows >= 1 and cols >= 1, got rows = " + rows + ", cols = "
                    + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("rows × cols = " + (long) rows * cols + " is too large for a dense matrix");
        }
    }

    /** R, the number of rows of W. */
    public int rows() {
        return rows;
    }

    /** C, the number of columns of W. */
    public int cols() {
        return cols;
    }

    /** m = |Ω|, the number of distinct observed entries. */
    public int size() {
        return values.length;
    }

    /** Row index of observed entry k (entries sorted by (i, j)). */
    public int row(int k) {
        return rowIndex[k];
    }

    /** Column index of observed entry k. */
    public int col(int k) {
        return colIndex[k];
    }

    /** Observed value of entry k. */
    public double value(int k) {
        return values[k];
    }

    /** A copy of the observed values b (length m), in entry order. */
    public double[] values() {
        return values.clone();
    }

    int[] rowIndexArray() {
        return rowIndex;
    }

    int[] colIndexArray() {
        return colIndex;
    }

    double[] valueArray() {
        return values;
    }

    @Override
    public String toString() {
        return "MatrixCompletionProblem[" + rows + "×" + cols + ", " + values.length + " observed entries]";
    }
}
