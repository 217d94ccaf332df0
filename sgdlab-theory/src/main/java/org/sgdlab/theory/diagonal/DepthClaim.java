package org.sgdlab.theory.diagonal;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.model.DiagonalNetwork;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.oracles.FlowIntegrator;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.mirror.SparseRegression;

/**
 * diagonal.depth: gradient flow on depth-D diagonal networks w = u^{⊙D} − v^{⊙D} (sgdlab-nn's {@link DiagonalNetwork},
 * difference form) from u = v = α·1, D = 2, 3, 4, on an under-determined sparse regression ({@link SparseRegression}, the
 * data of mirror.diagonal-net). Prediction (002 ch. 8, §8.1.2–8.1.3; Woodworth et al. 2020, §5 "higher order models"):
 * at a given α the limit is closer to basis pursuit (min ‖w‖₁ s.t. Xw = y) the deeper the network, and every depth
 * approaches it as α → 0 (for D = 2 at a rate logarithmic in 1/α, for D ≥ 3 polynomial). Measured: the relative distance
 * of each limit to basis pursuit and its ℓ1 excess over an α sweep.
 *
 * <p>Beside it, source 001 §3.2 as written: its model eq. (24), f(x) = w₂ ⊙ (w₁ ⊙ x), i.e. w = w₁ ⊙ w₂ (the product
 * form), and its statement that SGD implicitly minimizes ‖w‖₁ (eq. (25)). From w₁ = w₂ = α·1 the flow keeps w₁ = w₂,
 * so w = w₁^{⊙2} ≥ 0 for ever; from α·N(0, 1) factors it is the difference form in rotated coordinates
 * (w₁ ⊙ w₂ = a² − b² with a, b = (w₁ ± w₂)/2) with a per-coordinate start.
 */
final class DepthClaim extends BaseClaim {
    static final int[] DEPTHS = {2, 3, 4};
    /**
     * Distances below this count as equal (at basis pursuit within the measurement): the limits are taken at a relative
     * residual of {@link #RESIDUAL_TOLERANCE}, ten times smaller.
     */
    static final double FLOOR = 1e-2;
    /** A deeper network is "denser" when its distance exceeds the shallower one's by this factor plus {@link #FLOOR}. */
    static final double REVERSAL_FACTOR = 1.1;
    /** At the smallest α the deepest network must be this close to basis pursuit. */
    static final double APPROACH_TOLERANCE = 0.05;
    /** The ordering must be strict somewhere: the shallowest at least this many times further than the deepest. */
    static final double STRICT_FACTOR = 2;
    /**
     * A limit counts as an interpolant at this relative residual (the flow runs on to 100× below it, or until it stalls,
     * or until the step budget is spent). Not smaller because at D ≥ 3 the last digits converge polynomially slowly: the
     * flow's metric D²|wᵢ|^{2−2/D} vanishes on the coordinates that must go to 0, and the explicit integrator's step is
     * held down by the large ones.
     */
    static final double RESIDUAL_TOLERANCE = 1e-3;
    /** The source's statement holds at an α when the limit's ℓ1 norm is within this fraction of basis pursuit's. */
    static final double L1_EXCESS_TOLERANCE = 0.01;

    /** The source's statement, quoted. */
    static final String STATEMENT = "Lyu 和 Li (2020) 证明，在对角线性网络中，SGD 会隐式地最小化参数的 $\\ell_1$ 范数：\\begin{equation} "
            + "\\boldsymbol{w}^*_{\\text{SGD}} = \\arg\\min \\|\\boldsymbol{w}\\|_1 \\quad \\text{s.t.} \\quad \\boldsymbol{w} \\odot "
            + "\\boldsymbol{x}_i = y_i, \\forall i \\tag{25} \\end{equation} (\"Lyu and Li (2020) proved that in diagonal linear "
            + "networks SGD implicitly minimizes the ℓ1 norm of the parameters: w*_SGD = argmin ‖w‖₁ s.t. w ⊙ xᵢ = yᵢ ∀i\", "
            + "source 001 §3.2, for its model eq. (24) f(x; w₁, w₂) = w₂ ⊙ (w₁ ⊙ x))";

