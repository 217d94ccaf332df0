package org.sgdlab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sgdlab.objective.FusedSampleStep;
import org.sgdlab.objective.Objective;
import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;
import org.sgdlab.optim.TwoSampleTransform;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Trace;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.checkpoint.CheckpointException;
import org.sgdlab.train.checkpoint.Checkpointable;
import org.sgdlab.train.checkpoint.FieldMap;

/**
 * The step loop: at each step t, draw a batch, compute its gradient g, let the optimizer turn it
 * into updates u, and set w ← w + u; record probes at the probe steps (before the step with the
 * same index, so row t holds w_t). Stops with a {@link DivergenceException} naming the step and
 * step size when w becomes non-finite.
 *
 * <p>After set-up the loop allocates nothing per step (probes run only at probe steps), except that a
 * full-batch gradient of a large problem (n·d ≥ 2¹⁸, computed in parallel blocks) allocates a few small
 * objects per call. Batch size 1 with plain SGD ({@link Transform#isPlainSgd}) on an objective that offers a
 * {@link FusedSampleStep} takes a fused fast path with the same bits (see runSingleSample).
 *
 * <p>A {@link TwoSampleTransform} (SVAG) gets two gradients per step at the same w: the sampler's next two batches
 * (with a full-batch sampler, the full gradient twice).
 *
 * <p><b>Checkpoints.</b> With {@link Builder#checkpoints}, the loop hands a {@link FieldMap} of everything a run
 * depends on to a {@link CheckpointSink} every k steps: the step, the parameters, the optimizer state, the sampler with
 * its random stream, the trace so far, the state of stateful probes ({@link Checkpointable} ones) and of a stateful
 * objective. {@link #resume} continues from such a snapshot and ends with the same bits as the uninterrupted run.
 */
public final class Trainer {
    private final Objective objective;
    private final Transform optimizer;
    private final Sampler sampler;
    private final List<Probe> probes;
    private final ProbeSchedule schedule;
    private final ProgressListener progress;
    private final String traceName;
    private final long checkpointEvery;
    private final CheckpointSink checkpointSink;

    private Trainer(Builder b) {
        this.objective = b.objective;
        this.optimizer = b.optimizer;
        this.sampler = b.sampler != null ? b.sampler : Samplers.fullBatch(objective.sampleCount());
        this.probes = List.copyOf(b.probes);
        this.schedule = b.schedule;
        this.progress = b.progress;
        this.traceName = b.traceName;
        this.checkpointEvery = b.checkpointEvery;
        this.checkpointSink = b.checkpointSink;
    }

    /** Starts a trainer for {@code objective} and {@code optimizer}. */
    public static Builder builder(Objective objective, Transform optimizer) {
        return new Builder(objective, optimizer);
    }

    /** Runs {@code steps} steps from {@code w0} (not modified). */
    public TrainResult run(double[] w0, long steps) {
        if (w0.length != objective.dimension()) {
            throw new IllegalArgumentException("initial point has " + w0.length + " entries, objective needs "
                    + objective.dimension());
        }
        return execute(w0.clone(), steps, null);
    }

    /**
     * Continues the run of {@code steps} steps saved in {@code snapshot} (a checkpoint of a trainer built the same way:
     * same objective, optimizer, sampler, probes and schedule). The sampler, stateful probes and a stateful objective
     * given to this trainer are restored in place. Fails with a {@link CheckpointException} naming the first field
     * that does not fit (another shape, optimizer, sampler or number of steps).
     */
    public TrainResult resume(FieldMap snapshot, long steps) {
        String what = "the checkpoint";
        long saved = snapshot.longValue(STEPS, what);
        if (saved != steps) {
            throw new CheckpointException("the checkpoint is of a run of " + saved + " steps; this run has " + steps);
        }
        double[] w = snapshot.doubles(PARAMS, what);
        if (w.length != objective.dimension()) {
            throw new CheckpointException("the checkpoint has " + w.length + " parameters; the objective has "
                    + objective.dimension());
        }
        return execute(w, steps, snapshot);
    }

