package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgdlab.linalg.Matrix;

/**
 * The Householder-QR fast path of {@link MinNormLeastSquares} against its naive reference, the Jacobi-SVD path
 * ({@link MinNormLeastSquares#solveBySvd}), and against the optimality conditions. The QR itself is tested in
 * {@code org.sgdlab.linalg.HouseholderQrTest}.
 */
class MinNormQrPathTest {

    private static double norm(double[] v) {
        return Math.sqrt(SvmTestData.dot(v, v));
    }

    @ParameterizedTest
    @CsvSource({"1, 30, 100", "2, 100, 100", "3, 60, 61", "4, 120, 40", "5, 7, 3", "6, 1, 9", "7, 9, 1", "8, 150, 500"})
    void qrPathMatchesSvdPath(long seed, int n, int d) {
        Matrix x = MinNormLeastSquaresTest.gaussian(seed, n, d);
        double[] y = MinNormLeastSquaresTest.vec(seed + 100, n);
        double rcond = MinNormLeastSquares.defaultRcond(n, d);
        MinNormSolution qr = MinNormLeastSquares.solveByQr(x, y, new double[d], rcond);
        assertNotNull(qr, "a Gaussian matrix has full rank");
        MinNormSolution svd = MinNormLeastSquares.solveBySvd(x, y, null, rcond);
        assertEquals(svd.rank(), qr.rank());
        assertTrue(MinNormLeastSquaresTest.relErr(qr.w(), svd.w()) <= 1e-13, "QR vs SVD " + MinNormLeastSquaresTest.relErr(qr.w(), svd.w()));
        // The lazily computed singular values (from R) are those of X.
        assertTrue(MinNormLeastSquaresTest.relErr(qr.singularValues(), svd.singularValues()) <= 1e-13);
        // Optimality: Xᵀ(Xw − y) = 0 (normal equations), and for wide X, w ∈ row(X) and Xw = y.
        double[] r = x.times(qr.w());
        for (int i = 0; i < n; i++) {
            r[i] -= y[i];
        }
        double[] g = x.transposeTimes(r);
        double s1 = qr.singularValues()[0];
        assertTrue(norm(g) <= 1e-12 * s1 * norm(y), "normal-equation residual " + norm(g));
        assertEquals(norm(r), qr.residualNorm(), 1e-12 * norm(y));
        if (n <= d) {
            assertTrue(qr.residualNorm() <= 1e-12 * norm(y), "interpolation residual " + qr.residualNorm());
            double[] nullPart = RowSpace.of(x).nullComponent(qr.w(), new double[d]);
            assertTrue(norm(nullPart) <= 1e-13 * norm(qr.w()), "w leaves row(X) by " + norm(nullPart));
            assertTrue(qr.rowSpaceResidual() <= 1e-14, "reported row-space residual " + qr.rowSpaceResidual());
        }
    }

    @ParameterizedTest
    @CsvSource({"11, 20, 50", "12, 50, 20"})
    void fromInitialOnTheQrPathKeepsTheNullComponent(long seed, int n, int d) {
        Matrix x = MinNormLeastSquaresTest.gaussian(seed, n, d);
        double[] y = MinNormLeastSquaresTest.vec(seed + 1, n);
        double[] w0 = MinNormLeastSquaresTest.vec(seed + 2, d);
        double rcond = MinNormLeastSquares.defaultRcond(n, d);
        MinNormSolution qr = MinNormLeastSquares.solveByQr(x, y, w0, rcond);
        MinNormSolution svd = MinNormLeastSquares.solveBySvd(x, y, w0, rcond);
        assertNotNull(qr);
        assertTrue(MinNormLeastSquaresTest.relErr(qr.w(), svd.w()) <= 1e-13);
        RowSpace rs = RowSpace.of(x);
        double[] a = rs.nullComponent(qr.w(), new double[d]);
        double[] b = rs.nullComponent(w0, new double[d]);
        if (n < d) {
            assertTrue(MinNormLeastSquaresTest.relErr(a, b) <= 1e-12, "null component moved by " + MinNormLeastSquaresTest.relErr(a, b));
        } else {
            // Full column rank: the null space is {0}, so there is nothing to keep.
            assertEquals(0, rs.rank() - d);
            assertTrue(norm(a) <= 1e-14 * norm(qr.w()) && norm(b) <= 1e-14 * norm(w0));
        }
    }

    @Test
    void rankDeficientMatricesFallBackToTheSvd() {
        // Row 3 = row 0 + row 1: rank 3 of 4 rows; the QR path must refuse and solve() must give the SVD answer.
        double[][] rows = {{1, 2, 0, 1, 3}, {0, 1, 1, 0, -1}, {2, 0, 1, 1, 1}, {1, 3, 1, 1, 2}};
        Matrix x = Matrix.of(rows);
        double[] y = {1, 2, 3, 3};
        assertNull(MinNormLeastSquares.solveByQr(x, y, new double[5], MinNormLeastSquares.defaultRcond(4, 5)));
        MinNormSolution s = MinNormLeastSquares.solve(x, y);
        assertEquals(3, s.rank());
        MinNormSolution ref = MinNormLeastSquares.solveBySvd(x, y, null, MinNormLeastSquares.defaultRcond(4, 5));
        assertTrue(MinNormLeastSquaresTest.relErr(s.w(), ref.w()) == 0.0);
    }

    @Test
    void nearlySingularBeyondTheCutoffFallsBack() {
        // σ_min/σ_max ≈ 1e-15 < cutoff: rank 1 by the SVD; the QR path must not claim rank 2.
        Matrix x = Matrix.of(new double[][] {{1, 1, 0}, {1, 1 + 1e-15, 0}});
        double[] y = {1, 1};
        assertNull(MinNormLeastSquares.solveByQr(x, y, new double[3], MinNormLeastSquares.defaultRcond(2, 3)));
        assertEquals(1, MinNormLeastSquares.solve(x, y).rank());
    }

    /**
     * fromInitial passes w₀ = 0 to the paths as a zero vector (no null test in the compiled QR path): adding and
     * subtracting +0.0 keeps every bit, so the answer is the SVD path's answer from null (which keeps its null test).
     */
    @ParameterizedTest
    @CsvSource({"21, 20, 50", "22, 50, 20", "23, 4, 4"})
    void aZeroStartHasTheBitsOfNoStart(long seed, int n, int d) {
        Matrix x = MinNormLeastSquaresTest.gaussian(seed, n, d);
        double[] y = MinNormLeastSquaresTest.vec(seed + 1, n);
        double rcond = MinNormLeastSquares.defaultRcond(n, d);
        MinNormSolution fromNull = MinNormLeastSquares.solveBySvd(x, y, null, rcond);
        MinNormSolution fromZero = MinNormLeastSquares.solveBySvd(x, y, new double[d], rcond);
        assertArrayEquals(fromNull.w(), fromZero.w());
        assertEquals(fromNull.rowSpaceResidual(), fromZero.rowSpaceResidual());
        MinNormSolution solved = MinNormLeastSquares.solve(x, y, rcond);
        MinNormSolution qr = MinNormLeastSquares.solveByQr(x, y, new double[d], rcond);
        assertArrayEquals(qr.w(), solved.w());
        assertEquals(qr.rowSpaceResidual(), solved.rowSpaceResidual());
    }
}
