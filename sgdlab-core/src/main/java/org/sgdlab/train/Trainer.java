package org.sgdlab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sgdlab.objective.FusedSampleStep;
import org.sgdlab.objective.Objective;
import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Trace;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;

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
 */
public final class Trainer {
    private final Objective objective;
    private final Transform optimizer;
    private final Sampler sampler;
    private final List<Probe> probes;
    private final ProbeSchedule schedule;
    private final ProgressListener progress;
    private final String traceName;

    private Trainer(Builder b) {
        this.objective = b.objective;
        this.optimizer = b.optimizer;
        this.sampler = b.sampler != null ? b.sampler : Samplers.fullBatch(objective.sampleCount());
        this.probes = List.copyOf(b.probes);
        this.schedule = b.schedule;
        this.progress = b.progress;
        this.traceName = b.traceName;
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
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        ProbeSchedule ps = schedule != null ? schedule : ProbeSchedule.logSpaced(steps, 20);
        List<String> names = new ArrayList<>();
        for (Probe p : probes) {
            names.add(p.name());
        }
        Trace trace = new Trace(traceName, names);
        double[] w = w0.clone();
        double[] g = new double[w.length];
        int[] batch = sampler.fullBatch() ? null : new int[sampler.batchSize()];
        double[] row = new double[names.size() + 1];
        State state = optimizer.init(w);
        boolean full = sampler.fullBatch();
        long progressEvery = Math.max(1, steps / 200);
        int nextProbe = 0;
        if (!full && sampler.batchSize() == 1 && objective instanceof FusedSampleStep fused && optimizer.isPlainSgd()) {
            return runSingleSample(fused, ps, trace, row, w, state, batch, steps, progressEvery);
        }
        for (long t = 0; t < steps; t++) {
            if (nextProbe < ps.size() && ps.step(nextProbe) == t) {
                record(trace, row, t, w);
                nextProbe++;
            }
            if (full) {
                objective.gradientOnly(w, g);
            } else {
                int count = sampler.nextBatch(batch);
                objective.minibatchGradientOnly(w, batch, count, g);
            }
            optimizer.updateInPlace(g, state, w);
            boolean finite = true;
            for (int i = 0; i < w.length; i++) {
                w[i] += g[i];
                finite &= Double.isFinite(w[i]);
            }
            if (!finite) {
                throw diverged(t, optimizer.lastLearningRate(state).orElse(Double.NaN));
            }
            if ((t + 1) % progressEvery == 0) {
                progress.onProgress(t + 1, steps);
            }
        }
        return finish(ps, nextProbe, trace, row, w, steps);
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
                                        State state, int[] batch, long steps, long progressEvery) {
        double[] unit = new double[1];
        int nextProbe = 0;
        long nextProbeStep = ps.size() > 0 ? ps.step(0) : -1;
        long untilProgress = progressEvery;
        double prevLr = Double.NaN;
        // Step-ahead mode (FusedSampleStep.sampleStepAhead): each update is fused with the next step's prediction, so
        // the next index is drawn one step early (the same draws in the same order) and p_t is carried over.
        boolean ahead = fused.supportsStepAhead();
        int i = -1;
        double carried = Double.NaN;
        if (ahead && steps > 0) {
            sampler.nextBatch(batch);
            i = batch[0];
            carried = fused.samplePrediction(w, i);
        }
        for (long t = 0; t < steps; t++) {
            if (t == nextProbeStep) {
                record(trace, row, t, w);
                nextProbe++;
                nextProbeStep = nextProbe < ps.size() ? ps.step(nextProbe) : -1;
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

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
