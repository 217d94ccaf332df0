package org.sgdlab.theory.maxmargin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.oracles.HardMarginSvm;
import org.sgdlab.oracles.SvmSolution;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.train.ProgressListener;

/** max-margin.homogeneous-kkt: its derivatives against differences, its KKT residual against the SVM oracle, its rule. */
class HomogeneousKktClaimTest {
    /** The quick budget's run (20 000 Euler steps, depth 2), shared by the rule tests. */
    private static HomogeneousKktClaim.Run quickRun;

    @BeforeAll
    static void runOnce() {
        quickRun = HomogeneousKktClaim.run("depth2", HomogeneousKktClaim.network(2), HomogeneousKktClaim.data(1), HomogeneousKktClaim.H,
                20_000, new RandomStream(1).split(301), ProgressListener.NONE);
    }

    private static double logLoss(HomogeneousKktClaim.Model m, double[] theta) {
        double[] q = new double[m.data.n()];
        m.margins(theta, q);
        return HomogeneousKktClaim.Model.logLossSum(q);
    }

    @Test
    void gradientOfLogLossMatchesCentralDifferences() {
        for (int depth : new int[] {1, 2, 3}) {
            Mlp net = HomogeneousKktClaim.network(depth);
            HomogeneousKktClaim.Model m = new HomogeneousKktClaim.Model(net, HomogeneousKktClaim.data(3));
            double[] theta = net.initialize(new RandomStream(5));
            for (int i = 0; i < theta.length; i++) {
                theta[i] *= 3; // margins of several units: a loss far from log 2
            }
            int n = m.data.n();
            double[] g = new double[m.p];
            m.gradientOfLogLoss(theta, new double[n], new double[n], g);
            double h = 1e-6;
            for (int k = 0; k < m.p; k++) {
                double[] a = theta.clone();
                double[] b = theta.clone();
                a[k] += h;
                b[k] -= h;
                double fd = (logLoss(m, a) - logLoss(m, b)) / (2 * h);
                assertEquals(fd, g[k], 1e-6 * (1 + Math.abs(fd)), "depth " + depth + ", coordinate " + k);
            }
        }
    }

    @Test
    void smoothedMarginIsTheInverseLossOverTheNormPower() {
        // ℓ⁻¹(L) = −log(e^L − 1): check against the direct formula and the small-L branch against −log L
        for (double l : new double[] {0.5, 0.1, 1e-3, 2e-5}) {
            assertEquals(-Math.log(Math.expm1(l)) / 4, HomogeneousKktClaim.smoothedMargin(Math.log(l), 4), 1e-14);
        }
        assertEquals(800.0 / 9, HomogeneousKktClaim.smoothedMargin(-800, 9), 1e-12, "underflowing loss");
        assertTrue(Double.isNaN(HomogeneousKktClaim.smoothedMargin(Math.log(0.7), 1)), "above log 2 there is no γ̃");
        // ℓ(γ̃ρ^L) = L: the definition
        double l = 0.01;
        double g = HomogeneousKktClaim.smoothedMargin(Math.log(l), 2.5);
        assertEquals(l, LogisticLoss.INSTANCE.value(g * 2.5), 1e-15);
    }

    @Test
    void flowDerivativeMatchesTheChangeOfTheSmoothedMarginAlongTheFlow() {
        // S_k·L/ρ^k is d/ds of G(L)/ρ^k along −∇L; compare with a central difference along −∇L at a point past the threshold
        HomogeneousKktClaim.Model m = new HomogeneousKktClaim.Model(HomogeneousKktClaim.network(2), HomogeneousKktClaim.data(1));
        double[] theta = m.net.initialize(new RandomStream(1).split(301));
        int n = m.data.n();
        double[] q = new double[n];
        double[] u = new double[n];
        double[] g = new double[m.p];
        // follow the flow to well past the threshold
        for (int t = 0; t < 3000; t++) {
            m.gradientOfLogLoss(theta, q, u, g);
            double rho2 = 0;
            for (double v : theta) {
                rho2 += v * v;
            }
            for (int i = 0; i < m.p; i++) {
                theta[i] -= HomogeneousKktClaim.H / rho2 * g[i];
            }
        }
        double logL = m.gradientOfLogLoss(theta, q, u, g);
        double l = Math.exp(logL);
        double rho2 = 0;
        double gg = 0;
        double tg = 0;
        for (int i = 0; i < m.p; i++) {
            rho2 += theta[i] * theta[i];
            gg += g[i] * g[i];
            tg += theta[i] * g[i];
        }
        double gnorm = Math.sqrt(gg);
        double h = 1e-6 * Math.sqrt(rho2); // small enough that no ReLU kink lies inside the stencil here
        for (double k : new double[] {2, 3}) {
            double gl = HomogeneousKktClaim.smoothedMargin(logL, 1);
            double s = l / -Math.expm1(-l) * gg + k * gl * tg / rho2;
            // d/dx of G/ρ^k at θ − x·g/‖g‖: ⟨∇(G/ρ^k), −g⟩/‖g‖ = S_k/(ρ^k‖g‖) (⟨∇G, −g⟩ = −G'·L‖g‖² = c(L)‖g‖²)
            double predicted = s / (Math.pow(rho2, k / 2) * gnorm);
            double fd = (-gk(m, along(theta, g, 2 * h / gnorm), k) + 8 * gk(m, along(theta, g, h / gnorm), k)
                    - 8 * gk(m, along(theta, g, -h / gnorm), k) + gk(m, along(theta, g, -2 * h / gnorm), k)) / (12 * h);
            assertEquals(fd, predicted, 1e-6 * Math.abs(predicted), "k = " + k);
        }
        // and the signs: the theorem's exponent L = 2 gives a positive rate, L + 1 a negative one (the planted prediction)
        assertTrue(l / -Math.expm1(-l) * gg + 2 * HomogeneousKktClaim.smoothedMargin(logL, 1) * tg / rho2 > 0);
        assertTrue(l / -Math.expm1(-l) * gg + 3 * HomogeneousKktClaim.smoothedMargin(logL, 1) * tg / rho2 < 0);
    }

