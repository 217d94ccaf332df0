package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdlab.linalg.GemmKernel.Tile;

/**
 * {@link GemmKernel} against {@link GemmReference}: the same bits on every shape, transpose, offset, leading dimension,
 * blocking, tile, thread count and SIMD setting, entries outside C's m × n block untouched.
 */
class GemmKernelTest {

    /** One random problem: operands with offsets and padded leading dimensions, C pre-filled with noise. */
    private record Problem(boolean accumulate, Transpose ta, Transpose tb, int m, int n, int k,
                           double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {

        static Problem random(Random rnd, int maxM, int maxN, int maxK) {
            int m = rnd.nextInt(maxM + 1);
            int n = rnd.nextInt(maxN + 1);
            int k = rnd.nextInt(maxK + 1);
            return of(rnd, rnd.nextBoolean(), rnd.nextBoolean() ? Transpose.N : Transpose.T,
                    rnd.nextBoolean() ? Transpose.N : Transpose.T, m, n, k, rnd.nextInt(3), rnd.nextInt(4));
        }

        static Problem of(Random rnd, boolean accumulate, Transpose ta, Transpose tb, int m, int n, int k, int pad,
                          int off) {
            int aRows = ta == Transpose.N ? m : k;
            int aCols = ta == Transpose.N ? k : m;
            int bRows = tb == Transpose.N ? k : n;
            int bCols = tb == Transpose.N ? n : k;
            int lda = Math.max(1, aCols + pad);
            int ldb = Math.max(1, bCols + pad);
            int ldc = Math.max(1, n + pad);
            return new Problem(accumulate, ta, tb, m, n, k, values(rnd, off + aRows * lda + 2), off, lda,
                    values(rnd, off + bRows * ldb + 2), off, ldb, values(rnd, off + m * ldc + 2), off, ldc);
        }

        /** Gaussians with a sprinkling of exact zeros, signed zeros and wide magnitudes (to exercise rounding). */
        static double[] values(Random rnd, int length) {
            double[] x = new double[length];
            for (int i = 0; i < length; i++) {
                int kind = rnd.nextInt(20);
                x[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : rnd.nextGaussian() * (kind == 2 ? 1e8 : kind == 3 ? 1e-8 : 1);
            }
            return x;
        }

        double[] reference() {
            double[] want = c.clone();
            GemmReference.gemm(accumulate, ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, want, cOff, ldc);
            return want;
        }

        double[] run(GemmKernel kernel, int threads) {
            double[] got = c.clone();
            kernel.gemm(accumulate, ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, got, cOff, ldc, threads);
            return got;
        }

        @Override
        public String toString() {
            return (accumulate ? "C += " : "C = ") + "op" + ta + "(A)·op" + tb + "(B), m=" + m + " n=" + n + " k=" + k
                    + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc + " off=" + aOff;
        }
    }

    /** Asserts equal bits over the whole array, which also checks that nothing outside C's block was written. */
    private static void assertSameBits(double[] want, double[] got, Object what) {
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
                fail(what + ": index " + i + " is " + got[i] + ", the reference gives " + want[i]);
            }
        }
    }

    /**
     * Every tile this JVM can run: the scalar one always, the 256-bit ones when the SIMD path is on, the 512-bit one
     * on a CPU with 512-bit vectors.
     */
    private static List<Tile> runnableTiles() {
        List<Tile> tiles = new ArrayList<>();
        for (Tile t : Tile.values()) {
            if (t.runnable()) {
                tiles.add(t);
            }
        }
        return tiles;
    }

    @Test
    void theBuildRunsTheVectorTiles() {
        // The build starts the test JVM with --add-modules jdk.incubator.vector: the default kernel is a Vector API one,
        // 512-bit on a CPU with 512-bit vectors unless -Dsgdlab.simd.productBits=256.
        assumeTrue(Simd.ENABLED, Simd.describe());
        String bits = Simd.WIDE_PRODUCTS ? "512" : "256";
        assertTrue(GemmKernel.get().describe().startsWith("sgdlab GEMM (Vector API " + bits + "-bit"),
                GemmKernel.get().describe());
        String forced = System.getProperty(Simd.PRODUCT_BITS_PROPERTY, "");
        boolean twoShapes = Runtime.version().feature() >= Simd.TWO_SPECIES_FEATURE || Simd.speculatesReturnTypes();
        assertEquals(Simd.WIDE_AVAILABLE && (forced.equals("512") || (!forced.equals("256") && twoShapes)),
                Simd.WIDE_PRODUCTS, Simd.describe());
    }

