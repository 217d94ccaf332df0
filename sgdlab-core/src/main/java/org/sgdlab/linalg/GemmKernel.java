package org.sgdlab.linalg;

import java.util.Arrays;
import org.sgdlab.parallel.Parallel;

/**
 * sgdlab's GEMM: C ← [C +] op(A)·op(B) with the bits of {@link GemmReference} — every entry of C one chain of fused
 * multiply-adds in k order — and so the same bits on every machine, vector width, thread count, blocking and with
 * the SIMD path on or off.
 *
 * <p>The structure is GotoBLAS's (Goto and van de Geijn, "Anatomy of high-performance matrix multiplication", ACM
 * TOMS 34(3), 2008), in BLIS's loop order: for each block of nc columns of C, for each block of kc steps of k,
 * op(B)'s kc × nc block is packed into row panels nr wide; for each block of {@value #MC} rows, op(A)'s block is
 * packed into column panels mr tall; then every mr × nr tile of C is updated by a register-tiled micro-kernel
 * ({@link GemmVectorKernels}) that loads the tile (or starts from +0), runs kc fused multiply-adds per entry and stores
 * it back. Loading and storing a double is exact, so continuing a chain across k blocks changes no bit; every tile
 * sees k in increasing order whatever the blocking. Panels are padded with zeros to whole tiles, and the edge tiles of
 * C go through a small scratch tile.
 *
 * <p>Threads split C into contiguous bands of whole tiles (rows, or columns when C has more tile columns than tile
 * rows), one per thread, each with its own packing buffers ({@link Parallel#forEachBlock}); an entry's chain does not
 * depend on which thread computes it. Packing buffers are per thread and reused, so a call allocates nothing after
 * the first of its shape but Parallel's bookkeeping.
 */
public final class GemmKernel implements GemmBackend {

    /**
     * The micro-kernels: tile shape mr × nr, and whether it is a Vector API kernel. 12 × 8 (24 accumulators) where
     * C2 has 32 vector registers (AVX-512, whose preferred species is 512-bit); 6 × 8 (12 accumulators) where it has 16
     * (AVX2): the 12 × 8 tile spills there (measured with -XX:UseAVX=2: 26 GFLOP/s against 48 for 6 × 8).
     */
    enum Tile {
        V12X8(12, 8, true), V6X8(6, 8, true), SCALAR(4, 8, false);

        final int mr;
        final int nr;
        final boolean vector;

        Tile(int mr, int nr, boolean vector) {
            this.mr = mr;
            this.nr = nr;
            this.vector = vector;
        }
    }

    /** Rows of C per packed block of op(A) (a multiple of every tile's mr). */
    static final int MC = 96;
    /**
     * Longest k block. Every k block reloads the C tiles from memory (an L3 or DRAM miss per row, with no prefetch
     * instruction in Java), so blocks are as long as the packed A block still fits in L2 (96 × 1024 doubles, 768 KB of
     * this CPU's 1 MB): 2000×784×256 ran at 46 GFLOP/s with one k block of 784 and 42 with blocks of 512 + 272. A longer
     * k is split into equal blocks.
     */
    static final int KC_MAX = 1024;
    /** Doubles in the packed kc × nc block of op(B) (8 MB, in L3): nc = this / kc, rounded to whole tiles. */
    static final int B_BLOCK = 1 << 20;

    /**
     * Steps of k per pass when packing from contiguous rows of op(B) (or of op(A) transposed): a pass reads one cache
     * line of 8 rows of the source and writes them to every panel, which reads the source sequentially (one panel at a
     * time instead, every row is on a new page: measured 3× slower).
     */
    private static final int PACK_CHUNK = 8;

    /** Below this many multiply-adds (m·n·k) a call runs on the calling thread alone. */
    static final long PARALLEL_MIN = 1L << 20;

    private static final GemmKernel DEFAULT = new GemmKernel(defaultTile(), MC, KC_MAX, B_BLOCK);

    private final Tile tile;
    private final int mc;
    private final int kcMax;
    private final int bBlock;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    /** A kernel with the given tile and blocking: mc rows (rounded down to whole tiles), k blocks ≤ kcMax, B blocks of ≤ bBlock doubles. */
    GemmKernel(Tile tile, int mc, int kcMax, int bBlock) {
        if (tile.vector && !Simd.ENABLED) {
            throw new IllegalArgumentException("tile " + tile + " needs the SIMD path, which is off: " + Simd.describe());
        }
        this.tile = tile;
        this.mc = Math.max(1, mc / tile.mr) * tile.mr;
        this.kcMax = kcMax;
        this.bBlock = bBlock;
    }

    private static Tile defaultTile() {
        if (!Simd.ENABLED) {
            return Tile.SCALAR;
        }
        return VectorKernels.preferredBits() >= 512 ? Tile.V12X8 : Tile.V6X8;
    }

