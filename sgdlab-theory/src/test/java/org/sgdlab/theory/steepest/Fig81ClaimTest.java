package org.sgdlab.theory.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.train.ProgressListener;

/** The geometry claims: verdict tables, planted wrong predictions, and quick runs. */
class GeometryClaimsTest {
    private static final double[] ETAS = {0.1, 0.03, 0.01, 0.003};

    private static SteepestFig81.EtaLimit lim(double eta, double w1, double res) {
        return new SteepestFig81.EtaLimit(eta, new double[] {w1, 5 - w1, -4 - w1 / 2}, res, 100);
    }

    @Test
    void fig81VerdictTable() {
        double[] flow = {0.28, 4.86, -4.14};
        double[] minNorm = {0.0002, 5.0, -4.0};
        List<SteepestFig81.EtaLimit> approaching = List.of(lim(0.1, 0.36, 0), lim(0.01, 0.29, 1e-14), lim(0.001, 0.281, 1e-13));
        assertEquals(Verdict.HOLDS, SteepestFig81.decide(new SteepestFig81.Measurement(4.0 / 3, approaching, flow, 1e-13, true, minNorm, true)));
        // planted: the η → 0 limit "equals the min-norm interpolant" (oracle slot set to the flow's point) must FAIL
        assertEquals(Verdict.FAILS, SteepestFig81.decide(new SteepestFig81.Measurement(4.0 / 3, approaching, flow, 1e-13, true,
                flow.clone(), true)));
        // limits that do not depend on η
        List<SteepestFig81.EtaLimit> flat = List.of(lim(0.1, 0.28, 0), lim(0.01, 0.28, 0), lim(0.001, 0.28, 0));
        assertEquals(Verdict.FAILS, SteepestFig81.decide(new SteepestFig81.Measurement(4.0 / 3, flat, flow, 0, true, minNorm, true)));
        // a run that did not converge, or a flow that did not finish
        List<SteepestFig81.EtaLimit> unconverged = List.of(lim(0.1, 0.36, 1e-3), lim(0.01, 0.29, 0), lim(0.001, 0.281, 0));
        assertEquals(Verdict.INCONCLUSIVE, SteepestFig81.decide(new SteepestFig81.Measurement(4.0 / 3, unconverged, flow, 0, true, minNorm, true)));
        assertEquals(Verdict.INCONCLUSIVE, SteepestFig81.decide(new SteepestFig81.Measurement(4.0 / 3, approaching, flow, 0, false, minNorm, true)));
        // small-η limits moving away from the flow
        List<SteepestFig81.EtaLimit> away = List.of(lim(0.1, 0.36, 0), lim(0.01, 0.29, 0), lim(0.001, 0.5, 0));
        assertEquals(Verdict.INCONCLUSIVE, SteepestFig81.decide(new SteepestFig81.Measurement(4.0 / 3, away, flow, 0, true, minNorm, true)));
    }

    @Test
    void fig81MeasuredWithEuclideanNormFails() {
        // steepest descent w.r.t. ‖·‖₂ is GD: every η-limit and the flow are the min-‖·‖₂ interpolant, so the statement is false
        SteepestFig81.Measurement m = SteepestFig81.measure(2, ETAS, 60, ProgressListener.NONE);
        assertTrue(m.allConverged());
        assertTrue(m.flowVsMinNorm() < 1e-9, "flow vs min-ℓ2: " + m.flowVsMinNorm());
        assertEquals(Verdict.FAILS, SteepestFig81.decide(m));
    }

    @Test
    void fig81FlowIsTheSmallEtaLimitAndNotTheMinNormPoint() {
        SteepestFig81.Measurement m = SteepestFig81.measure(4.0 / 3, ETAS, 60, ProgressListener.NONE);
        assertTrue(m.allConverged());
        assertTrue(m.approachesFlow());
        assertTrue(m.flowVsMinNorm() > 1e-2, "flow vs min-ℓ4/3: " + m.flowVsMinNorm());
        assertEquals(Verdict.HOLDS, SteepestFig81.decide(m));
        // the flow endpoint interpolates
        assertTrue(m.flowResidual() < 1e-10);
    }

    private static MirrorBregman.Run run(double dist, double res) {
        return new MirrorBregman.Run("r", dist, res, new Trace("r", List.of("rel_dist", "residual")));
    }

    @Test
    void mirrorVerdictTable() {
        assertEquals(Verdict.HOLDS, MirrorBregman.decide(List.of(run(1e-12, 1e-14), run(5e-8, 1e-10))));
        assertEquals(Verdict.FAILS, MirrorBregman.decide(List.of(run(1e-12, 1e-14), run(0.05, 1e-13))), "converged far from the oracle");
        assertEquals(Verdict.INCONCLUSIVE, MirrorBregman.decide(List.of(run(1e-12, 1e-14), run(1e-3, 1e-4))), "not converged");
        assertEquals(Verdict.INCONCLUSIVE, MirrorBregman.decide(List.of(run(Double.NaN, Double.NaN))), "diverged");
        assertEquals(Verdict.INCONCLUSIVE, MirrorBregman.decide(List.of()));
    }

    @Test
    void mirrorAgainstEuclideanMinNormPointFails() {
        List<MirrorBregman.Run> runs = GeometryClaims.runs(ClaimContext.quick(1), true);
        assertEquals(Verdict.FAILS, MirrorBregman.decide(runs));
    }

    @Test
    void quickRunsDoNotFail() {
        for (Claim c : GeometryClaims.all()) {
            long t0 = System.nanoTime();
            ClaimResult r = c.check(ClaimContext.quick(1));
            double s = (System.nanoTime() - t0) / 1e9;
            r.numbers().forEach((k, v) -> System.out.println("  " + k + " = " + v));
            System.out.println(c.id() + ": " + r.verdict() + " in " + s + " s; " + r.measurement());
            assertNotEquals(Verdict.FAILS, r.verdict(), r.measurement());
            assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        }
    }

    @Test
    void ids() {
        assertEquals(List.of("steepest.fig81", "mirror.bregman"), GeometryClaims.all().stream().map(Claim::id).toList());
    }
}
