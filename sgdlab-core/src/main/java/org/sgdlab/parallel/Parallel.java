package org.sgdlab.parallel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * sgdlab's one shared worker pool, for work split into a FIXED number of independent blocks.
 *
 * <p>Determinism is the caller's contract, made easy here: {@link #forEachBlock} runs
 * {@code task(block, worker)} exactly once for every block index, on whichever thread is free; the
 * block boundaries are chosen by the caller without looking at the thread count, each block writes
 * only its own partial result, and the caller reduces the partials in block order afterwards. The
 * result is then the same bits for 1, 2 or 8 threads (only the wall time changes).
 *
 * <p>The thread count is {@code -Dsgdlab.threads=N} (or {@link #setThreads}, used by the CLI's
 * {@code --threads}); default: {@link Runtime#availableProcessors()}. The calling thread works too,
 * so the pool holds threads − 1 daemon workers. A block task that itself calls
 * {@code forEachBlock} runs its inner blocks sequentially on its own thread (no nested fan-out,
 * no deadlock).
 */
public final class Parallel {
    /** System property with the thread count. */
    public static final String THREADS_PROPERTY = "sgdlab.threads";

    private static volatile int threads = initialThreads();
    private static ExecutorService pool;
    private static int poolSize;
    private static final ThreadLocal<Boolean> IN_BLOCK = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Parallel() {
    }

    /** One block of work: {@code block} in [0, blocks), {@code worker} in [0, threads()) names the thread's scratch slot. */
    @FunctionalInterface
    public interface BlockTask {
        void run(int block, int worker);
    }

    private static int initialThreads() {
        String p = System.getProperty(THREADS_PROPERTY);
        if (p == null || p.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            return check(Integer.parseInt(p.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + THREADS_PROPERTY + " must be a positive integer, got \"" + p + "\"");
        }
    }

    private static int check(int n) {
        if (n < 1 || n > 1024) {
            throw new IllegalArgumentException("thread count must be in [1, 1024], got " + n);
        }
        return n;
    }

    /** The configured thread count (≥ 1). */
    public static int threads() {
        return threads;
    }

    /** Sets the thread count for all later calls (the CLI's {@code --threads}). */
    public static void setThreads(int n) {
        threads = check(n);
    }

    private static synchronized ExecutorService pool(int workers) {
        if (pool == null || poolSize != workers) {
            if (pool != null) {
                pool.shutdown();
            }
            AtomicInteger id = new AtomicInteger();
            pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "sgdlab-worker-" + id.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            poolSize = workers;
        }
        return pool;
    }

    /**
     * Runs {@code task.run(b, worker)} once for each b in [0, blocks), using up to
     * {@link #threads()} threads including the caller, and returns when all blocks are done. The
     * first exception thrown by a block is rethrown here (the remaining blocks are skipped).
     */
    public static void forEachBlock(int blocks, BlockTask task) {
        int t = Math.min(threads, blocks);
        if (t <= 1 || IN_BLOCK.get()) {
            for (int b = 0; b < blocks; b++) {
                task.run(b, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(blocks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService p = pool(t - 1);
        for (int k = 1; k < t; k++) {
            int worker = k;
            p.execute(() -> drain(blocks, task, worker, next, done, failure));
        }
        drain(blocks, task, 0, next, done, failure);
        // Wait for blocks (not tasks): a queued helper that never started holds no block.
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for parallel blocks", e);
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    private static void drain(int blocks, BlockTask task, int worker, AtomicInteger next,
                              CountDownLatch done, AtomicReference<Throwable> failure) {
        boolean outer = IN_BLOCK.get();
        IN_BLOCK.set(Boolean.TRUE);
        try {
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        task.run(b, worker);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        } finally {
            IN_BLOCK.set(outer);
        }
    }
}
