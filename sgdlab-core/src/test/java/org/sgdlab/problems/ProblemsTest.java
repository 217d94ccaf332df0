package org.sgdlab.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.objective.Objective;
import org.sgdlab.random.RandomStream;

/** Gradients by central finite differences; the stated constants against independent computations. */
class ProblemsTest {
    private static void checkGradient(Objective f, double[] w, double tol) {
        double[] g = new double[w.length];
        double v = f.gradient(w, g);
        assertEquals(f.value(w), v, 1e-12 * (1 + Math.abs(v)), "gradient() returns f(w)");
        for (int i = 0; i < w.length; i++) {
            double h = 1e-5 * (1 + Math.abs(w[i]));
            double[] p = w.clone();
            double[] m = w.clone();
            p[i] += h;
            m[i] -= h;
            double fd = (f.value(p) - f.value(m)) / (2 * h);
            assertEquals(fd, g[i], tol * (1 + Math.abs(fd)), "coordinate " + i);
        }
    }

    private static double[] gaussian(int d, RandomStream r, double scale) {
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = scale * r.nextGaussian();
        }
        return w;
    }

    /** Spectral norm of a symmetric matrix by power iteration on H². */
    private static double spectralNorm(double[][] h) {
        int d = h.length;
        double[] v = new double[d];
        java.util.Arrays.fill(v, 1 / Math.sqrt(d));
        v[0] += 0.1;
        double lam = 0;
        for (int it = 0; it < 2000; it++) {
            double[] u = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    u[i] += h[i][j] * v[j];
                }
            }
            double[] u2 = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    u2[i] += h[i][j] * u[j];
                }
            }
            double n = 0;
            for (double x : u2) {
                n += x * x;
            }
            n = Math.sqrt(n);
            if (n == 0) {
                return 0;
            }
            for (int i = 0; i < d; i++) {
                v[i] = u2[i] / n;
            }
            lam = Math.sqrt(n);
        }
        return lam;
    }

    /** Hessian by central differences of the exact gradient, symmetrized. */
    private static double[][] fdHessian(Objective f, double[] w) {
        int d = w.length;
        double[][] h = new double[d][d];
        double eps = 1e-5;
        for (int j = 0; j < d; j++) {
            double[] p = w.clone();
            double[] m = w.clone();
            p[j] += eps;
            m[j] -= eps;
            double[] gp = new double[d];
            double[] gm = new double[d];
            f.gradient(p, gp);
            f.gradient(m, gm);
            for (int i = 0; i < d; i++) {
                h[i][j] = (gp[i] - gm[i]) / (2 * eps);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = s;
                h[j][i] = s;
            }
        }
        return h;
    }

    @Test
    void randomOrthogonalIsOrthogonal() {
        double[][] q = RandomOrthogonal.haar(12, new RandomStream(5));
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                double s = 0;
                for (int k = 0; k < 12; k++) {
                    s += q[k][i] * q[k][j];
                }
                assertEquals(i == j ? 1 : 0, s, 1e-13);
            }
        }
    }

    @Test
    void spacing() {
        double[] lin = Spacing.LINEAR.eigenvalues(5, 1, 9);
        assertEquals(9, lin[0]);
        assertEquals(7, lin[1], 1e-15);
        assertEquals(1, lin[4]);
        double[] log = Spacing.LOG.eigenvalues(3, 0.01, 1);
        assertEquals(0.1, log[1], 1e-15);
        assertEquals(0.01, log[2]);
    }

    @Test
    void quadraticGradientAndExactConstants() {
        RandomStream r = new RandomStream(3);
        Quadratic f = Quadratic.withSpectrum(8, 0.5, 20, Spacing.LINEAR, r);
        checkGradient(f, gaussian(8, r.split(9), 1), 1e-7);
        assertEquals(20, f.smoothness());
        assertEquals(0.5, f.strongConvexity());
        assertEquals(40, f.conditionNumber(), 1e-12);
        assertEquals(0, f.value(f.minimizer()), 1e-30);
        double[][] h = new double[8][8];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                h[i][j] = f.hessian(i, j);
            }
        }
        assertEquals(20, spectralNorm(h), 1e-9, "‖A‖ = λ_max exactly");
        // A q_k = λ_k q_k
        double[][] q = f.eigenvectors();
        double[] l = f.eigenvalues();
        for (int k = 0; k < 8; k++) {
            for (int i = 0; i < 8; i++) {
                double s = 0;
                for (int j = 0; j < 8; j++) {
                    s += h[i][j] * q[j][k];
                }
                assertEquals(l[k] * q[i][k], s, 1e-12);
            }
        }
        Quadratic c = Quadratic.conditioned(6, 1e3, r.split(4));
        assertEquals(1, c.smoothness());
        assertEquals(1e3, c.conditionNumber(), 1e-9);
    }

    @Test
    void nonconvexGradientsAndCertifiedSmoothness() {
        RandomStream r = new RandomStream(11);
        for (SeparableNonconvex.Profile p : SeparableNonconvex.Profile.values()) {
            double[] a = gaussian(6, r.split(p.ordinal()), 1);
            for (SeparableNonconvex f : new SeparableNonconvex[] {
                    SeparableNonconvex.axisAligned(p, 1.5, 0.7, a), SeparableNonconvex.rotated(p, 0.3, 2.0, a, r.split(7))}) {
                RandomStream pts = r.split(100 + p.ordinal());
                double sup = 0;
                for (int k = 0; k < 200; k++) {
                    double[] w = gaussian(6, pts, k % 2 == 0 ? 0.3 : 3);
                    for (int i = 0; i < 6; i++) {
                        w[i] += a[i];
                    }
                    if (k < 20) {
                        checkGradient(f, w, 1e-6);
                    }
                    double[] g = new double[6];
                    f.gradient(w, g);
                    double gn = 0;
                    for (double x : g) {
                        gn += x * x;
                    }
                    assertTrue(Math.sqrt(gn) <= f.gradientBound() * (1 + 1e-12), "G bounds ‖∇f‖");
                    if (k < 40) {
                        double hn = spectralNorm(fdHessian(f, w));
                        assertEquals(f.hessianNorm(w), hn, 1e-3 * (1 + hn), "exact Hessian norm vs finite differences (power iteration)");
                    }
                    double hn = f.hessianNorm(w);
                    assertTrue(hn <= f.smoothness() * (1 + 1e-12), "L bounds ‖∇²f‖: " + hn + " > " + f.smoothness());
                    sup = Math.max(sup, hn);
                }
                assertEquals(f.smoothness(), f.hessianNorm(a), 1e-12, "L is attained at the minimizer");
                assertTrue(sup > 0.5 * f.smoothness(), "sampled sup " + sup);
                assertEquals(0, f.value(a), 0, "f* = 0 at a");
            }
        }
    }

    @Test
    void profileCurvatureBoundsOnADenseGrid() {
        for (SeparableNonconvex.Profile p : SeparableNonconvex.Profile.values()) {
            double maxAbs = 0;
            double maxSlope = 0;
            double min = Double.POSITIVE_INFINITY;
            for (int k = -200_000; k <= 200_000; k++) {
                double u = k * 1e-4;
                maxAbs = Math.max(maxAbs, Math.abs(p.curvature(u)));
                maxSlope = Math.max(maxSlope, Math.abs(p.slope(u)));
                min = Math.min(min, p.curvature(u));
                // φ'' against a difference quotient of φ'
                if (k % 1000 == 0) {
                    double fd = (p.slope(u + 1e-6) - p.slope(u - 1e-6)) / 2e-6;
                    assertEquals(fd, p.curvature(u), 1e-7);
                    double fd1 = (p.value(u + 1e-6) - p.value(u - 1e-6)) / 2e-6;
                    assertEquals(fd1, p.slope(u), 1e-7);
                }
            }
            assertEquals(p.curvatureBound(), maxAbs, 1e-9);
            assertEquals(p.slopeBound(), maxSlope, 1e-7);
            if (p == SeparableNonconvex.Profile.LOG) {
                assertEquals(-0.25, min, 1e-8, "inf φ'' = −1/4 at u² = 3");
            }
        }
    }

    /**
     * The value-free paths have the bits of the full ones: SeparableNonconvex.gradientOnly against gradient (both
     * profiles, rotated and axis-aligned), PerturbedSum.gradientOnly and minibatchGradientOnly against gradient and
     * minibatchGradient (batches with repeats).
     */
    @Test
    void gradientOnlyPathsHaveTheBitsOfTheGradients() {
        RandomStream r = new RandomStream(41);
        double[] center = r.gaussians(new double[7]);
        for (SeparableNonconvex.Profile profile : SeparableNonconvex.Profile.values()) {
            for (SeparableNonconvex f : new SeparableNonconvex[] {
                SeparableNonconvex.rotated(profile, 1.5, 0.7, center, r.split(1)),
                SeparableNonconvex.axisAligned(profile, 0.5, 2.0, center)}) {
                PerturbedSum sum = PerturbedSum.gaussian(f, 9, 2.0, r.split(2));
                for (int k = 0; k < 20; k++) {
                    double[] w = r.gaussians(new double[7]);
                    double[] want = new double[7];
                    double[] got = new double[7];
                    f.gradient(w, want);
                    f.gradientOnly(w, got);
                    assertArrayEquals(want, got, 0.0, f.describe() + " gradientOnly");
                    java.util.Arrays.fill(got, Double.NaN);
                    sum.gradientOnly(w, got);
                    assertArrayEquals(want, got, 0.0, "PerturbedSum.gradientOnly");
                    int[] batch = {k % 9, (3 * k) % 9, k % 9};
                    int count = 1 + k % 3;
                    sum.minibatchGradient(w, batch, count, want);
                    sum.minibatchGradientOnly(w, batch, count, got);
                    assertArrayEquals(want, got, 0.0, "PerturbedSum.minibatchGradientOnly, batch of " + count);
                }
            }
        }
    }

    @Test
    void perturbedSumIsUnbiasedWithExactVariance() {
        RandomStream r = new RandomStream(2);
        SeparableNonconvex base = SeparableNonconvex.rotated(SeparableNonconvex.Profile.LOG, 1, 1, new double[4], r.split(1));
        PerturbedSum f = PerturbedSum.gaussian(base, 7, 0.8, r.split(2));
        assertEquals(0.8, f.variance(), 1e-12);
        double[] w = {0.3, -1, 2, 0.5};
        double[] g = new double[4];
        double[] mean = new double[4];
        double var = 0;
        double[] gi = new double[4];
        f.gradient(w, g);
        double fm = 0;
        for (int j = 0; j < 7; j++) {
            fm += f.minibatchGradient(w, new int[] {j}, 1, gi) / 7;
            for (int i = 0; i < 4; i++) {
                mean[i] += gi[i] / 7;
                var += (gi[i] - g[i]) * (gi[i] - g[i]) / 7;
            }
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(g[i], mean[i], 1e-12);
        }
        assertEquals(0.8, var, 1e-12);
        assertEquals(f.value(w), fm, 1e-12);
    }
}
