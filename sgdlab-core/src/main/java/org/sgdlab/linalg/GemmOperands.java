package org.sgdlab.linalg;

/**
 * Copies of GEMM operands that a backend with memory of its own (native OpenBLAS) keeps between calls, so that an
 * operand used by several products is copied in once ({@link Gemm#multiply(GemmOperands, Transpose, Transpose, int,
 * int, int, double[], int, int, double[], int, int, double[], int, int)}). The Java backend has nothing to copy and
 * gets {@link #NONE}.
 *
 * <p>The caller vouches for the arrays: between {@link #invalidateInPlace} calls, an operand array is not written by
 * anyone but the backend itself (an array written as C is dropped from the copies), and a {@link #pinInPlace pinned}
 * array is never written again. Copies are keyed by the array's identity, its offset and extent. Not thread-safe:
 * one per caller (a network graph), like the caller's own buffers; the native memory is freed with the object.
 */
public interface GemmOperands {
    /** No copies kept (the Java backend's, and any backend's that works on the arrays themselves). */
    GemmOperands NONE = new GemmOperands() {
        @Override
        public void invalidateInPlace() {
        }

        @Override
        public void pinInPlace(double[] array) {
        }
    };

    /** Forgets every copy but the pinned ones: any other array may have changed since. */
    void invalidateInPlace();

    /** Declares {@code array} constant from now on: its copy, once made, stays valid across {@link #invalidateInPlace}. */
    void pinInPlace(double[] array);
}