    /** θ − x·g. */
    private static double[] along(double[] theta, double[] g, double x) {
        double[] a = theta.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] -= x * g[i];
        }
        return a;
    }

    private static double gk(HomogeneousKktClaim.Model m, double[] theta, double k) {
        double rho2 = 0;
        for (double v : theta) {
            rho2 += v * v;
        }
        return HomogeneousKktClaim.smoothedMargin(logLoss(m, theta), Math.pow(rho2, k / 2));
    }

    @Test
    void kktResidualVanishesAtTheSvmOfALinearModel() {
        // depth 1 (a bias-free linear model): the KKT points of min ½‖w‖² s.t. yᵢ⟨w, xᵢ⟩ ≥ 1 are the hard-margin SVM
        Dataset data = HomogeneousKktClaim.data(2);
        SvmSolution svm = HardMarginSvm.solve(data.x(), data.y(), false);
        HomogeneousKktClaim.Model m = new HomogeneousKktClaim.Model(HomogeneousKktClaim.network(1), data);
        double[] w = svm.w();
        double[] q = new double[data.n()];
        m.margins(w, q);
        HomogeneousKktClaim.Probe at = HomogeneousKktClaim.kkt(m, w, q, 0, 0, 0, 0, 0, 0);
        assertTrue(at.kktResidual() < 1e-10, "KKT residual " + at.kktResidual());
        assertTrue(at.stationarity() < 1e-10, "stationarity " + at.stationarity());
        assertTrue(Math.abs(at.slackness()) < 1e-10, "slackness " + at.slackness());
        // the stationarity-only NNLS also reaches 0 here, but may load points off the margin (its δ is not asked)
        assertTrue(at.stationarityOnly() < 1e-10, "stationarity only " + at.stationarityOnly());
        // a point off the SVM direction is not a KKT point
        double[] off = w.clone();
        off[0] += 0.3 * Math.sqrt(w[0] * w[0] + w[1] * w[1]);
        m.margins(off, q);
        HomogeneousKktClaim.Probe away = HomogeneousKktClaim.kkt(m, off, q, 0, 0, 0, 0, 0, 0);
        assertTrue(away.kktResidual() > 1e-3, "KKT residual " + away.kktResidual());
    }

    @Test
    void theTheoryHoldsOnTheQuickRunAndPlantedPredictionsFail() {
        assertTrue(quickRun.thresholdStep() > 0, "threshold " + quickRun.thresholdStep());
        assertEquals(Verdict.HOLDS, HomogeneousKktClaim.decide(List.of(quickRun), HomogeneousKktClaim.THEORY));
        assertTrue(quickRun.derivative().worstOverBound(2) < 0, "the flow's rate of γ̃ stays positive");
        // a wrong homogeneity degree in the smoothed margin (ρ^{L+1}): it decreases along the flow
        assertEquals(Verdict.FAILS, HomogeneousKktClaim.decide(List.of(quickRun),
                new HomogeneousKktClaim.Prediction(HomogeneousKktClaim.Monotone.FLOW_SMOOTHED, 1, true)));
        // monotone from one Euler step to the next: not the theorem's statement, and refuted by the discretization
        assertTrue(quickRun.smoothedOverBound() > 1, "Euler steps decrease γ̃ beyond rounding: " + quickRun.smoothedOverBound());
        assertEquals(Verdict.FAILS, HomogeneousKktClaim.decide(List.of(quickRun),
                new HomogeneousKktClaim.Prediction(HomogeneousKktClaim.Monotone.STEPS_SMOOTHED, 0, true)));
        // a KKT residual that grows
        assertEquals(Verdict.FAILS, HomogeneousKktClaim.decide(List.of(quickRun),
                new HomogeneousKktClaim.Prediction(HomogeneousKktClaim.Monotone.FLOW_SMOOTHED, 0, false)));
    }

    @Test
    void theClaimOnItsQuickBudget() {
        ClaimResult r = new HomogeneousKktClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertTrue(r.numbers().get("depth2.kkt_residual_slope_vs_step") < 0, r.numbers().toString());
        assertEquals(0.0, r.numbers().get("depth2.nnls_not_certified_probes"));
        // the loss underflows in double, the log-domain step does not care
        assertTrue(r.numbers().get("depth2.log_mean_loss_at_step20000") < -40, r.numbers().toString());
    }
}
