package org.sgdlab.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.sgdlab.probe.Trace;

/**
 * Renders {@link PlotSpec}s to PNG (800×500, Java2D, headless; {@link ChartPainter} draws, {@link AxisTicks} places
 * the ticks, {@link GlyphFont} draws the text, {@link PngEncoder} encodes).
 *
 * <p>Points whose x or y is NaN or infinite are left out, and so are non-positive values on a logarithmic axis; a line
 * is broken where points are left out. A series left with no points is named in the legend with "(no data)"; if no
 * series has any point the chart is still written, with an empty plot area and " (no data)" appended to its title. A
 * column the trace does not have is an error ({@link IllegalArgumentException}), not "no data".
 *
 * <p>What a reader can rely on in every chart: at least two labelled ticks on each axis and labels that do not
 * overlap; series named by {@link PlotSpec#seriesLabel} (never a raw column name with underscores); a series drawn
 * over another along a fifth of its points or more is drawn dashed over a wider line of the other, so that neither
 * hides the other.
 */
public final class Plots {

    /** Width of rendered charts in pixels. */
    public static final int WIDTH = 800;
    /** Height of rendered charts in pixels. */
    public static final int HEIGHT = 500;

    private Plots() {
    }

    /** One series' points (NaN where left out) and its legend name. */
    record Series(String label, double[] x, double[] y, int points) {
    }

    /**
     * Renders {@code spec} from {@code trace} to {@code pngFile} in a folder that exists. Parent folders are never
     * created: a report is written into a temporary folder that an interrupt's shutdown hook may delete while a chart
     * is being rendered, and re-creating it would leave that folder behind.
     *
     * @throws IllegalArgumentException if the trace lacks the x column or a y column
     * @throws IOException              if rendering or writing fails
     */
    public static void renderPng(PlotSpec spec, Trace trace, Path pngFile) throws IOException {
        double[] x = trace.column(spec.xColumn());
        List<Series> series = new ArrayList<>();
        for (String col : spec.yColumns()) {
            series.add(series(spec.seriesLabel(col), x, trace.column(col), spec.logX(), spec.logY()));
        }
        String title = spec.title() == null ? spec.fileName() : spec.title();
        String xTitle = spec.xLabel() == null ? humanize(spec.xColumn()) : spec.xLabel();
        String yTitle = spec.yLabel() != null ? spec.yLabel()
                : series.size() == 1 ? series.get(0).label() : "";
        byte[] png;
        try {
            BufferedImage img = new ChartPainter(WIDTH, HEIGHT).paint(title, xTitle, yTitle, spec.logX(), spec.logY(),
                    series);
            png = PngEncoder.encode(img);
        } catch (RuntimeException e) {
            throw new IOException("cannot render plot " + spec.fileName() + ": " + e, e);
        }
        Files.write(pngFile, png);
    }

    /**
     * Formats a number, a duration and an instant as the HTML page does ({@link java.util.Formatter}, the locale data
     * and {@code java.time}'s formatter: ~10 ms in a fresh JVM), then renders a small chart to memory and discards it:
     * loads and initializes Java2D's rasterizer, the glyph table ({@link GlyphFont}) and the PNG encoder, a one-time
     * cost of a fresh JVM. A caller runs it on another thread while it computes ({@link #startWarmUp}); the
     * rendering threads wait for it ({@link #startRendering}); the charts and pages written later are the same bytes
     * either way. Failures are ignored: the real rendering reports them.
     */
    public static void warmUp() {
        try {
            // the formatting first: the page is written as soon as the run ends, the charts on threads that wait for this
            Readable.number(1.5e-12);
            Readable.duration(java.time.Duration.ofNanos(3_200_000));
            Readable.instant(java.time.Instant.EPOCH);
            Series s = series("‖w‖", new double[] {1, 10, 100}, new double[] {1, 0.1, 0.01}, true, true);
            BufferedImage img = new ChartPainter(WIDTH, HEIGHT).paint("warm-up", "x", "y", true, true, List.of(s));
            PngEncoder.encode(img);
        } catch (RuntimeException | Error e) {
            // ignored: see the Javadoc. Errors too: an OutOfMemoryError met here belongs to the run beside it, which
            // reports its own (printed by this thread, it was a stack trace on the user's screen)
        }
    }

    private static Thread warmUpThread;

    /**
     * Starts {@link #warmUp} on a daemon thread, once per JVM: later calls return the same thread, so a caller that
     * knows early that plots will follow (the command line, before it parses its arguments) and the code that renders
     * them share one warm-up. {@code join()} it before rendering.
     */
    public static synchronized Thread startWarmUp() {
        if (warmUpThread == null) {
            warmUpThread = new Thread(Plots::warmUp, "sgdlab-plot-warm-up");
            warmUpThread.setDaemon(true);
            warmUpThread.start();
        }
        return warmUpThread;
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
        startRendering(jobs, threads - 1).finish();
    }

    /**
     * Starts rendering {@code jobs} on {@code helpers} new threads (at most one per job; none when {@code helpers} is
     * 0) and returns at once, so that the caller can write a report's other files meanwhile; it must then call
     * {@link Rendering#finish} (which renders what is left on the calling thread too) or, when it fails,
     * {@link Rendering#cancel}. Each chart goes into its own file: the same bytes as {@link #renderPngs} on one thread.
     * A helper first waits for the warm-up ({@link #startWarmUp}) if one was started, which costs a warm JVM nothing and
     * saves a fresh one rendering beside its own set-up.
     *
     * @param jobs    the charts (not modified)
     * @param helpers threads to start, {@code >= 0}
     * @throws IllegalArgumentException if {@code helpers < 0}
     */
    public static Rendering startRendering(List<PngJob> jobs, int helpers) {
        if (helpers < 0) {
            throw new IllegalArgumentException("helpers must be >= 0, got " + helpers);
        }
        Rendering r = new Rendering(List.copyOf(jobs));
        for (int t = 1; t <= Math.min(helpers, r.jobs.size()); t++) {
            Thread h = new Thread(r::drain, "sgdlab-plot-" + t);
            h.setDaemon(true);
            h.start();
            r.helpers.add(h);
        }
        return r;
    }

