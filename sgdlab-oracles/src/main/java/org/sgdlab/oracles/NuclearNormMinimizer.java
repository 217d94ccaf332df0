package org.sgdlab.oracles;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sgdlab.linalg.Matrix;

/**
 * Minimum nuclear-norm matrix completion and matrix sensing (Fazel 2002; Recht, Fazel, Parrilo, "Guaranteed
 * minimum-rank solutions of linear matrix equations via nuclear norm minimization", SIAM Rev. 52 (2010); Candès &amp;
 * Recht 2009): the implicit-bias limit conjectured for gradient descent on factorized models from small initialization
 * (Gunasekar et al., "Implicit regularization in matrix factorization", NeurIPS 2017).
 *
 * <pre>
 *   primal:  min ‖W‖_*  s.t.  𝒜(W) = b          (completion: W[i, j] = Y[i, j] for (i, j) ∈ Ω)
 *   dual:    max ⟨b, λ⟩  s.t.  ‖𝒜*(λ)‖_op ≤ 1
 * </pre>
 *
 * <p><b>Algorithm.</b> (0) If b ∉ range(𝒜) (sensing with dependent measurements) the status is INFEASIBLE, with the
 * certificate of {@link MinFrobeniusInterpolant}. (1) ADMM on the dual, written with Z = 𝒜*(λ) (Yang &amp; Yuan,
 * "Linearized augmented Lagrangian and alternating direction methods for nuclear norm minimization", Math. Comp. 82
 * (2013) 301–329, §2): with the primal W as the multiplier of Z = 𝒜*(λ) and a penalty β,
 * <pre>
 *   Z ← Π_{‖·‖_op ≤ 1}(𝒜*(λ) + W/β)        (singular values clipped at 1: one SVD)
 *   λ ← (𝒜𝒜*)⁻¹((b − 𝒜(W))/β + 𝒜(Z))
 *   W ← W + β(𝒜*(λ) − Z)
 * </pre>
 * with β adapted by residual balancing every 5 iterations (Boyd et al., "Distributed optimization and statistical
 * learning via ADMM", Found. Trends Mach. Learn. 3 (2011), §3.4.1: double β when ‖𝒜*λ − Z‖ exceeds 5× the dual
 * residual β‖𝒜*(λ − λ_prev)‖, halve it in the opposite case). Every 10 iterations a certificate is evaluated: the ADMM
 * W projected onto {𝒜(W) = b} and λ scaled into the dual feasible set give the relative duality gap. ADMM converges to
 * high accuracy only slowly, so (2) each time the gap first falls below 1e-2, 1e-3, …, 1e-7, {@link NuclearNormPolish}
 * refines the candidate ranks r (large gaps in the singular values of W, and the number of singular values ADMM clips):
 * (2a) Gauss–Newton on the factored equations 𝒜(LRᵀ) = b, then the dual corrected onto the tangent-space conditions
 * P_T(𝒜*λ) = UVᵀ — in the exact-recovery regime, where the rank-r interpolant is locally unique, this reaches a gap near
 * 1e-15 in a few steps; (2b) where the rank-r interpolants near the solution are not isolated (feasibility alone does
 * not pick the minimizer), a null-space SQP on min ½(‖L‖² + ‖R‖²) s.t. 𝒜(LRᵀ) = b from the Gauss–Newton point, which
 * converges quadratically at the right rank; it is run for one candidate per round, only while r(R + C) ≤ 800, and only
 * once the modelled ADMM work exceeds half its cost (on small problems ADMM alone is cheaper), and abandoned when two
 * iterations fail to halve the gap (a wrong rank). (3) Nothing is trusted that is not measured: the returned pair is
 * the one with the smallest residual max(|gap|, ‖𝒜W − b‖/‖b‖, (‖𝒜*λ‖_op − 1)₊), and it is OPTIMAL iff that is within
 * the tolerance.
 *
 * <p>Where the polish cannot help — the rank not identifiable from the ADMM iterate, a high-rank solution beyond the
 * size limits, a dual without strict complementarity — ADMM alone must close the gap, which can take thousands of
 * iterations (MAX_ITERATIONS if the budget runs out; the best pair is returned with its honest residual). Measured
 * on random Gaussian-factor instances: exact recovery (e.g. 100×100 rank 5 from 40 %) is certified after ~50 ADMM
 * iterations at a gap ~1e-15; below the recovery threshold most instances are certified by the polish or ADMM within a
 * few thousand iterations.
 *
 * <p>Cost: one dense SVD of an R×C matrix per ADMM iteration (two more every 10 iterations), and per polish a few
 * Cholesky factorizations of order r(R + C). Deterministic: no randomness, same input gives the same bits.
 *
 * <p>Diagnostics: each polish round (candidate ranks, leading singular values, Gauss–Newton steps and residual per rank)
 * is logged at System.Logger level DEBUG, each dual certificate and SQP iteration (gap, residual) at TRACE, built
 * lazily, so nothing is formatted unless enabled, e.g. with
 * {@code -Djava.util.logging.config.file=tools/oracles-debug-logging.properties}.
 */
