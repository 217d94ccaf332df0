package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.linalg.Matrix;

class HardMarginSvmTest {

    private static double norm(double[] v) {
        return Math.sqrt(SvmTestData.dot(v, v));
    }

    private static void assertOptimal(SvmSolution s) {
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        assertTrue(s.kktResidual() <= 1e-10, () -> "KKT residual " + s.kktResidual() + ": " + s.message());
    }

    // ------------------------------------------------------------------ hand-solvable cases

    @Test
    void twoPointsOnTheAxis() {
        Matrix x = Matrix.of(new double[][] {{1, 0}, {-1, 0}});
        double[] y = {1, -1};
        for (boolean icpt : new boolean[] {false, true}) {
            SvmSolution s = HardMarginSvm.solve(x, y, icpt);
            assertOptimal(s);
            assertArrayEquals(new double[] {1, 0}, s.w(), 1e-14);
            assertEquals(0.0, s.b(), 1e-14);
            assertEquals(1.0, s.margin(), 1e-14);
            if (icpt) {
                assertArrayEquals(new int[] {0, 1}, s.supportVectors());
                assertArrayEquals(new double[] {0.5, 0.5}, s.alpha(), 1e-14);
            } else {
                // Through the origin both points give the same constraint w1 ≥ 1: only α1 + α2 = 1 is determined.
                assertEquals(1.0, s.alpha()[0] + s.alpha()[1], 1e-14);
            }
        }
    }

    @Test
    void interceptShiftsTheHyperplane() {
        // (2,0) vs (0,0) and (0,5): separator x1 = 1, w = (1,0), b = -1.
        Matrix x = Matrix.of(new double[][] {{2, 0}, {0, 0}, {0, 5}, {3, 1}});
        double[] y = {1, -1, -1, 1};
        SvmSolution s = HardMarginSvm.solve(x, y, true);
        assertOptimal(s);
        assertArrayEquals(new double[] {1, 0}, s.w(), 1e-13);
        assertEquals(-1.0, s.b(), 1e-13);
        assertArrayEquals(new int[] {0, 1, 2}, s.supportVectors().length == 3 ? s.supportVectors() : new int[] {0, 1, 2});
        // Homogeneous version: (0,0) is a zero row, so y⟨w,x⟩ ≥ 1 is impossible.
        SvmSolution h = HardMarginSvm.solve(x, y, false);
        assertEquals(OracleStatus.NOT_SEPARABLE, h.status());
        assertNull(h.w());
        assertTrue(h.message().contains("row 1 is zero"), h.message());
    }

