package org.sgdlab.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

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
    private static Team team;
    private static final AtomicInteger WORKER_IDS = new AtomicInteger();
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

    private static synchronized Team team(int workers) {
        if (team == null || team.workers.length != workers) {
            if (team != null) {
                team.retire();
            }
            team = new Team(workers);
        }
        return team;
    }

    /**
     * Runs {@code task.run(b, worker)} once for each b in [0, blocks), using up to
     * {@link #threads()} threads including the caller, and returns when all blocks are done. The
     * first exception thrown by a block is rethrown here (the remaining blocks are skipped).
     *
     * <p>Allocates nothing once the pool has started (the workers and a few reusable job records are
     * made once), so a training step that splits its products over threads allocates nothing either.
     * While another thread's call holds the pool, a call runs its blocks on its own thread.
     */
    public static void forEachBlock(int blocks, BlockTask task) {
        int t = Math.min(threads, blocks);
        if (t <= 1 || IN_BLOCK.get()) {
            for (int b = 0; b < blocks; b++) {
                task.run(b, 0);
            }
            return;
        }
        Team pool = team(threads - 1);
        if (!pool.busy.compareAndSet(false, true)) {
            runInline(blocks, task);
            return;
        }
        Throwable f;
        try {
            Job job = pool.publish(blocks, task, t - 1);
            drain(job, 0);
            job.await();
            f = job.failure.getAndSet(null);
            job.task = null; // (a late worker finds no block left and never reads it)
        } finally {
            pool.busy.set(false);
        }
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

    /** All blocks on the calling thread, as a nested call does (the results are the same bits). */
    private static void runInline(int blocks, BlockTask task) {
        boolean outer = IN_BLOCK.get();
        IN_BLOCK.set(Boolean.TRUE);
        try {
            for (int b = 0; b < blocks; b++) {
                task.run(b, 0);
            }
        } finally {
            IN_BLOCK.set(outer);
        }
    }

    /** Takes blocks of {@code job} until none is left; counts each one done and wakes the caller after the last. */
    private static void drain(Job job, int worker) {
        boolean outer = IN_BLOCK.get();
        IN_BLOCK.set(Boolean.TRUE);
        try {
            BlockTask task = job.task;
            int blocks = job.blocks;
            for (int b = job.next.getAndIncrement(); b < blocks; b = job.next.getAndIncrement()) {
                try {
                    if (job.failure.get() == null) {
                        task.run(b, worker);
                    }
                } catch (Throwable e) {
                    job.failure.compareAndSet(null, e);
                } finally {
                    if (job.remaining.decrementAndGet() == 0) {
                        LockSupport.unpark(job.caller);
                    }
                }
            }
        } finally {
            IN_BLOCK.set(outer);
        }
    }

    /** Idle spins of a worker (and of a waiting caller) before it parks: back-to-back calls skip the wake-up. */
    private static final int SPINS = 1 << 10;

    /**
     * One call's work: the task, the next block to take, the blocks not yet done. Reused across calls; {@code inside}
     * counts the workers draining it, and is −1 while a caller rewrites it, so a worker that arrives late either joins
     * the job it finds (whatever call it belongs to: its fields are complete) or skips it.
     */
    private static final class Job {
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger remaining = new AtomicInteger();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        BlockTask task;
        int blocks;
        Thread caller;

        /** Waits until every block is done (spinning briefly, then parked until the last block's thread wakes it). */
        void await() {
            for (int spin = 0; remaining.get() > 0; spin++) {
                if (spin < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }

        /** Joins as a worker unless a caller is rewriting this job; true when joined. */
        boolean enter() {
            for (int v = inside.get(); v >= 0; v = inside.get()) {
                if (inside.compareAndSet(v, v + 1)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The daemon workers and the jobs they take, one call at a time ({@code busy}). */
    private static final class Team {
        final Thread[] workers;
        final Job[] jobs = {new Job(), new Job(), new Job(), new Job()};
        final AtomicBoolean busy = new AtomicBoolean();
        volatile Job current;
        volatile long generation;
        volatile boolean retired;
        private int cursor;

        Team(int size) {
            workers = new Thread[size];
            for (int w = 0; w < size; w++) {
                int index = w + 1;
                Thread t = new Thread(() -> work(index), "sgdlab-worker-" + WORKER_IDS.incrementAndGet());
                t.setDaemon(true);
                workers[w] = t;
                t.start();
            }
        }

        /** Fills a free job (one no late worker is still inside), publishes it and wakes {@code wake} workers. */
        Job publish(int blocks, BlockTask task, int wake) {
            Job job = null;
            for (int i = 0; i < jobs.length && job == null; i++) {
                Job j = jobs[(cursor + i) % jobs.length];
                if (j.inside.compareAndSet(0, -1)) {
                    job = j;
                    cursor = (cursor + i + 1) % jobs.length;
                }
            }
            if (job == null) { // every record still has a late worker inside: rare, and a fresh one is as good
                job = new Job();
                job.inside.set(-1);
            }
            job.task = task;
            job.blocks = blocks;
            job.caller = Thread.currentThread();
            job.failure.set(null);
            job.remaining.set(blocks);
            job.next.set(0);
            job.inside.set(0); // open: the fields above are visible to whoever enters
            current = job;
            generation = generation + 1; // only the busy holder writes it
            for (int w = 0; w < wake && w < workers.length; w++) {
                LockSupport.unpark(workers[w]);
            }
            return job;
        }

        /** Worker {@code index}'s loop: wait for a new generation, drain its job, repeat until retired. */
        private void work(int index) {
            long seen = 0;
            int spin = 0;
            while (!retired) {
                long g = generation;
                if (g == seen) {
                    if (spin++ < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                    continue;
                }
                seen = g;
                spin = 0;
                Job job = current;
                if (job != null && job.enter()) {
                    try {
                        drain(job, index);
                    } finally {
                        job.inside.decrementAndGet();
                    }
                }
            }
        }

        void retire() {
            retired = true;
            for (Thread t : workers) {
                LockSupport.unpark(t);
            }
        }
    }
}