public final class NuclearNormMinimizer {
    private static final int CHECK_EVERY = 10;
    private static final int BALANCE_EVERY = 5;
    private static final double BALANCE_RATIO = 5;
    private static final int MAX_GAUSS_NEWTON_STEPS = 15;
    private static final int MAX_SQP_ITERATIONS = 12;
    /** Polish when the ADMM gap first falls below 1e-2, 1e-3, …, down to this (then ADMM is near any tolerance). */
    private static final double LAST_POLISH = 1e-7;
    /** Polish only ranks r with r(R + C) unknowns at most this (a dense Cholesky of that order). */
    private static final int MAX_POLISH_UNKNOWNS = 1500;
    /** The manifold SQP only for ranks r with r(R + C) unknowns at most this. */
    private static final int MAX_SQP_UNKNOWNS = 800;
    /** A singular-value ratio σ_r/σ_{r+1} at least this marks r as a candidate rank. */
    private static final double RANK_GAP = 10;
    private static final double RANK_CUT = 1e-10;
    private static final Logger LOG = System.getLogger(NuclearNormMinimizer.class.getName());

    private NuclearNormMinimizer() {
    }

    /** Minimum nuclear-norm completion with {@link NuclearNormOptions#defaults()}. */
    public static NuclearNormSolution solve(MatrixCompletionProblem problem) {
        return solve(problem, NuclearNormOptions.defaults());
    }

