package org.sgdlab.probe;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The steps at which probes are recorded: 0, then log-spaced (about {@code perDecade} per decade,
 * rounded to distinct integers), then the last step. A 10⁷-step run with 20 per decade records
 * about 140 rows.
 */
public final class ProbeSchedule {
    private final long[] steps;

    private ProbeSchedule(long[] steps) {
        this.steps = steps;
    }

    /** Log-spaced steps in [0, total] including 0 and total. */
    public static ProbeSchedule logSpaced(long total, int perDecade) {
        if (total < 0) {
            throw new IllegalArgumentException("total steps must be >= 0, got " + total);
        }
        if (perDecade < 1) {
            throw new IllegalArgumentException("probes per decade must be >= 1, got " + perDecade);
        }
        TreeSet<Long> s = new TreeSet<>();
        s.add(0L);
        s.add(total);
        for (int k = 0; ; k++) {
            double t = Math.pow(10, (double) k / perDecade);
            if (t > total) {
                break;
            }
            s.add(Math.round(t));
        }
        return new ProbeSchedule(s.stream().mapToLong(Long::longValue).toArray());
    }

    /** Every {@code every}-th step in [0, total], plus total. */
    public static ProbeSchedule linear(long total, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("probe interval must be >= 1, got " + every);
        }
        TreeSet<Long> s = new TreeSet<>();
        for (long t = 0; t <= total; t += every) {
            s.add(t);
        }
        s.add(total);
        return new ProbeSchedule(s.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * This schedule with {@code extra} steps added (duplicates merged): for a caller that reports a value labelled with a
     * step, which must then be a probed step, not the nearest probe. This schedule is not modified.
     *
     * @throws IllegalArgumentException if an extra step is negative
     */
    public ProbeSchedule with(long... extra) {
        TreeSet<Long> s = new TreeSet<>();
        for (long t : steps) {
            s.add(t);
        }
        for (long t : extra) {
            if (t < 0) {
                throw new IllegalArgumentException("probe steps must be >= 0, got " + t);
            }
            s.add(t);
        }
        return new ProbeSchedule(s.stream().mapToLong(Long::longValue).toArray());
    }

    /** True if {@code step} is one of the probe steps. */
    public boolean contains(long step) {
        return Arrays.binarySearch(steps, step) >= 0;
    }

    /** The probe steps in increasing order (a copy). */
    public long[] steps() {
        return steps.clone();
    }

    /** Number of probe steps. */
    public int size() {
        return steps.length;
    }

    /** The i-th probe step. */
    public long step(int i) {
        return steps[i];
    }

    @Override
    public String toString() {
        return "ProbeSchedule" + Arrays.toString(steps.length > 8 ? Arrays.copyOf(steps, 8) : steps) + "…";
    }
}
