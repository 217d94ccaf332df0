package org.sgdlab.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.GemmOperands;
import org.sgdlab.linalg.Transpose;

/**
 * OpenBLAS's operand copies kept between calls ({@link NativeOperands}): the same bits as the copying path; an
 * operand used again is copied once; an array written as C, or any unpinned array after invalidation, is copied again
 * (so a change the caller made in between is seen); a pinned array survives invalidation.
 */
class NativeOperandsTest {
    private static double[] gaussians(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), what + " entry " + i);
        }
    }

    @Test
    void theBackendHandsOutNativeCopiesAndTheyGiveTheCopyingPathsBits() {
        GemmOperands ops = Gemm.newOperands();
        assertTrue(ops instanceof NativeOperands, "backend " + Gemm.describe());
        Random r = new Random(3);
        int m = 40;
        int n = 30;
        int k = 50;
        double[] x = gaussians(r, m * k);
        double[] w = gaussians(r, n * k);
        double[] g = gaussians(r, m * n);
        double[] expected = new double[m * n];
        double[] actual = new double[m * n];
        double[] wbarExpected = gaussians(r, n * k);
        double[] wbarActual = wbarExpected.clone();
        for (int rep = 0; rep < 2; rep++) {
            Gemm.multiply(Transpose.N, Transpose.T, m, n, k, x, 0, k, w, 0, k, expected, 0, n);
            Gemm.multiply(ops, Transpose.N, Transpose.T, m, n, k, x, 0, k, w, 0, k, actual, 0, n);
            Gemm.multiplyAdd(Transpose.T, Transpose.N, n, k, m, g, 0, n, x, 0, k, wbarExpected, 0, k);
            Gemm.multiplyAdd(ops, Transpose.T, Transpose.N, n, k, m, g, 0, n, x, 0, k, wbarActual, 0, k);
            assertSameBits(expected, actual, "forward, rep " + rep);
            assertSameBits(wbarExpected, wbarActual, "weight gradient, rep " + rep);
        }
        // x, w, g copied once each: nothing was invalidated
        assertEquals(3, ((NativeOperands) ops).copiesMade);
    }

    @Test
    void changesAreSeenAfterInvalidationOrWhenWrittenAsC() {
        NativeOperands ops = (NativeOperands) Gemm.newOperands();
        Random r = new Random(5);
        int m = 20;
        int n = 10;
        int k = 15;
        double[] a = gaussians(r, m * k);
        double[] pinned = gaussians(r, k * n);
        double[] c = new double[m * n];
        double[] d = gaussians(r, m * n);
        double[] expected = new double[m * n];
        ops.pinInPlace(pinned);
        Gemm.multiply(ops, Transpose.N, Transpose.N, m, n, k, a, 0, k, pinned, 0, n, c, 0, n);
        a[7] += 1.0; // the caller changes a, then says so
        ops.invalidateInPlace();
        Gemm.multiply(ops, Transpose.N, Transpose.N, m, n, k, a, 0, k, pinned, 0, n, c, 0, n);
        Gemm.multiply(Transpose.N, Transpose.N, m, n, k, a, 0, k, pinned, 0, n, expected, 0, n);
        assertSameBits(expected, c, "after invalidation");
        assertEquals(3, ops.copiesMade, "a twice, the pinned array once");
        // c used as an operand, then written as C by another product: its copy is dropped
        double[] e = new double[n * n];
        Gemm.multiply(ops, Transpose.T, Transpose.N, n, n, m, c, 0, n, d, 0, n, e, 0, n);
        Gemm.multiply(ops, Transpose.N, Transpose.N, m, n, k, a, 0, k, pinned, 0, n, d, 0, n); // d as C
        Gemm.multiply(ops, Transpose.N, Transpose.T, m, n, n, d, 0, n, e, 0, n, c, 0, n);       // c as C, d as A
        double[] cExpected = new double[m * n];
        Gemm.multiply(Transpose.N, Transpose.T, m, n, n, d, 0, n, e, 0, n, cExpected, 0, n);
        assertSameBits(cExpected, c, "operand written as C, then used again");
    }

    @Test
    void theJavaBackendKeepsNoCopies() {
        assertSame(GemmOperands.NONE, org.sgdlab.linalg.GemmKernel.get().newOperands());
    }
}
