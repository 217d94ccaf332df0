package org.sgdlab.theory.maxmargin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.MarginLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.objective.Smoothness;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.LogDomainGradient;
import org.sgdlab.train.Trainer;

/** The log-domain gradients, the dual-accelerated transform against an explicit dual reference, and the oracle's angle bound. */
class LogDomainGradientTest {
    /** Three samples in R^4 with linearly independent zᵢ = yᵢxᵢ, so any common shift of the margins is reachable. */
    static final Dataset SMALL = new Dataset("small", new Matrix(3, 4, new double[] {
            1.0, 0.2, -0.3, 0.5,
            -0.4, -1.1, 0.1, 0.2,
            0.3, -0.2, 0.9, -0.7}), new double[] {1, -1, 1});

    static double[] z(Dataset data, int i) {
        double[] zi = new double[data.d()];
        for (int j = 0; j < zi.length; j++) {
            zi[j] = data.y()[i] * data.x().get(i, j);
        }
        return zi;
    }

    /** w with margins yᵢ⟨w, xᵢ⟩ = target[i] (Z is 3×4 with full row rank: w = Zᵀ(ZZᵀ)⁻¹ target). */
    static double[] withMargins(Dataset data, double[] target) {
        int n = data.n();
        double[][] gram = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                gram[i][k] = Kernels.dot(z(data, i), z(data, k));
            }
            gram[i][n] = target[i];
        }
        for (int c = 0; c < n; c++) { // Gauss-Jordan, the Gram matrix is positive definite
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = gram[r][c] / gram[c][c];
                    for (int k = c; k <= n; k++) {
                        gram[r][k] -= f * gram[c][k];
                    }
                }
            }
        }
        double[] w = new double[data.d()];
        for (int i = 0; i < n; i++) {
            Kernels.axpy(gram[i][n] / gram[i][i], z(data, i), w);
        }
        return w;
    }

    static double[] naiveUnitGradient(EmpiricalRisk f, double[] w) {
        double[] g = new double[w.length];
        f.gradient(w, g);
        double nrm = Kernels.norm2(g);
        for (int i = 0; i < g.length; i++) {
            g[i] /= nrm;
        }
        return g;
    }

    @Test
    void unitGradientMatchesTheNaiveOneWhereNothingUnderflows() {
        for (MarginLoss loss : List.of(ExponentialLoss.INSTANCE, LogisticLoss.INSTANCE)) {
            EmpiricalRisk f = EmpiricalRisk.of(SMALL, loss, Reduction.MEAN);
            double[] w = withMargins(SMALL, new double[] {-0.5, 0.3, 2.0});
            double[] got = new double[4];
            new LogDomainGradient(f, LogDomainGradient.Mode.UNIT_GRADIENT).gradientOnly(w, got);
            double[] want = naiveUnitGradient(f, w);
            for (int j = 0; j < 4; j++) {
                assertEquals(want[j], got[j], 1e-14, loss.name());
            }
        }
    }

    @Test
    void gradientOverLossIsTheGradientOfLogLossByFiniteDifferences() {
        for (MarginLoss loss : List.of(ExponentialLoss.INSTANCE, LogisticLoss.INSTANCE)) {
            EmpiricalRisk f = EmpiricalRisk.of(SMALL, loss, Reduction.MEAN);
            LogDomainGradient g = new LogDomainGradient(f, LogDomainGradient.Mode.GRADIENT_OVER_LOSS);
            // moderate margins, and margins ~800–1000 where L itself underflows to 0 but log L is exact
            for (double[] m : List.of(new double[] {-0.5, 0.3, 2.0}, new double[] {800, 800.5, 1000})) {
                double[] w = withMargins(SMALL, m);
                double[] got = new double[4];
                g.gradientOnly(w, got);
                for (int j = 0; j < 4; j++) {
                    double h = 1e-5;
                    double[] wp = w.clone();
                    double[] wm = w.clone();
                    wp[j] += h;
                    wm[j] -= h;
                    double fd = (f.logValue(wp) - f.logValue(wm)) / (2 * h);
                    assertEquals(fd, got[j], 1e-6 * Math.max(1, Math.abs(fd)), loss.name() + " margins " + m[0] + " coord " + j);
                }
            }
        }
    }

    /**
     * At margins (800, 800.5, 1000) every e^{−m} underflows: the naive gradient is exactly 0. The normalized sample
     * weights depend only on margin differences (exactly for the exponential loss, to e^{−40} for the logistic one at
     * margins ≥ 40), so the exact direction is the naive one at margins shifted down to (Δ, Δ + 0.5, Δ + 200).
     */
    @Test
    void directionIsExactWhereNaiveExpUnderflows() {
        double[] far = {800, 800.5, 1000};
        for (MarginLoss loss : List.of(ExponentialLoss.INSTANCE, LogisticLoss.INSTANCE)) {
            EmpiricalRisk f = EmpiricalRisk.of(SMALL, loss, Reduction.MEAN);
            double[] w = withMargins(SMALL, far);
            double[] naive = new double[4];
            f.gradient(w, naive);
            assertEquals(0.0, Kernels.norm2(naive), 0.0, loss.name() + ": the naive gradient underflows to exactly 0");
            double shift = loss == ExponentialLoss.INSTANCE ? 800 : 760;
            double[] near = withMargins(SMALL, new double[] {far[0] - shift, far[1] - shift, far[2] - shift});
            double[] want = naiveUnitGradient(f, near);
            double[] unit = new double[4];
            new LogDomainGradient(f, LogDomainGradient.Mode.UNIT_GRADIENT).gradientOnly(w, unit);
            double[] overLoss = new double[4];
            new LogDomainGradient(f, LogDomainGradient.Mode.GRADIENT_OVER_LOSS).gradientOnly(w, overLoss);
            double[] wantOverLoss = new double[4];
            new LogDomainGradient(f, LogDomainGradient.Mode.GRADIENT_OVER_LOSS).gradientOnly(near, wantOverLoss);
            for (int j = 0; j < 4; j++) {
                assertEquals(want[j], unit[j], 1e-12, loss.name() + " unit direction, coord " + j);
                assertEquals(wantOverLoss[j], overLoss[j], 1e-12, loss.name() + " ∇ log L, coord " + j);
            }
            assertTrue(Angles.between(unit, want) <= 1e-12);
        }
    }

    @Test
    void dualAcceleratedMatchesTheExplicitDualIterationAndItsRate() {
        MaxMarginProblem p = MaxMarginChecks.problem(ClaimContext.quick(1));
        Dataset data = p.data();
        int n = data.n();
        int d = data.d();
        double lip = Smoothness.maxRowNormSquared(data, false);
        EmpiricalRisk exp = EmpiricalRisk.of(data, ExponentialLoss.INSTANCE, Reduction.MEAN);
        int steps = 300;
        // reference: accelerated entropic mirror descent on min_{q∈Δ} ½‖Zᵀq‖², with the primal sum w = Σ Zᵀx_k/(Lθ_k)
        double[] v = new double[n];
        double[] y = new double[n];
        java.util.Arrays.fill(v, 1.0 / n);
        java.util.Arrays.fill(y, 1.0 / n);
        double[] wRef = new double[d];
        double fStar = 0.5 * p.svm().margin() * p.svm().margin();
        for (int k = 0; k < steps; k++) {
            double theta = 2.0 / (k + 2);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = (1 - theta) * y[i] + theta * v[i];
            }
            double[] zx = ztq(data, x);
            Kernels.axpy(1 / (lip * theta), zx, wRef);
            double[] grad = data.x().times(zx); // ∇f(x) = Z Zᵀx, componentwise yᵢ⟨xᵢ, Zᵀx⟩
            double max = Double.NEGATIVE_INFINITY;
            double[] logv = new double[n];
            for (int i = 0; i < n; i++) {
                logv[i] = Math.log(v[i]) - data.y()[i] * grad[i] / (lip * theta);
                max = Math.max(max, logv[i]);
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                v[i] = Math.exp(logv[i] - max);
                s += v[i];
            }
            for (int i = 0; i < n; i++) {
                v[i] /= s;
                y[i] = (1 - theta) * y[i] + theta * v[i];
            }
            double[] zy = ztq(data, y);
            double gap = 0.5 * Kernels.dot(zy, zy) - fStar;
            assertTrue(gap >= -1e-12, "f(y_k) ≥ f*");
            assertTrue(gap <= 4 * lip * Math.log(n) / ((k + 2.0) * (k + 2.0)), "k = " + (k + 1) + ": gap " + gap);
        }
        double[] w = Trainer.builder(new LogDomainGradient(exp, LogDomainGradient.Mode.GRADIENT_OVER_LOSS),
                new DualAcceleratedMargin(lip)).probeSchedule(ProbeSchedule.linear(0, 1)).build().run(new double[d], steps).params();
        for (int j = 0; j < d; j++) {
            assertEquals(wRef[j], w[j], 1e-10 * Kernels.norm2(wRef), "coordinate " + j);
        }
        // and the primal iterate's exponential-loss weights are the dual variable v
        double[] q = new double[n];
        exp.normalizedSampleWeights(w, q);
        for (int i = 0; i < n; i++) {
            assertEquals(v[i], q[i], 1e-9);
        }
    }

    static double[] ztq(Dataset data, double[] q) {
        double[] out = new double[data.d()];
        for (int i = 0; i < data.n(); i++) {
            Kernels.axpy(q[i] * data.y()[i], data.x().data(), i * data.d(), out, 0, data.d());
        }
        return out;
    }

    @Test
    void dualAcceleratedRejectsBadSmoothness() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new DualAcceleratedMargin(bad));
        }
    }

    @Test
    void oracleAngleBoundIsTinyForTheOracleAndValidForAPerturbedCandidate() {
        MaxMarginProblem p = MaxMarginChecks.problem(ClaimContext.quick(1));
        double bound = p.oracleAngleBound();
        assertTrue(bound <= 1e-7, "oracle bound " + bound);
        // a candidate 1e-4 rad off (same multipliers) must get a bound of at least its true angle to the oracle minus the
        // oracle's own uncertainty
        double[] off = RobustnessClaimsTest.rotated(p.wHat(), 1e-4);
        double offBound = MaxMarginProblem.angleBound(p.data(), off, p.svm().alpha());
        assertTrue(offBound >= 1e-4 - bound, "perturbed bound " + offBound);
        // multipliers that do not reproduce w (one support vector's dropped) certify nothing close either
        double[] alpha = p.svm().alpha().clone();
        alpha[p.svm().supportVectors()[0]] = 0;
        assertTrue(MaxMarginProblem.angleBound(p.data(), p.wHat(), alpha) > 1e-4);
    }
}
