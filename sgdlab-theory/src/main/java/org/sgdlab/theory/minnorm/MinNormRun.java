package org.sgdlab.theory.minnorm;

import java.util.List;
import org.sgdlab.objective.Objective;
import org.sgdlab.optim.Transform;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Probes;
import org.sgdlab.probe.Trace;
import org.sgdlab.sample.Sampler;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * One run of a min-norm claim and what it measured: the relative distance to the oracle
 * w₀ + X⁺(y − Xw₀) and the drift of the null-space component, ‖P_null(w_t − w₀)‖ / ‖w_oracle‖,
 * maximized over the probe steps (it must stay at rounding level: every update lies in row(X)).
 *
 * @param name          configuration label (also the trace name)
 * @param finalRelDist  ‖w_T − w_oracle‖ / ‖w_oracle‖
 * @param midRelDist    the same at exactly step T/2 (integer division; to tell "still converging" from "stalled")
 * @param maxNullDrift  max over probe steps of the null-space drift
 * @param trace         the probes by step
 */
public record MinNormRun(String name, double finalRelDist, double midRelDist, double maxNullDrift, Trace trace) {

    /** Runs {@code optimizer} with {@code sampler} for {@code steps} from {@code w0} and measures against the oracle. */
    static MinNormRun run(String name, MinNormProblem p, Objective f, Transform optimizer, Sampler sampler,
                          double[] w0, long steps, ProgressListener progress) {
        return runAgainst(name, p, f, optimizer, sampler, w0, p.oracleFrom(w0), steps, progress);
    }

    /** As {@link #run}, measured against a given predicted limit {@code oracle} (tests plant wrong predictions here). */
    static MinNormRun runAgainst(String name, MinNormProblem p, Objective f, Transform optimizer, Sampler sampler,
                                 double[] w0, double[] oracle, long steps, ProgressListener progress) {
        double oracleNorm = org.sgdlab.linalg.Kernels.norm2(oracle);
        double[] diff = new double[w0.length];
        double[] scratch = new double[w0.length];
        Probe drift = Probe.of("null_drift", (t, w, obj) -> {
            for (int i = 0; i < w.length; i++) {
                diff[i] = w[i] - w0[i];
            }
            return p.rowSpace().nullComponentNorm(diff, scratch) / oracleNorm;
        });
        TrainResult r = Trainer.builder(f, optimizer).sampler(sampler)
                .probes(List.of(Probes.relativeDistanceTo("rel_dist", oracle), drift, Probes.loss()))
                .probeSchedule(ProbeSchedule.logSpaced(steps, 10).with(steps / 2)).progress(progress).traceName(name)
                .build().run(w0, steps);
        Trace tr = r.trace();
        double mid = tr.at("rel_dist", steps / 2);
        double maxDrift = 0;
        for (double v : tr.column("null_drift")) {
            maxDrift = Math.max(maxDrift, v);
        }
        return new MinNormRun(name, Angles.relativeDistance(r.params(), oracle), mid, maxDrift, tr);
    }
}
