package org.sgdlab.theory.mirror;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.geometry.Potentials;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.DiagonalNetObjective;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.oracles.BasisPursuit;
import org.sgdlab.oracles.BregmanProjection;
import org.sgdlab.oracles.BregmanProjectionSolution;
import org.sgdlab.oracles.FlowIntegrator;
import org.sgdlab.oracles.FlowSolution;
import org.sgdlab.oracles.MinNormLeastSquares;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.train.DivergenceException;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * mirror.diagonal-net (002 Thm 8.1.6–8.1.7, Woodworth, Gunasekar, Lee, Moroshko, Savarese, Golan, Soudry, Srebro,
 * "Kernel and rich regimes in overparametrized models", COLT 2020; source 001 §3.2): gradient descent on
 * L(w) = Σᵢ ½(⟨xᵢ, w⟩ − yᵢ)² through the diagonal network w = u ⊙ u − v ⊙ v ({@link DiagonalNetObjective}) from
 * u = v = α·1 is, in the gradient-flow limit, mirror flow on L with the hyperbolic entropy
 * <pre>  R_α(w) = α²/4 · Σⱼ q(wⱼ/α²),  q(z) = 2 − √(4 + z²) + z·arcsinh(z/2),  ∇R_α(w) = ¼ arcsinh(w/(2α²))   (002 eq. 8.12, 8.18)</pre>
 * ({@code Potentials.hyperbolicEntropyBook(α)}), so it converges to argmin R_α(w) s.t. Xw = y; α → 0
 * gives basis pursuit (min ‖w‖₁), α → ∞ gives X⁺y (min ‖w‖₂).
 *
 * <p><b>The scale.</b> Along the flow u̇ = −2u ⊙ g, v̇ = 2v ⊙ g (g = ∇L(w)), so u ⊙ v ≡ α² is conserved (002 eq. 8.13),
 * u = α e^{−2s}, v = α e^{2s} with s(t) = ∫₀ᵗ g, and w = α²(e^{−4s} − e^{4s}) = −2α² sinh(4s). Hence
 * ¼ arcsinh(w/(2α²)) = −s, i.e. d/dt ∇R_α(w) = −∇L(w) exactly with the scale α² = u₀v₀: the potential of u = v = α·1 is
 * 002's R_α (equivalently {@code Potentials.hyperbolicEntropy(α²)}, which is 4R_α up to a constant and has the same
 * Bregman projections). 002 Thm 8.1.6 prints the initialization (α·1, −α·1)/4, whose product is α²/16: that start gives
 * R_{α/4}, not R_α (a known misprint; its Thm 8.1.7 uses (α·1, −α·1), which is right — the sign of v is immaterial, only
 * v² enters). The check measures the printed start too.
 *
 * <p><b>Measurements per α</b> (a sweep over at least six decades): (1) the oracle w*_α = argmin R_α s.t. Xw = y
 * ({@link BregmanProjection}, Newton on the dual); (2) the gradient flow on θ = (u, v), integrated by
 * {@link FlowIntegrator} (Dormand–Prince) until the residual is negligible; (3) the mirror flow d/dt ∇R_α(w) = −∇L(w) from
 * w = 0, compared with the θ-flow's w(t) at common times (the trajectory equivalence of Thm 8.1.6, not only the limit);
 * (4) plain GD on θ with a small step η = c/s_α (s_α = 4λ_max(XᵀX)(‖w*_α‖∞ + 2α²), the largest curvature of the
 * w-dynamics near the limit), run for as long as the flow needed in time units, whose O(η) discretization offset is
 * reported and bounded by a looser tolerance; (5) the distances of the flow's limit to basis pursuit
 * ({@link BasisPursuit}) and to X⁺y ({@link MinNormLeastSquares}).
 *
 * <p>Data: n × d Gaussian X (entries N(0, 1/n)), a k-sparse planted w (random support, entries ±(0.5 + U(0, 1))),
 * y = X w_planted without noise, with n large enough that basis pursuit recovers w_planted (reported).
 */
