package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.linalg.Matrix;

/**
 * The contract of every {@link OracleCatalog} entry: on a feasible instance it ends OPTIMAL with a finite residual
 * within the solvers' tolerances; on an infeasible instance (or, for problems that always have a solution, a degenerate
 * one) it still returns a status and a certificate — NOT_SEPARABLE/INFEASIBLE with the certificate in its message, or
 * another status with its honest, finite residual. A new entry without instances here fails {@link #everyEntryIsCovered}.
 */
class OracleCatalogTest {
    /** The largest residual any oracle reports with OPTIMAL (their tolerances are 1e-10 and tighter). */
    private static final double OPTIMAL_RESIDUAL = 1e-8;

    private record Instance(Matrix x, double[] y, Map<String, String> options, boolean feasible) {
    }

    private static Map<String, List<Instance>> instances() {
        Map<String, List<Instance>> m = new LinkedHashMap<>();
        Matrix wide = gaussian(1, 6, 20);
        double[] yWide = vector(2, 6);
        // rows 0 and 1 proportional, targets not: y ∉ range(X)
        Matrix dependent = Matrix.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {0, 1, 0}});
        double[] yOutside = {1, 3, 1};
        Object[] sep = SvmTestData.separable(3, 40, 5, false, 0.2);
        Matrix xSep = (Matrix) sep[0];
        double[] ySep = (double[]) sep[1];
        Matrix xor = Matrix.of(new double[][] {{1, 1}, {-1, -1}, {1, -1}, {-1, 1}});
        double[] yXor = {1, 1, -1, -1};
        m.put("min-norm", List.of(new Instance(wide, yWide, Map.of(), true),
                new Instance(dependent, yOutside, Map.of(), false)));
        m.put("svm", List.of(new Instance(xSep, ySep, Map.of("intercept", "true"), true),
                new Instance(xor, yXor, Map.of(), false)));
        m.put("min-p-norm", List.of(new Instance(wide, yWide, Map.of("p", "1.5"), true),
                new Instance(dependent, yOutside, Map.of("p", "1.5"), false)));
        m.put("bregman", List.of(new Instance(wide, yWide, Map.of("alpha", "0.01"), true),
                new Instance(dependent, yOutside, Map.of("potential", "euclidean"), false)));
        m.put("logistic-reg", List.of(new Instance(xSep, ySep, Map.of("lambda", "0.01"), true),
                new Instance(new Matrix(3, 2, new double[6]), new double[] {1, -1, 1}, Map.of("lambda", "0.1"), false)));
        m.put("margin", List.of(new Instance(xSep, ySep, Map.of("norm", "l1"), true),
                new Instance(xor, yXor, Map.of(), false)));
        m.put("basis-pursuit", List.of(new Instance(gaussian(4, 10, 40), vector(5, 10), Map.of(), true),
                new Instance(dependent, yOutside, Map.of(), false)));
        Object[] mc = MulticlassSvmTest.separable(100, 60, 3, 3, 0.3);
        double[] yMc = new double[60];
        for (int i = 0; i < 60; i++) {
            yMc[i] = ((int[]) mc[1])[i];
        }
        SplittableRandom rng = new SplittableRandom(5);
        double[] noise = new double[60 * 2];
        double[] yNoise = new double[60];
        for (int i = 0; i < 60; i++) {
            noise[2 * i] = rng.nextGaussian();
            noise[2 * i + 1] = rng.nextGaussian();
            yNoise[i] = rng.nextInt(3);
        }
        m.put("multiclass-svm", List.of(new Instance((Matrix) mc[0], yMc, Map.of(), true),
                new Instance(new Matrix(60, 2, noise), yNoise, Map.of(), false)));
        // [[1, 1], [1, ?]]: the minimum nuclear norm completes it to the rank-1 all-ones matrix; the same measurement
        // twice with different values (sensing) has no solution
        Matrix entries = Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}});
        double[] ones = {1, 1, 1};
        Map<String, String> twoByTwo = Map.of("rows", "2", "cols", "2");
        Matrix clash = Matrix.of(new double[][] {{1, 2, 3, 4}, {1, 2, 3, 4}, {0, 1, 0, 1}});
        double[] yClash = {1, 2, 0.5};
        Map<String, String> sensing = Map.of("rows", "2", "cols", "2", "sensing", "true");
        m.put("nuclear-norm", List.of(new Instance(entries, ones, twoByTwo, true),
                new Instance(clash, yClash, sensing, false)));
        m.put("min-frobenius", List.of(new Instance(entries, ones, twoByTwo, true),
                new Instance(clash, yClash, sensing, false)));
        return m;
    }

    static Stream<String> names() {
        return OracleCatalog.names().stream();
    }

    @Test
    void everyEntryIsCovered() {
        assertEquals(OracleCatalog.names(), List.copyOf(instances().keySet()));
    }

    @ParameterizedTest
    @MethodSource("names")
    void returnsAStatusAndACertificateOnFeasibleAndInfeasibleInstances(String name) {
        OracleEntry e = OracleCatalog.entry(name);
        assertTrue(!e.problem().isBlank() && !e.source().isBlank() && !e.certificate().isBlank(), name);
        for (Instance in : instances().get(name)) {
            OracleResult r = e.solve(in.x(), in.y(), null, in.options());
            String what = name + (in.feasible() ? " (feasible)" : " (infeasible or degenerate)") + ": " + r.message();
            assertNotNull(r.status(), what);
            assertTrue(r.message() != null && !r.message().isBlank(), what);
            assertEquals(r.status().name(), r.fields().get("status"), what);
            assertTrue(r.fields().containsKey("w"), what);
            if (in.feasible()) {
                assertEquals(OracleStatus.OPTIMAL, r.status(), what);
            }
            if (r.status() == OracleStatus.OPTIMAL) {
                assertTrue(r.residual() >= 0 && r.residual() <= OPTIMAL_RESIDUAL, what + " residual " + r.residual());
                int len = name.equals("multiclass-svm") ? (int) r.fields().get("classes") * in.x().cols()
                        : e.labels() == OracleEntry.Labels.ENTRIES ? (int) r.fields().get("rows") * (int) r.fields().get("cols")
                        : in.x().cols();
                assertEquals(len, r.w().length, what);
                for (double v : r.w()) {
                    assertTrue(Double.isFinite(v), what);
                }
            } else if (r.infeasible()) {
                assertNull(r.w(), what);
                assertTrue(r.message().contains("certificate"), what);
                assertTrue(Double.isNaN(r.residual()) || r.residual() >= 0, what + " residual " + r.residual());
            } else {
                assertTrue(Double.isFinite(r.residual()), what + " residual " + r.residual());
            }
        }
    }

    /** The infeasibility verdicts: which status, and the certificate's residual where it is a number. */
    @Test
    void infeasibleInstancesGetTheirCertificates() {
        Map<String, List<Instance>> all = instances();
        OracleResult svm = solve(all, "svm");
        assertEquals(OracleStatus.NOT_SEPARABLE, svm.status());
        assertTrue(svm.message().contains("Gordan certificate"), svm.message());
        OracleResult margin = solve(all, "margin");
        assertEquals(OracleStatus.NOT_SEPARABLE, margin.status());
        assertTrue(margin.residual() <= 1e-12, "Gordan residual " + margin.residual());
        OracleResult bp = solve(all, "basis-pursuit");
        assertEquals(OracleStatus.INFEASIBLE, bp.status());
        assertTrue(bp.residual() > 1e-9 && bp.message().contains("Fredholm certificate"), bp.message());
        OracleResult mc = solve(all, "multiclass-svm");
        assertEquals(OracleStatus.NOT_SEPARABLE, mc.status());
        Matrix xMc = all.get("multiclass-svm").get(1).x();
        double rowMax = 0;
        for (int i = 0; i < xMc.rows(); i++) {
            rowMax = Math.max(rowMax, Math.sqrt(2 * (xMc.get(i, 0) * xMc.get(i, 0) + xMc.get(i, 1) * xMc.get(i, 1))));
        }
        assertTrue(mc.residual() <= 1e-12 * rowMax, "Gordan residual " + mc.residual() + ", scale " + rowMax);
        // no solution of Xw = y exists: the interpolation oracles must not claim one
        assertTrue(solve(all, "min-p-norm").status() != OracleStatus.OPTIMAL);
        assertTrue(solve(all, "bregman").status() != OracleStatus.OPTIMAL);
        // A₀ = A₁ with b₀ ≠ b₁: the distance of b from range(𝒜) is |b₀ − b₁|/√2 = 1/√2 of ‖b‖ = √5.25
        for (String name : List.of("nuclear-norm", "min-frobenius")) {
            OracleResult r = solve(all, name);
            assertEquals(OracleStatus.INFEASIBLE, r.status(), r.message());
            assertEquals(Math.sqrt(0.5 / 5.25), r.residual(), 1e-12, r.message());
            assertTrue(r.message().contains("Fredholm certificate"), r.message());
        }
    }

    private static OracleResult solve(Map<String, List<Instance>> all, String name) {
        Instance in = all.get(name).get(1);
        return OracleCatalog.entry(name).solve(in.x(), in.y(), null, in.options());
    }

    /** The entries return the oracles' own answers, bit for bit, and min-norm and bregman honour the start. */
    @Test
    void entriesReturnTheOraclesAnswers() {
        Matrix x = gaussian(7, 5, 12);
        double[] y = vector(8, 5);
        double[] w0 = vector(9, 12);
        OracleResult mn = OracleCatalog.entry("min-norm").solve(x, y, w0, Map.of());
        assertArrayEquals(MinNormLeastSquares.fromInitial(x, y, w0).w(), mn.w());
        assertArrayEquals(MinNormLeastSquares.solve(x, y, 1e-3).w(),
                OracleCatalog.entry("min-norm").solve(x, y, null, Map.of("rcond", "0.001")).w());
        Object[] sep = SvmTestData.separable(11, 30, 4, true, 0.1);
        OracleResult svm = OracleCatalog.entry("svm").solve((Matrix) sep[0], (double[]) sep[1], null, Map.of("intercept", "true"));
        SvmSolution direct = HardMarginSvm.solve((Matrix) sep[0], (double[]) sep[1], true);
        assertEquals("svm-intercept", svm.problem());
        assertArrayEquals(direct.w(), svm.w());
        assertEquals(direct.b(), svm.intercept());
        assertEquals(direct.kktResidual(), svm.residual());
        assertTrue(Double.isNaN(OracleCatalog.entry("svm").solve((Matrix) sep[0], (double[]) sep[1], null, Map.of()).intercept()));
        double[] start = new double[12];
        java.util.Arrays.fill(start, 0.5);
        OracleResult br = OracleCatalog.entry("bregman").solve(x, y, start, Map.of("potential", "euclidean"));
        assertArrayEquals(BregmanProjection.project(BregmanProjection.Mirror.euclidean(), x, y, start).w(), br.w());
        // the matrix problems: the entries' columns are i, j; the answer is W row-major
        Matrix ij = Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {2, 2}, {1, 2}});
        double[] v = {1, 2, 3, 4, 5};
        MatrixCompletionProblem p = MatrixCompletionProblem.of(3, 3, new int[] {0, 0, 1, 2, 1}, new int[] {0, 1, 0, 2, 2}, v);
        OracleResult nn = OracleCatalog.entry("nuclear-norm").solve(ij, v, null, Map.of("rows", "3", "cols", "3"));
        NuclearNormSolution nd = NuclearNormMinimizer.solve(p);
        assertArrayEquals(nd.w().data(), nn.w());
        assertEquals(nd.residual(), nn.residual());
        assertEquals(nd.nuclearNorm(), nn.fields().get("nuclear_norm"));
        OracleResult mf = OracleCatalog.entry("min-frobenius").solve(ij, v, null, Map.of("rows", "3", "cols", "3"));
        assertArrayEquals(new double[] {1, 2, 0, 3, 0, 5, 0, 0, 4}, mf.w());
        assertEquals(5, mf.fields().get("observed"));
    }

    @Test
    void optionsAreCheckedByName() {
        Matrix x = gaussian(7, 5, 12);
        double[] y = vector(8, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OracleCatalog.entry("min-p-norm").solve(x, y, null, Map.of()));
        assertEquals("this problem needs --p", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OracleCatalog.entry("min-norm").solve(x, y, null, Map.of("lambda", "1")));
        assertTrue(e.getMessage().contains("lambda") && e.getMessage().contains("rcond"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OracleCatalog.entry("min-p-norm").solve(x, y, null, Map.of("p", "two")));
        assertTrue(e.getMessage().contains("--p") && e.getMessage().contains("two"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OracleCatalog.entry("bregman").solve(x, y, null, Map.of("potential", "foo")));
        assertTrue(e.getMessage().contains("foo"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OracleCatalog.entry("simplex"));
        assertTrue(e.getMessage().contains("simplex") && e.getMessage().contains("basis-pursuit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OracleCatalog.entry("multiclass-svm")
                .solve(x, new double[] {0, 1, 2, 1.5, 0}, null, Map.of()));
        assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("1.5"), e.getMessage());
        Matrix ij = Matrix.of(new double[][] {{0, 0}, {1, 1}, {0, 0}});
        double[] v = {1, 2, 3};
        OracleEntry nn = OracleCatalog.entry("nuclear-norm");
        e = assertThrows(IllegalArgumentException.class, () -> nn.solve(ij, v, null, Map.of("cols", "2")));
        assertEquals("this problem needs --rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nn.solve(ij, v, null, Map.of("rows", "0", "cols", "2")));
        assertEquals("--rows must be an integer >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nn.solve(ij, v, null, Map.of("rows", "2", "cols", "2.5")));
        assertEquals("--cols must be an integer >= 1, got 2.5", e.getMessage());
        MatrixCompletionProblem.InvalidEntryException bad = assertThrows(MatrixCompletionProblem.InvalidEntryException.class,
                () -> nn.solve(ij, v, null, Map.of("rows", "2", "cols", "2")));
        assertEquals(2, bad.entry());
        assertEquals(0, bad.earlierEntry());
        assertEquals("entry 2 (i = 0, j = 0, value = 3.0) repeats entry 0 (i = 0, j = 0) with a different value 1.0",
                bad.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> nn.solve(Matrix.of(new double[][] {{0}, {1}}), new double[] {1, 2}, null, Map.of("rows", "2", "cols", "2")));
        assertTrue(e.getMessage().contains("two index columns i, j") && e.getMessage().contains("got 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OracleCatalog.entry("min-frobenius").solve(ij, v, null,
                Map.of("rows", "2", "cols", "2", "sensing", "true")));
        assertEquals("measurements have 2 columns, expected rows × cols = 4", e.getMessage());
    }

    static Matrix gaussian(long seed, int n, int d) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        return new Matrix(n, d, a);
    }

    static double[] vector(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }
}
