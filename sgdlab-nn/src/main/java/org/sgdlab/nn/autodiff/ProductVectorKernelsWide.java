package org.sgdlab.nn.autodiff;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 512-bit register tiles of {@link ProductKernel}'s small-product path (8 doubles per vector), for C 8 to 16
 * columns wide when {@code org.sgdlab.linalg.Simd#WIDE_PRODUCTS}; loaded only then. The
 * layout and the chains are those of {@link ProductVectorKernels} with vectors twice as wide: each {@code rowsRxV}
 * updates R rows of C in V vectors of eight columns (offsets j0, j1) from the rows of op(A) (op(A)[r][p] =
 * {@code a[a_r + p·ap]}, rows {@code ai} apart) and the contiguous rows of op(B) (op(B)[p][j] =
 * {@code b[bOff + p·ldb + j]}):
 * <pre>
 *   for p = 0 … k−1:  s[r][v] = fma(op(A)[r][p], op(B)[p][j_v .. j_v+7], s[r][v])
 * </pre>
 * from C ({@code load}) or from +0. Every lane is one entry of C and its chain of fused multiply-adds in k order: the
 * bits of the plain triple loop and of the 256-bit tiles; the width only decides how many entries run side by side.
 * Rows and columns may repeat inside a tile (the last rows clamped to m − 1, j1 = n − 8 overlapping j0), loaded before
 * any store and stored twice with one value, as in {@link ProductVectorKernels}.
 *
 * <p>Why: a ten-wide row (the deep linear network's layers) is three 256-bit vectors per step of k (12 lanes for 10,
 * or 2.5 with {@link ProductVectorKernels#pairs10}'s two-row vectors and a blend), but two 512-bit ones; with two
 * 512-bit FMA pipes (Intel Xeon) that is 1 cycle per row and step instead of 1.5 (1.25 for the pairs).
 */
final class ProductVectorKernelsWide {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
    /** Doubles per vector. */
    static final int LANES = 8;

    private ProductVectorKernelsWide() {
    }

    /** Rows of C in tiles of 8 × 1 vector (8 accumulators): C eight columns wide; see the class comment. */
    static void rows8x1(int m, int k, double[] a, int aOff, int ai, int ap, double[] b, int bOff, int ldb,
                         int j0, double[] c, int cOff, int ldc, boolean load) {
        for (int i = 0; i < m; i += 8) {
            int c0 = cOff + i * ldc;
            int a0 = aOff + i * ai;
            int r1 = Math.min(i + 1, m - 1);
            int c1 = cOff + r1 * ldc;
            int a1 = aOff + r1 * ai;
            int r2 = Math.min(i + 2, m - 1);
            int c2 = cOff + r2 * ldc;
            int a2 = aOff + r2 * ai;
            int r3 = Math.min(i + 3, m - 1);
            int c3 = cOff + r3 * ldc;
            int a3 = aOff + r3 * ai;
            int r4 = Math.min(i + 4, m - 1);
            int c4 = cOff + r4 * ldc;
            int a4 = aOff + r4 * ai;
            int r5 = Math.min(i + 5, m - 1);
            int c5 = cOff + r5 * ldc;
            int a5 = aOff + r5 * ai;
            int r6 = Math.min(i + 6, m - 1);
            int c6 = cOff + r6 * ldc;
            int a6 = aOff + r6 * ai;
            int r7 = Math.min(i + 7, m - 1);
            int c7 = cOff + r7 * ldc;
            int a7 = aOff + r7 * ai;
            DoubleVector s0_0;
            DoubleVector s1_0;
            DoubleVector s2_0;
            DoubleVector s3_0;
            DoubleVector s4_0;
            DoubleVector s5_0;
            DoubleVector s6_0;
            DoubleVector s7_0;
            if (load) {
                s0_0 = DoubleVector.fromArray(S, c, c0 + j0);
                s1_0 = DoubleVector.fromArray(S, c, c1 + j0);
                s2_0 = DoubleVector.fromArray(S, c, c2 + j0);
                s3_0 = DoubleVector.fromArray(S, c, c3 + j0);
                s4_0 = DoubleVector.fromArray(S, c, c4 + j0);
                s5_0 = DoubleVector.fromArray(S, c, c5 + j0);
                s6_0 = DoubleVector.fromArray(S, c, c6 + j0);
                s7_0 = DoubleVector.fromArray(S, c, c7 + j0);
            } else {
                s0_0 = s1_0 = s2_0 = s3_0 = s4_0 = s5_0 = s6_0 = s7_0 = DoubleVector.zero(S);
            }
            for (int p = 0, x = 0, y = bOff; p < k; p++, x += ap, y += ldb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, y + j0);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + x]);
                s0_0 = x0.fma(b0, s0_0);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + x]);
                s1_0 = x1.fma(b0, s1_0);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + x]);
                s2_0 = x2.fma(b0, s2_0);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + x]);
                s3_0 = x3.fma(b0, s3_0);
                DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + x]);
                s4_0 = x4.fma(b0, s4_0);
                DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + x]);
                s5_0 = x5.fma(b0, s5_0);
                DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + x]);
                s6_0 = x6.fma(b0, s6_0);
                DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + x]);
                s7_0 = x7.fma(b0, s7_0);
            }
            s0_0.intoArray(c, c0 + j0);
            s1_0.intoArray(c, c1 + j0);
            s2_0.intoArray(c, c2 + j0);
            s3_0.intoArray(c, c3 + j0);
            s4_0.intoArray(c, c4 + j0);
            s5_0.intoArray(c, c5 + j0);
            s6_0.intoArray(c, c6 + j0);
            s7_0.intoArray(c, c7 + j0);
        }
    }

    /**
     * Rows of C in tiles of 5 × 2 vectors (10 accumulators): C 9 to 16 columns wide, j1 = n − 8; see the class comment.
     */
    static void rows5x2(int m, int k, double[] a, int aOff, int ai, int ap, double[] b, int bOff, int ldb,
                         int j0, int j1, double[] c, int cOff, int ldc, boolean load) {
        for (int i = 0; i < m; i += 5) {
            int c0 = cOff + i * ldc;
            int a0 = aOff + i * ai;
            int r1 = Math.min(i + 1, m - 1);
            int c1 = cOff + r1 * ldc;
            int a1 = aOff + r1 * ai;
            int r2 = Math.min(i + 2, m - 1);
            int c2 = cOff + r2 * ldc;
            int a2 = aOff + r2 * ai;
            int r3 = Math.min(i + 3, m - 1);
            int c3 = cOff + r3 * ldc;
            int a3 = aOff + r3 * ai;
            int r4 = Math.min(i + 4, m - 1);
            int c4 = cOff + r4 * ldc;
            int a4 = aOff + r4 * ai;
            DoubleVector s0_0, s0_1;
            DoubleVector s1_0, s1_1;
            DoubleVector s2_0, s2_1;
            DoubleVector s3_0, s3_1;
            DoubleVector s4_0, s4_1;
            if (load) {
                s0_0 = DoubleVector.fromArray(S, c, c0 + j0); s0_1 = DoubleVector.fromArray(S, c, c0 + j1);
                s1_0 = DoubleVector.fromArray(S, c, c1 + j0); s1_1 = DoubleVector.fromArray(S, c, c1 + j1);
                s2_0 = DoubleVector.fromArray(S, c, c2 + j0); s2_1 = DoubleVector.fromArray(S, c, c2 + j1);
                s3_0 = DoubleVector.fromArray(S, c, c3 + j0); s3_1 = DoubleVector.fromArray(S, c, c3 + j1);
                s4_0 = DoubleVector.fromArray(S, c, c4 + j0); s4_1 = DoubleVector.fromArray(S, c, c4 + j1);
            } else {
                s0_0 = s0_1 = s1_0 = s1_1 = s2_0 = s2_1 = s3_0 = s3_1 = s4_0 = s4_1 = DoubleVector.zero(S);
            }
            for (int p = 0, x = 0, y = bOff; p < k; p++, x += ap, y += ldb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, y + j0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, y + j1);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + x]);
                s0_0 = x0.fma(b0, s0_0); s0_1 = x0.fma(b1, s0_1);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + x]);
                s1_0 = x1.fma(b0, s1_0); s1_1 = x1.fma(b1, s1_1);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + x]);
                s2_0 = x2.fma(b0, s2_0); s2_1 = x2.fma(b1, s2_1);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + x]);
                s3_0 = x3.fma(b0, s3_0); s3_1 = x3.fma(b1, s3_1);
                DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + x]);
                s4_0 = x4.fma(b0, s4_0); s4_1 = x4.fma(b1, s4_1);
            }
            s0_0.intoArray(c, c0 + j0); s0_1.intoArray(c, c0 + j1);
            s1_0.intoArray(c, c1 + j0); s1_1.intoArray(c, c1 + j1);
            s2_0.intoArray(c, c2 + j0); s2_1.intoArray(c, c2 + j1);
            s3_0.intoArray(c, c3 + j0); s3_1.intoArray(c, c3 + j1);
            s4_0.intoArray(c, c4 + j0); s4_1.intoArray(c, c4 + j1);
        }
    }

    /**
     * Rows of C in tiles of 10 × 2 vectors (20 accumulators, 23 of AVX-512's 32 registers with the two vectors of op(B)
     * and a broadcast): C 9 to 16 columns wide; see the class comment.
     */
    static void rows10x2(int m, int k, double[] a, int aOff, int ai, int ap, double[] b, int bOff, int ldb,
                         int j0, int j1, double[] c, int cOff, int ldc, boolean load) {
        for (int i = 0; i < m; i += 10) {
            int c0 = cOff + i * ldc;
            int a0 = aOff + i * ai;
            int r1 = Math.min(i + 1, m - 1);
            int c1 = cOff + r1 * ldc;
            int a1 = aOff + r1 * ai;
            int r2 = Math.min(i + 2, m - 1);
            int c2 = cOff + r2 * ldc;
            int a2 = aOff + r2 * ai;
            int r3 = Math.min(i + 3, m - 1);
            int c3 = cOff + r3 * ldc;
            int a3 = aOff + r3 * ai;
            int r4 = Math.min(i + 4, m - 1);
            int c4 = cOff + r4 * ldc;
            int a4 = aOff + r4 * ai;
            int r5 = Math.min(i + 5, m - 1);
            int c5 = cOff + r5 * ldc;
            int a5 = aOff + r5 * ai;
            int r6 = Math.min(i + 6, m - 1);
            int c6 = cOff + r6 * ldc;
            int a6 = aOff + r6 * ai;
            int r7 = Math.min(i + 7, m - 1);
            int c7 = cOff + r7 * ldc;
            int a7 = aOff + r7 * ai;
            int r8 = Math.min(i + 8, m - 1);
            int c8 = cOff + r8 * ldc;
            int a8 = aOff + r8 * ai;
            int r9 = Math.min(i + 9, m - 1);
            int c9 = cOff + r9 * ldc;
            int a9 = aOff + r9 * ai;
            DoubleVector s0_0, s0_1;
            DoubleVector s1_0, s1_1;
            DoubleVector s2_0, s2_1;
            DoubleVector s3_0, s3_1;
            DoubleVector s4_0, s4_1;
            DoubleVector s5_0, s5_1;
            DoubleVector s6_0, s6_1;
            DoubleVector s7_0, s7_1;
            DoubleVector s8_0, s8_1;
            DoubleVector s9_0, s9_1;
            if (load) {
                s0_0 = DoubleVector.fromArray(S, c, c0 + j0); s0_1 = DoubleVector.fromArray(S, c, c0 + j1);
                s1_0 = DoubleVector.fromArray(S, c, c1 + j0); s1_1 = DoubleVector.fromArray(S, c, c1 + j1);
                s2_0 = DoubleVector.fromArray(S, c, c2 + j0); s2_1 = DoubleVector.fromArray(S, c, c2 + j1);
                s3_0 = DoubleVector.fromArray(S, c, c3 + j0); s3_1 = DoubleVector.fromArray(S, c, c3 + j1);
                s4_0 = DoubleVector.fromArray(S, c, c4 + j0); s4_1 = DoubleVector.fromArray(S, c, c4 + j1);
                s5_0 = DoubleVector.fromArray(S, c, c5 + j0); s5_1 = DoubleVector.fromArray(S, c, c5 + j1);
                s6_0 = DoubleVector.fromArray(S, c, c6 + j0); s6_1 = DoubleVector.fromArray(S, c, c6 + j1);
                s7_0 = DoubleVector.fromArray(S, c, c7 + j0); s7_1 = DoubleVector.fromArray(S, c, c7 + j1);
                s8_0 = DoubleVector.fromArray(S, c, c8 + j0); s8_1 = DoubleVector.fromArray(S, c, c8 + j1);
                s9_0 = DoubleVector.fromArray(S, c, c9 + j0); s9_1 = DoubleVector.fromArray(S, c, c9 + j1);
            } else {
                s0_0 = s0_1 = s1_0 = s1_1 = s2_0 = s2_1 = s3_0 = s3_1 = s4_0 = s4_1 = DoubleVector.zero(S);
                s5_0 = s5_1 = s6_0 = s6_1 = s7_0 = s7_1 = s8_0 = s8_1 = s9_0 = s9_1 = DoubleVector.zero(S);
            }
            for (int p = 0, x = 0, y = bOff; p < k; p++, x += ap, y += ldb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, y + j0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, y + j1);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + x]);
                s0_0 = x0.fma(b0, s0_0); s0_1 = x0.fma(b1, s0_1);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + x]);
                s1_0 = x1.fma(b0, s1_0); s1_1 = x1.fma(b1, s1_1);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + x]);
                s2_0 = x2.fma(b0, s2_0); s2_1 = x2.fma(b1, s2_1);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + x]);
                s3_0 = x3.fma(b0, s3_0); s3_1 = x3.fma(b1, s3_1);
                DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + x]);
                s4_0 = x4.fma(b0, s4_0); s4_1 = x4.fma(b1, s4_1);
                DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + x]);
                s5_0 = x5.fma(b0, s5_0); s5_1 = x5.fma(b1, s5_1);
                DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + x]);
                s6_0 = x6.fma(b0, s6_0); s6_1 = x6.fma(b1, s6_1);
                DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + x]);
                s7_0 = x7.fma(b0, s7_0); s7_1 = x7.fma(b1, s7_1);
                DoubleVector x8 = DoubleVector.broadcast(S, a[a8 + x]);
                s8_0 = x8.fma(b0, s8_0); s8_1 = x8.fma(b1, s8_1);
                DoubleVector x9 = DoubleVector.broadcast(S, a[a9 + x]);
                s9_0 = x9.fma(b0, s9_0); s9_1 = x9.fma(b1, s9_1);
            }
            s0_0.intoArray(c, c0 + j0); s0_1.intoArray(c, c0 + j1);
            s1_0.intoArray(c, c1 + j0); s1_1.intoArray(c, c1 + j1);
            s2_0.intoArray(c, c2 + j0); s2_1.intoArray(c, c2 + j1);
            s3_0.intoArray(c, c3 + j0); s3_1.intoArray(c, c3 + j1);
            s4_0.intoArray(c, c4 + j0); s4_1.intoArray(c, c4 + j1);
            s5_0.intoArray(c, c5 + j0); s5_1.intoArray(c, c5 + j1);
            s6_0.intoArray(c, c6 + j0); s6_1.intoArray(c, c6 + j1);
            s7_0.intoArray(c, c7 + j0); s7_1.intoArray(c, c7 + j1);
            s8_0.intoArray(c, c8 + j0); s8_1.intoArray(c, c8 + j1);
            s9_0.intoArray(c, c9 + j0); s9_1.intoArray(c, c9 + j1);
        }
    }
}
