package org.sgdlab.nn.autodiff;

import java.util.Arrays;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.GemmOperands;
import org.sgdlab.linalg.Simd;
import org.sgdlab.linalg.Transpose;

/**
 * The one place where sgdlab-nn multiplies matrices: C ← op(A)·op(B) ({@link #multiply}) and C ← C + op(A)·op(B)
 * ({@link #multiplyAdd}), op ∈ {identity, transpose}, on row-major {@code double[]} with offsets and leading dimensions
 * (the BLAS dgemm shape without α and β).
 *
 * <p>Bits: every C[i][j] is accumulated sequentially over k = 0, 1, …, K−1 with fused multiply-adds,
 * c ← fma(op(A)[i][k], op(B)[k][j], c), starting from 0 ({@code multiply}) or from C[i][j] ({@code multiplyAdd}) —
 * the contract of core's {@link Gemm} ({@code org.sgdlab.linalg.GemmReference}). Four paths keep it, chosen by shape
 * (ProductKernelTest compares each with the plain triple loop, bit for bit):
 * <ul>
 *   <li><b>large</b> (at least {@link #GEMM_MIN} multiply-adds and C at least {@value #GEMM_MIN_SIDE} wide and
 *   tall): core's blocked {@link Gemm}, packed, on {@code Parallel.threads()} threads. With
 *   {@code -Dsgdlab.blas=openblas} that is native OpenBLAS, whose bits are its own (see {@link Gemm#describe()}),
 *   except for a single row of C, which a native backend would copy op(B) off-heap for: that one stays scalar
 *   ({@link #path(boolean, int, int, int, boolean)});</li>
 *   <li><b>small</b> (below that, with the SIMD path on and C at least 4 wide): register tiles of four rows and up
 *   to four vectors of four columns ({@link ProductVectorKernels}) straight on the operands, where Gemm's packing
 *   and edge tiles would cost more than the arithmetic (a 100 × 10 · 10 × 10 product is 10⁴ multiply-adds); ten
 *   contiguous columns with a short k take two rows at a time as five whole vectors ({@link #pairs10}). With
 *   512-bit vectors ({@code Simd.WIDE_PRODUCTS}), other products with C 8 to 16 columns wide take tiles of two vectors
 *   of eight columns ({@link ProductVectorKernelsWide}: a ten-wide row is 2 FMAs per step of k, not 3);</li>
 *   <li><b>scalar</b> (C narrower than 4 columns, or the SIMD path off): 4 × 4 blocks of scalar accumulators, or an
 *   i-k-j loop for long rows.</li>
 * </ul>
 *
 * <p>C must not overlap A or B. A is m × K after op (stored K × m when transposed), B is K × n after op.
 */
final class ProductKernel {
    private ProductKernel() {
    }

    /**
     * Products with at least this many multiply-adds (m·n·k) and every side at least {@value #GEMM_MIN_SIDE} go to core's
     * Gemm. Below it the small path is as fast or faster on one thread (Gemm packs both operands and finishes edge tiles
     * in scratch: 64³ took 14.7 µs small against 17.1 µs Gemm, 128³ 98 against 99 µs, 256³ 862 against 706 µs), and
     * from here on Gemm also runs on both cores ({@code GemmKernel.PARALLEL_MIN} is the same 2²⁰).
     */
    static final long GEMM_MIN = 1L << 20;
    /** Gemm's tiles are 12 × 8 (or 6 × 8) and it packs k-long panels: thinner or shorter products stay small. */
    static final int GEMM_MIN_SIDE = 16;
    /**
     * A single row of C with op(B) = B goes to Gemm's unpacked row path from this many multiply-adds on (1 × 256 · 256 ×
     * 2000 took 119 µs there against 188 µs in the small path's 4-row tile, which computes that row four times).
     */
    static final long GEMM_ROW_MIN = 1L << 12;

    /** C ← op(A)·op(B) (C overwritten; A and B read only). */
    static void multiply(boolean transA, boolean transB, int m, int n, int k,
                         double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                         double[] c, int cOff, int ldc) {
        product(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, false, GemmOperands.NONE);
    }

