package org.sgdlab.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.linalg.JacobiSvd;

class NormsTest {

    static Stream<Arguments> norms() {
        List<Arguments> out = new ArrayList<>();
        long[] seeds = {1, 2, 3};
        for (long seed : seeds) {
            out.add(Arguments.of(Norms.l2(), 7, seed));
            out.add(Arguments.of(Norms.l1(), 7, seed));
            out.add(Arguments.of(Norms.linf(), 7, seed));
            out.add(Arguments.of(Norms.lp(1.5), 7, seed));
            out.add(Arguments.of(Norms.lp(3), 7, seed));
            out.add(Arguments.of(Norms.lp(4), 7, seed));
            out.add(Arguments.of(Norms.lp(1.1), 5, seed));
            out.add(Arguments.of(Norms.spectral(4, 3), 12, seed));
            out.add(Arguments.of(Norms.spectral(2, 5), 10, seed));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("norms")
    void sharpIsTheSteepestUnitDirection(Norm norm, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] g = Rnd.gaussian(r, n);
        double[] s = new double[n];
        norm.sharpInto(g, s);
        double dual = norm.dual(g);
        assertEquals(1.0, norm.of(s), 1e-12, "‖sharp(g)‖");
        assertEquals(dual, Rnd.dot(g, s), 1e-12 * Math.max(1, dual), "⟨g, sharp(g)⟩ = ‖g‖_*");
        double[] out = new double[n];
        double[] work = new double[norm.workspaceSize(n)];
        assertEquals(dual, norm.sharpInto(g, out, work), 1e-12 * Math.max(1, dual));
        assertArrayEquals(s, out, 0.0);
        // no random unit vector does better (10⁴ samples; Gaussian and sparse/sign-pattern ones)
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 10_000; k++) {
            double[] v = Rnd.gaussian(r, n);
            if (k % 3 == 1) {
                for (int i = 0; i < n; i++) {
                    v[i] = Math.signum(v[i]);
                }
            } else if (k % 3 == 2) {
                for (int i = 0; i < n; i++) {
                    if (r.nextInt(3) == 0) {
                        v[i] = 0;
                    }
                }
            }
            double nv = norm.of(v);
            if (nv == 0) {
                continue;
            }
            best = Math.max(best, Rnd.dot(g, v) / nv);
        }
        assertTrue(best <= dual * (1 + 1e-12), "a random unit vector beat the sharp: " + best + " > " + dual);
    }

