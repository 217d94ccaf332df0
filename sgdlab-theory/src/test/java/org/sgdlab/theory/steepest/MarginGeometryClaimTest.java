package org.sgdlab.theory.steepest;

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
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.LogDomainGradient;
import org.sgdlab.theory.steepest.MarginGeometryClaim.Geometry;

/** steepest.margin-geometry: the verdict table, a planted wrong prediction, the log-domain gradient, and the quick run. */
class MarginGeometryClaimTest {
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

    @Test
    void quickRunHolds() {
        ClaimResult r = new MarginGeometryClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals("steepest.margin-geometry", r.id());
    }
}
