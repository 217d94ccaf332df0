package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.geometry.Potential;
import org.sgdlab.geometry.Potentials;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

class BregmanProjectionTest {

    static Matrix gaussian(SplittableRandom rnd, int n, int d) {
        double[] a = new double[n * d];
        for (int k = 0; k < a.length; k++) {
            a[k] = rnd.nextGaussian();
        }
        return new Matrix(n, d, a);
    }

    static double[] gaussian(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static void assertOptimal(BregmanProjectionSolution s) {
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        assertTrue(s.primalResidual() <= 1e-12, () -> "primal " + s.primalResidual());
        assertTrue(s.kktResidual() <= 1e-10, () -> "KKT " + s.kktResidual());
    }

    /** Orthonormal basis (rows) of null(X), from the null components of the standard basis vectors. */
    static double[][] nullBasis(Matrix x) {
        RowSpace rs = RowSpace.of(x);
        int d = x.cols();
        List<double[]> basis = new ArrayList<>();
        for (int j = 0; j < d && basis.size() < d - rs.rank(); j++) {
            double[] e = new double[d];
            e[j] = 1;
            double[] v = rs.nullComponent(e, new double[d]);
            for (int pass = 0; pass < 2; pass++) {
                for (double[] b : basis) {
                    Kernels.axpy(-Kernels.dot(b, v), b, v);
                }
            }
            double nv = Kernels.norm2(v);
            if (nv > 1e-6) {
                for (int t = 0; t < d; t++) {
                    v[t] /= nv;
                }
                basis.add(v);
            }
        }
        return basis.toArray(new double[0][]);
    }

    /**
     * Independent reference: min D_R(w, w₀) over w = w_f + Σ c_k N_k (w_f a feasible point, N a null-space basis) by
     * BFGS with backtracking on c, using only R's value and gradient (no conjugate, no dual).
     */
    static double[] primalReference(Potential r, Matrix x, double[] y, double[] w0) {
        return primalReference(r, x, y, w0, MinNormLeastSquares.solve(x, y).w());
    }

    /** As above, parametrising the affine set from the feasible point {@code wf} (which must be in R's domain). */
    static double[] primalReference(Potential r, Matrix x, double[] y, double[] w0, double[] wf) {
        int d = x.cols();
        double[][] nb = nullBasis(x);
        int m = nb.length;
        double[] z0 = new double[d];
        r.gradientInto(w0, z0);
        java.util.function.Function<double[], double[]> toW = c -> {
            double[] w = wf.clone();
            for (int k = 0; k < m; k++) {
                Kernels.axpy(c[k], nb[k], w);
            }
            return w;
        };
        java.util.function.ToDoubleFunction<double[]> obj = c -> {
            double[] w = toW.apply(c);
            return r.value(w) - Kernels.dot(z0, w);
        };
        java.util.function.Function<double[], double[]> grad = c -> {
            double[] w = toW.apply(c);
            double[] g = new double[d];
            r.gradientInto(w, g);
            double[] gc = new double[m];
            for (int k = 0; k < m; k++) {
                gc[k] = Kernels.dot(nb[k], g) - Kernels.dot(nb[k], z0);
            }
            return gc;
        };
        double[] c = new double[m];
        double[][] hinv = new double[m][m];
        for (int k = 0; k < m; k++) {
            hinv[k][k] = 1;
        }
        double[] g = grad.apply(c);
        double f = obj.applyAsDouble(c);
        for (int it = 0; it < 5000 && Kernels.norm2(g) > 1e-15; it++) {
            double[] p = new double[m];
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    p[a] -= hinv[a][b] * g[b];
                }
            }
            if (Kernels.dot(p, g) >= 0) {
                p = g.clone();
                for (int a = 0; a < m; a++) {
                    p[a] = -p[a];
                    java.util.Arrays.fill(hinv[a], 0);
                    hinv[a][a] = 1;
                }
            }
            double t = 1;
            double[] cn = null;
            double fn = 0;
            for (int ls = 0; ls < 60; ls++, t *= 0.5) {
                cn = c.clone();
                Kernels.axpy(t, p, cn);
                fn = obj.applyAsDouble(cn);
                if (fn <= f + 1e-4 * t * Kernels.dot(p, g)) {
                    break;
                }
            }
            double[] gn = grad.apply(cn);
            double[] s = new double[m];
            double[] yv = new double[m];
            for (int a = 0; a < m; a++) {
                s[a] = cn[a] - c[a];
                yv[a] = gn[a] - g[a];
            }
            double sy = Kernels.dot(s, yv);
            if (sy > 1e-300) {
                double[] hy = new double[m];
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < m; b++) {
                        hy[a] += hinv[a][b] * yv[b];
                    }
                }
                double yhy = Kernels.dot(yv, hy);
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < m; b++) {
                        hinv[a][b] += (sy + yhy) * s[a] * s[b] / (sy * sy) - (hy[a] * s[b] + s[a] * hy[b]) / sy;
                    }
                }
            }
            if (Math.abs(fn - f) == 0 && Kernels.norm2(s) == 0) {
                break;
            }
            c = cn;
            g = gn;
            f = fn;
        }
        return toW.apply(c);
    }

    @Test
    void euclideanEqualsMinNormFromInitial() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int rep = 0; rep < 5; rep++) {
            int n = 3 + rep;
            int d = 2 * n + 3;
            Matrix x = gaussian(rnd, n, d);
            double[] y = gaussian(rnd, n);
            double[] w0 = gaussian(rnd, d);
            BregmanProjectionSolution s = BregmanProjection.project(BregmanProjection.Mirror.euclidean(), x, y, w0);
            assertOptimal(s);
            double[] ref = MinNormLeastSquares.fromInitial(x, y, w0).w();
            double diff = maxAbsDiff(s.w(), ref);
            assertTrue(diff <= 1e-12, "max |w − w₀ − X⁺(y − Xw₀)| = " + diff);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.3, 1.5, 3.0, 4.0})
    void lpSquaredAgainstPrimalNullSpaceBfgs(double p, TestReporter reporter) {
        SplittableRandom rnd = new SplittableRandom(5 + (long) (10 * p));
        Matrix x = gaussian(rnd, 3, 7);
        double[] y = gaussian(rnd, 3);
        double[] w0 = gaussian(rnd, 7);
        BregmanProjection.Mirror mirror = BregmanProjection.Mirror.lpSquared(p);
        for (double[] start : new double[][] {new double[7], w0}) {
            BregmanProjectionSolution s = BregmanProjection.project(mirror, x, y, start);
            assertOptimal(s);
            double[] ref = primalReference(mirror.potential(), x, y, start);
            double diff = maxAbsDiff(s.w(), ref);
            reporter.publishEntry(String.format("Bregman ½‖·‖²_%s: |w − w_ref|∞ = %.2e, KKT %.2e, %d Newton its", p, diff,
                    s.kktResidual(), s.iterations()));
            assertTrue(diff <= 1e-8, "p=" + p + ": |w − w_ref|∞ = " + diff);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.25, 1.5, 2.0, 3.0, 7.0})
    void closedFormLpConjugateHessianMatchesFiniteDifferences(double p) {
        SplittableRandom rnd = new SplittableRandom(31);
        Potential r = Potentials.lpSquared(p);
        double q = p / (p - 1);
        for (int rep = 0; rep < 5; rep++) {
            double[] z = gaussian(rnd, 6);
            double[] v = gaussian(rnd, 6);
            double[] hv = new double[6];
            BregmanProjection.lpConjugateHessianTimes(q, z, v, hv);
            double[] d1 = centralDifference(r, z, v, 2e-6);
            double[] d2 = centralDifference(r, z, v, 1e-6);
            for (int i = 0; i < 6; i++) {
                double fd = (4 * d2[i] - d1[i]) / 3; // Richardson extrapolation, O(h⁴)
                assertEquals(fd, hv[i], 1e-7 * (1 + Math.abs(fd)), "p=" + p + " i=" + i);
            }
        }
    }

    private static double[] centralDifference(Potential r, double[] z, double[] v, double h) {
        double[] zp = z.clone();
        double[] zm = z.clone();
        Kernels.axpy(h, v, zp);
        Kernels.axpy(-h, v, zm);
        r.inverseGradientInto(zp, zp);
        r.inverseGradientInto(zm, zm);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (zp[i] - zm[i]) / (2 * h);
        }
        return out;
    }

    @Test
    void numericalHessianFallbackAgreesWithClosedForm() {
        SplittableRandom rnd = new SplittableRandom(3);
        Matrix x = gaussian(rnd, 4, 9);
        double[] y = gaussian(rnd, 4);
        for (BregmanProjection.Mirror m : new BregmanProjection.Mirror[] {BregmanProjection.Mirror.lpSquared(3),
                BregmanProjection.Mirror.hyperbolicEntropy(0.1)}) {
            BregmanProjectionSolution a = BregmanProjection.project(m, x, y, null);
            BregmanProjectionSolution b = BregmanProjection.project(BregmanProjection.Mirror.numerical(m.potential()),
                    x, y, null);
            assertOptimal(a);
            assertOptimal(b);
            assertTrue(maxAbsDiff(a.w(), b.w()) <= 1e-11, m.potential().describe());
        }
    }

    /** A 5 × 12 Gaussian system with a 2-sparse solution that is certified ℓ1-minimal by a dual certificate. */
    private static Object[] sparseCase() {
        for (long seed = 2024; seed < 2124; seed++) {
            Object[] c = sparseCase(seed);
            if (c != null) {
                return c;
            }
        }
        throw new AssertionError("no certified sparse case found");
    }

    private static Object[] sparseCase(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 6;
        int d = 12;
        Matrix x = gaussian(rnd, n, d);
        double[] ws = new double[d];
        ws[2] = 1.5;
        ws[7] = -0.8;
        double[] y = x.times(ws);
        // Certificate: ν = X_S (X_SᵀX_S)⁻¹ sign(w_S) has X_Sᵀν = sign(w_S); ℓ1-optimal and unique if |X_jᵀν| < 1 off S.
        int[] sup = {2, 7};
        double[][] g = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < n; i++) {
                    g[a][b] += x.get(i, sup[a]) * x.get(i, sup[b]);
                }
            }
        }
        double[] sg = {1, -1};
        double det = g[0][0] * g[1][1] - g[0][1] * g[1][0];
        double c0 = (g[1][1] * sg[0] - g[0][1] * sg[1]) / det;
        double c1 = (g[0][0] * sg[1] - g[1][0] * sg[0]) / det;
        double[] nu = new double[n];
        for (int i = 0; i < n; i++) {
            nu[i] = c0 * x.get(i, sup[0]) + c1 * x.get(i, sup[1]);
        }
        double[] xtnu = x.transposeTimes(nu);
        double offMax = 0;
        for (int j = 0; j < d; j++) {
            if (j != 2 && j != 7) {
                offMax = Math.max(offMax, Math.abs(xtnu[j]));
            }
        }
        if (offMax >= 0.9) {
            return null;
        }
        return new Object[] {x, y, ws};
    }

    @Test
    void hyperbolicEntropySmallAlphaApproachesMinL1(TestReporter reporter) {
        Object[] c = sparseCase();
        Matrix x = (Matrix) c[0];
        double[] y = (double[]) c[1];
        double[] ws = (double[]) c[2];
        double prev = Double.POSITIVE_INFINITY;
        for (double alpha : new double[] {1e-1, 1e-2, 1e-4, 1e-6}) {
            BregmanProjectionSolution s = BregmanProjection.project(BregmanProjection.Mirror.hyperbolicEntropy(alpha), x,
                    y, null);
            assertOptimal(s);
            double err = maxAbsDiff(s.w(), ws);
            reporter.publishEntry(String.format("hyperbolic α=%.0e: |w_α − w_ℓ1|∞ = %.3e, KKT %.2e, %d Newton its", alpha, err,
                    s.kktResidual(), s.iterations()));
            assertTrue(err < prev, "error did not decrease at α=" + alpha);
            prev = err;
            if (alpha == 1e-6) {
                assertTrue(err <= 1e-3, "α=1e-6: |w_α − w_ℓ1|∞ = " + err);
            }
        }
    }

    @Test
    void hyperbolicEntropyLargeAlphaApproachesMinL2(TestReporter reporter) {
        Object[] c = sparseCase();
        Matrix x = (Matrix) c[0];
        double[] y = (double[]) c[1];
        double[] l2 = MinNormLeastSquares.solve(x, y).w();
        double prev = Double.POSITIVE_INFINITY;
        for (double alpha : new double[] {1, 1e2, 1e4}) {
            BregmanProjectionSolution s = BregmanProjection.project(BregmanProjection.Mirror.hyperbolicEntropy(alpha), x,
                    y, null);
            assertOptimal(s);
            double err = maxAbsDiff(s.w(), l2);
            reporter.publishEntry(String.format("hyperbolic α=%.0e: |w_α − w_ℓ2|∞ = %.3e", alpha, err));
            assertTrue(err < prev);
            prev = err;
        }
        assertTrue(prev <= 1e-7, "α=1e4: " + prev);
    }

    @Test
    void bookPotentialMatchesRescaledHyperbolic() {
        // R^{002}_α = ¼ R_{α²} + const, so both have the same Bregman projection.
        Object[] c = sparseCase();
        Matrix x = (Matrix) c[0];
        double[] y = (double[]) c[1];
        BregmanProjectionSolution a = BregmanProjection.project(BregmanProjection.Mirror.hyperbolicEntropyBook(0.1), x,
                y, null);
        BregmanProjectionSolution b = BregmanProjection.project(BregmanProjection.Mirror.hyperbolicEntropy(0.01), x, y,
                null);
        assertOptimal(a);
        assertOptimal(b);
        assertTrue(maxAbsDiff(a.w(), b.w()) <= 1e-12);
    }

    @Test
    void negativeEntropyFromPositiveStart() {
        SplittableRandom rnd = new SplittableRandom(8);
        Matrix x = gaussian(rnd, 2, 6);
        double[] wTrue = {0.5, 1, 0.2, 0.7, 1.3, 0.4};
        double[] y = x.times(wTrue);
        double[] w0 = {1, 1, 1, 1, 1, 1};
        BregmanProjectionSolution s = BregmanProjection.project(BregmanProjection.Mirror.negativeEntropy(), x, y, w0);
        assertOptimal(s);
        double[] ref = primalReference(new Potential() {
            @Override
            public double value(double[] w) {
                double acc = 0;
                for (double v : w) {
                    acc += v > 0 ? v * Math.log(v) : (v == 0 ? 0 : Double.POSITIVE_INFINITY);
                }
                return acc;
            }

            @Override
            public void gradientInto(double[] w, double[] out) {
                Potentials.negativeEntropy().gradientInto(w, out);
            }

            @Override
            public void inverseGradientInto(double[] z, double[] out) {
                Potentials.negativeEntropy().inverseGradientInto(z, out);
            }

            @Override
            public String describe() {
                return "negent";
            }
        }, x, y, w0, wTrue);
        assertTrue(maxAbsDiff(s.w(), ref) <= 1e-8, "diff " + maxAbsDiff(s.w(), ref) + " " + java.util.Arrays.toString(s.w()) + " ref " + java.util.Arrays.toString(ref));
    }

    @Test
    void rejectsBadInput() {
        Matrix x = Matrix.of(new double[][] {{1, 2}});
        assertThrows(IllegalArgumentException.class,
                () -> BregmanProjection.project(BregmanProjection.Mirror.euclidean(), x, new double[] {1, 2}, null));
        assertThrows(IllegalArgumentException.class,
                () -> BregmanProjection.project(BregmanProjection.Mirror.euclidean(), x, new double[] {Double.NaN}, null));
        assertThrows(IllegalArgumentException.class,
                () -> BregmanProjection.project(BregmanProjection.Mirror.euclidean(), x, new double[] {1}, new double[3]));
    }
    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e4, 1e6})
    void largeScaleHyperbolicEntropyIsSolvedAndAgreesAcrossScalings(double alpha) {
        // 002's R_α at large α is a small difference of 2α²-sized terms; the dual value must not be rounding noise
        // (before the sinh² form of R*, α = 1e4 exhausted 500 Newton iterations at relative residual 0.2)
        SplittableRandom rnd = new SplittableRandom(11);
        Matrix x = gaussian(rnd, 15, 40);
        double[] y = new double[15];
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextGaussian();
        }
        BregmanProjectionSolution book = BregmanProjection.project(BregmanProjection.Mirror.hyperbolicEntropyBook(alpha), x, y, null);
        BregmanProjectionSolution plain = BregmanProjection.project(BregmanProjection.Mirror.hyperbolicEntropy(alpha * alpha), x, y, null);
        assertEquals(OracleStatus.OPTIMAL, book.status(), book.message());
        assertEquals(OracleStatus.OPTIMAL, plain.status(), plain.message());
        assertTrue(book.kktResidual() <= 1e-9, "KKT " + book.kktResidual());
        for (int j = 0; j < 40; j++) {
            assertEquals(plain.w()[j], book.w()[j], 1e-10 * (1 + Math.abs(plain.w()[j])));
        }
        // at this scale R_α ≈ ‖·‖²/(16α²): the projection from 0 is the min-ℓ2 interpolant X⁺y
        double[] minNorm = MinNormLeastSquares.solve(x, y).w();
        double[] diff = book.w().clone();
        for (int j = 0; j < diff.length; j++) {
            diff[j] -= minNorm[j];
        }
        assertTrue(Kernels.norm2(diff) <= 1e-5 * Kernels.norm2(minNorm), "distance to X⁺y " + Kernels.norm2(diff));
    }

    @Test
    void hyperbolicConjugateValueMatchesTheDirectFormUpToAConstant() {
        // moderate β, where ⟨z, w⟩ − R(w) is still accurate: both forms must differ by the same constant everywhere
        BregmanProjection.Mirror m = BregmanProjection.Mirror.hyperbolicEntropyBook(0.7);
        BregmanProjection.Mirror direct = new BregmanProjection.Mirror(m.potential(), m.hessian(), m.hessianForm());
        SplittableRandom rnd = new SplittableRandom(5);
        double offset = Double.NaN;
        for (int k = 0; k < 20; k++) {
            double[] z = new double[6];
            for (int j = 0; j < z.length; j++) {
                z[j] = rnd.nextGaussian();
            }
            double[] w = new double[6];
            m.potential().inverseGradientInto(z, w);
            double diff = direct.conjugate().value(z, w) - m.conjugate().value(z, w);
            if (Double.isNaN(offset)) {
                offset = diff;
            }
            assertEquals(offset, diff, 1e-14 * (1 + Math.abs(m.conjugate().value(z, w))));
        }
    }
}
