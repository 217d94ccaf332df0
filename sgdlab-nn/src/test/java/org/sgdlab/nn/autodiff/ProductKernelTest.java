package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.nn.Checks;
import org.sgdlab.random.RandomStream;

/**
 * ProductKernel keeps core Gemm's bit contract: every C[i][j] is the sequential fma chain over k, from 0 or from C,
 * whatever the transposes, offsets and leading dimensions (compared bit for bit with the plain triple loop).
 */
class ProductKernelTest {
    static Stream<Arguments> shapes() {
        Stream.Builder<Arguments> s = Stream.builder();
        // both paths: rows shorter than VECTOR_MIN_N (tiles, with every edge case) and longer (vectorized i-k-j)
        int[][] mnk = {{1, 1, 1}, {3, 5, 4}, {7, 2, 9}, {4, 9, 1}, {10, 10, 10}, {5, 13, 6}, {9, 33, 7}, {6, 70, 5}};
        for (int[] d : mnk) {
            for (int t = 0; t < 4; t++) {
                s.add(Arguments.of(d[0], d[1], d[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return s.build();
    }

    /** c ← fma(op(A)[i][p], op(B)[p][j], c) for p = 0..k−1, from 0 or from C. */
    static void reference(boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, int lda, double[] b,
                          int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * ldc + j] : 0.0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s = Math.fma(x, y, s);
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("shapes")
    void bitsEqualTheSequentialFmaChain(int m, int n, int k, boolean ta, boolean tb) {
        RandomStream r = new RandomStream(31L * m + 7L * n + k + (ta ? 1000 : 0) + (tb ? 2000 : 0));
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        int lda = aCols + 2;
        int ldb = bCols + 1;
        int ldc = n + 3;
        int aOff = 5;
        int bOff = 3;
        int cOff = 4;
        double[] a = Checks.gaussians(r, aOff + aRows * lda);
        double[] b = Checks.gaussians(r, bOff + bRows * ldb);
        double[] c0 = Checks.gaussians(r, cOff + m * ldc);
        for (boolean acc : new boolean[] {false, true}) {
            double[] expected = c0.clone();
            double[] actual = c0.clone();
            reference(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, expected, cOff, ldc, acc);
            if (acc) {
                ProductKernel.multiplyAdd(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, actual, cOff, ldc);
            } else {
                ProductKernel.multiply(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, actual, cOff, ldc);
            }
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                        "entry " + i + (acc ? " (accumulate)" : " (overwrite)"));
            }
        }
    }
}
