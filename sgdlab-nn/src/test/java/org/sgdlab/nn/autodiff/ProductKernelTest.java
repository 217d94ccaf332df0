package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.linalg.GemmReference;
import org.sgdlab.linalg.Simd;
import org.sgdlab.linalg.Transpose;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.random.RandomStream;

/**
 * ProductKernel keeps core Gemm's bit contract: every C[i][j] is the sequential fma chain over k, from 0 or from C,
 * whatever the path (Gemm, the small SIMD tiles, the scalar tiles), the transposes, offsets and leading dimensions —
 * each path and the dispatcher compared bit for bit with core's {@link GemmReference}, the plain triple loop.
 */
class ProductKernelTest {
    /** A kernel under test: C ← [C +] op(A)·op(B). */
    @FunctionalInterface
    interface Kernel {
        void run(boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff,
                 int ldb, double[] c, int cOff, int ldc, boolean accumulate);
    }

    static Stream<Arguments> shapes() {
        Stream.Builder<Arguments> s = Stream.builder();
        // every remainder of m and n modulo 4 and of the column blocks (n = 17, 20, 33), k from 0 to past Gemm's
        // blocking; the deep-linear network's 100×10·10×10 and 10×100·100×10; shapes on both sides of GEMM_MIN;
        // outer products (k = 1, the outer path tested on its own), and k of every remainder mod 4 in long scalar rows
        int[][] mnk = {{1, 1, 1}, {3, 5, 4}, {7, 2, 9}, {4, 9, 1}, {10, 10, 10}, {5, 13, 6}, {9, 33, 7}, {6, 70, 5},
                {1, 4, 3}, {2, 6, 11}, {3, 7, 2}, {4, 8, 8}, {5, 12, 3}, {6, 16, 5}, {7, 17, 4}, {9, 20, 6},
                {13, 31, 2}, {2, 0, 3}, {0, 3, 3}, {3, 5, 0}, {8, 6, 0}, {100, 10, 10}, {10, 10, 100},
                {1, 256, 40}, {37, 1, 50}, {64, 64, 64}, {70, 65, 60}, {97, 33, 83}, {20, 300, 50}, {1, 70, 80},
                {130, 90, 100}, {12, 4, 7}, {9, 6, 3}, {8, 5, 9}, {17, 7, 2}, {23, 4, 11}, {13, 11, 5}, {14, 12, 21},
                {37, 40, 1}, {3, 33, 1}, {1, 4100, 1}, {2, 31, 1}, {1030, 256, 1}, {5, 40, 4}, {2, 45, 9}};
        for (int[] d : mnk) {
            for (int t = 0; t < 4; t++) {
                s.add(Arguments.of(d[0], d[1], d[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return s.build();
    }

    static void reference(boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, int lda, double[] b,
                          int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
        GemmReference.gemm(accumulate, ta ? Transpose.T : Transpose.N, tb ? Transpose.T : Transpose.N, m, n, k,
                a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** Runs {@code kernel} and the reference on the same random operands (with gaps and offsets); compares the bits. */
    static void compare(Kernel kernel, String name, int m, int n, int k, boolean ta, boolean tb) {
        compare(kernel, name, m, n, k, ta, tb, 3);
    }

    /** As above, with C's rows {@code gap} entries apart beyond n (0: contiguous rows). */
    static void compare(Kernel kernel, String name, int m, int n, int k, boolean ta, boolean tb, int gap) {
        RandomStream r = new RandomStream(31L * m + 7L * n + k + (ta ? 1000 : 0) + (tb ? 2000 : 0));
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        int lda = aCols + 2;
        int ldb = bCols + 1;
        int ldc = n + gap;
        int aOff = 5;
        int bOff = 3;
        int cOff = 4;
        double[] a = Checks.gaussians(r, aOff + aRows * lda);
        double[] b = Checks.gaussians(r, bOff + bRows * ldb);
        double[] c0 = Checks.gaussians(r, cOff + m * ldc);
        for (boolean acc : new boolean[] {false, true}) {
            double[] expected = c0.clone();
            double[] actual = c0.clone();
            if (!acc) {
                // overwrite ignores C's old entries, even NaN
                for (int i = 0; i < m; i++) {
                    expected[cOff + i * ldc] = Double.NaN;
                    actual[cOff + i * ldc] = Double.NaN;
                }
            }
            reference(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, expected, cOff, ldc, acc);
            kernel.run(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, actual, cOff, ldc, acc);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                        () -> name + ": entry differs" + (acc ? " (accumulate)" : " (overwrite)"));
            }
        }
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("shapes")
    void dispatcherEqualsTheSequentialFmaChain(int m, int n, int k, boolean ta, boolean tb) {
        compare((ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc, acc) -> {
            if (acc) {
                ProductKernel.multiplyAdd(ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc);
            } else {
                ProductKernel.multiply(ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc);
            }
        }, "dispatcher (" + ProductKernel.path(tb, m, n, k) + ")", m, n, k, ta, tb);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("shapes")
    void scalarPathEqualsTheSequentialFmaChain(int m, int n, int k, boolean ta, boolean tb) {
        compare(ProductKernel::scalar, "scalar", m, n, k, ta, tb);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("shapes")
    void smallPathEqualsTheSequentialFmaChain(int m, int n, int k, boolean ta, boolean tb) {
        if (Simd.ENABLED && n >= ProductVectorKernels.LANES) {
            compare(ProductKernel::small, "small", m, n, k, ta, tb);
        }
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("shapes")
    void outerPathEqualsTheSequentialFmaChain(int m, int n, int k, boolean ta, boolean tb) {
        if (k == 1 && !tb) {
            compare((ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc, acc)
                    -> ProductKernel.outer(ta1, m1, n1, a, ao, lda, b, bo, c, co, ldc, acc), "outer", m, n, k, ta, tb);
        }
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("shapes")
    void gemmPathEqualsTheSequentialFmaChain(int m, int n, int k, boolean ta, boolean tb) {
        compare(ProductKernel::gemm, "gemm", m, n, k, ta, tb);
    }

    /**
     * The 5 × 3 tile on its own (the dispatcher takes it only with 32 vector registers): every row count modulo 5 with a
     * repeated last row, widths 9..12 (the third vector overlapping the second), both layouts of A, overwrite and
     * accumulate, bit for bit against the sequential chain.
     */
    @Test
    void fiveRowTilesEqualTheSequentialFmaChain() {
        assertTrue(Simd.ENABLED, "the build runs the tests with the Vector API module: " + Simd.describe());
        for (int m : new int[] {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 97}) {
            for (int n = 9; n <= 12; n++) {
                for (boolean ta : new boolean[] {false, true}) {
                    int nn = n;
                    compare((ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc, acc) -> {
                        int ai = ta1 ? 1 : lda;
                        int ap = ta1 ? lda : 1;
                        ProductVectorKernels.rows5x3(m1, k1, a, ao, ai, ap, b, bo, ldb, 0, Math.min(4, nn - 4), nn - 4,
                                c, co, ldc, acc);
                    }, "rows5x3", m, n, 7, ta, false);
                }
            }
        }
    }

    /**
     * Ten contiguous columns, an even number of rows and a short k take the two-row vectors of
     * {@link ProductVectorKernels#pairs10} (through the small path and the dispatcher): the same bits as the plain loop,
     * for every tile count (8-, 4- and 2-row tiles), both transposes, overwrite and accumulate.
     */
    @Test
    void tenColumnPairsEqualTheSequentialFmaChain() {
        assertTrue(Simd.ENABLED, "the build runs the tests with the Vector API module: " + Simd.describe());
        for (int m : new int[] {4, 6, 8, 10, 12, 14, 16, 18, 22, 100}) {
            for (int k : new int[] {0, 1, 3, 10, ProductKernel.PAIRS10_MAX_K}) {
                assertTrue(ProductKernel.pairs10(m, 10, k, 10));
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0;
                    boolean tb = (t & 2) != 0;
                    compare(ProductKernel::small, "pairs10 via small", m, 10, k, ta, tb, 0);
                    compare((ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc, acc) -> {
                        if (acc) {
                            ProductKernel.multiplyAdd(ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc);
                        } else {
                            ProductKernel.multiply(ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc);
                        }
                    }, "pairs10 via the dispatcher", m, 10, k, ta, tb, 0);
                }
            }
        }
        assertFalse(ProductKernel.pairs10(5, 10, 10, 10), "odd m");
        assertFalse(ProductKernel.pairs10(100, 10, 10, 13), "gaps between rows");
        assertFalse(ProductKernel.pairs10(10, 10, 100, 10), "long k (the weight gradients keep the 5-row tiles)");
    }

    /**
     * The 512-bit tiles ({@link ProductVectorKernelsWide}, C 8 to 16 columns wide) and the 256-bit small path give the
     * plain loop's bits, so each other's: every m up to 23 (every remainder of the 5-, 8- and 10-row tiles) and 100,
     * every width 8..16, k from 1 to past the pairs' limit, all four transposes, overwrite and accumulate, C's rows
     * contiguous (the ten-column pairs, which a short k keeps on the 256-bit path) or with gaps (the 512-bit tiles).
     */
    @Test
    void wideTilesGiveTheBitsOfThe256BitTiles() {
        // (only where the 512-bit kernels are in use: on JDK 17 they would make this JVM's 256-bit kernels run boxed)
        assumeTrue(Simd.WIDE_PRODUCTS, "512-bit products not in use: " + Simd.describe());
        assertTrue(ProductKernel.wideTiles(true, 10, 10, 100, 10), "a deep-linear weight gradient");
        assertTrue(ProductKernel.wideTiles(true, 100, 10, 10, 13), "ten columns with gaps between rows");
        assertFalse(ProductKernel.wideTiles(true, 100, 10, 10, 10), "the ten-column pairs");
        assertFalse(ProductKernel.wideTiles(false, 10, 10, 100, 10), "256-bit");
        assertFalse(ProductKernel.wideTiles(true, 10, 7, 100, 7), "narrower than a 512-bit vector");
        assertFalse(ProductKernel.wideTiles(true, 10, 17, 100, 17), "wider than two");
        int[] ms = new int[24];
        for (int i = 0; i < 23; i++) {
            ms[i] = i + 1;
        }
        ms[23] = 100;
        for (int m : ms) {
            for (int n = 8; n <= 16; n++) {
                for (int k : new int[] {1, 3, 10, 37}) {
                    for (int t = 0; t < 4; t++) {
                        boolean ta = (t & 1) != 0;
                        boolean tb = (t & 2) != 0;
                        for (int gap : new int[] {0, 3}) {
                            compare((ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc, acc) -> ProductKernel.small(
                                    true, ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc, acc),
                                    "512-bit small", m, n, k, ta, tb, gap);
                            compare((ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc, acc) -> ProductKernel.small(
                                    false, ta1, tb1, m1, n1, k1, a, ao, lda, b, bo, ldb, c, co, ldc, acc),
                                    "256-bit small", m, n, k, ta, tb, gap);
                        }
                    }
                }
            }
        }
    }

    /**
     * The bench's deep linear network (½‖X W₁ᵀW₂ᵀW₃ᵀ − Y‖², 10 × 10 layers, 100 samples): its gradient, HVP and ten GD
     * steps with the 512-bit tiles equal those with the 256-bit ones bit for bit.
     */
    @Test
    void deepLinearGradientIsTheSameWithBothWidths() {
        // (only where the 512-bit kernels are in use: on JDK 17 they would make this JVM's 256-bit kernels run boxed)
        assumeTrue(Simd.WIDE_PRODUCTS, "512-bit products not in use: " + Simd.describe());
        int n = 100;
        int d = 10;
        ParameterLayout layout = ParameterLayout.builder().add("W1", d, d).add("W2", d, d).add("W3", d, d).build();
        GraphBuilder gb = new GraphBuilder(layout);
        Node x = gb.input("x", n, d);
        Node y = gb.input("y", n, d);
        Node out = gb.matmul(gb.matmul(gb.matmul(x, gb.parameter("W1"), false, true), gb.parameter("W2"), false, true),
                gb.parameter("W3"), false, true);
        Graph g = gb.build(gb.sum(gb.loss(out, y, SquaredLoss.INSTANCE)));
        RandomStream r = new RandomStream(2026);
        g.setInput("x", Checks.gaussians(r, n * d));
        g.setInput("y", Checks.gaussians(r, n * d));
        double[] w0 = Checks.gaussians(r, layout.size());
        double[] v = Checks.gaussians(r, layout.size());
        double[][] results = new double[2][];
        boolean saved = ProductKernel.wideTiles;
        try {
            for (int pass = 0; pass < 2; pass++) {
                ProductKernel.wideTiles = pass == 0;
                double[] w = w0.clone();
                double[] grad = new double[w.length];
                double[] hv = new double[w.length];
                g.hessianVectorProduct(w, v, hv);
                for (int step = 0; step < 10; step++) {
                    g.gradient(w, grad);
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= 1e-3 * grad[i];
                    }
                }
                double[] all = new double[3 * w.length];
                System.arraycopy(grad, 0, all, 0, w.length);
                System.arraycopy(hv, 0, all, w.length, w.length);
                System.arraycopy(w, 0, all, 2 * w.length, w.length);
                results[pass] = all;
            }
        } finally {
            ProductKernel.wideTiles = saved;
        }
        for (int i = 0; i < results[0].length; i++) {
            assertEquals(Double.doubleToRawLongBits(results[1][i]), Double.doubleToRawLongBits(results[0][i]),
                    "entry " + i + " of (gradient, HVP, w after 10 steps): " + results[1][i] + " (256-bit) vs "
                            + results[0][i] + " (512-bit)");
        }
    }

    @Test
    void fiveRowTilesOnlyWhereTheyRepeatNoMoreRows() {
        assertEquals(ProductVectorKernels.WIDE_REGISTER_FILE, ProductKernel.fiveRowTiles(10));
        assertEquals(ProductVectorKernels.WIDE_REGISTER_FILE, ProductKernel.fiveRowTiles(100));
        assertFalse(ProductKernel.fiveRowTiles(4));
        assertFalse(ProductKernel.fiveRowTiles(8));
        assertFalse(ProductKernel.fiveRowTiles(12));
    }

    @Test
    void shapesTakeTheirPaths() {
        assertTrue(Simd.ENABLED, "the build runs the tests with the Vector API module: " + Simd.describe());
        // the deep-linear network's products: small tiles
        assertEquals(ProductKernel.Path.SMALL, ProductKernel.path(true, 100, 10, 10));
        assertEquals(ProductKernel.Path.SMALL, ProductKernel.path(false, 10, 10, 100));
        // a 784-256-256-1 MLP on 2000 rows: Gemm for the wide layers, the small or scalar path for the 1-wide one
        assertEquals(ProductKernel.Path.GEMM, ProductKernel.path(true, 2000, 256, 784));
        assertEquals(ProductKernel.Path.GEMM, ProductKernel.path(false, 256, 784, 2000));
        assertEquals(ProductKernel.Path.SCALAR, ProductKernel.path(true, 2000, 1, 256));
        assertEquals(ProductKernel.Path.OUTER, ProductKernel.path(false, 2000, 256, 1));
        assertEquals(ProductKernel.Path.GEMM, ProductKernel.path(false, 1, 256, 2000));
        // outer products at least 256 wide and 2¹⁸ entries (not transposed B, not a long single row on the Java GEMM)
        assertEquals(ProductKernel.Path.SMALL, ProductKernel.path(false, 2000, 128, 1));
        assertEquals(ProductKernel.Path.SMALL, ProductKernel.path(false, 64, 512, 1));
        assertEquals(ProductKernel.Path.SMALL, ProductKernel.path(false, 5000, 64, 1));
        assertEquals(ProductKernel.Path.OUTER, ProductKernel.path(false, 1024, 256, 1));
        assertEquals(ProductKernel.Path.SMALL, ProductKernel.path(true, 256, 2000, 1));
        assertEquals(ProductKernel.Path.GEMM, ProductKernel.path(false, 1, 4100, 1, false));
        assertEquals(ProductKernel.Path.SCALAR, ProductKernel.path(false, 1, 4100, 1, true));
        // below 2²⁰ multiply-adds: small
        assertEquals(ProductKernel.Path.SMALL, ProductKernel.path(false, 100, 100, 100));
        // with a native Gemm (which copies op(B) off-heap) a single row stays in Java; the rest as above
        assertEquals(ProductKernel.Path.SCALAR, ProductKernel.path(false, 1, 256, 2000, true));
        assertEquals(ProductKernel.Path.GEMM, ProductKernel.path(false, 1, 256, 2000, false));
        assertEquals(ProductKernel.Path.GEMM, ProductKernel.path(true, 2000, 256, 784, true));
        assertEquals(ProductKernel.Path.OUTER, ProductKernel.path(false, 2000, 256, 1, true));
        // feature-major on a native GEMM: the one-output layer's row (scalar, read in place) and its outer product
        assertEquals(ProductKernel.Path.SCALAR, ProductKernel.path(false, 1, 2000, 256, true));
        assertEquals(ProductKernel.Path.OUTER, ProductKernel.path(false, 256, 2000, 1, true));
        assertEquals(ProductKernel.Path.SCALAR, ProductKernel.path(true, 1, 256, 2000, true));
    }
}
