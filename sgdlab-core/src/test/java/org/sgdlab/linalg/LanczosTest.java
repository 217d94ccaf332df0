package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdlab.random.RandomStream;

/** {@link Lanczos} against the dense Jacobi eigensolver ({@link SymmetricEigen}) on seeded symmetric matrices. */
class LanczosTest {

    /** Q diag(λ) Qᵀ with Q a seeded random orthogonal matrix (Gram–Schmidt of a Gaussian matrix, twice). */
    static double[] withSpectrum(double[] lambda, long seed) {
        int n = lambda.length;
        RandomStream r = new RandomStream(seed);
        double[][] q = new double[n][];
        for (int c = 0; c < n; c++) {
            double[] v = r.gaussians(new double[n]);
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < c; p++) {
                    double d = ReferenceKernels.dot(q[p], v);
                    for (int i = 0; i < n; i++) {
                        v[i] -= d * q[p][i];
                    }
                }
            }
            double nv = Math.sqrt(ReferenceKernels.dot(v, v));
            for (int i = 0; i < n; i++) {
                v[i] /= nv;
            }
            q[c] = v;
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int c = 0; c < n; c++) {
                    s += q[c][i] * lambda[c] * q[c][j];
                }
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        }
        return a;
    }

    /** A symmetric matrix with independent N(0, 1) entries on and above the diagonal (a GOE-like sample). */
    static double[] wigner(int n, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = r.nextGaussian();
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        return a;
    }

    /**
     * Checks a result against the dense reference: the k values match the reference's k extreme eigenvalues within the
     * reported error bound (plus rounding), the vectors are orthonormal, and the reported residuals are the real ones.
     */
    static void assertMatchesDense(double[] a, int n, Lanczos.Result res) {
        SymmetricEigen ref = SymmetricEigen.of(a, n);
        double norm = Math.max(Math.abs(ref.min()), Math.abs(ref.max()));
        int k = res.count();
        assertTrue(res.converged(), res.message());
        for (int i = 0; i < k; i++) {
            double expected = res.which() == Lanczos.Which.LARGEST ? ref.values()[n - 1 - i] : ref.values()[i];
            double err = Math.abs(res.values()[i] - expected);
            assertTrue(err <= res.errorBound(i) + 1e-13 * norm,
                    "value " + i + ": " + res.values()[i] + " vs " + expected + ", bound " + res.errorBound(i));
            // the bound must be useful, not just true
            assertTrue(res.errorBound(i) <= 1e-8 * norm * 1.0000001, "residual " + res.errorBound(i));
            double[] x = res.vectors()[i];
            double[] ax = new double[n];
            SymmetricOperator.ofMatrix(a, n).apply(x, ax);
            double r2 = 0;
            for (int t = 0; t < n; t++) {
                double d = ax[t] - res.values()[i] * x[t];
                r2 += d * d;
            }
            assertEquals(Math.sqrt(r2), res.residualNorms()[i], 1e-14 * norm, "reported residual " + i);
            for (int j = 0; j <= i; j++) {
                assertEquals(i == j ? 1.0 : 0.0, ReferenceKernels.dot(x, res.vectors()[j]), 1e-13, "orthonormality " + i + "," + j);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Lanczos.Which.class)
    void wignerMatrixExtremesMatchDenseSolver(Lanczos.Which which) {
        int n = 150;
        double[] a = wigner(n, 11);
        Lanczos.Options o = new Lanczos.Options(which, 4, 1e-10, 0, 10_000, true);
        Lanczos.Result res = Lanczos.solve(SymmetricOperator.ofMatrix(a, n), n, o, new RandomStream(3));
        assertMatchesDense(a, n, res);
        // eigenvectors too: for a simple eigenvalue with gap δ, sin∠(x, v) ≤ ‖r‖/δ
        SymmetricEigen ref = SymmetricEigen.of(a, n);
        for (int i = 0; i < 4; i++) {
            int col = which == Lanczos.Which.LARGEST ? n - 1 - i : i;
            double gap = Double.POSITIVE_INFINITY;
            for (int c = 0; c < n; c++) {
                if (c != col) {
                    gap = Math.min(gap, Math.abs(ref.values()[c] - ref.values()[col]));
                }
            }
            double dot = 0;
            for (int t = 0; t < n; t++) {
                dot += res.vectors()[i][t] * ref.vectors()[t * n + col];
            }
            double sin = Math.sqrt(Math.max(0, 1 - dot * dot));
            assertTrue(sin <= res.errorBound(i) / gap + 1e-7, "vector " + i + ": sin " + sin + ", gap " + gap);
        }
    }

    @Test
    void tightClusterAtTheTopIsResolved() {
        int n = 120;
        double[] lambda = new double[n];
        RandomStream r = new RandomStream(5);
        for (int i = 0; i < n; i++) {
            lambda[i] = -3 + 6 * r.nextDouble();
        }
        lambda[0] = 5;
        lambda[1] = 5 - 1e-7;
        lambda[2] = 5 - 2e-7;
        lambda[3] = 4.9;
        double[] a = withSpectrum(lambda, 6);
        Lanczos.Result res = Lanczos.solve(SymmetricOperator.ofMatrix(a, n), n, Lanczos.Options.largest(4).withTolerance(1e-10),
                new RandomStream(7));
        assertMatchesDense(a, n, res);
        assertEquals(5, res.values()[0], 1e-9);
        assertEquals(5 - 1e-7, res.values()[1], 1e-9);
        assertEquals(5 - 2e-7, res.values()[2], 1e-9);
        assertEquals(4.9, res.values()[3], 1e-9);
    }

    @Test
    void negativeSpectrumLargestMeansAlgebraicallyLargest() {
        int n = 100;
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = -1 - 0.1 * i - 0.001 * i * i; // all negative; the largest in magnitude is the most negative
        }
        double[] a = withSpectrum(lambda, 8);
        SymmetricOperator op = SymmetricOperator.ofMatrix(a, n);
        Lanczos.Result top = Lanczos.solve(op, n, Lanczos.Options.largest(3).withTolerance(1e-10), new RandomStream(9));
        assertMatchesDense(a, n, top);
        assertEquals(-1.0, top.values()[0], 1e-9);
        assertEquals(-1.101, top.values()[1], 1e-9);
        Lanczos.Result bottom = Lanczos.solve(op, n, Lanczos.Options.smallest(3).withTolerance(1e-10), new RandomStream(9));
        assertMatchesDense(a, n, bottom);
        assertEquals(lambda[n - 1], bottom.values()[0], 1e-9);
    }

    @Test
    void repeatedEigenvalueNeedsTheMultiplicityCheck() {
        int n = 80;
        double[] lambda = new double[n];
        RandomStream r = new RandomStream(10);
        for (int i = 0; i < n; i++) {
            lambda[i] = 2 * r.nextDouble() - 1;
        }
        lambda[0] = 3; // a double eigenvalue, well separated from the next one (2.5) and the bulk in [-1, 1]
        lambda[1] = 3;
        lambda[2] = 2.5;
        double[] a = withSpectrum(lambda, 12);
        SymmetricOperator op = SymmetricOperator.ofMatrix(a, n);
        Lanczos.Result checked = Lanczos.solve(op, n, Lanczos.Options.largest(2), new RandomStream(13));
        assertMatchesDense(a, n, checked);
        assertTrue(checked.verificationRuns() >= 2, checked.message());
        assertEquals(3.0, checked.values()[0], 1e-10);
        assertEquals(3.0, checked.values()[1], 1e-10);
        // Without the check one Krylov sequence sees one copy of the double eigenvalue and converges to (3, 2.5): wrong,
        // though every residual is small (each θ is near *an* eigenvalue). This is the failure the check exists for.
        Lanczos.Result unchecked = Lanczos.solve(op, n, Lanczos.Options.largest(2).withVerifyMultiplicity(false),
                new RandomStream(13));
        assertTrue(unchecked.converged(), unchecked.message());
        assertEquals(3.0, unchecked.values()[0], 1e-10);
        assertEquals(2.5, unchecked.values()[1], 1e-10);
    }

    @Test
    void largeDiagonalOperatorRestartsAndConverges() {
        int n = 200_000;
        double[] d = new double[n];
        RandomStream r = new RandomStream(14);
        for (int i = 0; i < n; i++) {
            d[i] = r.nextDouble(); // bulk in [0, 1)
        }
        d[17] = 2.0;
        d[99_999] = 1.5;
        d[123_456] = 1.25;
        d[5] = -1.0;
        SymmetricOperator op = (v, out) -> {
            for (int i = 0; i < n; i++) {
                out[i] = d[i] * v[i];
            }
        };
        Lanczos.Result top = Lanczos.solve(op, n, Lanczos.Options.largest(3).withTolerance(1e-9), new RandomStream(15));
        assertTrue(top.converged(), top.message());
        assertTrue(top.restarts() > 0, top.message());
        assertEquals(2.0, top.values()[0], top.errorBound(0) + 1e-14);
        assertEquals(1.5, top.values()[1], top.errorBound(1) + 1e-14);
        assertEquals(1.25, top.values()[2], top.errorBound(2) + 1e-14);
        assertEquals(1.0, Math.abs(top.vectors()[0][17]), 1e-8);
        Lanczos.Result bottom = Lanczos.solve(op, n, Lanczos.Options.smallest(1).withTolerance(1e-9), new RandomStream(15));
        assertTrue(bottom.converged(), bottom.message());
        assertEquals(-1.0, bottom.values()[0], bottom.errorBound(0) + 1e-14);
    }

    @Test
    void sameStreamGivesSameBitsOtherStreamSameValues() {
        int n = 90;
        double[] a = wigner(n, 16);
        SymmetricOperator op = SymmetricOperator.ofMatrix(a, n);
        Lanczos.Options o = Lanczos.Options.largest(2).withTolerance(1e-11).withBasisSize(6);
        Lanczos.Result x = Lanczos.solve(op, n, o, new RandomStream(17));
        Lanczos.Result y = Lanczos.solve(op, n, o, new RandomStream(17));
        assertArrayEquals(x.values(), y.values());
        assertArrayEquals(x.vectors()[1], y.vectors()[1]);
        assertArrayEquals(x.residualNorms(), y.residualNorms());
        assertTrue(x.restarts() > 0, "basis 6 forces restarts: " + x.message());
        Lanczos.Result z = Lanczos.solve(op, n, o, new RandomStream(18));
        for (int i = 0; i < 2; i++) {
            assertEquals(x.values()[i], z.values()[i], x.errorBound(i) + z.errorBound(i) + 1e-13);
        }
    }

    @Test
    void smallDimensionsAreExact() {
        double[] a = {2, 1, 0, 1, 2, 1, 0, 1, 2}; // eigenvalues 2 − √2, 2, 2 + √2
        Lanczos.Result all = Lanczos.solve(SymmetricOperator.ofMatrix(a, 3), 3, Lanczos.Options.smallest(3), new RandomStream(1));
        assertTrue(all.converged(), all.message());
        assertEquals(2 - Math.sqrt(2), all.values()[0], 1e-14);
        assertEquals(2, all.values()[1], 1e-14);
        assertEquals(2 + Math.sqrt(2), all.values()[2], 1e-14);
        Lanczos.Result one = Lanczos.solve((v, out) -> out[0] = -4 * v[0], 1, Lanczos.Options.largest(1), new RandomStream(1));
        assertEquals(-4, one.values()[0], 0);
        assertEquals(1, Math.abs(one.vectors()[0][0]), 0);
        Lanczos.Result zero = Lanczos.solve((v, out) -> Arrays.fill(out, 0.0), 50, Lanczos.Options.largest(2), new RandomStream(2));
        assertTrue(zero.converged(), zero.message());
        assertEquals(0, zero.values()[0], 0);
        assertEquals(0, zero.residualNorms()[1], 0);
    }

    @Test
    void identityHasFullMultiplicityAndTheCheckStops() {
        int n = 40;
        Lanczos.Result res = Lanczos.solve((v, out) -> System.arraycopy(v, 0, out, 0, n), n, Lanczos.Options.largest(3),
                new RandomStream(3));
        assertTrue(res.converged(), res.message());
        for (double v : res.values()) {
            assertEquals(1.0, v, 1e-15);
        }
    }

    @Test
    void budgetExhaustionIsReportedAndBoundsStillHold() {
        int n = 150;
        double[] a = wigner(n, 19);
        SymmetricEigen ref = SymmetricEigen.of(a, n);
        Lanczos.Result res = Lanczos.solve(SymmetricOperator.ofMatrix(a, n), n,
                Lanczos.Options.largest(2).withMaxApplications(8), new RandomStream(20));
        assertFalse(res.converged());
        assertTrue(res.message().contains("budget"), res.message());
        for (int i = 0; i < 2; i++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (double l : ref.values()) {
                nearest = Math.min(nearest, Math.abs(l - res.values()[i]));
            }
            assertTrue(nearest <= res.errorBound(i) * (1 + 1e-12), "bound " + i);
        }
    }

    @Test
    void invalidInputIsRejectedWithTheValue() {
        SymmetricOperator id = (v, out) -> System.arraycopy(v, 0, out, 0, v.length);
        RandomStream r = new RandomStream(1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanczos.solve(id, 3, Lanczos.Options.largest(4), r))
                .getMessage().contains("got 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanczos.solve(id, 0, Lanczos.Options.largest(1), r))
                .getMessage().contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanczos.Options.largest(0)).getMessage().contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanczos.Options.largest(1).withTolerance(-0.1))
                .getMessage().contains("got -0.1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanczos.Options.largest(3).withBasisSize(4))
                .getMessage().contains("got 4"));
        SymmetricOperator nan = (v, out) -> {
            System.arraycopy(v, 0, out, 0, v.length);
            out[2] = Double.NaN;
        };
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanczos.solve(nan, 5, Lanczos.Options.largest(1), r))
                .getMessage().contains("index 2"));
    }
}
