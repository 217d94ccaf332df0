package org.sgdlab.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sgdlab.probe.Trace;

/**
 * Renders {@link PlotSpec}s to PNG with XChart (800×500, headless).
 *
 * <p>Points whose x or y is NaN or infinite are dropped, and so are non-positive values on a logarithmic axis.
 * A series left with no points is omitted; if no series has any point the chart is still written, with an empty
 * plot area and " (no data)" appended to its title. A column the trace does not have is an error
 * ({@link IllegalArgumentException}), not "no data".
 */
public final class Plots {

    /** Width of rendered charts in pixels. */
    public static final int WIDTH = 800;
    /** Height of rendered charts in pixels. */
    public static final int HEIGHT = 500;

    private Plots() {
    }

    /**
     * Renders {@code spec} from {@code trace} to {@code pngFile} (parent directories are created).
     *
     * @throws IllegalArgumentException if the trace lacks the x column or a y column
     * @throws IOException              if rendering or writing fails
     */
    public static void renderPng(PlotSpec spec, Trace trace, Path pngFile) throws IOException {
        double[] x = trace.column(spec.xColumn());
        double[][] ys = new double[spec.yColumns().size()][];
        for (int k = 0; k < ys.length; k++) {
            ys[k] = trace.column(spec.yColumns().get(k));
        }
        String title = spec.title() == null ? spec.fileName() : spec.title();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(spec.xLabel() == null ? spec.xColumn() : spec.xLabel())
                .yAxisTitle(spec.yLabel() == null ? "" : spec.yLabel()).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(ys.length > 1);
        chart.getStyler().setMarkerSize(4);

        int plotted = 0;
        int fewest = Integer.MAX_VALUE;
        Set<String> used = new HashSet<>();
        for (int k = 0; k < ys.length; k++) {
            double[][] pts = filter(x, ys[k], spec.logX(), spec.logY());
            if (pts[0].length == 0) {
                continue;
            }
            String name = spec.yColumns().get(k);
            while (!used.add(name)) {
                name = name + "'";
            }
            XYSeries s = chart.addSeries(name, pts[0], pts[1]);
            if (pts[0].length > 200) {
                s.setMarker(SeriesMarkers.NONE);
            }
            fewest = Math.min(fewest, pts[0].length);
            plotted++;
        }
        if (plotted > 0) {
            if (fewest <= 3) {
                chart.getStyler().setMarkerSize(9); // a lone point must stay visible
            }
            chart.getStyler().setXAxisLogarithmic(spec.logX());
            chart.getStyler().setYAxisLogarithmic(spec.logY());
        } else {
            chart.setTitle(title + " (no data)");
            chart.getStyler().setLegendVisible(false);
            // XChart needs a series to lay out axes; add an invisible one.
            XYSeries s = chart.addSeries(" ", new double[] {0, 1}, new double[] {0, 1});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(0, 0, 0, 0));
            s.setShowInLegend(false);
        }
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (RuntimeException e) {
            throw new IOException("cannot render plot " + spec.fileName() + ": " + e, e);
        }
        Path parent = pngFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(pngFile, png);
    }

    /**
     * Renders a small chart to memory and discards it: loads and initializes XChart, Java2D, the fonts and the PNG
     * encoder, a one-time cost of a fresh JVM (a third of a short {@code sgdlab train}). A caller runs it on another
     * thread while it computes and waits for it before rendering ({@link #startWarmUp}); the charts rendered later are
     * the same bytes either way. Failures are ignored: the real rendering reports them.
     */
    public static void warmUp() {
        try {
            XYChart chart = new XYChartBuilder().width(160).height(100).title("warm-up").xAxisTitle("x").yAxisTitle("y").build();
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.addSeries("‖w‖", new double[] {1, 10, 100}, new double[] {1, 0.1, 0.01});
            BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException | RuntimeException | LinkageError e) {
            // ignored: see the Javadoc
        }
    }

    /** Starts {@link #warmUp} on a daemon thread; {@code join()} it before rendering. */
    public static Thread startWarmUp() {
        Thread t = new Thread(Plots::warmUp, "sgdlab-plot-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** One chart to render: {@code spec} from {@code trace} to {@code pngFile}. */
    public record PngJob(PlotSpec spec, Trace trace, Path pngFile) {
    }

    /**
     * Renders every job ({@link #renderPng}) on up to {@code threads} threads (the calling thread included), each
     * chart into its own file, so the files are the same bytes as rendered one after the other. A report's charts are
     * independent and each costs tens of milliseconds (a quick check writes over a hundred). The first failure in
     * the jobs' order is rethrown after all have stopped.
     *
     * @throws IllegalArgumentException if {@code threads < 1}, or as {@link #renderPng}
     * @throws IOException              as {@link #renderPng}
     */
    public static void renderPngs(List<PngJob> jobs, int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int n = jobs.size();
        Exception[] failures = new Exception[n];
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                PngJob j = jobs.get(k);
                try {
                    renderPng(j.spec(), j.trace(), j.pngFile());
                } catch (IOException | RuntimeException e) {
                    failures[k] = e;
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int t = 1; t < Math.min(threads, n); t++) {
            Thread h = new Thread(drain, "sgdlab-plot-" + t);
            h.setDaemon(true);
            h.start();
            helpers.add(h);
        }
        drain.run();
        for (Thread h : helpers) {
            try {
                h.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while rendering plots", e);
            }
        }
        for (Exception e : failures) {
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
        }
    }

    /** Keeps the points with finite coordinates (and positive ones on log axes); returns {xs, ys}. */
    static double[][] filter(double[] x, double[] y, boolean logX, boolean logY) {
        double[] fx = new double[x.length];
        double[] fy = new double[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            double a = x[i];
            double b = y[i];
            if (!Double.isFinite(a) || !Double.isFinite(b) || (logX && a <= 0) || (logY && b <= 0)) {
                continue;
            }
            fx[n] = a;
            fy[n] = b;
            n++;
        }
        return new double[][] {Arrays.copyOf(fx, n), Arrays.copyOf(fy, n)};
    }
}