    DepthClaim() {
        super("diagonal.depth", "depth-D diagonal networks from small init reach sparser interpolants as D grows (distance to basis "
                + "pursuit vs α and D); source 001's w₂⊙(w₁⊙x) and 'SGD minimizes ‖w‖₁' judged", "002 ch. 8 (§8.1.2–8.1.3); source 001 §3.2");
    }

    static double[] alphas(Budget b) {
        return b == Budget.QUICK ? new double[] {1, 0.3, 0.1} : new double[] {1, 0.3, 0.1, 0.03, 0.01, 3e-3, 1e-3};
    }

    static SparseRegression.Problem problem(Budget b, long seed) {
        return SparseRegression.generate(b.pick(15, 25), b.pick(40, 100), b.pick(3, 4), seed);
    }

    /** One limit. */
    record Limit(double[] w, double residual, double time, long steps, boolean ok) {
    }

    /** The flow on {@code net} from {@code theta0} (not modified) until it interpolates. */
    static Limit flow(DiagonalNetwork net, double[] theta0, double alpha, SparseRegression.Problem pb, Budget budget) {
        Dataset data = pb.data();
        NetworkObjective f = new NetworkObjective(net, data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.SUM);
        int depth = net.depth();
        // the fastest time scale near the limit: λ_max(XᵀX)·D²·|w|^{2−2/D} (the metric ∂G∂Gᵀ of w = u^D − v^D), plus the start's
        double top = SparseRegression.maxAbs(pb.basisPursuit());
        double s = pb.lambdaMax() * depth * depth * (Math.pow(top, 2 - 2.0 / depth) + 2 * Math.pow(alpha, 2 * depth - 2));
        double big = Math.max(1, alpha);
        FlowIntegrator.Options base = FlowIntegrator.Options.defaults()
                .withTolerances(Math.max(2e-15, 1e-12 / (big * big)), 1e-14 * Math.min(1, alpha));
        long maxSteps = budget.pick(150_000L, 3_000_000L);
        SparseRegression.FlowLimit r = SparseRegression.flowUntilInterpolating(f, theta0, net::weights, data, 100 / s,
                m -> base.withMaxSteps(m), maxSteps, RESIDUAL_TOLERANCE);
        double[] w = net.weights(r.theta());
        double res = SparseRegression.relResidual(data, w);
        return new Limit(w, res, r.time(), r.steps(), r.ok() && res <= RESIDUAL_TOLERANCE);
    }

    /** dist[i][k]: relative distance to basis pursuit of depth DEPTHS[i] at alphas[k]; ok[i][k]: that limit interpolates. */
    record Sweep(double[] alphas, Limit[][] limits, double[][] dist) {
        boolean ok(int i, int k) {
            return limits[i][k].ok();
        }
    }

    static Sweep sweep(SparseRegression.Problem pb, double[] alphas, ClaimContext c) {
        int d = pb.data().d();
        Limit[][] limits = new Limit[DEPTHS.length][alphas.length];
        double[][] dist = new double[DEPTHS.length][alphas.length];
        int done = 0;
        for (int i = 0; i < DEPTHS.length; i++) {
            DiagonalNetwork net = DiagonalNetwork.difference(d, DEPTHS[i]);
            for (int k = 0; k < alphas.length; k++) {
                limits[i][k] = flow(net, net.initialize(null, alphas[k]), alphas[k], pb, c.budget());
                dist[i][k] = Angles.relativeDistance(limits[i][k].w(), pb.basisPursuit());
                c.progress().onProgress(++done, DEPTHS.length * alphas.length);
            }
        }
        return new Sweep(alphas, limits, dist);
    }

