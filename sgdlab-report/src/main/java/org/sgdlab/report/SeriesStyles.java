package org.sgdlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * How each series of a chart is drawn, chosen so that no series hides another.
 *
 * <p>Colours are matplotlib's "tab10" cycle (distinct, and none as pale as yellow on white); past ten series the
 * cycle repeats dashed. Markers (a distinct shape per series) are drawn when a series has at most {@value #MARKERS_UP_TO}
 * points. A series <em>coincides</em> with an earlier one when, at a fifth or more of the rows where both have a
 * point (and at least two), the two points are within {@value #NEAR_PX} pixels: it is then drawn dashed, with hollow
 * markers, and every earlier series it coincides with is drawn wider by {@value #WIDER_PX} pixels per later series on
 * top of it, so the earlier one shows along both sides of the later one.
 */
final class SeriesStyles {

    static final int MARKERS_UP_TO = 60;
    static final double NEAR_PX = 1.5;
    static final float WIDER_PX = 1.8f;
    private static final float BASE_WIDTH = 2f;
    private static final float MAX_WIDTH = 11f;
    private static final double COINCIDENT_SHARE = 0.2;

    /** tab10: blue, orange, green, red, purple, brown, pink, grey, olive, cyan. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    private static final float[][] DASHES = {null, {9, 5}, {2, 4}, {9, 4, 2, 4}, {15, 6}, {5, 3, 1, 3, 1, 3}};

    /** Marker shapes, in order. */
    enum Marker { CIRCLE, SQUARE, TRIANGLE_UP, DIAMOND, TRIANGLE_DOWN, PLUS }

    /** A series' look; {@code coincidesWith}: indices of the earlier series it is drawn over. */
    record Style(Color color, BasicStroke stroke, BasicStroke legendStroke, boolean markers, Marker marker,
                 double markerSize, boolean hollow, List<Integer> coincidesWith) {
    }

    private SeriesStyles() {
    }

    /** The styles of {@code series} on the given axes and plot area, in order. */
    static List<Style> assign(List<Plots.Series> series, AxisTicks.Axis x, AxisTicks.Axis y, Rectangle2D plot) {
        int n = series.size();
        double[][] py = new double[n][];
        for (int k = 0; k < n; k++) {
            double[] ys = series.get(k).y();
            py[k] = new double[ys.length];
            for (int i = 0; i < ys.length; i++) {
                py[k][i] = Double.isNaN(ys[i]) ? Double.NaN : ChartPainter.yPixel(y, y.unit(ys[i]), plot);
            }
        }
        List<List<Integer>> over = new ArrayList<>();
        int[] later = new int[n];
        for (int k = 0; k < n; k++) {
            List<Integer> js = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (coincide(series.get(k), py[k], series.get(j), py[j], x, plot)) {
                    js.add(j);
                    later[j]++;
                }
            }
            over.add(js);
        }
        List<Style> styles = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            boolean onTop = !over.get(k).isEmpty();
            float[] dash = onTop ? DASHES[1 + (over.get(k).size() - 1) % (DASHES.length - 1)]
                    : DASHES[(k / PALETTE.length) % DASHES.length];
            float width = Math.min(MAX_WIDTH, BASE_WIDTH + WIDER_PX * later[k]);
            boolean markers = series.get(k).points() <= MARKERS_UP_TO;
            Marker marker = Marker.values()[k % Marker.values().length];
            double size = 7 + (markers ? 1.5 * later[k] : 0);
            styles.add(new Style(PALETTE[k % PALETTE.length], stroke(width, dash), stroke(Math.min(width, 4f), dash),
                    markers, marker, size, onTop, List.copyOf(over.get(k))));
        }
        return styles;
    }

    private static boolean coincide(Plots.Series a, double[] pa, Plots.Series b, double[] pb, AxisTicks.Axis x,
                                    Rectangle2D plot) {
        int both = 0;
        int near = 0;
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            if (Double.isNaN(pa[i]) || Double.isNaN(pb[i])) {
                continue;
            }
            both++;
            double dx = ChartPainter.xPixel(x, x.unit(a.x()[i]), plot) - ChartPainter.xPixel(x, x.unit(b.x()[i]), plot);
            if (Math.hypot(dx, pa[i] - pb[i]) <= NEAR_PX) {
                near++;
            }
        }
        return near >= 2 && near >= COINCIDENT_SHARE * both;
    }

    private static BasicStroke stroke(float width, float[] dash) {
        return dash == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /** The marker {@code m} of size {@code s} pixels centred at (x, y). */
    static Shape marker(Marker m, double x, double y, double s) {
        double h = s / 2;
        Path2D.Double p = new Path2D.Double();
        switch (m) {
            case CIRCLE:
                return new Ellipse2D.Double(x - h, y - h, s, s);
            case SQUARE:
                return new Rectangle2D.Double(x - h * 0.9, y - h * 0.9, s * 0.9, s * 0.9);
            case TRIANGLE_UP:
                p.moveTo(x, y - h * 1.15);
                p.lineTo(x + h * 1.1, y + h * 0.8);
                p.lineTo(x - h * 1.1, y + h * 0.8);
                break;
            case TRIANGLE_DOWN:
                p.moveTo(x, y + h * 1.15);
                p.lineTo(x + h * 1.1, y - h * 0.8);
                p.lineTo(x - h * 1.1, y - h * 0.8);
                break;
            case DIAMOND:
                p.moveTo(x, y - h * 1.2);
                p.lineTo(x + h, y);
                p.lineTo(x, y + h * 1.2);
                p.lineTo(x - h, y);
                break;
            default: // PLUS, as a filled cross so that it reads at small sizes
                double t = Math.max(1.2, s / 5);
                p.append(new Rectangle2D.Double(x - h, y - t / 2, s, t), false);
                p.append(new Rectangle2D.Double(x - t / 2, y - h, t, s), false);
                return p;
        }
        p.closePath();
        return p;
    }
}
