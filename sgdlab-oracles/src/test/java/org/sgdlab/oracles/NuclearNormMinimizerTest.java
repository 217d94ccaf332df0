package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sgdlab.oracles.NuclearNormTestData.adjoint;
import static org.sgdlab.oracles.NuclearNormTestData.apply;
import static org.sgdlab.oracles.NuclearNormTestData.assertCertified;
import static org.sgdlab.oracles.NuclearNormTestData.relativeError;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

class NuclearNormMinimizerTest {

    private static NuclearNormSolution certifiedCompletion(MatrixCompletionProblem p, NuclearNormOptions o) {
        NuclearNormSolution s = NuclearNormMinimizer.solve(p, o);
        assertCertified(apply(p, s.w()), adjoint(p, s.lambda()), p.values(), s, o.tolerance());
        return s;
    }

    /**
     * Exact recovery (Candès &amp; Recht 2009): Y = GHᵀ with Gaussian factors, each entry seen with the given probability.
     * The instances are seeded; near the recovery threshold not every instance recovers (at 40×40, rank 2, 40 % about
     * half of the seeds do not: the certified minimizer then has a smaller nuclear norm than Y — see
     * {@link #tooFewSamplesGiveACertifiedMinimumThatIsNotTheTruth}); the 40 % case here is one that does.
     */
    @ParameterizedTest(name = "{0}x{1} rank {2}, {3} observed, seed {4}")
    @CsvSource({"40, 40, 2, 0.4, 1", "40, 40, 2, 0.5, 3", "30, 30, 2, 0.5, 2", "60, 60, 3, 0.5, 1", "100, 100, 5, 0.4, 2",
            "30, 50, 2, 0.55, 1"})
    void recoversRandomIncoherentLowRankMatrixExactly(int rows, int cols, int r, double fraction, long seed) {
        RandomStream rs = new RandomStream(seed);
        Matrix y = NuclearNormTestData.lowRank(rows, cols, r, rs);
        MatrixCompletionProblem p = NuclearNormTestData.sample(y, fraction, rs);
        NuclearNormSolution s = certifiedCompletion(p, NuclearNormOptions.defaults());
        assertTrue(relativeError(s.w(), y) <= 1e-6, "recovery error " + relativeError(s.w(), y) + ": " + s.message());
        assertEquals(r, s.rank(), s.message());
        assertTrue(s.polished(), s.message());
        // the truth is feasible, so weak duality bounds its nuclear norm from below by the dual value
        assertTrue(NuclearNormTestData.nuclearNorm(y) >= s.dualValue() * (1 - 1e-12));
    }

    @Test
    void sensingRecoversLowRankMatrixFromGaussianMeasurements() {
        RandomStream rs = new RandomStream(11);
        Matrix y = NuclearNormTestData.lowRank(20, 20, 2, rs);
        MatrixSensingProblem p = NuclearNormTestData.gaussianSensing(y, 230, rs);
        NuclearNormSolution s = NuclearNormMinimizer.solve(p);
        assertCertified(apply(p, s.w()), adjoint(p, s.lambda()), p.values(), s, 1e-8);
        assertTrue(relativeError(s.w(), y) <= 1e-6, "recovery error " + relativeError(s.w(), y));
        assertEquals(2, s.rank());
    }

    @Test
    void tooFewSamplesGiveACertifiedMinimumThatIsNotTheTruth() {
        // 30×30 rank 3 from 30 % of the entries: below the recovery threshold; the minimizer has higher rank and a
        // smaller nuclear norm than Y. Its rank-11 interpolants are not isolated; on a problem this small ADMM alone is
        // the cheaper way to the certificate.
        RandomStream rs = new RandomStream(12);
        Matrix y = NuclearNormTestData.lowRank(30, 30, 3, rs);
        MatrixCompletionProblem p = NuclearNormTestData.sample(y, 0.3, rs);
        NuclearNormSolution s = certifiedCompletion(p, NuclearNormOptions.defaults());
        assertTrue(relativeError(s.w(), y) > 1e-2, "unexpectedly recovered: " + s.message());
        assertTrue(s.nuclearNorm() < NuclearNormTestData.nuclearNorm(y), s.message());
        assertTrue(s.rank() > 3, s.message());
    }

    @Test
    void nonIsolatedInterpolantsAreSettledByTheManifoldSqp() {
        // 60×60 rank 3 from 40 %: the minimizer has rank 4 and ‖W‖_* below ‖Y‖_*. The rank-4 interpolants near it form
        // a manifold, so Gauss–Newton lands on a neighbour and the corrected dual only tracks the ADMM accuracy; the
        // null-space SQP along the manifold converges quadratically and certifies long before ADMM would (~330
        // iterations to 1e-8), here to a gap of 1e-12.
        RandomStream rs = new RandomStream(105);
        Matrix y = NuclearNormTestData.lowRank(60, 60, 3, rs);
        MatrixCompletionProblem p = NuclearNormTestData.sample(y, 0.4, rs);
        NuclearNormSolution s = certifiedCompletion(p, NuclearNormOptions.defaults().withTolerance(1e-12));
        assertTrue(s.nuclearNorm() < NuclearNormTestData.nuclearNorm(y), s.message());
        assertEquals(4, s.rank(), s.message());
        assertTrue(s.polished() && s.iterations() <= 200 && s.message().contains("SQP"), s.message());
    }

