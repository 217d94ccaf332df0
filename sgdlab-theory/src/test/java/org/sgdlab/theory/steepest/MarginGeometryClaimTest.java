package org.sgdlab.theory.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.LogDomainGradient;
import org.sgdlab.theory.geometry.MarginGeometryClaim.Geometry;

/** steepest.margin-geometry and mirror.diagonal-net: verdict tables, planted wrong predictions, quick runs. */
class ImplicitGeometryClaimsTest {
    private static final double[] STEPS = {0, 1, 10, 100, 1000, 10000};

    private static MarginGeometryClaim.Run mrun(Geometry g, boolean normalized, double[] gaps, double[] cross) {
        return new MarginGeometryClaim.Run(g, g, normalized, STEPS, gaps, cross, new Trace(g.label, List.of("gap")));
    }

    private static final double[] SHRINKING = {Double.NaN, 1, 0.5, 0.1, 0.03, 0.004};
    private static final double[] SLOW = {Double.NaN, 1, 0.6, 0.4, 0.3, 0.25};

    private static List<MarginGeometryClaim.Run> good() {
        return List.of(mrun(Geometry.L1, true, SHRINKING, new double[] {0.996, 0.70, 0.25}),
                mrun(Geometry.L2, true, SHRINKING, new double[] {0.74, 0.996, 0.55}),
                mrun(Geometry.LINF, true, SHRINKING, new double[] {0.58, 0.85, 0.996}),
                mrun(Geometry.L1, false, SLOW, new double[] {0.75, 0.7, 0.2}));
    }

    @Test
    void marginVerdictTable() {
        double[] opt = {0.36, 1.28, 5.4};
        assertEquals(Verdict.HOLDS, MarginGeometryClaim.decide(new MarginGeometryClaim.Measurement(opt, true, good())));
        assertEquals(Verdict.INCONCLUSIVE, MarginGeometryClaim.decide(new MarginGeometryClaim.Measurement(opt, false, good())), "oracle");
        // a normalized run stalled far from its optimum: converged elsewhere
        List<MarginGeometryClaim.Run> stalled = List.of(good().get(0), good().get(1),
                mrun(Geometry.LINF, true, new double[] {Double.NaN, 1, 0.3, 0.16, 0.15, 0.149}, new double[] {0.58, 0.85, 0.851}));
        assertEquals(Verdict.FAILS, MarginGeometryClaim.decide(new MarginGeometryClaim.Measurement(opt, true, stalled)));
        // still shrinking but above the tolerance: budget too small
        List<MarginGeometryClaim.Run> slow = List.of(good().get(0), good().get(1), mrun(Geometry.LINF, true,
                new double[] {Double.NaN, 1, 0.8, 0.5, 0.2, 0.05}, new double[] {0.58, 0.85, 0.95}));
        assertEquals(Verdict.INCONCLUSIVE, MarginGeometryClaim.decide(new MarginGeometryClaim.Measurement(opt, true, slow)));
        // own-norm margin not the largest in its column although within tolerance: geometries not told apart
        List<MarginGeometryClaim.Run> tie = List.of(good().get(0), mrun(Geometry.L2, true, SHRINKING, new double[] {0.998, 0.996, 0.55}),
                good().get(2));
        assertEquals(Verdict.INCONCLUSIVE, MarginGeometryClaim.decide(new MarginGeometryClaim.Measurement(opt, true, tie)));
        // the theorem-schedule run's gap grows
        List<MarginGeometryClaim.Run> growing = List.of(good().get(0), good().get(1), good().get(2),
                mrun(Geometry.L1, false, new double[] {Double.NaN, 1, 0.3, 0.2, 0.25, 0.3}, new double[] {0.7, 0.7, 0.2}));
        assertEquals(Verdict.FAILS, MarginGeometryClaim.decide(new MarginGeometryClaim.Measurement(opt, true, growing)));
    }

    @Test
    void linfDescentPredictedToReachTheL2SvmFails() {
        // planted: "ℓ∞ steepest descent converges to the ℓ2 SVM direction" — its ℓ2 margin gap stalls well above the tolerance
        ClaimContext c = ClaimContext.quick(1);
        Dataset data = MarginGeometryClaim.data(Budget.QUICK, 1);
        MarginGeometryClaim.Optimum opt = MarginGeometryClaim.optimum(data);
        assertTrue(opt.ok());
        List<MarginGeometryClaim.Run> runs = List.of(
                MarginGeometryClaim.run(data, Geometry.L2, Geometry.L2, true, opt.gamma(), 100_000, c.progress()),
                MarginGeometryClaim.run(data, Geometry.LINF, Geometry.L2, true, opt.gamma(), 100_000, c.progress()));
        MarginGeometryClaim.Measurement m = new MarginGeometryClaim.Measurement(opt.gamma(), true, runs);
        assertTrue(runs.get(1).finalGap() > 0.1, "ℓ∞ run's ℓ2 gap " + runs.get(1).finalGap());
        assertEquals(Verdict.FAILS, MarginGeometryClaim.decide(m));
    }

