package org.sgdlab.oracles;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * One solve of {@link MulticlassSvm} on validated data: the coarse dual ascent ({@link MulticlassDualAscent}), the exact
 * finish ({@link MulticlassSupportFinish}), the Lawson–Hanson support identification ({@link LdpNnls} on the implicit
 * rows {@link MulticlassRows}) and the non-separability certificate ({@link GordanCertificate}), in the order the
 * facade's documentation gives, and the {@link MulticlassSvmSolution} they end in. Diagnostics go to the logger named
 * {@code org.sgdlab.oracles.MulticlassSvm} at level DEBUG.
 */
final class MulticlassSvmSolver {
    private static final Logger LOG = System.getLogger(MulticlassSvm.class.getName());

    private final Matrix x;
    private final int[] y;
    private final int n;
    private final int d;
    private final int kk;
    private final DualSolverOptions opt;
    private final MulticlassRows rows;
    private final MulticlassDualAscent ascent;
    private final MulticlassSupportFinish finish;
    private boolean ldpTried;

    /** x and y are read, never modified; labels in 0..K−1, entries finite, no zero row (checked by the facade). */
    MulticlassSvmSolver(Matrix x, int[] y, int kk, DualSolverOptions opt) {
        this.x = x;
        this.y = y;
        this.n = x.rows();
        this.d = x.cols();
        this.kk = kk;
        this.opt = opt;
        double[] a = x.data();
        double[] sqNorm = new double[n];
        for (int i = 0; i < n; i++) {
            sqNorm[i] = Kernels.dot(a, i * d, a, i * d, d);
        }
        this.rows = new MulticlassRows(x, y, kk, sqNorm);
        this.ascent = new MulticlassDualAscent(x, y, kk, sqNorm, rows, opt.maxIterations(), opt.seed());
        this.finish = new MulticlassSupportFinish(rows, kk, d);
    }

    MulticlassSvmSolution run() {
        double eps = 1e-3;
        double bestKkt = Double.POSITIVE_INFINITY;
        double[] bestW = null;
        double[] bestA = null;
        int stalls = 0;
        while (true) {
            long tA = System.nanoTime();
            MulticlassDualAscent.Outcome out = ascent.run(eps);
            double epsNow = eps;
            LOG.log(Level.DEBUG, () -> String.format("dca eps=%g out=%s it=%d epochs=%d %.1f ms", epsNow, out,
                    ascent.iterations, ascent.epochs(), (System.nanoTime() - tA) / 1e6));
            if (out == MulticlassDualAscent.Outcome.SUSPECT || out == MulticlassDualAscent.Outcome.BUDGET) {
                MulticlassSvmSolution cert = certificate();
                if (cert != null) {
                    return cert;
                }
                if (out == MulticlassDualAscent.Outcome.SUSPECT) {
                    continue; // suspicious but no certificate yet: keep ascending
                }
            }
            // CONVERGED, CHECKPOINT or BUDGET: try the exact finish from the current multipliers.
            long tB = System.nanoTime();
            double[][] fin = finish.run(ascent.alpha, out == MulticlassDualAscent.Outcome.CHECKPOINT ? 30 : 1000,
                    opt.tolerance());
            double finKkt = fin == null ? Double.NaN : kkt(fin[0], fin[1]);
            LOG.log(Level.DEBUG, () -> String.format("finish %s %.1f ms", fin == null ? "null" : String.valueOf(finKkt),
                    (System.nanoTime() - tB) / 1e6));
            if (fin != null) {
                if (finKkt < bestKkt) {
                    bestKkt = finKkt;
                    bestW = fin[0];
                    bestA = fin[1];
                    stalls = 0;
                } else if (out == MulticlassDualAscent.Outcome.CONVERGED) {
                    stalls++;
                }
                if (finKkt <= opt.tolerance()) {
                    return result(OracleStatus.OPTIMAL, fin[0], fin[1], finKkt, "optimal: KKT residual " + finKkt);
                }
            }
            if (!ldpTried && kk * d + 1 <= MulticlassSvm.LDP_MAX_COLUMNS && (fin == null || finKkt > opt.tolerance())) {
                // The active-set finish from the ascent's support did not certify (it can cycle on degenerate,
                // tiny-margin supports): identify the support by the finite Lawson–Hanson method instead.
                ldpTried = true;
                long tC = System.nanoTime();
                double[][] exact = ldpFinish();
                double exactKkt = exact == null ? Double.NaN : kkt(exact[0], exact[1]);
                LOG.log(Level.DEBUG, () -> String.format("LDP finish %s %.1f ms", exact == null ? "null"
                        : String.valueOf(exactKkt), (System.nanoTime() - tC) / 1e6));
                if (exact != null) {
                    if (exactKkt <= opt.tolerance()) {
                        return result(OracleStatus.OPTIMAL, exact[0], exact[1], exactKkt,
                                "optimal (support from the Lawson-Hanson least-distance finish): KKT residual " + exactKkt);
                    }
                    if (exactKkt < bestKkt) {
                        bestKkt = exactKkt;
                        bestW = exact[0];
                        bestA = exact[1];
                    }
                }
            }
            if (out == MulticlassDualAscent.Outcome.BUDGET) {
                double[] fw = bestW != null ? bestW : ascent.w.clone();
                double[] fa = bestA != null ? bestA : ascent.alpha.clone();
                double kkt = kkt(fw, fa);
                return result(OracleStatus.MAX_ITERATIONS, fw, fa, kkt,
                        "iteration budget " + opt.maxIterations() + " exhausted; KKT residual " + kkt
                        + " (no non-separability certificate found either)");
            }
            if (out == MulticlassDualAscent.Outcome.CHECKPOINT) {
                continue;
            }
            if (eps < 1e-14 || stalls >= 3) {
                double[] fw = bestW != null ? bestW : ascent.w.clone();
                double[] fa = bestA != null ? bestA : ascent.alpha.clone();
                double kkt = kkt(fw, fa);
                return result(OracleStatus.INACCURATE, fw, fa, kkt,
                        "could not reach the KKT tolerance " + opt.tolerance() + "; best residual " + kkt);
            }
            eps /= 100;
        }
    }