public final class DiagonalNetClaim extends BaseClaim {
    /** The flow's limit must match argmin R_α within this relative distance. */
    static final double FLOW_TOLERANCE = 1e-6;
    /** The θ-flow's w(t) and the mirror flow's must agree within this relative distance at every common time. */
    static final double TRAJECTORY_TOLERANCE = 1e-6;
    /** GD with step c/s_α (c = {@link #GD_STEP}) must end within this relative distance of argmin R_α. */
    static final double GD_TOLERANCE = 1e-2;
    /** The GD step in units of 1/s_α. */
    static final double GD_STEP = 0.05;
    /** At the ends of the sweep the limit must be this close (relative) to basis pursuit, resp. X⁺y. */
    static final double END_TOLERANCE = 1e-2;
    /** The small-α regime over which the approach to basis pursuit is fitted: α ≤ this. */
    static final double SMALL_ALPHA = 1e-2;
    /**
     * If the smallest α is not yet within {@link #END_TOLERANCE} of basis pursuit, the distance must at least fall like a
     * power α^p with p ≥ this over α ≤ {@link #SMALL_ALPHA} (a decay that extrapolates to 0); otherwise the sweep is too
     * short to tell.
     */
    static final double MIN_L1_SLOPE = 0.25;
    /**
     * A flow limit counts as converged when ‖Xw − y‖/‖y‖ ≤ this (the flow is integrated to 100× below it, see
     * {@link #thetaFlow}; {@link #flowOptions} keeps w accurate enough for that at every α of the sweeps).
     */
    static final double RESIDUAL_TOLERANCE = 1e-8;
    /** A GD endpoint counts as converged when ‖Xw − y‖/‖y‖ ≤ this. */
    static final double GD_RESIDUAL_TOLERANCE = 1e-6;
    /** Distances at or below this count as zero in the monotonicity checks (integrator accuracy). */
    static final double DISTANCE_FLOOR = 1e-7;
    /** The sweep must span at least this ratio α_max/α_min. */
    static final double MIN_SPAN = 1e6;

    DiagonalNetClaim() {
        super("mirror.diagonal-net", "GD on w = u⊙u − v⊙v from u = v = α·1 is mirror descent with the hyperbolic entropy R_α: its "
                + "limit is argmin R_α s.t. Xw = y, → min ℓ1 (basis pursuit) as α → 0 and → min ℓ2 (X⁺y) as α grows",
                "002 Thm 8.1.6–8.1.7; source 001 §3.2 (Woodworth et al. 2020)");
    }

    /** The sweep of initialization scales α. */
    static double[] alphas(Budget b) {
        if (b == Budget.QUICK) {
            return new double[] {1e-3, 1e-2, 1e-1, 1, 10, 1000};
        }
        double[] a = new double[13];
        for (int k = 0; k < a.length; k++) {
            a[k] = Math.pow(10, -4 + 0.5 * k);
        }
        return a;
    }

    /** The regression problem and its two reference interpolants ({@link SparseRegression}). */
    static SparseRegression.Problem problem(Budget b, long seed) {
        return SparseRegression.generate(b.pick(15, 25), b.pick(40, 100), b.pick(3, 4), seed);
    }

    /**
     * One α.
     *
     * @param alpha          the initialization scale u = v = α·1
     * @param predicted      the predicted limit (argmin R_α unless planted)
     * @param oracleOk       whether the prediction's solver was certified
     * @param flow           the gradient flow's limit w(∞) (θ-flow endpoint mapped to w)
     * @param flowOk         whether the integrator finished (OPTIMAL)
     * @param flowTime       the flow time at which it stopped
     * @param flowResidual   ‖Xw − y‖/‖y‖ at the flow's endpoint
     * @param trajectoryGap  max over common times of ‖w_θ-flow(t) − w_mirror-flow(t)‖/‖w_mirror-flow(t)‖ (NaN if none)
     * @param gd             GD's endpoint w
     * @param gdResidual     ‖Xw − y‖/‖y‖ at GD's endpoint (NaN if it diverged)
     * @param gdSteps        GD steps
     * @param eta            GD's step size
     * @param gdTrace        GD's trace (relative distance to the prediction and residual)
     */
    record AlphaPoint(double alpha, double[] predicted, boolean oracleOk, double[] flow, boolean flowOk, double flowTime,
                      double flowResidual, double trajectoryGap, double[] gd, double gdResidual, long gdSteps, double eta,
                      Trace gdTrace) {
        double flowToPrediction() {
            return Angles.relativeDistance(flow, predicted);
        }

        double gdToPrediction() {
            return Angles.relativeDistance(gd, predicted);
        }

        double gdToFlow() {
            return Angles.relativeDistance(gd, flow);
        }

        /** The prediction is certified and the flow reached its stopping tolerance with an interpolating endpoint. */
        boolean converged() {
            return oracleOk && flowOk && flowResidual <= RESIDUAL_TOLERANCE;
        }

        /** GD interpolates to {@link #GD_RESIDUAL_TOLERANCE} (only then is its offset from the prediction judged). */
        boolean gdConverged() {
            return gdResidual <= GD_RESIDUAL_TOLERANCE;
        }
    }

