package org.sgdlab.theory.nuclearnorm;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.model.FactorInitialization;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.oracles.MatrixCompletionProblem;
import org.sgdlab.oracles.MinFrobeniusInterpolant;
import org.sgdlab.oracles.MinFrobeniusSolution;
import org.sgdlab.oracles.NuclearNormMinimizer;
import org.sgdlab.oracles.NuclearNormSolution;
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

/**
 * nuclear-norm.seed-exp3: source 001 §4.3, experiment 3, as written — Y = [[1,2,3],[2,4,6],[3,6,9]] ("目标矩阵（秩为 2）",
 * "target matrix (rank 2)"), W = W₂W₁ with W₁ ∈ ℝ^{10×3}, W₂ ∈ ℝ^{3×10} drawn as 0.01·N(0, 1), full-batch SGD (= GD) at
 * lr 0.01 on ‖Y − W₂W₁‖²_F for 10 000 steps — and its conclusions judged:
 * <pre>
 *   1. 损失快速下降到 10^{-10} 量级（几乎完美拟合）
 *   2. 尽管存在无穷多个零损失解，SGD 收敛到的解的核范数非常接近目标矩阵 Y 的核范数
 *   3. 这证明了 SGD 在众多解中选择了"最简单"（最低秩）的那个
 * </pre>
 * Y is fully observed, so the only zero-loss product is Y itself (infinitely many factor pairs, one product): any
 * method that fits the data ends at ‖W‖_* = ‖Y‖_*, with or without a low-rank bias. The claim measures that with
 * controls the source's conclusion 3 would have to rule out — depth 1 (plain W, whose implicit bias is min ‖W‖_F), a
 * large initialization, depth 3 — and measures rank(Y) (it is 1: Y = vvᵀ with v = (1, 2, 3)). float64 instead of
 * float32; torch's draws replaced by sgdlab's seeded Gaussian streams.
 */