    @Test
    void admmAloneAgreesWithThePolishedSolution() {
        // an independent path: the first-order method without the Newton refinement must reach the same minimizer
        RandomStream rs = new RandomStream(2);
        Matrix y = NuclearNormTestData.lowRank(30, 30, 2, rs);
        MatrixCompletionProblem p = NuclearNormTestData.sample(y, 0.5, rs);
        NuclearNormSolution polished = certifiedCompletion(p, NuclearNormOptions.defaults());
        NuclearNormSolution plain = certifiedCompletion(p, NuclearNormOptions.defaults().withPolish(false));
        assertFalse(plain.polished());
        assertTrue(polished.iterations() < plain.iterations(), polished.iterations() + " vs " + plain.iterations());
        assertEquals(polished.nuclearNorm(), plain.nuclearNorm(), 2e-8 * polished.nuclearNorm());
        assertTrue(relativeError(plain.w(), polished.w()) <= 1e-5, "distance " + relativeError(plain.w(), polished.w()));
    }

    @Test
    void handWorkedRankOneCompletion() {
        // [[1, 1], [1, x]]: the nuclear norm is 1 + x for x ≥ 1 and √((1 − x)² + 4) for x < 1, minimal (= 2) at x = 1.
        // Dual: Λ = [[λ00, λ01], [λ10, 0]] with ‖Λ‖ ≤ 1 and λ00 + λ01 + λ10 = 2 forces Λ = [[0, 1], [1, 0]].
        MatrixCompletionProblem p = MatrixCompletionProblem.of(2, 2, new int[] {0, 0, 1}, new int[] {0, 1, 0},
                new double[] {1, 1, 1});
        NuclearNormSolution s = certifiedCompletion(p, NuclearNormOptions.defaults().withTolerance(1e-12));
        assertArrayEquals(new double[] {1, 1, 1, 1}, s.w().data(), 1e-12);
        assertEquals(2.0, s.nuclearNorm(), 1e-12);
        assertArrayEquals(new double[] {0, 1, 1}, s.lambda(), 1e-12);
        assertEquals(1, s.rank());
    }

    @Test
    void handWorkedTraceBoundWithManyMinimizers() {
        // Only the diagonal is observed: ‖W‖_* ≥ tr W = ⟨W, I⟩ = 2 (λ = (1, 1) is dual feasible), with equality exactly for
        // the symmetric PSD completions [[1, a], [a, 1]], |a| ≤ 1. The value is unique, the minimizer is not.
        MatrixCompletionProblem p = MatrixCompletionProblem.of(2, 2, new int[] {0, 1}, new int[] {0, 1}, new double[] {1, 1});
        NuclearNormSolution s = certifiedCompletion(p, NuclearNormOptions.defaults());
        assertEquals(2.0, s.nuclearNorm(), 2e-8);
        double[] w = s.w().data();
        assertEquals(w[1], w[2], 1e-7);
        assertTrue(Math.abs(w[1]) <= 1 + 1e-7);
    }

    @Test
    void handWorkedSensingOfARowVector() {
        // W = (w₁, w₂) with w₁ + w₂ = 2: the nuclear norm of a 1×2 matrix is its Euclidean norm, minimal at (1, 1),
        // value √2; the dual λ = 1/√2 has ‖λ·(1, 1)‖_op = 1 and ⟨b, λ⟩ = √2.
        MatrixSensingProblem p = MatrixSensingProblem.of(1, 2, Matrix.of(new double[][] {{1, 1}}), new double[] {2});
        NuclearNormSolution s = NuclearNormMinimizer.solve(p, NuclearNormOptions.defaults().withTolerance(1e-12));
        assertCertified(apply(p, s.w()), adjoint(p, s.lambda()), p.values(), s, 1e-12);
        assertArrayEquals(new double[] {1, 1}, s.w().data(), 1e-12);
        assertEquals(Math.sqrt(2), s.nuclearNorm(), 1e-12);
        assertEquals(1 / Math.sqrt(2), s.lambda()[0], 1e-12);
    }

