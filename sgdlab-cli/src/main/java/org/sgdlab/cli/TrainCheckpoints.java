package org.sgdlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sgdlab.report.Provenance;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;
import org.sgdlab.train.checkpoint.CheckpointException;
import org.sgdlab.train.checkpoint.CheckpointFile;
import org.sgdlab.train.checkpoint.FieldMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The checkpoints of `sgdlab train` ({@code --checkpoint-every N}, {@code --checkpoint-dir DIR}, {@code --resume DIR}).
 *
 * <p>A checkpoint holds, besides the trainer's snapshot ({@link Trainer.Builder#checkpoints}), the run's provenance and
 * configuration under {@code meta/}: the command-line arguments and the working folder they were given in (so
 * {@code --resume DIR} needs no other option, and refuses one that conflicts), the sgdlab version, and the run's identity
 * (optimizer, sampler, number of parameters and samples, a hash of the data) checked before anything is restored.
 *
 * <p>The folder defaults to {@code <out>.checkpoint}, beside the report folder rather than inside it: the report writer
 * replaces {@code --out} as a whole and refuses folders holding files it did not write, so a checkpoint inside would
 * either block the report or vanish with the old one. Once the report is written the checkpoint file is deleted (the
 * folder too when that leaves it empty), and so is it when the run diverges (resuming, with the same options, would
 * diverge again). When writing the report fails, the checkpoint is kept: the run can be resumed from it.
 */
final class TrainCheckpoints {
    private static final String ARG_COUNT = "meta/arg_count";
    private static final String ARG = "meta/arg/";
    private static final String CWD = "meta/working_folder";
    private static final String VERSION = "meta/sgdlab_version";
    private static final String IDENTITY = "meta/run/";

    private final TrainCommand command;
    private final Path dir;
    private final FieldMap resumeFrom;

    private TrainCheckpoints(TrainCommand command, Path dir, FieldMap resumeFrom) {
        this.command = command;
        this.dir = dir;
        this.resumeFrom = resumeFrom;
    }

    /**
     * The checkpoint settings of {@code c} (a fresh run, or the run {@link #resume} re-created); validates them and
     * refuses to start a fresh run over the checkpoint of an interrupted one.
     */
    static TrainCheckpoints of(TrainCommand c) {
        if (c.checkpointEvery == null) {
            if (c.checkpointDir != null) {
                throw new Main.UsageException("--checkpoint-dir needs --checkpoint-every N");
            }
            return new TrainCheckpoints(c, null, c.resumeSnapshot);
        }
        if (c.checkpointEvery < 1) {
            throw new Main.UsageException("--checkpoint-every must be >= 1 step, got " + c.checkpointEvery);
        }
        Path dir = c.resumeDir != null ? c.resumeDir : c.checkpointDir != null ? c.checkpointDir : defaultDir(c.out);
        if (c.resumeSnapshot == null && CheckpointFile.exists(dir)) {
            throw new Main.UsageException(dir + " holds the checkpoint of an interrupted run: continue it with `sgdlab train "
                    + "--resume " + dir + "`, or delete it to start over");
        }
        return new TrainCheckpoints(c, dir, c.resumeSnapshot);
    }

