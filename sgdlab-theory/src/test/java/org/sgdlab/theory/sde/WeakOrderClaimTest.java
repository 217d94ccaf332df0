package org.sgdlab.theory.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.finitesum.Normal;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.sde.Integrator;
import org.sgdlab.sde.MinibatchOracle;
import org.sgdlab.sde.PathSimulator;
import org.sgdlab.sde.WeakError;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** sde.weak-order: quick verdict, the exact moments and the control variates against plain Monte Carlo, planted wrong predictions. */
class WeakOrderClaimTest {
    private static final double Z = Normal.bonferroniZ(WeakOrderClaim.FAMILY_ALPHA, WeakOrderClaim.comparisons());

    @Test
    void quickRunHolds() {
        ClaimResult r = new WeakOrderClaim().check(ClaimContext.quick(1));
        assertEquals(new WeakOrderClaim().expectedVerdict(Budget.QUICK), r.verdict(), r.measurement());
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertEquals(3, r.plots().size());
        assertNotNull(r.sourceStatement());
        assertEquals(Boolean.TRUE, r.sourceStatement().held());
        assertEquals(1.0, r.numbers().get("reference_verdict_holds"));
        assertTrue(Math.abs(r.numbers().get("skew.fixed.order") - 0.5) <= WeakOrderClaim.SLOPE_TOLERANCE, r.measurement());
    }

    @Test
    void fusedGradientAndCovarianceHaveTheBitsOfTheSeparateMethods() {
        for (FiniteSumToy toy : List.of(FiniteSumToy.leastSquares(), FiniteSumToy.logistic(), FiniteSumToy.leastSquares(1.7))) {
            for (double[] x : new double[][] {{0.7, -1.3}, {0, 0}, {-2.5, 3.1}, {1e-3, 40}}) {
                double[] g = new double[2];
                double[] c = new double[4];
                java.util.Arrays.fill(c, Double.NaN);
                toy.gradientAndCovariance(x, g, c);
                double[] gRef = new double[2];
                toy.gradient(x, gRef);
                double[] cRef = toy.singleSampleCovariance(x);
                for (int j = 0; j < 2; j++) {
                    assertEquals(Double.doubleToRawLongBits(gRef[j]), Double.doubleToRawLongBits(g[j]), toy.kind() + " gradient " + j);
                }
                for (int j = 0; j < 4; j++) {
                    assertEquals(Double.doubleToRawLongBits(cRef[j]), Double.doubleToRawLongBits(c[j]), toy.kind() + " covariance " + j);
                }
            }
        }
    }

    @Test
    void toyMatchesCoreEmpiricalRiskAndTheMinibatchOracle() {
        for (FiniteSumToy toy : List.of(FiniteSumToy.leastSquares(), FiniteSumToy.logistic())) {
            EmpiricalRisk risk = EmpiricalRisk.of(toy.dataset(), toy.loss(), Reduction.MEAN);
            double[] x = {0.7, -1.3};
            double[] a = new double[2];
            double[] b = new double[2];
            toy.gradient(x, a);
            risk.gradientOnly(x, b);
            assertArrayEquals(b, a, 1e-14);
            assertEquals(risk.value(x), toy.value(x), 1e-14);
            for (int i = 0; i < toy.n(); i++) {
                toy.sampleGradient(i, x, a);
                risk.minibatchGradient(x, new int[] {i}, 1, b);
                assertArrayEquals(b, a, 1e-14, "row " + i);
            }
            assertArrayEquals(new MinibatchOracle(risk, 1, true).singleSampleCovariance(x), toy.singleSampleCovariance(x), 1e-14);
            // the Hessian by central differences of the gradient
            double[] hess = toy.hessian(x);
            double eps = 1e-6;
            for (int j = 0; j < 2; j++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[j] += eps;
                xm[j] -= eps;
                toy.gradient(xp, a);
                toy.gradient(xm, b);
                for (int i = 0; i < 2; i++) {
                    assertEquals(hess[i * 2 + j], (a[i] - b[i]) / (2 * eps), 1e-8);
                }
            }
            double[] c = toy.singleSampleCovariance(x);
            double[] l = FiniteSumToy.cholesky(c, 2);
            assertEquals(c[0], l[0] * l[0], 1e-14);
            assertEquals(c[1], l[0] * l[2], 1e-14);
            assertEquals(c[3], l[2] * l[2] + l[3] * l[3], 1e-14);
        }
    }

