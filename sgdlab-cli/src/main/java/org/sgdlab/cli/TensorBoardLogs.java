package org.sgdlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Provenance;

/**
 * {@code --log-dir}: the bridge to module sgdlab-tblog (TensorBoard event files). The commands call this class only when
 * {@code --log-dir} is given, so that the protobuf runtime is never loaded otherwise (start-up of a plain run).
 */
final class TensorBoardLogs {
    private TensorBoardLogs() {
    }

    /** A usage error (exit 2) naming --log-dir unless a run log can be written to {@code logDir}; nothing is created. */
    static void requireUsable(Path logDir) {
        try {
            org.sgdlab.tblog.RunLog.requireUsable(logDir, "--log-dir");
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    /**
     * A training run as one TensorBoard run in {@code logDir}: its probes as scalars, the report's plots (already written in
     * {@code reportDir}) as images, the provenance as text, and {@code hparams} as the HParams plugin's session.
     */
    static void writeRun(Path logDir, Map<String, ?> hparams, Trace trace, Path reportDir, List<PlotSpec> plots,
                         Provenance provenance) throws IOException {
        org.sgdlab.tblog.RunLog.writeRun(logDir, hparams, "", List.of(trace), reportDir, plots, provenance);
    }

    /** Each claim of a check as a TensorBoard run {@code logDir/<claim id>}, its plots read from {@code reportDir/<id>}. */
    static void writeCheck(Path logDir, List<ClaimResult> results, String budget, Path reportDir, Provenance provenance)
            throws IOException {
        for (ClaimResult r : results) {
            org.sgdlab.tblog.RunLog.writeClaim(logDir, r, budget, reportDir.resolve(r.id()), provenance);
        }
    }

    /**
     * For {@code sweep --log-dir}: checks {@code logDir} (a usage error naming --log-dir, exit 2) and writes the experiment
     * record (each hyperparameter of {@code configurations} with its values; {@code metricTags} as the HParams tab's
     * columns). Call it before the sweep runs. The handle is a {@code org.sgdlab.tblog.SweepLog} typed as Object so that
     * the calling command's class does not name sgdlab-tblog's types (nothing of it or of protobuf loads without the
     * option); pass it to {@link #writeSweepRun}.
     */
    static Object startSweep(Path logDir, String name, String description, List<? extends Map<String, ?>> configurations,
                             List<String> metricTags) throws IOException {
        try {
            return org.sgdlab.tblog.SweepLog.create(logDir, name, description, configurations, metricTags);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    /**
     * One configuration of a sweep as run {@code logDir/<runName>} (a plain folder name): its session ({@code hparams};
     * runs of one {@code group} are repeats of the same values, "" makes the run its own group), its trace's probes as
     * scalars, the plots of {@code reportDir} as images and the provenance as text. Safe to call from several threads for
     * different runs.
     */
    static void writeSweepRun(Object sweep, String runName, String group, Map<String, ?> hparams, Trace trace, Path reportDir,
                              List<PlotSpec> plots, Provenance provenance) throws IOException {
        ((org.sgdlab.tblog.SweepLog) sweep).writeRun(runName, group, hparams, List.of(trace), reportDir, plots, provenance);
    }

    /**
     * The hyperparameters of a training run for TensorBoard's HParams tab: what the run was given (the optimizer and its
     * -H values, learning rate, schedule, sampler, batch, steps, loss, reduction, model, init, seed), numbers as numbers.
     */
    static Map<String, Object> trainHParams(TrainCommand c, String sampler, int batch, double eta, long steps) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("optimizer", c.optimizer);
        for (Map.Entry<String, Double> e : c.hyper.entrySet()) {
            h.put(e.getKey(), e.getValue());
        }
        h.put("learning_rate", eta);
        h.put("schedule", c.schedule);
        h.put("sampler", sampler);
        h.put("batch", (double) batch);
        h.put("steps", (double) steps);
        h.put("loss", c.loss);
        h.put("reduction", c.reduction);
        h.put("model", c.models.model == null ? "linear" : c.models.model);
        h.put("init", c.init == null ? "default" : c.init);
        h.put("init_scale", c.initScale);
        h.put("seed", (double) c.seed);
        return h;
    }
}
