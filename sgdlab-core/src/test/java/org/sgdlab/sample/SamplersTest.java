package org.sgdlab.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;

class SamplersTest {
    @Test
    void shuffledEpochsVisitEveryIndexOncePerEpoch() {
        Sampler s = Samplers.shuffledEpochs(10, 3, new RandomStream(1));
        int[] buf = new int[3];
        for (int epoch = 0; epoch < 5; epoch++) {
            int[] seen = new int[10];
            int total = 0;
            while (total < 10) {
                int c = s.nextBatch(buf);
                for (int k = 0; k < c; k++) {
                    seen[buf[k]]++;
                }
                total += c;
            }
            assertEquals(10, total);
            for (int v : seen) {
                assertEquals(1, v);
            }
        }
    }

    @Test
    void withReplacementIsUniformAndRepeats() {
        Sampler s = Samplers.withReplacement(5, 4, new RandomStream(2));
        int[] buf = new int[4];
        int[] counts = new int[5];
        boolean sawRepeat = false;
        for (int t = 0; t < 25_000; t++) {
            s.nextBatch(buf);
            for (int k = 0; k < 4; k++) {
                counts[buf[k]]++;
                for (int j = 0; j < k; j++) {
                    sawRepeat |= buf[j] == buf[k];
                }
            }
        }
        assertTrue(sawRepeat);
        for (int c : counts) {
            assertEquals(20_000, c, 5 * Math.sqrt(20_000));
        }
    }

    @Test
    void copiesContinueIdentically() {
        for (Sampler s : new Sampler[] {Samplers.withReplacement(9, 2, new RandomStream(3)),
                Samplers.shuffledEpochs(9, 2, new RandomStream(3))}) {
            int[] a = new int[2];
            int[] b = new int[2];
            s.nextBatch(a);
            Sampler c = s.copy();
            for (int t = 0; t < 30; t++) {
                int ca = s.nextBatch(a);
                int cb = c.nextBatch(b);
                assertEquals(ca, cb);
                assertEquals(a[0], b[0]);
                assertEquals(a[1], b[1]);
            }
        }
    }

    @Test
    void badBatchSizeNamesTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Samplers.withReplacement(5, 6, new RandomStream(1)));
        assertTrue(e.getMessage().contains("6"));
    }

    @Test
    void inOrderVisitsRowsInDataOrderAndWraps() {
        Sampler s = Samplers.inOrder(5, 2);
        int[] out = new int[2];
        int[][] expected = {{0, 1}, {2, 3}, {4, 0}, {1, 2}};
        for (int[] e : expected) {
            assertEquals(2, s.nextBatch(out));
            assertArrayEquals(e, out);
        }
        // a copy continues from the same position, independently
        Sampler c = s.copy();
        int[] a = new int[2];
        int[] b = new int[2];
        s.nextBatch(a);
        c.nextBatch(b);
        assertArrayEquals(a, b);
        assertArrayEquals(new int[] {3, 4}, a);
        assertThrows(IllegalArgumentException.class, () -> Samplers.inOrder(3, 4));
        assertThrows(IllegalArgumentException.class, () -> Samplers.inOrder(0, 1));
    }
}
