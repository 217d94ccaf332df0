package org.sgdlab.linalg;

/**
 * The shape every factorization of this package shares (EJML's layout: one decomposition per class).
 *
 * <ul>
 *   <li>An instance is made for one shape and allocates its work arrays once; {@link #decompose} reuses them, so a
 *       loop that factors a matrix per step allocates nothing.</li>
 *   <li>{@link #decompose} reads {@code a} (row-major {@link #rows()} × {@link #cols()}, never modified) and returns
 *       whether the factorization succeeded, in the sense each class defines (converged, positive definite, full
 *       rank); the details (where it failed, how many sweeps) are the class's status accessors.</li>
 *   <li>Results are read from accessors that return the instance's backing arrays (read only, overwritten by the
 *       next {@link #decompose}) or copy into an explicit {@code out}; methods that overwrite an argument end in
 *       {@code InPlace}.</li>
 * </ul>
 */
public interface Decomposition {
    /** Rows of the matrices this instance factors. */
    int rows();

    /** Columns of the matrices this instance factors. */
    int cols();

    /**
     * Factors the row-major {@code rows() × cols()} matrix {@code a} (read only).
     *
     * @return whether the factorization succeeded (defined per class)
     * @throws IllegalArgumentException if {@code a.length != rows()·cols()}
     */
    boolean decompose(double[] a);
}
