package org.sgdlab.linalg;

/**
 * A native dense Cholesky factorization (LAPACK's dpotrf) found by {@link java.util.ServiceLoader} (module sgdlab-blas:
 * "openblas") and chosen by the same property as {@link Gemm}'s backend, {@code -Dsgdlab.blas=NAME}. Its users keep
 * their own checks around it (pivot rule, condition estimate, refinement): a backend only factors and solves. A
 * provider class needs a public no-argument constructor, which may throw if its native library cannot be loaded (the
 * user then falls back to its Java factorization and says why).
 */
public interface CholeskyBackend {
    /** The name {@code -Dsgdlab.blas} selects this backend by, e.g. "openblas". */
    String name();

    /** What runs, for provenance: the routine, the library's version and kernel, and whether its bits are reproducible. */
    String describe();

    /** A workspace for factoring n × n matrices (its memory, n² doubles off the heap, is reused by every factorization). */
    Factor newFactor(int n);

    /**
     * One n × n factor A + μI = L Lᵀ, kept by the backend (off the heap) for its solves, until {@link #close()}. Not
     * thread-safe.
     */
    interface Factor extends AutoCloseable {
        /** The order n. */
        int n();

        /**
         * Copies A + μI (A row-major n × n, read only, lower triangle used) and factors it on up to {@code threads}
         * threads. Returns LAPACK's info: 0 when every pivot was positive, else j ≥ 1, the order of the first leading
         * minor that is not positive definite ({@link #diagonal}(j − 1) then holds that pivot's value before the
         * square root, and only L's first j − 1 columns are valid).
         */
        int factor(double[] a, double shift, int threads);

        /** L's diagonal entry i (after a failed {@link #factor}: the failed pivot's value at i = info − 1). */
        double diagonal(int i);

        /** b ← (L Lᵀ)⁻¹ b (b modified; length n), after a successful {@link #factor}. */
        void solveInPlace(double[] b);

        /** out[i·n + j] ← L(i, j) for j ≤ i (out row-major n × n; the entries above the diagonal are not written). */
        void lowerInto(double[] out);

        /** Frees the off-heap memory now (not at some later garbage collection); the factor is unusable after. */
        @Override
        void close();
    }
}
