package org.sgdlab.cli;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sgdlab.probe.Trace;
import org.sgdlab.train.ProgressListener;
import picocli.CommandLine;

/**
 * {@code sgdlab sweep} with its runs executed elsewhere (sgdlab-spark's {@code ./sgdlab spark sweep}): the command, its
 * checks, its table, plots, verdict and exit codes are {@code sgdlab sweep}'s; only {@link SpecRunner}'s loop over the
 * configurations is replaced by an {@link Executor} that maps {@link #runTask} over serializable tasks (on Spark's
 * executors) and returns the results in the tasks' order. Each run is deterministic by its seed, so the result table
 * equals the local sweep's bit for bit.
 */
public final class DistributedSweep {
    private DistributedSweep() {
    }

    /** Maps {@link #runTask} over {@code tasks} (anywhere, in any order) and returns the results in the tasks' order. */
    @FunctionalInterface
    public interface Executor {
        List<Serializable> map(List<Serializable> tasks) throws Exception;
    }

    /** One run to do: the spec (its text, read again where the run executes, and its file for relative data paths). */
    private record Task(String specFile, String specText, SpecRunConfig config) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One run's result in plain values (a {@link Trace} is not serializable). */
    private record Done(String traceName, List<String> probeColumns, double[][] rows, double[] finalParams,
                        double referenceNorm, double learningRate, String diverged) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Runs {@code sgdlab sweep ARGS} (the arguments after {@code sweep}) with the runs mapped by {@code executor};
     * returns the exit code (0, 1 when the prediction FAILS, 2 on bad usage, as {@code sgdlab sweep}).
     */
    public static int execute(String[] args, Executor executor) {
        CommandLine cl = Main.commandLine("sweep");
        SweepCommand sweep = cl.getSubcommands().get("sweep").getCommand();
        sweep.runner = (spec, configs, progress) -> {
            String file = Path.of(spec.file()).toAbsolutePath().toString();
            List<Serializable> tasks = new ArrayList<>();
            for (SpecRunConfig c : configs) {
                tasks.add(new Task(file, spec.text(), c));
            }
            List<Serializable> done;
            try {
                done = executor.map(tasks);
            } catch (IllegalArgumentException | Main.UsageException e) {
                throw e; // a run's own usage error (as in a local sweep)
            } catch (Exception e) {
                throw failed("the distributed runs failed: " + e, e);
            }
            if (done.size() != configs.size()) {
                throw failed("the executor returned " + done.size() + " results for " + configs.size() + " runs", null);
            }
            List<SpecRunResult> out = new ArrayList<>();
            for (int k = 0; k < configs.size(); k++) {
                out.add(restore(configs.get(k), (Done) done.get(k)));
            }
            progress.onProgress(1, 1);
            return out;
        };
        String[] all = new String[args.length + 1];
        all[0] = "sweep";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    /** A failure of the executor: an error line and exit code 2 from the command, no output written. */
    private static java.io.UncheckedIOException failed(String message, Exception cause) {
        return new java.io.UncheckedIOException(new java.io.IOException(message, cause));
    }

    /** Runs one task of {@link #execute}'s executor (where it executes: the spec is parsed again from its text). */
    public static Serializable runTask(Serializable task) {
        Task t = (Task) task;
        SpecFile spec = SpecFile.parse(t.specFile(), t.specText());
        SpecRunResult r = SpecRun.run(spec, t.config(), ProgressListener.NONE, new java.io.PrintWriter(System.err, true));
        Trace tr = r.trace();
        double[][] rows = new double[tr.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = tr.row(i).clone();
        }
        List<String> probes = new ArrayList<>(tr.columns().subList(1, tr.columns().size()));
        return new Done(tr.name(), probes, rows, r.finalParams(), r.referenceNorm(), r.learningRate(), r.diverged());
    }

    private static SpecRunResult restore(SpecRunConfig config, Done d) {
        Trace t = new Trace(d.traceName(), new ArrayList<>(d.probeColumns()));
        for (double[] row : d.rows()) {
            t.add(row);
        }
        return new SpecRunResult(config, t, d.finalParams(), d.referenceNorm(), d.learningRate(), d.diverged());
    }
}
