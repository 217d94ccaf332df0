package org.sgdlab.theory.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;

/** mirror.bregman: the verdict table, a planted wrong prediction (the Euclidean projection), and the quick run. */
class BregmanClaimTest {
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
        List<MirrorBregman.Run> runs = BregmanClaim.runs(ClaimContext.quick(1), true);
        assertEquals(Verdict.FAILS, MirrorBregman.decide(runs));
    }

    @Test
    void quickRunHolds() {
        ClaimResult r = new BregmanClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals("mirror.bregman", r.id());
    }
}