    /** Charts being rendered by {@link #startRendering}. */
    public static final class Rendering {
        private final List<PngJob> jobs;
        private final Exception[] failures;
        private final AtomicInteger next = new AtomicInteger();
        private final List<Thread> helpers = new ArrayList<>();

        private Rendering(List<PngJob> jobs) {
            this.jobs = jobs;
            this.failures = new Exception[jobs.size()];
        }

        /** Takes jobs until none is left. */
        private void drain() {
            int n = jobs.size();
            int k = next.getAndIncrement();
            if (k < n) {
                awaitWarmUp();
            }
            for (; k < n; k = next.getAndIncrement()) {
                PngJob j = jobs.get(k);
                try {
                    renderPng(j.spec(), j.trace(), j.pngFile());
                } catch (IOException | RuntimeException e) {
                    failures[k] = e;
                }
            }
        }

        /**
         * Renders the charts no helper has taken on the calling thread, waits for the helpers, and rethrows the first
         * failure in the jobs' order.
         *
         * @throws IOException as {@link #renderPng}, or if interrupted while waiting for a helper
         */
        public void finish() throws IOException {
            drain();
            joinHelpers();
            for (Exception e : failures) {
                if (e instanceof IOException io) {
                    throw io;
                }
                if (e instanceof RuntimeException re) {
                    throw re;
                }
            }
        }

        /**
         * Starts no further chart and waits for the ones being rendered, so that the caller may delete their folder;
         * their failures are dropped (the caller is already reporting its own).
         *
         * @throws IOException if interrupted while waiting
         */
        public void cancel() throws IOException {
            next.set(jobs.size());
            joinHelpers();
        }

        /** True while a helper thread is alive (tests). */
        boolean helpersAlive() {
            return helpers.stream().anyMatch(Thread::isAlive);
        }

        private void joinHelpers() throws IOException {
            for (Thread h : helpers) {
                try {
                    h.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while rendering plots", e);
                }
            }
        }
    }

    /** Waits for a started warm-up on another thread (an interrupt ends the wait and is kept). */
    private static void awaitWarmUp() {
        Thread w;
        synchronized (Plots.class) {
            w = warmUpThread;
        }
        if (w == null || w == Thread.currentThread()) {
            return;
        }
        try {
            w.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The series with the points that can be drawn (finite, positive on log axes); the others NaN. */
    static Series series(String label, double[] x, double[] y, boolean logX, boolean logY) {
        int n = Math.min(x.length, y.length);
        double[] fx = new double[n];
        double[] fy = new double[n];
        int points = 0;
        for (int i = 0; i < n; i++) {
            double a = x[i];
            double b = y[i];
            if (!Double.isFinite(a) || !Double.isFinite(b) || (logX && a <= 0) || (logY && b <= 0)) {
                fx[i] = Double.NaN;
                fy[i] = Double.NaN;
                continue;
            }
            fx[i] = a;
            fy[i] = b;
            points++;
        }
        return new Series(label, fx, fy, points);
    }

    private static final Map<String, String> GREEK = Map.ofEntries(Map.entry("alpha", "α"), Map.entry("beta", "β"),
            Map.entry("gamma", "γ"), Map.entry("delta", "δ"), Map.entry("eps", "ε"), Map.entry("epsilon", "ε"),
            Map.entry("eta", "η"), Map.entry("theta", "θ"), Map.entry("kappa", "κ"), Map.entry("lambda", "λ"),
            Map.entry("mu", "μ"), Map.entry("rho", "ρ"), Map.entry("sigma", "σ"), Map.entry("tau", "τ"));
    private static final Pattern NAME_AND_NUMBER = Pattern.compile("([A-Za-z]+)(-?[0-9][0-9.eE+-]*)");

    /**
     * A column name made readable for a legend or an axis: underscores become spaces, Greek letters' names become the
     * letters, and a parameter's name glued to its value gets an equals sign: {@code loss_times_t} → "loss times t",
     * {@code sharpness_eta0.2} → "sharpness η = 0.2", {@code beta_0.2000_mean} → "β 0.2000 mean", {@code p1.25} →
     * "p = 1.25" (but {@code w0} stays: a subscript). A name given by the plot ({@link PlotSpec.Builder#legend}) is
     * better; this is the fallback.
     */
    public static String humanize(String column) {
        if (column == null || column.isEmpty()) {
            return "";
        }
        List<String> words = new ArrayList<>();
        for (String token : column.split("_")) {
            if (token.isEmpty()) {
                continue;
            }
            String greek = GREEK.get(token.toLowerCase(Locale.ROOT));
            if (greek != null) {
                words.add(greek);
                continue;
            }
            Matcher m = NAME_AND_NUMBER.matcher(token);
            if (m.matches()) {
                String name = m.group(1);
                String value = m.group(2);
                String g = GREEK.get(name.toLowerCase(Locale.ROOT));
                boolean decimal = value.contains(".") || value.contains("e") || value.contains("E");
                if (decimal && (g != null || name.length() == 1)) { // eta0.2, p1.25; not w0, x1 (subscripts)
                    words.add((g != null ? g : name) + " = " + value);
                    continue;
                }
                if (g != null) {
                    words.add(g + value);
                    continue;
                }
            }
            words.add(token);
        }
        return String.join(" ", words);
    }
}
