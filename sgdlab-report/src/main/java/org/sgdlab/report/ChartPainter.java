package org.sgdlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws one XY chart with Java2D: a title wrapped to the width, the plot area with its grid, the axes laid out by
 * {@link AxisTicks}, the series styled by {@link SeriesStyles}, and, for two series or more, a legend in columns below
 * the plot. Text is filled from {@link GlyphFont}'s bundled outlines (DejaVu Sans), not with Java2D's fonts: a chart
 * whose strings the table covers never starts sun.font's font manager. Not thread-safe; one painter per chart.
 */
final class ChartPainter {

    private static final int PAD = 10;
    private static final int TICK = 5;
    private static final int LEGEND_SAMPLE = 36;
    private static final int LEGEND_ROW = 18;
    /** Largest legend marker: a marker enlarged to show under later series needs no enlarging in the legend. */
    private static final double LEGEND_MARKER = 9;
    private static final Color TEXT = new Color(0x22, 0x22, 0x22);
    private static final Color FRAME = new Color(0x88, 0x88, 0x88);
    private static final Color GRID = new Color(0xE3, 0xE3, 0xE3);

    private final int width;
    private final int height;
    private final GlyphFont titleFont = GlyphFont.bold(15);
    private final GlyphFont tickFont = GlyphFont.plain(12);
    private final GlyphFont axisFont = GlyphFont.plain(13);
    private final GlyphFont legendFont = GlyphFont.plain(12);
    private Graphics2D g;

