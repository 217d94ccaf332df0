package org.sgdlab.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.GemmReference;
import org.sgdlab.linalg.Transpose;

/**
 * The OpenBLAS backend against sgdlab's reference within the worst-case rounding bound (not bits: OpenBLAS sums in
 * its own order), chosen through {@code -Dsgdlab.blas=openblas} (set for this module's tests in its POM).
 */
class OpenBlasGemmTest {
    private static final double U = 0x1p-53;

    @Test
    void theFlagSelectsOpenBlasAndTheProvenanceNamesItsKernel() {
        assertEquals("openblas", Gemm.backend().name(), Gemm.describe());
        assertTrue(Gemm.describe().startsWith("OpenBLAS native cblas_dgemm (OpenBLAS 0.3.31"), Gemm.describe());
        assertTrue(Gemm.describe().contains("kernel "), Gemm.describe());
    }

    /**
     * |fl(C₀ + AB) − (C₀ + AB)| ≤ γ_{k+1} (|C₀| + |A||B|) entrywise for any order of the sum (Higham, Accuracy and
     * Stability of Numerical Algorithms, 2nd ed., §3.5), γ_n = nu/(1 − nu); both sides obey it, so they differ by at
     * most twice that.
     */
    @Test
    void agreesWithTheReferenceWithinTheRoundingBound() {
        Random rnd = new Random(11);
        OpenBlasGemm blas = new OpenBlasGemm();
        int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {33, 17, 65}, {64, 64, 64}, {130, 70, 257}, {3, 200, 1}, {0, 4, 4}, {4, 3, 0}};
        for (int[] s : shapes) {
            for (Transpose ta : Transpose.values()) {
                for (Transpose tb : Transpose.values()) {
                    for (boolean accumulate : new boolean[] {false, true}) {
                        for (int threads : new int[] {1, 2}) {
                            check(rnd, blas, accumulate, ta, tb, s[0], s[1], s[2], threads);
                        }
                    }
                }
            }
        }
    }

    /**
     * The graph's call (with operand copies), whose overwritten tall A·Bᵀ products with a long k run transposed
     * (Cᵀ = B·Aᵀ, then omatcopy into C), within the same bound, C's gaps and surroundings untouched; and the other
     * shapes and flags through that call too.
     */
    @Test
    void transposedOrientationAgreesWithTheReferenceWithinTheRoundingBound() {
        assertTrue(OpenBlasGemm.transposedIsFaster(130, 40, 600));
        assertTrue(OpenBlasGemm.transposedIsFaster(80, 40, 512));
        assertTrue(!OpenBlasGemm.transposedIsFaster(79, 40, 600) && !OpenBlasGemm.transposedIsFaster(130, 40, 511));
        Random rnd = new Random(12);
        OpenBlasGemm blas = new OpenBlasGemm();
        int[][] shapes = {{130, 40, 600}, {80, 40, 512}, {64, 64, 600}, {17, 3, 520}};
        for (int[] s : shapes) {
            for (Transpose ta : Transpose.values()) {
                for (Transpose tb : Transpose.values()) {
                    for (boolean accumulate : new boolean[] {false, true}) {
                        for (int threads : new int[] {1, 2}) {
                            check(rnd, blas, accumulate, ta, tb, s[0], s[1], s[2], threads, true);
                        }
                    }
                }
            }
        }
    }

    private static void check(Random rnd, OpenBlasGemm blas, boolean accumulate, Transpose ta, Transpose tb,
                              int m, int n, int k, int threads) {
        check(rnd, blas, accumulate, ta, tb, m, n, k, threads, false);
    }

    private static void check(Random rnd, OpenBlasGemm blas, boolean accumulate, Transpose ta, Transpose tb,
                              int m, int n, int k, int threads, boolean withOperands) {
        int pad = 2;
        int off = 3;
        int lda = Math.max(1, (ta == Transpose.N ? k : m) + pad);
        int ldb = Math.max(1, (tb == Transpose.N ? n : k) + pad);
        int ldc = n + pad;
        double[] a = gaussians(rnd, off + (ta == Transpose.N ? m : k) * lda);
        double[] b = gaussians(rnd, off + (tb == Transpose.N ? k : n) * ldb);
        double[] c = gaussians(rnd, off + m * ldc + 1);
        double[] want = c.clone();
        GemmReference.gemm(accumulate, ta, tb, m, n, k, a, off, lda, b, off, ldb, want, off, ldc);
        double[] bound = abs(c);
        GemmReference.gemm(accumulate, ta, tb, m, n, k, abs(a), off, lda, abs(b), off, ldb, bound, off, ldc);
        double[] got = c.clone();
        if (withOperands) {
            blas.gemm(accumulate, ta, tb, m, n, k, a, off, lda, b, off, ldb, got, off, ldc, threads, blas.newOperands());
        } else {
            blas.gemm(accumulate, ta, tb, m, n, k, a, off, lda, b, off, ldb, got, off, ldc, threads);
        }
        double gamma = (k + 1) * U / (1 - (k + 1) * U);
        String what = (accumulate ? "C += " : "C = ") + ta + tb + " " + m + "×" + n + "×" + k + ", " + threads + " threads";
        for (int i = 0; i < c.length; i++) {
            int row = (i - off) / ldc;
            int col = (i - off) % ldc;
            boolean inBlock = i >= off && row < m && col < n;
            if (!inBlock) {
                assertEquals(Double.doubleToRawLongBits(c[i]), Double.doubleToRawLongBits(got[i]), what + ": index " + i + " is outside C");
            } else if (Math.abs(got[i] - want[i]) > 2 * gamma * bound[i] * (1 + 4 * U)) {
                fail(what + ": C[" + row + "][" + col + "] = " + got[i] + ", reference " + want[i] + ", bound " + 2 * gamma * bound[i]);
            }
        }
    }

    @Test
    void offHeapCallMatchesTheArrayCall() {
        Random rnd = new Random(4);
        OpenBlasGemm blas = new OpenBlasGemm();
        int m = 40;
        int n = 30;
        int k = 50;
        double[] a = gaussians(rnd, m * k);
        double[] b = gaussians(rnd, n * k);
        double[] want = new double[m * n];
        blas.gemm(false, Transpose.N, Transpose.T, m, n, k, a, 0, k, b, 0, k, want, 0, n, 1);
        try (DoublePointer ap = new DoublePointer(a); DoublePointer bp = new DoublePointer(b);
             DoublePointer cp = new DoublePointer((long) m * n)) {
            blas.gemm(false, Transpose.N, Transpose.T, m, n, k, ap, k, bp, k, cp, n, 1);
            double[] got = new double[m * n];
            cp.get(got);
            for (int i = 0; i < got.length; i++) {
                assertEquals(want[i], got[i], 1e-12 * (1 + Math.abs(want[i])), "entry " + i);
            }
        }
    }

    /**
     * The transposing copy back of the transposed orientation against the plain loop c[i][j] = t[j][i]: bits moved
     * unchanged into C's block only (rows with gaps, an offset), for m a multiple of its block of rows and not.
     */
    @Test
    void transposingCopyBackMovesEveryEntryUnchanged() {
        Random rnd = new Random(13);
        int[][] shapes = {{1, 1}, {16, 3}, {37, 5}, {130, 40}, {2000, 17}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int off = 2;
            int ldc = n + 3;
            double[] t = gaussians(rnd, n * m);
            double[] c = gaussians(rnd, off + m * ldc);
            double[] want = c.clone();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    want[off + i * ldc + j] = t[j * m + i];
                }
            }
            try (DoublePointer tp = new DoublePointer(t)) {
                OpenBlasGemm.copyOutTransposed(tp.asBuffer(), m, n, c, off, ldc);
            }
            for (int i = 0; i < c.length; i++) {
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(c[i]),
                        m + "×" + n + ": index " + i);
            }
        }
    }

    private static double[] gaussians(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }

    private static double[] abs(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return y;
    }
}
