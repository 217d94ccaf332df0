package org.sgdlab.linalg;

/**
 * The triple loop that defines sgdlab's GEMM bits: every entry of C is one chain of fused multiply-adds in k order,
 * c = fma(op(A)[i][p], op(B)[p][j], c) for p = 0, 1, …, k − 1, starting from +0 (overwrite) or from the entry's
 * value (accumulate). {@link GemmKernel} must equal this bit for bit; it is also the specification of what the fast
 * kernel computes, written so that it can be read at a glance. Slow (no blocking): for tests and benchmarks.
 */
public final class GemmReference {
    private GemmReference() {
    }

    /**
     * C ← op(A)·op(B) ({@code accumulate} false) or C ← C + op(A)·op(B) ({@code accumulate} true), all row-major:
     * op(A)[i][p] is {@code a[aOff + i·lda + p]} for {@link Transpose#N} and {@code a[aOff + p·lda + i]} for
     * {@link Transpose#T}, likewise op(B)[p][j]; C[i][j] is {@code c[cOff + i·ldc + j]}. Only the m × n entries of
     * C are modified; a and b are read only. Arguments are checked as in {@link Gemm#multiply}.
     */
    public static void gemm(boolean accumulate, Transpose ta, Transpose tb, int m, int n, int k,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double[] c, int cOff, int ldc) {
        GemmArguments.check(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * ldc + j;
                double s = accumulate ? c[ci] : 0.0;
                for (int p = 0; p < k; p++) {
                    double x = ta == Transpose.N ? a[aOff + i * lda + p] : a[aOff + p * lda + i];
                    double y = tb == Transpose.N ? b[bOff + p * ldb + j] : b[bOff + j * ldb + p];
                    s = Math.fma(x, y, s);
                }
                c[ci] = s;
            }
        }
    }
}