    @Test
    void exactSgdMomentsMatchPlainMonteCarlo() {
        FiniteSumToy toy = FiniteSumToy.leastSquares();
        LeastSquaresMoments lsm = new LeastSquaresMoments(toy);
        for (int batch : new int[] {1, 3}) {
            double eta = 0.125;
            double[] z = lsm.sgd(WeakOrderClaim.X0_QUADRATIC, eta, batch, 8);
            double[] f = SgdMonteCarlo.finals(toy.dataset(), toy.loss(), batch, eta, 8, WeakOrderClaim.X0_QUADRATIC, 40_000, 11);
            double[] x1 = new double[f.length / 2];
            double[] n2 = new double[f.length / 2];
            double[] loss = new double[f.length / 2];
            for (int p = 0; p < x1.length; p++) {
                double[] x = {f[2 * p], f[2 * p + 1]};
                x1[p] = x[0];
                n2[p] = x[0] * x[0] + x[1] * x[1];
                loss[p] = toy.value(x);
            }
            assertTrue(WeakError.againstExact(x1, lsm.coordinate(z, 0)).covers(0, 5), "B = " + batch);
            assertTrue(WeakError.againstExact(n2, lsm.squaredNorm(z)).covers(0, 5), "B = " + batch);
            assertTrue(WeakError.againstExact(loss, lsm.loss(z)).covers(0, 5), "B = " + batch);
        }
    }

    @Test
    void exactSdeMomentsMatchEulerMaruyamaTinyOdeStepsAndTheNoiselessFlow() {
        FiniteSumToy toy = FiniteSumToy.leastSquares();
        LeastSquaresMoments lsm = new LeastSquaresMoments(toy);
        double eta = 0.25;
        double[] z = lsm.sde(WeakOrderClaim.X0_QUADRATIC, eta, 1, 1.0);
        // Euler–Maruyama on the SDE (PathSimulator, Cholesky diffusion), h = 1/256: its own bias is O(h)
        double[] em = PathSimulator.simulate(Integrator.eulerMaruyama(toy.sde(eta, 1)), WeakOrderClaim.X0_QUADRATIC, 1.0, 256, 20_000, 3)
                .values(x -> x[0] * x[0] + x[1] * x[1]);
        WeakError.Estimate e = WeakError.againstExact(em, lsm.squaredNorm(z));
        assertTrue(Math.abs(e.value()) <= 5 * e.stdErr() + 0.01, e.toString());
        // the moment ODE integrated by tiny explicit Euler steps agrees with the matrix exponential
        double[] y = lsm.start(WeakOrderClaim.X0_QUADRATIC);
        int n = 100_000;
        for (int k = 0; k < n; k++) {
            double[] rate = lsm.sdeRate(y, eta, 1);
            for (int i = 0; i < y.length; i++) {
                y[i] += rate[i] / n;
            }
        }
        assertArrayEquals(z, y, 1e-4);
        // with η → 0 in the noise, the SDE is the gradient flow: E x_T = x̄(T), E‖x_T‖² = ‖x̄(T)‖²
        double[] flow = lsm.sde(WeakOrderClaim.X0_QUADRATIC, 0, 1, 1.0);
        assertEquals(flow[0] * flow[0] + flow[1] * flow[1], lsm.squaredNorm(flow), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new LeastSquaresMoments(FiniteSumToy.logistic()));
    }

