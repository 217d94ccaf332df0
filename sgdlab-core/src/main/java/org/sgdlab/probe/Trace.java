package org.sgdlab.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of probe values by step: one row per probed step, one column per probe. The first
 * column is always {@code step}. Rows are appended by the trainer; readers get copies.
 */
public final class Trace {
    private final String name;
    private final List<String> columns;
    private final List<double[]> rows = new ArrayList<>();

    /** A trace whose columns are {@code step} followed by {@code probeColumns}. */
    public Trace(String name, List<String> probeColumns) {
        this.name = name;
        List<String> cols = new ArrayList<>();
        cols.add("step");
        cols.addAll(probeColumns);
        this.columns = List.copyOf(cols);
    }

    /** The trace's name (used as the CSV file name in reports). */
    public String name() {
        return name;
    }

    /** Column names, {@code step} first. */
    public List<String> columns() {
        return columns;
    }

    /** Appends one row (copied); its length must equal the number of columns. */
    public void add(double[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values, trace " + name + " has "
                    + columns.size() + " columns");
        }
        rows.add(row.clone());
    }

    public int size() {
        return rows.size();
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        return rows.get(i).clone();
    }

    /** Index of a column by name. */
    public int columnIndex(String column) {
        int k = columns.indexOf(column);
        if (k < 0) {
            throw new IllegalArgumentException("trace " + name + " has no column \"" + column + "\"; it has " + columns);
        }
        return k;
    }

    /** A copy of the named column. */
    public double[] column(String column) {
        int k = columnIndex(column);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[k];
        }
        return out;
    }

    /** The value of {@code column} in the last row. */
    public double last(String column) {
        if (rows.isEmpty()) {
            throw new IllegalStateException("trace " + name + " is empty");
        }
        return rows.get(rows.size() - 1)[columnIndex(column)];
    }

    /**
     * The value of {@code column} at exactly {@code step}: a number labelled with a step is measured at that step, never
     * at the nearest probe (add the step to the {@link ProbeSchedule} with {@link ProbeSchedule#with}).
     *
     * @throws IllegalArgumentException if {@code step} is not a probed step of this trace (the message names the
     *                                  nearest probes on either side)
     */
    public double at(String column, long step) {
        int k = columnIndex(column);
        double before = Double.NaN;
        double after = Double.NaN;
        for (double[] r : rows) {
            if (r[0] == step) {
                return r[k];
            }
            if (r[0] < step) {
                before = r[0];
            } else if (Double.isNaN(after)) {
                after = r[0];
            }
        }
        throw new IllegalArgumentException("step " + step + " was not probed in trace " + name + " (nearest probes "
                + (long) before + " and " + (long) after + "); add it to the probe schedule");
    }

    /** True if {@code step} is one of this trace's probed steps. */
    public boolean probed(long step) {
        for (double[] r : rows) {
            if (r[0] == step) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Trace[" + name + ", " + columns + ", " + rows.size() + " rows]";
    }

    /** True when both traces have the same columns and bit-identical values. */
    public boolean sameValues(Trace other) {
        if (!columns.equals(other.columns) || rows.size() != other.rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!Arrays.equals(rows.get(i), other.rows.get(i))) {
                return false;
            }
        }
        return true;
    }
}
