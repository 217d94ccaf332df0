package org.sgdlab.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partial sums of some blocks, keyed by block index: the value {@code treeAggregate} carries. Merging two is a
 * union of disjoint keys, so the combination order Spark happens to use (task completion order, tree shape) cannot
 * change the result; {@link #sumInBlockOrder} then adds the partials in block index order from zero, as core's
 * blocked sum does ({@code BlockedRows.sum}: out = 0; out += partial₀; out += partial₁; …; the same for the value).
 *
 * <p>Why not add the partials on the executors: floating-point addition is not associative, so a sum formed in a
 * tree differs in the last bits from core's left-to-right sum; shipping the partials costs ⌈n/B⌉·(p + 1) doubles per
 * iteration (3.2 MB at 10⁷ × 50, against 4 GB of rows read). Mutable; not thread-safe (each task owns its own).
 */
final class BlockPartials implements Serializable {
    private static final long serialVersionUID = 1L;

    /** block index → (p sums, then the value sum at [p]) */
    private final TreeMap<Integer, double[]> partials = new TreeMap<>();

    /** Adds one block's partial (the array is kept, not copied); returns this. */
    BlockPartials add(int block, double[] sumsAndValue) {
        if (partials.put(block, sumsAndValue) != null) {
            throw new IllegalStateException("block " + block + " was summed twice");
        }
        return this;
    }

    /** Moves the other's partials into this one; returns this. */
    BlockPartials merge(BlockPartials other) {
        for (Map.Entry<Integer, double[]> e : other.partials.entrySet()) {
            add(e.getKey(), e.getValue());
        }
        return this;
    }

    int size() {
        return partials.size();
    }

    /**
     * Overwrites {@code out} (length p) with Σ of the partials' first p entries and returns Σ of their values, added in
     * block index order starting from zero; with a single block its partial as it is (core's one-block path adds
     * nothing).
     *
     * @throws IllegalStateException unless exactly blocks 0..blocks−1 are present
     */
    double sumInBlockOrder(int blocks, double[] out) {
        if (partials.size() != blocks || (blocks > 0 && (partials.firstKey() != 0 || partials.lastKey() != blocks - 1))) {
            throw new IllegalStateException("expected the partials of blocks 0.." + (blocks - 1) + ", got "
                    + partials.size() + " blocks " + partials.keySet());
        }
        int p = out.length;
        if (blocks == 1) {
            double[] only = partials.firstEntry().getValue();
            System.arraycopy(only, 0, out, 0, p);
            return only[p];
        }
        java.util.Arrays.fill(out, 0.0);
        double v = 0.0;
        for (double[] part : partials.values()) {
            for (int j = 0; j < p; j++) {
                out[j] += part[j];
            }
            v += part[p];
        }
        return v;
    }
}
