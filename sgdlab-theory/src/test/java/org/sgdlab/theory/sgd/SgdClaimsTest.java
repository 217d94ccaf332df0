package org.sgdlab.theory.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.finitesum.FiniteSum;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.finitesum.Normal;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.SymmetricEigen;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.ResultBuilder;

/** The SGD claims' decision functions with planted wrong predictions, and quick runs of every synthetic claim. */
class SgdClaimsTest {
    private static final ProgressListener NONE = ProgressListener.NONE;

    @Test
    void catalogIds() {
        assertEquals(List.of("sgd.unbiased", "sgd.noise-floor", "sgd.strongly-convex", "sgd.mnist-4v9"),
                SgdClaims.all().stream().map(Claim::id).toList());
    }

    @Test
    void boundVerdictTable() {
        double[] b = {1, 1, 1};
        assertEquals(Verdict.HOLDS, BoundVerdict.upperBound(new double[] {0.5, 0.9, 1}, new double[] {0.1, 0.02, 0}, b, 3));
        assertEquals(Verdict.INCONCLUSIVE, BoundVerdict.upperBound(new double[] {0.5, 0.99, 0.2}, new double[] {0.1, 0.02, 0}, b, 3),
                "within Monte-Carlo error of the bound");
        assertEquals(Verdict.FAILS, BoundVerdict.upperBound(new double[] {0.5, 1.2, 0.2}, new double[] {0.1, 0.02, 0}, b, 3),
                "10 se above the bound");
        assertEquals(Verdict.FAILS, BoundVerdict.upperBound(new double[] {Double.NaN}, new double[] {0}, new double[] {1}, 3));
        assertEquals(Verdict.HOLDS, BoundVerdict.exponent(1.1, 1));
        assertEquals(Verdict.INCONCLUSIVE, BoundVerdict.exponent(1.3, 1));
        assertEquals(Verdict.FAILS, BoundVerdict.exponent(1.1, 2));
        assertEquals(Verdict.FAILS, BoundVerdict.combine(Verdict.HOLDS, Verdict.FAILS, Verdict.INCONCLUSIVE));
        assertEquals(Verdict.INCONCLUSIVE, BoundVerdict.combine(Verdict.HOLDS, Verdict.INCONCLUSIVE));
        assertEquals(Verdict.HOLDS, BoundVerdict.combine(Verdict.HOLDS, Verdict.HOLDS));
    }

    // ---- sgd.unbiased

    private static List<UnbiasedClaim.Config> unbiasedConfigs(int runs) {
        FiniteSum ls = SgdProblem.leastSquares(SgdProblem.regression(24, 4, 0.5, 3));
        double[] x = new RandomStream(4).gaussians(new double[4]);
        return UnbiasedClaim.measure("ls", ls, x, new int[] {1, 4, 12}, runs, new RandomStream(5), NONE);
    }

    @Test
    void unbiasedHoldsAndPlantedWrongVariancesFail() {
        List<UnbiasedClaim.Config> configs = unbiasedConfigs(20_000);
        double z = Normal.bonferroniZ(0.05, UnbiasedClaim.comparisons(configs));
        assertNotEquals(Verdict.FAILS, UnbiasedClaim.decide(configs, z));
        // planted: every exact variance 10× too small
        List<UnbiasedClaim.Config> planted = new ArrayList<>();
        for (UnbiasedClaim.Config c : configs) {
            planted.add(new UnbiasedClaim.Config(c.name(), c.batch(), c.shuffled(), c.biasMean(), c.biasSe(), c.varMean(), c.varSe(),
                    c.exactVariance() / 10, c.withReplacementFormula()));
        }
        assertEquals(Verdict.FAILS, UnbiasedClaim.decide(planted, z));
        // planted: the i.i.d. formula S/p for shuffled batches (no finite-population factor)
        List<UnbiasedClaim.Config> iid = new ArrayList<>();
        for (UnbiasedClaim.Config c : configs) {
            iid.add(new UnbiasedClaim.Config(c.name(), c.batch(), c.shuffled(), c.biasMean(), c.biasSe(), c.varMean(), c.varSe(),
                    c.withReplacementFormula(), c.withReplacementFormula()));
        }
        assertEquals(Verdict.FAILS, UnbiasedClaim.decide(iid, z), "shuffled batches of 4 and 12 out of 24 have less variance");
        // planted: a biased prediction (the mean shifted by 10 se in one coordinate)
        UnbiasedClaim.Config c0 = configs.get(0);
        double[] shifted = c0.biasMean().clone();
        shifted[0] += 10 * c0.biasSe()[0];
        List<UnbiasedClaim.Config> biased = new ArrayList<>(configs);
        biased.set(0, new UnbiasedClaim.Config(c0.name(), c0.batch(), c0.shuffled(), shifted, c0.biasSe(), c0.varMean(), c0.varSe(),
                c0.exactVariance(), c0.withReplacementFormula()));
        assertEquals(Verdict.FAILS, UnbiasedClaim.decide(biased, z));
    }

