package org.sgdlab.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled micro-kernels of {@link GemmKernel}, on the incubating Vector API; loaded only when
 * {@link Simd#ENABLED}. Each {@code tileMxN} updates an M × N tile of C from a packed panel of op(A) (kc columns of
 * M values, {@code ap[aOff + p·M + i]}) and a packed panel of op(B) (kc rows of N values, {@code bp[bOff + p·N + j]}):
 * for p = 0 … kc−1, every accumulator c[i][j..j+3] = fma(a[p][i], b[p][j..j+3], c[i][j..j+3]) — each lane one entry of
 * C, each entry one chain of fused multiply-adds in k order, which is what makes the bits those of
 * {@link GemmReference} whatever the vector width.
 *
 * <p>The accumulators start from C ({@code load}) or from +0. Every accumulator is a local variable and each kernel
 * one self-contained loop, fully unrolled over the tile by hand: C2 keeps locals in vector registers, while a vector
 * that crosses a method call or lives in an array is boxed on the heap (see {@link VectorKernels}).
 *
 * <p>Per step of k a tile loads nr/4 vectors of B, broadcasts mr values of A, and runs mr·nr/4 vector FMAs; the
 * loop compiles to exactly that (checked in C2's assembly: 12 {@code vbroadcastsd}, 2 {@code vmovdqu}, 24
 * {@code vfmadd231pd} per step for 12 × 8, all accumulators in ymm registers).
 *
 * <p>256-bit vectors (4 doubles), the shape of {@link VectorKernels}. Where the 512-bit products are in use
 * ({@link Simd#WIDE_PRODUCTS}) {@link GemmKernel} takes {@link GemmWideKernels}' 12 × 16 tile instead (same bits);
 * these tiles remain its reference, and the kernel on JDK 17 started without {@link Simd#SPECULATION_OPTION}, where
 * a second vector shape in the JVM runs boxed (see {@link Simd}). On an AMD EPYC (Zen 4 class) 512-bit FMAs bring no more flops per cycle than 256-bit ones (both
 * 59 GFLOP/s peak on one core); on an Intel Xeon with two 512-bit FMA pipes they bring ~1.4× (measured on JDK 25).
 */
final class GemmVectorKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    static final int LANES = 4;

    private GemmVectorKernels() {
    }

    /** The 12×8 tile: 12 rows of C, 2 vectors of 4 columns each; 24 accumulators. */
    static void tile12x8(int kc, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc,
                           boolean load) {
        DoubleVector c0_0, c0_1;
        DoubleVector c1_0, c1_1;
        DoubleVector c2_0, c2_1;
        DoubleVector c3_0, c3_1;
        DoubleVector c4_0, c4_1;
        DoubleVector c5_0, c5_1;
        DoubleVector c6_0, c6_1;
        DoubleVector c7_0, c7_1;
        DoubleVector c8_0, c8_1;
        DoubleVector c9_0, c9_1;
        DoubleVector c10_0, c10_1;
        DoubleVector c11_0, c11_1;
        if (load) {
            c0_0 = DoubleVector.fromArray(S, c, cOff); c0_1 = DoubleVector.fromArray(S, c, cOff + 4);
            c1_0 = DoubleVector.fromArray(S, c, cOff + 1 * ldc); c1_1 = DoubleVector.fromArray(S, c, cOff + 1 * ldc + 4);
            c2_0 = DoubleVector.fromArray(S, c, cOff + 2 * ldc); c2_1 = DoubleVector.fromArray(S, c, cOff + 2 * ldc + 4);
            c3_0 = DoubleVector.fromArray(S, c, cOff + 3 * ldc); c3_1 = DoubleVector.fromArray(S, c, cOff + 3 * ldc + 4);
            c4_0 = DoubleVector.fromArray(S, c, cOff + 4 * ldc); c4_1 = DoubleVector.fromArray(S, c, cOff + 4 * ldc + 4);
            c5_0 = DoubleVector.fromArray(S, c, cOff + 5 * ldc); c5_1 = DoubleVector.fromArray(S, c, cOff + 5 * ldc + 4);
            c6_0 = DoubleVector.fromArray(S, c, cOff + 6 * ldc); c6_1 = DoubleVector.fromArray(S, c, cOff + 6 * ldc + 4);
            c7_0 = DoubleVector.fromArray(S, c, cOff + 7 * ldc); c7_1 = DoubleVector.fromArray(S, c, cOff + 7 * ldc + 4);
            c8_0 = DoubleVector.fromArray(S, c, cOff + 8 * ldc); c8_1 = DoubleVector.fromArray(S, c, cOff + 8 * ldc + 4);
            c9_0 = DoubleVector.fromArray(S, c, cOff + 9 * ldc); c9_1 = DoubleVector.fromArray(S, c, cOff + 9 * ldc + 4);
            c10_0 = DoubleVector.fromArray(S, c, cOff + 10 * ldc); c10_1 = DoubleVector.fromArray(S, c, cOff + 10 * ldc + 4);
            c11_0 = DoubleVector.fromArray(S, c, cOff + 11 * ldc); c11_1 = DoubleVector.fromArray(S, c, cOff + 11 * ldc + 4);
        } else {
            c0_0 = c0_1 = c1_0 = c1_1 = c2_0 = c2_1 = c3_0 = c3_1 = DoubleVector.zero(S);
            c4_0 = c4_1 = c5_0 = c5_1 = c6_0 = c6_1 = c7_0 = c7_1 = DoubleVector.zero(S);
            c8_0 = c8_1 = c9_0 = c9_1 = c10_0 = c10_1 = c11_0 = c11_1 = DoubleVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * 12;
            int bi = bOff + p * 8;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + 4);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[ai]);
            c0_0 = a0.fma(b0, c0_0); c0_1 = a0.fma(b1, c0_1);
            DoubleVector a1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c1_0 = a1.fma(b0, c1_0); c1_1 = a1.fma(b1, c1_1);
            DoubleVector a2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c2_0 = a2.fma(b0, c2_0); c2_1 = a2.fma(b1, c2_1);
            DoubleVector a3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c3_0 = a3.fma(b0, c3_0); c3_1 = a3.fma(b1, c3_1);
            DoubleVector a4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c4_0 = a4.fma(b0, c4_0); c4_1 = a4.fma(b1, c4_1);
            DoubleVector a5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c5_0 = a5.fma(b0, c5_0); c5_1 = a5.fma(b1, c5_1);
            DoubleVector a6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c6_0 = a6.fma(b0, c6_0); c6_1 = a6.fma(b1, c6_1);
            DoubleVector a7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c7_0 = a7.fma(b0, c7_0); c7_1 = a7.fma(b1, c7_1);
            DoubleVector a8 = DoubleVector.broadcast(S, ap[ai + 8]);
            c8_0 = a8.fma(b0, c8_0); c8_1 = a8.fma(b1, c8_1);
            DoubleVector a9 = DoubleVector.broadcast(S, ap[ai + 9]);
            c9_0 = a9.fma(b0, c9_0); c9_1 = a9.fma(b1, c9_1);
            DoubleVector a10 = DoubleVector.broadcast(S, ap[ai + 10]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            DoubleVector a11 = DoubleVector.broadcast(S, ap[ai + 11]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
        }
        c0_0.intoArray(c, cOff); c0_1.intoArray(c, cOff + 4);
        c1_0.intoArray(c, cOff + 1 * ldc); c1_1.intoArray(c, cOff + 1 * ldc + 4);
        c2_0.intoArray(c, cOff + 2 * ldc); c2_1.intoArray(c, cOff + 2 * ldc + 4);
        c3_0.intoArray(c, cOff + 3 * ldc); c3_1.intoArray(c, cOff + 3 * ldc + 4);
        c4_0.intoArray(c, cOff + 4 * ldc); c4_1.intoArray(c, cOff + 4 * ldc + 4);
        c5_0.intoArray(c, cOff + 5 * ldc); c5_1.intoArray(c, cOff + 5 * ldc + 4);
        c6_0.intoArray(c, cOff + 6 * ldc); c6_1.intoArray(c, cOff + 6 * ldc + 4);
        c7_0.intoArray(c, cOff + 7 * ldc); c7_1.intoArray(c, cOff + 7 * ldc + 4);
        c8_0.intoArray(c, cOff + 8 * ldc); c8_1.intoArray(c, cOff + 8 * ldc + 4);
        c9_0.intoArray(c, cOff + 9 * ldc); c9_1.intoArray(c, cOff + 9 * ldc + 4);
        c10_0.intoArray(c, cOff + 10 * ldc); c10_1.intoArray(c, cOff + 10 * ldc + 4);
        c11_0.intoArray(c, cOff + 11 * ldc); c11_1.intoArray(c, cOff + 11 * ldc + 4);
    }

    /** The 6×8 tile: 6 rows of C, 2 vectors of 4 columns each; 12 accumulators. */
    static void tile6x8(int kc, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc,
                           boolean load) {
        DoubleVector c0_0, c0_1;
        DoubleVector c1_0, c1_1;
        DoubleVector c2_0, c2_1;
        DoubleVector c3_0, c3_1;
        DoubleVector c4_0, c4_1;
        DoubleVector c5_0, c5_1;
        if (load) {
            c0_0 = DoubleVector.fromArray(S, c, cOff); c0_1 = DoubleVector.fromArray(S, c, cOff + 4);
            c1_0 = DoubleVector.fromArray(S, c, cOff + 1 * ldc); c1_1 = DoubleVector.fromArray(S, c, cOff + 1 * ldc + 4);
            c2_0 = DoubleVector.fromArray(S, c, cOff + 2 * ldc); c2_1 = DoubleVector.fromArray(S, c, cOff + 2 * ldc + 4);
            c3_0 = DoubleVector.fromArray(S, c, cOff + 3 * ldc); c3_1 = DoubleVector.fromArray(S, c, cOff + 3 * ldc + 4);
            c4_0 = DoubleVector.fromArray(S, c, cOff + 4 * ldc); c4_1 = DoubleVector.fromArray(S, c, cOff + 4 * ldc + 4);
            c5_0 = DoubleVector.fromArray(S, c, cOff + 5 * ldc); c5_1 = DoubleVector.fromArray(S, c, cOff + 5 * ldc + 4);
        } else {
            c0_0 = c0_1 = c1_0 = c1_1 = c2_0 = c2_1 = c3_0 = c3_1 = DoubleVector.zero(S);
            c4_0 = c4_1 = c5_0 = c5_1 = DoubleVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * 6;
            int bi = bOff + p * 8;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + 4);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[ai]);
            c0_0 = a0.fma(b0, c0_0); c0_1 = a0.fma(b1, c0_1);
            DoubleVector a1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c1_0 = a1.fma(b0, c1_0); c1_1 = a1.fma(b1, c1_1);
            DoubleVector a2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c2_0 = a2.fma(b0, c2_0); c2_1 = a2.fma(b1, c2_1);
            DoubleVector a3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c3_0 = a3.fma(b0, c3_0); c3_1 = a3.fma(b1, c3_1);
            DoubleVector a4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c4_0 = a4.fma(b0, c4_0); c4_1 = a4.fma(b1, c4_1);
            DoubleVector a5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c5_0 = a5.fma(b0, c5_0); c5_1 = a5.fma(b1, c5_1);
        }
        c0_0.intoArray(c, cOff); c0_1.intoArray(c, cOff + 4);
        c1_0.intoArray(c, cOff + 1 * ldc); c1_1.intoArray(c, cOff + 1 * ldc + 4);
        c2_0.intoArray(c, cOff + 2 * ldc); c2_1.intoArray(c, cOff + 2 * ldc + 4);
        c3_0.intoArray(c, cOff + 3 * ldc); c3_1.intoArray(c, cOff + 3 * ldc + 4);
        c4_0.intoArray(c, cOff + 4 * ldc); c4_1.intoArray(c, cOff + 4 * ldc + 4);
        c5_0.intoArray(c, cOff + 5 * ldc); c5_1.intoArray(c, cOff + 5 * ldc + 4);
    }


    /**
     * One step of the chains of a row of C, for the unpacked path of products with very few rows: c[cOff + j] =
     * fma(x, b[bOff + j], c[cOff + j]) for j &lt; n, 4 lanes per vector and {@link Math#fma} for the last n mod 4.
     */
    static void fmaRow(double x, double[] b, int bOff, double[] c, int cOff, int n) {
        // The broadcast of x is made in each pass of the loop, not once before it: on JDK 17 with
        // -XX:TypeProfileLevel=121 (Simd.SPECULATION_OPTION), a vector that lives across the loop's back edge, inlined
        // into GemmKernel.fewRows, was allocated on the heap once per call (80 bytes; measured with ThreadMXBean),
        // while C2 keeps one made inside the loop in a register. b·x + c = x·b + c (the product is exact before the
        // fused rounding): the receiver order changes no bit.
        int j = 0;
        for (int end = n - 4 * LANES; j <= end; j += 4 * LANES) {
            DoubleVector xv = DoubleVector.broadcast(S, x);
            DoubleVector.fromArray(S, b, bOff + j).fma(xv, DoubleVector.fromArray(S, c, cOff + j))
                    .intoArray(c, cOff + j);
            DoubleVector.fromArray(S, b, bOff + j + LANES).fma(xv, DoubleVector.fromArray(S, c, cOff + j + LANES))
                    .intoArray(c, cOff + j + LANES);
            DoubleVector.fromArray(S, b, bOff + j + 2 * LANES)
                    .fma(xv, DoubleVector.fromArray(S, c, cOff + j + 2 * LANES)).intoArray(c, cOff + j + 2 * LANES);
            DoubleVector.fromArray(S, b, bOff + j + 3 * LANES)
                    .fma(xv, DoubleVector.fromArray(S, c, cOff + j + 3 * LANES)).intoArray(c, cOff + j + 3 * LANES);
        }
        for (int end = n - LANES; j <= end; j += LANES) {
            DoubleVector xv = DoubleVector.broadcast(S, x);
            DoubleVector.fromArray(S, b, bOff + j).fma(xv, DoubleVector.fromArray(S, c, cOff + j))
                    .intoArray(c, cOff + j);
        }
        for (; j < n; j++) {
            c[cOff + j] = Math.fma(x, b[bOff + j], c[cOff + j]);
        }
    }

}