    /** The kernel this JVM uses: the Vector API tiles when {@link Simd#ENABLED}, else the scalar tile. */
    public static GemmKernel get() {
        return DEFAULT;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String describe() {
        return "sgdlab GEMM (" + (tile.vector ? "Vector API 256-bit" : "scalar") + ", " + tile.mr + "×" + tile.nr
                + " tiles; fma chains in k order: the same bits on every machine and thread count)";
    }

    /**
     * Checks the arguments ({@link GemmArguments#check}) and computes C ← op(A)·op(B) or C ← C + op(A)·op(B) on up to
     * {@code threads} threads (fewer for small products; at most {@link Parallel#threads()} run at once).
     */
    @Override
    public void gemm(boolean accumulate, Transpose ta, Transpose tb, int m, int n, int k, double[] a, int aOff,
                     int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, int threads) {
        GemmArguments.check(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
                }
            }
            return;
        }
        int rowTiles = (m + tile.mr - 1) / tile.mr;
        int colTiles = (n + tile.nr - 1) / tile.nr;
        boolean byRows = rowTiles >= colTiles;
        int tiles = byRows ? rowTiles : colTiles;
        int parts = (long) m * n * k < PARALLEL_MIN ? 1 : Math.min(threads, tiles);
        if (parts == 1) {
            blocks(workspaces.get(), accumulate, ta, tb, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, 0, m, 0, n);
            return;
        }
        Parallel.forEachBlock(parts, (part, worker) -> {
            int from = (int) ((long) tiles * part / parts);
            int to = (int) ((long) tiles * (part + 1) / parts);
            Workspace ws = workspaces.get();
            if (byRows) {
                blocks(ws, accumulate, ta, tb, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc,
                        from * tile.mr, Math.min(m, to * tile.mr), 0, n);
            } else {
                blocks(ws, accumulate, ta, tb, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc,
                        0, m, from * tile.nr, Math.min(n, to * tile.nr));
            }
        });
    }

    /** Rows [i0, i1) × columns [j0, j1) of C, on the calling thread: the three blocking loops and the packing. */
    private void blocks(Workspace ws, boolean accumulate, Transpose ta, Transpose tb, int k, double[] a, int aOff,
                        int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc,
                        int i0, int i1, int j0, int j1) {
        int kc = (k + (k + kcMax - 1) / kcMax - 1) / ((k + kcMax - 1) / kcMax); // ⌈k / #blocks⌉: equal k blocks
        int nc = Math.min(Math.max(1, bBlock / kc / tile.nr) * tile.nr, roundUp(j1 - j0, tile.nr));
        ws.ensure(mc * kc, kc * nc, tile.mr * tile.nr);
        for (int jc = j0; jc < j1; jc += nc) {
            int ncur = Math.min(nc, j1 - jc);
            for (int pc = 0; pc < k; pc += kc) {
                int kcur = Math.min(kc, k - pc);
                packB(tb, b, bOff, ldb, pc, kcur, jc, ncur, ws.bp);
                boolean load = accumulate || pc > 0;
                for (int ic = i0; ic < i1; ic += mc) {
                    int mcur = Math.min(mc, i1 - ic);
                    packA(ta, a, aOff, lda, ic, mcur, pc, kcur, ws.ap);
                    tiles(ws, kcur, mcur, ncur, c, cOff + ic * ldc + jc, ldc, load);
                }
            }
        }
    }

    /** Every mr × nr tile of an mcur × ncur block of C (from {@code cBase}), from the packed panels. */
    private void tiles(Workspace ws, int kcur, int mcur, int ncur, double[] c, int cBase, int ldc, boolean load) {
        int mr = tile.mr;
        int nr = tile.nr;
        double[] ap = ws.ap;
        double[] bp = ws.bp;
        for (int jr = 0; jr < ncur; jr += nr) {
            int cols = Math.min(nr, ncur - jr);
            for (int ir = 0; ir < mcur; ir += mr) {
                int rows = Math.min(mr, mcur - ir);
                int ci = cBase + ir * ldc + jr;
                if (rows == mr && cols == nr && tile.vector) {
                    micro(kcur, ap, ir * kcur, bp, jr * kcur, c, ci, ldc, load);
                } else {
                    double[] t = ws.tile;
                    if (load) {
                        for (int i = 0; i < rows; i++) {
                            System.arraycopy(c, ci + i * ldc, t, i * nr, cols);
                        }
                    } else {
                        Arrays.fill(t, 0.0);
                    }
                    micro(kcur, ap, ir * kcur, bp, jr * kcur, t, 0, nr, load);
                    for (int i = 0; i < rows; i++) {
                        System.arraycopy(t, i * nr, c, ci + i * ldc, cols);
                    }
                }
            }
        }
    }

    private void micro(int kcur, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc,
                       boolean load) {
        switch (tile) {
            case V12X8 -> GemmVectorKernels.tile12x8(kcur, ap, aOff, bp, bOff, c, cOff, ldc, load);
            case V6X8 -> GemmVectorKernels.tile6x8(kcur, ap, aOff, bp, bOff, c, cOff, ldc, load);
            case SCALAR -> scalarTile(kcur, ap, aOff, bp, bOff, c, cOff, load);
        }
    }

    /**
     * The scalar micro-kernel on a 4 × 8 scratch tile (row stride 8): the same chains with {@link Math#fma}. Without
     * {@code load} the tile was zeroed by the caller.
     */
    private static void scalarTile(int kcur, double[] ap, int aOff, double[] bp, int bOff, double[] t, int tOff,
                                   boolean load) {
        for (int p = 0; p < kcur; p++) {
            int ai = aOff + p * 4;
            int bi = bOff + p * 8;
            for (int i = 0; i < 4; i++) {
                double x = ap[ai + i];
                int ti = tOff + i * 8;
                for (int j = 0; j < 8; j++) {
                    t[ti + j] = Math.fma(x, bp[bi + j], t[ti + j]);
                }
            }
        }
    }

    /**
     * Packs op(A)[ic .. ic+mcur) × [pc .. pc+kcur) into column panels mr tall: panel r holds op(A)[ic + r·mr + i][pc + p]
     * at {@code ap[r·mr·kcur + p·mr + i]}, with zeros in the rows past mcur.
     */
    private void packA(Transpose ta, double[] a, int aOff, int lda, int ic, int mcur, int pc, int kcur, double[] ap) {
        int mr = tile.mr;
        if (ta == Transpose.N) { // op(A)[i][p] = a[aOff + i·lda + p]: a row of A is a column of a panel, read in one pass
            for (int ir = 0; ir < mcur; ir += mr) {
                int rows = Math.min(mr, mcur - ir);
                int dst = ir * kcur;
                for (int i = 0; i < rows; i++) {
                    int src = aOff + (ic + ir + i) * lda + pc;
                    for (int p = 0; p < kcur; p++) {
                        ap[dst + p * mr + i] = a[src + p];
                    }
                }
                zeroRows(ap, dst, kcur, mr, rows);
            }
        } else { // op(A)[i][p] = a[aOff + p·lda + i]: the panels' rows are contiguous in A
            for (int p0 = 0; p0 < kcur; p0 += PACK_CHUNK) {
                int p1 = Math.min(kcur, p0 + PACK_CHUNK);
                for (int ir = 0; ir < mcur; ir += mr) {
                    int rows = Math.min(mr, mcur - ir);
                    for (int p = p0; p < p1; p++) {
                        System.arraycopy(a, aOff + (pc + p) * lda + ic + ir, ap, ir * kcur + p * mr, rows);
                    }
                }
            }
            int last = (mcur - 1) / mr * mr;
            zeroRows(ap, last * kcur, kcur, mr, mcur - last);
        }
    }

    /**
     * Packs op(B)[pc .. pc+kcur) × [jc .. jc+ncur) into row panels nr wide: panel s holds op(B)[pc + p][jc + s·nr + j]
     * at {@code bp[s·nr·kcur + p·nr + j]}, with zeros in the columns past ncur.
     */
    private void packB(Transpose tb, double[] b, int bOff, int ldb, int pc, int kcur, int jc, int ncur, double[] bp) {
        int nr = tile.nr;
        if (tb == Transpose.N) { // op(B)[p][j] = b[bOff + p·ldb + j]: the panels' rows are contiguous in B
            for (int p0 = 0; p0 < kcur; p0 += PACK_CHUNK) {
                int p1 = Math.min(kcur, p0 + PACK_CHUNK);
                for (int jr = 0; jr < ncur; jr += nr) {
                    int cols = Math.min(nr, ncur - jr);
                    for (int p = p0; p < p1; p++) {
                        System.arraycopy(b, bOff + (pc + p) * ldb + jc + jr, bp, jr * kcur + p * nr, cols);
                    }
                }
            }
            int last = (ncur - 1) / nr * nr;
            zeroRows(bp, last * kcur, kcur, nr, ncur - last);
        } else { // op(B)[p][j] = b[bOff + j·ldb + p]: a row of B is a column of a panel, read in one pass
            for (int jr = 0; jr < ncur; jr += nr) {
                int cols = Math.min(nr, ncur - jr);
                int dst = jr * kcur;
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (jc + jr + j) * ldb + pc;
                    for (int p = 0; p < kcur; p++) {
                        bp[dst + p * nr + j] = b[src + p];
                    }
                }
                zeroRows(bp, dst, kcur, nr, cols);
            }
        }
    }

    /** Zeros entries [used, width) of each of the kcur rows (width apart) of the panel at {@code off}. */
    private static void zeroRows(double[] panel, int off, int kcur, int width, int used) {
        if (used < width) {
            for (int p = 0; p < kcur; p++) {
                Arrays.fill(panel, off + p * width + used, off + (p + 1) * width, 0.0);
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** One thread's packing buffers and scratch tile, grown on demand and reused. */
    private static final class Workspace {
        double[] ap = new double[0];
        double[] bp = new double[0];
        double[] tile = new double[0];

        void ensure(int apSize, int bpSize, int tileSize) {
            if (ap.length < apSize) {
                ap = new double[apSize];
            }
            if (bp.length < bpSize) {
                bp = new double[bpSize];
            }
            if (tile.length < tileSize) {
                tile = new double[tileSize];
            }
        }
    }
}
