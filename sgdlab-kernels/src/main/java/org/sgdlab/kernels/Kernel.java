package org.sgdlab.kernels;

/**
 * A positive semidefinite kernel k(x, x') on points given as {@code double[]} rows of equal length. Implementations are
 * immutable and thread-safe (a Gram matrix evaluates one kernel from several threads at once).
 */
public interface Kernel {
    /**
     * k(x, y). Neither argument is modified.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    double value(double[] x, double[] y);

    /** The kernel as a spec {@link KernelSpecs#parse} reads back, e.g. {@code rbf:gamma=0.5}. */
    String describe();
}
