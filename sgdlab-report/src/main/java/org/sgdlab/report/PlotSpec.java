package org.sgdlab.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One plot: the {@code yColumns} of the trace named {@code traceName} against its {@code xColumn}.
 *
 * <p>Build one by its axes' scales, then name what it shows:
 * <pre>{@code
 * PlotSpec.logLog("angle.png").title("angle to the SVM direction").trace("gd")
 *         .x("step", "step t").y("angle", "angle (rad)").build();
 * PlotSpec.logLog("loss.png").trace("gd").x("step", "step t").y(List.of("loss", "loss_times_t"), "loss")
 *         .legend("loss", "L(w_t)").legend("loss_times_t", "t·L(w_t)").build();
 * }</pre>
 * {@link #logLog}, {@link #semiLogX}, {@link #semiLogY} and {@link #linear} fix the scales (as matplotlib's
 * {@code loglog}, {@code semilogx}, {@code semilogy}, {@code plot}); {@link Builder#trace}, {@link Builder#x} and one
 * {@link Builder#y} are required, the title, the axis labels and the series' legend names are optional (a series
 * without one is named after its column, see {@link #seriesLabel}).
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
 * @param legend    legend name of a y column, by column (copied; null: none); columns without one are named by
 *                  {@link #seriesLabel}
 */
public record PlotSpec(String fileName, String title, String traceName, String xColumn,
                       List<String> yColumns, boolean logX, boolean logY, String xLabel, String yLabel,
                       Map<String, String> legend) {

    /** Copies {@code yColumns} and {@code legend}; rejects null file, trace and column names. */
    public PlotSpec {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(traceName, "traceName");
        Objects.requireNonNull(xColumn, "xColumn");
        yColumns = List.copyOf(Objects.requireNonNull(yColumns, "yColumns"));
        legend = legend == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(legend));
    }

    /** A plot without legend names. */
    public PlotSpec(String fileName, String title, String traceName, String xColumn, List<String> yColumns,
                    boolean logX, boolean logY, String xLabel, String yLabel) {
        this(fileName, title, traceName, xColumn, yColumns, logX, logY, xLabel, yLabel, null);
    }

    /**
     * The name a reader sees for {@code column}'s series: its {@link #legend} name; else, for the only series, the y
     * axis label; else the column name made readable ({@code loss_times_t} → "loss times t", {@code eta0.2} →
     * "η = 0.2", see {@link Plots#humanize}).
     */
    public String seriesLabel(String column) {
        String l = legend.get(column);
        if (l != null) {
            return l;
        }
        if (yColumns.size() == 1 && yLabel != null && !yLabel.isBlank()) {
            return yLabel;
        }
        return Plots.humanize(column);
    }

    /** A plot with logarithmic x and y axes, written to {@code fileName}. */
    public static Builder logLog(String fileName) {
        return new Builder(fileName, true, true);
    }

    /** A plot with a logarithmic x axis and a linear y axis. */
    public static Builder semiLogX(String fileName) {
        return new Builder(fileName, true, false);
    }

    /** A plot with a linear x axis and a logarithmic y axis. */
    public static Builder semiLogY(String fileName) {
        return new Builder(fileName, false, true);
    }

    /** A plot with linear x and y axes. */
    public static Builder linear(String fileName) {
        return new Builder(fileName, false, false);
    }

    /**
     * Collects a plot's parts; {@link #build()} checks that the trace, the x column and the y columns were given. Each
     * setter returns this builder and replaces what an earlier call of the same setter set.
     */
    public static final class Builder {
        private final String fileName;
        private final boolean logX;
        private final boolean logY;
        private String title;
        private String traceName;
        private String xColumn;
        private String xLabel;
        private List<String> yColumns;
        private String yLabel;
        private final Map<String, String> legend = new LinkedHashMap<>();

        private Builder(String fileName, boolean logX, boolean logY) {
            this.fileName = Objects.requireNonNull(fileName, "fileName");
            this.logX = logX;
            this.logY = logY;
        }

        /** The chart title (may be null: none). */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The name of the trace holding the plotted columns. */
        public Builder trace(String traceName) {
            this.traceName = Objects.requireNonNull(traceName, "traceName");
            return this;
        }

        /** The x column, labelled by its name. */
        public Builder x(String column) {
            return x(column, null);
        }

        /** The x column and its axis label (null: the column name). */
        public Builder x(String column, String label) {
            this.xColumn = Objects.requireNonNull(column, "x column");
            this.xLabel = label;
            return this;
        }

        /** One y series and the axis label (null: none). */
        public Builder y(String column, String label) {
            return y(List.of(Objects.requireNonNull(column, "y column")), label);
        }

        /** One y series per column, in order, and the axis label (null: none); the list is copied. */
        public Builder y(List<String> columns, String label) {
            this.yColumns = List.copyOf(Objects.requireNonNull(columns, "y columns"));
            this.yLabel = label;
            return this;
        }

        /** One y series per column, without an axis label. */
        public Builder y(List<String> columns) {
            return y(columns, null);
        }

        /** The legend name of the y column {@code column} (e.g. "t·L(w_t)" for {@code loss_times_t}). */
        public Builder legend(String column, String label) {
            legend.put(Objects.requireNonNull(column, "legend column"), Objects.requireNonNull(label, "legend label"));
            return this;
        }

        /**
         * The plot; throws {@link IllegalStateException} naming the file when the trace, x or y is missing or a legend
         * name is given for a column that is not a y column.
         */
        public PlotSpec build() {
            List<String> missing = new ArrayList<>();
            if (traceName == null) {
                missing.add("trace");
            }
            if (xColumn == null) {
                missing.add("x");
            }
            if (yColumns == null) {
                missing.add("y");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("plot " + fileName + " needs a trace, an x column and y columns; missing: "
                        + String.join(", ", missing));
            }
            for (String c : legend.keySet()) {
                if (!yColumns.contains(c)) {
                    throw new IllegalStateException("plot " + fileName + ": legend name for \"" + c
                            + "\", which is not among its y columns " + yColumns);
                }
            }
            return new PlotSpec(fileName, title, traceName, xColumn, yColumns, logX, logY, xLabel, yLabel, legend);
        }
    }
}
