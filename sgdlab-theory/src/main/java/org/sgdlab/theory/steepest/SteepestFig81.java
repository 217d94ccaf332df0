package org.sgdlab.theory.steepest;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.geometry.GeometricOptimizers;
import org.sgdlab.geometry.Norm;
import org.sgdlab.geometry.Norms;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Objective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Schedules;
import org.sgdlab.oracles.FlowIntegrator;
import org.sgdlab.oracles.FlowSolution;
import org.sgdlab.oracles.MinPNormInterpolant;
import org.sgdlab.oracles.MinPNormInterpolantSolution;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Probes;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.train.DivergenceException;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * The measurements of 002 Fig. 8.1: steepest descent w.r.t. ‖·‖_p (eq. 8.5, w ← w − η‖g‖_q sharp_p(g)) on
 * X = [[1,1,1],[1,2,0]], y = [1,10], L(w) = Σ½(⟨xᵢ,w⟩ − yᵢ)², w₀ = 0, for several η; its η → 0 limit (the flow
 * ẇ = −‖∇L‖_q sharp_p(∇L) integrated by {@link FlowIntegrator}); and the min-‖·‖_p interpolant.
 */
final class SteepestFig81 {
    /** Relative spread of the limits' w₁ over η that counts as "depends on η". */
    static final double SPREAD_THRESHOLD = 1e-3;
    /** ‖w_flow − w_minnorm‖/‖w_minnorm‖ above this counts as "differs" (integrator and oracle are accurate to ~1e-9). */
    static final double DIFFERENCE_TOLERANCE = 1e-4;
    /** The flow is integrated to this time; its residual then decays like e^{−ct} far below the tolerance. */
    static final double FLOW_TIME = 200;
    /** The "small η" regime in which the limits must approach the flow's monotonically. */
    static final double SMALL_ETA = 0.1;
    /** A run counts as converged when ‖Xw − y‖₂ ≤ this. */
    static final double RESIDUAL_TOLERANCE = 1e-10;

    private SteepestFig81() {
    }

    static Dataset data() {
        return new Dataset("fig81", Matrix.of(new double[][] {{1, 1, 1}, {1, 2, 0}}), new double[] {1, 10});
    }

    /** One η: the limit w and its training residual ‖Xw − y‖₂ (NaN when the run diverged). */
    record EtaLimit(double eta, double[] w, double residual, long steps) {
    }

    /**
     * Everything the verdict needs.
     *
     * @param limits      the limits by η, in decreasing η
     * @param flow        the η → 0 limit (flow endpoint)
     * @param flowResidual ‖X w_flow − y‖₂
     * @param flowOk      whether the integrator reported OPTIMAL
     * @param minNorm     the min-‖·‖_p interpolant
     * @param oracleOk    whether the oracle reported OPTIMAL
     */
    record Measurement(double p, List<EtaLimit> limits, double[] flow, double flowResidual, boolean flowOk, double[] minNorm,
                       boolean oracleOk) {
        double flowVsMinNorm() {
            return Angles.relativeDistance(flow, minNorm);
        }

        /** (max − min of w₁ over η) / |w₁ of the flow|. */
        double spreadW1() {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (EtaLimit l : limits) {
                lo = Math.min(lo, l.w()[0]);
                hi = Math.max(hi, l.w()[0]);
            }
            return (hi - lo) / Math.abs(flow[0]);
        }

        /** |w₁(η) − w₁(flow)| for each η (decreasing η). */
        double[] gapsToFlow() {
            double[] g = new double[limits.size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.abs(limits.get(i).w()[0] - flow[0]);
            }
            return g;
        }

        boolean allConverged() {
            for (EtaLimit l : limits) {
                if (!(l.residual() <= RESIDUAL_TOLERANCE)) {
                    return false;
                }
            }
            return flowOk && oracleOk && flowResidual <= RESIDUAL_TOLERANCE;
        }

        /**
         * Over the small step sizes η ≤ {@link #SMALL_ETA} (at least 3 of them), the gaps to the flow shrink monotonically as η
         * decreases (strictly, down to a floor of 1e-9). Larger η are excluded: there the limit need not be monotone in η.
         */
        boolean approachesFlow() {
            double[] all = gapsToFlow();
            List<Double> g = new ArrayList<>();
            for (int i = 0; i < all.length; i++) {
                if (limits.get(i).eta() <= SMALL_ETA) {
                    g.add(all[i]);
                }
            }
            if (g.size() < 3) {
                return false;
            }
            for (int i = 1; i < g.size(); i++) {
                if (!(g.get(i) < g.get(i - 1) || g.get(i) <= 1e-9)) {
                    return false;
                }
            }
            return g.get(g.size() - 1) < g.get(0);
        }
    }