    @Test
    void theBuildStartsJdk17WithTheOptionThatRunsTwoVectorShapes() {
        // sgdlab-core's argLine passes Simd.SPECULATION_OPTION, so the test JVM runs the 512-bit products on JDK 17 as
        // the bench scripts do, and the provenance says why.
        assertTrue(Simd.speculatesReturnTypes(), "the test JVM should run with " + Simd.SPECULATION_OPTION);
        if (Simd.WIDE_PRODUCTS && Runtime.version().feature() < Simd.TWO_SPECIES_FEATURE
                && System.getProperty(Simd.PRODUCT_BITS_PROPERTY, "").isEmpty()) {
            assertTrue(Simd.describe().contains("512-bit with " + Simd.SPECULATION_OPTION), Simd.describe());
        }
    }

    @Test
    void the512BitTileAfterThe256BitTileIsCompiledGivesItsBits() {
        // Both shapes in one JVM, in the order that boxed the second on JDK 17 without Simd.SPECULATION_OPTION: the
        // 12 × 8 tile first, called until C2 has compiled it, then the 12 × 16 tile as long, then the 12 × 8 one again
        // (recompiled after the shared profiles have seen both shapes). Every call against the reference, bit for bit.
        // Speed is the benchmarks' business (GemmBenchmark); here the bits of every JIT tier of both tiles.
        assumeTrue(Simd.WIDE_PRODUCTS, "512-bit products not in use: " + Simd.describe());
        Random rnd = new Random(17);
        GemmKernel narrow = new GemmKernel(Tile.V12X8, GemmKernel.MC, GemmKernel.KC_MAX, GemmKernel.B_BLOCK,
                Long.MAX_VALUE);
        GemmKernel wide = new GemmKernel(Tile.V12X16, GemmKernel.MC, GemmKernel.KC_MAX, GemmKernel.B_BLOCK,
                Long.MAX_VALUE);
        Problem[] problems = {Problem.of(rnd, true, Transpose.N, Transpose.N, 36, 48, 96, 1, 1),
                Problem.of(rnd, false, Transpose.T, Transpose.N, 25, 37, 64, 2, 0)};
        double[][] want = {problems[0].reference(), problems[1].reference()};
        GemmKernel[] order = {narrow, wide, narrow};
        for (int phase = 0; phase < order.length; phase++) {
            for (int call = 0; call < 3000; call++) {
                int which = call % 2;
                assertSameBits(want[which], problems[which].run(order[phase], 1),
                        order[phase].describe() + ", phase " + phase + ", call " + call + ", " + problems[which]);
            }
        }
    }

    @Test
    void the512BitTileGivesThe256BitTilesBitsOnEveryRemainderClass() {
        // Every m mod 12 (the tiles' rows, twice over), every n mod 16 and mod 8 (the 512- and 256-bit panels' widths),
        // k from 1 up across k blocks of at most 7, all four transpose forms, overwrite and accumulate: the 12 × 16
        // tile against the 12 × 8 one and the reference, bit for bit. Ragged edges go through the scratch tile.
        // (only where the 512-bit kernels are in use: on JDK 17 without Simd.SPECULATION_OPTION they would make this
        // JVM's 256-bit kernels run boxed)
        assumeTrue(Simd.WIDE_PRODUCTS, "512-bit products not in use: " + Simd.describe());
        Random rnd = new Random(512);
        GemmKernel wide = new GemmKernel(Tile.V12X16, 2 * 12, 7, 7 * 2 * 16, 0);
        GemmKernel narrow = new GemmKernel(Tile.V12X8, 2 * 12, 7, 7 * 2 * 16, 0);
        for (int m = 1; m <= 26; m++) {
            for (int n = 1; n <= 34; n++) {
                int k = 1 + rnd.nextInt(20);
                Transpose ta = Transpose.values()[(m + n) % 2];
                Transpose tb = Transpose.values()[(m + n / 2) % 2];
                Problem pr = Problem.of(rnd, rnd.nextBoolean(), ta, tb, m, n, k, rnd.nextInt(3), rnd.nextInt(3));
                double[] want = pr.reference();
                assertSameBits(want, pr.run(narrow, 1), "12×8, " + pr);
                assertSameBits(want, pr.run(wide, 1), "12×16, " + pr);
                assertSameBits(want, pr.run(wide, 2), "12×16, 2 threads, " + pr);
            }
        }
        // and default blocking on shapes past the parallel threshold (two k blocks at k = 1100)
        GemmKernel wideDefault = new GemmKernel(Tile.V12X16, GemmKernel.MC, GemmKernel.KC_MAX, GemmKernel.B_BLOCK,
                GemmKernel.PARALLEL_MIN);
        GemmKernel narrowDefault = new GemmKernel(Tile.V12X8, GemmKernel.MC, GemmKernel.KC_MAX, GemmKernel.B_BLOCK,
                GemmKernel.PARALLEL_MIN);
        int[][] shapes = {{101, 77, 530}, {59, 133, 1100}, {300, 257, 64}};
        for (int[] s : shapes) {
            for (Transpose ta : Transpose.values()) {
                for (Transpose tb : Transpose.values()) {
                    Problem pr = Problem.of(rnd, rnd.nextBoolean(), ta, tb, s[0], s[1], s[2], 1, 2);
                    double[] want = pr.run(narrowDefault, 1);
                    assertSameBits(want, pr.run(wideDefault, 1), "12×16, 1 thread, " + pr);
                    assertSameBits(want, pr.run(wideDefault, 2), "12×16, 2 threads, " + pr);
                }
            }
        }
    }