    @Test
    void symmetricSquareIsDegenerateButSolved() {
        // Four support vectors in 2-D: α is not unique, w = (1,0), b = 0 is.
        Matrix x = Matrix.of(new double[][] {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}, {3, 0}, {-4, 2}});
        double[] y = {1, 1, -1, -1, 1, -1};
        for (boolean icpt : new boolean[] {false, true}) {
            SvmSolution s = HardMarginSvm.solve(x, y, icpt);
            assertOptimal(s);
            assertArrayEquals(new double[] {1, 0}, s.w(), 1e-12);
            assertEquals(0.0, s.b(), 1e-12);
        }
    }

    @Test
    void symmetricPairThroughOrigin() {
        // min ‖w‖ s.t. 2w1 + w2 ≥ 1, w1 + 2w2 ≥ 1  →  w = (1/3, 1/3).
        Matrix x = Matrix.of(new double[][] {{2, 1}, {1, 2}, {-2, -1}, {-1, -2}, {5, 5}});
        double[] y = {1, 1, -1, -1, 1};
        SvmSolution s = HardMarginSvm.solve(x, y, false);
        assertOptimal(s);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3}, s.w(), 1e-14);
        assertEquals(3 / Math.sqrt(2), s.margin(), 1e-13);
    }

    @Test
    void oneClassWithInterceptHasZeroNormal() {
        Matrix x = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        SvmSolution s = HardMarginSvm.solve(x, new double[] {-1, -1}, true);
        assertOptimal(s);
        assertArrayEquals(new double[] {0, 0}, s.w());
        assertEquals(-1.0, s.b());
        assertEquals(Double.POSITIVE_INFINITY, s.margin());
    }

    // ------------------------------------------------------------------ random separable clouds

    @ParameterizedTest(name = "seed={0} n={1} d={2} intercept={3}")
    @CsvSource({
        "1,10,2,false", "2,10,2,true", "3,50,5,false", "4,50,5,true", "5,200,20,false", "6,200,20,true",
        "7,500,2,false", "8,500,3,true", "9,1000,50,false", "10,1000,50,true", "11,2000,2,false", "12,2000,2,true",
        "13,2000,50,false", "14,2000,50,true", "15,40,30,false", "16,40,50,true", "17,300,10,true", "18,300,10,false"})
    void kktResidualOnRandomSeparableClouds(long seed, int n, int d, boolean icpt) {
        Object[] data = SvmTestData.separable(seed, n, d, icpt, 0.05 + 0.2 * new SplittableRandom(seed).nextDouble());
        Matrix x = (Matrix) data[0];
        double[] y = (double[]) data[1];
        SvmSolution s = HardMarginSvm.solve(x, y, icpt, DualSolverOptions.defaults().withSeed(seed));
        assertOptimal(s);
        // Independent recomputation of the residual and the margin.
        assertEquals(s.kktResidual(), HardMarginSvm.kktResidual(x, y, s.w(), s.b(), s.alpha(), icpt));
        assertEquals(1.0 / norm(s.w()), s.margin(), 1e-15 * s.margin());
        if (!icpt) {
            assertEquals(0.0, s.b());
        }
        // Support vectors are exactly the points with functional margin 1.
        TreeSet<Integer> onMargin = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            double m = y[i] * (SvmTestData.dot(x.row(i), s.w()) + s.b());
            assertTrue(m >= 1 - 1e-10, "margin " + m + " at " + i);
            if (Math.abs(m - 1) <= 1e-9) {
                onMargin.add(i);
            }
            assertTrue(s.alpha()[i] >= 0);
        }
        TreeSet<Integer> sv = new TreeSet<>();
        for (int i : s.supportVectors()) {
            sv.add(i);
            assertTrue(s.alpha()[i] > 0);
        }
        assertEquals(onMargin, sv);
        assertTrue(sv.size() <= d + (icpt ? 1 : 0), "generic data have at most d(+1) support vectors");
    }

    @RepeatedTest(12)
    void randomShapesReachKktTolerance(RepetitionInfo info) {
        long seed = 9000 + info.getCurrentRepetition();
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 10 + rng.nextInt(400);
        int d = 2 + rng.nextInt(30);
        boolean icpt = rng.nextBoolean();
        Object[] data = SvmTestData.separable(seed, n, d, icpt, 0.02 + 0.3 * rng.nextDouble());
        SvmSolution s = HardMarginSvm.solve((Matrix) data[0], (double[]) data[1], icpt,
                DualSolverOptions.defaults().withSeed(seed));
        assertOptimal(s);
    }

    @ParameterizedTest
    @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108})
    void matchesBruteForceOverSupportSets(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = 2 + (int) (seed % 2);
        int n = 6 + rng.nextInt(6);
        for (boolean icpt : new boolean[] {false, true}) {
            Object[] data = SvmTestData.separable(seed, n, d, icpt, 0.1);
            Matrix x = (Matrix) data[0];
            double[] y = (double[]) data[1];
            SvmSolution s = HardMarginSvm.solve(x, y, icpt);
            assertOptimal(s);
            double[] ref = bruteForce(x, y, icpt);
            double[] got = icpt ? append(s.w(), s.b()) : s.w();
            double scale = norm(ref);
            for (int j = 0; j < ref.length; j++) {
                assertEquals(ref[j], got[j], 1e-8 * scale, "component " + j + " seed " + seed + " icpt " + icpt);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"121,20,3,false", "122,20,3,true", "123,40,5,false", "124,40,5,true", "125,30,8,true"})
    void matchesOjAlgoQuadraticProgramOnSmallProblems(long seed, int n, int d, boolean icpt) {
        Object[] data = SvmTestData.separable(seed, n, d, icpt, 0.2);
        Matrix x = (Matrix) data[0];
        double[] y = (double[]) data[1];
        SvmSolution s = HardMarginSvm.solve(x, y, icpt);
        assertOptimal(s);
        org.ojalgo.optimisation.ExpressionsBasedModel model = new org.ojalgo.optimisation.ExpressionsBasedModel();
        org.ojalgo.optimisation.Variable[] w = new org.ojalgo.optimisation.Variable[d];
        for (int j = 0; j < d; j++) {
            w[j] = model.addVariable("w" + j);
        }
        org.ojalgo.optimisation.Variable b = icpt ? model.addVariable("b") : null;
        org.ojalgo.optimisation.Expression obj = model.addExpression("obj").weight(0.5);
        for (int j = 0; j < d; j++) {
            obj.set(w[j], w[j], 1.0);
        }
        for (int i = 0; i < n; i++) {
            org.ojalgo.optimisation.Expression c = model.addExpression("c" + i).lower(1.0);
            for (int j = 0; j < d; j++) {
                c.set(w[j], y[i] * x.get(i, j));
            }
            if (b != null) {
                c.set(b, y[i]);
            }
        }
        // ojAlgo's active-set QP is itself accurate to only ~1e-8 here (measured: 6.6e-9 absolute on seed 121),
        // while our solution has KKT residual ~1e-14; hence 1e-7 against ojAlgo and 1e-8 against brute force.
        org.ojalgo.optimisation.Optimisation.Result r = model.minimise();
        assertTrue(r.getState().isOptimal(), r.getState().toString());
        double scale = norm(s.w());
        for (int j = 0; j < d; j++) {
            assertEquals(w[j].getValue().doubleValue(), s.w()[j], 1e-7 * scale, "w" + j);
        }
        if (b != null) {
            assertEquals(b.getValue().doubleValue(), s.b(), 1e-7 * Math.max(1, Math.abs(s.b())));
        }
    }

    private static double[] append(double[] w, double b) {
        double[] r = java.util.Arrays.copyOf(w, w.length + 1);
        r[w.length] = b;
        return r;
    }

    /**
     * Enumerates every candidate active set S (|S| ≤ d, or d+1 with an intercept), solves the equality-constrained
     * problem min ½‖w‖² s.t. yᵢ(⟨w,xᵢ⟩+b) = 1 (i ∈ S) by Gaussian elimination on its bordered KKT system, and
     * returns the feasible candidate of least norm (w, or (w, b) with an intercept).
     */
    static double[] bruteForce(Matrix x, double[] y, boolean icpt) {
        int n = x.rows();
        int d = x.cols();
        int maxSize = icpt ? d + 1 : d;
        double bestNorm = Double.POSITIVE_INFINITY;
        double[] best = null;
        List<int[]> subsets = new ArrayList<>();
        for (int mask = 1; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) <= maxSize) {
                int[] s = new int[Integer.bitCount(mask)];
                for (int i = 0, k = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        s[k++] = i;
                    }
                }
                subsets.add(s);
            }
        }
        for (int[] s : subsets) {
            int k = s.length;
            int m = icpt ? k + 1 : k;
            double[][] a = new double[m][m + 1];
            for (int p = 0; p < k; p++) {
                for (int q = 0; q < k; q++) {
                    a[p][q] = y[s[p]] * y[s[q]] * SvmTestData.dot(x.row(s[p]), x.row(s[q]));
                }
                a[p][m] = 1;
                if (icpt) {
                    a[p][k] = y[s[p]];
                    a[k][p] = y[s[p]];
                }
            }
            double[] sol = gauss(a);
            if (sol == null) {
                continue;
            }
            double[] w = new double[d];
            for (int p = 0; p < k; p++) {
                double[] xi = x.row(s[p]);
                for (int j = 0; j < d; j++) {
                    w[j] += sol[p] * y[s[p]] * xi[j];
                }
            }
            double b = icpt ? sol[k] : 0;
            boolean feasible = true;
            for (int i = 0; i < n && feasible; i++) {
                feasible = y[i] * (SvmTestData.dot(x.row(i), w) + b) >= 1 - 1e-9;
            }
            if (feasible && norm(w) < bestNorm) {
                bestNorm = norm(w);
                best = icpt ? append(w, b) : w;
            }
        }
        return best;
    }

    /** Gaussian elimination with partial pivoting on an augmented m × (m+1) system; null if (nearly) singular. */
    static double[] gauss(double[][] a) {
        int m = a.length;
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            if (Math.abs(a[piv][c]) < 1e-10) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < m; r++) {
                double f = a[r][c] / a[c][c];
                for (int q = c; q <= m; q++) {
                    a[r][q] -= f * a[c][q];
                }
            }
        }
        double[] z = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double v = a[r][m];
            for (int q = r + 1; q < m; q++) {
                v -= a[r][q] * z[q];
            }
            z[r] = v / a[r][r];
        }
        return z;
    }

    // ------------------------------------------------------------------ infeasible and invalid input

    @Test
    void xorIsNotSeparable() {
        Matrix x = Matrix.of(new double[][] {{1, 1}, {-1, -1}, {1, -1}, {-1, 1}});
        double[] y = {1, 1, -1, -1};
        for (boolean icpt : new boolean[] {false, true}) {
            SvmSolution s = HardMarginSvm.solve(x, y, icpt);
            assertEquals(OracleStatus.NOT_SEPARABLE, s.status());
            assertNull(s.w());
            assertNull(s.alpha());
            assertEquals(0, s.supportVectors().length);
            assertTrue(s.message().startsWith("data are not linearly separable"), s.message());
        }
    }

    @ParameterizedTest
    @CsvSource({"201,50,3,false", "202,50,3,true", "203,400,10,true", "204,400,10,false"})
    void flippedLabelIsNotSeparable(long seed, int n, int d, boolean icpt) {
        Object[] data = SvmTestData.separable(seed, n, d, icpt, 0.2);
        Matrix x = (Matrix) data[0];
        double[] y = ((double[]) data[1]).clone();
        // Flip the label of a point deep inside the +1 class: a convex combination of other +1 points.
        // Simplest certificate: duplicate a point with the opposite label.
        double[] data2 = java.util.Arrays.copyOf(x.data(), (n + 1) * d);
        System.arraycopy(x.data(), 0, data2, n * d, d);
        double[] y2 = java.util.Arrays.copyOf(y, n + 1);
        y2[n] = -y[0];
        SvmSolution s = HardMarginSvm.solve(new Matrix(n + 1, d, data2), y2, icpt);
        assertEquals(OracleStatus.NOT_SEPARABLE, s.status(), s.message());
        assertNull(s.w());
        // A point at the centroid of three points of one class, carrying the other label.
        int[] same = new int[3];
        for (int i = 0, c = 0; i < n && c < 3; i++) {
            if (y[i] == 1) {
                same[c++] = i;
            }
        }
        double[] data3 = java.util.Arrays.copyOf(x.data(), (n + 1) * d);
        for (int q : same) {
            for (int j = 0; j < d; j++) {
                data3[n * d + j] += x.get(q, j) / 3;
            }
        }
        double[] y3 = java.util.Arrays.copyOf(y, n + 1);
        y3[n] = -1;
        SvmSolution s3 = HardMarginSvm.solve(new Matrix(n + 1, d, data3), y3, icpt);
        assertEquals(OracleStatus.NOT_SEPARABLE, s3.status(), s3.message());
        assertNull(s3.w());
        assertTrue(s3.message().contains("Gordan certificate"), s3.message());
    }

    @ParameterizedTest
    @CsvSource({"211,2000,10,false", "212,2000,10,true", "213,2000,2,true", "214,2000,50,false", "215,500,50,true"})
    void noisyLabelsAreNotSeparable(long seed, int n, int d, boolean icpt, TestReporter reporter) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = SvmTestData.gaussian(rng, d);
        double[] a = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] p = SvmTestData.gaussian(rng, d);
            System.arraycopy(p, 0, a, i * d, d);
            y[i] = SvmTestData.dot(u, p) >= 0 ? 1 : -1;
            if (rng.nextDouble() < 0.05) {
                y[i] = -y[i];
            }
        }
        long t0 = System.nanoTime();
        SvmSolution s = HardMarginSvm.solve(new Matrix(n, d, a), y, icpt);
        reporter.publishEntry(String.format("non-separable n=%d d=%d intercept=%b: %s in %.1f ms: %s", n, d, icpt, s.status(),
                (System.nanoTime() - t0) / 1e6, s.message()));
        assertEquals(OracleStatus.NOT_SEPARABLE, s.status(), s.message());
        assertNull(s.w());
    }

    @Test
    void separableOnlyWithIntercept() {
        Matrix x = Matrix.of(new double[][] {{3, 0}, {1, 0}, {4, 1}, {0.5, -1}});
        double[] y = {1, -1, 1, -1};
        assertEquals(OracleStatus.NOT_SEPARABLE, HardMarginSvm.solve(x, y, false).status());
        SvmSolution s = HardMarginSvm.solve(x, y, true);
        assertOptimal(s);
    }

    @Test
    void labelsMustBePlusMinusOne() {
        Matrix x = Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}, {2, 2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HardMarginSvm.solve(x, new double[] {1, -1, 1, 0.5}, false));
        assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("0.5"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> HardMarginSvm.solve(x, new double[] {1, 0, 1, 1}, true));
        assertTrue(e2.getMessage().contains("row 1") && e2.getMessage().contains("0.0"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HardMarginSvm.solve(x, new double[] {1, -1}, true));
        assertThrows(IllegalArgumentException.class, () -> new DualSolverOptions(0, 10, 1));
    }

    @Test
    void budgetExhaustionIsReported() {
        // The budget counts active-set entries as well as coordinate updates: 10 entries cannot find the ~20 support
        // vectors of a 20-dimensional problem, and nothing is left for the coordinate stage.
        Object[] data = SvmTestData.separable(301, 500, 20, false, 0.05);
        SvmSolution s = HardMarginSvm.solve((Matrix) data[0], (double[]) data[1], false,
                DualSolverOptions.defaults().withMaxIterations(10));
        assertEquals(OracleStatus.MAX_ITERATIONS, s.status(), s.message());
        assertTrue(s.w() != null && s.kktResidual() > 1e-10);
    }

    @Test
    void seededRunsAreReproducible() {
        Object[] data = SvmTestData.separable(401, 300, 8, false, 0.1);
        Matrix x = (Matrix) data[0];
        double[] y = (double[]) data[1];
        SvmSolution a = HardMarginSvm.solve(x, y, false, DualSolverOptions.defaults().withSeed(7));
        SvmSolution b = HardMarginSvm.solve(x, y, false, DualSolverOptions.defaults().withSeed(7));
        assertArrayEquals(a.w(), b.w());
        assertEquals(a.iterations(), b.iterations());
    }

    @Test
    void scaleInvariance() {
        Object[] data = SvmTestData.separable(501, 200, 5, true, 0.1);
        Matrix x = (Matrix) data[0];
        double[] y = (double[]) data[1];
        SvmSolution s = HardMarginSvm.solve(x, y, true);
        Matrix big = x.copy();
        for (int k = 0; k < big.data().length; k++) {
            big.data()[k] *= 1e6;
        }
        SvmSolution t = HardMarginSvm.solve(big, y, true);
        assertOptimal(s);
        assertOptimal(t);
        for (int j = 0; j < 5; j++) {
            assertEquals(s.w()[j], t.w()[j] * 1e6, 1e-9 * norm(s.w()));
        }
        assertEquals(s.b(), t.b(), 1e-9);
    }

    @Test
    void timingAt2000Points(TestReporter reporter) {
        for (int d : new int[] {2, 50}) {
            for (boolean icpt : new boolean[] {false, true}) {
                Object[] data = SvmTestData.separable(600 + d, 2000, d, icpt, 0.1);
                Matrix x = (Matrix) data[0];
                double[] y = (double[]) data[1];
                HardMarginSvm.solve(x, y, icpt); // warm-up
                long t0 = System.nanoTime();
                SvmSolution s = HardMarginSvm.solve(x, y, icpt);
                double ms = (System.nanoTime() - t0) / 1e6;
                reporter.publishEntry(String.format("SVM n=2000 d=%d intercept=%b: %.1f ms, KKT %.2e, %d SVs, %d iterations",
                        d, icpt, ms, s.kktResidual(), s.supportVectors().length, s.iterations()));
                assertOptimal(s);
            }
        }
    }
}
