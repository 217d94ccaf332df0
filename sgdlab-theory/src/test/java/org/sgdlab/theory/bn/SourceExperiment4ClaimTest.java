package org.sgdlab.theory.bn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Generators;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;

/** bn.seed-exp4: the source's setup, the reading of its statement (planted curves both ways), and the real verdict. */
class SourceExperiment4ClaimTest {
    /** Norm curves reduced to steps 0, T/3, 2T/3, T: (plain…, decreases, max relative decrease, bn…). */
    private static SourceExperiment4Claim.Pair pair(double p0, double p1, double p2, double p3, int decreases, double b0, double b1,
                                                     double b2, double b3) {
        return new SourceExperiment4Claim.Pair(p0, p1, p2, p3, decreases, 0, b0, b1, b2, b3);
    }

    private static List<SourceExperiment4Claim.Reading> readings(SourceExperiment4Claim.Pair... pairs) {
        return java.util.Arrays.stream(pairs).map(SourceExperiment4Claim::judge).toList();
    }

    @Test
    void theSetupIsTheSources() {
        assertArrayEquals(Generators.seedExperiment1().data().x().data(), Experiment4.data().x().data(), 0);
        Mlp bn = Experiment4.network(true, Experiment4.TORCH_EPS);
        Mlp plain = Experiment4.network(false, Experiment4.TORCH_EPS);
        assertEquals(List.of("W1", "b1", "gamma1", "beta1", "W2", "b2"), bn.layout().blocks().stream().map(b -> b.name()).toList());
        assertEquals(2 * 10 + 10 + 10 + 10 + 10 + 1, bn.layout().size());
        assertEquals(2 * 10 + 10 + 10 + 1, plain.layout().size());
        assertEquals(1e-5, bn.batchNormStatistics(1).eps());
        // the two networks of one initialization share fc1 and fc2
        double[] a = Experiment4.init(plain, 1, 3);
        double[] b = Experiment4.init(bn, 1, 3);
        assertArrayEquals(java.util.Arrays.copyOf(a, 30), java.util.Arrays.copyOf(b, 30), 0);
        assertArrayEquals(java.util.Arrays.copyOfRange(a, 30, 41), java.util.Arrays.copyOfRange(b, 50, 61), 0);
        assertEquals(0.01, Experiment4.SOURCE_LR);
        assertEquals(3000, Experiment4.SOURCE_STEPS);
    }

    @Test
    void readingOfTheStatementHoldsAndFailsOnPlantedCurves() {
        // what the source describes: the plain norm keeps growing, the BN norm levels off
        SourceExperiment4Claim.Pair levelling = pair(2, 3, 3.5, 4, 0, 4, 4.4, 4.5, 4.52);
        assertEquals(SourceExperiment4Claim.Reading.HELD, SourceExperiment4Claim.judge(levelling));
        assertEquals(Verdict.HOLDS, SourceExperiment4Claim.decide(readings(levelling, levelling, levelling)));
        // the BN norm grows as much as the plain one over the last third: refuted
        SourceExperiment4Claim.Pair parallel = pair(2, 3, 3.5, 3.6, 0, 4, 4.5, 5.0, 5.2);
        assertEquals(SourceExperiment4Claim.Reading.REFUTED, SourceExperiment4Claim.judge(parallel));
        // the plain norm decreases in some step: "grows monotonically" refuted
        SourceExperiment4Claim.Pair dipping = pair(2, 3, 3.5, 4, 2, 4, 4.4, 4.5, 4.52);
        assertEquals(SourceExperiment4Claim.Reading.REFUTED, SourceExperiment4Claim.judge(dipping));
        // BN flatter, but not by half: undecided
        SourceExperiment4Claim.Pair between = pair(2, 3, 3.5, 4, 0, 4, 4.4, 4.5, 4.8);
        assertEquals(SourceExperiment4Claim.Reading.UNDECIDED, SourceExperiment4Claim.judge(between));
        assertEquals(Verdict.FAILS, SourceExperiment4Claim.decide(readings(parallel, parallel, levelling)));
        assertEquals(Verdict.INCONCLUSIVE, SourceExperiment4Claim.decide(readings(parallel, levelling, between)));
    }

    @Test
    void theTheoryPredictsNoLevellingOffAndFailsOnPlantedCurves() {
        // both total norms still growing over the last third: the theory holds (whatever the statement says)
        SourceExperiment4Claim.Pair parallel = pair(2, 3, 3.5, 3.6, 0, 4, 4.5, 5.0, 5.2);
        assertEquals(SourceExperiment4Claim.Reading.HELD, SourceExperiment4Claim.theory(parallel));
        // the BN norm levelled off over the last third (the source's picture): the theory is refuted
        SourceExperiment4Claim.Pair flat = pair(2, 3, 3.5, 4, 0, 4, 4.4, 4.5, 4.5);
        assertEquals(SourceExperiment4Claim.Reading.REFUTED, SourceExperiment4Claim.theory(flat));
        SourceExperiment4Claim.Pair plainFlat = pair(2, 3, 3.5, 3.5, 0, 4, 4.5, 5.0, 5.2);
        assertEquals(SourceExperiment4Claim.Reading.REFUTED, SourceExperiment4Claim.theory(plainFlat));
        assertEquals(Verdict.FAILS, SourceExperiment4Claim.decide(java.util.List.of(SourceExperiment4Claim.theory(flat),
                SourceExperiment4Claim.theory(flat), SourceExperiment4Claim.theory(parallel))));
    }

    @Test
    void theTheoryHoldsAndTheSourcesStatementIsRefutedByTheRun() {
        ClaimResult r = new SourceExperiment4Claim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals(Boolean.FALSE, r.sourceStatement().held());
        var x = r.numbers();
        assertEquals(3.0, x.get("inits"));
        assertEquals(3.0, x.get("theory.inits_holding"), x.toString());
        assertTrue(x.get("inits_refuting") >= 3, x.toString());
        // the reason: over the last third the BN network's total norm grows at least as much as the plain one's
        assertTrue(x.get("inits_where_bn_grows_at_least_as_much_late") >= 3, x.toString());
        // while fc1, the scale-invariant block, barely moves with BN (the friendlier reading holds)
        assertEquals(3.0, x.get("friendly_reading_fc1_only.inits_holding"), x.toString());
        for (int k = 0; k < 3; k++) {
            assertTrue(x.get("init" + k + ".with_bn.fc1_norm_growth") < 1e-3, x.toString());
            assertTrue(x.get("init" + k + ".with_bn.total_norm_step0") > Math.sqrt(10), "γ = 1 counts in the total norm");
        }
    }
}
