package org.sgdlab.geometry;

/**
 * A norm ‖·‖ on the flat parameter vector (or on a block of it), with its dual norm
 * ‖g‖_* = max_{‖s‖ ≤ 1} ⟨g, s⟩ and the <em>sharp</em> map g ↦ s, the steepest unit direction:
 * ‖s‖ = 1 and ⟨g, s⟩ = ‖g‖_* (Bernstein &amp; Newhouse 2024, "Old optimizer, new norm"; source 004 eq. "core").
 * For g = 0 the sharp is defined as 0.
 *
 * <p>Implementations are immutable and hold only hyperparameters. Methods that need scratch memory
 * (the spectral norm) come in two forms: a convenience form that allocates, and a form taking a
 * caller-owned {@code work} array of at least {@link #workspaceSize(int)} doubles, which does not
 * allocate (transforms keep that array in their state).
 */
public interface Norm {
    /** ‖v‖. */
    double of(double[] v);

    /** The dual norm ‖g‖_* = max_{‖s‖ ≤ 1} ⟨g, s⟩. */
    double dual(double[] g);

    /** out ← the steepest unit direction s: ‖s‖ = 1, ⟨g, s⟩ = ‖g‖_* (out ← 0 when g = 0). {@code out} must not alias {@code g}. */
    void sharpInto(double[] g, double[] out);

    /** Doubles of scratch memory the allocation-free forms need for vectors of length n (0 unless overridden). */
    default int workspaceSize(int n) {
        return 0;
    }

    /** {@link #sharpInto(double[], double[])} with caller-owned scratch memory; returns ‖g‖_* (or the best estimate the method has of it). */
    default double sharpInto(double[] g, double[] out, double[] work) {
        sharpInto(g, out);
        return dual(g);
    }

    /** The dimension this norm requires, or −1 when any length is accepted. */
    default int requiredLength() {
        return -1;
    }

    /** A one-line description, e.g. {@code l3}. */
    String describe();
}
