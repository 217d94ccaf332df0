package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.sgdlab.linalg.Matrix;

class LinearMarginSolverTest {

    private static void assertOptimal(LinearMarginSolution s) {
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        assertTrue(s.residual() <= 1e-10, s.message());
        assertTrue(s.dualityGap() >= -1e-14, s.message());
        assertEquals(1.0, s.norm().norm(s.w()), 1e-14);
        double lsum = 0;
        for (double l : s.lambda()) {
            assertTrue(l >= 0);
            lsum += l;
        }
        assertEquals(1.0, lsum, 1e-12);
    }

    @Test
    void twoAxisPoints() {
        Matrix x = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        double[] y = {1, 1};
        LinearMarginSolution inf = LinearMarginSolver.solve(x, y, MarginNorm.LINF);
        assertOptimal(inf);
        assertArrayEquals(new double[] {1, 1}, inf.w(), 1e-14);
        assertEquals(1.0, inf.margin(), 1e-14);
        LinearMarginSolution one = LinearMarginSolver.solve(x, y, MarginNorm.L1);
        assertOptimal(one);
        assertArrayEquals(new double[] {0.5, 0.5}, one.w(), 1e-14);
        assertEquals(0.5, one.margin(), 1e-14);
        assertArrayEquals(new int[] {0, 1}, one.activeConstraints());
        assertArrayEquals(new double[] {0.5, 0.5}, one.lambda(), 1e-14);
    }

    @Test
    void singlePointMarginIsDualNorm() {
        // max <z, w> over the unit lp ball = ||z||_q: l_inf picks sign(z), l1 picks the largest coordinate.
        Matrix x = Matrix.of(new double[][] {{-3, -1, 0.5}});
        double[] y = {-1};
        LinearMarginSolution inf = LinearMarginSolver.solve(x, y, MarginNorm.LINF);
        assertOptimal(inf);
        assertEquals(4.5, inf.margin(), 1e-14);
        assertArrayEquals(new double[] {1, 1, -1}, inf.w(), 1e-14);
        LinearMarginSolution one = LinearMarginSolver.solve(x, y, MarginNorm.L1);
        assertOptimal(one);
        assertEquals(3.0, one.margin(), 1e-14);
        assertArrayEquals(new double[] {1, 0, 0}, one.w(), 1e-14);
    }

    @Test
    void symmetricPair() {
        // z1 = (2,1), z2 = (1,2) (second given as a negative point): both geometries pick the diagonal.
        Matrix x = Matrix.of(new double[][] {{2, 1}, {-1, -2}});
        double[] y = {1, -1};
        LinearMarginSolution inf = LinearMarginSolver.solve(x, y, MarginNorm.LINF);
        assertOptimal(inf);
        assertEquals(3.0, inf.margin(), 1e-14);
        LinearMarginSolution one = LinearMarginSolver.solve(x, y, MarginNorm.L1);
        assertOptimal(one);
        assertEquals(1.5, one.margin(), 1e-14);
        assertArrayEquals(new double[] {0.5, 0.5}, one.w(), 1e-14);
    }

