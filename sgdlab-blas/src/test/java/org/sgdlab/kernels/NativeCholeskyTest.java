package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.CholeskyBackend;
import org.sgdlab.linalg.Cholesky;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.random.RandomStream;

/**
 * sgdlab-kernels' {@link NativeCholesky} over sgdlab-blas's OpenBLAS dpotrf, chosen by {@code -Dsgdlab.blas=openblas}
 * (set for this module's tests in its POM): the factor against core's row-by-row Cholesky (the naive reference) and
 * {@link BlockedCholesky} to rounding, the same refusals, and the backend named in KernelRidge's result. In package
 * org.sgdlab.kernels (in this module's tests, where the natives are) to reach the package-private factorizations.
 */
class NativeCholeskyTest {
    /** n × d standard normal entries, seeded. */
    private static Matrix gaussian(long seed, int n, int d) {
        RandomStream r = new RandomStream(seed);
        double[] a = new double[n * d];
        for (int k = 0; k < a.length; k++) {
            a[k] = r.nextGaussian();
        }
        return new Matrix(n, d, a);
    }

    /** The relu NTK Gram matrix of n Gaussian points in ℝ^d (positive definite for distinct points). */
    private static double[] gram(long seed, int n, int d) {
        return GramMatrix.symmetric(AnalyticNtk.relu(2), gaussian(seed, n, d));
    }

    private static NativeCholesky nativeFactor(int n, double tolerance) {
        CholeskyBackend backend = NativeCholesky.selected();
        assertNotNull(backend, "no native Cholesky backend selected" + NativeCholesky.whyNot());
        return new NativeCholesky(backend, n, tolerance);
    }

