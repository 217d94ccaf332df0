package org.sgdlab.theory.steepest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;

/** steepest.fig81: the verdict table, a planted wrong prediction (the Euclidean norm), and the quick run. */
class Fig81ClaimTest {
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
        SteepestFig81.Measurement m = SteepestFig81.measure(2, ETAS, 60, ClaimContext.quick(1));
        assertTrue(m.allConverged());
        assertTrue(m.flowVsMinNorm() < 1e-9, "flow vs min-ℓ2: " + m.flowVsMinNorm());
        assertEquals(Verdict.FAILS, SteepestFig81.decide(m));
    }

    @Test
    void fig81FlowIsTheSmallEtaLimitAndNotTheMinNormPoint() {
        SteepestFig81.Measurement m = SteepestFig81.measure(4.0 / 3, ETAS, 60, ClaimContext.quick(1));
        assertTrue(m.allConverged());
        assertTrue(m.approachesFlow());
        assertTrue(m.flowVsMinNorm() > 1e-2, "flow vs min-ℓ4/3: " + m.flowVsMinNorm());
        assertEquals(Verdict.HOLDS, SteepestFig81.decide(m));
        // the flow endpoint interpolates
        assertTrue(m.flowResidual() < 1e-10);
    }

    @Test
    void quickRunHolds() {
        ClaimResult r = new Fig81Claim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals("steepest.fig81", r.id());
    }
}
