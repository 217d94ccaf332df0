package org.sgdlab.theory.nuclearnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;

/** nuclear-norm.seed-exp3: the setup is the source's, the decision on planted measurements both ways, the real verdict. */
class SourceExperiment3ClaimTest {
    private static SourceExperiment3Claim.Run run(String name, double loss, double nuclear) {
        return new SourceExperiment3Claim.Run(name, 2, 0.01, 0.01, new double[] {1, loss}, new double[] {0, nuclear},
                Matrix.zeros(3, 3));
    }

    @Test
    void theSetupIsTheSources() {
        assertEquals(9, SourceExperiment3Claim.data().n());
        assertEquals(6, SourceExperiment3Claim.Y.get(1, 2));
        assertEquals(0.01, SourceExperiment3Claim.SOURCE_LR);
        assertEquals(10_000, SourceExperiment3Claim.SOURCE_STEPS);
        // Y = vvᵀ with v = (1, 2, 3): rank 1, ‖Y‖_* = ‖v‖² = 14
        assertEquals(1, SourceExperiment3Claim.rank(SourceExperiment3Claim.Y));
        assertEquals(14, Spectra.nuclearNorm(Spectra.singularValues(SourceExperiment3Claim.Y)), 1e-12);
        // a rank-2 matrix is counted as rank 2 by the same rule
        assertEquals(2, SourceExperiment3Claim.rank(Matrix.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 0}})));
    }

    @Test
    void decisionOnPlantedMeasurements() {
        SourceExperiment3Claim.Run source = run("source", 1e-11, 14);
        SourceExperiment3Claim.Run elsewhere = run("control", 1e-12, 15.5);
        SourceExperiment3Claim.Run alsoAtY = run("control", 1e-12, 14);
        SourceExperiment3Claim.Run unfitted = run("control", 1e-2, 13);
        // what the source's conclusion needs: rank as claimed and a control that ends elsewhere
        assertEquals(Verdict.HOLDS, SourceExperiment3Claim.decide(new SourceExperiment3Claim.Measured(2, 14, source, List.of(elsewhere)), 2));
        // planted wrong prediction: the rank it claims is not Y's
        assertEquals(Verdict.FAILS, SourceExperiment3Claim.decide(new SourceExperiment3Claim.Measured(1, 14, source, List.of(elsewhere)), 2));
        // every control lands on ‖Y‖_* too: the experiment cannot tell — fails
        assertEquals(Verdict.FAILS, SourceExperiment3Claim.decide(new SourceExperiment3Claim.Measured(2, 14, source, List.of(alsoAtY)), 2));
        // a control that did not fit leaves it open
        assertEquals(Verdict.INCONCLUSIVE,
                SourceExperiment3Claim.decide(new SourceExperiment3Claim.Measured(2, 14, source, List.of(alsoAtY, unfitted)), 2));
        // the loss never reached the source's 1e-10 order
        assertEquals(Verdict.FAILS,
                SourceExperiment3Claim.decide(new SourceExperiment3Claim.Measured(2, 14, run("source", 1e-6, 14), List.of(elsewhere)), 2));
    }

    @Test
    void theTheoryOnPlantedMeasurements() {
        SourceExperiment3Claim.Run source = run("source", 1e-11, 14);
        // every fitted run at ‖Y‖_*: what full observation forces
        assertEquals(Verdict.HOLDS, SourceExperiment3Claim.theory(new SourceExperiment3Claim.Measured(1, 14, source,
                List.of(run("control", 1e-12, 14), run("control", 1e-2, 13)))));
        // planted wrong outcome: a run that fits Y but ends elsewhere
        assertEquals(Verdict.FAILS, SourceExperiment3Claim.theory(new SourceExperiment3Claim.Measured(1, 14, source,
                List.of(run("control", 1e-12, 15.5)))));
        // nothing fitted: nothing to judge
        assertEquals(Verdict.INCONCLUSIVE, SourceExperiment3Claim.theory(new SourceExperiment3Claim.Measured(1, 14,
                run("source", 1e-2, 13), List.of(run("control", 1e-2, 13)))));
    }

    @Test
    void theTheoryHoldsAndTheSourcesStatementFailsOnTheRun() {
        ClaimResult r = new SourceExperiment3Claim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals(Boolean.FALSE, r.sourceStatement().held());
        Map<String, Double> x = r.numbers();
        assertEquals(1.0, x.get("rank_Y"));
        assertEquals(9.0, x.get("observed_entries"));
        assertTrue(x.get("min_nuclear_interpolant_to_Y_rel_dist") < 1e-8, x.toString());
        assertTrue(x.get("min_frobenius_interpolant_to_Y_rel_dist") < 1e-8, x.toString());
        // the source's run and every control end at ‖Y‖_*
        for (String run : List.of("source_depth2_init0.01", "depth1_init0.01", "depth2_init0.5", "depth3_init0.01_lr0.004")) {
            assertTrue(x.get(run + ".nuclear_norm_gap") < 1e-3, run + ": " + x);
        }
        assertEquals(1.0, x.get("seeds_where_no_control_ends_elsewhere"));
    }
}
