package org.sgdlab.nn.autodiff;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API register tiles of {@link ProductKernel}'s small-product path; loaded only when
 * {@code org.sgdlab.linalg.Simd#ENABLED}. Each {@code rows4xV} updates four rows of C (row starts c0..c3) in V
 * vectors of four columns (column offsets j0..j(V−1)) from the rows of op(A) (op(A)[r][p] = {@code a[a_r + p·ap]}) and
 * the contiguous rows of op(B) (op(B)[p][j] = {@code b[bOff + p·ldb + j]}):
 * <pre>
 *   for p = 0 … k−1:  s[r][v] = fma(op(A)[r][p], op(B)[p][j_v .. j_v+3], s[r][v])
 * </pre>
 * starting from C ({@code load}) or from +0: every lane is one entry of C and its chain of fused multiply-adds in k
 * order, so the bits are those of the plain triple loop ({@code org.sgdlab.linalg.GemmReference}).
 *
 * (Kernels of 8 rows for one or two vectors: more rows per loaded vector of op(B); with three or four vectors an
 * 8-row tile measured no faster than the 4-row one.)
 *
 * <p>Rows and column vectors may repeat (c2 = c3, or j1 = j2 − 2 overlapping j2): a repeated entry is loaded before
 * any store, computed by the same chain and stored twice with the same value, which is how {@link ProductKernel}
 * covers widths that are not a multiple of four and row counts that are not a multiple of four without masks,
 * scratch tiles or scalar edges.
 *
 * <p>256-bit vectors, the shape of core's kernels (on JDK 17 without {@code Simd.SPECULATION_OPTION} a second species
 * in the JVM slows both down; where {@code Simd.WIDE_PRODUCTS} allows 512-bit ones, {@link ProductVectorKernelsWide} takes C 8 to 16 columns wide), every
 * accumulator a local variable and each kernel one self-contained loop (vectors that cross a call are boxed).
 */
