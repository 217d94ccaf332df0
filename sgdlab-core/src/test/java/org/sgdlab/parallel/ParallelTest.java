package org.sgdlab.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private final int saved = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(saved);
    }

    @Test
    void everyBlockRunsExactlyOnceForEveryThreadCount() {
        for (int t : new int[] {1, 2, 3, 8}) {
            Parallel.setThreads(t);
            int blocks = 1000;
            AtomicIntegerArray hits = new AtomicIntegerArray(blocks);
            Parallel.forEachBlock(blocks, (b, worker) -> {
                hits.incrementAndGet(b);
                assertTrue(worker >= 0 && worker < t, "worker " + worker + " for " + t + " threads");
            });
            for (int b = 0; b < blocks; b++) {
                assertEquals(1, hits.get(b), "block " + b + " with " + t + " threads");
            }
        }
    }

    @Test
    void partialsReducedInBlockOrderGiveTheSameBitsForAnyThreadCount() {
        double[] ref = null;
        for (int t : new int[] {1, 2, 3, 8}) {
            Parallel.setThreads(t);
            double[] partial = new double[257];
            Parallel.forEachBlock(partial.length, (b, worker) -> {
                double s = 0;
                for (int k = 1; k <= 1000; k++) {
                    s += Math.sin(b * 1000 + k) / k;
                }
                partial[b] = s;
            });
            double sum = 0;
            for (double p : partial) {
                sum += p;
            }
            double[] got = {sum};
            if (ref == null) {
                ref = got;
            }
            assertArrayEquals(ref, got, 0.0);
        }
    }

    @Test
    void firstFailureIsRethrownAndNestedCallsRunInline() {
        Parallel.setThreads(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEachBlock(50, (b, w) -> {
            if (b == 17) {
                throw new IllegalStateException("block 17");
            }
        }));
        assertEquals("block 17", e.getMessage());
        AtomicIntegerArray inner = new AtomicIntegerArray(8 * 8);
        Parallel.forEachBlock(8, (b, w) -> Parallel.forEachBlock(8, (c, w2) -> {
            assertEquals(0, w2, "nested blocks run on the calling thread");
            inner.incrementAndGet(b * 8 + c);
        }));
        for (int k = 0; k < 64; k++) {
            assertEquals(1, inner.get(k));
        }
    }

    @Test
    void concurrentCallersEachRunEveryBlockOnce() throws InterruptedException {
        Parallel.setThreads(2);
        int callers = 3;
        int calls = 200;
        int blocks = 37;
        AtomicIntegerArray hits = new AtomicIntegerArray(callers * blocks);
        Thread[] ts = new Thread[callers];
        for (int c = 0; c < callers; c++) {
            int caller = c;
            ts[c] = new Thread(() -> {
                for (int r = 0; r < calls; r++) {
                    Parallel.forEachBlock(blocks, (b, w) -> hits.incrementAndGet(caller * blocks + b));
                }
            });
            ts[c].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        for (int e = 0; e < callers * blocks; e++) {
            assertEquals(calls, hits.get(e), "caller " + e / blocks + ", block " + e % blocks);
        }
    }

    @Test
    void warmCallsAllocateNothing() {
        Parallel.setThreads(2);
        double[] partial = new double[64];
        Parallel.BlockTask task = (b, w) -> partial[b] += b; // one object, made once
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long bytes = -1;
        for (int attempt = 0; attempt < 20 && bytes != 0; attempt++) {
            for (int i = 0; i < 200; i++) {
                Parallel.forEachBlock(partial.length, task);
            }
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 100; i++) {
                Parallel.forEachBlock(partial.length, task);
            }
            bytes = mx.getThreadAllocatedBytes(tid) - before;
        }
        assertEquals(0, bytes, "bytes allocated by the caller over 100 warm calls on two threads");
    }

    @Test
    void rejectsNonPositiveThreadCounts() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