    @Test
    void controlledRunsEndAtTheBitsOfPlainSgd() {
        FiniteSumToy toy = FiniteSumToy.logistic();
        double eta = 0.125;
        int steps = WeakOrderClaim.steps(eta);
        int paths = 300;
        double[] phi = new double[4 * steps];
        double[][] comp = {new double[4 * steps]};
        for (int batch : new int[] {1, 3}) {
            double[] raw = SgdMonteCarlo.controlled(toy.dataset(), toy.loss(), batch, eta, steps, WeakOrderClaim.X0_LOGISTIC, paths, 31,
                    phi, comp);
            double[] plain = SgdMonteCarlo.finals(toy.dataset(), toy.loss(), batch, eta, steps, WeakOrderClaim.X0_LOGISTIC, paths, 31);
            for (int p = 0; p < paths; p++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(Double.doubleToRawLongBits(plain[2 * p + j]), Double.doubleToRawLongBits(raw[5 * p + j]),
                            "batch " + batch + ", path " + p + ", coordinate " + j);
                }
            }
        }
    }

    @Test
    void controlVariatesKeepTheMeanAndCutTheVariance() {
        FiniteSumToy toy = FiniteSumToy.logistic();
        double eta = 0.125;
        int paths = 4_000;
        double[][] controlled = WeakOrderClaim.sgdControlled(toy, WeakOrderClaim.X0_LOGISTIC, eta, paths, 21);
        double[] raw = SgdMonteCarlo.finals(toy.dataset(), toy.loss(), 1, eta, WeakOrderClaim.steps(eta), WeakOrderClaim.X0_LOGISTIC, paths, 21);
        WeakOrderClaim.TestFunction[] gs = WeakOrderClaim.TestFunction.values();
        for (int c = 0; c < gs.length; c++) {
            double[] plain = new double[paths];
            double[] control = new double[paths];
            for (int p = 0; p < paths; p++) {
                plain[p] = WeakOrderClaim.evaluate(gs[c], toy, new double[] {raw[2 * p], raw[2 * p + 1]});
                control[p] = plain[p] - controlled[c][p];
            }
            // same x_K bits; the control itself has mean 0
            assertTrue(WeakError.mean(control).covers(0, 5), gs[c] + ": " + WeakError.mean(control));
            assertTrue(WeakError.mean(controlled[c]).stdErr() < WeakError.mean(plain).stdErr() / 10, gs[c].name());
        }
        // Euler–Maruyama with controls against PathSimulator's plain Euler–Maruyama at the same h (independent paths)
        double[][][] em = WeakOrderClaim.emControlled(toy, WeakOrderClaim.X0_LOGISTIC, eta, 1_000, 22);
        int fine = WeakOrderClaim.steps(eta) * WeakOrderClaim.REFINE;
        double[] plainEm = PathSimulator.simulate(Integrator.eulerMaruyama(toy.sde(eta, 1)), WeakOrderClaim.X0_LOGISTIC, 1.0, fine, 20_000, 23)
                .values(toy::value);
        assertTrue(WeakError.independent(em[0][WeakOrderClaim.TestFunction.LOSS.ordinal()], plainEm).covers(0, 5));
    }

    @Test
    void skewedMonteCarloMatchesTheExactThirdCumulant() {
        for (WeakOrderClaim.Skew family : WeakOrderClaim.Skew.values()) {
            WeakOrderClaim.Series s = WeakOrderClaim.skewed(family, 50_000, 5);
            for (int e = 0; e < s.etas().length; e++) {
                assertEquals(WeakOrderClaim.skewExact(family, s.etas()[e]), s.err()[e], 5 * s.se()[e], family + " η = " + s.etas()[e]);
            }
        }
    }

    @Test
    void sameSeedSameBitsForAnyThreadCount() {
        FiniteSumToy toy = FiniteSumToy.logistic();
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            double[][] a = WeakOrderClaim.sgdControlled(toy, WeakOrderClaim.X0_LOGISTIC, 0.25, 200, 9);
            double[][][] ea = WeakOrderClaim.emControlled(toy, WeakOrderClaim.X0_LOGISTIC, 0.25, 100, 9);
            Parallel.setThreads(2);
            double[][] b = WeakOrderClaim.sgdControlled(toy, WeakOrderClaim.X0_LOGISTIC, 0.25, 200, 9);
            double[][][] eb = WeakOrderClaim.emControlled(toy, WeakOrderClaim.X0_LOGISTIC, 0.25, 100, 9);
            for (int c = 0; c < a.length; c++) {
                assertArrayEquals(a[c], b[c], 0.0);
                assertArrayEquals(ea[0][c], eb[0][c], 0.0);
                assertArrayEquals(ea[1][c], eb[1][c], 0.0);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void plantedWrongPredictionsFail() {
        List<WeakOrderClaim.Series> quad = WeakOrderClaim.quadratic(1_024, 31);
        WeakOrderClaim.Logistic lg = WeakOrderClaim.logistic(WeakOrderClaim.X0_LOGISTIC, 512, 256, 32);
        WeakOrderClaim.Series fixed = WeakOrderClaim.skewed(WeakOrderClaim.Skew.FIXED, 131_072, 33);
        WeakOrderClaim.Series scaled = WeakOrderClaim.skewed(WeakOrderClaim.Skew.SCALED, 131_072, 34);
        assertEquals(Verdict.HOLDS, WeakOrderClaim.decide(quad, lg, fixed, scaled, 1.0, 0.5, Z));
        // planted: second-order weak approximation, or no convergence
        assertEquals(Verdict.FAILS, WeakOrderClaim.decide(quad, lg, fixed, scaled, 2.0, 0.5, Z));
        assertEquals(Verdict.FAILS, WeakOrderClaim.decide(quad, lg, fixed, scaled, 0.0, 0.5, Z));
        // planted: skewness does not matter (order 1 even when condition 3 fails)
        assertEquals(Verdict.FAILS, WeakOrderClaim.decide(quad, lg, fixed, scaled, 1.0, 1.0, Z));
        // each curve alone: the quadratic's ‖x‖² and the logistic loss refuse order 2
        assertEquals(Verdict.FAILS, WeakOrderClaim.decideSeries(quad.get(2), 2.0, Z));
        assertEquals(Verdict.FAILS, WeakOrderClaim.decideSeries(lg.series().get(3), 2.0, Z));
    }

    @Test
    void unresolvedErrorsAndACoarseReferenceAreInconclusive() {
        WeakOrderClaim.Series noisy = new WeakOrderClaim.Series("noisy", new double[] {0.1, 0.05, 0.025}, new double[] {0.1, 0.05, 0.025},
                new double[] {0.001, 0.001, 0.02});
        assertEquals(Verdict.INCONCLUSIVE, WeakOrderClaim.decideSeries(noisy, 1.0, Z));
        WeakOrderClaim.Series signs = new WeakOrderClaim.Series("signs", new double[] {0.1, 0.05, 0.025}, new double[] {0.1, -0.05, 0.025},
                new double[] {1e-4, 1e-4, 1e-4});
        assertEquals(Verdict.INCONCLUSIVE, WeakOrderClaim.decideSeries(signs, 1.0, Z));
        List<WeakOrderClaim.Series> series = new ArrayList<>();
        List<WeakOrderClaim.ReferenceCheck> checks = new ArrayList<>();
        for (WeakOrderClaim.TestFunction g : WeakOrderClaim.TestFunction.values()) {
            series.add(new WeakOrderClaim.Series(g.name(), new double[] {0.1}, new double[] {0.01}, new double[] {1e-5}));
            checks.add(new WeakOrderClaim.ReferenceCheck(0.1, g, g == WeakOrderClaim.TestFunction.LOSS ? 0.002 : 0.0001, 1e-6));
        }
        // the loss's reference error 0.002 is 20% of its gap 0.01: the reference cannot vouch for the gap
        assertEquals(Verdict.INCONCLUSIVE, WeakOrderClaim.decideReference(new WeakOrderClaim.Logistic(series, checks), Z));
        checks.set(3, new WeakOrderClaim.ReferenceCheck(0.1, WeakOrderClaim.TestFunction.LOSS, 0.0001, 1e-6));
        assertEquals(Verdict.HOLDS, WeakOrderClaim.decideReference(new WeakOrderClaim.Logistic(series, checks), Z));
    }

    @Test
    void workloadSetupFileHasEveryItemAndTheWorkloadIsTheClaimsMonteCarlo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path f = dir.resolve("setup.txt");
        WeakOrderWorkload.writeSetup(f, 0.0625);
        List<String> lines = java.nio.file.Files.readAllLines(f);
        assertEquals(6 + 16 + 2 * 4, lines.size());
        assertTrue(lines.get(0).startsWith("rows 8 2 "));
        assertEquals(16, lines.stream().filter(l -> l.startsWith("phi ")).count());
        double[][] a = WeakOrderWorkload.run(0.0625, 100, 5);
        double[][] b = WeakOrderClaim.sgdControlled(FiniteSumToy.logistic(), WeakOrderClaim.X0_LOGISTIC, 0.0625, 100, 5);
        for (int c = 0; c < a.length; c++) {
            assertArrayEquals(b[c], a[c], 0.0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeakOrderWorkload.steps(0.3));
        assertTrue(e.getMessage().contains("0.3"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedWithTheValue() {
        FiniteSumToy toy = FiniteSumToy.leastSquares();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SgdMonteCarlo.finals(toy.dataset(), toy.loss(), 1, -0.1, 4, new double[2], 10, 1));
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SgdMonteCarlo.finals(toy.dataset(), toy.loss(), 0, 0.1, 4, new double[2], 10, 1));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SgdMonteCarlo.linearScaling(toy.dataset(), toy.loss(), 1, 0.1, 10, new int[] {3}, new double[2], 10, 1));
        assertTrue(e.getMessage().contains("got 3"), e.getMessage());
    }
}