final class ProductVectorKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    /** Doubles per vector. */
    static final int LANES = 4;
    /**
     * 32 vector registers rather than 16: on x86 that comes with AVX-512, whose preferred species is 512 bits wide
     * (the 5 × 3 tile needs 19 registers).
     */
    static final boolean WIDE_REGISTER_FILE = DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

    private ProductVectorKernels() {
    }

    /** Rows of C in tiles of 4 × 1 vector (4 accumulators); see the class comment. */
    static void rows4x1(int m, int k, double[] a, int aOff, int ai, int ap, double[] b, int bOff, int ldb,
                         int j0, double[] c, int cOff, int ldc, boolean load) {
        for (int i = 0; i < m; i += 4) {
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
            DoubleVector s00;
            DoubleVector s10;
            DoubleVector s20;
            DoubleVector s30;
            if (load) {
                s00 = DoubleVector.fromArray(S, c, c0 + j0);
                s10 = DoubleVector.fromArray(S, c, c1 + j0);
                s20 = DoubleVector.fromArray(S, c, c2 + j0);
                s30 = DoubleVector.fromArray(S, c, c3 + j0);
            } else {
                s00 = s10 = s20 = s30 = DoubleVector.zero(S);
            }
            for (int p = 0, x = 0, y = bOff; p < k; p++, x += ap, y += ldb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, y + j0);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + x]);
                s00 = x0.fma(b0, s00);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + x]);
                s10 = x1.fma(b0, s10);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + x]);
                s20 = x2.fma(b0, s20);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + x]);
                s30 = x3.fma(b0, s30);
            }
            s00.intoArray(c, c0 + j0);
            s10.intoArray(c, c1 + j0);
            s20.intoArray(c, c2 + j0);
            s30.intoArray(c, c3 + j0);
        }
    }

    /** Rows of C in tiles of 4 × 2 vectors (8 accumulators); see the class comment. */
    static void rows4x2(int m, int k, double[] a, int aOff, int ai, int ap, double[] b, int bOff, int ldb,
                         int j0, int j1, double[] c, int cOff, int ldc, boolean load) {
        for (int i = 0; i < m; i += 4) {
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
            DoubleVector s00, s01;
            DoubleVector s10, s11;
            DoubleVector s20, s21;
            DoubleVector s30, s31;
            if (load) {
                s00 = DoubleVector.fromArray(S, c, c0 + j0); s01 = DoubleVector.fromArray(S, c, c0 + j1);
                s10 = DoubleVector.fromArray(S, c, c1 + j0); s11 = DoubleVector.fromArray(S, c, c1 + j1);
                s20 = DoubleVector.fromArray(S, c, c2 + j0); s21 = DoubleVector.fromArray(S, c, c2 + j1);
                s30 = DoubleVector.fromArray(S, c, c3 + j0); s31 = DoubleVector.fromArray(S, c, c3 + j1);
            } else {
                s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = DoubleVector.zero(S);
            }
            for (int p = 0, x = 0, y = bOff; p < k; p++, x += ap, y += ldb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, y + j0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, y + j1);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + x]);
                s00 = x0.fma(b0, s00); s01 = x0.fma(b1, s01);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + x]);
                s10 = x1.fma(b0, s10); s11 = x1.fma(b1, s11);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + x]);
                s20 = x2.fma(b0, s20); s21 = x2.fma(b1, s21);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + x]);
                s30 = x3.fma(b0, s30); s31 = x3.fma(b1, s31);
            }
            s00.intoArray(c, c0 + j0); s01.intoArray(c, c0 + j1);
            s10.intoArray(c, c1 + j0); s11.intoArray(c, c1 + j1);
            s20.intoArray(c, c2 + j0); s21.intoArray(c, c2 + j1);
            s30.intoArray(c, c3 + j0); s31.intoArray(c, c3 + j1);
        }
    }

    /** Rows of C in tiles of 4 × 3 vectors (12 accumulators); see the class comment. */
    static void rows4x3(int m, int k, double[] a, int aOff, int ai, int ap, double[] b, int bOff, int ldb,
                         int j0, int j1, int j2, double[] c, int cOff, int ldc, boolean load) {
        for (int i = 0; i < m; i += 4) {
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
            DoubleVector s00, s01, s02;
            DoubleVector s10, s11, s12;
            DoubleVector s20, s21, s22;
            DoubleVector s30, s31, s32;
            if (load) {
                s00 = DoubleVector.fromArray(S, c, c0 + j0); s01 = DoubleVector.fromArray(S, c, c0 + j1); s02 = DoubleVector.fromArray(S, c, c0 + j2);
                s10 = DoubleVector.fromArray(S, c, c1 + j0); s11 = DoubleVector.fromArray(S, c, c1 + j1); s12 = DoubleVector.fromArray(S, c, c1 + j2);
                s20 = DoubleVector.fromArray(S, c, c2 + j0); s21 = DoubleVector.fromArray(S, c, c2 + j1); s22 = DoubleVector.fromArray(S, c, c2 + j2);
                s30 = DoubleVector.fromArray(S, c, c3 + j0); s31 = DoubleVector.fromArray(S, c, c3 + j1); s32 = DoubleVector.fromArray(S, c, c3 + j2);
            } else {
                s00 = s01 = s02 = s10 = s11 = s12 = s20 = s21 = s22 = s30 = s31 = s32 = DoubleVector.zero(S);
            }
            for (int p = 0, x = 0, y = bOff; p < k; p++, x += ap, y += ldb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, y + j0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, y + j1);
                DoubleVector b2 = DoubleVector.fromArray(S, b, y + j2);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + x]);
                s00 = x0.fma(b0, s00); s01 = x0.fma(b1, s01); s02 = x0.fma(b2, s02);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + x]);
                s10 = x1.fma(b0, s10); s11 = x1.fma(b1, s11); s12 = x1.fma(b2, s12);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + x]);
                s20 = x2.fma(b0, s20); s21 = x2.fma(b1, s21); s22 = x2.fma(b2, s22);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + x]);
                s30 = x3.fma(b0, s30); s31 = x3.fma(b1, s31); s32 = x3.fma(b2, s32);
            }
            s00.intoArray(c, c0 + j0); s01.intoArray(c, c0 + j1); s02.intoArray(c, c0 + j2);
            s10.intoArray(c, c1 + j0); s11.intoArray(c, c1 + j1); s12.intoArray(c, c1 + j2);
            s20.intoArray(c, c2 + j0); s21.intoArray(c, c2 + j1); s22.intoArray(c, c2 + j2);
            s30.intoArray(c, c3 + j0); s31.intoArray(c, c3 + j1); s32.intoArray(c, c3 + j2);
        }
    }

    /**
     * Rows of C in tiles of 5 × 3 vectors (15 accumulators, which with AVX-512's 32 vector registers stay in registers):
     * ten rows are two tiles instead of three 4-row tiles of which one repeats its last row twice. 10 × 100 · 100 × 10
     * (a 10 × 10 layer's weight gradient over 100 samples) took 0.52 µs against 0.66 µs with 4 × 3 tiles; 100 × 10 ·
     * 10 × 10 0.79 against 0.81 µs. See the class comment.
     */
    static void rows5x3(int m, int k, double[] a, int aOff, int ai, int ap, double[] b, int bOff, int ldb,
                         int j0, int j1, int j2, double[] c, int cOff, int ldc, boolean load) {
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
            DoubleVector s00, s01, s02;
            DoubleVector s10, s11, s12;
            DoubleVector s20, s21, s22;
            DoubleVector s30, s31, s32;
            DoubleVector s40, s41, s42;
            if (load) {
                s00 = DoubleVector.fromArray(S, c, c0 + j0); s01 = DoubleVector.fromArray(S, c, c0 + j1); s02 = DoubleVector.fromArray(S, c, c0 + j2);
                s10 = DoubleVector.fromArray(S, c, c1 + j0); s11 = DoubleVector.fromArray(S, c, c1 + j1); s12 = DoubleVector.fromArray(S, c, c1 + j2);
                s20 = DoubleVector.fromArray(S, c, c2 + j0); s21 = DoubleVector.fromArray(S, c, c2 + j1); s22 = DoubleVector.fromArray(S, c, c2 + j2);
                s30 = DoubleVector.fromArray(S, c, c3 + j0); s31 = DoubleVector.fromArray(S, c, c3 + j1); s32 = DoubleVector.fromArray(S, c, c3 + j2);
                s40 = DoubleVector.fromArray(S, c, c4 + j0); s41 = DoubleVector.fromArray(S, c, c4 + j1); s42 = DoubleVector.fromArray(S, c, c4 + j2);
            } else {
                s00 = s01 = s02 = s10 = s11 = s12 = s20 = s21 = s22 = s30 = s31 = s32 = s40 = s41 = s42 = DoubleVector.zero(S);
            }
            for (int p = 0, x = 0, y = bOff; p < k; p++, x += ap, y += ldb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, y + j0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, y + j1);
                DoubleVector b2 = DoubleVector.fromArray(S, b, y + j2);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + x]);
                s00 = x0.fma(b0, s00); s01 = x0.fma(b1, s01); s02 = x0.fma(b2, s02);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + x]);
                s10 = x1.fma(b0, s10); s11 = x1.fma(b1, s11); s12 = x1.fma(b2, s12);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + x]);
                s20 = x2.fma(b0, s20); s21 = x2.fma(b1, s21); s22 = x2.fma(b2, s22);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + x]);
                s30 = x3.fma(b0, s30); s31 = x3.fma(b1, s31); s32 = x3.fma(b2, s32);
                DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + x]);
                s40 = x4.fma(b0, s40); s41 = x4.fma(b1, s41); s42 = x4.fma(b2, s42);
            }
            s00.intoArray(c, c0 + j0); s01.intoArray(c, c0 + j1); s02.intoArray(c, c0 + j2);
            s10.intoArray(c, c1 + j0); s11.intoArray(c, c1 + j1); s12.intoArray(c, c1 + j2);
            s20.intoArray(c, c2 + j0); s21.intoArray(c, c2 + j1); s22.intoArray(c, c2 + j2);
            s30.intoArray(c, c3 + j0); s31.intoArray(c, c3 + j1); s32.intoArray(c, c3 + j2);
            s40.intoArray(c, c4 + j0); s41.intoArray(c, c4 + j1); s42.intoArray(c, c4 + j2);
        }
    }

    /** Rows of C in tiles of 4 × 4 vectors (16 accumulators); see the class comment. */
    static void rows4x4(int m, int k, double[] a, int aOff, int ai, int ap, double[] b, int bOff, int ldb,
                         int j0, int j1, int j2, int j3, double[] c, int cOff, int ldc, boolean load) {
        for (int i = 0; i < m; i += 4) {
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
            DoubleVector s00, s01, s02, s03;
            DoubleVector s10, s11, s12, s13;
            DoubleVector s20, s21, s22, s23;
            DoubleVector s30, s31, s32, s33;
            if (load) {
                s00 = DoubleVector.fromArray(S, c, c0 + j0); s01 = DoubleVector.fromArray(S, c, c0 + j1); s02 = DoubleVector.fromArray(S, c, c0 + j2); s03 = DoubleVector.fromArray(S, c, c0 + j3);
                s10 = DoubleVector.fromArray(S, c, c1 + j0); s11 = DoubleVector.fromArray(S, c, c1 + j1); s12 = DoubleVector.fromArray(S, c, c1 + j2); s13 = DoubleVector.fromArray(S, c, c1 + j3);
                s20 = DoubleVector.fromArray(S, c, c2 + j0); s21 = DoubleVector.fromArray(S, c, c2 + j1); s22 = DoubleVector.fromArray(S, c, c2 + j2); s23 = DoubleVector.fromArray(S, c, c2 + j3);
                s30 = DoubleVector.fromArray(S, c, c3 + j0); s31 = DoubleVector.fromArray(S, c, c3 + j1); s32 = DoubleVector.fromArray(S, c, c3 + j2); s33 = DoubleVector.fromArray(S, c, c3 + j3);
            } else {
                s00 = s01 = s02 = s03 = s10 = s11 = s12 = s13 = s20 = s21 = s22 = s23 = s30 = s31 = s32 = s33 = DoubleVector.zero(S);
            }
            for (int p = 0, x = 0, y = bOff; p < k; p++, x += ap, y += ldb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, y + j0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, y + j1);
                DoubleVector b2 = DoubleVector.fromArray(S, b, y + j2);
                DoubleVector b3 = DoubleVector.fromArray(S, b, y + j3);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + x]);
                s00 = x0.fma(b0, s00); s01 = x0.fma(b1, s01); s02 = x0.fma(b2, s02); s03 = x0.fma(b3, s03);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + x]);
                s10 = x1.fma(b0, s10); s11 = x1.fma(b1, s11); s12 = x1.fma(b2, s12); s13 = x1.fma(b3, s13);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + x]);
                s20 = x2.fma(b0, s20); s21 = x2.fma(b1, s21); s22 = x2.fma(b2, s22); s23 = x2.fma(b3, s23);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + x]);
                s30 = x3.fma(b0, s30); s31 = x3.fma(b1, s31); s32 = x3.fma(b2, s32); s33 = x3.fma(b3, s33);
            }
            s00.intoArray(c, c0 + j0); s01.intoArray(c, c0 + j1); s02.intoArray(c, c0 + j2); s03.intoArray(c, c0 + j3);
            s10.intoArray(c, c1 + j0); s11.intoArray(c, c1 + j1); s12.intoArray(c, c1 + j2); s13.intoArray(c, c1 + j3);
            s20.intoArray(c, c2 + j0); s21.intoArray(c, c2 + j1); s22.intoArray(c, c2 + j2); s23.intoArray(c, c2 + j3);
            s30.intoArray(c, c3 + j0); s31.intoArray(c, c3 + j1); s32.intoArray(c, c3 + j2); s33.intoArray(c, c3 + j3);
        }
    }

    /** Rows of C in tiles of 8 × 1 vector (8 accumulators, so that the fma latency is hidden); see the class comment. */
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
            DoubleVector s00;
            DoubleVector s10;
            DoubleVector s20;
            DoubleVector s30;
            DoubleVector s40;
            DoubleVector s50;
            DoubleVector s60;
            DoubleVector s70;
            if (load) {
                s00 = DoubleVector.fromArray(S, c, c0 + j0);
                s10 = DoubleVector.fromArray(S, c, c1 + j0);
                s20 = DoubleVector.fromArray(S, c, c2 + j0);
                s30 = DoubleVector.fromArray(S, c, c3 + j0);
                s40 = DoubleVector.fromArray(S, c, c4 + j0);
                s50 = DoubleVector.fromArray(S, c, c5 + j0);
                s60 = DoubleVector.fromArray(S, c, c6 + j0);
                s70 = DoubleVector.fromArray(S, c, c7 + j0);
            } else {
                s00 = s10 = s20 = s30 = s40 = s50 = s60 = s70 = DoubleVector.zero(S);
            }
            for (int p = 0, x = 0, y = bOff; p < k; p++, x += ap, y += ldb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, y + j0);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + x]);
                s00 = x0.fma(b0, s00);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + x]);
                s10 = x1.fma(b0, s10);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + x]);
                s20 = x2.fma(b0, s20);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + x]);
                s30 = x3.fma(b0, s30);
                DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + x]);
                s40 = x4.fma(b0, s40);
                DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + x]);
                s50 = x5.fma(b0, s50);
                DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + x]);
                s60 = x6.fma(b0, s60);
                DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + x]);
                s70 = x7.fma(b0, s70);
            }
            s00.intoArray(c, c0 + j0);
            s10.intoArray(c, c1 + j0);
            s20.intoArray(c, c2 + j0);
            s30.intoArray(c, c3 + j0);
            s40.intoArray(c, c4 + j0);
            s50.intoArray(c, c5 + j0);
            s60.intoArray(c, c6 + j0);
            s70.intoArray(c, c7 + j0);
        }
    }

    /**
     * Rows of C in tiles of 8 × 2 vectors (16 accumulators: measured 0.62 µs against 0.82 µs with 4 × 2 tiles for
     * 100 × 8 · 8 × 10); see the class comment.
     */
    static void rows8x2(int m, int k, double[] a, int aOff, int ai, int ap, double[] b, int bOff, int ldb,
                         int j0, int j1, double[] c, int cOff, int ldc, boolean load) {
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
            DoubleVector s00, s01;
            DoubleVector s10, s11;
            DoubleVector s20, s21;
            DoubleVector s30, s31;
            DoubleVector s40, s41;
            DoubleVector s50, s51;
            DoubleVector s60, s61;
            DoubleVector s70, s71;
            if (load) {
                s00 = DoubleVector.fromArray(S, c, c0 + j0); s01 = DoubleVector.fromArray(S, c, c0 + j1);
                s10 = DoubleVector.fromArray(S, c, c1 + j0); s11 = DoubleVector.fromArray(S, c, c1 + j1);
                s20 = DoubleVector.fromArray(S, c, c2 + j0); s21 = DoubleVector.fromArray(S, c, c2 + j1);
                s30 = DoubleVector.fromArray(S, c, c3 + j0); s31 = DoubleVector.fromArray(S, c, c3 + j1);
                s40 = DoubleVector.fromArray(S, c, c4 + j0); s41 = DoubleVector.fromArray(S, c, c4 + j1);
                s50 = DoubleVector.fromArray(S, c, c5 + j0); s51 = DoubleVector.fromArray(S, c, c5 + j1);
                s60 = DoubleVector.fromArray(S, c, c6 + j0); s61 = DoubleVector.fromArray(S, c, c6 + j1);
                s70 = DoubleVector.fromArray(S, c, c7 + j0); s71 = DoubleVector.fromArray(S, c, c7 + j1);
            } else {
                s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = s40 = s41 = s50 = s51 = s60 = s61 = s70 = s71 = DoubleVector.zero(S);
            }
            for (int p = 0, x = 0, y = bOff; p < k; p++, x += ap, y += ldb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, y + j0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, y + j1);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + x]);
                s00 = x0.fma(b0, s00); s01 = x0.fma(b1, s01);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + x]);
                s10 = x1.fma(b0, s10); s11 = x1.fma(b1, s11);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + x]);
                s20 = x2.fma(b0, s20); s21 = x2.fma(b1, s21);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + x]);
                s30 = x3.fma(b0, s30); s31 = x3.fma(b1, s31);
                DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + x]);
                s40 = x4.fma(b0, s40); s41 = x4.fma(b1, s41);
                DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + x]);
                s50 = x5.fma(b0, s50); s51 = x5.fma(b1, s51);
                DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + x]);
                s60 = x6.fma(b0, s60); s61 = x6.fma(b1, s61);
                DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + x]);
                s70 = x7.fma(b0, s70); s71 = x7.fma(b1, s71);
            }
            s00.intoArray(c, c0 + j0); s01.intoArray(c, c0 + j1);
            s10.intoArray(c, c1 + j0); s11.intoArray(c, c1 + j1);
            s20.intoArray(c, c2 + j0); s21.intoArray(c, c2 + j1);
            s30.intoArray(c, c3 + j0); s31.intoArray(c, c3 + j1);
            s40.intoArray(c, c4 + j0); s41.intoArray(c, c4 + j1);
            s50.intoArray(c, c5 + j0); s51.intoArray(c, c5 + j1);
            s60.intoArray(c, c6 + j0); s61.intoArray(c, c6 + j1);
            s70.intoArray(c, c7 + j0); s71.intoArray(c, c7 + j1);
        }
    }

    // ---- ten columns, two rows at a time ------------------------------------------------------------------------

    /**
     * Packs B (k × 10, rows {@code ldb} apart from {@code bOff}; read only) for {@link #pairs10}: row p of {@code bd}
     * (modified; at least 12k + 2 long) gets B's row p and its first two entries again. Three loads and four stores per
     * row; the store of columns 0–3 at 12p + 10 runs past the row into the next one's first two entries, which that
     * row's own stores overwrite next (hence the two spare entries at the end).
     */
    static void packPairs10(int k, double[] b, int bOff, int ldb, double[] bd) {
        for (int p = 0, src = bOff; p < k; p++, src += ldb) {
            int row = PAIRS10_STRIDE * p;
            DoubleVector lo = DoubleVector.fromArray(S, b, src);
            DoubleVector mid = DoubleVector.fromArray(S, b, src + 4);
            DoubleVector hi = DoubleVector.fromArray(S, b, src + 6);
            lo.intoArray(bd, row + 10);
            lo.intoArray(bd, row);
            mid.intoArray(bd, row + 4);
            hi.intoArray(bd, row + 6);
        }
    }

    /** Doubles per row of k in {@link #pairs10}'s packed op(B): ten columns and the first two again. */
    static final int PAIRS10_STRIDE = 12;

    /** Lanes 2 and 3: the second row's half of a pair's middle vector. */
    private static final VectorMask<Double> SECOND_ROW = VectorMask.fromValues(S, false, false, true, true);

    /**
     * C (m × 10, rows contiguous, m even) ← [C +] op(A)·op(B) for op(B) packed with its first two columns repeated,
     * {@code bd[p·12 + j] = op(B)[p][j]} (j &lt; 10), {@code bd[p·12 + 10 + j] = op(B)[p][j]} (j &lt; 2): the vectors of
     * columns 0–3, 4–7, (8, 9, 0, 1), 2–5 and 6–9 start at 0, 4, 8, 2 and 6. Two rows of C are 20 consecutive doubles,
     * five whole vectors: row i's
     * columns 0–3 and 4–7, then (C[i][8], C[i][9], C[i+1][0], C[i+1][1]), then row i+1's columns 2–5 and 6–9. Vector v
     * of a pair multiplies the v-th of those op(B) vectors by op(A)[i][p] (v &lt; 2), op(A)[i+1][p] (v &gt; 2), or both (v = 2:
     * lanes 0–1 from row i, 2–3 from row i+1, a blend of the two broadcasts). No lane is wasted, where whole vectors
     * per row compute 12 columns for 10; every lane is still one entry's chain of fused multiply-adds in k order, so
     * the bits are the plain loop's. Pairs go four at a time (20 accumulators) with 32 vector registers, else two at
     * a time; a last odd pair alone.
     */
    static void pairs10(int m, int k, double[] a, int aOff, int lda, double[] bd, double[] c, int cOff,
                        boolean load) {
        int i = 0;
        if (WIDE_REGISTER_FILE) {
            i = m / 8 * 8;
            pairs10x4(i, k, a, aOff, lda, bd, c, cOff, load);
        }
        for (; i + 4 <= m; i += 4) {
            pairs10x2(k, a, aOff + i * lda, lda, bd, c, cOff + i * 10, load);
        }
        if (i < m) {
            pairs10x1(k, a, aOff + i * lda, lda, bd, c, cOff + i * 10, load);
        }
    }

    private static void pairs10x1(int k, double[] a, int a0, int ai, double[] bd, double[] c, int c0,
                                  boolean load) {
        int a1 = a0 + ai;
        DoubleVector s0, s1, s2, s3, s4;
        if (load) {
            s0 = DoubleVector.fromArray(S, c, c0); s1 = DoubleVector.fromArray(S, c, c0 + 4);
            s2 = DoubleVector.fromArray(S, c, c0 + 8); s3 = DoubleVector.fromArray(S, c, c0 + 12);
            s4 = DoubleVector.fromArray(S, c, c0 + 16);
        } else {
            s0 = s1 = s2 = s3 = s4 = DoubleVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int y = PAIRS10_STRIDE * p;
            DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p]);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            s0 = x0.fma(DoubleVector.fromArray(S, bd, y), s0);
            s1 = x0.fma(DoubleVector.fromArray(S, bd, y + 4), s1);
            s2 = x0.blend(x1, SECOND_ROW).fma(DoubleVector.fromArray(S, bd, y + 8), s2);
            s3 = x1.fma(DoubleVector.fromArray(S, bd, y + 2), s3);
            s4 = x1.fma(DoubleVector.fromArray(S, bd, y + 6), s4);
        }
        s0.intoArray(c, c0); s1.intoArray(c, c0 + 4); s2.intoArray(c, c0 + 8); s3.intoArray(c, c0 + 12);
        s4.intoArray(c, c0 + 16);
    }

    private static void pairs10x2(int k, double[] a, int a0, int ai, double[] bd, double[] c, int c0,
                                  boolean load) {
        int a1 = a0 + ai;
        int a2 = a1 + ai;
        int a3 = a2 + ai;
        int d0 = c0 + 20;
        DoubleVector s0, s1, s2, s3, s4, t0, t1, t2, t3, t4;
        if (load) {
            s0 = DoubleVector.fromArray(S, c, c0); s1 = DoubleVector.fromArray(S, c, c0 + 4);
            s2 = DoubleVector.fromArray(S, c, c0 + 8); s3 = DoubleVector.fromArray(S, c, c0 + 12);
            s4 = DoubleVector.fromArray(S, c, c0 + 16);
            t0 = DoubleVector.fromArray(S, c, d0); t1 = DoubleVector.fromArray(S, c, d0 + 4);
            t2 = DoubleVector.fromArray(S, c, d0 + 8); t3 = DoubleVector.fromArray(S, c, d0 + 12);
            t4 = DoubleVector.fromArray(S, c, d0 + 16);
        } else {
            s0 = s1 = s2 = s3 = s4 = t0 = t1 = t2 = t3 = t4 = DoubleVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int y = PAIRS10_STRIDE * p;
            DoubleVector b0 = DoubleVector.fromArray(S, bd, y);
            DoubleVector b1 = DoubleVector.fromArray(S, bd, y + 4);
            DoubleVector b2 = DoubleVector.fromArray(S, bd, y + 8);
            DoubleVector b3 = DoubleVector.fromArray(S, bd, y + 2);
            DoubleVector b4 = DoubleVector.fromArray(S, bd, y + 6);
            DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p]);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            s0 = x0.fma(b0, s0); s1 = x0.fma(b1, s1); s2 = x0.blend(x1, SECOND_ROW).fma(b2, s2);
            s3 = x1.fma(b3, s3); s4 = x1.fma(b4, s4);
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            t0 = x2.fma(b0, t0); t1 = x2.fma(b1, t1); t2 = x2.blend(x3, SECOND_ROW).fma(b2, t2);
            t3 = x3.fma(b3, t3); t4 = x3.fma(b4, t4);
        }
        s0.intoArray(c, c0); s1.intoArray(c, c0 + 4); s2.intoArray(c, c0 + 8); s3.intoArray(c, c0 + 12);
        s4.intoArray(c, c0 + 16);
        t0.intoArray(c, d0); t1.intoArray(c, d0 + 4); t2.intoArray(c, d0 + 8); t3.intoArray(c, d0 + 12);
        t4.intoArray(c, d0 + 16);
    }

    /**
     * Rows 0 … rows−1 (a multiple of 8) in 8-row tiles. The loop over tiles is in here, not in the caller: one call per
     * product rather than per tile measured 5.35–5.48 µs against 5.68–5.74 µs per deep-linear GD step (medians of 10–12
     * alternating processes, thread CPU; 12 tiles per 100 × 10 product, five such products per step).
     */
    private static void pairs10x4(int rows, int k, double[] a, int aOff, int ai, double[] bd, double[] c, int cOff,
                                  boolean load) {
        for (int i = 0; i < rows; i += 8) {
            int a0 = aOff + i * ai;
            int c0 = cOff + i * 10;
            int a1 = a0 + ai;
            int a2 = a1 + ai;
            int a3 = a2 + ai;
            int a4 = a3 + ai;
            int a5 = a4 + ai;
            int a6 = a5 + ai;
            int a7 = a6 + ai;
            int d0 = c0 + 20;
            int e0 = c0 + 40;
            int f0 = c0 + 60;
            DoubleVector s0, s1, s2, s3, s4, t0, t1, t2, t3, t4, u0, u1, u2, u3, u4, v0, v1, v2, v3, v4;
            if (load) {
                s0 = DoubleVector.fromArray(S, c, c0); s1 = DoubleVector.fromArray(S, c, c0 + 4);
                s2 = DoubleVector.fromArray(S, c, c0 + 8); s3 = DoubleVector.fromArray(S, c, c0 + 12);
                s4 = DoubleVector.fromArray(S, c, c0 + 16);
                t0 = DoubleVector.fromArray(S, c, d0); t1 = DoubleVector.fromArray(S, c, d0 + 4);
                t2 = DoubleVector.fromArray(S, c, d0 + 8); t3 = DoubleVector.fromArray(S, c, d0 + 12);
                t4 = DoubleVector.fromArray(S, c, d0 + 16);
                u0 = DoubleVector.fromArray(S, c, e0); u1 = DoubleVector.fromArray(S, c, e0 + 4);
                u2 = DoubleVector.fromArray(S, c, e0 + 8); u3 = DoubleVector.fromArray(S, c, e0 + 12);
                u4 = DoubleVector.fromArray(S, c, e0 + 16);
                v0 = DoubleVector.fromArray(S, c, f0); v1 = DoubleVector.fromArray(S, c, f0 + 4);
                v2 = DoubleVector.fromArray(S, c, f0 + 8); v3 = DoubleVector.fromArray(S, c, f0 + 12);
                v4 = DoubleVector.fromArray(S, c, f0 + 16);
            } else {
                s0 = s1 = s2 = s3 = s4 = t0 = t1 = t2 = t3 = t4 = DoubleVector.zero(S);
                u0 = u1 = u2 = u3 = u4 = v0 = v1 = v2 = v3 = v4 = s0;
            }
            for (int p = 0; p < k; p++) {
                int y = PAIRS10_STRIDE * p;
                DoubleVector b0 = DoubleVector.fromArray(S, bd, y);
                DoubleVector b1 = DoubleVector.fromArray(S, bd, y + 4);
                DoubleVector b2 = DoubleVector.fromArray(S, bd, y + 8);
                DoubleVector b3 = DoubleVector.fromArray(S, bd, y + 2);
                DoubleVector b4 = DoubleVector.fromArray(S, bd, y + 6);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p]);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
                s0 = x0.fma(b0, s0); s1 = x0.fma(b1, s1); s2 = x0.blend(x1, SECOND_ROW).fma(b2, s2);
                s3 = x1.fma(b3, s3); s4 = x1.fma(b4, s4);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
                t0 = x2.fma(b0, t0); t1 = x2.fma(b1, t1); t2 = x2.blend(x3, SECOND_ROW).fma(b2, t2);
                t3 = x3.fma(b3, t3); t4 = x3.fma(b4, t4);
                DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
                DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
                u0 = x4.fma(b0, u0); u1 = x4.fma(b1, u1); u2 = x4.blend(x5, SECOND_ROW).fma(b2, u2);
                u3 = x5.fma(b3, u3); u4 = x5.fma(b4, u4);
                DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + p]);
                DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + p]);
                v0 = x6.fma(b0, v0); v1 = x6.fma(b1, v1); v2 = x6.blend(x7, SECOND_ROW).fma(b2, v2);
                v3 = x7.fma(b3, v3); v4 = x7.fma(b4, v4);
            }
            s0.intoArray(c, c0); s1.intoArray(c, c0 + 4); s2.intoArray(c, c0 + 8); s3.intoArray(c, c0 + 12);
            s4.intoArray(c, c0 + 16);
            t0.intoArray(c, d0); t1.intoArray(c, d0 + 4); t2.intoArray(c, d0 + 8); t3.intoArray(c, d0 + 12);
            t4.intoArray(c, d0 + 16);
            u0.intoArray(c, e0); u1.intoArray(c, e0 + 4); u2.intoArray(c, e0 + 8); u3.intoArray(c, e0 + 12);
            u4.intoArray(c, e0 + 16);
            v0.intoArray(c, f0); v1.intoArray(c, f0 + 4); v2.intoArray(c, f0 + 8); v3.intoArray(c, f0 + 12);
            v4.intoArray(c, f0 + 16);
        }
    }
}