    @ParameterizedTest
    @MethodSource("norms")
    void zeroGradientHasZeroSharp(Norm norm, int n, long seed) {
        double[] s = new double[n];
        java.util.Arrays.fill(s, 7);
        norm.sharpInto(new double[n], s);
        assertArrayEquals(new double[n], s, 0.0);
        assertEquals(0.0, norm.dual(new double[n]), 0.0);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void lpAtTwoIsTheNormalizedGradient(long seed) {
        double[] g = Rnd.gaussian(new SplittableRandom(seed), 9);
        double[] a = new double[9];
        double[] b = new double[9];
        Norms.lp(2).sharpInto(g, a);
        Norms.l2().sharpInto(g, b);
        assertArrayEquals(b, a, 1e-15);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void lpForLargePApproachesSign(long seed) {
        double[] g = Rnd.gaussian(new SplittableRandom(seed), 9);
        double[] sign = new double[9];
        Norms.linf().sharpInto(g, sign);
        double prev = Double.POSITIVE_INFINITY;
        for (double p : new double[] {10, 100, 1e4, 1e6}) {
            double[] s = new double[9];
            Norms.lp(p).sharpInto(g, s);
            double err = 0;
            for (int i = 0; i < 9; i++) {
                err = Math.max(err, Math.abs(s[i] - sign[i]));
            }
            assertTrue(err < prev, "error must shrink with p");
            prev = err;
        }
        assertTrue(prev < 1e-4, "p = 1e6: max|sharp − sign| = " + prev);
    }

    @Test
    void lpSharpIsStableForHugeAndTinyGradients() {
        double[] g = {1e300, -3e299, 1e-300, 0};
        double[] s = new double[4];
        LpNorm n = new LpNorm(3);
        n.sharpInto(g, s);
        assertEquals(1.0, n.of(s), 1e-14);
        assertEquals(n.dual(g), Rnd.dot(g, s), 1e-14 * n.dual(g));
        assertEquals(0.0, s[3], 0.0);
    }

    @Test
    void l1TieBreaksToTheLowestIndex() {
        double[] s = new double[4];
        Norms.l1().sharpInto(new double[] {1, -3, 3, 2}, s);
        assertArrayEquals(new double[] {0, -1, 0, 0}, s, 0.0);
    }

    /** The SVD itself is tested in {@code org.sgdlab.linalg.JacobiSvdTest}; here the norm built on it. */
    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34})
    void spectralNormDualAndSharpComeFromTheSingularValues(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] shapes = {{5, 3}, {3, 5}, {4, 4}, {6, 1}};
        for (int[] sh : shapes) {
            int k = Math.min(sh[0], sh[1]);
            double[] sigma = new double[k];
            for (int i = 0; i < k; i++) {
                sigma[i] = 3.0 / (i + 1);
            }
            double[] polar = new double[sh[0] * sh[1]];
            double[] g = Rnd.withSingularValues(r, sh[0], sh[1], sigma, polar);
            double sum = 0;
            for (double x : sigma) {
                sum += x;
            }
            SpectralNorm norm = Norms.spectral(sh[0], sh[1]);
            double[] s = new double[g.length];
            assertEquals(sum, norm.sharpInto(g, s, new double[norm.workspaceSize(g.length)]), 1e-13, "returns ‖G‖_*");
            assertArrayEquals(polar, s, 1e-13, "spectral sharp = U Vᵀ");
            assertEquals(sum, norm.dual(g), 1e-13);
            assertEquals(sigma[0], norm.of(g), 1e-13);
        }
    }

    /**
     * Newton–Schulz vs SVD. With Muon's coefficients and 5 steps, singular values σ of G with
     * σ/‖G‖_F ≥ 0.01 are mapped into the band [0.6818, 1.1344] (the range of f^{∘5} on [0.01, 1],
     * f(x) = 3.4445x − 4.7750x³ + 2.0315x⁵), with the singular vectors of G. So NS(G) = U f⁵(Σ/‖G‖_F) Vᵀ
     * and ‖NS(G) − UVᵀ‖_op ≤ 0.3182.
     */
    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43, 44, 45})
    void newtonSchulzLandsInItsBandAroundTheSvdPolarFactor(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] shapes = {{6, 4}, {4, 6}, {5, 5}};
        double lo = 0.6818;
        double hi = 1.1344;
        for (int[] sh : shapes) {
            int rows = sh[0];
            int cols = sh[1];
            int k = Math.min(rows, cols);
            double[] sigma = new double[k];
            for (int i = 0; i < k; i++) {
                sigma[i] = Math.exp(r.nextDouble() * Math.log(20)); // condition number ≤ 20, so σ/‖G‖_F ≥ 1/(20√6) > 0.01
            }
            double fro = 0;
            for (double x : sigma) {
                fro += x * x;
            }
            fro = Math.sqrt(fro);
            double[] polar = new double[rows * cols];
            double[] g = Rnd.withSingularValues(r, rows, cols, sigma, polar);
            double minRel = Double.POSITIVE_INFINITY;
            for (double x : sigma) {
                minRel = Math.min(minRel, x / fro);
            }
            assertTrue(minRel >= 0.01, "test matrix inside the band's domain: σ_min/‖G‖_F = " + minRel);
            SpectralNorm ns = Norms.spectralNewtonSchulz(rows, cols);
            double[] x = new double[rows * cols];
            ns.sharpInto(g, x, new double[ns.workspaceSize(g.length)]);
            double[] sv = JacobiSvd.singularValues(x, rows, cols);
            // predicted singular values: f⁵(σ_i/‖G‖_F)
            double[] predicted = new double[k];
            for (int i = 0; i < k; i++) {
                double y = sigma[i] / fro;
                for (int t = 0; t < 5; t++) {
                    y = 3.4445 * y - 4.7750 * y * y * y + 2.0315 * y * y * y * y * y;
                }
                predicted[i] = y;
            }
            java.util.Arrays.sort(predicted);
            double[] svSorted = sv.clone();
            java.util.Arrays.sort(svSorted);
            assertArrayEquals(predicted, svSorted, 1e-12, "NS acts on singular values by f^5");
            for (double s : sv) {
                assertTrue(s >= lo && s <= hi, "singular value " + s + " outside the NS band [" + lo + ", " + hi + "]");
            }
            double[] diff = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                diff[i] = x[i] - polar[i];
            }
            assertTrue(JacobiSvd.spectralNorm(diff, rows, cols) <= 1 - lo + 1e-12, "‖NS(G) − UVᵀ‖_op within the band");
        }
    }

    @Test
    void newtonSchulzOfZeroIsZero() {
        double[] out = new double[6];
        NewtonSchulz.muon().orthogonalizeInto(new double[6], 2, 3, out, new double[NewtonSchulz.workspaceSize(2, 3)]);
        assertArrayEquals(new double[6], out, 0.0);
    }

    @Test
    void invalidHyperparametersFailNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Norms.lp(1.0));
        assertTrue(e.getMessage().contains("p=1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Norms.lp(0.5));
        assertTrue(e.getMessage().contains("p=0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Norms.lp(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Norms.spectral(0, 3));
        assertTrue(e.getMessage().contains("rows=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NewtonSchulz(3, -4, 2, 0));
        assertTrue(e.getMessage().contains("steps=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NewtonSchulz(Double.NaN, -4, 2, 5));
        assertTrue(e.getMessage().contains("a=NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Norms.spectral(2, 3).of(new double[5]));
        assertTrue(e.getMessage().contains("length 5"), e.getMessage());
    }
}
