package org.sgdlab.theory.mirror;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import org.sgdlab.geometry.GeometricOptimizers;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Schedule;
import org.sgdlab.oracles.BregmanProjection;
import org.sgdlab.oracles.BregmanProjectionSolution;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Probes;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Sampler;
import org.sgdlab.train.DivergenceException;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * The measurements of mirror.bregman (002 Thm 8.1.2): mirror descent ∇R(w_{t+1}) = ∇R(w_t) − η_t g_t on an
 * under-determined least-squares problem, measured against the Bregman projection argmin D_R(w, w₀) s.t. Xw = y.
 */
final class MirrorBregman {
    /** A run agrees with the oracle when ‖w_T − w*‖/‖w*‖ ≤ this. */
    static final double DISTANCE_TOLERANCE = 1e-7;
    /** A run counts as converged when ‖Xw_T − y‖/‖y‖ ≤ this. */
    static final double RESIDUAL_TOLERANCE = 1e-9;

    private MirrorBregman() {
    }

    /** One run: its final relative distance to the predicted limit, its final relative training residual, its trace. */
    record Run(String name, double relDist, double relResidual, Trace trace) {
    }

    static String rule() {
        return "HOLDS if every run reached ‖Xw − y‖/‖y‖ ≤ " + RESIDUAL_TOLERANCE + " and ‖w_T − w*‖/‖w*‖ ≤ " + DISTANCE_TOLERANCE
                + " (w* = argmin D_R(w, w0) s.t. Xw = y, from BregmanProjection); FAILS if some converged run "
                + "(residual ≤ " + RESIDUAL_TOLERANCE + ") ends farther than " + DISTANCE_TOLERANCE + " from w*; "
                + "INCONCLUSIVE if some run did not converge (and none FAILS)";
    }

    static Verdict decide(List<Run> runs) {
        boolean allConverged = !runs.isEmpty();
        for (Run r : runs) {
            boolean converged = r.relResidual() <= RESIDUAL_TOLERANCE;
            if (converged && !(r.relDist() <= DISTANCE_TOLERANCE)) {
                return Verdict.FAILS;
            }
            allConverged &= converged;
        }
        return allConverged ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    static double relResidual(Dataset data, double[] w) {
        return SparseRegression.relResidual(data, w);
    }

    static Dataset data(int n, int d, long seed) {
        return Generators.underdeterminedRegression(n, d, 0.1, seed);
    }

    /** The oracle argmin D_R(w, w0) s.t. Xw = y (throws if it is not certified OPTIMAL). */
    static double[] oracle(BregmanProjection.Mirror mirror, Dataset data, double[] w0) {
        BregmanProjectionSolution s = BregmanProjection.project(mirror, data.x(), data.y(), w0);
        if (s.status() != OracleStatus.OPTIMAL) {
            throw new IllegalStateException("Bregman projection not OPTIMAL: " + s.message());
        }
        return s.w();
    }

    /** Runs mirror descent with {@code mirror.potential()} and measures it against {@code predicted}. */
    static Run run(String name, Dataset data, Reduction reduction, BregmanProjection.Mirror mirror, Schedule lr, Sampler sampler,
                   double[] w0, double[] predicted, long steps, ProgressListener progress) {
        EmpiricalRisk f = EmpiricalRisk.of(data, SquaredLoss.INSTANCE, reduction);
        double yNorm = Kernels.norm2(data.y());
        Probe residual = Probe.of("residual", (t, w, obj) -> relResidual(data, w));
        try {
            TrainResult r = Trainer.builder(f, GeometricOptimizers.mirrorDescent(mirror.potential(), lr)).sampler(sampler)
                    .probes(List.of(Probes.relativeDistanceTo("rel_dist", predicted), residual))
                    .probeSchedule(ProbeSchedule.logSpaced(steps, 10)).progress(progress).traceName(name)
                    .build().run(w0.clone(), steps);
            return new Run(name, Angles.relativeDistance(r.params(), predicted), relResidual(data, r.params()), r.trace());
        } catch (DivergenceException e) {
            assert yNorm > 0;
            return new Run(name, Double.NaN, Double.NaN, new Trace(name, List.of("rel_dist", "residual")));
        }
    }

    /** Names of the potentials and their mirrors, in catalog order. */
    static List<BregmanProjection.Mirror> mirrors() {
        List<BregmanProjection.Mirror> m = new ArrayList<>();
        m.add(BregmanProjection.Mirror.lpSquared(1.5));
        m.add(BregmanProjection.Mirror.lpSquared(3));
        m.add(BregmanProjection.Mirror.hyperbolicEntropy(0.1));
        return m;
    }
}
