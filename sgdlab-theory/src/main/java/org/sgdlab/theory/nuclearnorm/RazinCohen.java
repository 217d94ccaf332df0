package org.sgdlab.theory.nuclearnorm;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.nn.model.FactorInitialization;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.oracles.MatrixCompletionProblem;
import org.sgdlab.oracles.NuclearNormMinimizer;
import org.sgdlab.oracles.NuclearNormSolution;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.oracles.FlowIntegrator;
import org.sgdlab.oracles.FlowSolution;
import org.sgdlab.oracles.OracleStatus;

/**
 * Where the nuclear-norm picture fails: the 2 × 2 completion of Razin &amp; Cohen (2020, "Implicit regularization in deep
 * learning may not be explainable by norms", NeurIPS) with W₁₂ = W₂₁ = 1 and W₂₂ = 0 observed. Every interpolant
 * [[x, 1], [1, 0]] has det = −1 and ‖W‖_* = √(x² + 4), minimized at x = 0 (‖W‖_* = 2, effective rank 2). Gradient flow
 * on W = W_L ⋯ W₁ with square factors keeps the sign of det W (det W_l solves a linear ODE), so from det W₀ &gt; 0 the
 * product can only approach the interpolants through det → 0⁺, i.e. x·W₂₂ &gt; W₁₂W₂₁ → 1 with W₂₂ → 0: |x| → ∞ as
 * the loss → 0. The limit's effective rank falls towards 1 while every norm grows without bound. Measured by following
 * one flow at doubling flow times.
 */
final class RazinCohen {
    private RazinCohen() {
    }

    /**
     * The measured path of one depth at flow times 1, 2, 4, …: the residual, W₁₁, ‖W‖_*, the effective rank, det W and
     * σ₂/σ₁ at each.
     */
    record Path(int depth, double alpha, double[] time, double[] residual, double[] w11, double[] nuclear, double[] effectiveRank,
                double[] det, double[] sigmaRatio, boolean ok) {
        int last() {
            return time.length - 1;
        }

        double det0() {
            return det[0];
        }

        /** det W changed sign along the path (impossible for the exact flow; σ₂ fell to rounding level). */
        boolean detChangedSign() {
            return det[last()] < 0;
        }

        /** The largest |W₁₁| along the path. */
        double maxAbsW11() {
            double m = 0;
            for (double x : w11) {
                m = Math.max(m, Math.abs(x));
            }
            return m;
        }

        double minSigmaRatio() {
            double m = Double.POSITIVE_INFINITY;
            for (double x : sigmaRatio) {
                m = Math.min(m, x);
            }
            return m;
        }

        /** Over the last three records the residual falls and |W₁₁| grows: the path heads out to |W₁₁| → ∞. */
        boolean diverging() {
            int k = last();
            if (k < 2) {
                return false;
            }
            return residual[k] < residual[k - 1] && residual[k - 1] < residual[k - 2] && Math.abs(w11[k]) > Math.abs(w11[k - 1])
                    && Math.abs(w11[k - 1]) > Math.abs(w11[k - 2]);
        }

        /**
         * The failure appears: at the end ‖W‖_* exceeds the minimizer's by more than 10% and the effective rank is below
         * the minimizer's by more than 0.1, and either the flow has fitted (residual ≤ 1e-3) or it is still
         * {@link #diverging()}.
         */
        boolean failureAppears(double oracleNuclear, double oracleEffectiveRank) {
            int k = last();
            return ok && (residual[k] <= 1e-3 || diverging()) && nuclear[k] > 1.1 * oracleNuclear
                    && effectiveRank[k] < oracleEffectiveRank - 0.1;
        }
    }

    /** The paths of depths 2 and 3 and the oracle. */
    record Report(NuclearNormSolution oracle, List<Path> paths) {
        double oracleEffectiveRank() {
            return Spectra.effectiveRank(oracle.singularValues());
        }

        void addTo(ResultBuilder rb, String id) {
            rb.number("razin_cohen.oracle_nuclear_norm", oracle.nuclearNorm()).number("razin_cohen.oracle_w11", oracle.w().get(0, 0))
                    .number("razin_cohen.oracle_effective_rank", oracleEffectiveRank());
            for (Path p : paths) {
                String name = "razin_cohen_depth" + p.depth();
                Trace tr = new Trace(name, List.of("time", "residual", "abs_w11", "nuclear_norm", "effective_rank", "det", "sigma2_over_sigma1"));
                for (int i = 0; i <= p.last(); i++) {
                    tr.add(new double[] {i, p.time()[i], p.residual()[i], Math.abs(p.w11()[i]), p.nuclear()[i], p.effectiveRank()[i],
                            p.det()[i], p.sigmaRatio()[i]});
                }
                rb.trace(tr);
                int k = p.last();
                String key = "razin_cohen.depth" + p.depth();
                rb.number(key + ".det_w0", p.det0()).number(key + ".det_end", p.det()[k]).number(key + ".residual_end", p.residual()[k])
                        .number(key + ".abs_w11_end", Math.abs(p.w11()[k])).number(key + ".max_abs_w11", p.maxAbsW11())
                        .number(key + ".nuclear_norm_end", p.nuclear()[k]).number(key + ".effective_rank_end", p.effectiveRank()[k])
                        .number(key + ".min_sigma2_over_sigma1", p.minSigmaRatio()).number(key + ".flow_time", p.time()[k])
                        .number(key + ".diverging", p.diverging() ? 1 : 0)
                        .number(key + ".failure_appears", p.failureAppears(oracle.nuclearNorm(), oracleEffectiveRank()) ? 1 : 0);
                rb.plot(PlotSpec.logLog(name + ".png").title(id + ": Razin & Cohen's 2×2 completion, depth " + p.depth() + " from det W₀ > 0 "
                        + "— residual, |W₁₁| and ‖W‖_* along the flow (the min-‖·‖_* interpolant has W₁₁ = 0, ‖W‖_* = 2)").trace(name)
                        .x("time", "flow time").y(List.of("residual", "abs_w11", "nuclear_norm", "sigma2_over_sigma1"), "value").build());
            }
        }

