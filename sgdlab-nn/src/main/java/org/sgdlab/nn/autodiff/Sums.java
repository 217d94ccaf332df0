package org.sgdlab.nn.autodiff;

/**
 * The summation order of {@link Reduce} over contiguous entries: a chain of dependent additions costs the adder's
 * latency per entry (a 1000-entry loss took 0.77 µs of a 9 µs deep-linear step), so from {@value #SPLIT_MIN} entries on
 * the sum runs in {@value #WAYS} interleaved partial sums, s_r = x[r] + x[r + 8] + x[r + 16] + … in index order,
 * combined as ((s₀ + s₁) + (s₂ + s₃)) + ((s₄ + s₅) + (s₆ + s₇)). A fixed order in plain scalar Java: the same bits on
 * every machine, with the SIMD path on or off. Shorter sums stay one sequential chain.
 */
final class Sums {
    /** Entries from which the sum is split into {@value #WAYS} partial sums. */
    static final int SPLIT_MIN = 32;
    static final int WAYS = 8;

    private Sums() {
    }

    /** Σ x[off + e] for e &lt; len, in the order described above ({@code x} read only). */
    static double sum(double[] x, int off, int len) {
        if (len < SPLIT_MIN) {
            double s = 0.0;
            for (int e = 0; e < len; e++) {
                s += x[off + e];
            }
            return s;
        }
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0;
        int e = 0;
        for (int end = len - WAYS; e <= end; e += WAYS) {
            int i = off + e;
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        // the last len mod 8 entries continue the partial sums they belong to
        int left = len - e;
        if (left > 0) {
            s0 += x[off + e];
        }
        if (left > 1) {
            s1 += x[off + e + 1];
        }
        if (left > 2) {
            s2 += x[off + e + 2];
        }
        if (left > 3) {
            s3 += x[off + e + 3];
        }
        if (left > 4) {
            s4 += x[off + e + 4];
        }
        if (left > 5) {
            s5 += x[off + e + 5];
        }
        if (left > 6) {
            s6 += x[off + e + 6];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The same order written as the definition: partial sums by residue modulo 8, then the fixed combination. */
    static double reference(double[] x, int off, int len) {
        if (len < SPLIT_MIN) {
            double s = 0.0;
            for (int e = 0; e < len; e++) {
                s += x[off + e];
            }
            return s;
        }
        double[] part = new double[WAYS];
        for (int e = 0; e < len; e++) {
            part[e % WAYS] += x[off + e];
        }
        return ((part[0] + part[1]) + (part[2] + part[3])) + ((part[4] + part[5]) + (part[6] + part[7]));
    }
}