    /** The loop from step 0 (snapshot null, w the start, owned) or from a snapshot (w its parameters). */
    private TrainResult execute(double[] w, long steps, FieldMap snapshot) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        ProbeSchedule ps = schedule != null ? schedule : ProbeSchedule.logSpaced(steps, 20);
        List<String> names = new ArrayList<>();
        for (Probe p : probes) {
            names.add(p.name());
        }
        Trace trace = new Trace(traceName, names);
        double[] g = new double[w.length];
        int[] batch = sampler.fullBatch() ? null : new int[sampler.batchSize()];
        double[] row = new double[names.size() + 1];
        State state = optimizer.init(w);
        Loop loop = new Loop(steps);
        if (snapshot != null) {
            loop.restore(snapshot, state, trace);
        }
        boolean full = sampler.fullBatch();
        long progressEvery = Math.max(1, steps / 200);
        if (!full && sampler.batchSize() == 1 && objective instanceof FusedSampleStep fused && optimizer.isPlainSgd()) {
            return runSingleSample(fused, ps, trace, row, w, state, batch, loop, progressEvery);
        }
        if (loop.pending >= 0) {
            throw new CheckpointException("the checkpoint was written by the single-sample fast path; this run takes the "
                    + "general loop (another optimizer, sampler or objective)");
        }
        // A TwoSampleTransform (SVAG) gets a second, independent gradient per step: the sampler's next batch.
        TwoSampleTransform paired = optimizer instanceof TwoSampleTransform p ? p : null;
        double[] g2 = paired == null ? null : new double[w.length];
        int[] batch2 = paired == null || full ? null : new int[sampler.batchSize()];
        return runGeneral(ps, trace, row, w, g, g2, batch, batch2, state, paired, loop, progressEvery);
    }

    /**
     * The general step loop (any batch, any optimizer), from {@code loop.start} to {@code loop.steps}; w is updated in
     * place. Kept apart from the set-up in {@link #execute} so that C2's compiled loop (with the objective's gradient
     * and the optimizer inlined) is not thrown away and compiled again when only the set-up meets something new (a
     * probe list of another class, a schedule given or not, another optimizer's init: JFR of check --quick showed
     * such deoptimizations in the set-up lines of the former single method), and so that on-stack replacement enters
     * a method that is little more than the loop. Full batch, minibatch and two-sample (SVAG) runs each have their
     * own loop: in one shared loop every check --quick claim brought new objective, sampler and optimizer classes to
     * the same call sites and the full/minibatch branch flipped between claims, and each such deoptimization threw
     * away the compiled loop of all three kinds (JFR: ~15 C2 compilations of the shared loop per run). The three
     * loops take the same steps in the same order as the single loop did (same bits).
     */
    private TrainResult runGeneral(ProbeSchedule ps, Trace trace, double[] row, double[] w, double[] g, double[] g2,
                                   int[] batch, int[] batch2, State state, TwoSampleTransform paired, Loop loop,
                                   long progressEvery) {
        if (paired != null) {
            return runPaired(ps, trace, row, w, g, g2, batch, batch2, state, paired, loop, progressEvery);
        }
        return batch == null ? runFullBatch(ps, trace, row, w, g, state, loop, progressEvery)
                : runMinibatch(ps, trace, row, w, g, batch, state, loop, progressEvery);
    }

    /** The general loop for a full-batch sampler and a one-gradient optimizer (see {@link #runGeneral}). */
    private TrainResult runFullBatch(ProbeSchedule ps, Trace trace, double[] row, double[] w, double[] g, State state,
                                     Loop loop, long progressEvery) {
        long steps = loop.steps;
        int nextProbe = loop.nextProbe;
        long nextProbeStep = nextProbe < ps.size() ? ps.step(nextProbe) : -1;
        // a countdown instead of (t + 1) % progressEvery: a 64-bit division per step is ~5 % of a 200 ns step
        long untilProgress = progressEvery - loop.start % progressEvery;
        for (long t = loop.start; t < steps; t++) {
            if (t == nextProbeStep) {
                record(trace, row, t, w);
                nextProbe++;
                nextProbeStep = nextProbe < ps.size() ? ps.step(nextProbe) : -1;
            }
            if (t == loop.nextCheckpoint) {
                loop.nextProbe = nextProbe;
                loop.save(t, w, state, trace, -1, Double.NaN);
            }
            objective.gradientOnly(w, g);
            optimizer.updateInPlace(g, state, w);
            if (!addAllFinite(w, g)) {
                throw diverged(t, optimizer.lastLearningRate(state).orElse(Double.NaN));
            }
            if (--untilProgress == 0) {
                progress.onProgress(t + 1, steps);
                untilProgress = progressEvery;
            }
        }
        return finish(ps, nextProbe, trace, row, w, steps);
    }

    /** The general loop for a minibatch sampler and a one-gradient optimizer (see {@link #runGeneral}). */
    private TrainResult runMinibatch(ProbeSchedule ps, Trace trace, double[] row, double[] w, double[] g, int[] batch,
                                     State state, Loop loop, long progressEvery) {
        long steps = loop.steps;
        int nextProbe = loop.nextProbe;
        long nextProbeStep = nextProbe < ps.size() ? ps.step(nextProbe) : -1;
        long untilProgress = progressEvery - loop.start % progressEvery;
        for (long t = loop.start; t < steps; t++) {
            if (t == nextProbeStep) {
                record(trace, row, t, w);
                nextProbe++;
                nextProbeStep = nextProbe < ps.size() ? ps.step(nextProbe) : -1;
            }
            if (t == loop.nextCheckpoint) {
                loop.nextProbe = nextProbe;
                loop.save(t, w, state, trace, -1, Double.NaN);
            }
            int count = sampler.nextBatch(batch);
            objective.minibatchGradientOnly(w, batch, count, g);
            optimizer.updateInPlace(g, state, w);
            if (!addAllFinite(w, g)) {
                throw diverged(t, optimizer.lastLearningRate(state).orElse(Double.NaN));
            }
            if (--untilProgress == 0) {
                progress.onProgress(t + 1, steps);
                untilProgress = progressEvery;
            }
        }
        return finish(ps, nextProbe, trace, row, w, steps);
    }

    /**
     * The general loop for a {@link TwoSampleTransform}: a second gradient per step from the sampler's next batch (a
     * copy of the first under a full batch); batch and batch2 are null for a full batch (see {@link #runGeneral}).
     */
    private TrainResult runPaired(ProbeSchedule ps, Trace trace, double[] row, double[] w, double[] g, double[] g2,
                                  int[] batch, int[] batch2, State state, TwoSampleTransform paired, Loop loop,
                                  long progressEvery) {
        long steps = loop.steps;
        boolean full = batch == null;
        int nextProbe = loop.nextProbe;
        long nextProbeStep = nextProbe < ps.size() ? ps.step(nextProbe) : -1;
        long untilProgress = progressEvery - loop.start % progressEvery;
        for (long t = loop.start; t < steps; t++) {
            if (t == nextProbeStep) {
                record(trace, row, t, w);
                nextProbe++;
                nextProbeStep = nextProbe < ps.size() ? ps.step(nextProbe) : -1;
            }
            if (t == loop.nextCheckpoint) {
                loop.nextProbe = nextProbe;
                loop.save(t, w, state, trace, -1, Double.NaN);
            }
            if (full) {
                objective.gradientOnly(w, g);
                System.arraycopy(g, 0, g2, 0, g.length);
            } else {
                int count = sampler.nextBatch(batch);
                objective.minibatchGradientOnly(w, batch, count, g);
                int count2 = sampler.nextBatch(batch2);
                objective.minibatchGradientOnly(w, batch2, count2, g2);
            }
            paired.updateInPlace(g, g2, state, w);
            if (!addAllFinite(w, g)) {
                throw diverged(t, optimizer.lastLearningRate(state).orElse(Double.NaN));
            }
            if (--untilProgress == 0) {
                progress.onProgress(t + 1, steps);
                untilProgress = progressEvery;
            }
        }
        return finish(ps, nextProbe, trace, row, w, steps);
    }

    /** w += g entry by entry (w modified, g not); whether every entry of the new w is finite. */
    private static boolean addAllFinite(double[] w, double[] g) {
        boolean finite = true;
        for (int i = 0; i < w.length; i++) {
            w[i] += g[i];
            finite &= Double.isFinite(w[i]);
        }
        return finite;
    }

    private static final String STEPS = "run/steps";
    private static final String STEP = "run/step";
    private static final String PARAMS = "params";
    private static final String NEXT_PROBE = "run/next_probe";
    private static final String PENDING = "run/pending_index";
    private static final String PREV_LR = "run/previous_lr";
    private static final String TRACE_COLUMNS = "trace/columns";
    private static final String TRACE_ROWS = "trace/rows";

    /** Where the loop starts and when it saves next; writes and reads snapshots. */
    private final class Loop {
        final long steps;
        long start;
        int nextProbe;
        /** The index the single-sample path drew ahead for the step it resumes at, or −1. */
        int pending = -1;
        double previousLr = Double.NaN;
        long nextCheckpoint;

        Loop(long steps) {
            this.steps = steps;
            this.nextCheckpoint = checkpointSink == null ? -1 : checkpointEvery;
        }

        void restore(FieldMap s, State state, Trace trace) {
            String what = "the checkpoint";
            start = s.longValue(STEP, what);
            if (start < 0 || start > steps) {
                throw new CheckpointException("the checkpoint is at step " + start + ", outside the run's 0.." + steps);
            }
            s.restore("optimizer", state, "the optimizer state of " + optimizer.describe());
            s.restore("sampler", sampler, "the sampler " + sampler.describe());
            for (int k = 0; k < probes.size(); k++) {
                if (probes.get(k) instanceof Checkpointable c) {
                    s.restore("probe/" + k, c, "the probe " + probes.get(k).name());
                }
            }
            if (objective instanceof Checkpointable c) {
                s.restore("objective", c, "the objective");
            }
            String columns = String.join(",", trace.columns());
            String saved = s.string(TRACE_COLUMNS, what);
            if (!saved.equals(columns)) {
                throw new CheckpointException("the checkpoint's trace has columns " + saved + "; this run records " + columns);
            }
            double[] rows = s.doubles(TRACE_ROWS, what);
            int width = trace.columns().size();
            if (rows.length % width != 0) {
                throw new CheckpointException("the checkpoint's trace holds " + rows.length + " values, not whole rows of " + width);
            }
            for (int r = 0; r < rows.length; r += width) {
                trace.add(java.util.Arrays.copyOfRange(rows, r, r + width));
            }
            nextProbe = Math.toIntExact(s.longValue(NEXT_PROBE, what));
            pending = Math.toIntExact(s.longValue(PENDING, what));
            previousLr = s.has(PREV_LR) ? (Double) s.values().get(PREV_LR) : Double.NaN;
            if (checkpointSink != null) {
                nextCheckpoint = (start / checkpointEvery + 1) * checkpointEvery;
            }
        }

        /** Hands the snapshot at the top of step t (probes at t recorded, step t not yet taken) to the sink. */
        void save(long t, double[] w, State state, Trace trace, int pendingIndex, double prevLr) {
            FieldMap s = new FieldMap();
            s.set(STEPS, steps);
            s.set(STEP, t);
            s.set(PARAMS, w);
            s.put("optimizer", state);
            s.put("sampler", sampler);
            for (int k = 0; k < probes.size(); k++) {
                if (probes.get(k) instanceof Checkpointable c) {
                    s.put("probe/" + k, c);
                }
            }
            if (objective instanceof Checkpointable c) {
                s.put("objective", c);
            }
            s.set(TRACE_COLUMNS, String.join(",", trace.columns()));
            int width = trace.columns().size();
            double[] rows = new double[trace.size() * width];
            for (int r = 0; r < trace.size(); r++) {
                System.arraycopy(trace.row(r), 0, rows, r * width, width);
            }
            s.set(TRACE_ROWS, rows);
            s.set(NEXT_PROBE, (long) nextProbe);
            s.set(PENDING, (long) pendingIndex);
            s.set(PREV_LR, prevLr);
            try {
                checkpointSink.save(t, s);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("checkpoint at step " + t + " failed: " + e.getMessage(), e);
            }
            nextCheckpoint = t + checkpointEvery;
        }
    }

    /** Records a probe due at the final step, reports completion and wraps up the run. */
    private TrainResult finish(ProbeSchedule ps, int nextProbe, Trace trace, double[] row, double[] w, long steps) {
        while (nextProbe < ps.size() && ps.step(nextProbe) <= steps) {
            if (ps.step(nextProbe) == steps) {
                record(trace, row, steps, w);
            }
            nextProbe++;
        }
        progress.onProgress(steps, steps);
        return new TrainResult(w, trace, steps);
    }

    private static DivergenceException diverged(long step, double lr) {
        return new DivergenceException(step, lr, "parameters became non-finite (NaN or ±Inf) in step " + step
                + "; lower the learning rate or check the data scale");
    }

    /**
     * The single-sample SGD fast path (batch size 1, plain SGD): per step one index draw, −η_t from
     * the optimizer applied to a 1-vector ({@link Transform#isPlainSgd}: it then advances its state exactly as the
     * full-length update would), and the objective's fused {@link FusedSampleStep#sampleStep}
     * (one dot, one pass over w; no gradient buffer, no per-step pass for the finite check). Same
     * bits, trace and exceptions as the general loop: w_t is non-finite exactly when the prediction
     * at step t is (any non-finite entry of w poisons the dot: 0·∞ = NaN), so divergence is reported
     * at step t − 1 with that step's learning rate; the final w is checked in full. (Corner: a
     * finite w whose dot overflows is reported one step early.) Where the objective offers it, each update is fused
     * with the next step's prediction ({@link FusedSampleStep#sampleStepAhead}), with the same bits.
     */
    private TrainResult runSingleSample(FusedSampleStep fused, ProbeSchedule ps, Trace trace, double[] row, double[] w,
                                        State state, int[] batch, Loop loop, long progressEvery) {
        long steps = loop.steps;
        double[] unit = new double[1];
        int nextProbe = loop.nextProbe;
        long nextProbeStep = nextProbe < ps.size() ? ps.step(nextProbe) : -1;
        long untilProgress = progressEvery - loop.start % progressEvery;
        double prevLr = loop.previousLr;
        // Step-ahead mode (FusedSampleStep.sampleStepAhead): each update is fused with the next step's prediction, so
        // the next index is drawn one step early (the same draws in the same order) and p_t is carried over.
        boolean ahead = fused.supportsStepAhead();
        if (loop.start > 0 && ahead != (loop.pending >= 0)) {
            throw new CheckpointException("the checkpoint was written " + (ahead ? "without" : "with")
                    + " the step-ahead fast path; this run takes the other (another objective)");
        }
        int i = -1;
        double carried = Double.NaN;
        if (ahead && loop.pending >= 0) {
            i = loop.pending;
            carried = fused.samplePrediction(w, i);
        } else if (ahead && steps > loop.start) {
            sampler.nextBatch(batch);
            i = batch[0];
            carried = fused.samplePrediction(w, i);
        }
        for (long t = loop.start; t < steps; t++) {
            if (t == nextProbeStep) {
                record(trace, row, t, w);
                nextProbe++;
                nextProbeStep = nextProbe < ps.size() ? ps.step(nextProbe) : -1;
            }
            if (t == loop.nextCheckpoint) {
                loop.nextProbe = nextProbe;
                loop.save(t, w, state, trace, ahead ? i : -1, prevLr);
            }
            if (!ahead) {
                sampler.nextBatch(batch);
                i = batch[0];
            }
            unit[0] = 1.0;
            optimizer.updateInPlace(unit, state, w);
            double p = ahead ? carried : fused.sampleStep(w, i, unit[0]);
            if (!Double.isFinite(p)) {
                double lr = t == 0 ? optimizer.lastLearningRate(state).orElse(Double.NaN) : prevLr;
                throw diverged(Math.max(0, t - 1), lr);
            }
            if (ahead && t + 1 < steps) {
                sampler.nextBatch(batch);
                int next = batch[0];
                carried = fused.sampleStepAhead(w, i, p, unit[0], next);
                i = next;
            } else if (ahead) {
                fused.sampleStep(w, i, unit[0]);
            }
            prevLr = -unit[0];
            if (--untilProgress == 0) {
                untilProgress = progressEvery;
                progress.onProgress(t + 1, steps);
            }
        }
        for (double v : w) {
            if (!Double.isFinite(v)) {
                throw diverged(steps - 1, prevLr);
            }
        }
        return finish(ps, nextProbe, trace, row, w, steps);
    }

    private void record(Trace trace, double[] row, long t, double[] w) {
        row[0] = t;
        for (int k = 0; k < probes.size(); k++) {
            row[k + 1] = probes.get(k).measure(t, w, objective);
        }
        trace.add(row);
    }

    /** Configures a {@link Trainer}. */
    public static final class Builder {
        private final Objective objective;
        private final Transform optimizer;
        private Sampler sampler;
        private final List<Probe> probes = new ArrayList<>();
        private ProbeSchedule schedule;
        private ProgressListener progress = ProgressListener.NONE;
        private String traceName = "trace";
        private long checkpointEvery;
        private CheckpointSink checkpointSink;

        private Builder(Objective objective, Transform optimizer) {
            this.objective = Objects.requireNonNull(objective, "objective");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        /** The sampler (default: full batch). */
        public Builder sampler(Sampler s) {
            this.sampler = s;
            return this;
        }

        /** Adds probes, recorded in this order. */
        public Builder probes(Probe... ps) {
            probes.addAll(List.of(ps));
            return this;
        }

        /** Adds probes, recorded in this order. */
        public Builder probes(List<Probe> ps) {
            probes.addAll(ps);
            return this;
        }

        /** Probe steps (default: 20 per decade, log-spaced). */
        public Builder probeSchedule(ProbeSchedule s) {
            this.schedule = s;
            return this;
        }

        /** Progress callback. */
        public Builder progress(ProgressListener p) {
            this.progress = Objects.requireNonNull(p, "progress");
            return this;
        }

        /** The trace's name. */
        public Builder traceName(String name) {
            this.traceName = name;
            return this;
        }

        /**
         * Hands a snapshot to {@code sink} every {@code every} steps (at steps every, 2·every, …, before the step with that
         * index; not at step 0 and not after the last step).
         */
        public Builder checkpoints(long every, CheckpointSink sink) {
            if (every < 1) {
                throw new IllegalArgumentException("checkpoint interval must be >= 1 step, got " + every);
            }
            this.checkpointEvery = every;
            this.checkpointSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
