package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a reader sees on the page: readable numbers, durations and vectors, never Java's toString of an array. */
class HtmlReportTest {

    private static final Pattern IDENTITY = Pattern.compile("\\[[DIJFZBSC]@|\\[L[\\w.$]+;@|\\b[\\w.$]+@[0-9a-f]{4,}\\b");

    @Test
    void runSummaryShowsVectorsCountsAndDurationsForReading() {
        Map<String, Object> summary = new LinkedHashMap<>();
        double[] w = new double[200];
        w[0] = 0.25;
        w[199] = -3;
        summary.put("w", w);
        summary.put("steps", 300000L);
        summary.put("learning_rate", 0.1 + 0.2);
        summary.put("flags", new int[] {1, -1});
        String html = HtmlReport.run("run", summary, List.of(), List.of(), Fixtures.provenance());
        assertFalse(IDENTITY.matcher(html).find(), html);
        assertTrue(html.contains("[0.25, 0, 0, 0, 0, 0, …, 0, -3] (200 entries)"), html);
        assertTrue(html.contains(">300000<"), html);
        assertTrue(html.contains("title=\"0.30000000000000004\">0.3<"), html);
        assertTrue(html.contains("[1, -1]"), html);
        assertTrue(html.contains("<dd>3.0 s</dd>") && html.contains("<dd>2026-01-02 03:04:05 UTC</dd>"), html);
        assertFalse(html.contains("PT3S"), html);
    }

    @Test
    void claimNumbersAndElapsedForReading() {
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("steps", 300000.0);
        numbers.put("holds", 1.0);
        numbers.put("fails", -1.0);
        ClaimResult r = new ClaimResult("c", "t", "s", Verdict.HOLDS, "logistic ✅", "m", "r", null, numbers,
                null, null, null, Duration.parse("PT1M2.73S"));
        String html = HtmlReport.check(List.of(r), Fixtures.provenance());
        assertTrue(html.contains(">300000<") && html.contains(">1<") && html.contains(">-1<"), html);
        assertFalse(html.contains("300000.0") || html.contains(">1.0<") || html.contains("-1.0"), html);
        assertTrue(html.contains("1 min 2.7 s") && !html.contains("PT1M"), html);
        assertTrue(html.contains("logistic yes") && !html.contains("✅"), html);
    }
}