    @Test
    void logLossGradientMatchesFiniteDifferences() {
        Dataset data = Generators.separableGaussians(8, 5, 0.1, 3);
        LogDomainGradient f = new LogDomainGradient(EmpiricalRisk.of(data, ExponentialLoss.INSTANCE, Reduction.SUM),
                LogDomainGradient.Mode.GRADIENT_OVER_LOSS);
        double[] w = new RandomStream(9).gaussians(new double[5]);
        double[] g = new double[5];
        f.gradient(w, g);
        for (int j = 0; j < 5; j++) {
            double h = 1e-6;
            double[] wp = w.clone();
            double[] wm = w.clone();
            wp[j] += h;
            wm[j] -= h;
            double fd = (f.value(wp) - f.value(wm)) / (2 * h);
            assertEquals(fd, g[j], 1e-7 * Math.max(1, Math.abs(fd)), "coordinate " + j);
        }
        // far out along a separating direction L underflows to 0, but log L and its gradient stay finite
        double[] u = Generators.separatingDirection(5, 3);
        double[] far = new double[5];
        for (int j = 0; j < 5; j++) {
            far[j] = 1e5 * u[j];
        }
        assertTrue(Double.isFinite(f.value(far)) && f.value(far) < -700);
        f.gradient(far, g);
        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        assertTrue(norm > 0 && Double.isFinite(norm));
    }

    private static DiagonalNetClaim.AlphaPoint point(double alpha, double flowDist, double trajGap, double residual, double gdDist,
                                                     double gdRes, double[] flowW) {
        double[] pred = {1, 0, 0};
        double[] flow = flowW != null ? flowW : new double[] {1 + flowDist, 0, 0};
        return new DiagonalNetClaim.AlphaPoint(alpha, pred, true, flow, true, 1, residual, trajGap, new double[] {1 + gdDist, 0, 0},
                gdRes, 10, 0.01, new Trace("t", List.of("rel_dist")));
    }