    /** C ← C + op(A)·op(B) (C updated in place; A and B read only). */
    static void multiplyAdd(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double[] c, int cOff, int ldc) {
        product(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, true, GemmOperands.NONE);
    }

    /**
     * C ← [C +] op(A)·op(B), the large path reusing {@code operands}' copies of A and B (a graph's, see
     * {@link Graph}); the same bits as without them.
     */
    static void product(boolean accumulate, boolean transA, boolean transB, int m, int n, int k,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                        double[] c, int cOff, int ldc, GemmOperands operands) {
        product(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, operands);
    }

    /** Which path a product of this shape takes (for tests and benchmarks). */
    enum Path { GEMM, SMALL, SCALAR, OUTER }

    static Path path(boolean transB, int m, int n, int k) {
        return path(transB, m, n, k, NATIVE_GEMM);
    }

    /**
     * True when core's Gemm is a native backend (it copies its operands off-heap): a single row of C then stays in
     * Java ({@link #path(boolean, int, int, int, boolean)}).
     */
    static final boolean NATIVE_GEMM = !"java".equals(Gemm.backend().name());

    /**
     * The path for this shape when core's Gemm is native ({@code nativeGemm}) or not. A single row of C with
     * op(B) = B (a matrix-vector product: the gradient of a one-output layer's weights, 1 × 2000 · 2000 × 256) goes to
     * the Java GEMM's unpacked row path, but not to a native backend, which would first copy op(B) off-heap (4 MB, more
     * than the product's own time, which reads it once): the scalar path's row loop reads it in place.
     */
    static Path path(boolean transB, int m, int n, int k, boolean nativeGemm) {
        long work = (long) m * n * k;
        if (m == 1 && !transB && work >= GEMM_ROW_MIN) {
            return nativeGemm ? Path.SCALAR : Path.GEMM;
        }
        if (k == 1 && !transB && n >= OUTER_MIN_N && (long) m * n >= OUTER_MIN_ENTRIES) {
            return Path.OUTER;
        }
        if (work >= GEMM_MIN && Math.min(m, Math.min(n, k)) >= GEMM_MIN_SIDE) {
            return Path.GEMM;
        }
        // op(B) = Bᵀ is packed first (k·n copies): worth it only with a few rows of C to share it
        if (Simd.ENABLED && n >= ProductVectorKernels.LANES && (!transB || m >= 4)) {
            return Path.SMALL;
        }
        return Path.SCALAR;
    }

