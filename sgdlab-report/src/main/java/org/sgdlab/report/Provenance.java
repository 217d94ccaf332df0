package org.sgdlab.report;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Provenance of a run: what produced the numbers, and when.
 *
 * @param version    sgdlab version ({@code "unknown"} when not built by Maven)
 * @param gitCommit  git commit of the sources, or {@code "unknown"}
 * @param jvm        JVM name and version, and which kernels ran ({@link org.sgdlab.linalg.Simd#describe()}): SIMD and
 *                   scalar runs differ in the last bits; and the GEMM backend ({@link org.sgdlab.linalg.Gemm#describe()})
 * @param os         OS name and architecture
 * @param seed       master random seed
 * @param parameters run parameters, in insertion order (copied, unmodifiable)
 * @param started    start time
 * @param wallTime   wall time from start to capture
 */
public record Provenance(String version, String gitCommit, String jvm, String os, long seed,
                         Map<String, String> parameters, Instant started, Duration wallTime) {

    /** The value used when a field cannot be determined. */
    public static final String UNKNOWN = "unknown";

    /** Copies {@code parameters} (null → empty) preserving order. */
    public Provenance {
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Captures the current environment. The version comes from the Maven-filtered resource
     * {@code org/sgdlab/report/version.properties}; the git commit from system property {@code sgdlab.commit},
     * else environment variable {@code SGDLAB_COMMIT}, else {@code "unknown"}; {@code jvm} is
     * {@code java.vm.name + " " + java.version + ", kernels: " + Simd.describe() + "; GEMM: " + Gemm.describe()}; {@code os} is {@code os.name + " " + os.arch};
     * {@code wallTime = Duration.between(started, now)}.
     */
    public static Provenance capture(long seed, Map<String, String> parameters, Instant started) {
        Instant now = Instant.now();
        Instant start = started == null ? now : started;
        return new Provenance(buildVersion(), commitFromEnvironment(),
                System.getProperty("java.vm.name", "?") + " " + System.getProperty("java.version", "?")
                        + ", kernels: " + org.sgdlab.linalg.Simd.describe() + "; GEMM: " + org.sgdlab.linalg.Gemm.describe(),
                System.getProperty("os.name", "?") + " " + System.getProperty("os.arch", "?"),
                seed, parameters, start, Duration.between(start, now));
    }

    /** The sgdlab version from {@code version.properties}, or {@code "unknown"} if missing or unfiltered. */
    public static String buildVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            return v.isEmpty() || v.contains("${") ? UNKNOWN : v;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    private static String commitFromEnvironment() {
        String c = System.getProperty("sgdlab.commit");
        if (c == null || c.isBlank()) {
            c = System.getenv("SGDLAB_COMMIT");
        }
        return c == null || c.isBlank() ? UNKNOWN : c.trim();
    }
}
