package org.sgdlab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.sgdlab.probe.Trace;

/**
 * Writes reports to disk: {@code result.json}, CSV traces, PNG plots and {@code index.html}.
 *
 * <p><b>Atomicity.</b> A report is built in a temporary sibling directory of {@code outDir}
 * ({@code .<name>.tmp-*}) and moved into place only when every file was written. If {@code outDir} already
 * exists it is first renamed to a sibling backup, the new report renamed into place, and the backup deleted;
 * if the final rename fails the backup is restored. On any failure the temporary directory is deleted and the
 * exception rethrown, so {@code outDir} holds either the complete previous content or the complete new report.
 *
 * <p><b>Safety.</b> Because a replaced {@code outDir} is replaced as a whole, an existing {@code outDir} must be
 * empty or a previous report (contain {@code result.json}); otherwise an {@link IOException} is thrown before
 * anything is written, so a mistaken {@code --out .} cannot delete unrelated files. A symbolic link at
 * {@code outDir} is not followed or replaced (also an {@link IOException}). If the JVM dies mid-write, a stale
 * {@code .<name>.tmp-*} sibling may remain; {@code outDir} itself is never half-written.
 *
 * <p><b>Names.</b> Claim ids, trace names and plot file names become file names, so they must match
 * {@code [A-Za-z0-9][A-Za-z0-9._-]*}; plot file names must end in {@code .png}. Claim ids must be unique, and
 * trace names and plot file names unique within a claim (within a run, all names share one directory).
 * Violations throw {@link IllegalArgumentException} before anything is written.
 */
public final class ReportWriter {

    /** Name of the JSON result file. */
    public static final String RESULT_JSON = "result.json";
    /** Name of the HTML page. */
    public static final String INDEX_HTML = "index.html";

    /** Threads that render a report's plots (independent charts; same bytes on any count). */
    private static final int PLOT_THREADS = Runtime.getRuntime().availableProcessors();

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ReportWriter() {
    }

    /**
     * Writes a check report into {@code outDir}: {@code result.json} (kind "check", provenance, verdict counts,
     * and every claim via {@link Json#toMap(ClaimResult)}), a folder {@code <id>/} per claim with
     * {@code <traceName>.csv} per trace and one PNG per plot, and {@code index.html}.
     *
     * @return the path of {@code index.html}
     */
    public static Path writeCheck(Path outDir, List<ClaimResult> results, Provenance provenance) throws IOException {
        validateCheck(results);
        return atomically(outDir, tmp -> {
            List<Plots.PngJob> pngs = new ArrayList<>();
            for (ClaimResult r : results) {
                Path dir = Files.createDirectory(tmp.resolve(r.id()));
                writeFiles(dir, r.traces(), r.plots(), "claim " + r.id(), pngs);
            }
            Plots.renderPngs(pngs, PLOT_THREADS);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", "check");
            json.put("provenance", Json.toMap(provenance));
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("claims", results.size());
            for (Verdict v : Verdict.values()) {
                counts.put(v.name(), results.stream().filter(r -> r.verdict() == v).count());
            }
            json.put("summary", counts);
            List<Object> claims = new ArrayList<>();
            for (ClaimResult r : results) {
                claims.add(Json.toMap(r));
            }
            json.put("claims", claims);
            writeString(tmp.resolve(RESULT_JSON), Json.writePretty(json) + "\n");
            writeString(tmp.resolve(INDEX_HTML), HtmlReport.check(results, provenance));
        });
    }

    /**
     * Writes a training-run report into {@code outDir}: {@code result.json} (kind "run", title, provenance,
     * {@code summary}, traces and plots with their file names), {@code <traceName>.csv} per trace and one PNG
     * per plot directly in {@code outDir}, and {@code index.html}. Same atomicity as {@link #writeCheck}.
     *
     * @return the path of {@code index.html}
     */
    public static Path writeRun(Path outDir, String title, Map<String, Object> summary, List<Trace> traces,
                                List<PlotSpec> plots, Provenance provenance) throws IOException {
        List<Trace> ts = traces == null ? List.of() : List.copyOf(traces);
        List<PlotSpec> ps = plots == null ? List.of() : List.copyOf(plots);
        Map<String, Object> sum = summary == null ? Map.of() : new LinkedHashMap<>(summary);
        validateFiles(ts, ps, "run", Set.of(RESULT_JSON, INDEX_HTML));
        String json = Json.writePretty(runJson(title, sum, ts, ps, provenance)) + "\n"; // fail early on bad values
        return atomically(outDir, tmp -> {
            List<Plots.PngJob> pngs = new ArrayList<>();
            writeFiles(tmp, ts, ps, "run", pngs);
            Plots.renderPngs(pngs, PLOT_THREADS);
            writeString(tmp.resolve(RESULT_JSON), json);
            writeString(tmp.resolve(INDEX_HTML), HtmlReport.run(title, sum, ts, ps, provenance));
        });
    }