    /**
     * The misprint check at one α: the flow from 002 Thm 8.1.6's printed start (α·1, −α·1)/4.
     *
     * @param alpha          the α of the check
     * @param toPrinted      relative distance of its limit to argmin R_α (what the printed theorem says)
     * @param toCorrected    relative distance to argmin R_{α/4} (the corrected mapping u₀v₀ = (α/4)²)
     */
    record Misprint(double alpha, double toPrinted, double toCorrected) {
    }

    /**
     * Everything the verdict needs.
     *
     * @param points       the sweep, ascending α
     * @param basisPursuit min ‖w‖₁ s.t. Xw = y
     * @param minNorm      X⁺y
     * @param oraclesOk    whether basis pursuit and the SVD were certified
     * @param misprint     the printed-start check (may be null)
     */
    record Measurement(List<AlphaPoint> points, double[] basisPursuit, double[] minNorm, boolean oraclesOk, Misprint misprint) {
        double[] toBasisPursuit() {
            return points.stream().mapToDouble(p -> Angles.relativeDistance(p.flow(), basisPursuit)).toArray();
        }

        double[] toMinNorm() {
            return points.stream().mapToDouble(p -> Angles.relativeDistance(p.flow(), minNorm)).toArray();
        }

        double span() {
            return points.get(points.size() - 1).alpha() / points.get(0).alpha();
        }

        /** Distance to basis pursuit never decreases as α grows (i.e. shrinks as α → 0), up to the floor. */
        boolean l1TrendMonotone() {
            double[] dist = toBasisPursuit();
            for (int i = 1; i < dist.length; i++) {
                if (dist[i] < dist[i - 1] - DISTANCE_FLOOR) {
                    return false;
                }
            }
            return true;
        }

        /** Log-log slope of the distance to basis pursuit against α over α ≤ {@link #SMALL_ALPHA} (NaN with fewer than 2 points). */
        double l1Slope() {
            double[] a = points.stream().mapToDouble(AlphaPoint::alpha).toArray();
            return Fit.logLog(a, toBasisPursuit(), 0, SMALL_ALPHA).slope();
        }

        /** Distance to X⁺y never increases as α grows, up to the floor. */
        boolean l2TrendMonotone() {
            double[] dist = toMinNorm();
            for (int i = 1; i < dist.length; i++) {
                if (dist[i] > dist[i - 1] + DISTANCE_FLOOR) {
                    return false;
                }
            }
            return true;
        }
    }

    static String rule() {
        return "HOLDS if the sweep spans ≥ 6 decades of α and at every α: the gradient flow on (u, v) converged (‖Xw − y‖/‖y‖ ≤ "
                + RESIDUAL_TOLERANCE + ") to within " + FLOW_TOLERANCE + " (relative) of argmin R_α s.t. Xw = y, "
                + "its trajectory w(t) "
                + "agrees with the mirror flow of R_α within " + TRAJECTORY_TOLERANCE + ", and GD with η = " + GD_STEP + "/s_α, where it "
                + "interpolated (‖Xw − y‖/‖y‖ ≤ " + GD_RESIDUAL_TOLERANCE + "), ends within " + GD_TOLERANCE
                + " of argmin R_α (its O(η) "
                + "discretization offset); and over the sweep the limit's distance to basis pursuit shrinks monotonically as "
                + "α decreases, to ≤ " + END_TOLERANCE + " at the smallest α or at least like α^" + MIN_L1_SLOPE + " (log-log slope over α ≤ "
                + SMALL_ALPHA + "), and its distance to X⁺y shrinks monotonically as α grows, to ≤ " + END_TOLERANCE + " at the largest; "
                + "FAILS if a converged flow misses argmin R_α or the mirror-flow trajectory, an interpolating GD run misses argmin R_α, "
                + "or a trend is not monotone; INCONCLUSIVE if a flow or oracle did not converge, the sweep is shorter than 6 decades, "
                + "or an end of the sweep is not yet close enough (GD runs that did not interpolate within the budget are reported, "
                + "not judged)";
    }

