package org.sgdlab.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ℓp-sphere direction when the multiplier's root sits at a kink of f(λ) = ⟨ν, sharp_p(g − λν)⟩: a planted problem
 * whose exact optimum φ* has φ*_k = 0, i.e. g_k − λ*ν_k = 0. For p &gt; 2, sharp_p has an infinite slope there, so no
 * double λ brings |f| below ~(1e-16)^{1/(p−1)}; the library must repair the jumping coordinate from the tangency equation.
 */
class LpSphereKinkTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (double p : new double[] {3, 4, 8, 16}) {
            for (long seed = 1; seed <= 4; seed++) {
                out.add(Arguments.of(p, seed));
            }
        }
        return out.stream();
    }

    /** ν = (w/max|w|)^[p−1], the library's scaling of the normal. */
    static double[] normal(double[] w, double p) {
        double m = Norms.maxAbs(w);
        double[] nu = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            nu[i] = Math.copySign(Math.pow(Math.abs(w[i]) / m, p - 1), w[i]);
        }
        return nu;
    }

    @ParameterizedTest(name = "p={0} seed={1}")
    @MethodSource("cases")
    void rootAtAKinkIsRepaired(double p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 6;
        int k = 2;
        double lambda = 0.37;
        // the planted optimum: s = sharp_p(x) with x_k = 0, and a normal ν ⟂ s
        double[] x = Rnd.gaussian(r, n);
        x[k] = 0;
        double[] s = new double[n];
        new LpNorm(p).sharpInto(x, s);
        double[] nu0 = Rnd.gaussian(r, n);
        double c = Rnd.dot(nu0, s) / Rnd.dot(s, s);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double v = nu0[i] - c * s[i];
            w[i] = Math.copySign(Math.pow(Math.abs(v), 1 / (p - 1)), v); // w^[p−1] ∝ ν
        }
        LpSphere sph = new LpSphere(p);
        w = sph.project(w);
        double[] nu = normal(w, p);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = x[i] + lambda * nu[i];
        }
        double[] phi = new double[n];
        int evals = sph.directionInto(w, g, phi, new double[sph.workspaceSize(n)]);
        double dev = 0;
        for (int i = 0; i < n; i++) {
            dev = Math.max(dev, Math.abs(phi[i] - s[i]));
        }
        double tangency = Math.abs(Rnd.dot(nu, phi));
        assertTrue(evals < 200, "root finder stopped at its cap (200 evaluations): " + evals);
        assertTrue(dev <= 1e-12, "max|φ − φ*| = " + dev);
        assertTrue(tangency <= 1e-15, "|⟨ν, φ⟩| = " + tangency);
        assertEquals(1.0, new LpNorm(p).of(phi), 1e-14);
        if (p >= 8) {
            // why the repair is needed: across 8 ulps around the crossing point λ_k = g_k/ν_k, f jumps by more than 1e-4,
            // so bisection on λ alone cannot get |f| below that
            double lk = g[k] / nu[k];
            double d = 4 * Math.ulp(lk);
            double jump = f(g, nu, lk - d, p) - f(g, nu, lk + d, p);
            assertTrue(jump >= 1e-4, "f jumps by " + jump + " across 8 ulps at the kink");
        }
    }

    static double f(double[] g, double[] nu, double lambda, double p) {
        double[] x = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            x[i] = g[i] - lambda * nu[i];
        }
        double[] s = new double[g.length];
        new LpNorm(p).sharpInto(x, s);
        return Rnd.dot(nu, s);
    }
}
