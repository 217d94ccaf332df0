package org.sgdlab.cli;

import java.util.Locale;

/**
 * Sizes of data the CLI is about to allocate: refused with a clear message when they cannot fit in a Java array
 * (2³¹ − 1 entries) or in the heap the JVM may grow to, instead of an overflow or an OutOfMemoryError deep inside.
 */
final class Sizes {
    /** The most elements of a Java array (a few below Integer.MAX_VALUE, as the JDK's own collections assume). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Sizes() {
    }

    /**
     * Checks that an {@code n × d} matrix of doubles (plus {@code extraBytes}, the caller's other allocations) can be
     * allocated; {@code what} names it in the message, e.g. "generate separable".
     */
    static void requireMatrix(String what, long n, long d, long extraBytes) {
        if (n < 1 || d < 1) {
            throw new Main.UsageException(what + ": sizes must be >= 1, got --n " + n + " --d " + d);
        }
        if (n > MAX_ARRAY / d) {
            throw new Main.UsageException(String.format(Locale.ROOT, "%s: the %d × %d data matrix has %s entries, more than a "
                    + "Java array holds (%d); use smaller --n or --d", what, n, d, count((double) n * d), MAX_ARRAY));
        }
        long bytes = 8 * n * d + extraBytes;
        long max = Runtime.getRuntime().maxMemory();
        if (max != Long.MAX_VALUE && bytes > max) {
            throw new Main.UsageException(String.format(Locale.ROOT, "%s: the %d × %d data matrix needs %s but the Java heap "
                    + "may grow to only %s; give the JVM more memory, e.g. SGDLAB_JAVA_OPTS=-Xmx%dg ./sgdlab …, or use smaller "
                    + "--n or --d", what, n, d, bytes(bytes), bytes(max), suggestedHeapGigabytes(2 * bytes)));
        }
    }

    /**
     * A lower bound of what any network of {@code layers} layers keeps per layer (its graph nodes, tensors and layout
     * entries take more): enough to refuse depths that cannot fit before they fill the heap with small objects.
     */
    static final long BYTES_PER_LAYER = 1024;

    /**
     * Checks that a network of {@code layers} layers and {@code parameters} parameters can be held: the flat parameter
     * vector fits a Java array, and a lower bound of its memory (the parameters and their gradient, 16 bytes each, plus
     * {@link #BYTES_PER_LAYER} per layer) fits the heap the JVM may grow to. A lower bound, so a run that fits is never
     * refused; a model that passes may still run out of memory later (then the out-of-memory message says the same).
     */
    static void requireModel(String what, long layers, long parameters) {
        if (parameters > MAX_ARRAY) {
            throw new Main.UsageException(String.format(Locale.ROOT, "%s has %s parameters, more than one Java array holds "
                    + "(%d); use smaller widths", what, count(parameters), MAX_ARRAY));
        }
        long bytes = 16 * parameters + BYTES_PER_LAYER * layers;
        long max = Runtime.getRuntime().maxMemory();
        if (max != Long.MAX_VALUE && bytes > max) {
            String size = parameters > 0 ? layers + " layers, " + count(parameters) + " parameters" : layers + " layers";
            throw new Main.UsageException(String.format(Locale.ROOT, "%s needs at least %s (%s) but the Java heap may grow "
                    + "to only %s; use a smaller model, or give the JVM more memory, e.g. SGDLAB_JAVA_OPTS=-Xmx%dg ./sgdlab …",
                    what, bytes(bytes), size, bytes(max), suggestedHeapGigabytes(2 * bytes)));
        }
    }

    /** A byte count as "1.5 GB", "300 MB", "12 kB". */
    static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0f MB", b / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.0f kB", Math.max(1, b / 1024.0));
    }

    /** Whole gigabytes, at least 1, for an -Xmx suggestion of about {@code bytes}. */
    static long suggestedHeapGigabytes(long bytes) {
        return Math.max(1, (bytes + (1L << 30) - 1) >> 30);
    }

    private static String count(double v) {
        int e = (int) Math.floor(Math.log10(v));
        return String.format(Locale.ROOT, "%.1f·10^%d", v / Math.pow(10, e), e);
    }
}