    @Test
    void sameInputSameBitsAndScaleEquivariance() {
        RandomStream rs = new RandomStream(14);
        Matrix y = NuclearNormTestData.lowRank(25, 20, 2, rs);
        MatrixCompletionProblem p = NuclearNormTestData.sample(y, 0.7, rs);
        NuclearNormSolution a = NuclearNormMinimizer.solve(p);
        NuclearNormSolution b = NuclearNormMinimizer.solve(p);
        assertArrayEquals(a.w().data(), b.w().data());
        assertArrayEquals(a.lambda(), b.lambda());
        assertEquals(a.message(), b.message());
        // min ‖W‖_* is positively homogeneous in the data: 1024·b (a power of two, so the scaling itself is exact) must
        // give 1024·W
        double[] v = p.values();
        int[] i = new int[p.size()];
        int[] j = new int[p.size()];
        for (int k = 0; k < p.size(); k++) {
            i[k] = p.row(k);
            j[k] = p.col(k);
            v[k] *= 1024;
        }
        NuclearNormSolution big = NuclearNormMinimizer.solve(MatrixCompletionProblem.of(25, 20, i, j, v));
        assertEquals(OracleStatus.OPTIMAL, big.status(), big.message());
        double[] scaled = a.w().data().clone();
        for (int t = 0; t < scaled.length; t++) {
            scaled[t] *= 1024;
        }
        assertTrue(relativeError(big.w(), new Matrix(25, 20, scaled)) <= 1e-12, big.message());
        // (the dual is not unique here — m exceeds the dimension of the tangent space — so λ is not compared)
    }

    @Test
    void zeroDataGiveTheZeroMatrix() {
        MatrixCompletionProblem p = MatrixCompletionProblem.of(3, 4, new int[] {0, 2}, new int[] {1, 3}, new double[] {0, 0});
        NuclearNormSolution s = NuclearNormMinimizer.solve(p);
        assertEquals(OracleStatus.OPTIMAL, s.status());
        assertArrayEquals(new double[12], s.w().data(), 0);
        assertEquals(0, s.rank());
    }

    @Test
    void inconsistentSensingIsInfeasibleWithAFredholmCertificate() {
        // the same measurement twice with different values
        Matrix a = Matrix.of(new double[][] {{1, 2, 3, 4}, {1, 2, 3, 4}, {0, 1, 0, 1}});
        MatrixSensingProblem p = MatrixSensingProblem.of(2, 2, a, new double[] {1, 2, 0.5});
        NuclearNormSolution s = NuclearNormMinimizer.solve(p);
        assertEquals(OracleStatus.INFEASIBLE, s.status(), s.message());
        assertNull(s.w());
        double[] r = s.lambda();
        assertTrue(NuclearNormTestData.norm(adjoint(p, r)) <= 1e-12, "A*(r) = 0");
        assertTrue(r[0] + 2 * r[1] + 0.5 * r[2] > 0.1, "<b, r> > 0");
        // consistent duplicates are fine
        NuclearNormSolution ok = NuclearNormMinimizer.solve(MatrixSensingProblem.of(2, 2, a, new double[] {1, 1, 0.5}));
        assertCertified(apply(p, ok.w()), adjoint(p, ok.lambda()), new double[] {1, 1, 0.5}, ok, 1e-8);
    }

    @Test
    void budgetExhaustionIsReportedNotHidden() {
        RandomStream rs = new RandomStream(15);
        Matrix y = NuclearNormTestData.lowRank(30, 30, 2, rs);
        MatrixCompletionProblem p = NuclearNormTestData.sample(y, 0.5, rs);
        NuclearNormSolution s = NuclearNormMinimizer.solve(p, NuclearNormOptions.defaults().withMaxIterations(3));
        assertEquals(OracleStatus.MAX_ITERATIONS, s.status());
        assertTrue(s.residual() > 1e-8);
        assertTrue(s.message().contains("not certified"), s.message());
        assertEquals(3, s.iterations());
    }

    /** The polish diagnostics are System.Logger DEBUG records (java.util.logging FINE), none at the default INFO. */
    @Test
    void diagnosticsAreDebugLogRecords() {
        Logger jul = Logger.getLogger(NuclearNormMinimizer.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (isLoggable(r)) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = jul.getLevel();
        boolean parents = jul.getUseParentHandlers();
        jul.addHandler(capture);
        jul.setUseParentHandlers(false);
        try {
            MatrixCompletionProblem p = MatrixCompletionProblem.of(2, 2, new int[] {0, 0, 1}, new int[] {0, 1, 0},
                    new double[] {1, 1, 1});
            jul.setLevel(Level.INFO);
            NuclearNormMinimizer.solve(p);
            assertTrue(records.isEmpty(), "nothing at INFO");
            jul.setLevel(Level.FINE);
            NuclearNormMinimizer.solve(p);
            assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.FINE
                    && r.getMessage().startsWith("polish rank 1: Gauss-Newton")), records.toString());
        } finally {
            jul.removeHandler(capture);
            jul.setUseParentHandlers(parents);
            jul.setLevel(before);
        }
    }

    @Test
    void invalidOptionsAreRejectedWithTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NuclearNormOptions.defaults().withTolerance(0))
                .getMessage().contains("got 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NuclearNormOptions.defaults().withMaxIterations(-1))
                .getMessage().contains("got -1"));
    }
}
