package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadableTest {

    @Test
    void countsAndFlagsHaveNoDecimalPoint() {
        assertEquals("300000", Readable.number(300000.0));
        assertEquals("1", Readable.number(1.0));
        assertEquals("-1", Readable.number(-1.0));
        assertEquals("0", Readable.number(0.0));
        assertEquals("0", Readable.number(-0.0));
        assertEquals("5623413", Readable.number(5623413.0));
        assertEquals("999999999999999", Readable.number(999999999999999.0));
        assertEquals("1e15", Readable.number(1e15));
    }

    @Test
    void otherNumbersToSixSignificantDigits() {
        assertEquals("0.123457", Readable.number(0.12345678901234567));
        assertEquals("0.1", Readable.number(0.1));
        assertEquals("0.3", Readable.number(0.1 + 0.2));
        assertEquals("12345.7", Readable.number(12345.678));
        assertEquals("0.000123457", Readable.number(1.23456789e-4));
        assertEquals("1.23457e-5", Readable.number(1.23456789e-5));
        assertEquals("1.5e-12", Readable.number(1.5e-12));
        assertEquals("-2.5e-300", Readable.number(-2.5e-300));
        assertEquals("4.9e-324", Readable.number(Double.MIN_VALUE));
        assertEquals("1.23457e6", Readable.number(1234567.5));
        assertEquals("1.79769e308", Readable.number(Double.MAX_VALUE));
        assertEquals("NaN", Readable.number(Double.NaN));
        assertEquals("∞", Readable.number(Double.POSITIVE_INFINITY));
        assertEquals("-∞", Readable.number(Double.NEGATIVE_INFINITY));
    }

    @Test
    void durationsInWordsNotIso8601() {
        assertEquals("1 min 2.7 s", Readable.duration(Duration.parse("PT1M2.73S")));
        assertEquals("7.1 s", Readable.duration(Duration.ofMillis(7080)));
        assertEquals("59.9 s", Readable.duration(Duration.ofMillis(59_940)));
        assertEquals("1 min 0.0 s", Readable.duration(Duration.ofMillis(59_960)));
        assertEquals("850 ms", Readable.duration(Duration.ofMillis(850)));
        assertEquals("3.2 ms", Readable.duration(Duration.ofNanos(3_210_000)));
        assertEquals("0 ms", Readable.duration(Duration.ZERO));
        assertEquals("2 h 5 min 3 s", Readable.duration(Duration.ofSeconds(2 * 3600 + 5 * 60 + 3)));
        assertEquals("-1.5 s", Readable.duration(Duration.ofMillis(-1500)));
        assertEquals("", Readable.duration(null));
        assertEquals("2026-01-02 03:04:05 UTC", Readable.instant(Instant.parse("2026-01-02T03:04:05.987Z")));
    }

    @Test
    void vectorsShowTheirEntriesTruncatedWhenLong() {
        assertEquals("[0.5, -1, 2]", Readable.value(new double[] {0.5, -1, 2}));
        assertEquals("[]", Readable.value(new double[0]));
        double[] w = new double[40];
        for (int i = 0; i < w.length; i++) {
            w[i] = i + 1;
        }
        String s = Readable.value(w);
        assertEquals("[1, 2, 3, 4, 5, 6, …, 39, 40] (40 entries)", s);
        assertEquals("[1, 2, 3]", Readable.value(new int[] {1, 2, 3}));
        assertEquals("[1, 2]", Readable.value(List.of(1L, 2L)));
        assertEquals("[[1, 2], [3]]", Readable.value(new double[][] {{1, 2}, {3}}));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lr", 0.5);
        m.put("steps", 1000.0);
        assertEquals("[lr = 0.5, steps = 1000]", Readable.value(m));
        assertEquals("yes", Readable.value(true));
        assertEquals("—", Readable.value(null));
        for (Object o : new Object[] {new double[3], new float[3], new long[3], new Object[] {new int[2]}}) {
            assertFalse(Readable.value(o).contains("@"), Readable.value(o));
        }
    }

    @Test
    void emojiBecomeWords() {
        assertEquals("logistic yes, hinge no", Readable.withoutEmoji("logistic ✅, hinge ❌"));
        assertEquals("⚠ a different solution", Readable.withoutEmoji("⚠️ a different solution"));
        assertEquals("[rocket] fast", Readable.withoutEmoji("🚀 fast"));
        assertEquals("‖w‖ → ∞ ✓ ✔", Readable.withoutEmoji("‖w‖ → ∞ ✓ ✔"));
        String plain = "plain text, 中文, ∇L";
        assertTrue(plain == Readable.withoutEmoji(plain), "unchanged text is returned as is");
        assertEquals("", Readable.withoutEmoji(null));
    }
}