    private static void product(boolean transA, boolean transB, int m, int n, int k,
                                double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                double[] c, int cOff, int ldc, boolean accumulate, GemmOperands operands) {
        if (m == 0 || n == 0) {
            return;
        }
        switch (path(transB, m, n, k)) {
            case GEMM -> gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, operands);
            case SMALL -> small(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            case SCALAR -> scalar(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            case OUTER -> outer(transA, m, n, a, aOff, lda, b, bOff, c, cOff, ldc, accumulate);
        }
    }

    /** The large path: core's Gemm, reusing {@code operands}' copies (a native backend's; see {@link GemmOperands}). */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate,
                     GemmOperands operands) {
        Transpose ta = transA ? Transpose.T : Transpose.N;
        Transpose tb = transB ? Transpose.T : Transpose.N;
        if (accumulate) {
            Gemm.multiplyAdd(operands, ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        } else {
            Gemm.multiply(operands, ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
    }

    /** The large path without operand copies. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
        gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, GemmOperands.NONE);
    }

    /**
     * Per-thread scratch, grown on demand and reused: [0] op(B) packed (Bᵀ row-major, k × n, or {@link #pairs10}'s
     * layout), [1] a transposed A copied for {@link #pairs10}.
     */
    private static final ThreadLocal<double[][]> PACKED = ThreadLocal.withInitial(() -> new double[2][0]);

    /** Vectors per column block of the small path (four, i.e. 16 accumulators with four rows). */
    private static final int BLOCK_VECTORS = 4;

    /**
     * The small path (needs n ≥ 4 and the SIMD path): C in tiles of four rows × up to four vectors of four columns
     * (eight rows for one or two vectors when m ≥ 8, five rows for three vectors when that repeats fewer rows). The columns are cut into blocks of whole vectors, the last vector
     * of the last block ending at column n (it overlaps its neighbour when n is not a multiple of 4); the last tile of
     * rows repeats row m − 1 when m is not a multiple of the tile's rows. Repeats stay inside one tile (loaded before
     * any store, the same chain, stored twice with one value), so accumulating into C is safe. op(B) = Bᵀ is first
     * packed as k × n into a per-thread buffer.
     */
    static void small(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
        small(wideTiles, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /**
     * Whether the small path's 8-to-16-column products take the 512-bit tiles ({@link ProductVectorKernelsWide}):
     * {@code Simd.WIDE_PRODUCTS}, decided once per JVM. Not final only so that tests can run whole graphs both ways
     * (ProductKernelTest); both give the same bits, so a test running alongside sees no difference.
     */
    static boolean wideTiles = Simd.WIDE_PRODUCTS;

    /**
     * The small path with the 512-bit tiles for C 8 to 16 columns wide ({@code wide}, when the CPU has them) or the
     * 256-bit ones; tests run both on one JVM.
     */
    static void small(boolean wide, boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff,
                      int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
        if (k == 0) {
            if (!accumulate) {
                zero(m, n, c, cOff, ldc);
            }
            return;
        }
        if (pairs10(m, n, k, ldc)) {
            double[][] holder = PACKED.get();
            int stride = ProductVectorKernels.PAIRS10_STRIDE;
            if (holder[0].length < stride * k + 2) {
                holder[0] = new double[stride * k + 2];
            }
            double[] bd = holder[0];
            if (transB) {
                for (int p = 0; p < k; p++) {
                    int row = p * stride;
                    for (int j = 0, src = bOff + p; j < 10; j++, src += ldb) {
                        bd[row + j] = b[src];
                    }
                    bd[row + 10] = bd[row];
                    bd[row + 11] = bd[row + 1];
                }
            } else {
                ProductVectorKernels.packPairs10(k, b, bOff, ldb, bd);
            }
            if (transA) {
                // the kernel reads rows of op(A) along k: A (k × m) is copied transposed
                if (holder[1].length < m * k) {
                    holder[1] = new double[m * k];
                }
                double[] at = holder[1];
                for (int i = 0; i < m; i++) {
                    for (int p = 0, src = aOff + i; p < k; p++, src += lda) {
                        at[i * k + p] = a[src];
                    }
                }
                ProductVectorKernels.pairs10(m, k, at, 0, k, bd, c, cOff, accumulate);
            } else {
                ProductVectorKernels.pairs10(m, k, a, aOff, lda, bd, c, cOff, accumulate);
            }
            return;
        }
        if (transB) {
            b = transposedB(n, k, b, bOff, ldb);
            bOff = 0;
            ldb = n;
        }
        int ai = transA ? 1 : lda;
        int ap = transA ? lda : 1;
        if (wideTiles(wide, m, n, k, ldc)) {
            if (n == ProductVectorKernelsWide.LANES) {
                ProductVectorKernelsWide.rows8x1(m, k, a, aOff, ai, ap, b, bOff, ldb, 0, c, cOff, ldc, accumulate);
            } else if (tenRowTiles(m)) {
                ProductVectorKernelsWide.rows10x2(m, k, a, aOff, ai, ap, b, bOff, ldb, 0, n - 8, c, cOff, ldc,
                        accumulate);
            } else {
                ProductVectorKernelsWide.rows5x2(m, k, a, aOff, ai, ap, b, bOff, ldb, 0, n - 8, c, cOff, ldc,
                        accumulate);
            }
            return;
        }
        int vectors = (n + 3) / 4;
        int blocks = (vectors + BLOCK_VECTORS - 1) / BLOCK_VECTORS;
        int start = 0;
        for (int blk = 0; blk < blocks; blk++) {
            int nv = vectors / blocks + (blk < vectors % blocks ? 1 : 0);
            int end = blk == blocks - 1 ? n : start + 4 * nv;
            int last = end - 4;
            int j0 = start;
            int j1 = Math.min(start + 4, last);
            int j2 = Math.min(start + 8, last);
            int j3 = last;
            switch (nv) {
                case 1 -> {
                    if (m >= 8) {
                        ProductVectorKernels.rows8x1(m, k, a, aOff, ai, ap, b, bOff, ldb, j3, c, cOff, ldc, accumulate);
                    } else {
                        ProductVectorKernels.rows4x1(m, k, a, aOff, ai, ap, b, bOff, ldb, j3, c, cOff, ldc, accumulate);
                    }
                }
                case 2 -> {
                    if (m >= 8) {
                        ProductVectorKernels.rows8x2(m, k, a, aOff, ai, ap, b, bOff, ldb, j0, j3, c, cOff, ldc,
                                accumulate);
                    } else {
                        ProductVectorKernels.rows4x2(m, k, a, aOff, ai, ap, b, bOff, ldb, j0, j3, c, cOff, ldc,
                                accumulate);
                    }
                }
                case 3 -> {
                    if (fiveRowTiles(m)) {
                        ProductVectorKernels.rows5x3(m, k, a, aOff, ai, ap, b, bOff, ldb, j0, j1, j3, c, cOff, ldc,
                                accumulate);
                    } else {
                        ProductVectorKernels.rows4x3(m, k, a, aOff, ai, ap, b, bOff, ldb, j0, j1, j3, c, cOff, ldc,
                                accumulate);
                    }
                }
                default -> ProductVectorKernels.rows4x4(m, k, a, aOff, ai, ap, b, bOff, ldb, j0, j1, j2, j3, c, cOff,
                        ldc, accumulate);
            }
            start = end;
        }
    }

    /**
     * op(B) = Bᵀ (B stored n × k, rows {@code ldb} apart from {@code bOff}) copied as k × n rows into this thread's
     * scratch, which is returned (valid until the thread's next product).
     */
    private static double[] transposedB(int n, int k, double[] b, int bOff, int ldb) {
        double[][] holder = PACKED.get();
        if (holder[0].length < k * n) {
            holder[0] = new double[k * n];
        }
        double[] bt = holder[0];
        for (int j = 0; j < n; j++) {
            for (int p = 0, src = bOff + j * ldb; p < k; p++) {
                bt[p * n + j] = b[src + p];
            }
        }
        return bt;
    }

    /**
     * Whether the small path takes the 512-bit tiles ({@code wide} on): C 8 to 16 columns wide, except the ten-column
     * products with a short k that {@link #pairs10} takes. Measured on a Xeon (Emerald Rapids, JDK 25, thread CPU,
     * ns per product, 256-bit / 512-bit): 10 × 100 · 100 × 10 (a weight gradient, k = 100) 830–860 / 550–620; but
     * 100 × 10 · 10 × 10 (k = 10) 810–930 / 830–990, where loads, stores and packing, not the FMAs, take the time.
     */
    static boolean wideTiles(boolean wide, int m, int n, int k, int ldc) {
        return wide && n >= ProductVectorKernelsWide.LANES && n <= 2 * ProductVectorKernelsWide.LANES
                && !pairs10(m, n, k, ldc);
    }

    /**
     * The 512-bit path takes 10-row tiles when they repeat no more rows than 5-row ones, ⌈m/10⌉·10 ≤ ⌈m/5⌉·5 (m = 10,
     * 20, 100, or 6..10 mod 10), else 5-row tiles.
     */
    static boolean tenRowTiles(int m) {
        return (m + 9) / 10 * 10 <= (m + 4) / 5 * 5;
    }

    /** Longest k for {@link ProductVectorKernels#pairs10}, whose op(B) is first packed (12·k writes). */
    static final int PAIRS10_MAX_K = 32;

    /**
     * Ten columns of contiguous rows, an even number of them, and a short k (a 10-wide layer's products over a batch:
     * 100 × 10 · 10 × 10) take {@link ProductVectorKernels#pairs10}: two rows are five whole vectors, no lane wasted
     * (12 computed for 10 otherwise). 100 × 10 · 10 × 10ᵀ took 0.65 µs there (thread CPU, the copy of op(B) included)
     * against 0.87 µs packing Bᵀ for the 5 × 3 tiles; without the transpose 0.69–0.77 against 0.85 µs.
     */
    static boolean pairs10(int m, int n, int k, int ldc) {
        return n == 10 && ldc == 10 && m >= 4 && m % 2 == 0 && k <= PAIRS10_MAX_K;
    }

    /**
     * Three-vector blocks take 5-row tiles when those repeat no more rows than 4-row tiles would, ⌈m/5⌉·5 ≤ ⌈m/4⌉·4
     * (m = 5, 9, 10, 13..15, 17..20, 25, …, 100; not 4, 8, 12, 16): a repeated row is wasted work, and a 5 × 3 tile is
     * at least as fast per row as a 4 × 3 one — where the CPU has 32 vector registers (AVX-512): its 15 accumulators,
     * 3 operand vectors and a broadcast would spill from AVX2's 16.
     */
    static boolean fiveRowTiles(int m) {
        return ProductVectorKernels.WIDE_REGISTER_FILE && (m + 4) / 5 * 5 <= (m + 3) / 4 * 4;
    }

    private static void zero(int m, int n, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        }
    }

    /** Rows at least this long take the i-k-j loop (C2 vectorizes its inner loop); shorter ones the 4×4 tiles. */
    static final int VECTOR_MIN_N = 32;

    /** The scalar path: any shape, no SIMD. */
    static void scalar(boolean transA, boolean transB, int m, int n, int k,
                       double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double[] c, int cOff, int ldc, boolean accumulate) {
        if (!transB && n >= VECTOR_MIN_N) {
            rowUpdates(transA, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            tiles(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * i-k-j: row i of C gets fma(a_ip, row p of B, ·) for p in order; the inner loop runs over contiguous j (C2
     * vectorizes it). Four rows of B are taken per sweep of the row, c_j ← fma(a_i,p+3, b_p+3,j, fma(…, fma(a_ip,
     * b_pj, c_j))): the same chain in the same order, so the same bits, with C's row loaded and stored a quarter as
     * often. The row of a one-output layer on a native GEMM, 1 × 256 · 256 × 2000, took 0.42 ms one row of B at a time
     * and 0.22 ms four at a time (Emerald Rapids, JDK 17, thread CPU).
     */
    private static void rowUpdates(boolean transA, int m, int n, int k, double[] a, int aOff, int lda,
                                   double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
        int ai = transA ? 1 : lda;
        int ap = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            int x = aOff + i * ai;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + n, 0.0);
            }
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double a0 = a[x + p * ap];
                double a1 = a[x + (p + 1) * ap];
                double a2 = a[x + (p + 2) * ap];
                double a3 = a[x + (p + 3) * ap];
                int b0 = bOff + p * ldb;
                int b1 = b0 + ldb;
                int b2 = b1 + ldb;
                int b3 = b2 + ldb;
                for (int j = 0; j < n; j++) {
                    double s = Math.fma(a0, b[b0 + j], c[ci + j]);
                    s = Math.fma(a1, b[b1 + j], s);
                    s = Math.fma(a2, b[b2 + j], s);
                    c[ci + j] = Math.fma(a3, b[b3 + j], s);
                }
            }
            for (; p < k; p++) {
                double aip = a[x + p * ap];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
                }
            }
        }
    }

    /** Outer products (k = 1) at least this wide, with C at least 2¹⁸ entries, take {@link #outer}. */
    static final int OUTER_MIN_N = 256;
    /** C at least this large (2 MB, the L2 of the CPU measured) for {@link #outer}: see there. */
    static final long OUTER_MIN_ENTRIES = 1L << 18;

    /**
     * The outer product (k = 1, op(B) = B): c_ij = fma(a_i, b_j, 0 or c_ij), the whole chain of the contract in
     * one step, one row of C per sweep over B's single row (C2 vectorizes it). It pays only when C streams out of
     * the cache: the backward of a one-output layer, W₃ᵀ (256 × 1) · C̄ (1 × 2000) feature-major or C̄ (2000 × 1) ·
     * W₃ (1 × 256) by rows, took 0.50 / 0.54–0.60 ms in the small path's tiles and 0.41–0.45 / 0.43 ms here;
     * 2000 × 192 the same (0.33 ms); but a C that stays in cache is faster in the tiles: 2000 × 128 0.19–0.22
     * against 0.22–0.25 ms, 64 × 512 21 against 27 µs, 2000 × 64 55–71 against 111–125 µs (Emerald Rapids, JDK 17
     * and 25, thread CPU, microbenchmark).
     */
    static void outer(boolean transA, int m, int n, double[] a, int aOff, int lda, double[] b, int bOff,
                      double[] c, int cOff, int ldc, boolean accumulate) {
        int ai = transA ? 1 : lda;
        for (int i = 0; i < m; i++) {
            double x = a[aOff + i * ai];
            int ci = cOff + i * ldc;
            if (accumulate) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(x, b[bOff + j], c[ci + j]);
                }
            } else {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(x, b[bOff + j], 0.0);
                }
            }
        }
    }

