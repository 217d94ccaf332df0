package org.sgdlab.tblog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sweep as one TensorBoard log folder that the HParams tab compares: the experiment record (every hyperparameter with
 * the values the sweep gives it, and the metrics to show as columns) in the folder itself, and one run folder per
 * configuration holding its session (hyperparameter values, session group), its scalars, plots and provenance.
 *
 * <p>Use (a sweep of configurations {@code configs}, each a map of hyperparameter values):
 * <pre>{@code
 * // before the sweep runs (checks the folder: IllegalArgumentException naming --log-dir, exit 2 in the CLI)
 * SweepLog sweep = SweepLog.create(logDir, "sgdlab sweep", description, configs, List.of("loss", "grad_norm"));
 * for (int k = 0; k < configs.size(); k++) {                        // any order, any thread (one writer per run)
 *     ... run configuration k: trace, plots in reportDir, provenance ...
 *     sweep.writeRun("run-" + k, "", configs.get(k), List.of(trace), reportDir, plots, provenance);
 * }
 * }</pre>
 * and then {@code tensorboard --logdir logDir}. Runs of the same hyperparameters repeated over seeds share a
 * {@code group} name (their HParams row aggregates them); an empty group makes each run its own group.
 */
public final class SweepLog {
    private final Path logDir;

    private SweepLog(Path logDir) {
        this.logDir = logDir;
    }

    /**
     * Writes the experiment record into {@code logDir} (created if absent), after {@link RunLog#requireUsable} (an
     * IllegalArgumentException naming --log-dir when the folder cannot take the sweep).
     *
     * @param name           the experiment's name
     * @param description    Markdown shown by TensorBoard
     * @param configurations every configuration's hyperparameter values (Number, Boolean or String; not modified); the
     *                       experiment lists each name with its distinct values
     * @param metricTags     scalar tags the HParams tab shows as metric columns (their last value per run)
     */
    public static SweepLog create(Path logDir, String name, String description, List<? extends Map<String, ?>> configurations,
                                  List<String> metricTags) throws IOException {
        RunLog.requireUsable(logDir, "--log-dir");
        List<HParams.Info> infos = HParams.infos(configurations);
        try (EventWriter w = EventWriter.create(logDir)) {
            w.experiment(name, description, infos, metricTags);
        }
        return new SweepLog(logDir);
    }

    /** The folder of run {@code runName}. */
    public Path runDir(String runName) {
        return logDir.resolve(RunLog.requireRunName(runName));
    }

    /**
     * Starts run {@code runName} (a plain folder name) as a session of group {@code group} with {@code hparams}: the caller
     * writes its summaries, then {@link EventWriter#sessionEnd} and closes the writer. {@link #writeRun} does all of it
     * for a run with a report.
     */
    public EventWriter startRun(String runName, String group, Map<String, ?> hparams) throws IOException {
        EventWriter w = EventWriter.create(runDir(runName));
        try {
            w.sessionStart(hparams, group);
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    /**
     * One complete run: its session ({@code hparams}, {@code group}), every probe of {@code traces} as scalars, the plots
     * (PNG files of {@code reportDir}) as images, the provenance as text, and the session end (success).
     *
     * @return the event file written
     */
    public Path writeRun(String runName, String group, Map<String, ?> hparams, List<org.sgdlab.probe.Trace> traces,
                         Path reportDir, List<org.sgdlab.report.PlotSpec> plots, org.sgdlab.report.Provenance provenance)
            throws IOException {
        return RunLog.writeRun(runDir(runName), hparams, group, traces, reportDir, plots, provenance);
    }
}
