package org.sgdlab.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeScheduleTest {
    @Test
    void withAddsStepsAndKeepsTheOriginal() {
        ProbeSchedule log = ProbeSchedule.logSpaced(10_000, 10);
        // 10 per decade: 3981 and 5012 are probes, 5000 is not
        assertTrue(log.contains(3981) && log.contains(5012));
        assertFalse(log.contains(5000));
        ProbeSchedule more = log.with(5000, 3981, 10_000);
        assertTrue(more.contains(5000));
        assertFalse(log.contains(5000));
        assertTrue(more.size() == log.size() + 1);
        long[] s = more.steps();
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i] > s[i - 1]);
        }
        assertArrayEquals(new long[] {0, 1, 2, 3}, ProbeSchedule.linear(3, 1).with().steps());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.with(-1));
        assertTrue(e.getMessage().contains("-1"));
    }
}
