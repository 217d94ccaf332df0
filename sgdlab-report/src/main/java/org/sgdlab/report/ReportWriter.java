package org.sgdlab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
 * <p><b>Atomicity.</b> A report is built in a hidden sibling directory of {@code outDir}
 * ({@code .<name>.tmp-<pid>-*}) and moved into place only when every file was written. If {@code outDir} already
 * exists it is first renamed to a sibling backup, the new report renamed into place, and the backup deleted;
 * if the final rename fails the backup is restored. On any failure the temporary directory is deleted and the
 * exception rethrown, so {@code outDir} holds either the complete previous content or the complete new report.
 * On SIGINT/SIGTERM a shutdown hook deletes the temporary directory (and puts a backup back); siblings left by a
 * process that was killed outright are removed by the next write to the same place ({@link TempOutputs}).
 *
 * <p><b>Safety.</b> A report never deletes a file it did not write. Each report lists its files in
 * {@value #MANIFEST}; an existing {@code outDir} is replaced only when it is empty or holds a previous report and
 * nothing else (reports of versions without a manifest: only the files their {@code result.json} names). Otherwise
 * an {@link IOException} naming the foreign file is thrown before anything is written, so a mistaken
 * {@code --out .} or a note saved beside a report is never deleted. A symbolic link at {@code outDir} is not followed
 * or replaced (also an {@link IOException}). Files and folders get the user's umask (no forced 0600/0700).
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
    /** Name of the list of the files a report wrote (hidden). */
    public static final String MANIFEST = ".sgdlab-manifest";

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
                pngs.addAll(plotJobs(dir, r.traces(), r.plots(), "claim " + r.id()));
            }
            renderWhileWriting(pngs, () -> {
                for (ClaimResult r : results) {
                    writeCsvs(tmp.resolve(r.id()), r.traces());
                }
                writeCheckJsonAndHtml(tmp, results, provenance);
            });
        });
    }

    private static void writeCheckJsonAndHtml(Path tmp, List<ClaimResult> results, Provenance provenance)
            throws IOException {
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
    }

    /** Writes files into a report's folder. */
    private interface FileWrites {
        void run() throws IOException;
    }

    /**
     * Renders {@code pngs} on their own threads while this one runs {@code writes} (a report's other files), then
     * finishes the charts; when {@code writes} fails, waits for the charts being rendered (so that their folder can
     * go) and rethrows, with what the wait threw added as suppressed.
     */
    private static void renderWhileWriting(List<Plots.PngJob> pngs, FileWrites writes) throws IOException {
        Plots.Rendering rendering = Plots.startRendering(pngs, PLOT_THREADS);
        try {
            writes.run();
        } catch (IOException | RuntimeException | Error e) {
            try {
                rendering.cancel();
            } catch (IOException | RuntimeException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
        rendering.finish();
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
            renderWhileWriting(plotJobs(tmp, ts, ps, "run"), () -> {
                writeCsvs(tmp, ts);
                writeString(tmp.resolve(RESULT_JSON), json);
                writeString(tmp.resolve(INDEX_HTML), HtmlReport.run(title, sum, ts, ps, provenance));
            });
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
        checkContents(out, outDir);
        Path tmp;
        try {
            Files.createDirectories(parent);
            TempOutputs.cleanStale(out);
            tmp = TempOutputs.createDirectory(parent, out.getFileName().toString());
        } catch (IOException | SecurityException e) {
            try {
                probeWritable(out, outDir); // names the folder that refuses, as checkReplaceable does
            } catch (IOException refused) {
                refused.addSuppressed(e);
                throw refused;
            }
            throw e;
        }
        Path backup = null;
        try {
            builder.build(tmp);
            writeManifest(tmp);
            synchronized (TempOutputs.LOCK) {
                TempOutputs.requireRunning();
                checkContents(out, out); // (no writability probe: tmp was just created beside it)
                if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                    backup = TempOutputs.moveAside(out);
                }
                try {
                    move(tmp, out);
                } catch (IOException | RuntimeException e) {
                    if (backup != null) {
                        try {
                            move(backup, out);
                            TempOutputs.release(backup);
                            backup = null;
                        } catch (IOException | RuntimeException restore) {
                            e.addSuppressed(restore);
                        }
                    }
                    throw e;
                }
                TempOutputs.release(tmp);
                tmp = null;
            }
        } catch (IOException | RuntimeException | Error e) {
            if (tmp != null) {
                try {
                    TempOutputs.delete(tmp);
                } catch (IOException | RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
        if (backup != null) {
            try {
                TempOutputs.delete(backup);
            } catch (IOException ignored) {
                // The new report is complete and in place; a leftover backup is removed by the next write's cleanStale.
            }
        }
        return out.resolve(INDEX_HTML);
    }

    /**
     * Fails unless {@code out} can take a report, before anything is computed or written, so that a bad {@code --out}
     * fails at once and not after a long run: {@code out} is absent, an empty directory, or holds a previous report and
     * nothing else (every entry is listed in its {@value #MANIFEST}; a report of a version without a manifest is
     * recognised by its file names), and the nearest existing folder on the way to {@code out} is writable (probed by
     * creating and deleting a hidden folder there). The message names the offending file or folder.
     */
    public static void checkReplaceable(Path out) throws IOException {
        if (out.toString().isEmpty()) {
            throw new IOException("the report folder is an empty path; give a folder name");
        }
        Path abs = out.toAbsolutePath().normalize();
        checkContents(abs, out);
        probeWritable(abs, out);
    }

    /** {@link #checkReplaceable} without the writability probe: {@code abs} is absent, empty or a report, not a link. */
    private static void checkContents(Path abs, Path out) throws IOException {
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(abs)) {
                throw new IOException("report output " + out + " is a symbolic link; give the folder it points to, or another --out");
            }
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("report output " + out + " exists and is not a folder");
            }
            String foreign = foreignEntry(abs);
            if (foreign != null) {
                throw new IOException("refusing to replace " + out + ": it holds " + foreign + (foreign.contains("no previous report")
                        ? "" : ", which sgdlab did not write") + " (move it away, or choose another --out)");
            }
        }
    }

    /**
     * The first entry of {@code dir} (relative path) that is not part of a previous report, or null when {@code dir} is
     * empty or a report and nothing else.
     */
    private static String foreignEntry(Path dir) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        boolean hasManifest = Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS);
        if (!hasManifest && !Files.isRegularFile(dir.resolve(RESULT_JSON), LinkOption.NOFOLLOW_LINKS)) {
            // not a report: name its first entry without walking what may be a large tree (--out ~)
            try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                java.util.Iterator<Path> it = ds.iterator();
                return it.hasNext() ? it.next().getFileName() + " but no previous report (" + RESULT_JSON + ")" : null;
            }
        }
        List<String> entries = sortedEntries(dir);
        if (hasManifest) {
            Set<String> written = new HashSet<>();
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    written.add(line.strip());
                }
            }
            written.add(MANIFEST);
            for (String e : entries) {
                if (!written.contains(e)) {
                    return e;
                }
            }
            return null;
        }
        // a report of a version before the manifest: accept only the entries its result.json names (the CSV and PNG
        // files as "file": "<path>", the claim folders by their ids) besides result.json and index.html
        String json = Files.readString(dir.resolve(RESULT_JSON), StandardCharsets.UTF_8);
        for (String e : entries) {
            Path p = dir.resolve(e);
            boolean named = json.contains("\"" + e + "\"");
            boolean ok;
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                ok = named && !e.contains("/");
            } else {
                ok = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && (e.equals(RESULT_JSON) || e.equals(INDEX_HTML) || named && (e.endsWith(".csv") || e.endsWith(".png")));
            }
            if (!ok) {
                return e;
            }
        }
        return null;
    }

    /** Creates and deletes a hidden folder in the nearest existing ancestor of {@code out}: can the report go there? */
    private static void probeWritable(Path abs, Path given) throws IOException {
        Path parent = abs.getParent();
        if (parent == null) {
            throw new IOException("cannot write a report to the file system root: " + given);
        }
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IOException("cannot write the report to " + given + ": no part of its path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new IOException("cannot write the report to " + given + ": " + existing + " is a file, not a folder");
        }
        Path probe;
        try {
            probe = TempOutputs.createDirectory(existing, abs.getFileName().toString());
        } catch (IOException | SecurityException e) {
            String why = TempOutputs.reason(e);
            throw new IOException("cannot write the report to " + given + ": the folder " + existing + " is not writable ("
                    + why + ")");
        }
        TempOutputs.delete(probe);
    }

    /** Lists every file and folder of {@code tmp} (relative, '/'-separated) in {@value #MANIFEST}, written last. */
    private static void writeManifest(Path tmp) throws IOException {
        List<String> names = sortedEntries(tmp);
        StringBuilder sb = new StringBuilder("# Written by sgdlab: the files of this report. sgdlab replaces this folder only "
                + "while it holds these files and nothing else.\n");
        for (String n : names) {
            sb.append(n).append('\n');
        }
        writeString(tmp.resolve(MANIFEST), sb.toString());
    }

    /**
     * Every file and folder under {@code dir} (relative, '/'-separated), sorted. (A loop, not a stream's lambdas: in a
     * fresh JVM a lambda that the class-data archive's recording run never met is spun at run time, ~1 ms each.)
     */
    private static List<String> sortedEntries(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (java.util.Iterator<Path> it = s.iterator(); it.hasNext(); ) {
                Path p = it.next();
                if (!p.equals(dir)) {
                    entries.add(dir.relativize(p).toString().replace('\\', '/'));
                }
            }
        }
        java.util.Collections.sort(entries);
        return entries;
    }

    private static void move(Path from, Path to) throws IOException {
        TempOutputs.move(from, to);
    }

    /** Writes the traces' CSVs into {@code dir}. */
    private static void writeCsvs(Path dir, List<Trace> traces) throws IOException {
        for (Trace t : traces) {
            CsvWriter.write(t, dir.resolve(t.name() + ".csv"));
        }
    }

    /** The charts of {@code plots}, each into {@code dir}, from the trace it names. */
    private static List<Plots.PngJob> plotJobs(Path dir, List<Trace> traces, List<PlotSpec> plots, String what) {
        List<Plots.PngJob> pngs = new ArrayList<>();
        Map<String, Trace> byName = new HashMap<>();
        for (Trace t : traces) {
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
        return pngs;
    }

    private static void writeString(Path file, String s) throws IOException {
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }

    static void deleteTree(Path root) throws IOException {
        TempOutputs.deleteTree(root);
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
