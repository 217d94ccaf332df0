package org.sgdlab.theory.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.kernels.FullyConnectedNetwork;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.train.ProgressListener;

/** ntk.lazy-training: the GD run against a hand-written eq. 9.7 step, the quick verdict, planted wrong predictions. */
class LazyTrainingClaimTest {
    private static ClaimResult result;
    private static Dataset data;
    private static double eta;
    private static List<LazyTrainingClaim.Point> points;

    @BeforeAll
    static void runOnce() {
        result = new LazyTrainingClaim().check(ClaimContext.quick(1));
        data = LazyTrainingClaim.data(1);
        eta = LazyTrainingClaim.stepSize(data);
        points = LazyTrainingClaim.runAll(LazyTrainingClaim.setting(Budget.QUICK), data, eta, 1, ProgressListener.NONE);
    }

    @Test
    void oneGdStepMatchesTheClosedFormGradientOfEquation97() {
        // ∂L/∂w_r = (1/√m) a_r Σᵢ (uᵢ − yᵢ) 1(w_rᵀxᵢ > 0) xᵢ, with u the network's outputs
        int m = 16;
        int n = data.n();
        int d = data.d();
        FullyConnectedNetwork net = LazyRun.network(d, m);
        double[] w = ClosedFormClaim.section92Weights(net, new RandomStream(5));
        LazyRun.Record r = LazyRun.run(data, m, eta, 1, new RandomStream(5));
        double[] u = new double[n];
        double[] grad = new double[m * d];
        int a0 = net.layout().block("W2").offset();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += w[k * d + j] * data.x().get(i, j);
                }
                u[i] += w[a0 + k] * Math.max(z, 0) / Math.sqrt(m);
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(u[i], r.u()[0][i], 1e-12);
            for (int k = 0; k < m; k++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += w[k * d + j] * data.x().get(i, j);
                }
                for (int j = 0; j < d && z > 0; j++) {
                    grad[k * d + j] += w[a0 + k] / Math.sqrt(m) * (u[i] - data.y()[i]) * data.x().get(i, j);
                }
            }
        }
        double rel = 0;
        for (int k = 0; k < m; k++) {
            double moved = 0;
            double norm = 0;
            for (int j = 0; j < d; j++) {
                moved += eta * grad[k * d + j] * eta * grad[k * d + j];
                norm += w[k * d + j] * w[k * d + j];
            }
            rel = Math.max(rel, Math.sqrt(moved / norm));
        }
        assertEquals(rel, r.relative()[1], 1e-12 * rel);
        // H(0) of eq. 9.7: xᵢᵀxⱼ (1/m) Σ_r 1(w_rᵀxᵢ > 0) 1(w_rᵀxⱼ > 0), 002 §9.2
        double h01 = 0;
        for (int k = 0; k < m; k++) {
            double z0 = 0;
            double z1 = 0;
            double c = 0;
            for (int j = 0; j < d; j++) {
                z0 += w[k * d + j] * data.x().get(0, j);
                z1 += w[k * d + j] * data.x().get(1, j);
                c += data.x().get(0, j) * data.x().get(1, j);
            }
            h01 += (z0 > 0 && z1 > 0 ? c : 0) / m;
        }
        assertEquals(h01, r.h0()[1], 1e-12);
    }

    @Test
    void theClaimOnItsQuickBudget() {
        assertEquals(Verdict.HOLDS, result.verdict(), result.measurement());
        assertEquals(new LazyTrainingClaim().expectedVerdict(Budget.QUICK), result.verdict());
        var x = result.numbers();
        assertEquals(-0.5, x.get("slope_weight_change"), LazyTrainingClaim.SLOPE_TOLERANCE, x.toString());
        assertTrue(x.get("m1024.max_relative_weight_change_step60") < x.get("m32.max_relative_weight_change_step60") / 4, x.toString());
        assertTrue(x.get("m1024.gap_to_kernel_dynamics_H0_max_t_le60") < x.get("m32.gap_to_kernel_dynamics_H0_max_t_le60") / 3,
                x.toString());
        assertEquals(Verdict.HOLDS, LazyTrainingClaim.decide(points, -0.5, LazyRun.Record::h0, data.y(), eta));
    }

    @Test
    void plantedWrongPredictionsFail() {
        // weights that move like 1/m, or not at all less with width (the rich regime)
        assertEquals(Verdict.FAILS, LazyTrainingClaim.decide(points, -1.0, LazyRun.Record::h0, data.y(), eta));
        assertEquals(Verdict.FAILS, LazyTrainingClaim.decide(points, 0.0, LazyRun.Record::h0, data.y(), eta));
        // kernel dynamics with eq. 9.8 as printed (no factor xᵢᵀxⱼ), or with H(0) 30 % too large: the gap does not vanish
        double[] printed = LazyTrainingClaim.hPrinted(data);
        assertEquals(Verdict.FAILS, LazyTrainingClaim.decide(points, -0.5, r -> printed, data.y(), eta));
        assertEquals(Verdict.FAILS, LazyTrainingClaim.decide(points, -0.5, r -> {
            double[] h = r.h0().clone();
            for (int i = 0; i < h.length; i++) {
                h[i] *= 1.3;
            }
            return h;
        }, data.y(), eta));
    }
}