    static String rule() {
        return "HOLDS if every η-run and the flow reached ‖Xw − y‖ ≤ " + RESIDUAL_TOLERANCE + ", the limits' w₁ spread over η "
                + "exceeds " + SPREAD_THRESHOLD + "·|w₁(flow)|, the gap |w₁(η) − w₁(flow)| shrinks monotonically as η decreases over "
                + "η ≤ " + SMALL_ETA + " (at least 3 such η), "
                + "and ‖w_flow − w_minnorm‖/‖w_minnorm‖ > " + DIFFERENCE_TOLERANCE + "; FAILS if the flow limit equals the "
                + "min-‖·‖_p interpolant within " + DIFFERENCE_TOLERANCE + " or the limits do not depend on η (spread ≤ "
                + SPREAD_THRESHOLD + "); INCONCLUSIVE if a run, the flow or the oracle did not converge, or the small-η limits "
                + "do not approach the flow's";
    }

    /** The verdict on "the limit depends on η and the η → 0 limit is not the min-‖·‖_p interpolant". */
    static Verdict decide(Measurement m) {
        if (!m.allConverged()) {
            return Verdict.INCONCLUSIVE;
        }
        double diff = m.flowVsMinNorm();
        double spread = m.spreadW1();
        if (!(diff > DIFFERENCE_TOLERANCE) || !(spread > SPREAD_THRESHOLD)) {
            return Verdict.FAILS;
        }
        return m.approachesFlow() ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** The η → 0 direction field: "gradient" ‖∇L‖_q sharp_p(∇L), so that gradient flow integrates ẇ = −‖∇L‖_q sharp_p(∇L). */
    static Objective steepestField(EmpiricalRisk f, Norm norm) {
        int d = f.dimension();
        return new Objective() {
            private final double[] g = new double[d];

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public int sampleCount() {
                return 1;
            }

            @Override
            public double value(double[] w) {
                return f.value(w);
            }

            @Override
            public double gradient(double[] w, double[] out) {
                double v = f.gradient(w, g);
                norm.sharpInto(g, out);
                double dual = norm.dual(g);
                for (int i = 0; i < d; i++) {
                    out[i] *= dual;
                }
                return v;
            }

            @Override
            public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
                return gradient(w, out);
            }
        };
    }

    static double residual(Dataset data, double[] w) {
        double[] r = new double[data.n()];
        Kernels.gemv(data.x(), w, r);
        for (int i = 0; i < r.length; i++) {
            r[i] -= data.y()[i];
        }
        return Kernels.norm2(r);
    }

    /**
     * Runs steepest descent w.r.t. ‖·‖_p for each η for ⌈horizon/η⌉ steps (each run one equal part of {@code c}'s
     * progress), integrates the flow, solves the oracle.
     */
    static Measurement measure(double p, double[] etas, double horizon, ClaimContext c) {
        Dataset data = data();
        EmpiricalRisk f = EmpiricalRisk.of(data, SquaredLoss.INSTANCE, Reduction.SUM);
        Norm norm = Norms.lp(p);
        List<EtaLimit> limits = new ArrayList<>();
        for (int k = 0; k < etas.length; k++) {
            double eta = etas[k];
            long steps = (long) Math.ceil(horizon / eta);
            ProgressListener pl = c.part(k, etas.length).progress();
            double[] w;
            try {
                TrainResult r = Trainer.builder(f, GeometricOptimizers.steepestDescent(norm, Schedules.constant(eta)))
                        .sampler(Samplers.fullBatch(data.n())).probes(List.of(Probes.loss()))
                        .probeSchedule(ProbeSchedule.logSpaced(steps, 5)).progress(pl).traceName("eta_" + eta)
                        .build().run(new double[data.d()], steps);
                w = r.params();
            } catch (DivergenceException e) {
                w = new double[] {Double.NaN, Double.NaN, Double.NaN};
            }
            limits.add(new EtaLimit(eta, w, residual(data, w), steps));
        }
        FlowSolution flow = FlowIntegrator.gradientFlow(steepestField(f, norm), new double[data.d()], FLOW_TIME,
                FlowIntegrator.Options.defaults().withTolerances(1e-12, 1e-14), null);
        MinPNormInterpolantSolution oracle = MinPNormInterpolant.solve(data.x(), data.y(), p);
        return new Measurement(p, limits, flow.w(), residual(data, flow.w()), flow.status() == OracleStatus.OPTIMAL, oracle.w(),
                oracle.status() == OracleStatus.OPTIMAL);
    }
}
