package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The public entry point: backend choice, argument checks and the {@link Matrix} forms. */
class GemmTest {

    @Test
    void theDefaultBackendIsTheJavaKernelAndSaysSo() {
        // The build sets no -Dsgdlab.blas, so the reproducible kernel runs and the provenance names it.
        assertEquals("java", Gemm.backend().name());
        assertTrue(Gemm.describe().startsWith("sgdlab GEMM ("), Gemm.describe());
        assertTrue(Gemm.describe().contains("same bits"), Gemm.describe());
    }

    @Test
    void anUnknownBackendFallsBackToTheJavaKernelAndTheProvenanceSaysWhy() {
        Gemm.Selection s = Gemm.select("no-such-blas");
        assertEquals("java", s.backend().name());
        assertTrue(s.description().endsWith(
                " [-Dsgdlab.blas=no-such-blas asked for, but no such GEMM backend is on the class path]"), s.description());
        assertEquals(GemmKernel.get().describe(), Gemm.select(" java ").description());
    }

    private static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    void badArgumentsAreRejectedWithTheParameterAndItsValue() {
        double[] a = new double[6];
        double[] b = new double[6];
        double[] c = new double[4];
        Transpose n = Transpose.N;
        Transpose t = Transpose.T;
        assertEquals("m must be >= 0, got -1",
                message(() -> Gemm.multiply(n, n, -1, 2, 3, a, 0, 3, b, 0, 2, c, 0, 2)));
        assertEquals("k must be >= 0, got -3",
                message(() -> Gemm.multiply(n, n, 2, 2, -3, a, 0, 3, b, 0, 2, c, 0, 2)));
        assertEquals("lda must be >= max(1, 3), the column count of a stored m×k (ta = N) = 2×3, got 2",
                message(() -> Gemm.multiply(n, n, 2, 2, 3, a, 0, 2, b, 0, 2, c, 0, 2)));
        assertEquals("ldb must be >= max(1, 3), the column count of b stored n×k (tb = T) = 2×3, got 2",
                message(() -> Gemm.multiply(n, t, 2, 2, 3, a, 0, 3, b, 0, 2, c, 0, 2)));
        assertEquals("a has length 6, too short for a 2×3 matrix (m×k (ta = N)) at offset 1 with lda = 3: needs 7",
                message(() -> Gemm.multiply(n, n, 2, 2, 3, a, 1, 3, b, 0, 2, c, 0, 2)));
        assertEquals("c has length 4, too short for a 2×2 matrix (m×n) at offset 0 with ldc = 3: needs 5",
                message(() -> Gemm.multiplyAdd(n, n, 2, 2, 3, a, 0, 3, b, 0, 2, c, 0, 3)));
        assertEquals("cOff must be >= 0, got -1",
                message(() -> Gemm.multiply(n, n, 2, 2, 3, a, 0, 3, b, 0, 2, c, -1, 2)));
        double[] shared = new double[20];
        assertEquals("c and a are the same array and their ranges overlap: c spans [5, 9), a spans [0, 6)",
                message(() -> Gemm.multiply(n, n, 2, 2, 3, shared, 0, 3, b, 0, 2, shared, 5, 2)));
        // disjoint ranges of one array are fine
        Gemm.multiply(n, n, 2, 2, 3, shared, 0, 3, b, 0, 2, shared, 6, 2);
        assertThrows(IllegalArgumentException.class, () -> GemmKernel.get().gemm(false, n, n, 1, 1, 1,
                new double[1], 0, 1, new double[1], 0, 1, new double[1], 0, 1, 0));
    }

    @Test
    void matrixFormsMatchTheReferenceAndCheckShapes() {
        Random rnd = new Random(2);
        Matrix a = random(rnd, 7, 5);
        Matrix b = random(rnd, 7, 4);
        Matrix got = Gemm.multiply(a, Transpose.T, b, Transpose.N); // 5×7 · 7×4
        assertEquals(5, got.rows());
        assertEquals(4, got.cols());
        double[] want = new double[20];
        GemmReference.gemm(false, Transpose.T, Transpose.N, 5, 4, 7, a.data(), 0, 5, b.data(), 0, 4, want, 0, 4);
        for (int i = 0; i < 20; i++) {
            assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got.data()[i]), "entry " + i);
        }
        Matrix acc = got.copy();
        Gemm.multiplyAdd(a, Transpose.T, b, Transpose.N, acc);
        GemmReference.gemm(true, Transpose.T, Transpose.N, 5, 4, 7, a.data(), 0, 5, b.data(), 0, 4, want, 0, 4);
        for (int i = 0; i < 20; i++) {
            assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(acc.data()[i]), "entry " + i);
        }
        assertEquals("shapes do not match: op(a) is 7×5 (a 7×5, N), op(b) is 7×4 (b 7×4, N), out is 7×4",
                message(() -> Gemm.multiply(a, Transpose.N, b, Transpose.N)));
        assertEquals("shapes do not match: op(a) is 5×7 (a 7×5, T), op(b) is 7×4 (b 7×4, N), out is 5×5",
                message(() -> Gemm.multiply(a, Transpose.T, b, Transpose.N, Matrix.zeros(5, 5))));
        // empty operands: a 0×3 times 3×2 is a 0×2 matrix, a 2×0 times 0×3 is zeros
        assertEquals(0, Gemm.multiply(Matrix.zeros(0, 3), Transpose.N, Matrix.zeros(3, 2), Transpose.N).rows());
        Matrix z = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Gemm.multiply(Matrix.zeros(2, 0), Transpose.N, Matrix.zeros(0, 3), Transpose.N, z);
        assertEquals(0.0, z.get(1, 2));
    }

    private static Matrix random(Random rnd, int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextGaussian();
        }
        return new Matrix(rows, cols, d);
    }
}