    /**
     * The verdict on "deeper is sparser" ({@code deeperSparser}, the claim) or its opposite (a planted wrong prediction),
     * from the distances to basis pursuit. At each α and each pair of consecutive depths D &lt; D′ the prediction is
     * violated when the side predicted closer is further than {@link #REVERSAL_FACTOR} × the other side plus
     * {@link #FLOOR}, with both limits interpolating: FAILS. HOLDS if every limit interpolates, there is no violation,
     * the ordering is strict somewhere (the side predicted further is at least {@link #STRICT_FACTOR} × the other plus
     * {@link #FLOOR} for the extreme depths at some α), and at the smallest α the side predicted closest is within
     * {@link #APPROACH_TOLERANCE} of basis pursuit. INCONCLUSIVE otherwise.
     */
    static Verdict decide(double[][] dist, boolean[][] ok, boolean deeperSparser) {
        int nd = dist.length;
        int na = dist[0].length;
        boolean allOk = true;
        boolean strict = false;
        for (int k = 0; k < na; k++) {
            for (int i = 0; i + 1 < nd; i++) {
                double closer = deeperSparser ? dist[i + 1][k] : dist[i][k];
                double further = deeperSparser ? dist[i][k] : dist[i + 1][k];
                if (ok[i][k] && ok[i + 1][k] && closer > REVERSAL_FACTOR * further + FLOOR) {
                    return Verdict.FAILS;
                }
            }
            double closest = deeperSparser ? dist[nd - 1][k] : dist[0][k];
            double furthest = deeperSparser ? dist[0][k] : dist[nd - 1][k];
            strict |= furthest > STRICT_FACTOR * closest + FLOOR;
            for (int i = 0; i < nd; i++) {
                allOk &= ok[i][k];
            }
        }
        double closestAtSmallest = deeperSparser ? dist[nd - 1][na - 1] : dist[0][na - 1];
        return allOk && strict && closestAtSmallest <= APPROACH_TOLERANCE ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    static boolean[][] ok(Sweep s) {
        boolean[][] ok = new boolean[s.limits().length][s.alphas().length];
        for (int i = 0; i < ok.length; i++) {
            for (int k = 0; k < ok[i].length; k++) {
                ok[i][k] = s.ok(i, k);
            }
        }
        return ok;
    }

    static String rule() {
        return "Depths D = 2, 3, 4 (w = u^D − v^D from u = v = α), gradient flow to a relative residual ≤ " + Format.g(RESIDUAL_TOLERANCE)
                + "; dist = ‖w − w_BP‖/‖w_BP‖. FAILS if at some α a deeper network's limit is further from basis pursuit than the "
                + "next shallower one's by more than ×" + REVERSAL_FACTOR + " + " + FLOOR + " (both interpolating). HOLDS if every "
                + "limit interpolates, there is no such reversal, depth 2 is at least ×" + STRICT_FACTOR + " + " + FLOOR + " further "
                + "than depth 4 at some α, and depth 4 is within " + APPROACH_TOLERANCE + " of basis pursuit at the smallest α; "
                + "INCONCLUSIVE otherwise.";
    }

    /** The source's model w = w₁ ⊙ w₂ from a start: a Gaussian α·N(0, 1) one ({@code gaussian}) or w₁ = w₂ = α·1. */
    static Limit sourceModel(SparseRegression.Problem pb, double alpha, boolean gaussian, long seed, Budget budget) {
        DiagonalNetwork net = DiagonalNetwork.product(pb.data().d(), 2);
        double[] theta0 = net.initialize(null, alpha);
        if (gaussian) {
            theta0 = new RandomStream(seed).split(211).split(Math.round(-Math.log10(alpha) * 10)).gaussians(new double[theta0.length]);
            for (int i = 0; i < theta0.length; i++) {
                theta0[i] *= alpha;
            }
        }
        return flow(net, theta0, alpha, pb, budget);
    }

    static double l1(double[] w) {
        double s = 0;
        for (double x : w) {
            s += Math.abs(x);
        }
        return s;
    }

    static double min(double[] w) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : w) {
            m = Math.min(m, x);
        }
        return m;
    }

    /**
     * The source's statement on its own model from Gaussian starts: held if every limit interpolates with ‖w‖₁ within
     * {@link #L1_EXCESS_TOLERANCE} of basis pursuit's; refuted if some interpolating limit exceeds it by more; else null
     * (undecided).
     */
    static Boolean judgeStatement(double[] l1Excess, boolean[] ok) {
        boolean all = true;
        for (int k = 0; k < l1Excess.length; k++) {
            if (ok[k] && l1Excess[k] > L1_EXCESS_TOLERANCE) {
                return Boolean.FALSE;
            }
            all &= ok[k];
        }
        return all ? Boolean.TRUE : null;
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this); // first: it times the check
        SparseRegression.Problem pb = problem(c.budget(), c.seed());
        double[] alphas = alphas(c.budget());
        Sweep s = sweep(pb, alphas, c.part(0, 2));
        Verdict v = pb.oraclesOk() ? decide(s.dist(), ok(s), true) : Verdict.INCONCLUSIVE;
        double bpL1 = l1(pb.basisPursuit());
        rb.number("n", pb.data().n()).number("d", pb.data().d()).number("oracles_certified", pb.oraclesOk() ? 1 : 0)
                .number("basis_pursuit_l1", bpL1)
                .number("basis_pursuit_vs_planted_rel_dist", Angles.relativeDistance(pb.basisPursuit(), pb.planted()))
                .number("min_l2_vs_basis_pursuit_rel_dist", Angles.relativeDistance(pb.minNorm(), pb.basisPursuit()));
        List<String> cols = new ArrayList<>();
        for (int depth : DEPTHS) {
            cols.add("depth" + depth + "_to_basis_pursuit");
        }
        for (int depth : DEPTHS) {
            cols.add("depth" + depth + "_l1_excess");
        }
        List<String> traceCols = new ArrayList<>();
        traceCols.add("alpha");
        traceCols.addAll(cols);
        Trace tr = new Trace("depth_sweep", traceCols);
        StringBuilder measured = new StringBuilder("relative distance to basis pursuit (D = 2, 3, 4):");
        for (int k = 0; k < alphas.length; k++) {
            double[] row = new double[cols.size() + 2];
            row[0] = alphas[k];
            row[1] = alphas[k];
            measured.append(k == 0 ? " " : "; ").append("α = ").append(Format.g(alphas[k])).append(": ");
            for (int i = 0; i < DEPTHS.length; i++) {
                Limit l = s.limits()[i][k];
                double excess = (l1(l.w()) - bpL1) / bpL1;
                row[2 + i] = s.dist()[i][k];
                row[2 + DEPTHS.length + i] = excess;
                String key = "depth" + DEPTHS[i] + ".alpha" + Format.g(alphas[k]);
                rb.number(key + ".to_basis_pursuit_rel_dist", s.dist()[i][k]).number(key + ".l1_excess", excess)
                        .number(key + ".to_min_l2_rel_dist", Angles.relativeDistance(l.w(), pb.minNorm()))
                        .number(key + ".residual", l.residual()).number(key + ".flow_time", l.time())
                        .number(key + ".integrator_steps", l.steps()).number(key + ".converged", l.ok() ? 1 : 0);
                measured.append(i == 0 ? "" : ", ").append(Format.g(s.dist()[i][k]));
            }
            tr.add(row);
        }
        rb.trace(tr);
        rb.plot(PlotSpec.logLog("distance_to_basis_pursuit.png").title(id() + ": relative distance of the limit to basis pursuit vs α, "
                + "depth 2, 3, 4 (w = u^D − v^D, u = v = α)").trace("depth_sweep").x("alpha", "initialization scale α")
                .y(cols.subList(0, DEPTHS.length), "‖w − w_BP‖/‖w_BP‖").build());
        sourcePart(rb, pb, alphas, c.part(1, 2));
        rb.note("Setup: sgdlab-nn DiagonalNetwork (difference form for the depth sweep, product form for the source's model) on "
                + "½‖Xw − y‖² of mirror.diagonal-net's data (X with N(0, 1/n) entries, a k-sparse planted w, y = Xw), gradient flow "
                + "(Dormand–Prince) in doubling chunks until the relative residual is 100× below " + Format.g(RESIDUAL_TOLERANCE)
                + " or stops halving below it. Same α means the same scale per layer, so w starts at 0 with u⊙v = α² for every D; "
                + "depth makes the early dynamics polynomially rather than exponentially slow to leave 0 (escape time ~α^{−(D−2)}).");
        return rb.build(v, "at each α, deeper (D = 2 → 3 → 4) is closer to basis pursuit; at the smallest α, D = 4 within "
                + APPROACH_TOLERANCE, measured.toString(), rule());
    }

    /** The source's model and statement, on the same data. */
    private void sourcePart(ResultBuilder rb, SparseRegression.Problem pb, double[] alphas, ClaimContext c) {
        double bpL1 = l1(pb.basisPursuit());
        double[] excess = new double[alphas.length];
        boolean[] ok = new boolean[alphas.length];
        Trace tr = new Trace("source_model", List.of("alpha", "to_basis_pursuit", "l1_excess"));
        StringBuilder m = new StringBuilder("source's model w = w₁⊙w₂ from α·N(0,1) factors: ‖w‖₁ over basis pursuit's by");
        for (int k = 0; k < alphas.length; k++) {
            Limit l = sourceModel(pb, alphas[k], true, c.seed(), c.budget());
            excess[k] = (l1(l.w()) - bpL1) / bpL1;
            ok[k] = l.ok();
            double dist = Angles.relativeDistance(l.w(), pb.basisPursuit());
            tr.add(new double[] {k, alphas[k], dist, excess[k]});
            String key = "source_model.gaussian.alpha" + Format.g(alphas[k]);
            rb.number(key + ".to_basis_pursuit_rel_dist", dist).number(key + ".l1_excess", excess[k])
                    .number(key + ".residual", l.residual()).number(key + ".converged", l.ok() ? 1 : 0);
            m.append(k == 0 ? " " : ", ").append(Format.g(100 * excess[k])).append("%").append(" at α = ").append(Format.g(alphas[k]))
                    .append(l.ok() ? "" : " (not interpolating)");
            c.progress().onProgress(k + 1, alphas.length + 1);
        }
        rb.trace(tr);
        rb.plot(PlotSpec.logLog("source_model.png").title(id() + ": the source's model w = w₁⊙w₂ from α·N(0, 1) factors — relative "
                + "distance to basis pursuit vs α").trace("source_model").x("alpha", "initialization scale α")
                .y("to_basis_pursuit", "‖w − w_BP‖/‖w_BP‖").build());
        double alphaLocked = alphas[alphas.length - 1];
        Limit locked = sourceModel(pb, alphaLocked, false, c.seed(), c.budget());
        c.progress().onProgress(alphas.length + 1, alphas.length + 1);
        int negatives = 0;
        for (double x : pb.basisPursuit()) {
            negatives += x < 0 ? 1 : 0;
        }
        rb.number("source_model.equal_start.alpha", alphaLocked).number("source_model.equal_start.min_w", min(locked.w()))
                .number("source_model.equal_start.residual", locked.residual())
                .number("source_model.equal_start.to_basis_pursuit_rel_dist", Angles.relativeDistance(locked.w(), pb.basisPursuit()))
                .number("basis_pursuit_negative_entries", negatives);
        Boolean held = judgeStatement(excess, ok);
        rb.sourceStatement(STATEMENT, held, m + ". Judged as written — no condition on the initialization — the statement "
                + (held == null ? "is undecided (a run did not interpolate)" : held ? "holds at every α of the sweep"
                : "fails: away from α → 0 the limit is not the ℓ1 minimizer (it holds only in the limit α → 0, like "
                + "mirror.diagonal-net's R_α)") + ". From the equal start w₁ = w₂ = " + Format.g(alphaLocked) + "·1 the flow keeps "
                + "w₁ = w₂, so w = w₁⊙w₁ ≥ 0 (measured min wᵢ = " + Format.g(min(locked.w())) + ") and it cannot reach basis "
                + "pursuit, which has " + negatives + " negative entries: residual " + Format.g(locked.residual()) + ", distance "
                + Format.g(Angles.relativeDistance(locked.w(), pb.basisPursuit())) + ". Reading: 'the ℓ1 norm of the parameters' "
                + "as ‖w‖₁ of the product w = w₁⊙w₂ (eq. (25) constrains w); the constraint 'w ⊙ xᵢ = yᵢ' (a vector equal to a "
                + "scalar) read as ⟨w, xᵢ⟩ = yᵢ; gradient flow for SGD (full batch, vanishing step). The result it cites is "
                + "Woodworth et al. (2020), not Lyu & Li (2020), whose paper is on homogeneous networks' margins.");
    }
}
