package org.sgdlab.nn.autodiff;

/**
 * The one place where sgdlab-nn multiplies matrices: C ← op(A)·op(B) ({@link #multiply}) and C ← C + op(A)·op(B)
 * ({@link #multiplyAdd}), op ∈ {identity, transpose}, on row-major {@code double[]} with offsets and leading dimensions
 * (the BLAS dgemm shape without α and β).
 *
 * <p>Bits: every C[i][j] is accumulated sequentially over k = 0, 1, …, K−1 with fused multiply-adds,
 * c ← fma(op(A)[i][k], op(B)[k][j], c), starting from 0 ({@code multiply}) or from C[i][j] ({@code multiplyAdd}).
 * The loop order below differs between the transpose cases (an i-k-j order whose inner loop C2 vectorizes where
 * op(B) rows are contiguous, four independent dot products otherwise), but the order of the operations on each
 * C[i][j] is always that one, so the result does not depend on it. This is the contract of core's blocked GEMM
 * ({@code org.sgdlab.linalg.Gemm}, being written on another branch): when it lands, this class delegates to it
 * and no bit changes.
 *
 * <p>C must not overlap A or B. A is m × K after op (stored K × m when transposed), B is K × n after op.
 */
final class ProductKernel {
    private ProductKernel() {
    }

    /** C ← op(A)·op(B) (C overwritten; A and B read only). */
    static void multiply(boolean transA, boolean transB, int m, int n, int k,
                         double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                         double[] c, int cOff, int ldc) {
        product(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, false);
    }

    /** C ← C + op(A)·op(B) (C updated in place; A and B read only). */
    static void multiplyAdd(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double[] c, int cOff, int ldc) {
        product(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, true);
    }

    private static void product(boolean transA, boolean transB, int m, int n, int k,
                                double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                double[] c, int cOff, int ldc, boolean accumulate) {
        if (!transB) {
            // i-k-j: row i of C gets fma(a_ik, row k of B, ·) for k in order; the inner loop is over contiguous j
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                if (!accumulate) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] = 0.0;
                    }
                }
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
                    }
                }
            }
            return;
        }
        // op(B)[p][j] = B[j][p]: dot products over contiguous rows of B, four columns of C at a time
        int aStep = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = transA ? aOff + i : aOff + i * lda;
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                int b0 = bOff + j * ldb;
                int b1 = b0 + ldb;
                int b2 = b1 + ldb;
                int b3 = b2 + ldb;
                double s0 = accumulate ? c[ci + j] : 0.0;
                double s1 = accumulate ? c[ci + j + 1] : 0.0;
                double s2 = accumulate ? c[ci + j + 2] : 0.0;
                double s3 = accumulate ? c[ci + j + 3] : 0.0;
                for (int p = 0, ap = ai; p < k; p++, ap += aStep) {
                    double x = a[ap];
                    s0 = Math.fma(x, b[b0 + p], s0);
                    s1 = Math.fma(x, b[b1 + p], s1);
                    s2 = Math.fma(x, b[b2 + p], s2);
                    s3 = Math.fma(x, b[b3 + p], s3);
                }
                c[ci + j] = s0;
                c[ci + j + 1] = s1;
                c[ci + j + 2] = s2;
                c[ci + j + 3] = s3;
            }
            for (; j < n; j++) {
                int bj = bOff + j * ldb;
                double s = accumulate ? c[ci + j] : 0.0;
                for (int p = 0, ap = ai; p < k; p++, ap += aStep) {
                    s = Math.fma(a[ap], b[bj + p], s);
                }
                c[ci + j] = s;
            }
        }
    }
}
