package org.sgdlab.linalg;

/**
 * Whether a GEMM operand is used as stored or transposed: op(X) = X for {@link #N}, Xᵀ for {@link #T} (BLAS's
 * TRANSA/TRANSB). The operand is row-major either way; only which of its index runs along the stored rows changes.
 */
public enum Transpose {
    /** op(X) = X. */
    N,
    /** op(X) = Xᵀ. */
    T
}
