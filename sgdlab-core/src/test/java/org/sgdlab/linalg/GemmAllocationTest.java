package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.parallel.Parallel;

/**
 * After warm-up, a product on the packed path allocates nothing, on one thread (its workspaces are reused, no task
 * objects are built) and on two (Parallel's workers and job records are made once, GemmKernel's step record is
 * reused), counting the caller and Parallel's workers; so the networks' training steps that call it allocate nothing
 * either.
 *
 * <p>"After warm-up" means once C2 has compiled the Vector API tiles: until then every vector is a heap object. The
 * measurement is therefore repeated, warming up between attempts, until a batch of products reads zero bytes; the
 * test fails if no attempt within {@value #ATTEMPTS} does (as it did while each k block built two capturing lambdas).
 */
class GemmAllocationTest {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int ATTEMPTS = 40;

    @Test
    void warmSingleThreadProductsAllocateNothing() {
        // 40 × 300 × 1100: above FEW_ROWS, and two k blocks (KC_MAX = 1024).
        int m = 40;
        int n = 300;
        int k = 1100;
        double[] a = TestMatrices.gaussian(1, m, k);
        double[] b = TestMatrices.gaussian(2, k, n);
        double[] bt = TestMatrices.transpose(b, k, n);
        double[] c = new double[m * n];
        GemmKernel kernel = GemmKernel.get();
        long tid = Thread.currentThread().getId();
        long bytes = -1;
        for (int attempt = 0; attempt < ATTEMPTS && bytes != 0; attempt++) {
            for (int i = 0; i < 50; i++) { // warm-up between attempts
                kernel.gemm(false, Transpose.N, Transpose.T, m, n, k, a, 0, k, bt, 0, k, c, 0, n, 1);
            }
            long before = MX.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 20; i++) {
                kernel.gemm(i % 2 == 1, Transpose.N, Transpose.N, m, n, k, a, 0, k, b, 0, n, c, 0, n, 1);
            }
            bytes = MX.getThreadAllocatedBytes(tid) - before;
        }
        assertEquals(0, bytes, "bytes allocated by 20 warm single-thread products");
    }

    @Test
    void warmTwoThreadProductsAllocateNothing() {
        int saved = Parallel.threads();
        Parallel.setThreads(2);
        try {
            // 96 × 300 × 1100 ≥ PARALLEL_MIN: the (column block, k block) steps go through Parallel on two threads
            int m = 96;
            int n = 300;
            int k = 1100;
            double[] a = TestMatrices.gaussian(3, m, k);
            double[] b = TestMatrices.gaussian(4, k, n);
            double[] c = new double[m * n];
            GemmKernel kernel = GemmKernel.get();
            long bytes = -1;
            for (int attempt = 0; attempt < ATTEMPTS && bytes != 0; attempt++) {
                for (int i = 0; i < 20; i++) {
                    kernel.gemm(false, Transpose.N, Transpose.N, m, n, k, a, 0, k, b, 0, n, c, 0, n, 2);
                }
                long[] ids = sgdlabThreads();
                long probe = allocated(ids);
                long own = allocated(ids) - probe; // the array the measurement itself returns
                long before = allocated(ids);
                for (int i = 0; i < 20; i++) {
                    kernel.gemm(i % 2 == 1, Transpose.N, Transpose.N, m, n, k, a, 0, k, b, 0, n, c, 0, n, 2);
                }
                bytes = allocated(ids) - before - own;
            }
            assertEquals(0, bytes, "bytes allocated by 20 warm two-thread products (caller and workers)");
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** The calling thread and Parallel's workers. */
    private static long[] sgdlabThreads() {
        List<Long> ids = new ArrayList<>();
        ids.add(Thread.currentThread().getId());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("sgdlab-worker-") && t.isAlive()) {
                ids.add(t.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long allocated(long[] ids) {
        long sum = 0;
        for (long v : MX.getThreadAllocatedBytes(ids)) {
            sum += Math.max(0, v);
        }
        return sum;
    }
}