    ChartPainter(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** The chart of {@code series} (points NaN where left out); titles may be empty. */
    BufferedImage paint(String title, String xTitle, String yTitle, boolean logX, boolean logY,
                        List<Plots.Series> series) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            // for text GlyphFont leaves to Java2D (characters its table lacks); its own glyphs are antialiased shapes
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            paintChart(title, xTitle, yTitle, logX, logY, series);
        } finally {
            g.dispose();
        }
        return img;
    }

    private void paintChart(String title, String xTitle, String yTitle, boolean logX, boolean logY,
                            List<Plots.Series> series) {
        double[] xr = range(series, true);
        double[] yr = range(series, false);
        boolean noData = Double.isNaN(xr[0]);
        int top = paintTitle(noData ? title + " (no data)" : title) + 8;

        List<Plots.Series> legendEntries = series.size() >= 2 ? series : List.of();
        LegendLayout legend = legendLayout(legendEntries);
        GlyphFont tm = tickFont;
        GlyphFont am = axisFont;
        int bottom = height - PAD - legend.height - (xTitle.isBlank() ? 0 : am.height() + 2) - tm.height() - TICK - 4;

        AxisTicks.Axis yAxis = AxisTicks.layout(yr[0], yr[1], logY, bottom - top, s -> tm.height());
        int yLabels = 0;
        for (AxisTicks.Tick t : yAxis.ticks()) {
            yLabels = Math.max(yLabels, tm.stringWidth(t.label()));
        }
        int left = PAD + (yTitle.isBlank() ? 0 : am.height() + 6) + yLabels + TICK + 4;
        int right = width - PAD - 24;
        AxisTicks.Axis xAxis = AxisTicks.layout(xr[0], xr[1], logX, right - left, tm::stringWidth);

        Rectangle2D plot = new Rectangle2D.Double(left, top, right - left, bottom - top);
        paintGridAndTicks(plot, xAxis, yAxis, tm);
        paintAxisTitles(plot, xTitle, yTitle, tm, am);
        List<SeriesStyles.Style> styles = SeriesStyles.assign(series, xAxis, yAxis, plot);
        paintSeries(plot, xAxis, yAxis, series, styles);
        paintLegend(legend, legendEntries, styles, plot);
    }

    /** {min, max} over the drawable points of all series, or NaNs when there are none. */
    private static double[] range(List<Plots.Series> series, boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Plots.Series s : series) {
            double[] v = x ? s.x() : s.y();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(s.y()[i])) {
                    min = Math.min(min, v[i]);
                    max = Math.max(max, v[i]);
                }
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {Double.NaN, Double.NaN};
    }

    // ---------------------------------------------------------------------------------------------------------
    // Title

    /** Draws the title centred, wrapped to at most three lines (smaller type past two); returns its bottom. */
    private int paintTitle(String title) {
        int avail = width - 2 * PAD;
        GlyphFont fm = titleFont;
        List<String> lines = wrap(title, fm, avail);
        if (lines.size() > 2) {
            fm = titleFont.withSize(13f);
            lines = wrap(title, fm, avail);
        }
        if (lines.size() > 3) {
            List<String> cut = new ArrayList<>(lines.subList(0, 3));
            cut.set(2, ellipsize(cut.get(2) + " " + lines.get(3), fm, avail));
            lines = cut;
        }
        g.setColor(TEXT);
        int y = PAD;
        for (String line : lines) {
            y += fm.ascent();
            fm.draw(g, line, (float) (width - fm.stringWidth(line)) / 2, y);
            y += fm.descent();
        }
        return y;
    }

    /** Word-wraps {@code s} to lines at most {@code avail} pixels wide (a longer word gets a line of its own). */
    static List<String> wrap(String s, GlyphFont fm, int avail) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.trim().split("\\s+")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && fm.stringWidth(candidate) > avail) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** {@code s}, or its longest prefix that fits {@code avail} pixels followed by "…". */
    static String ellipsize(String s, GlyphFont fm, int avail) {
        if (fm.stringWidth(s) <= avail) {
            return s;
        }
        int end = s.length();
        while (end > 0 && fm.stringWidth(s.substring(0, end) + "…") > avail) {
            end--;
        }
        return s.substring(0, end).stripTrailing() + "…";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Axes

    private void paintGridAndTicks(Rectangle2D plot, AxisTicks.Axis x, AxisTicks.Axis y, GlyphFont tm) {
        double l = plot.getMinX();
        double r = plot.getMaxX();
        double t = plot.getMinY();
        double b = plot.getMaxY();
        g.setStroke(new BasicStroke(1f));
        g.setColor(GRID);
        for (AxisTicks.Tick tick : x.ticks()) {
            double px = xPixel(x, tick.at(), plot);
            g.draw(new Line2D.Double(px, t, px, b));
        }
        for (AxisTicks.Tick tick : y.ticks()) {
            double py = yPixel(y, tick.at(), plot);
            g.draw(new Line2D.Double(l, py, r, py));
        }
        g.setColor(FRAME);
        g.draw(plot);
        for (double m : x.minor()) {
            double px = xPixel(x, m, plot);
            g.draw(new Line2D.Double(px, b, px, b + TICK / 2.0));
        }
        for (double m : y.minor()) {
            double py = yPixel(y, m, plot);
            g.draw(new Line2D.Double(l - TICK / 2.0, py, l, py));
        }
        for (AxisTicks.Tick tick : x.ticks()) {
            double px = xPixel(x, tick.at(), plot);
            g.setColor(FRAME);
            g.draw(new Line2D.Double(px, b, px, b + TICK));
            g.setColor(TEXT);
            tm.draw(g, tick.label(), (float) (px - tm.stringWidth(tick.label()) / 2.0), (float) (b + TICK + 2
                    + tm.ascent()));
        }
        for (AxisTicks.Tick tick : y.ticks()) {
            double py = yPixel(y, tick.at(), plot);
            g.setColor(FRAME);
            g.draw(new Line2D.Double(l - TICK, py, l, py));
            g.setColor(TEXT);
            tm.draw(g, tick.label(), (float) (l - TICK - 3 - tm.stringWidth(tick.label())),
                    (float) (py + (tm.ascent() - tm.descent()) / 2.0));
        }
    }

    private void paintAxisTitles(Rectangle2D plot, String xTitle, String yTitle, GlyphFont tm, GlyphFont am) {
        g.setColor(TEXT);
        if (!xTitle.isBlank()) {
            GlyphFont fm = fitting(axisFont, xTitle, (int) plot.getWidth());
            String s = ellipsize(xTitle, fm, (int) plot.getWidth());
            fm.draw(g, s, (float) (plot.getCenterX() - fm.stringWidth(s) / 2.0),
                    (float) (plot.getMaxY() + TICK + 4 + tm.height() + fm.ascent()));
        }
        if (!yTitle.isBlank()) {
            int avail = (int) plot.getHeight();
            GlyphFont fm = fitting(axisFont, yTitle, avail);
            String s = ellipsize(yTitle, fm, avail);
            AffineTransform saved = g.getTransform();
            g.translate(PAD + fm.ascent(), plot.getCenterY() + fm.stringWidth(s) / 2.0);
            g.rotate(-Math.PI / 2);
            fm.draw(g, s, 0, 0);
            g.setTransform(saved);
        }
    }

    /** {@code base}, or a smaller size down to 10 points so that {@code s} fits {@code avail} pixels if it can. */
    private static GlyphFont fitting(GlyphFont base, String s, int avail) {
        GlyphFont f = base;
        while (f.stringWidth(s) > avail && f.size() > 10) {
            f = f.withSize(f.size() - 1);
        }
        return f;
    }

    static double xPixel(AxisTicks.Axis x, double unit, Rectangle2D plot) {
        return plot.getMinX() + (unit - x.lo()) / (x.hi() - x.lo()) * plot.getWidth();
    }

    static double yPixel(AxisTicks.Axis y, double unit, Rectangle2D plot) {
        return plot.getMaxY() - (unit - y.lo()) / (y.hi() - y.lo()) * plot.getHeight();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Series

    private void paintSeries(Rectangle2D plot, AxisTicks.Axis xAxis, AxisTicks.Axis yAxis, List<Plots.Series> series,
                             List<SeriesStyles.Style> styles) {
        Shape savedClip = g.getClip();
        g.clip(new Rectangle2D.Double(plot.getX() - 6, plot.getY() - 6, plot.getWidth() + 12, plot.getHeight() + 12));
        for (int k = 0; k < series.size(); k++) {
            Plots.Series s = series.get(k);
            SeriesStyles.Style st = styles.get(k);
            double[] px = new double[s.x().length];
            double[] py = new double[s.x().length];
            Path2D.Double path = new Path2D.Double();
            boolean open = false;
            List<Integer> isolated = new ArrayList<>();
            for (int i = 0; i < px.length; i++) {
                if (Double.isNaN(s.y()[i])) {
                    px[i] = Double.NaN;
                    open = false;
                    continue;
                }
                px[i] = xPixel(xAxis, xAxis.unit(s.x()[i]), plot);
                py[i] = yPixel(yAxis, yAxis.unit(s.y()[i]), plot);
                boolean prevMissing = i == 0 || Double.isNaN(px[i - 1]);
                boolean nextMissing = i + 1 == px.length || Double.isNaN(s.y()[i + 1]);
                if (prevMissing && nextMissing) {
                    isolated.add(i);
                }
                if (open) {
                    path.lineTo(px[i], py[i]);
                } else {
                    path.moveTo(px[i], py[i]);
                    open = true;
                }
            }
            g.setColor(st.color());
            g.setStroke(st.stroke());
            g.draw(path);
            g.setStroke(new BasicStroke(1.5f));
            for (int i = 0; i < px.length; i++) {
                if (!Double.isNaN(px[i]) && (st.markers() || isolated.contains(i))) {
                    marker(st, px[i], py[i]);
                }
            }
        }
        g.setClip(savedClip);
    }

    private void marker(SeriesStyles.Style st, double x, double y) {
        marker(st, x, y, st.markerSize());
    }

    private void marker(SeriesStyles.Style st, double x, double y, double size) {
        Shape shape = SeriesStyles.marker(st.marker(), x, y, size);
        g.setColor(st.color());
        if (st.hollow()) {
            g.draw(shape);
        } else {
            g.fill(shape);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Legend

    /** Columns and rows of the legend below the plot. */
    private record LegendLayout(int columns, int columnWidth, int labelWidth, int height) {
    }

    private LegendLayout legendLayout(List<Plots.Series> entries) {
        if (entries.isEmpty()) {
            return new LegendLayout(0, 0, 0, 0);
        }
        GlyphFont fm = legendFont;
        int avail = width - 2 * PAD;
        int widest = 0;
        for (Plots.Series s : entries) {
            widest = Math.max(widest, fm.stringWidth(legendText(s)));
        }
        int labelWidth = Math.min(widest, avail - LEGEND_SAMPLE - 6 - 16);
        int columnWidth = LEGEND_SAMPLE + 6 + labelWidth + 16;
        int columns = Math.max(1, Math.min(entries.size(), avail / columnWidth));
        int rows = (entries.size() + columns - 1) / columns;
        return new LegendLayout(columns, columnWidth, labelWidth, rows * LEGEND_ROW + 6);
    }

    private static String legendText(Plots.Series s) {
        return s.points() == 0 ? s.label() + " (no data)" : s.label();
    }

    private void paintLegend(LegendLayout layout, List<Plots.Series> entries, List<SeriesStyles.Style> styles,
                             Rectangle2D plot) {
        if (entries.isEmpty()) {
            return;
        }
        GlyphFont fm = legendFont;
        int total = layout.columns() * layout.columnWidth() - 16;
        double x0 = Math.max(PAD, plot.getCenterX() - total / 2.0);
        int y0 = height - PAD - layout.height() + 6;
        for (int k = 0; k < entries.size(); k++) {
            int col = k % layout.columns();
            int row = k / layout.columns();
            double x = x0 + col * layout.columnWidth();
            double y = y0 + row * LEGEND_ROW + LEGEND_ROW / 2.0;
            SeriesStyles.Style st = styles.get(k);
            g.setColor(st.color());
            g.setStroke(st.legendStroke());
            g.draw(new Line2D.Double(x, y, x + LEGEND_SAMPLE, y));
            if (st.markers()) {
                g.setStroke(new BasicStroke(1.5f));
                marker(st, x + LEGEND_SAMPLE / 2.0, y, Math.min(st.markerSize(), LEGEND_MARKER));
            }
            g.setColor(TEXT);
            String text = ellipsize(legendText(entries.get(k)), fm, layout.labelWidth());
            fm.draw(g, text, (float) (x + LEGEND_SAMPLE + 6), (float) (y + (fm.ascent() - fm.descent()) / 2.0));
        }
    }
}
