package org.sgdlab.theory.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.finitesum.Normal;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.sde.ThreeFunctionExample;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;

/** sde.ou-toy: the quick run's verdict, the control-variate estimate against the plain one, and planted wrong predictions. */
class OuToyClaimTest {
    private static List<OuToyClaim.PerEta> measureAll(long units, long seed) {
        RandomStream master = new RandomStream(seed);
        List<OuToyClaim.PerEta> per = new ArrayList<>();
        for (int e = 0; e < OuToyClaim.ETAS.length; e++) {
            per.add(OuToyClaim.measure(OuToyClaim.ETAS[e], units, master.split(e)));
        }
        return per;
    }

    @Test
    void catalogIds() {
        assertEquals(List.of("sde.ou-toy", "sde.weak-order", "sde.linear-scaling"), SdeClaims.all().stream().map(Claim::id).toList());
    }

    @Test
    void quickRunHolds() {
        ClaimResult r = new OuToyClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals(new OuToyClaim().expectedVerdict(org.sgdlab.theory.Budget.QUICK), r.verdict());
        assertEquals(2, r.plots().size());
        assertFalse(r.traces().isEmpty());
        assertNotNull(r.sourceStatement());
        assertEquals(Boolean.TRUE, r.sourceStatement().held());
        assertTrue(Math.abs(r.numbers().get("gap_slope") - 1) <= OuToyClaim.SLOPE_TOLERANCE, r.measurement());
        assertTrue(r.numbers().get("linear_sde_pinf_rel_error") < 1e-12);
    }

    @Test
    void controlVariateAgreesWithThePlainEstimateAndIsSharper() {
        for (OuToyClaim.PerEta p : measureAll(2_000, 3)) {
            double se = Math.hypot(p.plainSe(), p.gapSe());
            assertTrue(Math.abs(p.plainVariance() - p.variance()) <= 5 * se, "η = " + p.eta());
            assertTrue(p.gapSe() < p.plainSe(), "η = " + p.eta() + ": " + p.gapSe() + " vs " + p.plainSe());
            assertEquals(ThreeFunctionExample.sdeStationaryVariance(p.eta()), p.sdeVariance(), 1e-12 * p.sdeVariance());
        }
    }

    @Test
    void sameSeedSameBits() {
        OuToyClaim.PerEta a = OuToyClaim.measure(0.05, 500, new RandomStream(9));
        OuToyClaim.PerEta b = OuToyClaim.measure(0.05, 500, new RandomStream(9));
        assertEquals(a, b);
    }

    @Test
    void plantedWrongPredictionsFail() {
        List<OuToyClaim.PerEta> per = measureAll(2_000, 5);
        double z = Normal.bonferroniZ(OuToyClaim.FAMILY_ALPHA, OuToyClaim.comparisons());
        assertEquals(Verdict.HOLDS, OuToyClaim.decide(per, ThreeFunctionExample::sgdStationaryVariance, 1.0, z));
        // planted: SGD's stationary variance is the SDE's 6η
        assertEquals(Verdict.FAILS, OuToyClaim.decide(per, ThreeFunctionExample::sdeStationaryVariance, 1.0, z));
        // planted: the second-order value 6η + 6η² (drops 6η³ + …, visible at the larger η)
        assertEquals(Verdict.FAILS, OuToyClaim.decide(per, eta -> 6 * eta + 6 * eta * eta, 1.0, z));
        // planted: a gap that scales like η² or does not shrink with η
        assertEquals(Verdict.FAILS, OuToyClaim.decide(per, ThreeFunctionExample::sgdStationaryVariance, 2.0, z));
        assertEquals(Verdict.FAILS, OuToyClaim.decide(per, ThreeFunctionExample::sgdStationaryVariance, 0.0, z));
    }

    @Test
    void anUnresolvedGapIsInconclusive() {
        List<OuToyClaim.PerEta> per = measureAll(2_000, 7);
        double z = Normal.bonferroniZ(OuToyClaim.FAMILY_ALPHA, OuToyClaim.comparisons());
        // the first η's gap measured with a standard error as large as the gap itself: consistent with both 6η and 6η/(1 − η)
        OuToyClaim.PerEta p = per.get(0);
        per.set(0, new OuToyClaim.PerEta(p.eta(), p.steps(), p.plainVariance(), p.plainSe(), p.gap(), p.gap(), p.sdeVariance()));
        assertEquals(Verdict.INCONCLUSIVE, OuToyClaim.decide(per, ThreeFunctionExample::sgdStationaryVariance, 1.0, z));
    }
}
