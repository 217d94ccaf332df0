package org.sgdlab.linalg;

/**
 * An implementation of GEMM behind {@link Gemm}: sgdlab's own {@link GemmKernel} ("java", the default), or a native
 * BLAS found by {@link java.util.ServiceLoader} (module sgdlab-blas: "openblas") and chosen with
 * {@code -Dsgdlab.blas=NAME}. A provider class needs a public no-argument constructor, which may throw if its native
 * library cannot be loaded ({@link Gemm} then falls back to "java" and says why in {@link Gemm#describe()}).
 */
public interface GemmBackend {
    /** The name {@code -Dsgdlab.blas} selects this backend by, e.g. "java" or "openblas". */
    String name();

    /** What runs, for provenance: the implementation, its version and kernel, and whether its bits are reproducible. */
    String describe();

    /**
     * C ← op(A)·op(B) ({@code accumulate} false: C's old entries are ignored, even NaN) or C ← C + op(A)·op(B)
     * ({@code accumulate} true), with the row-major layout of {@link Gemm#multiply}, on up to {@code threads} threads.
     * Only the m × n entries of C are modified; a and b are read only. The caller has checked the arguments with
     * {@link GemmArguments#check}.
     */
    void gemm(boolean accumulate, Transpose ta, Transpose tb, int m, int n, int k, double[] a, int aOff, int lda,
              double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, int threads);

    /** A fresh set of operand copies for one caller ({@link GemmOperands#NONE} unless the backend copies operands). */
    default GemmOperands newOperands() {
        return GemmOperands.NONE;
    }

    /**
     * As {@link #gemm(boolean, Transpose, Transpose, int, int, int, double[], int, int, double[], int, int, double[], int,
     * int, int)}, reusing the copies of {@code operands} (made by this backend's {@link #newOperands}) for A and B and
     * dropping any copy of C's array; the same bits. By default the copies are ignored.
     */
    default void gemm(boolean accumulate, Transpose ta, Transpose tb, int m, int n, int k, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, int threads, GemmOperands operands) {
        gemm(accumulate, ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, threads);
    }
}