    /**
     * Support identification by least-distance programming (Lawson and Hanson, <i>Solving Least Squares Problems</i>,
     * 1974, ch. 23): min ½‖W‖² s.t. ⟨z_c, W⟩ ≥ 1 solved by {@link LdpNnls} on the rows z_c = (e_{yᵢ} − e_k) ⊗ xᵢ (never
     * formed), whose finite active-set iteration cannot cycle (in exact arithmetic) as the finish's jumps can; its
     * support then seeds the finish, which polishes W and α to full precision. Returns {W, α (n × K)}, or null if the
     * method gives up (round-off on a degenerate support, or non-separable data, where Σu → 1) or the finish does.
     */
    double[][] ldpFinish() {
        int p = rows.dim();
        LdpNnls.Result r = LdpNnls.solve(rows, 1e-13, (int) Math.min(20L * (p + 1) + 100, opt.maxIterations()));
        LOG.log(Level.DEBUG, () -> "LDP: " + r.iterations() + " outer, " + (r.failure() == null ? "ok" : r.failure()));
        if (r.alpha() == null) {
            return null;
        }
        return finish.runCompact(r.alpha(), 1000, opt.tolerance());
    }

    double kkt(double[] flatW, double[] flatA) {
        return MulticlassSvm.kktResidual(x, y, unflatten(flatW, kk, d), unflatten(flatA, n, kk));
    }

    MulticlassSvmSolution result(OracleStatus status, double[] flatW, double[] flatA, double kkt, String message) {
        List<int[]> sup = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < kk; k++) {
                if (flatA[i * kk + k] > 0) {
                    sup.add(new int[] {i, k});
                }
            }
        }
        double obj = Kernels.dot(flatW, flatW);
        return new MulticlassSvmSolution(status, unflatten(flatW, kk, d), unflatten(flatA, n, kk),
                sup.toArray(new int[0][]), obj, kkt, ascent.iterations, message + "; " + sup.size()
                + " support constraints, sum_k ||w_k||^2 = " + obj + ", " + ascent.iterations + " coordinate updates");
    }

    private static double[][] unflatten(double[] v, int rowCount, int cols) {
        double[][] m = new double[rowCount][];
        for (int r = 0; r < rowCount; r++) {
            m[r] = Arrays.copyOfRange(v, r * cols, r * cols + cols);
        }
        return m;
    }

    /** The current (growing) dual iterate as a NOT_SEPARABLE solution with its Gordan certificate, or null. */
    private MulticlassSvmSolution certificate() {
        GordanCertificate g = GordanCertificate.find(rows, rows.compact(ascent.alpha), GordanCertificate.Scale.ALL_ROWS);
        if (g == null) {
            return null;
        }
        double[][] cert = unflatten(rows.spread(g.weights()), n, kk);
        return MulticlassSvm.notSeparable(cert, ascent.iterations, "data are not separable by a multiclass linear "
                + "classifier through the origin: nonnegative weights on " + g.used() + " constraints (i, k) (summing to 1) "
                + "give ||sum lambda_ik (e_{y_i} - e_k) (x) x_i|| = " + g.residual() + " <= 1e-12 * max_i sqrt(2)||x_i|| "
                + "(Gordan certificate: no W has <w_{y_i} - w_k, x_i> > 0 for all i, k != y_i); the dual had grown to "
                + "sum(alpha) = " + g.dualSum() + " after " + ascent.iterations + " updates");
    }
}
