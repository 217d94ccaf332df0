package org.sgdlab.linalg;

import java.util.Objects;

/**
 * A symmetric linear operator on ℝⁿ known only through its action v ↦ Av: a Hessian–vector product, a Gram matrix
 * applied without forming it, or a dense matrix. {@link Lanczos} reads nothing else. Symmetry (⟨u, Av⟩ = ⟨Au, v⟩) is
 * the caller's promise; it is not checked.
 */
@FunctionalInterface
public interface SymmetricOperator {
    /**
     * out ← A·v. {@code v} is read only; {@code out} (same length, a different array) is overwritten entirely. The
     * result must depend only on {@code v} (no hidden state), or Lanczos loses its reproducibility.
     */
    void apply(double[] v, double[] out);

    /**
     * The operator of a dense symmetric row-major n×n matrix {@code m} (not copied, not modified; every entry is read,
     * so m must really be symmetric).
     *
     * @throws IllegalArgumentException if {@code m.length != n·n} or n &lt; 1
     */
    static SymmetricOperator ofMatrix(double[] m, int n) {
        Objects.requireNonNull(m, "m");
        if (n < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + n);
        }
        if (m.length != (long) n * n) {
            throw new IllegalArgumentException("matrix has " + m.length + " entries, expected " + n + "×" + n);
        }
        return (v, out) -> {
            for (int i = 0, off = 0; i < n; i++, off += n) {
                out[i] = Kernels.dot(m, off, v, 0, n);
            }
        };
    }
}