    /** min ‖W‖_* s.t. W[i, j] = value for every observed entry. */
    public static NuclearNormSolution solve(MatrixCompletionProblem problem, NuclearNormOptions options) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(options, "options");
        return run(MatrixSensingOperator.of(problem), options);
    }

    /** Minimum nuclear-norm matrix sensing with {@link NuclearNormOptions#defaults()}. */
    public static NuclearNormSolution solve(MatrixSensingProblem problem) {
        return solve(problem, NuclearNormOptions.defaults());
    }

    /** min ‖W‖_* s.t. ⟨Aₖ, W⟩ = bₖ for every measurement. */
    public static NuclearNormSolution solve(MatrixSensingProblem problem, NuclearNormOptions options) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(options, "options");
        return run(MatrixSensingOperator.of(problem), options);
    }

    private static NuclearNormSolution run(MatrixSensingOperator op, NuclearNormOptions options) {
        int rows = op.rows;
        int cols = op.cols;
        int k = Math.min(rows, cols);
        double bn = NuclearNormPolish.norm(op.b);
        if (bn == 0) {
            return new NuclearNormSolution(OracleStatus.OPTIMAL, new Matrix(rows, cols, new double[rows * cols]),
                    new double[op.m], 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, new double[k], 0, false,
                    "b = 0: W = 0 is the unique minimizer");
        }
        double[] far = op.rangeResidual(op.b);
        double distance = NuclearNormPolish.norm(far) / bn;
        if (distance > MinFrobeniusInterpolant.FEASIBILITY_TOL) {
            MinFrobeniusSolution f = MinFrobeniusInterpolant.run(op);
            return new NuclearNormSolution(OracleStatus.INFEASIBLE, null, f.lambda(), Double.NaN, Double.NaN, Double.NaN,
                    f.relativeResidual(), Double.NaN, Double.NaN, 0, new double[0], 0, false, f.message());
        }
        return new Admm(op, options, bn).run();
    }

    /** A primal–dual pair and what it certifies; λ is already scaled into the dual feasible set. */
    private record Certificate(double[] w, double[] lambda, double nuclear, double dual, double gap, double relResidual,
                               double residual, double[] sigma, boolean polished) {
    }

    private static final class Admm {
        final MatrixSensingOperator op;
        final NuclearNormOptions o;
        final int rows;
        final int cols;
        final int m;
        final double bn;
        Certificate best;
        int gaussNewtonSteps;
        int polishAttempts;
        int sqpIterations;
        /** Model of the work ADMM has done so far: 20·R·C·min(R, C) flops per iteration (its SVD). */
        double admmFlops;
        String polishNote = "";

        Admm(MatrixSensingOperator op, NuclearNormOptions o, double bn) {
            this.op = op;
            this.o = o;
            this.rows = op.rows;
            this.cols = op.cols;
            this.m = op.m;
            this.bn = bn;
        }

        NuclearNormSolution run() {
            int rc = rows * cols;
            double beta = 2 * bn / Math.sqrt(m);
            double[] lambda = new double[m];
            double[] w = new double[rc];
            double[] atl = new double[rc]; // 𝒜*(λ)
            double[] x = new double[rc];
            double nextPolish = 1e-2;
            int it = 0;
            while (it < o.maxIterations()) {
                it++;
                admmFlops += 20.0 * rows * cols * Math.min(rows, cols);
                for (int e = 0; e < rc; e++) {
                    x[e] = atl[e] + w[e] / beta;
                }
                NuclearNormSvd svd = NuclearNormSvd.of(x, rows, cols);
                int clip = 0;
                while (clip < svd.k && svd.sigma[clip] > 1) {
                    clip++;
                }
                // Z = X − Σ_{σ>1} (σ − 1) u vᵀ, written into x
                for (int c = 0; c < clip; c++) {
                    double s = svd.sigma[c] - 1;
                    for (int i = 0; i < rows; i++) {
                        double ui = s * svd.u[i * svd.k + c];
                        if (ui == 0) {
                            continue;
                        }
                        for (int j = 0; j < cols; j++) {
                            x[i * cols + j] -= ui * svd.v[j * svd.k + c];
                        }
                    }
                }
                double[] az = op.apply(x);
                double[] aw = op.apply(w);
                double[] rhs = new double[m];
                for (int t = 0; t < m; t++) {
                    rhs[t] = (op.b[t] - aw[t]) / beta + az[t];
                }
                lambda = op.solveGram(rhs);
                double[] atlNew = op.adjoint(lambda);
                double rp = 0;
                double rd = 0;
                for (int e = 0; e < rc; e++) {
                    double dz = atlNew[e] - x[e];
                    w[e] += beta * dz;
                    rp += dz * dz;
                    double dl = atlNew[e] - atl[e];
                    rd += dl * dl;
                }
                atl = atlNew;
                rp = Math.sqrt(rp);
                rd = beta * Math.sqrt(rd);
                if (it % CHECK_EVERY == 0 || it == o.maxIterations()) {
                    double[] wf = feasible(w);
                    Certificate c = evaluate(wf, lambda, false);
                    consider(c);
                    if (best.residual() <= o.tolerance()) {
                        break;
                    }
                    if (o.polish() && c.gap() <= nextPolish) {
                        while (nextPolish >= c.gap() && nextPolish >= LAST_POLISH) {
                            nextPolish /= 10;
                        }
                        polish(wf, lambda, clip);
                        if (best.residual() <= o.tolerance()) {
                            break;
                        }
                    }
                }
                if (it % BALANCE_EVERY == 0) {
                    if (rp > BALANCE_RATIO * rd) {
                        beta *= 2;
                    } else if (rd > BALANCE_RATIO * rp) {
                        beta /= 2;
                    }
                }
            }
            return finish(it);
        }

        /** W + 𝒜*((𝒜𝒜*)⁻¹(b − 𝒜W)): the Frobenius-nearest point of {𝒜(W) = b}. */
        double[] feasible(double[] w) {
            double[] r = op.apply(w);
            for (int t = 0; t < m; t++) {
                r[t] = op.b[t] - r[t];
            }
            double[] c = op.adjoint(op.solveGram(r));
            double[] wf = w.clone();
            for (int e = 0; e < wf.length; e++) {
                wf[e] += c[e];
            }
            return wf;
        }

        Certificate evaluate(double[] w, double[] lambda, boolean polished) {
            double[] r = op.apply(w);
            for (int t = 0; t < m; t++) {
                r[t] -= op.b[t];
            }
            double rel = NuclearNormPolish.norm(r) / bn;
            double[] sigma = NuclearNormSvd.values(w, rows, cols);
            double nuclear = 0;
            for (double s : sigma) {
                nuclear += s;
            }
            double opNorm = NuclearNormSvd.values(op.adjoint(lambda), rows, cols)[0];
            double[] scaled = lambda.clone();
            if (opNorm > 1) {
                for (int t = 0; t < m; t++) {
                    scaled[t] /= opNorm;
                }
            }
            double dual = MatrixSensingOperator.dot(op.b, 0, scaled, 0, m);
            double gap = (nuclear - dual) / Math.max(nuclear, Double.MIN_NORMAL);
            return new Certificate(w, scaled, nuclear, dual, gap, rel, Math.max(Math.abs(gap), rel), sigma, polished);
        }

        void consider(Certificate c) {
            if (Double.isFinite(c.residual()) && (best == null || c.residual() < best.residual())) {
                best = c;
            }
        }

        /**
         * One polish round: Gauss–Newton and the dual correction at each candidate rank; then, if none certified, the
         * manifold SQP from the feasible candidate whose corrected dual came closest (one candidate per round, only
         * while its Cholesky is at most {@value #MAX_SQP_UNKNOWNS} unknowns, and only once the modelled ADMM work so far
         * is at least half the SQP's: on a wrong rank it is wasted work, and on small problems ADMM is cheaper).
         */
        void polish(double[] wf, double[] lambdaAdmm, int clip) {
            NuclearNormSvd svd = NuclearNormSvd.of(wf, rows, cols);
            List<Integer> ranks = candidateRanks(svd.sigma, clip);
            LOG.log(Level.DEBUG, () -> "polish: candidate ranks " + ranks + ", leading singular values "
                    + Arrays.toString(Arrays.copyOf(svd.sigma, Math.min(12, svd.k))));
            NuclearNormPolish.Factors closest = null;
            double closestGap = Double.POSITIVE_INFINITY;
            for (int r : ranks) {
                polishAttempts++;
                // not cached between rounds: where rank-r interpolants are not isolated, Gauss–Newton lands on the one
                // nearest its start, which improves as ADMM does
                NuclearNormPolish.Factors f = NuclearNormPolish.fixedRankInterpolant(op, svd, r, MAX_GAUSS_NEWTON_STEPS);
                gaussNewtonSteps += f.steps();
                LOG.log(Level.DEBUG, () -> String.format("polish rank %d: Gauss-Newton %d steps, relative residual %.3e", r,
                        f.steps(), f.relativeResidual()));
                if (!(f.relativeResidual() <= o.tolerance())) {
                    polishNote = "; the last polish at rank " + r + " left the residual at " + f.relativeResidual();
                    continue;
                }
                double[] w = f.product(rows, cols);
                NuclearNormSvd sw = NuclearNormSvd.of(w, rows, cols);
                double[] u = leadingColumns(sw.u, rows, sw.k, r);
                double[] v = leadingColumns(sw.v, cols, sw.k, r);
                for (double[] lambda : NuclearNormPolish.tangentCertificates(op, u, v, r, lambdaAdmm, new double[m])) {
                    Certificate c = evaluate(w, lambda, true);
                    LOG.log(Level.TRACE, () -> String.format("polish rank %d: corrected dual, relative gap %.3e", r, c.gap()));
                    consider(c);
                    if (Math.abs(c.gap()) < closestGap && (long) r * (rows + cols) <= MAX_SQP_UNKNOWNS) {
                        closestGap = Math.abs(c.gap());
                        closest = f;
                    }
                }
                if (best.residual() <= o.tolerance()) {
                    return;
                }
                polishNote = "; the last polish at rank " + r + " reached the residual " + f.relativeResidual()
                        + " but no dual certificate within the tolerance";
            }
            if (closest == null) {
                return;
            }
            // cost gate: an SQP run (about 6 iterations of 4 factorizations of order p, ≈ 8p³ flops) only once ADMM has
            // spent at least half that; on small problems ADMM alone is cheaper than the refinement
            double p = (double) closest.rank() * (rows + cols);
            if (8 * p * p * p > 2 * admmFlops) {
                return;
            }
            // feasible but not certified: the rank-r interpolants may not be isolated; optimize along them. At a wrong
            // rank SQP converges to a rank-constrained point whose gap stalls (at the right rank it falls quadratically).
            List<Double> gaps = new ArrayList<>();
            int closestRank = closest.rank();
            sqpIterations += NuclearNormPolish.refineOnManifold(op, closest, lambdaAdmm, MAX_SQP_ITERATIONS, (wr, lambda) -> {
                Certificate c = evaluate(wr, lambda, true);
                LOG.log(Level.TRACE, () -> String.format("SQP at rank %d: relative gap %.3e, relative residual %.3e",
                        closestRank, c.gap(), c.relResidual()));
                consider(c);
                gaps.add(Math.abs(c.gap()));
                return best.residual() <= o.tolerance() || stalled(gaps);
            });
            if (best.residual() > o.tolerance()) {
                polishNote += "; SQP at rank " + closest.rank() + " did not certify either";
            }
        }

        /** Two SQP iterations in a row without halving the best gap seen before them (checked from the third on). */
        static boolean stalled(List<Double> gaps) {
            int n = gaps.size();
            if (n < 3) {
                return false;
            }
            double before = Double.POSITIVE_INFINITY;
            for (int t = 0; t < n - 2; t++) {
                before = Math.min(before, gaps.get(t));
            }
            return !(Math.min(gaps.get(n - 2), gaps.get(n - 1)) < 0.5 * before);
        }

        /**
         * Ranks worth polishing: r where σ_r/σ_{r+1} ≥ {@value #RANK_GAP} (the two largest such gaps) and the number of
         * singular values ADMM clipped, each only if r &lt; min(R, C) and the Cholesky of order r(R + C) stays
         * affordable.
         */
        List<Integer> candidateRanks(double[] sigma, int clip) {
            int k = sigma.length;
            List<Integer> ranks = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int r = 1; r <= k; r++) {
                if (!(sigma[r - 1] > 0) || !affordable(r)) {
                    continue;
                }
                double ratio = r == k || sigma[r] == 0 ? Double.POSITIVE_INFINITY : sigma[r - 1] / sigma[r];
                if (ratio >= RANK_GAP) {
                    int at = 0;
                    while (at < ratios.size() && ratios.get(at) >= ratio) {
                        at++;
                    }
                    ratios.add(at, ratio);
                    ranks.add(at, r);
                }
            }
            List<Integer> out = new ArrayList<>(ranks.subList(0, Math.min(2, ranks.size())));
            if (clip >= 1 && affordable(clip) && !out.contains(clip) && sigma[clip - 1] > 0) {
                out.add(clip);
            }
            return out;
        }

        boolean affordable(int r) {
            return r < Math.min(rows, cols) && (long) r * (rows + cols) <= MAX_POLISH_UNKNOWNS;
        }

        NuclearNormSolution finish(int iterations) {
            Certificate c = best;
            double opNorm = NuclearNormSvd.values(op.adjoint(c.lambda()), rows, cols)[0];
            double dualInf = Math.max(0.0, opNorm - 1);
            double residual = Math.max(c.residual(), dualInf);
            double smax = c.sigma().length == 0 ? 0 : c.sigma()[0];
            int rank = 0;
            for (double s : c.sigma()) {
                if (s > RANK_CUT * smax) {
                    rank++;
                }
            }
            OracleStatus status = residual <= o.tolerance() ? OracleStatus.OPTIMAL : OracleStatus.MAX_ITERATIONS;
            String how = c.polished() ? "polished at rank " + rank + " (" + gaussNewtonSteps + " Gauss-Newton steps, "
                    + sqpIterations + " SQP iterations, " + polishAttempts + " attempts) after " + iterations
                    + " ADMM iterations"
                    : "from ADMM after " + iterations + " iterations" + (polishAttempts > 0 ? " (" + polishAttempts
                    + " polish attempts did not certify" + polishNote + ")" : "");
            String msg = (status == OracleStatus.OPTIMAL ? "optimal, " : "not certified to the tolerance " + o.tolerance()
                    + " within " + o.maxIterations() + " iterations; best pair ") + how + ": ||W||_* = " + c.nuclear()
                    + ", rank " + rank + ", ||A(W) - b||/||b|| = " + c.relResidual() + "; dual <b, lambda> = " + c.dual()
                    + " with ||A*(lambda)||_op <= 1 (excess " + dualInf + "), relative duality gap " + c.gap();
            return new NuclearNormSolution(status, new Matrix(rows, cols, c.w()), c.lambda(), c.nuclear(), c.dual(),
                    c.gap(), c.relResidual(), dualInf, residual, rank, c.sigma(), iterations, c.polished(), msg);
        }

        private static double[] leadingColumns(double[] a, int n, int k, int r) {
            double[] out = new double[n * r];
            for (int i = 0; i < n; i++) {
                System.arraycopy(a, i * k, out, i * r, r);
            }
            return out;
        }
    }
}