    @Test
    void smallBlocksEveryTileAndThreadCountGiveTheReferenceBits() {
        // Blocks far smaller than the defaults, so that small problems cross every blocking loop, edge tile and
        // padded panel: mc = 2 tiles, k blocks of at most 5 (the chain carried through C), nc = 2 tiles at kc = 5;
        // and threads from the first multiply-add, so that the shared packing and the column chunks run in parallel.
        Random rnd = new Random(20240613);
        for (Tile tile : runnableTiles()) {
            GemmKernel kernel = new GemmKernel(tile, 2 * tile.mr, 5, 5 * 2 * tile.nr, 0);
            for (int trial = 0; trial < 150; trial++) {
                Problem pr = Problem.random(rnd, 40, 40, 23);
                double[] want = pr.reference();
                for (int threads : new int[] {1, 2, 5}) {
                    assertSameBits(want, pr.run(kernel, threads), tile + ", " + threads + " threads, " + pr);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transpose.class)
    void defaultKernelOnLargerShapesGivesTheReferenceBitsOnOneAndTwoThreads(Transpose ta) {
        // Past the parallel threshold, with edge tiles in both directions; k = 1100 takes two k blocks of 550.
        Random rnd = new Random(ta.ordinal());
        GemmKernel kernel = GemmKernel.get();
        int[][] shapes = {{97, 45, 530}, {61, 130, 300}, {25, 43, 1100}};
        for (int[] s : shapes) {
            for (Transpose tb : Transpose.values()) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    Problem pr = Problem.of(rnd, accumulate, ta, tb, s[0], s[1], s[2], 3, 1);
                    assertTrue((long) s[0] * s[1] * s[2] >= GemmKernel.PARALLEL_MIN, "the shape should be split");
                    double[] want = pr.reference();
                    assertSameBits(want, pr.run(kernel, 1), "1 thread, " + pr);
                    assertSameBits(want, pr.run(kernel, 2), "2 threads, " + pr);
                }
            }
        }
    }

    @Test
    void fewRowsTakeTheUnpackedPathWithTheSameBits() {
        // m ≤ 4 with op(B) = B skips packing; m = 5 and op(B) = Bᵀ do not. n = 1203 crosses the 512-column passes
        // and leaves a scalar tail of 3.
        Random rnd = new Random(77);
        for (Tile tile : runnableTiles()) {
            GemmKernel kernel = new GemmKernel(tile, GemmKernel.MC, GemmKernel.KC_MAX, GemmKernel.B_BLOCK, 0);
            for (int m = 1; m <= GemmKernel.FEW_ROWS + 1; m++) {
                for (Transpose ta : Transpose.values()) {
                    for (Transpose tb : Transpose.values()) {
                        for (int n : new int[] {1, 7, 1203}) {
                            Problem pr = Problem.of(rnd, rnd.nextBoolean(), ta, tb, m, n, 1 + rnd.nextInt(60), 2, 1);
                            assertSameBits(pr.reference(), pr.run(kernel, 2), tile + ", " + pr);
                        }
                    }
                }
            }
        }
    }

    @Test
    void scalarAndVectorTilesAgreeWithEachOtherOnTheDefaultBlocking() {
        assumeTrue(Simd.ENABLED, Simd.describe());
        Random rnd = new Random(5);
        GemmKernel scalar = new GemmKernel(Tile.SCALAR, GemmKernel.MC, GemmKernel.KC_MAX, GemmKernel.B_BLOCK, GemmKernel.PARALLEL_MIN);
        Problem pr = Problem.of(rnd, true, Transpose.T, Transpose.N, 70, 90, 600, 0, 0);
        assertSameBits(pr.run(GemmKernel.get(), 2), pr.run(scalar, 1), pr);
    }

    @Test
    void specialValuesFollowTheChain() {
        // NaN and ±∞ in A or B reach exactly the entries whose chains they enter; in overwrite mode C's old NaNs are
        // ignored, in accumulate mode they stay.
        double inf = Double.POSITIVE_INFINITY;
        int m = 13;
        int n = 9;
        int k = 7;
        Random rnd = new Random(9);
        for (Tile tile : runnableTiles()) {
            GemmKernel kernel = new GemmKernel(tile, tile.mr, 3, 3 * tile.nr, 0);
            for (boolean accumulate : new boolean[] {false, true}) {
                Problem pr = Problem.of(rnd, accumulate, Transpose.N, Transpose.N, m, n, k, 0, 0);
                pr.a()[2 * k + 1] = Double.NaN;
                pr.a()[5 * k + 6] = inf;
                pr.b()[3 * n + 4] = -inf;
                pr.c()[7 * n + 7] = Double.NaN;
                double[] want = pr.reference();
                double[] got = pr.run(kernel, 1);
                assertSameBits(want, got, tile + ", " + pr);
                assertTrue(Double.isNaN(got[2 * n]), "row 2 has a NaN in A");
                assertEquals(!accumulate, !Double.isNaN(got[7 * n + 7]), "C's own NaN, accumulate = " + accumulate);
            }
        }
    }

    @Test
    void emptyInnerDimensionZerosOrKeepsC() {
        double[] c = {1, 2, 3, 4, 5, 6, 7};
        double[] none = new double[0];
        GemmKernel.get().gemm(true, Transpose.N, Transpose.N, 2, 3, 0, none, 0, 1, none, 0, 3, c, 0, 3, 2);
        assertSameBits(new double[] {1, 2, 3, 4, 5, 6, 7}, c, "accumulate, k = 0");
        GemmKernel.get().gemm(false, Transpose.N, Transpose.N, 2, 2, 0, none, 0, 1, none, 0, 2, c, 1, 3, 2);
        assertSameBits(new double[] {1, 0, 0, 4, 0, 0, 7}, c, "overwrite, k = 0, a 2×2 block with ldc = 3 at offset 1");
    }

    @Test
    void theSumIsTheFusedChainNotAPlainSum() {
        // A case where the fused chain and rounded products differ: c = 1·(−1), then c = fma(x, x, c) with
        // x = 1 + 2⁻³⁰ is x² − 1 = 2⁻²⁹ + 2⁻⁶⁰ exactly, then c − 2⁻²⁹ = 2⁻⁶⁰; rounding x² first loses the 2⁻⁶⁰ and gives 0.
        // Guards against a kernel that multiplies and adds separately, or sums in another order.
        double x = 1 + 0x1p-30;
        double[] a = {1, x, 1};
        double[] b = {-1, x, -0x1p-29};
        double[] c = {99};
        GemmKernel.get().gemm(false, Transpose.N, Transpose.T, 1, 1, 3, a, 0, 3, b, 0, 3, c, 0, 1, 1);
        assertEquals(0x1p-60, c[0]);
    }

    @Test
    void theBitsAreTheOnesRecordedHere() {
        // A fixed product (op(A) = Aᵀ, accumulate, two k blocks, 2 threads) hashed bit by bit; the constant was
        // computed with GemmReference and GemmKernel on JDK 17 (SIMD and scalar) and JDK 25 (SIMD, and -Xint), all
        // equal. A JVM or CPU whose fma rounds differently, or a kernel that sums in another order, fails here.
        int m = 37;
        int n = 29;
        int k = 1500;
        Random rnd = new Random(42);
        double[] a = new double[k * m];
        double[] b = new double[k * n];
        double[] c = new double[m * n];
        for (double[] x : new double[][] {a, b, c}) {
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextDouble() * 2 - 1;
            }
        }
        GemmKernel.get().gemm(true, Transpose.T, Transpose.N, m, n, k, a, 0, m, b, 0, n, c, 0, n, 2);
        long hash = 0;
        for (double x : c) {
            hash = hash * 31 + Double.doubleToRawLongBits(x);
        }
        assertEquals(0xf7482879693b8c1cL, hash, Long.toHexString(hash));
        assertEquals(-26.870973459252802, c[0]);
    }
}