    @Test
    void unbiasedMeasurementIsBitIdenticalForTheSameSeed() {
        List<UnbiasedClaim.Config> a = unbiasedConfigs(500);
        List<UnbiasedClaim.Config> b = unbiasedConfigs(500);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).varMean(), b.get(i).varMean(), 0.0);
            assertEquals(a.get(i).biasMean()[0], b.get(i).biasMean()[0], 0.0);
        }
    }

    // ---- sgd.noise-floor

    @Test
    void noiseFloorHoldsAndPlantedWrongPredictionsFail() {
        FiniteSum f = SgdProblem.leastSquares(SgdProblem.regression(100, 4, 0.5, 7, 0.0));
        double[] x0 = NoiseFloorClaim.start(f);
        List<NoiseFloorClaim.PerEta> per = new ArrayList<>();
        double[] etas = {0.0125, 0.025, 0.05};
        for (int e = 0; e < etas.length; e++) {
            per.add(NoiseFloorClaim.measure(f, etas[e], x0, 3000, 256, new RandomStream(8).split(e), NONE));
        }
        double z = Normal.bonferroniZ(0.05, per.size() * per.get(0).ks().length);
        assertEquals(Verdict.HOLDS, NoiseFloorClaim.decide(per, z, 1.0), "floor exponent " + EtaSweep.floorFit(per).slope());
        // planted: a bound 10× too small must fail
        List<NoiseFloorClaim.PerEta> planted = new ArrayList<>();
        for (NoiseFloorClaim.PerEta p : per) {
            double[] small = p.bound().clone();
            for (int j = 0; j < small.length; j++) {
                small[j] /= 10;
            }
            planted.add(new NoiseFloorClaim.PerEta(p.eta(), p.ks(), p.avgMean(), p.avgSe(), p.minLower(), p.minMean(), small,
                    p.floor(), p.floorSe(), p.q3(), p.q4(), p.m(), p.mBall(), p.boundBall()));
            assertEquals(Verdict.FAILS, NoiseFloorClaim.decideBound(p.avgMean(), p.avgSe(), p.minLower(), small, z), "η = " + p.eta());
            // also the floor alone: ηM/10 is below the measured late-time E‖∇f‖²
            assertTrue(p.floor() > p.eta() * p.m() / 10, "the measured floor is within 10× of ηM");
        }
        assertEquals(Verdict.FAILS, NoiseFloorClaim.decide(planted, z, 1.0));
        // planted: a floor that vanishes with η like η² (or does not depend on η)
        assertEquals(Verdict.FAILS, NoiseFloorClaim.decide(per, z, 2.0));
        assertEquals(Verdict.FAILS, NoiseFloorClaim.decide(per, z, 0.0));
    }

    @Test
    void noiseFloorStatementAsWrittenNamesTheLevelEtaM() {
        FiniteSum f = SgdProblem.leastSquares(SgdProblem.regression(100, 4, 0.5, 7, 0.0));
        double[] x0 = NoiseFloorClaim.start(f);
        List<NoiseFloorClaim.PerEta> per = new ArrayList<>();
        double[] etas = {0.0125, 0.025, 0.05};
        for (int e = 0; e < etas.length; e++) {
            per.add(NoiseFloorClaim.measure(f, etas[e], x0, 3000, 256, new RandomStream(8).split(e), NONE));
        }
        double z = Normal.bonferroniZ(0.05, per.size());
        // the measured floor is a fraction of ηM (ηM is an upper bound): "converges to ηM" as written is refuted
        for (NoiseFloorClaim.PerEta p : per) {
            assertTrue(p.floor() < p.eta() * p.m() / NoiseFloorClaim.LEVEL_FACTOR, "floor/ηM = " + p.floor() / (p.eta() * p.m()));
        }
        assertEquals(Boolean.FALSE, NoiseFloorClaim.floorIsEtaM(per, z));
        // planted: a process whose floor is ηM (M replaced by the measured floor/η) makes the statement hold
        List<NoiseFloorClaim.PerEta> atLevel = new ArrayList<>();
        for (NoiseFloorClaim.PerEta p : per) {
            atLevel.add(new NoiseFloorClaim.PerEta(p.eta(), p.ks(), p.avgMean(), p.avgSe(), p.minLower(), p.minMean(), p.bound(),
                    p.floor(), p.floorSe(), p.q3(), p.q4(), p.floor() / p.eta(), p.mBall(), p.boundBall()));
        }
        assertEquals(Boolean.TRUE, NoiseFloorClaim.floorIsEtaM(atLevel, z));
    }

    // ---- sgd.strongly-convex

    @Test
    void stronglyConvexHoldsAndPlantedWrongPredictionsFail() {
        FiniteSum f = SgdProblem.leastSquares(SgdProblem.regression(100, 4, 0.5, 9, 0.0));
        double[] x0 = StronglyConvexClaim.start(f);
        List<StronglyConvexClaim.PerEta> per = new ArrayList<>();
        double[] etas = {0.0125, 0.025, 0.05};
        for (int e = 0; e < etas.length; e++) {
            per.add(StronglyConvexClaim.measure(f, etas[e], x0, 4000, 256, new RandomStream(10).split(e), NONE));
        }
        double z = Normal.bonferroniZ(0.05, per.size() * per.get(0).ks().length);
        assertEquals(Verdict.HOLDS, StronglyConvexClaim.decide(per, z, 1.0), "floor exponent " + EtaSweep.floorFit(per).slope());
        double gamma = f.strongConvexity().value();
        double kappa = f.smoothness().value() / gamma;
        double gap = f.excess(x0);
        for (StronglyConvexClaim.PerEta p : per) {
            double[] small = p.bound().clone();
            double[] smallFloor = new double[small.length];
            for (int j = 0; j < small.length; j++) {
                small[j] /= 10;
                // the theorem with M 10× too small: only the floor is wrong
                smallFloor[j] = StronglyConvexClaim.bound(p.eta(), p.m() / 10, gamma, kappa, gap, p.ks()[j]);
            }
            assertEquals(Verdict.FAILS, BoundVerdict.upperBound(p.mean(), p.se(), small, z), "η = " + p.eta());
            assertEquals(Verdict.FAILS, BoundVerdict.upperBound(p.mean(), p.se(), smallFloor, z), "floor 10× too small, η = " + p.eta());
        }
        assertEquals(Verdict.FAILS, StronglyConvexClaim.decide(per, z, 2.0));
    }

    // ---- sgd.mnist-4v9

    private static Mnist4v9Claim.Measurement meas(double floor, double mid, double late, double fluct, double theory) {
        return new Mnist4v9Claim.Measurement(1.0, floor, 0.001, mid, late, fluct, theory, 0);
    }

    @Test
    void mnistVerdictTable() {
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(Verdict.HOLDS, Mnist4v9Claim.decide(meas(0.2, 0.2, 0.199, 0.01, inf)), "vacuous theory, qualitative holds");
        assertEquals(Verdict.FAILS, Mnist4v9Claim.decide(meas(1.5, 1.5, 1.5, 0.01, inf)), "objective did not fall");
        assertEquals(Verdict.FAILS, Mnist4v9Claim.decide(meas(Double.NaN, 1, 1, 0, inf)), "diverged");
        assertEquals(Verdict.INCONCLUSIVE, Mnist4v9Claim.decide(meas(0.2, 0.25, 0.15, 0.01, inf)), "still descending");
        assertEquals(Verdict.INCONCLUSIVE, Mnist4v9Claim.decide(meas(0.2, 0.2, 0.2, 0.0, inf)), "no fluctuation");
        assertTrue(meas(0.2, 0.2, 0.2, 0.01, inf).vacuous());
        assertTrue(meas(0.2, 0.2, 0.2, 0.01, 5.0).vacuous(), "a floor above the starting gap says nothing");
        assertEquals(Verdict.HOLDS, Mnist4v9Claim.decide(meas(0.2, 0.2, 0.2, 0.01, 0.5)), "informative theory floor holds");
        // planted: an informative theory floor 10× below the measured excess
        assertEquals(Verdict.FAILS, Mnist4v9Claim.decide(meas(0.2, 0.2, 0.2, 0.01, 0.02)));
    }

    /** Pixel-like synthetic digits: m × d in [0, 1] with the first and last columns always 0, labels ±1. */
    static Dataset syntheticDigits(int m, int d, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] x = new double[m * d];
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            y[j] = r.nextDouble() < 0.5 ? -1 : 1;
            for (int i = 1; i < d - 1; i++) {
                double base = (i % 2 == 0) == (y[j] > 0) ? 0.6 : 0.2;
                x[j * d + i] = Math.min(1, Math.max(0, base + 0.3 * r.nextGaussian()));
            }
        }
        return new Dataset("synthetic-digits", new Matrix(m, d, x), y);
    }

    /**
     * The restricted spectrum against an independent route: Jacobi on the full AᵀA/m, whose two zero pixel columns
     * add two exact zeros and leave the rest: restricted λ_i = full λ_{i+2} to k·ε·‖AᵀA/m‖_F (both backward stable).
     */
    @Test
    void mnistRestrictedSpectrumMatchesJacobiOnTheFullHessian() {
        int m = 400;
        int d = 30;
        Dataset data = syntheticDigits(m, d, 11);
        double[] x = data.x().data();
        double[] h = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int r = 0; r < m; r++) {
                    s += x[r * d + i] * x[r * d + j];
                }
                h[i * d + j] = s / m;
            }
        }
        double[] full = SymmetricEigen.eigenvalues(h, d);
        double[] restricted = Mnist4v9Claim.restrictedEigenvalues(data);
        assertEquals(d - 2, restricted.length, "the two zero columns are dropped");
        double fro = 0;
        for (double v : h) {
            fro += v * v;
        }
        double bound = d * Math.ulp(1.0) * Math.sqrt(fro);
        assertEquals(0.0, full[0], bound);
        assertEquals(0.0, full[1], bound);
        for (int i = 0; i < d - 2; i++) {
            assertEquals(full[i + 2], restricted[i], bound, "λ_" + i);
        }
        assertTrue(restricted[0] > 1e3 * bound, "the synthetic restricted Hessian is non-singular: " + restricted[0]);
    }

    @Test
    void mnistMachineryOnSyntheticDigits() {
        Dataset data = syntheticDigits(400, 30, 11);
        Mnist4v9Claim claim = new Mnist4v9Claim();
        ClaimResult r = Mnist4v9Claim.runOn(claim, new ResultBuilder(claim), data, 20_000, 3, 1, NONE);
        assertNotEquals(Verdict.FAILS, r.verdict(), r.measurement());
        assertEquals(0.0, r.numbers().get("gamma_F"), "two zero columns: not strongly convex");
        assertEquals(2.0, r.numbers().get("zero_pixel_columns"));
        assertEquals(1.0, r.numbers().get("theory_floor_vacuous"));
        assertTrue(r.numbers().get("floor") < 0.5, "objective fell: " + r.measurement());
        assertFalse(r.plots().isEmpty());
        assertNotNull(r.sourceStatement());
    }

    @Test
    void mnistOnTheRealDigits() {
        ClaimResult r = new Mnist4v9Claim().check(ClaimContext.quick(1));
        assertNotEquals(Verdict.FAILS, r.verdict(), r.measurement());
        assertEquals(784.0, r.numbers().get("d"));
        assertEquals(0.0, r.numbers().get("gamma_F"), "pixel columns that are 0 in every image make the Hessian singular");
        assertTrue(r.numbers().get("floor") < 0.5 * r.numbers().get("F_x0"));
    }

    // ---- quick budgets

    @Test
    void quickBudgetsDoNotFail() {
        for (Claim c : SgdClaims.all()) {
            if (c.id().equals("sgd.mnist-4v9")) {
                continue;
            }
            ClaimResult r = c.check(ClaimContext.quick(1));
            assertEquals(c.id(), r.id());
            assertNotEquals(Verdict.FAILS, r.verdict(), c.id() + ": " + r.measurement());
            assertFalse(r.plots().isEmpty());
            assertFalse(r.traces().isEmpty());
            assertFalse(r.rule().isBlank());
            assertNotNull(r.sourceStatement());
        }
    }
}