        String summary() {
            StringBuilder s = new StringBuilder("Where the nuclear-norm picture fails (Razin & Cohen 2020: observed W₁₂ = W₂₁ = 1, "
                    + "W₂₂ = 0; the min-‖·‖_* interpolant is [[0, 1], [1, 0]], ‖W‖_* = " + Format.g(oracle.nuclearNorm())
                    + ", effective rank " + Format.g(oracleEffectiveRank()) + "; from det W₀ > 0 the exact flow can reach the "
                    + "interpolants, all of det −1, only with |W₁₁| → ∞):");
            for (Path p : paths) {
                int k = p.last();
                s.append(" depth ").append(p.depth()).append(" ends at flow time ").append(Format.g(p.time()[k])).append(" with residual ")
                        .append(Format.g(p.residual()[k])).append(", |W₁₁| = ").append(Format.g(Math.abs(p.w11()[k])))
                        .append(" (largest on the way ").append(Format.g(p.maxAbsW11())).append("), ‖W‖_* = ")
                        .append(Format.g(p.nuclear()[k])).append(", effective rank ").append(Format.g(p.effectiveRank()[k]))
                        .append(", smallest σ₂/σ₁ ").append(Format.g(p.minSigmaRatio()))
                        .append(p.detChangedSign() ? ", det W changed sign (σ₂ fell to the rounding level of σ₁ — impossible for "
                                + "the exact flow — and the run settled on a finite interpolant)" : ", det W still > 0")
                        .append(p.failureAppears(oracle.nuclearNorm(), oracleEffectiveRank())
                                ? (p.residual()[k] <= 1e-3 ? ": the failure appears — an interpolant with a larger nuclear norm and a "
                                + "lower effective rank than the minimizer's;" : ": the failure appears — the loss falls while |W₁₁| and "
                                + "‖W‖_* grow and the effective rank sinks towards 1;")
                                : ": the failure does not show as a fitted limit within this budget;");
            }
            s.append(" Traces 'razin_cohen_depth2/3'. The verdict above is about the random problems only.");
            return s.toString();
        }
    }

    static Dataset data() {
        return FactorizedMatrix.completionData("razin-cohen 2x2", new int[] {0, 1, 1}, new int[] {1, 0, 1}, new double[] {1, 1, 0});
    }

    static Report measure(ClaimContext c, Budget budget, long seed) {
        NuclearNormSolution oracle = NuclearNormMinimizer.solve(MatrixCompletionProblem.of(2, 2, new int[] {0, 1, 1},
                new int[] {1, 0, 1}, new double[] {1, 1, 0}));
        List<Path> paths = new ArrayList<>();
        int[] depths = {2, 3};
        for (int i = 0; i < depths.length; i++) {
            paths.add(path(depths[i], 1e-2, seed, budget.pick(15_000L, 2_000_000L)));
            c.progress().onProgress(i + 1, depths.length);
        }
        return new Report(oracle, paths);
    }

    /**
     * The flow from the first balanced start with det W₀ &gt; 0, recorded at flow times 0, 1, 2, 4, … until the residual is
     * below 1e-8 or the step budget is spent.
     */
    static Path path(int depth, double alpha, long seed, long maxSteps) {
        FactorizedMatrix model = FactorizedMatrix.of(FactorizedMatrix.Observation.COMPLETION, 2, 2, depth, 2);
        NetworkObjective f = FactorizedFlow.objective(model, data());
        RandomStream rs = new RandomStream(seed).split(151);
        double[] theta = null;
        double det0 = 0;
        for (int k = 0; det0 <= 0; k++) {
            theta = FactorizedFlow.start(model, FactorInitialization.balanced(alpha), rs.split(k));
            det0 = det(model.product(theta));
        }
        List<double[]> rows = new ArrayList<>();
        double t = 0;
        double chunk = 1;
        long used = 0;
        boolean ok = true;
        while (true) {
            Matrix w = model.product(theta);
            double[] sigma = Spectra.singularValues(w);
            double res = FactorizedFlow.residual(f, theta);
            rows.add(new double[] {t, res, w.get(0, 0), Spectra.nuclearNorm(sigma), Spectra.effectiveRank(sigma), det(w),
                    sigma[1] / sigma[0]});
            if (res <= 1e-8 || used >= maxSteps || !ok) {
                break;
            }
            FlowSolution r = FlowIntegrator.gradientFlow(f, theta, t == 0 ? 1 : chunk,
                    FactorizedFlow.options(alpha, Math.max(1, maxSteps - used)), null);
            used += r.acceptedSteps() + r.rejectedSteps();
            ok = r.status() == OracleStatus.OPTIMAL || r.status() == OracleStatus.MAX_ITERATIONS;
            theta = r.w();
            t += r.time();
            chunk = t == 0 ? 1 : t;
        }
        int n = rows.size();
        double[][] c = new double[7][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 7; j++) {
                c[j][i] = rows.get(i)[j];
            }
        }
        return new Path(depth, alpha, c[0], c[1], c[2], c[3], c[4], c[5], c[6], ok);
    }

    private static double det(Matrix w) {
        return w.get(0, 0) * w.get(1, 1) - w.get(0, 1) * w.get(1, 0);
    }

    private static List<String> prepend(List<String> cols) {
        List<String> out = new ArrayList<>();
        out.add("residual");
        out.addAll(cols);
        return out;
    }
}