    @Test
    void theFlagSelectsOpenBlasAndKernelRidgeNamesIt() {
        assertEquals("openblas", NativeCholesky.selected().name());
        assertEquals("", NativeCholesky.whyNot());
        assertTrue(NativeCholesky.selected().describe().startsWith("OpenBLAS native LAPACK dpotrf"),
                NativeCholesky.selected().describe());
        int n = KernelRidge.BLOCKED_FROM + 3;
        assertTrue(NativeCholesky.forLarge(n, 0.0) instanceof NativeCholesky);
        double[] k = gram(7, n, 10);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.cos(0.3 * i);
        }
        KernelRegressionSolution s = KernelRidge.solve(k, n, y, 1e-3);
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        assertTrue(s.relativeResidual() <= KernelRidge.TOLERANCE, s.message());
        assertTrue(s.message().contains("(factor: OpenBLAS native LAPACK dpotrf"), s.message());
        // below BLOCKED_FROM, core's Cholesky as before
        KernelRegressionSolution small = KernelRidge.solve(gram(8, 20, 3), 20, new double[20], 0.1);
        assertTrue(small.message().contains("(factor: sgdlab Cholesky, row by row)"), small.message());
    }

    @Test
    void factorMatchesTheRowByRowAndTheBlockedCholeskyToRounding() {
        // below one block, a sub-block exactly, just over, one block plus one, several blocks with a partial last one
        for (int n : new int[] {1, 5, BlockedCholesky.INNER, BlockedCholesky.INNER + 1, BlockedCholesky.BLOCK + 1,
            2 * BlockedCholesky.BLOCK + 37}) {
            double[] a = gram(n, n, 20);
            Cholesky naive = new Cholesky(n);
            BlockedCholesky blocked = new BlockedCholesky(n, 0.0);
            NativeCholesky nat = nativeFactor(n, 0.0);
            assertTrue(naive.decompose(a, 1e-3));
            assertTrue(blocked.decompose(a, 1e-3));
            assertTrue(nat.decompose(a, 1e-3));
            double[] ln = naive.factor();
            double[] lb = blocked.factor();
            double[] lx = new double[n * n];
            nat.lowerInto(lx);
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(ln[i * n + i]));
            }
            double worstNaive = 0;
            double worstBlocked = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    worstNaive = Math.max(worstNaive, Math.abs(ln[i * n + j] - lx[i * n + j]));
                    worstBlocked = Math.max(worstBlocked, Math.abs(lb[i * n + j] - lx[i * n + j]));
                }
            }
            // all three are backward stable; at this conditioning (κ ≲ 1e5) the factors agree to ~√κ·n·ε (the bound
            // of BlockedCholeskyTest)
            assertTrue(worstNaive <= 1e-11 * scale, "n = " + n + ": max |L − L_native| = " + worstNaive + " (scale " + scale + ")");
            assertTrue(worstBlocked <= 1e-11 * scale, "n = " + n + ": max |L_blocked − L_native| = " + worstBlocked);
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = Math.cos(i);
            }
            double[] zn = naive.solve(b, new double[n]);
            double[] zx = nat.solve(b, new double[n]);
            double zs = 0;
            double dz = 0;
            for (int i = 0; i < n; i++) {
                zs = Math.max(zs, Math.abs(zn[i]));
                dz = Math.max(dz, Math.abs(zn[i] - zx[i]));
            }
            double kappa = naive.conditionEstimate();
            assertTrue(dz <= 100 * n * Math.ulp(1.0) * kappa * zs, "n = " + n + ": solutions differ by " + dz + ", κ̂ " + kappa);
            assertEquals(kappa, nat.conditionEstimate(), 1e-6 * kappa, "n = " + n + ": the same estimate steps");
            assertEquals(kappa, blocked.conditionEstimate(), 1e-6 * kappa, "n = " + n);
        }
    }

    @Test
    void kernelRidgeWithTheNativeFactorAgreesWithTheNaiveSolve() {
        int n = KernelRidge.BLOCKED_FROM + 100;
        double[] k = gram(5, n, 30);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(0.1 * i);
        }
        KernelRegressionSolution s = KernelRidge.solve(k, n, y, 1e-3);
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
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
    void aRankDeficientGramMatrixIsRefusedAtTheSamePivot() {
        // 600 points in ℝ³ under the linear kernel: K = XXᵀ has rank 3; n ≥ BLOCKED_FROM, so KernelRidge uses dpotrf
        int n = KernelRidge.BLOCKED_FROM + 88;
        double[] a = GramMatrix.symmetric(new LinearKernel(), gaussian(4, n, 3));
        double tol = n * Math.ulp(1.0);
        Cholesky naive = new Cholesky(n, tol);
        BlockedCholesky blocked = new BlockedCholesky(n, tol);
        NativeCholesky nat = nativeFactor(n, tol);
        assertFalse(naive.decompose(a, 0.0));
        assertFalse(blocked.decompose(a, 0.0));
        assertFalse(nat.decompose(a, 0.0));
        assertEquals(3, naive.failedPivotIndex());
        assertEquals(3, blocked.failedPivotIndex());
        assertEquals(3, nat.failedPivotIndex());
        double dmax = 0;
        for (int i = 0; i < n; i++) {
            dmax = Math.max(dmax, a[i * n + i]);
        }
        assertTrue(nat.failedPivotValue() <= tol * dmax, "pivot " + nat.failedPivotValue());
        assertThrows(IllegalStateException.class, () -> nat.solveInPlace(new double[n]));
        assertEquals(Double.POSITIVE_INFINITY, nat.conditionEstimate());

        KernelRegressionSolution s = KernelRidge.solve(a, n, new double[n], 0);
        assertEquals(OracleStatus.INACCURATE, s.status());
        assertNull(s.alpha());
        assertTrue(s.message().startsWith("the Gram matrix K is numerically singular: Cholesky pivot 3 was "), s.message());
        assertTrue(s.message().contains("use a ridge lambda > 0 (factor: OpenBLAS native LAPACK dpotrf"), s.message());
    }

    @Test
    void aNegativePivotStopsDpotrfAndIsReportedWithItsValue() {
        // [[1, 2], [2, 1]]: the second pivot is 1 − 2² = −3 exactly, where dpotrf stops (info = 2)
        double[] a = {1, 2, 2, 1};
        BlockedCholesky blocked = new BlockedCholesky(2, 0.0);
        NativeCholesky nat = nativeFactor(2, 0.0);
        assertFalse(blocked.decompose(a, 0.0));
        assertFalse(nat.decompose(a, 0.0));
        assertEquals(1, blocked.failedPivotIndex());
        assertEquals(1, nat.failedPivotIndex());
        assertEquals(-3.0, blocked.failedPivotValue(), 0.0);
        assertEquals(-3.0, nat.failedPivotValue(), 0.0);
        // a pivot above zero but under the threshold: dpotrf goes on, the check after it stops at the same place
        double[] b = {1, 0, 0, 1e-20};
        NativeCholesky strict = nativeFactor(2, 1e-16);
        assertFalse(strict.decompose(b, 0.0));
        assertEquals(1, strict.failedPivotIndex());
        assertEquals(1e-20, strict.failedPivotValue(), 1e-35);
    }

    @Test
    void badArgumentsNameTheParameter() {
        NativeCholesky nat = nativeFactor(3, 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nat.decompose(new double[8], 0));
        assertTrue(e.getMessage().contains("got 8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nat.decompose(new double[9], Double.NaN));
        assertTrue(e.getMessage().contains("shift"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nativeFactor(2, -1.0));
        assertTrue(e.getMessage().contains("got -1.0"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> nat.solveInPlace(new double[3]));
    }

    @Test
    void aReusedWorkspaceGivesTheSameFactor() {
        // a closed factor leaves its block for the next one: the next factor's unused triangle then holds stale
        // numbers of another matrix and stride, which dpotrf must never read
        int big = 2 * BlockedCholesky.BLOCK + 37;
        NativeCholesky first = nativeFactor(big, 0.0);
        assertTrue(first.decompose(gram(21, big, 5), 0.5));
        first.close();
        int n = BlockedCholesky.BLOCK + 45;
        double[] a = gram(22, n, 20);
        NativeCholesky second = nativeFactor(n, 0.0);
        assertTrue(second.decompose(a, 1e-3));
        double[] lx = new double[n * n];
        second.lowerInto(lx);
        NativeCholesky fresh = new NativeCholesky(NativeCholesky.selected(), n, 0.0);
        assertTrue(fresh.decompose(a, 1e-3));
        double[] lf = new double[n * n];
        fresh.lowerInto(lf);
        Cholesky naive = new Cholesky(n);
        assertTrue(naive.decompose(a, 1e-3));
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(naive.factor()[i * n + i]));
            for (int j = 0; j <= i; j++) {
                worst = Math.max(worst, Math.abs(naive.factor()[i * n + j] - lx[i * n + j]));
                // the same dpotrf on the same numbers, whatever the rest of its block holds
                assertEquals(lf[i * n + j], lx[i * n + j], 0.0, "(" + i + ", " + j + ")");
            }
        }
        assertTrue(worst <= 1e-11 * scale, "max |L − L_native| = " + worst + " (scale " + scale + ")");
    }

    @Test
    void closeFreesTheNativeCopyAndTheFactorRefusesToSolveAfter() {
        NativeCholesky nat = nativeFactor(4, 0.0);
        assertTrue(nat.decompose(new double[] {4, 1, 0, 0, 1, 4, 1, 0, 0, 1, 4, 1, 0, 0, 1, 4}, 0.0));
        nat.solveInPlace(new double[4]);
        nat.close();
        assertThrows(IllegalStateException.class, () -> nat.solveInPlace(new double[4]));
        assertEquals(Double.POSITIVE_INFINITY, nat.conditionEstimate());
        assertThrows(IllegalStateException.class, () -> nat.decompose(new double[16], 0.0));
        nat.close(); // a second close does nothing
    }
}