    /**
     * 4 × 4 blocks of C held in sixteen accumulators while p runs over k (then 4 × 1, 1 × 4 and 1 × 1 blocks at the
     * edges). Entry (i, p) of op(A) is a[aOff + i·ai + p·ap] and (p, j) of op(B) is b[bOff + p·bp + j·bj].
     */
    private static void tiles(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda,
                              double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
        int ai = transA ? 1 : lda;
        int ap = transA ? lda : 1;
        int bp = transB ? 1 : ldb;
        int bj = transB ? ldb : 1;
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int a0 = aOff + i * ai;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                block4x4(k, a, a0, ai, ap, b, bOff + j * bj, bp, bj, c, cOff + i * ldc + j, ldc, accumulate);
            }
            for (; j < n; j++) {
                block4x1(k, a, a0, ai, ap, b, bOff + j * bj, bp, c, cOff + i * ldc + j, ldc, accumulate);
            }
        }
        for (; i < m; i++) {
            int a0 = aOff + i * ai;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                block1x4(k, a, a0, ap, b, bOff + j * bj, bp, bj, c, cOff + i * ldc + j, accumulate);
            }
            for (; j < n; j++) {
                double s = accumulate ? c[cOff + i * ldc + j] : 0.0;
                for (int p = 0, x = a0, y = bOff + j * bj; p < k; p++, x += ap, y += bp) {
                    s = Math.fma(a[x], b[y], s);
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }

    private static void block4x4(int k, double[] a, int a0, int ai, int ap, double[] b, int b0, int bp, int bj,
                                 double[] c, int c0, int ldc, boolean acc) {
        int r1 = c0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        double s00 = acc ? c[c0] : 0.0, s01 = acc ? c[c0 + 1] : 0.0, s02 = acc ? c[c0 + 2] : 0.0, s03 = acc ? c[c0 + 3] : 0.0;
        double s10 = acc ? c[r1] : 0.0, s11 = acc ? c[r1 + 1] : 0.0, s12 = acc ? c[r1 + 2] : 0.0, s13 = acc ? c[r1 + 3] : 0.0;
        double s20 = acc ? c[r2] : 0.0, s21 = acc ? c[r2 + 1] : 0.0, s22 = acc ? c[r2 + 2] : 0.0, s23 = acc ? c[r2 + 3] : 0.0;
        double s30 = acc ? c[r3] : 0.0, s31 = acc ? c[r3 + 1] : 0.0, s32 = acc ? c[r3 + 2] : 0.0, s33 = acc ? c[r3 + 3] : 0.0;
        for (int p = 0, x = a0, y = b0; p < k; p++, x += ap, y += bp) {
            double x0 = a[x];
            double x1 = a[x + ai];
            double x2 = a[x + 2 * ai];
            double x3 = a[x + 3 * ai];
            double y0 = b[y];
            double y1 = b[y + bj];
            double y2 = b[y + 2 * bj];
            double y3 = b[y + 3 * bj];
            s00 = Math.fma(x0, y0, s00);
            s01 = Math.fma(x0, y1, s01);
            s02 = Math.fma(x0, y2, s02);
            s03 = Math.fma(x0, y3, s03);
            s10 = Math.fma(x1, y0, s10);
            s11 = Math.fma(x1, y1, s11);
            s12 = Math.fma(x1, y2, s12);
            s13 = Math.fma(x1, y3, s13);
            s20 = Math.fma(x2, y0, s20);
            s21 = Math.fma(x2, y1, s21);
            s22 = Math.fma(x2, y2, s22);
            s23 = Math.fma(x2, y3, s23);
            s30 = Math.fma(x3, y0, s30);
            s31 = Math.fma(x3, y1, s31);
            s32 = Math.fma(x3, y2, s32);
            s33 = Math.fma(x3, y3, s33);
        }
        c[c0] = s00;
        c[c0 + 1] = s01;
        c[c0 + 2] = s02;
        c[c0 + 3] = s03;
        c[r1] = s10;
        c[r1 + 1] = s11;
        c[r1 + 2] = s12;
        c[r1 + 3] = s13;
        c[r2] = s20;
        c[r2 + 1] = s21;
        c[r2 + 2] = s22;
        c[r2 + 3] = s23;
        c[r3] = s30;
        c[r3 + 1] = s31;
        c[r3 + 2] = s32;
        c[r3 + 3] = s33;
    }

    private static void block4x1(int k, double[] a, int a0, int ai, int ap, double[] b, int b0, int bp,
                                 double[] c, int c0, int ldc, boolean acc) {
        double s0 = acc ? c[c0] : 0.0;
        double s1 = acc ? c[c0 + ldc] : 0.0;
        double s2 = acc ? c[c0 + 2 * ldc] : 0.0;
        double s3 = acc ? c[c0 + 3 * ldc] : 0.0;
        for (int p = 0, x = a0, y = b0; p < k; p++, x += ap, y += bp) {
            double v = b[y];
            s0 = Math.fma(a[x], v, s0);
            s1 = Math.fma(a[x + ai], v, s1);
            s2 = Math.fma(a[x + 2 * ai], v, s2);
            s3 = Math.fma(a[x + 3 * ai], v, s3);
        }
        c[c0] = s0;
        c[c0 + ldc] = s1;
        c[c0 + 2 * ldc] = s2;
        c[c0 + 3 * ldc] = s3;
    }

    private static void block1x4(int k, double[] a, int a0, int ap, double[] b, int b0, int bp, int bj,
                                 double[] c, int c0, boolean acc) {
        double s0 = acc ? c[c0] : 0.0;
        double s1 = acc ? c[c0 + 1] : 0.0;
        double s2 = acc ? c[c0 + 2] : 0.0;
        double s3 = acc ? c[c0 + 3] : 0.0;
        for (int p = 0, x = a0, y = b0; p < k; p++, x += ap, y += bp) {
            double u = a[x];
            s0 = Math.fma(u, b[y], s0);
            s1 = Math.fma(u, b[y + bj], s1);
            s2 = Math.fma(u, b[y + 2 * bj], s2);
            s3 = Math.fma(u, b[y + 3 * bj], s3);
        }
        c[c0] = s0;
        c[c0 + 1] = s1;
        c[c0 + 2] = s2;
        c[c0 + 3] = s3;
    }
}
