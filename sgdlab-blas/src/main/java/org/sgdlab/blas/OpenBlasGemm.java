package org.sgdlab.blas;

import static org.bytedeco.openblas.global.openblas_full.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_full.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_full.CblasTrans;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_full;
import org.sgdlab.linalg.GemmArguments;
import org.sgdlab.linalg.GemmBackend;
import org.sgdlab.linalg.GemmOperands;
import org.sgdlab.linalg.Transpose;

/**
 * Native OpenBLAS behind {@link org.sgdlab.linalg.Gemm}, chosen with {@code -Dsgdlab.blas=openblas} (found through
 * {@link java.util.ServiceLoader}): {@code cblas_dgemm} in row-major order with α = 1 and β = 0 (overwrite) or 1
 * (accumulate), from the OpenBLAS build that org.bytedeco:openblas ships inside its jar (extracted by JavaCPP to its
 * cache directory on first use; nothing is downloaded).
 *
 * <p><b>Not reproducible across machines.</b> OpenBLAS picks a CPU-specific kernel at load time (or the one named by
 * the environment variable {@code OPENBLAS_CORETYPE}), and kernels sum in different orders; some shapes also give
 * different bits on different thread counts. {@link #describe()} names the kernel, for provenance.
 *
 * <p><b>Copies.</b> A {@code double[]} call copies A, B (and C when accumulating or when C's rows have gaps) into
 * off-heap buffers kept per thread and reused, and copies C back: O(mk + kn + mn) against the product's O(mnk). A
 * caller that multiplies the same arrays again and again (a network graph) passes its {@link NativeOperands} (from
 * {@link #newOperands()}), which keep A's and B's copies between calls for as long as the caller vouches for them
 * (the data once per objective, a layer's activations once per pass). Callers that keep their operands off-heap use
 * {@link #gemm(boolean, Transpose, Transpose, int, int, int, DoublePointer, int, DoublePointer, int, DoublePointer,
 * int, int)}, which passes the pointers straight through.
 *
 * <p><b>Orientation.</b> With operand copies (a graph's products), an overwritten C = A·Bᵀ much taller than wide with
 * a long k is computed as Cᵀ = B·Aᵀ and transposed while it is copied back ({@link #transposedIsFaster},
 * {@link #copyOutTransposed}): the kernel runs faster that way round on this build, by more than the transpose costs.
 */
public final class OpenBlasGemm implements GemmBackend {
    private static final Object THREADS_LOCK = new Object();
    private static int threadsSet = -1;

