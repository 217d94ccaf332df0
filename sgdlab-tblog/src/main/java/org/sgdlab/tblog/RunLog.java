package org.sgdlab.tblog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Provenance;

/**
 * sgdlab's runs as TensorBoard runs: a run folder holds one event file with every probe of its traces as a scalar by
 * step, the report's plots as images, the provenance (and for a claim its verdict) as Markdown text, and the HParams
 * plugin's session start and end, so that TensorBoard's HParams tab compares runs by their hyperparameters.
 */
public final class RunLog {
    private RunLog() {
    }

    /** The text tag of a run's provenance. */
    public static final String PROVENANCE_TAG = "provenance";
    /**
     * The prefix of the plots' image tags. A tag is one time series of one plugin in TensorBoard's data loading: an image
     * tagged "loss" beside the scalar "loss" would be dropped.
     */
    public static final String PLOTS_PREFIX = "plots/";
    /** The text tag of a claim's verdict, prediction, measurement and rule. */
    public static final String CLAIM_TAG = "claim";
    /** Run folder names: plain file names, as report folders. */
    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=,+-]*");

    /**
     * Fails with a message naming {@code option} and {@code logDir} unless a run log can be written there, before anything
     * is computed: {@code logDir} is absent or a folder, the nearest existing folder on its way is writable (probed by
     * creating and deleting a file), and it holds no event files yet at its top or one level down (TensorBoard would
     * merge two runs' steps into one run).
     *
     * @throws IllegalArgumentException naming the option, the folder and the reason
     */
    public static void requireUsable(Path logDir, String option) {
        if (logDir == null || logDir.toString().isEmpty()) {
            throw new IllegalArgumentException(option + " must name a folder, got an empty path");
        }
        Path dir = logDir.toAbsolutePath().normalize();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + " " + logDir + ": " + (existing == null ? "no existing parent folder"
                    : existing + " is not a folder"));
        }
        try {
            Path probe = Files.createTempFile(existing, ".sgdlab-log-dir-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(option + " " + logDir + ": cannot write in " + existing + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        if (existing.equals(dir)) {
            try (Stream<Path> s = Files.walk(dir, 2)) {
                Path old = s.filter(p -> p.getFileName().toString().startsWith(EventWriter.FILE_PREFIX)).findFirst().orElse(null);
                if (old != null) {
                    throw new IllegalArgumentException(option + " " + logDir + " already holds TensorBoard event files ("
                            + dir.relativize(old) + "): give a new folder or remove them (TensorBoard would merge both "
                            + "runs' steps into one run)");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(option + " " + logDir + ": cannot list it (" + e.getMessage() + ")");
            }
        }
    }

    /** Fails unless {@code name} is a plain folder name (letters, digits, {@code . _ = , + -}, not starting with one). */
    static String requireRunName(String name) {
        if (name == null || !RUN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a run name must be a plain folder name (letters, digits, . _ = , + -), got "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
        return name;
    }

    /**
     * Writes every probe column of {@code trace} as scalars tagged {@code tagPrefix + column}, one point per row at the
     * row's step. Steps are the trace's {@code step} column when every value is a whole number in [0, 2⁵³]; otherwise
     * (a trace by time rather than by step) the row index, and the {@code step} column is written as a scalar too.
     */
    public static void writeTrace(EventWriter w, Trace trace, String tagPrefix) throws IOException {
        boolean whole = wholeSteps(trace.column("step"));
        List<String> columns = trace.columns();
        for (int i = 0; i < trace.size(); i++) {
            double[] row = trace.row(i);
            long step = whole ? (long) row[0] : i;
            for (int k = whole ? 1 : 0; k < columns.size(); k++) {
                w.scalar(tagPrefix + columns.get(k), step, row[k]);
            }
        }
    }

    /** The last step {@link #writeTrace} gives {@code trace} (0 for an empty trace). */
    public static long lastStep(Trace trace) {
        double[] steps = trace.column("step");
        return steps.length == 0 ? 0 : wholeSteps(steps) ? (long) steps[steps.length - 1] : steps.length - 1;
    }

    /** Whether every value is a whole number in [0, 2⁵³], usable as an event's step. */
    private static boolean wholeSteps(double[] steps) {
        boolean whole = true;
        for (double s : steps) {
            whole &= s >= 0 && s <= 0x1p53 && s == Math.rint(s);
        }
        return whole;
    }

    /** Each trace's probes (tagged {@code trace/column} when {@code prefixByName}), then the plots at the last step. */
    private static void writeTracesAndPlots(EventWriter w, List<Trace> traces, boolean prefixByName, Path reportDir,
                                            List<PlotSpec> plots) throws IOException {
        long last = 0;
        for (Trace t : traces) {
            writeTrace(w, t, prefixByName ? t.name() + "/" : "");
            last = Math.max(last, lastStep(t));
        }
        writePlots(w, reportDir, plots, PLOTS_PREFIX, last);
    }

    /**
     * Writes each plot's PNG in {@code reportDir} (written there by the report) as an image tagged {@code tagPrefix} and
     * its file name without ".png".
     */
    public static void writePlots(EventWriter w, Path reportDir, List<PlotSpec> plots, String tagPrefix, long step)
            throws IOException {
        for (PlotSpec p : plots) {
            Path png = reportDir.resolve(p.fileName());
            String name = p.fileName().endsWith(".png") ? p.fileName().substring(0, p.fileName().length() - 4) : p.fileName();
            w.image(tagPrefix + name, step, Files.readAllBytes(png));
        }
    }

    /** The provenance as a Markdown table (version, commit, JVM, OS, seed, start, wall time, then each parameter). */
    public static String provenanceMarkdown(Provenance p) {
        StringBuilder md = new StringBuilder("| field | value |\n|---|---|\n");
        row(md, "version", p.version());
        row(md, "git commit", p.gitCommit());
        row(md, "jvm", p.jvm());
        row(md, "os", p.os());
        row(md, "seed", Long.toString(p.seed()));
        row(md, "started", String.valueOf(p.started()));
        row(md, "wall time", String.valueOf(p.wallTime()));
        for (Map.Entry<String, String> e : p.parameters().entrySet()) {
            row(md, e.getKey(), e.getValue());
        }
        return md.toString();
    }

    /**
     * One training run in {@code runDir}: session start with {@code hparams} in session group {@code group} (empty: its
     * own group), the provenance as text, every probe of
     * {@code traces} as scalars (tagged by column; with several traces by {@code trace/column}), the plots of
     * {@code reportDir} as images {@code plots/<name>} at the last step, and the session end (success). Everything at
     * step 0 comes first and each trace's rows in step order: TensorBoard's reader drops a tag's points at or after a
     * step that goes back.
     *
     * @return the event file written
     */
    public static Path writeRun(Path runDir, Map<String, ?> hparams, String group, List<Trace> traces, Path reportDir,
                                List<PlotSpec> plots, Provenance provenance) throws IOException {
        try (EventWriter w = EventWriter.create(runDir)) {
            w.sessionStart(hparams, group);
            w.text(PROVENANCE_TAG, 0, provenanceMarkdown(provenance));
            writeTracesAndPlots(w, traces, traces.size() != 1, reportDir, plots);
            w.sessionEnd(true);
            return w.file();
        }
    }

    /**
     * One claim of a check in {@code logDir/<claim id>}: session start with hparams {claim, budget, seed}, every trace's
     * probes as scalars tagged {@code trace/column}, its key numbers as scalars {@code numbers/<name>} at step 0, its plots
     * (from {@code claimReportDir}) as images {@code plots/<name>}, the verdict, prediction, measurement and rule as text
     * {@value #CLAIM_TAG}, the provenance as text, and the session end (success: the check completed, whatever its verdict).
     *
     * @return the event file written
     */
    public static Path writeClaim(Path logDir, ClaimResult r, String budget, Path claimReportDir, Provenance provenance)
            throws IOException {
        try (EventWriter w = EventWriter.create(logDir.resolve(requireRunName(r.id())))) {
            Map<String, Object> hparams = new LinkedHashMap<>(); // in this order in every run (Map.of's order varies)
            hparams.put("claim", r.id());
            hparams.put("budget", budget);
            hparams.put("seed", (double) provenance.seed());
            w.sessionStart(hparams, "");
            w.text(CLAIM_TAG, 0, "**" + r.verdict() + "**: " + nonNull(r.title()) + "\n\n*Prediction*: " + nonNull(r.prediction())
                    + "\n\n*Measurement*: " + nonNull(r.measurement()) + "\n\n*Rule*: " + nonNull(r.rule()));
            w.text(PROVENANCE_TAG, 0, provenanceMarkdown(provenance));
            for (Map.Entry<String, Double> e : r.numbers().entrySet()) {
                w.scalar("numbers/" + e.getKey(), 0, e.getValue());
            }
            writeTracesAndPlots(w, r.traces(), true, claimReportDir, r.plots());
            w.sessionEnd(true);
            return w.file();
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static void row(StringBuilder md, String field, String value) {
        md.append("| ").append(cell(field)).append(" | ").append(cell(value)).append(" |\n");
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
