package org.sgdlab.theory.minnorm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.ProgressListener;

/** The min-norm verdict logic, with planted wrong predictions, and the oracle against an independent formula. */
class MinNormClaimsTest {
    private static MinNormRun run(double finalDist, double midDist, double drift) {
        return new MinNormRun("r", finalDist, midDist, drift, new Trace("r", List.of()));
    }

    @Test
    void verdictTable() {
        assertEquals(Verdict.HOLDS, MinNormVerdict.decide(List.of(run(1e-12, 1e-6, 1e-15), run(5e-9, 1e-4, 0))));
        assertEquals(Verdict.FAILS, MinNormVerdict.decide(List.of(run(1e-12, 1e-6, 1e-15), run(1e-12, 1e-6, 1e-9))),
                "a null-space drift above 1e-12 refutes the claim");
        assertEquals(Verdict.FAILS, MinNormVerdict.decide(List.of(run(0.3, 0.31, 0))), "stalled far from the oracle");
        assertEquals(Verdict.INCONCLUSIVE, MinNormVerdict.decide(List.of(run(1e-5, 1e-2, 0))), "still converging");
        assertEquals(Verdict.FAILS, MinNormVerdict.decide(List.of(run(Double.NaN, 1, 0))));
    }

    @Test
    void plantedWrongPredictionFails() {
        // GD from a random w0 converges to w0 + X⁺(y − Xw0), not to X⁺y: measuring against X⁺y must FAIL
        MinNormProblem p = new MinNormProblem(20, 80, 3);
        EmpiricalRisk f = EmpiricalRisk.of(p.data(), SquaredLoss.INSTANCE, Reduction.SUM);
        double[] w0 = p.randomInit();
        double[] wrong = p.oracleFrom(new double[80]);
        MinNormRun planted = MinNormRun.runAgainst("planted", p, f, Optimizers.sgd(1 / p.smoothnessOfSum()),
                Samplers.fullBatch(20), w0, wrong, 3000, ProgressListener.NONE);
        assertEquals(Verdict.FAILS, MinNormVerdict.decide(List.of(planted)), "final distance " + planted.finalRelDist());
        MinNormRun right = MinNormRun.run("right", p, f, Optimizers.sgd(1 / p.smoothnessOfSum()), Samplers.fullBatch(20), w0,
                3000, ProgressListener.NONE);
        assertEquals(Verdict.HOLDS, MinNormVerdict.decide(List.of(right)), "final distance " + right.finalRelDist());
    }

    @Test
    void oracleMatchesTheNormalEquationsFormula() {
        // independent of the SVD: X⁺y = Xᵀ(XXᵀ)⁻¹y for full row rank, solved by Gaussian elimination
        MinNormProblem p = new MinNormProblem(15, 60, 4);
        Matrix x = p.data().x();
        int n = x.rows();
        double[][] g = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x.cols(); k++) {
                    s += x.get(i, k) * x.get(j, k);
                }
                g[i][j] = s;
            }
            g[i][n] = p.data().y()[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(g[r][c]) > Math.abs(g[piv][c])) {
                    piv = r;
                }
            }
            double[] t = g[c];
            g[c] = g[piv];
            g[piv] = t;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = g[r][c] / g[c][c];
                    for (int k = c; k <= n; k++) {
                        g[r][k] -= f * g[c][k];
                    }
                }
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = g[i][n] / g[i][i];
        }
        double[] expected = x.transposeTimes(z);
        double[] oracle = p.oracleFrom(new double[60]);
        assertTrue(Angles.relativeDistance(oracle, expected) < 1e-11, "distance " + Angles.relativeDistance(oracle, expected));
    }

    @Test
    void gdTraceIsBitIdenticalAcrossRuns() {
        MinNormProblem a = new MinNormProblem(10, 40, 9);
        MinNormProblem b = new MinNormProblem(10, 40, 9);
        EmpiricalRisk fa = EmpiricalRisk.of(a.data(), SquaredLoss.INSTANCE, Reduction.MEAN);
        EmpiricalRisk fb = EmpiricalRisk.of(b.data(), SquaredLoss.INSTANCE, Reduction.MEAN);
        MinNormRun ra = MinNormRun.run("x", a, fa, Optimizers.sgd(0.5 / a.maxRowNormSquared()),
                Samplers.withReplacement(10, 2, new org.sgdlab.random.RandomStream(5)), a.randomInit(), 2000, ProgressListener.NONE);
        MinNormRun rb = MinNormRun.run("x", b, fb, Optimizers.sgd(0.5 / b.maxRowNormSquared()),
                Samplers.withReplacement(10, 2, new org.sgdlab.random.RandomStream(5)), b.randomInit(), 2000, ProgressListener.NONE);
        assertTrue(ra.trace().sameValues(rb.trace()));
        assertArrayEquals(new double[] {ra.finalRelDist()}, new double[] {rb.finalRelDist()}, 0.0);
    }
}