    /** {@code <out>.checkpoint}, beside the report folder. */
    static Path defaultDir(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".checkpoint");
    }

    /**
     * Runs {@code trainer} for {@code steps} from {@code w0}, or continues the checkpoint this run resumes (after checking
     * that {@code identity} — optimizer, sampler, sizes, data hash — is the checkpoint's), writing checkpoints when asked.
     * {@code builder} is complete but for checkpoints.
     */
    TrainResult run(Trainer.Builder builder, double[] w0, long steps, Map<String, String> identity) throws IOException {
        if (dir != null) {
            Map<String, String> meta = meta(identity);
            builder.checkpoints(command.checkpointEvery, (step, snapshot) -> {
                FieldMap full = new FieldMap();
                for (Map.Entry<String, String> e : meta.entrySet()) {
                    full.set(e.getKey(), e.getValue());
                }
                full.set("meta/written_at", Instant.now().toString());
                for (Map.Entry<String, Object> e : snapshot.values().entrySet()) {
                    full.set(e.getKey(), e.getValue());
                }
                CheckpointFile.write(dir, full);
            });
        }
        Trainer trainer = builder.build();
        try {
            if (resumeFrom == null) {
                return trainer.run(w0, steps);
            }
            checkIdentity(resumeFrom, identity);
            PrintWriter err = command.spec.commandLine().getErr();
            err.println("sgdlab: resuming at step " + resumeFrom.longValue("run/step", "the checkpoint") + " of " + steps
                    + " from " + command.resumeDir);
            err.flush();
            return trainer.resume(resumeFrom, steps);
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        } catch (org.sgdlab.train.DivergenceException e) {
            completed(); // resuming would diverge again (the options cannot change): the checkpoint is of no use
            throw e;
        }
    }

    /** After the report is written: the checkpoint is no longer needed. */
    void completed() throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        Files.deleteIfExists(CheckpointFile.file(dir));
        try (var rest = Files.list(dir)) {
            if (rest.findAny().isEmpty()) {
                Files.delete(dir);
            }
        }
    }

    private Map<String, String> meta(Map<String, String> identity) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("meta/format", "sgdlab train checkpoint");
        m.put(VERSION, Provenance.buildVersion());
        m.put("meta/jvm", System.getProperty("java.vm.name", "?") + " " + System.getProperty("java.version", "?"));
        m.put(CWD, command.workingFolder().toString());
        List<String> args = command.recordedArguments();
        m.put(ARG_COUNT, Integer.toString(args.size()));
        for (int i = 0; i < args.size(); i++) {
            m.put(ARG + i, args.get(i));
        }
        for (Map.Entry<String, String> e : identity.entrySet()) {
            m.put(IDENTITY + e.getKey(), e.getValue());
        }
        return m;
    }

    private static void checkIdentity(FieldMap saved, Map<String, String> identity) {
        String version = saved.string(VERSION, "the checkpoint");
        if (!version.equals(Provenance.buildVersion())) {
            throw new CheckpointException("the checkpoint was written by sgdlab " + version + "; this is sgdlab "
                    + Provenance.buildVersion() + " (a resumed run must use the same build to give the same bits)");
        }
        for (Map.Entry<String, String> e : identity.entrySet()) {
            String was = saved.string(IDENTITY + e.getKey(), "the checkpoint");
            if (!was.equals(e.getValue())) {
                throw new CheckpointException("the checkpoint's " + e.getKey().replace('_', ' ') + " is " + was + "; this run's is "
                        + e.getValue());
            }
        }
    }

    /**
     * {@code sgdlab train --resume DIR}: re-creates the run from the arguments recorded in the checkpoint (relative paths
     * resolved against the folder they were given in), refuses options of {@code current} that conflict with them, and
     * runs it from the checkpoint. Returns the exit code.
     */
    static int resume(TrainCommand current) throws Exception {
        Path dir = current.resume;
        FieldMap snapshot;
        try {
            snapshot = CheckpointFile.read(dir);
        } catch (CheckpointException e) {
            throw new Main.UsageException("--resume " + dir + ": " + e.getMessage());
        }
        int count = Math.toIntExact(Long.parseLong(snapshot.string(ARG_COUNT, "the checkpoint")));
        List<String> args = new ArrayList<>();
        args.add("train");
        for (int i = 0; i < count; i++) {
            args.add(snapshot.string(ARG + i, "the checkpoint"));
        }
        CommandLine cl = Main.commandLine("train");
        cl.setOut(current.spec.commandLine().getOut());
        cl.setErr(current.spec.commandLine().getErr());
        CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(new String[0]));
        TrainCommand recorded = (TrainCommand) parsed.subcommand().commandSpec().userObject();
        recorded.resolvePathsAgainst(Path.of(snapshot.string(CWD, "the checkpoint")));
        refuseConflicts(current, recorded);
        recorded.resumeSnapshot = snapshot;
        recorded.resumeDir = dir;
        if (recorded.checkpointEvery == null) {
            throw new CheckpointException(dir + ": the checkpoint records no --checkpoint-every");
        }
        return recorded.call();
    }

    /** Every option given beside --resume must have the value the checkpoint's run had (then it changes nothing). */
    private static void refuseConflicts(TrainCommand current, TrainCommand recorded) {
        for (OptionSpec o : current.spec.commandLine().getParseResult().matchedOptions()) {
            if (o.longestName().equals("--resume")) {
                continue;
            }
            OptionSpec same = recorded.spec.findOption(o.longestName());
            Object mine = normalized(o.getValue());
            Object theirs = normalized(same.getValue());
            if (!Objects.equals(mine, theirs)) {
                throw new Main.UsageException(o.longestName() + " " + show(mine) + " conflicts with the checkpoint's run ("
                        + o.longestName() + " " + show(theirs) + "); --resume takes the run's configuration from the "
                        + "checkpoint: leave the option out");
            }
        }
    }

    private static Object normalized(Object v) {
        return v instanceof Path p ? p.toAbsolutePath().normalize() : v;
    }

    private static String show(Object v) {
        return v == null ? "(not given)" : v.toString();
    }

    /** A stable hash of the data the run trains on (names, sizes and every value's bits), to refuse resuming on other data. */
    static String dataHash(org.sgdlab.data.Dataset d) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 * 4096);
        for (double[] values : new double[][] {d.x().data(), d.y()}) {
            for (int from = 0; from < values.length; from += 4096) {
                int len = Math.min(4096, values.length - from);
                bytes.clear();
                bytes.asDoubleBuffer().put(values, from, len);
                crc.update(bytes.array(), 0, 8 * len);
            }
        }
        return d.n() + "x" + d.d() + ":" + Long.toHexString(crc.getValue());
    }
}
