package org.sgdlab.nn.train;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the calling thread for extra repetitions of some work, measured once the JIT has compiled what
 * the work runs. Until C2 has compiled the matrix products' Vector API kernels, each vector operation is an object on
 * the heap; so the measurement is repeated, warming up further between attempts, until it reads less than
 * {@value #ONE_OBJECT_PER_STEP} bytes, or {@value #ATTEMPTS} attempts and two minutes have passed (a loaded machine's
 * compiler queue can take longer than 40 attempts; the threshold is the same).
 */
final class AllocationMeter {
    /** Fewer bytes than one 16-byte object per step for 1000 steps: "allocates nothing per step". */
    static final long ONE_OBJECT_PER_STEP = 16_000;
    static final int ATTEMPTS = 40;
    /** How long the attempts may go on past {@link #ATTEMPTS} while C2 has not yet compiled the kernels (load). */
    static final long WARM_UP_NANOS = 120_000_000_000L;

    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** The calling thread and Parallel's workers (named sgdlab-worker-*), alive now. */
    static long[] sgdlabThreads() {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        ids.add(Thread.currentThread().getId());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("sgdlab-worker-") && t.isAlive()) {
                ids.add(t.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long sum(long[] bytes) {
        long s = 0;
        for (long b : bytes) {
            s += Math.max(0, b);
        }
        return s;
    }

    /** Bytes allocated by the caller and Parallel's workers while {@code r} runs (the measurement's own array excluded). */
    static long allocatedBySgdlabThreads(Runnable r) {
        long[] ids = sgdlabThreads();
        long probe = sum(MX.getThreadAllocatedBytes(ids));
        long own = sum(MX.getThreadAllocatedBytes(ids)) - probe;
        long before = sum(MX.getThreadAllocatedBytes(ids));
        r.run();
        return sum(MX.getThreadAllocatedBytes(ids)) - before - own;
    }

    static long allocated(Runnable r) {
        long tid = Thread.currentThread().getId();
        long before = MX.getThreadAllocatedBytes(tid);
        r.run();
        return MX.getThreadAllocatedBytes(tid) - before;
    }

    /**
     * The bytes {@code large} allocates beyond {@code small} (e.g. 1100 steps against 100: the cost of 1000 steps
     * without the fixed cost of a run), after {@code warmUp}; the last attempt's value.
     */
    static long extraBytes(Runnable warmUp, Runnable small, Runnable large) {
        long extra = Long.MAX_VALUE;
        long start = System.nanoTime();
        // at least ATTEMPTS attempts, and on a loaded machine (where C2's queue lags) until WARM_UP_NANOS have passed:
        // the threshold never changes, only how long the JIT is given to reach the steady state
        for (int attempt = 0; extra >= ONE_OBJECT_PER_STEP
                && (attempt < ATTEMPTS || System.nanoTime() - start < WARM_UP_NANOS); attempt++) {
            warmUp.run();
            extra = allocated(large) - allocated(small);
        }
        return extra;
    }

    /** {@code times} runs of {@code r}. */
    static Runnable repeat(int times, Runnable r) {
        return () -> {
            for (int k = 0; k < times; k++) {
                r.run();
            }
        };
    }
}
