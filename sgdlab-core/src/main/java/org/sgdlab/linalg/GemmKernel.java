package org.sgdlab.linalg;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Threads share the work of each (column block, k block) step in two phases ({@link Parallel#forEachBlock}):
 * packing op(B)'s block, shared by all, in groups of panels; then the blocks of {@value #MC} rows of C (cut into
 * column chunks when there are fewer than two per thread), each thread packing its own block of op(A). Threads take
 * the next item when free, which balances a machine where one core is also busy elsewhere, and nothing is packed
 * twice but A when C has few row blocks. An entry's chain does not depend on which thread computes it, so the bits
 * are the same for every thread count. Packing buffers are per thread and reused: a call allocates nothing after the
 * first of its shape on one thread, and only Parallel's bookkeeping on several.
 */
public final class GemmKernel implements GemmBackend {

    /**
     * The micro-kernels: tile shape mr × nr, whether it is a Vector API kernel, and its vector width. 12 × 16 in 512-bit
     * vectors (24 accumulators) when {@link Simd#WIDE_PRODUCTS}; else 12 × 8 in 256-bit ones (24 accumulators) where
     * C2 has 32 vector registers (AVX-512, whose preferred species is 512-bit); 6 × 8 (12 accumulators) where it has 16
     * (AVX2): the 12 × 8 tile spills there (measured with -XX:UseAVX=2: 26 GFLOP/s against 48 for 6 × 8). Every tile
     * gives the same bits (each lane one entry's chain); the 256-bit ones stay as the reference of the 512-bit one.
     */
    enum Tile {
        V12X16(12, 16, 512), V12X8(12, 8, 256), V6X8(6, 8, 256), SCALAR(4, 8, 0);

        final int mr;
        final int nr;
        final boolean vector;
        /** Vector width in bits (0: scalar). */
        final int bits;

        Tile(int mr, int nr, int bits) {
            this.mr = mr;
            this.nr = nr;
            this.vector = bits > 0;
            this.bits = bits;
        }

        /**
         * Whether this JVM should run the tile: scalar always, 256-bit with the SIMD path, 512-bit when
         * {@link Simd#WIDE_PRODUCTS} (on JDK 17 without {@link Simd#SPECULATION_OPTION} a 512-bit tile would run boxed,
         * and make the 256-bit kernels run boxed).
         */
        boolean runnable() {
            return bits == 0 || (bits == 256 ? Simd.ENABLED : Simd.WIDE_PRODUCTS);
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

    /** Panels of op(B) per packing item (64 columns): items for threads to share, each a few microseconds. */
    private static final int PANELS_PER_PACK = 8;

    /** Products with at most this many rows of C and op(B) = B take the unpacked path ({@link #fewRows}). */
    static final int FEW_ROWS = 4;
    /** Columns of C per pass of {@link #fewRows}: 4 rows × 512 doubles, 16 KB, stay in L1. */
    private static final int FEW_ROWS_CHUNK = 512;

    /** Below this many multiply-adds (m·n·k) a call runs on the calling thread alone. */
    static final long PARALLEL_MIN = 1L << 20;

    private static final GemmKernel DEFAULT = new GemmKernel(defaultTile(), MC, KC_MAX, B_BLOCK, PARALLEL_MIN);

    private final Tile tile;
    private final int mc;
    private final int kcMax;
    private final int bBlock;
    private final long parallelMin;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    /**
     * A kernel with the given tile and blocking: mc rows (rounded down to whole tiles), k blocks ≤ kcMax, packed B
     * blocks of ≤ bBlock doubles, and one thread for products under parallelMin multiply-adds.
     */
    GemmKernel(Tile tile, int mc, int kcMax, int bBlock, long parallelMin) {
        if (!tile.runnable()) {
            throw new IllegalArgumentException("tile " + tile + " needs " + tile.bits + "-bit vectors, not in use: "
                    + Simd.describe());
        }
        this.tile = tile;
        this.mc = Math.max(1, mc / tile.mr) * tile.mr;
        this.kcMax = kcMax;
        this.bBlock = bBlock;
        this.parallelMin = parallelMin;
    }

    private static Tile defaultTile() {
        if (!Simd.ENABLED) {
            return Tile.SCALAR;
        }
        if (Simd.WIDE_PRODUCTS) {
            return Tile.V12X16;
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
        return "sgdlab GEMM (" + (tile.vector ? "Vector API " + tile.bits + "-bit" : "scalar") + ", " + tile.mr + "×"
                + tile.nr + " tiles; fma chains in k order: the same bits on every machine and thread count)";
    }

    /**
     * Checks the arguments ({@link GemmArguments#check}) and computes C ← op(A)·op(B) or C ← C + op(A)·op(B) on up to
     * {@code threads} threads (one for products under {@value #PARALLEL_MIN} multiply-adds; never more than
     * {@link Parallel#threads()}).
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
        if (m <= FEW_ROWS && tb == Transpose.N) {
            fewRows(accumulate, ta, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        int workers = (long) m * n * k < parallelMin ? 1 : threads;
        int nr = tile.nr;
        int kBlocks = (k + kcMax - 1) / kcMax;
        int kc = (k + kBlocks - 1) / kBlocks; // equal k blocks
        int nc = Math.min(Math.max(1, bBlock / kc / nr) * nr, roundUp(n, nr));
        double[] bp = workspaces.get().packedB(kc * nc);
        int rowBlocks = (m + mc - 1) / mc;
        for (int jc = 0; jc < n; jc += nc) {
            int ncur = Math.min(nc, n - jc);
            int panels = (ncur + nr - 1) / nr;
            // Work items: row blocks, each cut into column chunks when there are too few of them to keep every
            // thread busy (each chunk then packs its own copy of the row block's A).
            int chunks = workers == 1 ? 1 : Math.min(panels, (2 * workers + rowBlocks - 1) / rowBlocks);
            int column = jc;
            for (int pc = 0; pc < k; pc += kc) {
                int kcur = Math.min(kc, k - pc);
                int row = pc;
                boolean load = accumulate || pc > 0;
                // 1. op(B)'s kc × ncur block, shared by all threads, packed in groups of panels.
                int groups = (panels + PANELS_PER_PACK - 1) / PANELS_PER_PACK;
                // 2. Every (row block, column chunk): pack that block of op(A), update its tiles of C.
                int items = rowBlocks * chunks;
                if (workers == 1) { // plain loops
                    for (int g = 0; g < groups; g++) {
                        packBGroup(g, tb, b, bOff, ldb, row, kcur, column, ncur, bp);
                    }
                    for (int item = 0; item < items; item++) {
                        block(item, chunks, panels, ta, a, aOff, lda, m, row, kcur, ncur, bp, c, cOff, ldc, column, load);
                    }
                } else { // the calling thread's reusable step record (no capturing lambdas: nothing allocated per call)
                    Step step = workspaces.get().step(this);
                    step.set(ta, tb, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, m, row, kcur, column, ncur, chunks,
                            panels, bp, load);
                    step.run(workers, Step.PACK_B, groups);
                    step.run(workers, Step.BLOCKS, items);
                    step.clear();
                }
            }
        }
    }

    /** Packs group g of {@value #PANELS_PER_PACK} panels of op(B)'s kcur × ncur block (rows from {@code row}, columns from {@code column}) into bp. */
    private void packBGroup(int g, Transpose tb, double[] b, int bOff, int ldb, int row, int kcur, int column, int ncur,
                            double[] bp) {
        int nr = tile.nr;
        packB(tb, b, bOff, ldb, row, kcur, column, ncur, g * PANELS_PER_PACK * nr,
                Math.min(ncur, (g + 1) * PANELS_PER_PACK * nr), bp);
    }

    /**
     * Work item {@code item} of a (column block, k block) step: row block item / chunks, column chunk item % chunks.
     * Packs that block of op(A) into the calling thread's workspace and updates its tiles of C from the packed B.
     */
    private void block(int item, int chunks, int panels, Transpose ta, double[] a, int aOff, int lda, int m, int row,
                       int kcur, int ncur, double[] bp, double[] c, int cOff, int ldc, int column, boolean load) {
        int nr = tile.nr;
        int ic = item / chunks * mc;
        int mcur = Math.min(mc, m - ic);
        int chunk = item % chunks;
        int from = (int) ((long) panels * chunk / chunks) * nr;
        int to = Math.min(ncur, (int) ((long) panels * (chunk + 1) / chunks) * nr);
        Workspace ws = workspaces.get();
        double[] ap = ws.packedA(mc * kcur);
        packA(ta, a, aOff, lda, ic, mcur, row, kcur, ap);
        tiles(ws, ap, bp, kcur, mcur, from, to, c, cOff + ic * ldc + column, ldc, load);
    }

    /**
     * The unpacked path for at most {@value #FEW_ROWS} rows of C with op(B) = B (row-vector times matrix, a tiny batch):
     * C's rows are swept once per step of k, c[i][j] = fma(op(A)[i][p], b[p][j], c[i][j]), in chunks of
     * {@value #FEW_ROWS_CHUNK} columns that stay in L1. The same chains as the tiles, without packing B (which costs
     * as much as the product when m is 1) or computing a whole 12-row tile for one row.
     */
    private void fewRows(boolean accumulate, Transpose ta, int m, int n, int k, double[] a, int aOff, int lda,
                         double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
            }
        }
        for (int j0 = 0; j0 < n; j0 += FEW_ROWS_CHUNK) {
            int width = Math.min(FEW_ROWS_CHUNK, n - j0);
            for (int p = 0; p < k; p++) {
                int bRow = bOff + p * ldb + j0;
                for (int i = 0; i < m; i++) {
                    double x = ta == Transpose.N ? a[aOff + i * lda + p] : a[aOff + p * lda + i];
                    int cRow = cOff + i * ldc + j0;
                    if (tile.bits == 512) {
                        GemmWideKernels.fmaRow(x, b, bRow, c, cRow, width);
                    } else if (tile.vector) {
                        GemmVectorKernels.fmaRow(x, b, bRow, c, cRow, width);
                    } else {
                        for (int j = 0; j < width; j++) {
                            c[cRow + j] = Math.fma(x, b[bRow + j], c[cRow + j]);
                        }
                    }
                }
            }
        }
    }

    /**
     * The work items of one (column block, k block) step on several threads: the groups of op(B)'s panels to pack
     * ({@link #PACK_B}), then the (row block, column chunk) items ({@link #BLOCKS}). {@link Parallel#forEachBlock} gets
     * one block per thread, and each thread takes the next item when it is free. One record per calling thread, filled
     * per step and reused (its fields are the arguments a capturing lambda would hold), so a warm product on several
     * threads allocates nothing. The items write disjoint parts of C or of the packed B, so their order is free.
     */
    private static final class Step implements Parallel.BlockTask {
        static final int PACK_B = 0;
        static final int BLOCKS = 1;
        private final GemmKernel kernel;
        private final AtomicInteger next = new AtomicInteger();
        private int phase;
        private int count;
        private Transpose ta;
        private Transpose tb;
        private double[] a;
        private double[] b;
        private double[] c;
        private double[] bp;
        private int aOff, lda, bOff, ldb, cOff, ldc, m, row, kcur, column, ncur, chunks, panels;
        private boolean load;

        Step(GemmKernel kernel) {
            this.kernel = kernel;
        }

        void set(Transpose ta, Transpose tb, double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c,
                 int cOff, int ldc, int m, int row, int kcur, int column, int ncur, int chunks, int panels, double[] bp,
                 boolean load) {
            this.ta = ta;
            this.tb = tb;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.m = m;
            this.row = row;
            this.kcur = kcur;
            this.column = column;
            this.ncur = ncur;
            this.chunks = chunks;
            this.panels = panels;
            this.bp = bp;
            this.load = load;
        }

        /** Drops the references to the caller's arrays. */
        void clear() {
            a = b = c = bp = null;
        }

        /** Runs items 0 … count−1 of {@code phase} on up to {@code workers} threads; returns when all are done. */
        void run(int workers, int phase, int count) {
            this.phase = phase;
            this.count = count;
            next.set(0);
            if (workers == 1 || count == 1) {
                for (int i = 0; i < count; i++) {
                    item(i);
                }
                return;
            }
            Parallel.forEachBlock(Math.min(workers, count), this);
        }

        @Override
        public void run(int part, int worker) {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                item(i);
            }
        }

        private void item(int i) {
            if (phase == PACK_B) {
                kernel.packBGroup(i, tb, b, bOff, ldb, row, kcur, column, ncur, bp);
            } else {
                kernel.block(i, chunks, panels, ta, a, aOff, lda, m, row, kcur, ncur, bp, c, cOff, ldc, column, load);
            }
        }
    }

    /**
     * Columns [from, to) (from a multiple of nr) of an mcur-row block of C (from {@code cBase}): every mr × nr tile,
     * from the packed panels.
     */
    private void tiles(Workspace ws, double[] ap, double[] bp, int kcur, int mcur, int from, int to, double[] c,
                       int cBase, int ldc, boolean load) {
        int mr = tile.mr;
        int nr = tile.nr;
        for (int jr = from; jr < to; jr += nr) {
            int cols = Math.min(nr, to - jr);
            for (int ir = 0; ir < mcur; ir += mr) {
                int rows = Math.min(mr, mcur - ir);
                int ci = cBase + ir * ldc + jr;
                if (rows == mr && cols == nr && tile.vector) {
                    micro(kcur, ap, ir * kcur, bp, jr * kcur, c, ci, ldc, load);
                } else {
                    double[] t = ws.tile(mr * nr);
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
            case V12X16 -> GemmWideKernels.tile12x16(kcur, ap, aOff, bp, bOff, c, cOff, ldc, load);
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
     * Packs columns [from, to) (from a multiple of nr) of op(B)[pc .. pc+kcur) × [jc .. jc+ncur) into row panels nr
     * wide: panel s holds op(B)[pc + p][jc + s·nr + j] at {@code bp[s·nr·kcur + p·nr + j]}, with zeros in the columns
     * past ncur.
     */
    private void packB(Transpose tb, double[] b, int bOff, int ldb, int pc, int kcur, int jc, int ncur, int from,
                       int to, double[] bp) {
        int nr = tile.nr;
        if (tb == Transpose.N) { // op(B)[p][j] = b[bOff + p·ldb + j]: the panels' rows are contiguous in B
            for (int p0 = 0; p0 < kcur; p0 += PACK_CHUNK) {
                int p1 = Math.min(kcur, p0 + PACK_CHUNK);
                for (int jr = from; jr < to; jr += nr) {
                    int cols = Math.min(nr, to - jr);
                    for (int p = p0; p < p1; p++) {
                        System.arraycopy(b, bOff + (pc + p) * ldb + jc + jr, bp, jr * kcur + p * nr, cols);
                    }
                }
            }
        } else { // op(B)[p][j] = b[bOff + j·ldb + p]: a row of B is a column of a panel, read in one pass
            for (int jr = from; jr < to; jr += nr) {
                int cols = Math.min(nr, to - jr);
                int dst = jr * kcur;
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (jc + jr + j) * ldb + pc;
                    for (int p = 0; p < kcur; p++) {
                        bp[dst + p * nr + j] = b[src + p];
                    }
                }
            }
        }
        if (to == ncur) {
            int last = (ncur - 1) / nr * nr;
            zeroRows(bp, last * kcur, kcur, nr, ncur - last);
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
        private Step step;
        private double[] a = new double[0];
        private double[] b = new double[0];
        private double[] tile = new double[0];

        double[] packedA(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] packedB(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }

        /** This thread's step record for {@code kernel} (a thread calls one kernel; another one gets a fresh record). */
        Step step(GemmKernel kernel) {
            if (step == null || step.kernel != kernel) {
                step = new Step(kernel);
            }
            return step;
        }

        double[] tile(int size) {
            if (tile.length < size) {
                tile = new double[size];
            }
            return tile;
        }
    }
}