    private static Map<String, Object> runJson(String title, Map<String, Object> summary, List<Trace> traces,
                                               List<PlotSpec> plots, Provenance provenance) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "run");
        json.put("title", title);
        json.put("provenance", Json.toMap(provenance));
        json.put("summary", summary);
        json.put("traces", Json.traceMaps(traces, ""));
        json.put("plots", Json.plotMaps(plots, ""));
        return json;
    }

    // ---------------------------------------------------------------------------------------------------------

    private interface Builder {
        void build(Path tmp) throws IOException;
    }

    private static Path atomically(Path outDir, Builder builder) throws IOException {
        Path out = outDir.toAbsolutePath().normalize();
        Path parent = out.getParent();
        if (parent == null || out.getFileName() == null) {
            throw new IOException("cannot write a report to the file system root: " + outDir);
        }
        checkReplaceable(out);
        Files.createDirectories(parent);
        String base = out.getFileName().toString();
        Path tmp = Files.createTempDirectory(parent, "." + base + ".tmp-");
        Path backup = null;
        try {
            builder.build(tmp);
            checkReplaceable(out);
            if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                backup = Files.createTempDirectory(parent, "." + base + ".old-");
                Files.delete(backup); // reserve a unique name, then rename onto it
                move(out, backup);
            }
            try {
                move(tmp, out);
            } catch (IOException | RuntimeException e) {
                if (backup != null) {
                    try {
                        move(backup, out);
                        backup = null;
                    } catch (IOException | RuntimeException restore) {
                        e.addSuppressed(restore);
                    }
                }
                throw e;
            }
            tmp = null;
        } catch (IOException | RuntimeException | Error e) {
            if (tmp != null) {
                try {
                    deleteTree(tmp);
                } catch (IOException | RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
        if (backup != null) {
            try {
                deleteTree(backup);
            } catch (IOException ignored) {
                // The new report is complete and in place; a leftover backup directory is harmless.
            }
        }
        return out.resolve(INDEX_HTML);
    }

    /**
     * Fails unless {@code out} can take a report: it is absent, an empty directory, or holds a previous
     * report. Commands call it before a long run so a bad {@code --out} fails at once, not at the end.
     */
    public static void checkReplaceable(Path out) throws IOException {
        if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("report output " + out + " exists and is not a directory");
        }
        if (Files.isRegularFile(out.resolve(RESULT_JSON))) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(out)) {
            if (ds.iterator().hasNext()) {
                throw new IOException("refusing to replace " + out
                        + ": it is not empty and holds no previous report (" + RESULT_JSON + ")");
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Writes the traces' CSVs into {@code dir} and adds its plots to {@code pngs} (rendered by the caller). */
    private static void writeFiles(Path dir, List<Trace> traces, List<PlotSpec> plots, String what,
                                   List<Plots.PngJob> pngs) throws IOException {
        Map<String, Trace> byName = new HashMap<>();
        for (Trace t : traces) {
            CsvWriter.write(t, dir.resolve(t.name() + ".csv"));
            byName.put(t.name(), t);
        }
        for (PlotSpec p : plots) {
            Trace t = byName.get(p.traceName());
            if (t == null) {
                throw new IllegalArgumentException(what + ": plot " + p.fileName() + " names trace \""
                        + p.traceName() + "\", which is not among its traces " + byName.keySet());
            }
            pngs.add(new Plots.PngJob(p, t, dir.resolve(p.fileName())));
        }
    }

    private static void writeString(Path file, String s) throws IOException {
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void validateCheck(List<ClaimResult> results) {
        Set<String> ids = new HashSet<>();
        for (ClaimResult r : results) {
            checkName(r.id(), "claim id");
            if (r.id().equals(RESULT_JSON) || r.id().equals(INDEX_HTML)) {
                throw new IllegalArgumentException("claim id \"" + r.id() + "\" clashes with a report file name");
            }
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("duplicate claim id \"" + r.id() + "\"");
            }
            validateFiles(r.traces(), r.plots(), "claim " + r.id(), Set.of());
        }
    }

    private static void validateFiles(List<Trace> traces, List<PlotSpec> plots, String what, Set<String> reserved) {
        Set<String> files = new HashSet<>(reserved);
        Set<String> traceNames = new HashSet<>();
        for (Trace t : traces) {
            checkName(t.name(), what + ": trace name");
            traceNames.add(t.name());
            if (!files.add(t.name() + ".csv")) {
                throw new IllegalArgumentException(what + ": duplicate or reserved file " + t.name() + ".csv");
            }
        }
        for (PlotSpec p : plots) {
            checkName(p.fileName(), what + ": plot file name");
            if (!p.fileName().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
                throw new IllegalArgumentException(what + ": plot file name must end in .png: " + p.fileName());
            }
            if (!files.add(p.fileName())) {
                throw new IllegalArgumentException(what + ": duplicate or reserved file " + p.fileName());
            }
            if (!traceNames.contains(p.traceName())) {
                throw new IllegalArgumentException(what + ": plot " + p.fileName() + " names trace \""
                        + p.traceName() + "\", which is not among its traces " + traceNames);
            }
        }
    }

    private static void checkName(String name, String what) {
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must match " + SAFE_NAME.pattern() + ": " + name);
        }
    }
}