    @Test
    void diagonalNetVerdictTable() {
        double[] bp = {1, 0, 0};
        double[] mn = {0.5, 0.5, 0.5};
        // limits moving from bp (small α) to mn (large α)
        double[][] path = {{1, 0, 0}, {0.9, 0.1, 0.1}, {0.6, 0.4, 0.4}, {0.5, 0.5, 0.5}};
        double[] alphas = {1e-4, 1e-2, 1, 1e2};
        List<DiagonalNetClaim.AlphaPoint> ok = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DiagonalNetClaim.AlphaPoint p = point(alphas[i], 0, 1e-10, 1e-12, 1e-3, 1e-9, path[i]);
            ok.add(new DiagonalNetClaim.AlphaPoint(p.alpha(), path[i], true, path[i], true, 1, 1e-12, 1e-10, path[i], 1e-9, 10, 0.01,
                    p.gdTrace()));
        }
        assertEquals(Verdict.HOLDS, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(ok, bp, mn, true, null)));
        // fewer than six decades
        assertEquals(Verdict.INCONCLUSIVE, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(ok.subList(1, 4), bp, mn, true, null)));
        // a flow that did not converge
        List<DiagonalNetClaim.AlphaPoint> unconv = new java.util.ArrayList<>(ok);
        DiagonalNetClaim.AlphaPoint q = ok.get(1);
        unconv.set(1, new DiagonalNetClaim.AlphaPoint(q.alpha(), q.predicted(), true, q.flow(), true, 1, 1e-3, 1e-10, q.gd(), 1e-9, 10,
                0.01, q.gdTrace()));
        assertEquals(Verdict.INCONCLUSIVE, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(unconv, bp, mn, true, null)));
        // a converged flow away from the prediction
        List<DiagonalNetClaim.AlphaPoint> off = new java.util.ArrayList<>(ok);
        off.set(2, new DiagonalNetClaim.AlphaPoint(1, path[1], true, path[2], true, 1, 1e-12, 1e-10, path[2], 1e-9, 10, 0.01, q.gdTrace()));
        assertEquals(Verdict.FAILS, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(off, bp, mn, true, null)));
        // trajectories that disagree with the mirror flow
        List<DiagonalNetClaim.AlphaPoint> traj = new java.util.ArrayList<>(ok);
        DiagonalNetClaim.AlphaPoint r = ok.get(2);
        traj.set(2, new DiagonalNetClaim.AlphaPoint(1, r.predicted(), true, r.flow(), true, 1, 1e-12, 1e-3, r.gd(), 1e-9, 10, 0.01, q.gdTrace()));
        assertEquals(Verdict.FAILS, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(traj, bp, mn, true, null)));
        // small α not reaching basis pursuit (the α → 0 end misses the ℓ1 interpolant)
        assertEquals(Verdict.FAILS, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(ok, new double[] {0, 1, 0}, mn, true, null)));
        // the small-α end not yet within the tolerance of basis pursuit: fine if the distance still falls like a power of α,
        // undecided if it has flattened out
        double[][] steep = {{1, 0.02, 0}, {1, 0.2, 0}, {0.6, 0.4, 0.4}, {0.5, 0.5, 0.5}};
        assertEquals(Verdict.HOLDS, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(along(steep, alphas), bp, mn, true, null)));
        double[][] flat = {{1, 0.05, 0}, {1, 0.06, 0}, {0.6, 0.4, 0.4}, {0.5, 0.5, 0.5}};
        assertEquals(Verdict.INCONCLUSIVE, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(along(flat, alphas), bp, mn, true, null)));
        // a GD run that interpolated but sits far from the prediction
        List<DiagonalNetClaim.AlphaPoint> gd = new java.util.ArrayList<>(ok);
        gd.set(0, new DiagonalNetClaim.AlphaPoint(1e-4, path[0], true, path[0], true, 1, 1e-12, 1e-10, path[2], 1e-9, 10, 0.01, q.gdTrace()));
        assertEquals(Verdict.FAILS, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(gd, bp, mn, true, null)));
        // ... but one that did not interpolate within the budget is only reported
        gd.set(0, new DiagonalNetClaim.AlphaPoint(1e-4, path[0], true, path[0], true, 1, 1e-12, 1e-10, path[2], 1e-3, 10, 0.01, q.gdTrace()));
        assertEquals(Verdict.HOLDS, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(gd, bp, mn, true, null)));
    }

    /** Converged points whose flow and GD limits are the given path and equal the prediction. */
    private static List<DiagonalNetClaim.AlphaPoint> along(double[][] path, double[] alphas) {
        List<DiagonalNetClaim.AlphaPoint> out = new java.util.ArrayList<>();
        for (int i = 0; i < path.length; i++) {
            out.add(new DiagonalNetClaim.AlphaPoint(alphas[i], path[i], true, path[i], true, 1, 1e-12, 1e-10, path[i], 1e-9, 10, 0.01,
                    new Trace("t", List.of("rel_dist"))));
        }
        return out;
    }

    @Test
    void diagonalNetPredictedToReachMinL2AtEveryAlphaFails() {
        // planted: "the diagonal net reaches X⁺y at every α" — at small α the limit is near basis pursuit instead
        // two scales six decades apart keep the test short; α = 1e-2 is deep in the ℓ1-like regime
        DiagonalNetClaim.Measurement m = DiagonalNetClaim.measure(ClaimContext.quick(1), new double[] {1e-2, 1e4}, true);
        assertTrue(m.points().get(0).converged(), "the small-α flow converged");
        assertTrue(m.points().get(0).flowToPrediction() > 0.5, "small-α limit vs X⁺y: " + m.points().get(0).flowToPrediction());
        assertEquals(Verdict.FAILS, DiagonalNetClaim.decide(m));
    }

    @Test
    void quickRunsHold() {
        for (Claim c : ImplicitGeometryClaims.all()) {
            long t0 = System.nanoTime();
            ClaimResult r = c.check(ClaimContext.quick(1));
            double s = (System.nanoTime() - t0) / 1e9;
            r.numbers().forEach((k, v) -> System.out.println("  " + k + " = " + v));
            System.out.println(c.id() + ": " + r.verdict() + " in " + s + " s; " + r.measurement());
            assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        }
    }

    @Test
    void ids() {
        assertEquals(List.of("steepest.margin-geometry", "mirror.diagonal-net"), ImplicitGeometryClaims.all().stream().map(Claim::id).toList());
    }
}