    /** The verdict on the claim. */
    static Verdict decide(Measurement m) {
        if (!m.oraclesOk() || m.points().size() < 2 || m.span() < MIN_SPAN * (1 - 1e-9)) {
            return Verdict.INCONCLUSIVE;
        }
        boolean allConverged = true;
        for (AlphaPoint p : m.points()) {
            if (!p.converged()) {
                allConverged = false;
                continue;
            }
            if (!(p.flowToPrediction() <= FLOW_TOLERANCE) || (p.gdConverged() && !(p.gdToPrediction() <= GD_TOLERANCE))
                    || p.trajectoryGap() > TRAJECTORY_TOLERANCE) {
                return Verdict.FAILS;
            }
        }
        if (!allConverged) {
            return Verdict.INCONCLUSIVE;
        }
        double[] l1 = m.toBasisPursuit();
        double[] l2 = m.toMinNorm();
        if (!m.l1TrendMonotone() || !m.l2TrendMonotone()) {
            return Verdict.FAILS;
        }
        boolean l1End = l1[0] <= END_TOLERANCE || m.l1Slope() >= MIN_L1_SLOPE;
        boolean l2End = l2[l2.length - 1] <= END_TOLERANCE;
        return l1End && l2End ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /**
     * argmin R_α s.t. Xw = y from w₀ = 0, or null if the solver did not certify it. Solved with
     * {@code Mirror.hyperbolicEntropy(α²)} = 4R_α + const, whose Bregman divergence from 0 is 4·D_{R_α}(·, 0), so the
     * projection is the same point; that scaling keeps the dual variables O(1), while the ¼-scaled form
     * ({@code hyperbolicEntropyBook(α)}) stalled in BregmanProjection's Newton method at α ≥ 1000 (500 iterations, not
     * certified) on this claim's data.
     */
    static double[] hyperbolicProjection(Dataset data, double alpha) {
        BregmanProjectionSolution s = BregmanProjection.project(BregmanProjection.Mirror.hyperbolicEntropy(alpha * alpha), data.x(),
                data.y(), null);
        return s.status() == OracleStatus.OPTIMAL ? s.w() : null;
    }

    /**
     * Integrator tolerances for scale α. atol is scaled with min(1, α): the θ entries start at α and the off-support ones
     * stay O(α). rtol is 1e-12 / max(1, α)² (at least 2e-15): for large α, w = (u − v)(u + v) is a small difference of
     * entries of size α, so a relative error ε on θ becomes ~ε·α² on w; the tighter rtol keeps w accurate to ~1e-12.
     */
    static FlowIntegrator.Options flowOptions(double alpha, long maxSteps) {
        double big = Math.max(1, alpha);
        double rtol = Math.max(2e-15, 1e-12 / (big * big));
        return FlowIntegrator.Options.defaults().withTolerances(rtol, 1e-14 * Math.min(1, alpha)).withMaxSteps(maxSteps);
    }

    /**
     * The gradient flow on θ from {@code theta0} until it interpolates
     * ({@link SparseRegression#flowUntilInterpolating}: doubling chunks, the first 100/s long, to 1e-2·{@link #RESIDUAL_TOLERANCE}
     * or the integrator's accuracy floor below {@link #RESIDUAL_TOLERANCE}; escape time ~ln(1/α), slow modes of the
     * off-support coordinates at small α, stiffness ~α² at large α).
     */
    static SparseRegression.FlowLimit thetaFlow(DiagonalNetObjective net, double[] theta0, double alpha, double s, Dataset data,
                                                long maxSteps) {
        return SparseRegression.flowUntilInterpolating(net, theta0, DiagonalNetObjective::weights, data, 100 / s,
                budget -> flowOptions(alpha, budget), maxSteps, RESIDUAL_TOLERANCE);
    }

    /**
     * Measures one α against {@code predicted} (argmin R_α, or a planted wrong prediction).
     */
    static AlphaPoint measureAlpha(SparseRegression.Problem pb, double alpha, double[] predicted, boolean oracleOk, double[] oracleForScale,
                                   Budget budget, ProgressListener progress) {
        Dataset data = pb.data();
        int d = data.d();
        EmpiricalRisk f = EmpiricalRisk.of(data, SquaredLoss.INSTANCE, Reduction.SUM);
        DiagonalNetObjective net = DiagonalNetObjective.of(f);
        double s = 4 * pb.lambdaMax() * (SparseRegression.maxAbs(oracleForScale) + 2 * alpha * alpha);
        // common times for the trajectory check, in units of the fastest time scale 1/s
        double[] times = {1 / s, 10 / s, 100 / s, 1000 / s};
        long maxSteps = budget.pick(150_000L, 3_000_000L);
        SparseRegression.FlowLimit flow = thetaFlow(net, DiagonalNetObjective.initial(d, alpha), alpha, s, data, maxSteps);
        double[] wFlow = DiagonalNetObjective.weights(flow.theta());
        // the trajectory check: both flows to t = 1000/s, recorded at the same times
        FlowSolution early = FlowIntegrator.gradientFlow(net, DiagonalNetObjective.initial(d, alpha), times[times.length - 1],
                flowOptions(alpha, maxSteps), times);
        FlowSolution mirror = FlowIntegrator.mirrorFlow(f, Potentials.hyperbolicEntropyBook(alpha),
                new double[d], times[times.length - 1], flowOptions(alpha, maxSteps), times);
        double trajGap = Double.NaN;
        int common = Math.min(early.traceTimes().length, mirror.traceTimes().length);
        for (int k = 0; k < common; k++) {
            double g = Angles.relativeDistance(DiagonalNetObjective.weights(early.trace()[k]), mirror.trace()[k]);
            trajGap = Double.isNaN(trajGap) ? g : Math.max(trajGap, g);
        }
        double eta = GD_STEP / s;
        long cap = budget.pick(50_000L, 2_000_000L);
        long steps = Math.min(cap, (long) Math.ceil(1.5 * flow.time() / eta));
        double[] wGd;
        Trace tr;
        String name = "alpha_" + Format.g(alpha);
        double[] ref = predicted == null ? new double[d] : predicted;
        // the trainer's parameters are θ = (u, v); the probe measures w = u⊙u − v⊙v
        Probe dist = Probe.of("rel_dist", (t, theta, o) -> Angles.relativeDistance(DiagonalNetObjective.weights(theta), ref));
        try {
            TrainResult r = Trainer.builder(net, Optimizers.sgd(eta)).probes(dist)
                    .probeSchedule(ProbeSchedule.logSpaced(steps, 5)).progress(progress).traceName(name).build()
                    .run(DiagonalNetObjective.initial(d, alpha), steps);
            wGd = DiagonalNetObjective.weights(r.params());
            tr = r.trace();
        } catch (DivergenceException e) {
            wGd = new double[d];
            Arrays.fill(wGd, Double.NaN);
            tr = new Trace(name, List.of("rel_dist"));
        }
        double[] pred = predicted == null ? new double[d] : predicted;
        return new AlphaPoint(alpha, pred, oracleOk && predicted != null, wFlow, flow.ok(), flow.time(),
                MirrorBregman.relResidual(data, wFlow), trajGap, wGd, MirrorBregman.relResidual(data, wGd), steps, eta, tr);
    }

    /**
     * The sweep over {@code as} (ascending); with {@code plantMinNorm} every α is measured against X⁺y instead of argmin R_α (a planted wrong
     * prediction for the tests: "the diagonal net reaches the min-ℓ2 interpolant at every α").
     */
    static Measurement measure(ClaimContext c, double[] as, boolean plantMinNorm) {
        SparseRegression.Problem pb = problem(c.budget(), c.seed());
        List<AlphaPoint> points = new ArrayList<>();
        for (int k = 0; k < as.length; k++) {
            ProgressListener pl = c.part(k, as.length).progress();
            double[] oracle = hyperbolicProjection(pb.data(), as[k]);
            double[] scaleRef = oracle != null ? oracle : pb.minNorm();
            double[] predicted = plantMinNorm ? pb.minNorm() : oracle;
            points.add(measureAlpha(pb, as[k], predicted, plantMinNorm || oracle != null, scaleRef, c.budget(), pl));
        }
        return new Measurement(points, pb.basisPursuit(), pb.minNorm(), pb.oraclesOk(), misprint(pb, 0.1));
    }

    /** The flow from 002 Thm 8.1.6's printed start (α·1, −α·1)/4, against argmin R_α and argmin R_{α/4}. */
    static Misprint misprint(SparseRegression.Problem pb, double alpha) {
        Dataset data = pb.data();
        int d = data.d();
        double[] printed = hyperbolicProjection(data, alpha);
        double[] corrected = hyperbolicProjection(data, alpha / 4);
        if (printed == null || corrected == null) {
            return new Misprint(alpha, Double.NaN, Double.NaN);
        }
        double[] theta0 = new double[2 * d];
        for (int j = 0; j < d; j++) {
            theta0[j] = alpha / 4;
            theta0[d + j] = -alpha / 4;
        }
        DiagonalNetObjective net = DiagonalNetObjective.of(EmpiricalRisk.of(data, SquaredLoss.INSTANCE, Reduction.SUM));
        double s = 4 * pb.lambdaMax() * (SparseRegression.maxAbs(corrected) + 2 * alpha * alpha / 16);
        SparseRegression.FlowLimit flow = thetaFlow(net, theta0, alpha / 4, s, data, 3_000_000L);
        if (!flow.ok()) {
            return new Misprint(alpha, Double.NaN, Double.NaN);
        }
        double[] w = DiagonalNetObjective.weights(flow.theta());
        return new Misprint(alpha, Angles.relativeDistance(w, printed), Angles.relativeDistance(w, corrected));
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        Measurement m = measure(c, alphas(c.budget()), false);
        Verdict v = decide(m);
        return report(rb, m, v, c);
    }

    private ClaimResult report(ResultBuilder rb, Measurement m, Verdict v, ClaimContext c) {
        SparseRegression.Problem pb = problem(c.budget(), c.seed());
        rb.number("n", pb.data().n()).number("d", pb.data().d()).number("oracles_certified", m.oraclesOk() ? 1 : 0)
                .number("basis_pursuit_vs_planted_rel_dist", Angles.relativeDistance(pb.basisPursuit(), pb.planted()));
        double[] l1 = m.toBasisPursuit();
        double[] l2 = m.toMinNorm();
        Trace sweep = new Trace("sweep", List.of("alpha", "to_argmin_R_alpha", "gd_to_argmin_R_alpha", "to_basis_pursuit", "to_min_l2",
                "trajectory_gap"));
        double worstFlow = 0;
        double worstGd = 0;
        double worstTraj = 0;
        int gdJudged = 0;
        for (int i = 0; i < m.points().size(); i++) {
            AlphaPoint p = m.points().get(i);
            String k = "alpha_" + Format.g(p.alpha());
            rb.number(k + ".flow_to_argmin_R", p.flowToPrediction()).number(k + ".gd_to_argmin_R", p.gdToPrediction())
                    .number(k + ".gd_to_flow", p.gdToFlow()).number(k + ".trajectory_gap", p.trajectoryGap())
                    .number(k + ".to_basis_pursuit", l1[i]).number(k + ".to_min_l2", l2[i])
                    .number(k + ".flow_residual", p.flowResidual()).number(k + ".gd_residual", p.gdResidual())
                    .number(k + ".flow_time", p.flowTime()).number(k + ".flow_finished", p.flowOk() ? 1 : 0)
                    .number(k + ".gd_steps", p.gdSteps()).number(k + ".gd_eta", p.eta());
            sweep.add(new double[] {i, p.alpha(), p.flowToPrediction(), p.gdToPrediction(), l1[i], l2[i], p.trajectoryGap()});
            worstFlow = Math.max(worstFlow, p.flowToPrediction());
            if (p.gdConverged()) {
                worstGd = Math.max(worstGd, p.gdToPrediction());
                gdJudged++;
            }
            worstTraj = Math.max(worstTraj, p.trajectoryGap());
        }
        rb.number("to_basis_pursuit_loglog_slope(alpha<=" + SMALL_ALPHA + ")", m.l1Slope());
        rb.number("gd_runs_interpolating", gdJudged);
        rb.note("GD (η = " + GD_STEP + "/s_α) interpolated within the budget at " + gdJudged + " of " + m.points().size() + " scales; at small α "
                + "it would need about the flow's time divided by η (flow times up to " + Format.g(m.points().get(0).flowTime())
                + ", η ≈ " + Format.g(m.points().get(0).eta()) + "), so those runs are reported (gd_to_argmin_R, gd_residual) but not judged. "
                + "Where GD interpolated, its offset from the flow's limit is the O(η) discretization effect.");
        rb.number("max_flow_to_argmin_R", worstFlow).number("max_interpolating_gd_to_argmin_R", worstGd).number("max_trajectory_gap", worstTraj);
        rb.trace(sweep);
        rb.plot(PlotSpec.logLog("sweep.png").title(id() + ": relative distance of the limit vs α").trace("sweep")
                .x("alpha", "initialization scale α")
                .y(List.of("to_argmin_R_alpha", "gd_to_argmin_R_alpha", "to_basis_pursuit", "to_min_l2"), "relative distance")
                .build());
        Misprint mp = m.misprint();
        if (mp != null) {
            rb.number("printed_start.alpha", mp.alpha()).number("printed_start.to_argmin_R_alpha", mp.toPrinted())
                    .number("printed_start.to_argmin_R_alpha/4", mp.toCorrected());
            rb.note("002 Thm 8.1.6 as printed: from θ₀ = (α·1, −α·1)/4 with α = " + mp.alpha() + " the flow's limit is "
                    + Format.g(mp.toPrinted()) + " (relative) from argmin R_α but " + Format.g(mp.toCorrected()) + " from argmin R_{α/4}: "
                    + "the printed start realizes R_{α/4}; u = v = α·1 (Thm 8.1.7's start) realizes R_α, as measured above.");
        }
        rb.note("Data: " + pb.data().name() + "; X entries N(0, 1/n), planted k-sparse w, y = Xw (no noise); basis pursuit recovers the "
                + "planted w to " + Format.g(Angles.relativeDistance(pb.basisPursuit(), pb.planted())) + ". Loss Σᵢ ½(⟨xᵢ,w⟩ − yᵢ)². "
                + "Flow: FlowIntegrator (Dormand–Prince, rtol 1e-12/max(1, α)², at least 2e-15) on θ = (u, v) in doubling chunks until "
                + "the residual is 100× below its tolerance or stops halving; mirror flow of R_α to "
                + "t = 1000/s_α for the trajectory check; GD: η = " + GD_STEP + "/s_α for 1.5× the flow's time.");
        rb.note("Source 001 §3.2 says SGD on a diagonal network minimizes ‖w‖₁ outright; measured, that holds only as α → 0: the "
                + "limit's distance to basis pursuit is " + Format.g(l1[0]) + " at α = " + Format.g(m.points().get(0).alpha()) + " but "
                + Format.g(l1[l1.length - 1]) + " at α = " + Format.g(m.points().get(l1.length - 1).alpha()) + ", where it is "
                + Format.g(l2[l2.length - 1]) + " from X⁺y.");
        String measurement = m.points().size() + " values of α from " + Format.g(m.points().get(0).alpha()) + " to "
                + Format.g(m.points().get(m.points().size() - 1).alpha()) + ": max flow→argmin R_α " + Format.g(worstFlow)
                + ", max GD→argmin R_α " + Format.g(worstGd) + " (" + gdJudged + " interpolating GD runs), max trajectory gap "
                + Format.g(worstTraj)
                + "; distance to basis pursuit " + Arrays.stream(l1).mapToObj(Format::g).toList() + ", to X⁺y "
                + Arrays.stream(l2).mapToObj(Format::g).toList();
        rb.sourceStatement("002 Thm 8.1.7: from θ₀ = (α·1, −α·1) the flow's limit is argmin R_α(w) s.t. L(w) = 0 (with Thm 8.1.6's "
                + "printed start (α·1, −α·1)/4 corrected to R_{α/4})", v, measurement);
        return rb.build(v, "limit = argmin R_α s.t. Xw = y at every α; → basis pursuit as α → 0, → X⁺y as α grows", measurement, rule());
    }
}
