package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void capturesEnvironment() {
        String old = System.getProperty("sgdlab.commit");
        System.setProperty("sgdlab.commit", "deadbeef");
        try {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("z", "1");
            params.put("a", "2");
            Instant start = Instant.now().minusSeconds(2);
            Provenance p = Provenance.capture(99, params, start);
            assertEquals("deadbeef", p.gitCommit());
            assertEquals(99, p.seed());
            assertEquals(List.of("z", "a"), List.copyOf(p.parameters().keySet()));
            assertTrue(p.wallTime().getSeconds() >= 2);
            assertTrue(p.jvm().contains(System.getProperty("java.version")));
            assertTrue(p.jvm().endsWith("kernels: " + org.sgdlab.linalg.Simd.describe() + "; GEMM: "
                    + org.sgdlab.linalg.Gemm.describe()), p.jvm());
            assertTrue(p.os().contains(System.getProperty("os.arch")));
            assertThrows(UnsupportedOperationException.class, () -> p.parameters().put("x", "y"));
        } finally {
            if (old == null) {
                System.clearProperty("sgdlab.commit");
            } else {
                System.setProperty("sgdlab.commit", old);
            }
        }
    }

    @Test
    void versionComesFromTheFilteredResource() {
        String v = Provenance.buildVersion();
        assertFalse(v.contains("${"), v);
        assertFalse(v.isBlank());
        assertTrue(v.matches("\\d+\\.\\d+.*"), v); // built by Maven, so filtered
    }
}