final class SourceExperiment3Claim extends BaseClaim {
    static final Matrix Y = Matrix.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {3, 6, 9}});
    /** The rank the source's comment gives Y. */
    static final int SOURCE_RANK = 2;
    static final double SOURCE_LR = 0.01;
    static final int SOURCE_STEPS = 10_000;
    static final double SOURCE_INIT = 0.01;
    static final int SOURCE_WIDTH = 10;
    /** Conclusion 1: "the loss falls to the order of 1e-10" read as ≤ 1e-9 by step 10 000. */
    static final double LOSS_REACHED = 1e-9;
    /** A control has fitted Y well enough for its ‖W‖_* to be compared with ‖Y‖_* (‖W − Y‖_F ≤ 1e-3 ≪ CLOSE·‖Y‖_*). */
    static final double CONTROL_FIT = 1e-6;
    /** Conclusion 2: "very close" read as |‖W‖_* − ‖Y‖_*| ≤ 1e-3·‖Y‖_*. */
    static final double CLOSE = 1e-3;
    /** A singular value counts towards rank(Y) when above this fraction of σ₁ (float64 rounding of Y's SVD is ~1e-16). */
    static final double RANK_TOLERANCE = 1e-12;
    /** Depth 3 needs a smaller step: 2/(2·3·‖Y‖_op^{4/3}) ≈ 0.00988 &lt; 0.01 is GD's stability limit at its flattest minimum. */
    static final double DEPTH3_LR = 0.004;

    SourceExperiment3Claim() {
        super("nuclear-norm.seed-exp3", "source 001 exp. 3 as written: a 2-layer linear net fitting the 'rank 2' Y ends with ‖W‖_* ≈ "
                + "‖Y‖_*, said to prove SGD picks the lowest-rank solution", "source 001 §4.3 (experiment 3), §3.1");
    }

    /** The source's statements, quoted. */
    static final String STATEMENT = "# 目标矩阵（秩为 2） […] 1. 损失快速下降到 $10^{-10}$ 量级（几乎完美拟合） 2. 尽管存在无穷多个零损失解，"
            + "SGD 收敛到的解的核范数非常接近目标矩阵 $\\boldsymbol{Y}$ 的核范数 3. 这证明了 SGD 在众多解中选择了\"最简单\"（最低秩）的那个 "
            + "(\"target matrix (rank 2) […] 1. the loss falls quickly to the order of 1e-10 (almost perfect fit); 2. although "
            + "there are infinitely many zero-loss solutions, the nuclear norm of the solution SGD converges to is very close to "
            + "that of the target matrix Y; 3. this proves that SGD chose the 'simplest' (lowest-rank) one among the many "
            + "solutions\", source 001 §4.3)";

    /** One GD run: its name, the loss and ‖W‖_* every 10 steps, the final product. */
    record Run(String name, int depth, double init, double lr, double[] loss, double[] nuclear, Matrix w) {
        double finalLoss() {
            return loss[loss.length - 1];
        }

        double finalNuclear() {
            return nuclear[nuclear.length - 1];
        }

        /** Conclusion 1's reading: the loss reached {@link #LOSS_REACHED}. */
        boolean reachedSourceLoss() {
            return finalLoss() <= LOSS_REACHED;
        }

        /** Fitted well enough ({@link #CONTROL_FIT}) for ‖W‖_* to be compared with ‖Y‖_*. */
        boolean fitted() {
            return finalLoss() <= CONTROL_FIT;
        }
    }

    /**
     * What the decision needs.
     *
     * @param rankY    the numerical rank of Y
     * @param nuclearY ‖Y‖_*
     * @param source   the source's run
     * @param controls runs without the source's low-rank bias story (depth 1, large init, depth 3)
     */
    record Measured(int rankY, double nuclearY, Run source, List<Run> controls) {
        boolean sourceClose() {
            return Math.abs(source.finalNuclear() - nuclearY) <= CLOSE * nuclearY;
        }

        /** Some converged control ends with ‖W‖_* away from ‖Y‖_*: the measurement can tell a low-rank bias from none. */
        boolean discriminates() {
            for (Run r : controls) {
                if (r.fitted() && Math.abs(r.finalNuclear() - nuclearY) > CLOSE * nuclearY) {
                    return true;
                }
            }
            return false;
        }

        boolean controlsConverged() {
            return controls.stream().allMatch(Run::fitted);
        }
    }

    /**
     * The source's statement against the measurement, with {@code claimedRank} the rank it gives Y: FAILS if the source
     * run's loss does not reach {@link #LOSS_REACHED} (conclusion 1) or its ‖W‖_* is not within {@link #CLOSE} of ‖Y‖_*
     * (conclusion 2), if Y's rank is not {@code claimedRank}, or if every control also converges and also ends within
     * {@link #CLOSE} of ‖Y‖_* (conclusion 3: the measurement cannot tell the lowest-rank choice from any other);
     * INCONCLUSIVE if a control did not fit Y ({@link #CONTROL_FIT}) and none discriminates; HOLDS otherwise.
     */
    static Verdict decide(Measured m, int claimedRank) {
        if (!m.source().reachedSourceLoss() || !m.sourceClose() || m.rankY() != claimedRank) {
            return Verdict.FAILS;
        }
        if (m.discriminates()) {
            return Verdict.HOLDS;
        }
        return m.controlsConverged() ? Verdict.FAILS : Verdict.INCONCLUSIVE;
    }

    /**
     * The theory's prediction for this experiment (the verdict): with every entry of Y observed, the only zero-loss
     * product is Y itself, so every run that fits Y — any depth, any initialization — ends at ‖W‖_* = ‖Y‖_*. FAILS if
     * a fitted run ({@link Run#fitted}) ends farther than {@link #CLOSE}·‖Y‖_* from it (impossible if the theory is
     * right), INCONCLUSIVE if no run fitted Y, HOLDS otherwise.
     */
    static Verdict theory(Measured m) {
        boolean anyFitted = false;
        List<Run> runs = new ArrayList<>(m.controls());
        runs.add(m.source());
        for (Run r : runs) {
            if (r.fitted()) {
                anyFitted = true;
                if (Math.abs(r.finalNuclear() - m.nuclearY()) > CLOSE * m.nuclearY()) {
                    return Verdict.FAILS;
                }
            }
        }
        return anyFitted ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    static String rule() {
        return "Verdict (the theory): every run that fits Y (loss ≤ " + Format.g(CONTROL_FIT) + ") ends within "
                + Format.g(CLOSE) + "·‖Y‖_* of ‖Y‖_*, since with every entry observed the only zero-loss product is Y; "
                + "FAILS if a fitted run ends elsewhere, INCONCLUSIVE if none fitted. The source's statement, judged beside "
                + "it: FAILS if the source's run (depth 2, width 10, 0.01·N(0,1), lr 0.01, 10 000 steps) does not reach loss ≤ "
                + Format.g(LOSS_REACHED) + " or ‖W‖_* within " + Format.g(CLOSE) + "·‖Y‖_* of ‖Y‖_*, if rank(Y) (σᵢ > "
                + Format.g(RANK_TOLERANCE) + "·σ₁) is not the source's 2, or if the controls (depth 1; depth 2 from 0.5·N(0,1); "
                + "depth 3 at lr " + DEPTH3_LR + ") all fit Y (loss ≤ " + Format.g(CONTROL_FIT) + ") and also end within " + Format.g(CLOSE) + "·‖Y‖_* of ‖Y‖_* — then "
                + "the experiment cannot tell a lowest-rank choice from any other; INCONCLUSIVE if a control did not fit and "
                + "none ends elsewhere; HOLDS otherwise.";
    }

    static Dataset data() {
        return FactorizedMatrix.fullyObserved("source 001 exp. 3: Y (3x3, every entry observed)", Y);
    }

    /** GD on ‖Y − W_L⋯W₁‖²_F (the source's un-halved loss) from {@code init}·N(0, 1) factors. */
    static Run run(String name, int depth, double init, double lr, int steps, long seed, int stream) {
        FactorizedMatrix model = FactorizedMatrix.of(FactorizedMatrix.Observation.COMPLETION, 3, 3, depth, SOURCE_WIDTH);
        NetworkObjective f = new NetworkObjective(model, data(), NetworkLoss.scaled(NetworkLoss.of(SquaredLoss.INSTANCE), 2),
                Reduction.SUM);
        double[] theta = model.initialize(FactorInitialization.gaussian(init), new RandomStream(seed).split(307).split(stream));
        double[] g = new double[theta.length];
        int every = 10;
        double[] loss = new double[steps / every + 1];
        double[] nuc = new double[steps / every + 1];
        // the source records after each step; here at t = 0, 10, …, the loss and ‖W‖_* at the current factors. The steps
        // between two records are a method of their own: with them inline, this loop ran 40 000 times over the claim's
        // four runs and C2 compiled the whole method by on-stack replacement, the SVD and the objective inlined (38 kB of
        // code, ~0.9 s of compiler time under load in a JFR of check --quick, for a claim of ~0.1 s). Now this loop runs
        // 1000 times per run and the compiled methods are the small ones. Same steps in the same order: same bits.
        for (int t = 0; ; t += every) {
            loss[t / every] = f.value(theta);
            nuc[t / every] = Spectra.nuclearNorm(Spectra.singularValues(model.product(theta)));
            if (t + every > steps) {
                descend(f, theta, g, lr, steps - t); // the last steps, after the last record
                break;
            }
            descend(f, theta, g, lr, every);
        }
        return new Run(name, depth, init, lr, loss, nuc, model.product(theta));
    }

    /** {@code count} GD steps θ ← θ − lr·∇f(θ) (theta modified; g a gradient buffer). */
    private static void descend(NetworkObjective f, double[] theta, double[] g, double lr, int count) {
        for (int k = 0; k < count; k++) {
            f.gradientOnly(theta, g);
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= lr * g[i];
            }
        }
    }

    static int rank(Matrix y) {
        double[] s = Spectra.singularValues(y);
        int r = 0;
        for (double x : s) {
            r += x > RANK_TOLERANCE * s[0] ? 1 : 0;
        }
        return r;
    }

    static Measured measure(ClaimContext c) {
        long seed = c.seed();
        Run source = run("source_depth2_init0.01", 2, SOURCE_INIT, SOURCE_LR, SOURCE_STEPS, seed, 0);
        c.progress().onProgress(1, 4);
        List<Run> controls = new ArrayList<>();
        controls.add(run("depth1_init0.01", 1, SOURCE_INIT, SOURCE_LR, SOURCE_STEPS, seed, 1));
        c.progress().onProgress(2, 4);
        controls.add(run("depth2_init0.5", 2, 0.5, SOURCE_LR, SOURCE_STEPS, seed, 2));
        c.progress().onProgress(3, 4);
        controls.add(run("depth3_init0.01_lr0.004", 3, SOURCE_INIT, DEPTH3_LR, SOURCE_STEPS, seed, 3));
        c.progress().onProgress(4, 4);
        return new Measured(rank(Y), Spectra.nuclearNorm(Spectra.singularValues(Y)), source, controls);
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this); // first: it times the check
        // the source's own budget: quick and full run the same experiment (seconds); the full budget adds seeds
        int seeds = c.budget() == Budget.QUICK ? 1 : 5;
        Measured m = measure(c.part(0, seeds));
        Verdict statement = decide(m, SOURCE_RANK);
        Verdict v = theory(m);
        double[] sigmaY = Spectra.singularValues(Y);
        MatrixCompletionProblem full = MatrixCompletionProblem.observe(Y, allObserved());
        NuclearNormSolution nuc = NuclearNormMinimizer.solve(full);
        MinFrobeniusSolution frob = MinFrobeniusInterpolant.solve(full);
        rb.number("rank_Y", m.rankY()).number("source_rank_Y", SOURCE_RANK).number("sigma1_Y", sigmaY[0]).number("sigma2_Y", sigmaY[1])
                .number("sigma3_Y", sigmaY[2]).number("nuclear_norm_Y", m.nuclearY())
                .number("observed_entries", data().n()).number("entries_of_Y", 9)
                .number("min_nuclear_interpolant_to_Y_rel_dist", Spectra.relativeDistance(nuc.w(), Y))
                .number("min_frobenius_interpolant_to_Y_rel_dist", Spectra.relativeDistance(frob.w(), Y));
        List<Run> all = new ArrayList<>();
        all.add(m.source());
        all.addAll(m.controls());
        for (Run r : all) {
            rb.number(r.name() + ".final_loss", r.finalLoss()).number(r.name() + ".final_nuclear_norm", r.finalNuclear())
                    .number(r.name() + ".nuclear_norm_gap", Math.abs(r.finalNuclear() - m.nuclearY()) / m.nuclearY())
                    .number(r.name() + ".to_Y_rel_dist", Spectra.relativeDistance(r.w(), Y))
                    .number(r.name() + ".effective_rank", Spectra.effectiveRank(Spectra.singularValues(r.w())));
        }
        int closeSeeds = m.sourceClose() ? 1 : 0;
        int lossSeeds = m.source().reachedSourceLoss() ? 1 : 0;
        int nonDiscriminating = !m.discriminates() && m.controlsConverged() ? 1 : 0;
        for (int k = 1; k < seeds; k++) {
            ClaimContext ck = c.part(k, seeds);
            Measured mk = measure(new ClaimContext(ck.budget(), c.seed() + k, ck.progress()));
            closeSeeds += mk.sourceClose() ? 1 : 0;
            lossSeeds += mk.source().reachedSourceLoss() ? 1 : 0;
            nonDiscriminating += !mk.discriminates() && mk.controlsConverged() ? 1 : 0;
        }
        rb.number("seeds", seeds).number("seeds_where_source_run_ends_at_nuclear_norm_Y", closeSeeds)
                .number("seeds_where_source_run_reaches_loss_1e-9", lossSeeds)
                .number("seeds_where_no_control_ends_elsewhere", nonDiscriminating);
        addTraces(rb, all, m.nuclearY());
        String measured = "rank(Y) = " + m.rankY() + " (σ = " + Format.g(sigmaY[0]) + ", " + Format.g(sigmaY[1]) + ", "
                + Format.g(sigmaY[2]) + "; Y = vvᵀ, v = (1, 2, 3)); all 9 entries observed, so the only zero-loss product is Y "
                + "(both oracles return it: " + Format.g(Spectra.relativeDistance(nuc.w(), Y)) + " and "
                + Format.g(Spectra.relativeDistance(frob.w(), Y)) + " from Y); the source's run ends at loss "
                + Format.g(m.source().finalLoss()) + ", ‖W‖_* = " + Format.g(m.source().finalNuclear()) + " vs ‖Y‖_* = "
                + Format.g(m.nuclearY()) + "; the controls end at ‖W‖_* = " + controlsText(m) + " — "
                + (m.discriminates() ? "a control ends elsewhere" : "every one at ‖Y‖_* too: the experiment cannot tell depths "
                + "or initializations apart") + " (" + seeds + " seed" + (seeds > 1 ? "s" : "") + ": the source's run reaches loss ≤ "
                + Format.g(LOSS_REACHED) + " in " + lossSeeds + ", ends within " + Format.g(CLOSE) + "·‖Y‖_* of ‖Y‖_* in " + closeSeeds
                + ", no control ends elsewhere in " + nonDiscriminating + ")";
        String c1 = m.source().reachedSourceLoss() ? "holds" : "does not hold in this run (loss " + Format.g(m.source().finalLoss())
                + " after " + SOURCE_STEPS + " steps)";
        String c2 = m.sourceClose() ? "holds" : "does not hold";
        String c3 = m.discriminates() ? "is not refuted by the controls (one ends elsewhere)" : "does not follow: with Y fully "
                + "observed the fit alone forces W = Y, so ‖W‖_* = ‖Y‖_* says nothing about which interpolating product SGD "
                + "prefers — there is only one, and every control lands on it";
        rb.sourceStatement(STATEMENT, statement, measured + ". Conclusion 1 (loss ~1e-10) " + c1 + "; conclusion 2 (‖W‖_* ≈ ‖Y‖_*) " + c2
                + "; conclusion 3 (SGD chose the lowest-rank solution) " + c3 + ". The comment 'rank 2' "
                + (m.rankY() == SOURCE_RANK ? "holds" : "is wrong: rank(Y) = " + m.rankY()) + ". " + rule());
        rb.note("Setup as the source wrote it (Y, widths, 0.01·randn factors, SGD on the full 'batch' = GD, lr 0.01, 10 000 steps, "
                + "loss ‖Y − W₂W₁‖²_F un-halved), except float64 for float32 and sgdlab's seeded Gaussian streams for torch's. "
                + "The controls are not the source's: depth 1 (W ∈ ℝ^{3×3} from 0.01·N(0,1)), depth 2 from 0.5·N(0,1) and depth 3 "
                + "(widths 10, 10) at lr " + DEPTH3_LR + ", because at lr 0.01 depth 3 is above GD's stability limit "
                + "2/(2·3·‖Y‖_op^{4/3}) = " + Format.g(2 / (6 * Math.pow(sigmaY[0], 4.0 / 3))) + " at every zero-loss point.");
        rb.note("A version that can tell depths apart needs unobserved entries: nuclear-norm.deep-linear (completion and sensing "
                + "against the min-‖·‖_* and min-‖·‖_F oracles).");
        return rb.build(v, "the theory: Y is fully observed, so every run that fits it ends at W = Y and ‖W‖_* = ‖Y‖_*, at any "
                + "depth and initialization (the source: loss → ~1e-10, ‖W‖_* ≈ ‖Y‖_*, which proves SGD picks the lowest-rank "
                + "solution; Y has rank 2 — judged as its statement)", measured, rule());
    }

    private static String controlsText(Measured m) {
        StringBuilder s = new StringBuilder();
        for (Run r : m.controls()) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(Format.g(r.finalNuclear())).append(" (").append(r.name()).append(", loss ").append(Format.g(r.finalLoss()))
                    .append(")");
        }
        return s.toString();
    }

    private static boolean[] allObserved() {
        boolean[] b = new boolean[9];
        java.util.Arrays.fill(b, true);
        return b;
    }

    private static void addTraces(ResultBuilder rb, List<Run> runs, double nuclearY) {
        List<String> lossCols = new ArrayList<>();
        List<String> nucCols = new ArrayList<>();
        for (Run r : runs) {
            lossCols.add(r.name() + "_loss");
            nucCols.add(r.name() + "_nuclear_norm");
        }
        List<String> cols = new ArrayList<>(lossCols);
        cols.addAll(nucCols);
        cols.add("nuclear_norm_Y");
        Trace tr = new Trace("training", cols);
        int n = runs.get(0).loss().length;
        for (int i = 0; i < n; i++) {
            double[] row = new double[cols.size() + 1];
            row[0] = 10.0 * i;
            int c = 1;
            for (Run r : runs) {
                row[c++] = Math.max(r.loss()[i], Double.MIN_NORMAL);
            }
            for (Run r : runs) {
                row[c++] = r.nuclear()[i];
            }
            row[c] = nuclearY;
            tr.add(row);
        }
        rb.trace(tr);
        rb.plot(PlotSpec.semiLogY("loss.png").title("nuclear-norm.seed-exp3: ‖Y − W‖²_F against steps (the source's run and the "
                + "controls)").trace("training").x("step", "training step").y(lossCols, "loss").build());
        List<String> nucPlot = new ArrayList<>(nucCols);
        nucPlot.add("nuclear_norm_Y");
        rb.plot(PlotSpec.linear("nuclear_norm.png").title("nuclear-norm.seed-exp3: ‖W‖_* against steps — every run ends at ‖Y‖_* "
                + "= " + Format.g(nuclearY) + ", whatever its depth or initialization").trace("training").x("step", "training step")
                .y(nucPlot, "nuclear norm").build());
    }
}
