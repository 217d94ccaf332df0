package org.sgdlab.blas;

import static org.bytedeco.openblas.global.openblas_full.CblasLower;
import static org.bytedeco.openblas.global.openblas_full.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_full.CblasNonUnit;
import static org.bytedeco.openblas.global.openblas_full.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_full.CblasTrans;
import static org.bytedeco.openblas.global.openblas_full.LAPACK_COL_MAJOR;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_full;
import org.sgdlab.linalg.CholeskyBackend;

/**
 * Native OpenBLAS Cholesky behind sgdlab-kernels' kernel ridge regression, chosen with {@code -Dsgdlab.blas=openblas}
 * (found through {@link java.util.ServiceLoader}, like {@link OpenBlasGemm}): LAPACK's dpotrf
 * ({@code LAPACKE_dpotrf_work}, no NaN scan: the caller has checked its matrix) on an off-heap copy of A + μI, and two
 * {@code cblas_dtrsv} for each solve on that copy.
 *
 * <p><b>Layout.</b> A row-major n × n array read as column-major is Aᵀ, and its lower triangle is Aᵀ's upper one; since
 * A is symmetric, dpotrf with uplo = 'U' on the row-major copy factors A = UᵀU, and U read back row-major is L (lower)
 * with A = L Lᵀ. No transposition is needed either way.
 *
 * <p><b>Not reproducible across machines</b>, like the GEMM: OpenBLAS's potrf is blocked, its blocks' updates are its
 * CPU-specific GEMM, and its bits depend on the kernel and the thread count. {@link #describe()} says so.
 */
public final class OpenBlasCholesky implements CholeskyBackend {
    private final String description;

    /**
     * Loads the native library (the JVM's first use extracts it from the jar).
     *
     * @throws UnsatisfiedLinkError when the platform has no bundled natives (only Linux x86-64 is on the class path)
     */
    public OpenBlasCholesky() {
        description = OpenBlasBuild.describe("LAPACK dpotrf + cblas_dtrsv");
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public String describe() {
        return description;
    }

    /**
     * A workspace of n² + n doubles off the heap: the spare one a closed factor left (when large enough), else a new one.
     * A factor's {@code close()} keeps its n² block as the spare (one per process, the largest seen) and frees the rest:
     * a second solve at the same n then writes into memory already mapped, instead of page-faulting 200 MB at
     * n = 5000 (~0.07 s of a 0.8 s solve). A factor never closed is freed when collected (JavaCPP's deallocator).
     *
     * @throws IllegalArgumentException when n &lt; 0
     */
    @Override
    public CholeskyBackend.Factor newFactor(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        return new NativeFactor(n);
    }

    private static final Object SPARE_LOCK = new Object();
    /** The n² block a closed factor left for the next one (guarded by SPARE_LOCK), or null. */
    private static DoublePointer spare;

    /** The spare block when it holds at least {@code size} doubles (taken), else a new block. */
    private static DoublePointer takeBlock(long size) {
        synchronized (SPARE_LOCK) {
            if (spare != null && spare.capacity() >= size) {
                DoublePointer p = spare;
                spare = null;
                return p.position(0);
            }
        }
        return new DoublePointer(size);
    }

    /** Keeps {@code p} as the spare block if it is larger than the current one; frees the smaller of the two. */
    private static void returnBlock(DoublePointer p) {
        DoublePointer free;
        synchronized (SPARE_LOCK) {
            if (spare == null || spare.capacity() < p.capacity()) {
                free = spare;
                spare = p;
            } else {
                free = p;
            }
        }
        if (free != null) {
            free.close();
        }
    }

    /**
     * The off-heap copy of A + μI (its lower triangle: the rest of the block is never read), then L in place, and one
     * vector for the solves.
     */
    private static final class NativeFactor implements CholeskyBackend.Factor {
        private final int n;
        private DoublePointer l;
        private final DoublePointer x;
        private int threads = 1;
        private boolean factored;

        NativeFactor(int n) {
            this.n = n;
            this.l = takeBlock(Math.max(1L, (long) n * n));
            this.x = new DoublePointer(Math.max(1, n));
        }

        private void requireOpen() {
            if (l == null) {
                throw new IllegalStateException("this factor is closed");
            }
        }

        @Override
        public int n() {
            return n;
        }

        @Override
        public int factor(double[] a, double shift, int threads) {
            if (a.length != (long) n * n) {
                throw new IllegalArgumentException("a must have " + n + " × " + n + " entries, got " + a.length);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            requireOpen();
            factored = false;
            this.threads = threads;
            if (n == 0) {
                factored = true;
                return 0;
            }
            // row i's entries 0..i (dpotrf with uplo 'U' on the column-major view reads nothing else)
            for (int i = 0; i < n; i++) {
                l.position((long) i * n).put(a, i * n, i + 1);
            }
            l.position(0);
            for (int i = 0; i < n; i++) {
                l.put((long) i * n + i, a[i * n + i] + shift);
            }
            OpenBlasGemm.setThreads(threads);
            int info = openblas_full.LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, (byte) 'U', n, l, n);
            if (info < 0) {
                throw new IllegalStateException("LAPACKE_dpotrf_work rejected argument " + (-info) + " (n = " + n + ")");
            }
            factored = info == 0;
            return info;
        }

        @Override
        public double diagonal(int i) {
            requireOpen();
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("i must be in [0, " + n + "), got " + i);
            }
            return l.get((long) i * n + i);
        }

        @Override
        public void solveInPlace(double[] b) {
            if (!factored) {
                throw new IllegalStateException("no Cholesky factor: factor has not succeeded");
            }
            if (b.length != n) {
                throw new IllegalArgumentException("b must have length " + n + ", got " + b.length);
            }
            if (n == 0) {
                return;
            }
            OpenBlasGemm.setThreads(threads);
            x.position(0).put(b, 0, n);
            openblas_full.cblas_dtrsv(CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, n, l.position(0), n, x, 1);
            openblas_full.cblas_dtrsv(CblasRowMajor, CblasLower, CblasTrans, CblasNonUnit, n, l.position(0), n, x, 1);
            x.position(0).get(b, 0, n);
        }

        @Override
        public void close() {
            factored = false;
            if (l != null) {
                returnBlock(l);
                l = null;
                x.close();
            }
        }

        @Override
        public void lowerInto(double[] out) {
            requireOpen();
            if (out.length != (long) n * n) {
                throw new IllegalArgumentException("out must have " + n + " × " + n + " entries, got " + out.length);
            }
            for (int i = 0; i < n; i++) {
                l.position((long) i * n).get(out, i * n, i + 1);
            }
            l.position(0);
        }
    }
}
