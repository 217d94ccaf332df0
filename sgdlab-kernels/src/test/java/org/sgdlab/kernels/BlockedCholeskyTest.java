package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Cholesky;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.parallel.Parallel;

/** The blocked Cholesky against core's row-by-row one (the naive reference), and KernelRidge's use of it. */
class BlockedCholeskyTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** The relu NTK Gram matrix of n Gaussian points in ℝ^d (positive definite for distinct points). */
    static double[] gram(long seed, int n, int d) {
        return GramMatrix.symmetric(AnalyticNtk.relu(2), KernelTestData.gaussian(seed, n, d));
    }

    @Test
    void factorMatchesTheRowByRowCholeskyToRounding() {
        // below one block, one block exactly, just over, several blocks with a partial last one
        for (int n : new int[] {1, 5, BlockedCholesky.INNER, BlockedCholesky.INNER + 1, BlockedCholesky.BLOCK + 1,
            2 * BlockedCholesky.BLOCK + 37}) {
            double[] a = gram(n, n, 20);
            Cholesky naive = new Cholesky(n);
            BlockedCholesky blocked = new BlockedCholesky(n, 0.0);
            assertTrue(naive.decompose(a, 1e-3));
            assertTrue(blocked.decompose(a, 1e-3));
            double[] ln = naive.factor();
            double[] lb = blocked.factor();
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(ln[i * n + i]));
            }
            double worst = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    worst = Math.max(worst, Math.abs(ln[i * n + j] - lb[i * n + j]));
                }
            }
            // both are backward stable; at this conditioning (κ ≲ 1e5) the factors agree to ~√κ·n·ε
            assertTrue(worst <= 1e-11 * scale, "n = " + n + ": max |L − L_blocked| = " + worst + " (scale " + scale + ")");
            if (n <= BlockedCholesky.INNER) {
                // inside one sub-block the algorithm is core's, operation for operation
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j <= i; j++) {
                        assertEquals(ln[i * n + j], lb[i * n + j], 0.0, "n = " + n + " (" + i + ", " + j + ")");
                    }
                }
            }
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = Math.cos(i);
            }
            double[] zn = naive.solve(b, new double[n]);
            double[] zb = blocked.solve(b, new double[n]);
            double zs = 0;
            double dz = 0;
            for (int i = 0; i < n; i++) {
                zs = Math.max(zs, Math.abs(zn[i]));
                dz = Math.max(dz, Math.abs(zn[i] - zb[i]));
            }
            double kappa = naive.conditionEstimate();
            assertTrue(dz <= 100 * n * Math.ulp(1.0) * kappa * zs, "n = " + n + ": solutions differ by " + dz + ", κ̂ " + kappa);
            assertEquals(kappa, blocked.conditionEstimate(), 1e-6 * kappa, "n = " + n + ": the same estimate steps");
        }
    }

    @Test
    void sameBitsForAnyThreadCount() {
        int n = BlockedCholesky.BLOCK + 3 * BlockedCholesky.INNER + 11;
        double[] a = gram(3, n, 15);
        Parallel.setThreads(1);
        BlockedCholesky one = new BlockedCholesky(n, 0.0);
        assertTrue(one.decompose(a, 1e-4));
        Parallel.setThreads(3);
        BlockedCholesky three = new BlockedCholesky(n, 0.0);
        assertTrue(three.decompose(a, 1e-4));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                assertEquals(one.factor()[i * n + j], three.factor()[i * n + j], 0.0, "(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void aFailedPivotIsReportedWhereTheNaiveOneFails() {
        // rank-deficient: 400 points in ℝ³ under the linear kernel, K = XXᵀ has rank 3
        int n = 400;
        Matrix x = KernelTestData.gaussian(4, n, 3);
        double[] a = GramMatrix.symmetric(new LinearKernel(), x);
        Cholesky naive = new Cholesky(n, n * Math.ulp(1.0));
        BlockedCholesky blocked = new BlockedCholesky(n, n * Math.ulp(1.0));
        assertFalse(naive.decompose(a, 0.0));
        assertFalse(blocked.decompose(a, 0.0));
        assertEquals(naive.failedPivotIndex(), blocked.failedPivotIndex());
        assertEquals(3, blocked.failedPivotIndex());
        assertThrows(IllegalStateException.class, () -> blocked.solveInPlace(new double[n]));
        assertEquals(Double.POSITIVE_INFINITY, blocked.conditionEstimate());
    }

    @Test
    void kernelRidgeAtLargeNUsesTheBlockedFactorAndAgreesWithTheNaiveSolve() {
        int n = KernelRidge.BLOCKED_FROM + 100;
        double[] k = gram(5, n, 30);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(0.1 * i);
        }
        KernelRegressionSolution s = KernelRidge.solve(k, n, y, 1e-3);
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        // the naive reference: core's Cholesky, one solve and the same refinement step
        Cholesky c = new Cholesky(n);
        assertTrue(c.decompose(k, 1e-3));
        double[] alpha = c.solve(y, new double[n]);
        double[] r = KernelRidge.residual(k, n, 1e-3, alpha, y);
        c.solveInPlace(r);
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < n; i++) {
            alpha[i] += r[i];
            scale = Math.max(scale, Math.abs(alpha[i]));
            diff = Math.max(diff, Math.abs(alpha[i] - s.alpha()[i]));
        }
        assertTrue(diff <= 1e-10 * scale, "α differs by " + diff + " (scale " + scale + ", κ̂ " + s.conditionEstimate() + ")");
        assertEquals(c.conditionEstimate(), s.conditionEstimate(), 1e-6 * s.conditionEstimate());
    }

    @Test
    void badArgumentsNameTheirValues() {
        assertThrows(IllegalArgumentException.class, () -> new BlockedCholesky(-1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BlockedCholesky(2, -1e-3));
        assertTrue(e.getMessage().contains("-0.001"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlockedCholesky(2, 0).decompose(new double[3], 0));
        assertThrows(IllegalArgumentException.class, () -> new BlockedCholesky(2, 0).decompose(new double[4], Double.NaN));
        BlockedCholesky empty = new BlockedCholesky(0, 0);
        assertTrue(empty.decompose(new double[0], 0));
        assertArrayEquals(new double[0], empty.solve(new double[0], new double[0]));
    }
}
