package org.sgdlab.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 512-bit twins of {@link GemmVectorKernels} (8 doubles per vector), used by {@link GemmKernel} when
 * {@link Simd#WIDE_PRODUCTS}: the same chains — for p = 0 … kc−1, every accumulator c[i][j..j+7] =
 * fma(a[p][i], b[p][j..j+7], c[i][j..j+7]), each lane one entry of C and its fused multiply-adds in k order — so the
 * bits are those of {@link GemmReference} and of the 256-bit tiles; only the number of entries computed side by side
 * changes. Loaded only when {@link Simd#WIDE_PRODUCTS}.
 *
 * <p>The 12 × 16 tile holds 24 accumulators, 2 vectors of op(B) and a broadcast of op(A): 27 of AVX-512's 32 vector
 * registers (the 256-bit 12 × 8 tile with each vector twice as wide). Per step of k: 2 loads of B, 12 broadcasts and
 * 24 FMAs of 8 lanes, where the 256-bit tiles need 48 FMAs of 4 lanes for the same 192 multiply-adds: CPUs with two
 * 512-bit FMA pipes (Intel Xeon since Skylake-SP) run twice the flops per cycle, CPUs that split 512-bit operations
 * in two (AMD Zen 4) the same.
 */
final class GemmWideKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
    static final int LANES = 8;

    private GemmWideKernels() {
    }

    /** The 12×16 tile: 12 rows of C, 2 vectors of 8 columns each; 24 accumulators. */
    static void tile12x16(int kc, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc,
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
            c0_0 = DoubleVector.fromArray(S, c, cOff + 0 * ldc); c0_1 = DoubleVector.fromArray(S, c, cOff + 0 * ldc + 8);
            c1_0 = DoubleVector.fromArray(S, c, cOff + 1 * ldc); c1_1 = DoubleVector.fromArray(S, c, cOff + 1 * ldc + 8);
            c2_0 = DoubleVector.fromArray(S, c, cOff + 2 * ldc); c2_1 = DoubleVector.fromArray(S, c, cOff + 2 * ldc + 8);
            c3_0 = DoubleVector.fromArray(S, c, cOff + 3 * ldc); c3_1 = DoubleVector.fromArray(S, c, cOff + 3 * ldc + 8);
            c4_0 = DoubleVector.fromArray(S, c, cOff + 4 * ldc); c4_1 = DoubleVector.fromArray(S, c, cOff + 4 * ldc + 8);
            c5_0 = DoubleVector.fromArray(S, c, cOff + 5 * ldc); c5_1 = DoubleVector.fromArray(S, c, cOff + 5 * ldc + 8);
            c6_0 = DoubleVector.fromArray(S, c, cOff + 6 * ldc); c6_1 = DoubleVector.fromArray(S, c, cOff + 6 * ldc + 8);
            c7_0 = DoubleVector.fromArray(S, c, cOff + 7 * ldc); c7_1 = DoubleVector.fromArray(S, c, cOff + 7 * ldc + 8);
            c8_0 = DoubleVector.fromArray(S, c, cOff + 8 * ldc); c8_1 = DoubleVector.fromArray(S, c, cOff + 8 * ldc + 8);
            c9_0 = DoubleVector.fromArray(S, c, cOff + 9 * ldc); c9_1 = DoubleVector.fromArray(S, c, cOff + 9 * ldc + 8);
            c10_0 = DoubleVector.fromArray(S, c, cOff + 10 * ldc); c10_1 = DoubleVector.fromArray(S, c, cOff + 10 * ldc + 8);
            c11_0 = DoubleVector.fromArray(S, c, cOff + 11 * ldc); c11_1 = DoubleVector.fromArray(S, c, cOff + 11 * ldc + 8);
        } else {
            c0_0 = c0_1 = c1_0 = c1_1 = c2_0 = c2_1 = c3_0 = c3_1 = DoubleVector.zero(S);
            c4_0 = c4_1 = c5_0 = c5_1 = c6_0 = c6_1 = c7_0 = c7_1 = DoubleVector.zero(S);
            c8_0 = c8_1 = c9_0 = c9_1 = c10_0 = c10_1 = c11_0 = c11_1 = DoubleVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * 12;
            int bi = bOff + p * 16;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + 8);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[ai + 0]);
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
        c0_0.intoArray(c, cOff + 0 * ldc); c0_1.intoArray(c, cOff + 0 * ldc + 8);
        c1_0.intoArray(c, cOff + 1 * ldc); c1_1.intoArray(c, cOff + 1 * ldc + 8);
        c2_0.intoArray(c, cOff + 2 * ldc); c2_1.intoArray(c, cOff + 2 * ldc + 8);
        c3_0.intoArray(c, cOff + 3 * ldc); c3_1.intoArray(c, cOff + 3 * ldc + 8);
        c4_0.intoArray(c, cOff + 4 * ldc); c4_1.intoArray(c, cOff + 4 * ldc + 8);
        c5_0.intoArray(c, cOff + 5 * ldc); c5_1.intoArray(c, cOff + 5 * ldc + 8);
        c6_0.intoArray(c, cOff + 6 * ldc); c6_1.intoArray(c, cOff + 6 * ldc + 8);
        c7_0.intoArray(c, cOff + 7 * ldc); c7_1.intoArray(c, cOff + 7 * ldc + 8);
        c8_0.intoArray(c, cOff + 8 * ldc); c8_1.intoArray(c, cOff + 8 * ldc + 8);
        c9_0.intoArray(c, cOff + 9 * ldc); c9_1.intoArray(c, cOff + 9 * ldc + 8);
        c10_0.intoArray(c, cOff + 10 * ldc); c10_1.intoArray(c, cOff + 10 * ldc + 8);
        c11_0.intoArray(c, cOff + 11 * ldc); c11_1.intoArray(c, cOff + 11 * ldc + 8);
    }

    /**
     * {@link GemmVectorKernels#fmaRow} 8 lanes at a time: c[cOff + j] = fma(x, b[bOff + j], c[cOff + j]) for j &lt; n,
     * {@link Math#fma} for the last n mod 8.
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
