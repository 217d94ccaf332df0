package org.sgdlab.theory.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;

/** mirror.diagonal-net: the verdict table, a planted wrong prediction (min-ℓ2 at every α), and the quick run. */
class DiagonalNetClaimTest {
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
        List<DiagonalNetClaim.AlphaPoint> ok = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DiagonalNetClaim.AlphaPoint p = point(alphas[i], 0, 1e-10, 1e-12, 1e-3, 1e-9, path[i]);
            ok.add(new DiagonalNetClaim.AlphaPoint(p.alpha(), path[i], true, path[i], true, 1, 1e-12, 1e-10, path[i], 1e-9, 10, 0.01,
                    p.gdTrace()));
        }
        assertEquals(Verdict.HOLDS, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(ok, bp, mn, true, null)));
        // fewer than six decades
        assertEquals(Verdict.INCONCLUSIVE, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(ok.subList(1, 4), bp, mn, true, null)));
        // a flow that did not converge
        List<DiagonalNetClaim.AlphaPoint> unconv = new ArrayList<>(ok);
        DiagonalNetClaim.AlphaPoint q = ok.get(1);
        unconv.set(1, new DiagonalNetClaim.AlphaPoint(q.alpha(), q.predicted(), true, q.flow(), true, 1, 1e-3, 1e-10, q.gd(), 1e-9, 10,
                0.01, q.gdTrace()));
        assertEquals(Verdict.INCONCLUSIVE, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(unconv, bp, mn, true, null)));
        // a converged flow away from the prediction
        List<DiagonalNetClaim.AlphaPoint> off = new ArrayList<>(ok);
        off.set(2, new DiagonalNetClaim.AlphaPoint(1, path[1], true, path[2], true, 1, 1e-12, 1e-10, path[2], 1e-9, 10, 0.01, q.gdTrace()));
        assertEquals(Verdict.FAILS, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(off, bp, mn, true, null)));
        // trajectories that disagree with the mirror flow
        List<DiagonalNetClaim.AlphaPoint> traj = new ArrayList<>(ok);
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
        List<DiagonalNetClaim.AlphaPoint> gd = new ArrayList<>(ok);
        gd.set(0, new DiagonalNetClaim.AlphaPoint(1e-4, path[0], true, path[0], true, 1, 1e-12, 1e-10, path[2], 1e-9, 10, 0.01, q.gdTrace()));
        assertEquals(Verdict.FAILS, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(gd, bp, mn, true, null)));
        // ... but one that did not interpolate within the budget is only reported
        gd.set(0, new DiagonalNetClaim.AlphaPoint(1e-4, path[0], true, path[0], true, 1, 1e-12, 1e-10, path[2], 1e-3, 10, 0.01, q.gdTrace()));
        assertEquals(Verdict.HOLDS, DiagonalNetClaim.decide(new DiagonalNetClaim.Measurement(gd, bp, mn, true, null)));
    }

    /** Converged points whose flow and GD limits are the given path and equal the prediction. */
    private static List<DiagonalNetClaim.AlphaPoint> along(double[][] path, double[] alphas) {
        List<DiagonalNetClaim.AlphaPoint> out = new ArrayList<>();
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
    void quickRunHolds() {
        ClaimResult r = new DiagonalNetClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals("mirror.diagonal-net", r.id());
    }
}
