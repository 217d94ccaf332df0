package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;
import org.sgdlab.linalg.Matrix;

class MinNormLeastSquaresTest {

    static Matrix gaussian(long seed, int n, int d) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[n * d];
        for (int k = 0; k < a.length; k++) {
            a[k] = SvmTestData.gaussian(rng, 1)[0];
        }
        return new Matrix(n, d, a);
    }

    static double[] vec(long seed, int n) {
        return SvmTestData.gaussian(new SplittableRandom(seed), n);
    }

    static double relErr(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-300);
    }

    /** Solves the SPD system A z = r by Cholesky (independent of the SVD). */
    static double[] cholSolve(double[][] spd, double[] r) {
        int m = r.length;
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = spd[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            double s = r[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        for (int i = m - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < m; k++) {
                s -= l[k][i] * z[k];
            }
            z[i] = s / l[i][i];
        }
        return z;
    }

    /** Xᵀ(XXᵀ)⁻¹y. */
    static double[] normalEquationsWide(Matrix x, double[] y) {
        int n = x.rows();
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i][j] = SvmTestData.dot(x.row(i), x.row(j));
            }
        }
        return x.transposeTimes(cholSolve(g, y));
    }

    /** (XᵀX)⁻¹Xᵀy. */
    static double[] normalEquationsTall(Matrix x, double[] y) {
        Matrix xt = x.transpose();
        int d = x.cols();
        double[][] g = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                g[i][j] = SvmTestData.dot(xt.row(i), xt.row(j));
            }
        }
        return cholSolve(g, x.transposeTimes(y));
    }

    @ParameterizedTest
    @CsvSource({"1,5,20", "2,10,50", "3,30,31", "4,1,7", "5,50,400", "6,100,120"})
    void wideFullRowRankMatchesNormalEquations(long seed, int n, int d) {
        Matrix x = gaussian(seed, n, d);
        double[] y = vec(seed + 100, n);
        MinNormSolution s = MinNormLeastSquares.solve(x, y);
        assertEquals(OracleStatus.OPTIMAL, s.status());
        assertEquals(n, s.rank());
        assertTrue(relErr(s.w(), normalEquationsWide(x, y)) <= 1e-12, () -> "rel err " + relErr(s.w(), normalEquationsWide(x, y)));
        // Interpolation: Xw = y.
        assertTrue(s.residualNorm() <= 1e-13 * Math.sqrt(SvmTestData.dot(y, y)), "residual " + s.residualNorm());
        assertTrue(s.rowSpaceResidual() <= 1e-14, "row-space residual " + s.rowSpaceResidual());
        // Independent row-space check: w is orthogonal to a null-space basis computed by ojAlgo.
        double[] nullPart = MinNormLeastSquares.nullSpaceComponent(x, s.w());
        assertTrue(Math.sqrt(SvmTestData.dot(nullPart, nullPart)) <= 1e-14 * Math.sqrt(SvmTestData.dot(s.w(), s.w())));
    }

    @ParameterizedTest
    @CsvSource({"11,20,5", "12,200,50", "13,1000,3", "14,60,59"})
    void tallLeastSquaresMatchesNormalEquations(long seed, int n, int d) {
        Matrix x = gaussian(seed, n, d);
        double[] y = vec(seed + 100, n);
        MinNormSolution s = MinNormLeastSquares.solve(x, y);
        assertEquals(d, s.rank());
        double[] ref = normalEquationsTall(x, y);
        double cond = s.singularValues()[0] / s.singularValues()[d - 1];
        assertTrue(relErr(s.w(), ref) <= 1e-14 * cond * cond + 1e-13, () -> "rel err " + relErr(s.w(), ref) + " cond " + cond);
        // Normal equations residual Xᵀ(Xw − y) ≈ 0.
        double[] r = x.times(s.w());
        for (int i = 0; i < n; i++) {
            r[i] -= y[i];
        }
        double[] gr = x.transposeTimes(r);
        assertTrue(Math.sqrt(SvmTestData.dot(gr, gr)) <= 1e-12 * s.singularValues()[0] * Math.sqrt(SvmTestData.dot(y, y)));
    }

    @Test
    void rankDeficientDuplicateRowsUsesCutoff() {
        Matrix base = gaussian(21, 6, 15);
        double[][] rows = new double[9][];
        for (int i = 0; i < 6; i++) {
            rows[i] = base.row(i);
        }
        rows[6] = base.row(0);
        rows[7] = base.row(3);
        rows[8] = base.row(5);
        Matrix x = Matrix.of(rows);
        double[] yb = vec(22, 6);
        double[] y = {yb[0], yb[1], yb[2], yb[3], yb[4], yb[5], yb[0], yb[3], yb[5]};
        MinNormSolution s = MinNormLeastSquares.solve(x, y);
        assertEquals(6, s.rank());
        assertTrue(relErr(s.w(), normalEquationsWide(base, yb)) <= 1e-12);
        assertTrue(s.residualNorm() <= 1e-13);
        // Inconsistent duplicate (different targets for the same row): least squares averages them.
        double[] y2 = y.clone();
        y2[6] = yb[0] + 2.0;
        double[] yAvg = yb.clone();
        yAvg[0] = yb[0] + 1.0;
        MinNormSolution s2 = MinNormLeastSquares.solve(x, y2);
        assertTrue(relErr(s2.w(), normalEquationsWide(base, yAvg)) <= 1e-12);
        assertEquals(Math.sqrt(2.0), s2.residualNorm(), 1e-12);
    }

    @Test
    void largeCutoffDropsSmallSingularValues() {
        // diag(1, 1e-9): with rcond 1e-6 the second direction is treated as null.
        Matrix x = Matrix.of(new double[][] {{1, 0}, {0, 1e-9}});
        MinNormSolution s = MinNormLeastSquares.solve(x, new double[] {2, 3}, 1e-6);
        assertEquals(1, s.rank());
        assertEquals(2.0, s.w()[0], 1e-15);
        assertEquals(0.0, s.w()[1], 0.0);
        MinNormSolution full = MinNormLeastSquares.solve(x, new double[] {2, 3});
        assertEquals(2, full.rank());
        assertEquals(3e9, full.w()[1], 3e9 * 1e-14);
    }

    @ParameterizedTest
    @CsvSource({"31,8,30", "32,20,25", "33,3,100"})
    void fromInitialKeepsNullComponentOfW0(long seed, int n, int d) {
        Matrix x = gaussian(seed, n, d);
        double[] y = vec(seed + 1, n);
        double[] w0 = vec(seed + 2, d);
        MinNormSolution s = MinNormLeastSquares.fromInitial(x, y, w0, MinNormLeastSquares.defaultRcond(n, d));
        RowSpace rs = RowSpace.of(x);
        double[] n0 = rs.nullComponent(w0, new double[d]);
        double[] n1 = rs.nullComponent(s.w(), new double[d]);
        assertTrue(relErr(n1, n0) <= 1e-14, () -> "null parts differ: " + relErr(n1, n0));
        assertTrue(s.residualNorm() <= 1e-13 * Math.sqrt(SvmTestData.dot(y, y)));
        // w = w0 − P_null... : w − nullpart(w0) is the min-norm solution.
        double[] rowPart = s.w().clone();
        for (int j = 0; j < d; j++) {
            rowPart[j] -= n0[j];
        }
        assertTrue(relErr(rowPart, normalEquationsWide(x, y)) <= 1e-12);
        assertTrue(s.rowSpaceResidual() <= 1e-14);
    }

    @Test
    void gradientDescentConvergesToMinNormSolution() {
        Matrix x = gaussian(41, 5, 12);
        double[] y = vec(42, 5);
        MinNormSolution s = MinNormLeastSquares.solve(x, y);
        double step = 1.0 / (s.singularValues()[0] * s.singularValues()[0]);
        double[] w = new double[12];
        for (int it = 0; it < 20000; it++) {
            double[] r = x.times(w);
            for (int i = 0; i < 5; i++) {
                r[i] -= y[i];
            }
            double[] g = x.transposeTimes(r);
            for (int j = 0; j < 12; j++) {
                w[j] -= step * g[j];
            }
        }
        assertTrue(relErr(w, s.w()) <= 1e-12, () -> "GD vs oracle " + relErr(w, s.w()));
    }

    @ParameterizedTest
    @CsvSource({"51,7,19", "52,40,12", "53,25,25"})
    void singularValuesAndPseudoInverseAgreeWithOjAlgo(long seed, int n, int d) {
        Matrix x = gaussian(seed, n, d);
        double[] y = vec(seed + 5, n);
        R064Store a = R064Store.FACTORY.make(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a.set(i, j, x.get(i, j));
            }
        }
        SingularValue<Double> svd = SingularValue.R064.make(a);
        assertTrue(svd.decompose(a));
        double[] ref = new double[Math.min(n, d)];
        svd.getSingularValues(ref);
        MinNormSolution s = MinNormLeastSquares.solve(x, y);
        assertTrue(relErr(s.singularValues(), ref) <= 1e-13);
        MatrixStore<Double> u = svd.getU();
        MatrixStore<Double> v = svd.getV();
        double[] w = new double[d];
        for (int k = 0; k < ref.length; k++) {
            double c = 0;
            for (int i = 0; i < n; i++) {
                c += u.doubleValue(i, k) * y[i];
            }
            for (int j = 0; j < d; j++) {
                w[j] += v.doubleValue(j, k) * c / ref[k];
            }
        }
        assertTrue(relErr(s.w(), w) <= 1e-11, () -> "vs ojAlgo " + relErr(s.w(), w));
    }

    @Test
    void rowSpaceProjectionIsAllocationFreeAndIdempotent() {
        Matrix x = gaussian(61, 4, 9);
        RowSpace rs = RowSpace.of(x);
        assertEquals(4, rs.rank());
        assertEquals(9, rs.dimension());
        double[] v = vec(62, 9);
        double[] out = new double[9];
        double[] np = rs.nullComponent(v, out);
        assertTrue(np == out);
        // x_i · nullpart = 0
        for (int i = 0; i < 4; i++) {
            assertEquals(0.0, SvmTestData.dot(x.row(i), np), 1e-14 * 10);
        }
        double[] again = rs.nullComponent(np, new double[9]);
        assertTrue(relErr(again, np) <= 1e-15);
        double[] rowPart = rs.rowComponent(v, new double[9]);
        for (int j = 0; j < 9; j++) {
            assertEquals(v[j], rowPart[j] + np[j], 1e-15);
        }
        double[] inPlace = v.clone();
        rs.nullComponent(inPlace, inPlace);
        assertTrue(relErr(inPlace, np) <= 1e-15);
        assertThrows(IllegalArgumentException.class, () -> rs.nullComponent(new double[3], new double[9]));
        double[] p = MinNormLeastSquares.projectOntoNullSpace(x, v, 1e-12);
        assertTrue(relErr(p, np) <= 1e-14);
    }

    @Test
    void rejectsBadInput() {
        Matrix x = gaussian(71, 3, 4);
        assertThrows(IllegalArgumentException.class, () -> MinNormLeastSquares.solve(x, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> MinNormLeastSquares.solve(x, new double[3], -1));
        assertThrows(IllegalArgumentException.class, () -> MinNormLeastSquares.solve(x, new double[] {1, Double.NaN, 0}));
        assertThrows(IllegalArgumentException.class, () -> MinNormLeastSquares.fromInitial(x, new double[3], new double[5]));
    }

    @Test
    void zeroMatrixGivesZeroSolution() {
        MinNormSolution s = MinNormLeastSquares.solve(Matrix.zeros(3, 4), new double[] {1, 2, 3});
        assertEquals(0, s.rank());
        assertEquals(0.0, SvmTestData.dot(s.w(), s.w()));
        assertEquals(Math.sqrt(14), s.residualNorm(), 1e-15);
    }
}