    private final String description;
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    /**
     * Loads the native library (the JVM's first use extracts it from the jar).
     *
     * @throws UnsatisfiedLinkError when the platform has no bundled natives (only Linux x86-64 is on the class path)
     */
    public OpenBlasGemm() {
        description = OpenBlasBuild.describe("cblas_dgemm");
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public String describe() {
        return description;
    }

    /** Copies the operands into this thread's off-heap buffers, calls {@code cblas_dgemm}, copies C back. */
    @Override
    public void gemm(boolean accumulate, Transpose ta, Transpose tb, int m, int n, int k, double[] a, int aOff,
                     int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, int threads) {
        GemmArguments.check(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        Buffers buf = buffers.get();
        DoublePointer ap = buf.a(span(ta == Transpose.N ? m : k, ta == Transpose.N ? k : m, lda));
        DoublePointer bp = buf.b(span(tb == Transpose.N ? k : n, tb == Transpose.N ? n : k, ldb));
        DoublePointer cp = buf.c(span(m, n, ldc));
        ap.put(a, aOff, (int) span(ta == Transpose.N ? m : k, ta == Transpose.N ? k : m, lda));
        bp.put(b, bOff, (int) span(tb == Transpose.N ? k : n, tb == Transpose.N ? n : k, ldb));
        if (accumulate) {
            copyIn(c, cOff, ldc, m, n, cp);
        }
        gemm(accumulate, ta, tb, m, n, k, ap, lda, bp, ldb, cp, ldc, threads);
        copyOut(cp, m, n, ldc, c, cOff);
    }

    /** Operand copies kept between calls for one caller ({@link NativeOperands}). */
    @Override
    public GemmOperands newOperands() {
        return new NativeOperands();
    }

    /**
     * As {@link #gemm(boolean, Transpose, Transpose, int, int, int, double[], int, int, double[], int, int, double[],
     * int, int, int)}, with A and B from {@code operands}' copies (copied in only when it has none valid) and C's copy
     * there dropped: the same cblas_dgemm call on the same numbers, so the same bits.
     */
    @Override
    public void gemm(boolean accumulate, Transpose ta, Transpose tb, int m, int n, int k, double[] a, int aOff,
                     int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, int threads,
                     GemmOperands operands) {
        if (!(operands instanceof NativeOperands copies)) {
            gemm(accumulate, ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, threads);
            return;
        }
        GemmArguments.check(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        copies.written(c);
        DoublePointer ap = copies.operand(a, aOff, span(ta == Transpose.N ? m : k, ta == Transpose.N ? k : m, lda));
        long bSpan = span(tb == Transpose.N ? k : n, tb == Transpose.N ? n : k, ldb);
        DoublePointer bp;
        if (b == a) { // one array, two extents: B through this thread's buffer, so A's copy is left alone
            bp = buffers.get().b(bSpan);
            bp.put(b, bOff, (int) bSpan);
        } else {
            bp = copies.operand(b, bOff, bSpan);
        }
        if (!accumulate && ta == Transpose.N && tb == Transpose.T && transposedIsFaster(m, n, k)) {
            // C = A·Bᵀ as Cᵀ = B·Aᵀ (the same dot products), then transposed straight into the array C
            Buffers buf = buffers.get();
            DoublePointer t = buf.t((long) n * m);
            gemm(false, Transpose.N, Transpose.T, n, m, k, bp, ldb, ap, lda, t, m, threads);
            copyOutTransposed(buf.tView(), m, n, c, cOff, ldc);
            return;
        }
        DoublePointer cp = buffers.get().c(span(m, n, ldc));
        if (accumulate) {
            copyIn(c, cOff, ldc, m, n, cp);
        }
        gemm(accumulate, ta, tb, m, n, k, ap, lda, bp, ldb, cp, ldc, threads);
        copyOut(cp, m, n, ldc, c, cOff);
    }

    /** Rows of C per block of {@link #copyOutTransposed}: a block's writes (16 rows × 8 columns) fill whole cache lines. */
    static final int TRANSPOSE_ROWS = 16;

    /**
     * C (m × n, rows ldc apart) ← the transpose of {@code t} (n × m row-major, off-heap): c[i][j] = t[j][i], copied
     * in blocks of {@link #TRANSPOSE_ROWS} rows of C, each read as one short run per row of t. It replaces OpenBLAS's
     * {@code cblas_domatcopy} into C's off-heap copy followed by the copy back to the heap (bits are only moved, so
     * the result is the same): on this build's Cooperlake kernel (Intel Emerald Rapids, one thread, thread CPU) a
     * 2000 × 256 C took 0.70–0.75 ms here against 1.4–1.9 ms for omatcopy plus the copy back.
     */
    static void copyOutTransposed(DoubleBuffer t, int m, int n, double[] c, int cOff, int ldc) {
        for (int i0 = 0; i0 < m; i0 += TRANSPOSE_ROWS) {
            int i1 = Math.min(m, i0 + TRANSPOSE_ROWS);
            for (int j = 0; j < n; j++) {
                int src = j * m;
                for (int i = i0, dst = cOff + i0 * ldc + j; i < i1; i++, dst += ldc) {
                    c[dst] = t.get(src + i);
                }
            }
        }
    }

    /** Shortest k and least m/n ratio for which {@link #transposedIsFaster} takes the transposed orientation. */
    static final int TRANSPOSED_MIN_K = 512;
    static final int TRANSPOSED_MIN_RATIO = 2;

    /**
     * Whether an overwritten C = A·Bᵀ (m × n, row-major) is computed faster as Cᵀ = B·Aᵀ plus a transposing copy: for
     * C much taller than wide and a long k. Measured on the bundled OpenBLAS 0.3.31 (Cooperlake kernel, one thread,
     * thread CPU time, copies included). AMD EPYC, with omatcopy as the transposing copy: 2000 × 256 × 784 (an MLP's
     * first layer on 2000 rows) 18.6 → 17.4 ms; at k = 256 the omatcopy cost more than the kernel gained (6.1 → 6.5
     * ms), hence the threshold on k. Intel Emerald Rapids, kernel alone (medians of alternating runs on a loaded
     * machine): 2000 × 256 × 784 took 12.9–16.0 ms as C and 11.9–14.7 ms as Cᵀ, more than the 0.7 ms of
     * {@link #copyOutTransposed} apart; at k = 256, 4.0 ms against 3.7 ms, less than it.
     */
    static boolean transposedIsFaster(int m, int n, int k) {
        return k >= TRANSPOSED_MIN_K && m >= TRANSPOSED_MIN_RATIO * n;
    }

    /**
     * C ← [C +] op(A)·op(B) on off-heap operands, row-major from each pointer's position, with no copies. The caller
     * owns the memory; {@code c} is modified (its m × n block), {@code a} and {@code b} are read only. Shapes are not
     * checked against the allocations: the caller guarantees them.
     */
    public void gemm(boolean accumulate, Transpose ta, Transpose tb, int m, int n, int k, DoublePointer a, int lda,
                     DoublePointer b, int ldb, DoublePointer c, int ldc, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        setThreads(threads);
        openblas_full.cblas_dgemm(CblasRowMajor, ta == Transpose.N ? CblasNoTrans : CblasTrans,
                tb == Transpose.N ? CblasNoTrans : CblasTrans, m, n, k, 1.0, a, lda, b, ldb, accumulate ? 1.0 : 0.0,
                c, ldc);
    }

    /** OpenBLAS's thread count is global to the process: set it when it changes. */
    static void setThreads(int threads) {
        synchronized (THREADS_LOCK) {
            if (threads != threadsSet) {
                openblas_full.openblas_set_num_threads(threads);
                threadsSet = threads;
            }
        }
    }

    /** Entries from the first to the last of a rows × cols block with rows ld apart. */
    private static long span(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols;
    }

    private static void copyIn(double[] c, int cOff, int ldc, int m, int n, DoublePointer cp) {
        if (ldc == n) {
            cp.position(0).put(c, cOff, m * n);
            return;
        }
        for (int i = 0; i < m; i++) {
            cp.position((long) i * ldc).put(c, cOff + i * ldc, n);
        }
        cp.position(0);
    }

    /** Copies the m × n block back row by row when C's rows have gaps, so entries between rows are left alone. */
    private static void copyOut(DoublePointer cp, int m, int n, int ldc, double[] c, int cOff) {
        if (ldc == n) {
            cp.position(0).get(c, cOff, m * n);
            return;
        }
        for (int i = 0; i < m; i++) {
            cp.position((long) i * ldc).get(c, cOff + i * ldc, n);
        }
        cp.position(0);
    }

    /** One thread's off-heap copies of A, B and C, grown on demand (freed when the thread's pointers are collected). */
    private static final class Buffers {
        private DoublePointer a = new DoublePointer(0L);
        private DoublePointer b = new DoublePointer(0L);
        private DoublePointer c = new DoublePointer(0L);
        private DoublePointer t = new DoublePointer(0L);

        DoublePointer a(long size) {
            a = grown(a, size);
            return a;
        }

        DoublePointer b(long size) {
            b = grown(b, size);
            return b;
        }

        DoublePointer c(long size) {
            c = grown(c, size);
            return c;
        }

        /** A view of {@link #t}'s memory, made again only when that memory is replaced. */
        private DoubleBuffer tView;
        private DoublePointer tViewOf;

        /** Scratch for a transposed product ({@link OpenBlasGemm#transposedIsFaster}). */
        DoublePointer t(long size) {
            t = grown(t, size);
            return t;
        }

        /** {@link #t}'s memory as a buffer (index 0 at its start; absolute gets only, so threads may share it). */
        DoubleBuffer tView() {
            if (tViewOf != t) {
                tView = t.position(0).asBuffer();
                tViewOf = t;
            }
            return tView;
        }

        private static DoublePointer grown(DoublePointer p, long size) {
            if (p.capacity() >= size && !p.isNull()) {
                return p.position(0);
            }
            p.close();
            return new DoublePointer(Math.max(1, size));
        }
    }
}
