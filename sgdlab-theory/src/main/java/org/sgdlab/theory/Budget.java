package org.sgdlab.theory;

/** How much compute a check may spend: {@code QUICK} (seconds, for CI and a first look) or {@code FULL} (minutes). */
public enum Budget {
    QUICK,
    FULL;

    /** {@code quick} under the quick budget, else {@code full}. */
    public long pick(long quick, long full) {
        return this == QUICK ? quick : full;
    }

    /** {@code quick} under the quick budget, else {@code full}. */
    public int pick(int quick, int full) {
        return this == QUICK ? quick : full;
    }
}
