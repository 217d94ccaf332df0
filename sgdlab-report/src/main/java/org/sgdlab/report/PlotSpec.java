package org.sgdlab.report;

import java.util.List;
import java.util.Objects;

/**
 * One plot: the {@code yColumns} of the trace named {@code traceName} against its {@code xColumn}.
 *
 * @param fileName  PNG file name inside the claim's folder, e.g. {@code "angle.png"}
 * @param title     chart title
 * @param traceName name of the trace (see {@link org.sgdlab.probe.Trace#name()}) holding the columns
 * @param xColumn   column plotted on the x axis, usually {@code "step"}
 * @param yColumns  one series per column
 * @param logX      logarithmic x axis (non-positive x values are dropped)
 * @param logY      logarithmic y axis (non-positive y values are dropped)
 * @param xLabel    x axis label (null: the column name)
 * @param yLabel    y axis label (null: none)
 */
public record PlotSpec(String fileName, String title, String traceName, String xColumn,
                       List<String> yColumns, boolean logX, boolean logY, String xLabel, String yLabel) {

    /** Copies {@code yColumns}; rejects null file, trace and column names. */
    public PlotSpec {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(traceName, "traceName");
        Objects.requireNonNull(xColumn, "xColumn");
        yColumns = List.copyOf(Objects.requireNonNull(yColumns, "yColumns"));
    }
}
