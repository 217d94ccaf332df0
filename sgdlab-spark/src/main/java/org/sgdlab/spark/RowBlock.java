package org.sgdlab.spark;

import java.io.Serializable;
import org.sgdlab.objective.EmpiricalRisk;

/**
 * One block of consecutive rows [firstRow, firstRow + rows) of the data, held as a dense row-major matrix: the unit
 * a Spark partition stores (cached) and the unit of the full-batch sums. Block {@code index} covers exactly the rows
 * of core's block {@code index} ({@link EmpiricalRisk#fullBatchBlockRows}), so its partial sums are the ones core
 * adds up on one machine.
 *
 * <p>The arrays are not copied and never modified. The objective over the block is built once per executor and kept
 * in a transient field (the cached block outlives the tasks that read it), so an iteration only runs the kernel.
 */
public final class RowBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final int firstRow;
    private final int rows;
    private final int d;
    private final double[] x;
    private final double[] y;
    private transient EmpiricalRisk risk;
    private transient RiskSpec riskSpec;

    /**
     * @param index    block index (block k starts at row k·blockRows)
     * @param firstRow global index of the block's first row
     * @param rows     number of rows
     * @param d        features per row
     * @param x        rows·d entries, row-major (not copied)
     * @param y        rows targets (not copied)
     */
    public RowBlock(int index, int firstRow, int rows, int d, double[] x, double[] y) {
        if (index < 0 || firstRow < 0 || rows < 1 || d < 1) {
            throw new IllegalArgumentException("block " + index + ": firstRow " + firstRow + ", rows " + rows + ", d " + d
                    + " (need index, firstRow >= 0 and rows, d >= 1)");
        }
        if (x.length != (long) rows * d || y.length != rows) {
            throw new IllegalArgumentException("block " + index + ": " + rows + " rows of " + d + " need " + (long) rows * d
                    + " entries and " + rows + " targets, got " + x.length + " and " + y.length);
        }
        this.index = index;
        this.firstRow = firstRow;
        this.rows = rows;
        this.d = d;
        this.x = x;
        this.y = y;
    }

    public int index() {
        return index;
    }

    public int firstRow() {
        return firstRow;
    }

    public int rows() {
        return rows;
    }

    public int d() {
        return d;
    }

    /** Row {@code k} of the block (a copy). */
    public double[] row(int k) {
        double[] r = new double[d];
        System.arraycopy(x, k * d, r, 0, d);
        return r;
    }

    /** Target of row {@code k} of the block. */
    public double target(int k) {
        return y[k];
    }

    /** The objective over this block's rows (built on first use in this JVM, then reused). */
    EmpiricalRisk risk(RiskSpec spec) {
        if (risk == null || !spec.equals(riskSpec)) {
            risk = spec.risk("block " + index, rows, d, x, y);
            riskSpec = spec;
        }
        return risk;
    }
}
