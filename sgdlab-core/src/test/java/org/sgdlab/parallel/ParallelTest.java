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
    void rejectsNonPositiveThreadCounts() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