    /** Max over a fine grid of directions on the unit lp circle of min_i <z_i, w>. */
    private static double gridMargin2d(double[][] z, MarginNorm norm, int steps) {
        double best = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < steps; s++) {
            double th = 2 * Math.PI * s / steps;
            double[] w = {Math.cos(th), Math.sin(th)};
            double nw = norm.norm(w);
            double m = Double.POSITIVE_INFINITY;
            for (double[] zi : z) {
                m = Math.min(m, (zi[0] * w[0] + zi[1] * w[1]) / nw);
            }
            best = Math.max(best, m);
        }
        return best;
    }

    /** Max over a grid on the six faces of the unit cube (the l_inf sphere in 3-D). */
    private static double gridMarginCube(double[][] z, int steps) {
        double best = Double.NEGATIVE_INFINITY;
        for (int face = 0; face < 6; face++) {
            for (int a = 0; a <= steps; a++) {
                for (int b = 0; b <= steps; b++) {
                    double u = -1 + 2.0 * a / steps;
                    double v = -1 + 2.0 * b / steps;
                    double fixed = face % 2 == 0 ? 1 : -1;
                    double[] w = face / 2 == 0 ? new double[] {fixed, u, v} : face / 2 == 1 ? new double[] {u, fixed, v}
                            : new double[] {u, v, fixed};
                    double m = Double.POSITIVE_INFINITY;
                    for (double[] zi : z) {
                        m = Math.min(m, zi[0] * w[0] + zi[1] * w[1] + zi[2] * w[2]);
                    }
                    best = Math.max(best, m);
                }
            }
        }
        return best;
    }

    /** Max over a grid on the 8 faces of the unit cross-polytope (the l1 sphere in 3-D). */
    private static double gridMarginOctahedron(double[][] z, int steps) {
        double best = Double.NEGATIVE_INFINITY;
        for (int signs = 0; signs < 8; signs++) {
            double[] sg = {(signs & 1) == 0 ? 1 : -1, (signs & 2) == 0 ? 1 : -1, (signs & 4) == 0 ? 1 : -1};
            for (int a = 0; a <= steps; a++) {
                for (int b = 0; a + b <= steps; b++) {
                    double[] w = {sg[0] * a / (double) steps, sg[1] * b / (double) steps, sg[2] * (steps - a - b) / (double) steps};
                    double m = Double.POSITIVE_INFINITY;
                    for (double[] zi : z) {
                        m = Math.min(m, zi[0] * w[0] + zi[1] * w[1] + zi[2] * w[2]);
                    }
                    best = Math.max(best, m);
                }
            }
        }
        return best;
    }

    private static Object[] separableCloud(long seed, int n, int d, double gap) {
        Object[] data = SvmTestData.separable(seed, n, d, false, gap);
        return data;
    }

    private static double[][] zRows(Matrix x, double[] y) {
        double[][] z = new double[x.rows()][];
        for (int i = 0; i < z.length; i++) {
            z[i] = x.row(i);
            for (int j = 0; j < z[i].length; j++) {
                z[i][j] *= y[i];
            }
        }
        return z;
    }

    @Test
    void matchesGridSearchIn2d() {
        for (long seed = 1; seed <= 5; seed++) {
            Object[] data = separableCloud(seed, 12, 2, 0.3);
            Matrix x = (Matrix) data[0];
            double[] y = (double[]) data[1];
            double[][] z = zRows(x, y);
            for (MarginNorm norm : MarginNorm.values()) {
                LinearMarginSolution s = LinearMarginSolver.solve(x, y, norm);
                assertOptimal(s);
                double grid = gridMargin2d(z, norm, 200_000);
                assertTrue(grid <= s.margin() + 1e-12, norm + " grid " + grid + " beats " + s.margin());
                assertTrue(s.margin() - grid <= 1e-4 * s.dualValue() + 1e-4, norm + " grid " + grid + " vs " + s.margin());
            }
        }
    }

    @Test
    void matchesGridSearchIn3d() {
        for (long seed = 11; seed <= 13; seed++) {
            Object[] data = separableCloud(seed, 10, 3, 0.3);
            Matrix x = (Matrix) data[0];
            double[] y = (double[]) data[1];
            double[][] z = zRows(x, y);
            LinearMarginSolution inf = LinearMarginSolver.solve(x, y, MarginNorm.LINF);
            assertOptimal(inf);
            double g = gridMarginCube(z, 300);
            assertTrue(g <= inf.margin() + 1e-12 && inf.margin() - g <= 0.05, "cube grid " + g + " vs " + inf.margin());
            LinearMarginSolution one = LinearMarginSolver.solve(x, y, MarginNorm.L1);
            assertOptimal(one);
            double g1 = gridMarginOctahedron(z, 400);
            assertTrue(g1 <= one.margin() + 1e-12 && one.margin() - g1 <= 0.02, "octahedron grid " + g1 + " vs " + one.margin());
        }
    }

    @Test
    void directionsDifferAcrossGeometries() {
        Object[] data = separableCloud(21, 60, 8, 0.2);
        Matrix x = (Matrix) data[0];
        double[] y = (double[]) data[1];
        LinearMarginSolution inf = LinearMarginSolver.solve(x, y, MarginNorm.LINF);
        LinearMarginSolution one = LinearMarginSolver.solve(x, y, MarginNorm.L1);
        SvmSolution l2 = HardMarginSvm.solve(x, y, false);
        assertOptimal(inf);
        assertOptimal(one);
        assertEquals(OracleStatus.OPTIMAL, l2.status());
        assertTrue(cos(inf.w(), one.w()) < 0.999, "l1 and l_inf directions coincide");
        assertTrue(cos(inf.w(), l2.w()) < 0.999 && cos(one.w(), l2.w()) < 0.999, "an lp direction equals the l2 one");
        // Each direction is optimal for its own geometry only: compare normalised margins cross-wise.
        double[][] z = zRows(x, y);
        for (double[] w : new double[][] {one.w(), l2.w()}) {
            assertTrue(normalisedMargin(z, w, MarginNorm.LINF) < inf.margin() * (1 - 1e-6));
        }
        for (double[] w : new double[][] {inf.w(), l2.w()}) {
            assertTrue(normalisedMargin(z, w, MarginNorm.L1) < one.margin() * (1 - 1e-6));
        }
        // The l1 direction is sparse: at a vertex it has at most (#active constraints) nonzeros.
        int nnz = 0;
        for (double v : one.w()) {
            if (v != 0) {
                nnz++;
            }
        }
        assertTrue(nnz <= one.activeConstraints().length, "nnz " + nnz);
        // With fewer points than dimensions the l1 direction is sparse (a vertex: nnz <= #active <= n), the l_inf one is not.
        Object[] wide = separableCloud(22, 6, 30, 0.2);
        LinearMarginSolution sparse = LinearMarginSolver.solve((Matrix) wide[0], (double[]) wide[1], MarginNorm.L1);
        assertOptimal(sparse);
        int nz = 0;
        for (double v : sparse.w()) {
            nz += v != 0 ? 1 : 0;
        }
        assertTrue(nz <= 6, "nnz " + nz);
        LinearMarginSolution box = LinearMarginSolver.solve((Matrix) wide[0], (double[]) wide[1], MarginNorm.LINF);
        assertOptimal(box);
        int atBound = 0;
        for (double v : box.w()) {
            atBound += Math.abs(v) == 1.0 ? 1 : 0;
        }
        assertTrue(atBound >= 30 - 6, "coordinates at +-1: " + atBound);
    }

    private static double normalisedMargin(double[][] z, double[] w, MarginNorm norm) {
        double m = Double.POSITIVE_INFINITY;
        for (double[] zi : z) {
            double s = 0;
            for (int j = 0; j < w.length; j++) {
                s += zi[j] * w[j];
            }
            m = Math.min(m, s);
        }
        return m / norm.norm(w);
    }

    private static double cos(double[] a, double[] b) {
        return SvmTestData.dot(a, b) / Math.sqrt(SvmTestData.dot(a, a) * SvmTestData.dot(b, b));
    }

    @Test
    void largeProblemIsFastAndCertified(TestReporter reporter) {
        Object[] data = separableCloud(5, 500, 50, 0.1);
        Matrix x = (Matrix) data[0];
        double[] y = (double[]) data[1];
        for (MarginNorm norm : MarginNorm.values()) {
            long t0 = System.nanoTime();
            LinearMarginSolution s = LinearMarginSolver.solve(x, y, norm);
            double secs = (System.nanoTime() - t0) / 1e9;
            reporter.publishEntry(String.format("LinearMarginSolver %s n=500 d=50: %.3f s, gap %.2e, residual %.2e, %d active", norm, secs,
                    s.dualityGap(), s.residual(), s.activeConstraints().length));
            assertOptimal(s);
        }
    }

    @Test
    void notSeparable() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 40;
        int d = 3;
        double[] a = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = rng.nextGaussian();
            }
            y[i] = rng.nextBoolean() ? 1 : -1;
        }
        for (MarginNorm norm : MarginNorm.values()) {
            LinearMarginSolution s = LinearMarginSolver.solve(new Matrix(n, d, a), y, norm);
            assertEquals(OracleStatus.NOT_SEPARABLE, s.status(), s.message());
            assertNull(s.w());
            assertTrue(s.residual() <= 1e-12, s.message());
            // Verify the Gordan certificate independently.
            double[] comb = new double[d];
            double lsum = 0;
            for (int i = 0; i < n; i++) {
                assertTrue(s.lambda()[i] >= 0);
                lsum += s.lambda()[i];
                for (int j = 0; j < d; j++) {
                    comb[j] += s.lambda()[i] * y[i] * a[i * d + j];
                }
            }
            assertEquals(1.0, lsum, 1e-12);
            for (double c : comb) {
                assertEquals(0.0, c, 1e-13);
            }
        }
        // Same point with both labels; a zero row.
        Matrix x = Matrix.of(new double[][] {{1, 2}, {1, 2}});
        assertEquals(OracleStatus.NOT_SEPARABLE, LinearMarginSolver.solve(x, new double[] {1, -1}, MarginNorm.L1).status());
        Matrix x0 = Matrix.of(new double[][] {{1, 2}, {0, 0}});
        LinearMarginSolution z = LinearMarginSolver.solve(x0, new double[] {1, 1}, MarginNorm.LINF);
        assertEquals(OracleStatus.NOT_SEPARABLE, z.status());
        assertTrue(z.message().contains("row 1"), z.message());
    }

    @Test
    void largeNonSeparableIsFast(TestReporter reporter) {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 500;
        int d = 50;
        double[] a = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = rng.nextGaussian();
            }
            y[i] = rng.nextBoolean() ? 1 : -1; // random labels: n > 2d, not separable (Cover 1965) w.h.p.
        }
        for (MarginNorm norm : MarginNorm.values()) {
            long t0 = System.nanoTime();
            LinearMarginSolution s = LinearMarginSolver.solve(new Matrix(n, d, a), y, norm);
            double secs = (System.nanoTime() - t0) / 1e9;
            reporter.publishEntry(String.format("LinearMarginSolver %s non-separable n=500 d=50: %.3f s, certificate residual %.2e", norm,
                    secs, s.residual()));
            assertEquals(OracleStatus.NOT_SEPARABLE, s.status(), s.message());
        }
    }

    @Test
    void labelAndShapeErrors() {
        Matrix x = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearMarginSolver.solve(x, new double[] {1, 0}, MarginNorm.L1));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearMarginSolver.solve(x, new double[] {1}, MarginNorm.L1));
        assertThrows(IllegalArgumentException.class,
                () -> LinearMarginSolver.solve(Matrix.of(new double[][] {{Double.NaN, 0}}), new double[] {1}, MarginNorm.LINF));
    }

    /** Entry point for {@link #printsNothingToStdout}: solves one LP of each kind in a fresh JVM. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("raw")) {
            // Positive control: touch ojAlgo directly, without our classes (and so without the property).
            org.ojalgo.optimisation.ExpressionsBasedModel m = new org.ojalgo.optimisation.ExpressionsBasedModel();
            m.addVariable("x").lower(0.0).upper(1.0).weight(1.0);
            m.maximise();
            return;
        }
        Matrix x = Matrix.of(new double[][] {{1, 0}, {0, 1}, {2, 1}});
        LinearMarginSolution s = LinearMarginSolver.solve(x, new double[] {1, 1, 1}, MarginNorm.L1);
        BasisPursuitSolution b = BasisPursuit.solve(Matrix.of(new double[][] {{1, 2, 3}}), new double[] {1});
        if (s.status() != OracleStatus.OPTIMAL || b.status() != OracleStatus.OPTIMAL) {
            System.exit(3); // the parent asserts exit code 0
        }
    }

    private static String childStdout(String... args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                LinearMarginSolverTest.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        int rc = p.waitFor();
        assertEquals(0, rc);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsNothingToStdout() throws Exception {
        // A fresh JVM, so ojAlgo's one-time banner cannot have been triggered (or suppressed) by another test.
        assertEquals("", childStdout());
        // Positive control: a fresh JVM touching ojAlgo directly (system properties are not inherited) prints the
        // banner, so the empty output above is meaningful.
        String raw = childStdout("raw");
        assertTrue(raw.contains("ojAlgo"), "expected ojAlgo's banner from the positive control, got: " + raw);
    }
}
