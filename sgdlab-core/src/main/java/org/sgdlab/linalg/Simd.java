package org.sgdlab.linalg;

/**
 * Whether sgdlab's SIMD kernels ({@link VectorKernels}, on the incubating Vector API) are in use, and why not.
 *
 * <p>They are used when all of these hold: the JVM was started with {@code --add-modules jdk.incubator.vector}
 * (the {@code sgdlab} launcher, the Maven build and the bench runner do this); the system property
 * {@code sgdlab.simd} is not {@code false}; and the CPU has 256-bit double vectors (AVX2 or better, or a
 * 256-bit SVE). Otherwise every kernel runs its scalar loop, which is also what the tests compare against.
 *
 * <p><b>Same bits everywhere the SIMD path runs.</b> The kernels use a fixed 256-bit shape (4 doubles) whatever
 * the CPU's widest vector, and only operations that IEEE 754 rounds exactly per lane (add, multiply, divide, fused
 * multiply-add, bit shifts): their own exponential instead of the Vector API's {@code EXP}, whose compiled
 * (SVML) and interpreted forms may differ in the last bit, and a fixed lane order instead of
 * {@code reduceLanes}. So a run gives the same bits whether a kernel is interpreted or JIT-compiled, and on any
 * CPU with 256-bit vectors; with the SIMD path off, results differ in the last bits (sums are grouped differently)
 * and are again reproducible. {@link #describe()} names the path in every output's provenance.
 *
 * <p><b>Warm-up.</b> Until C2 compiles them, Vector API kernels run as ordinary Java objects, 100× slower or more:
 * the first 10⁴ GD steps at n = 100, d = 2 take ~0.4 s instead of ~0.05 s. Long runs, and many short runs in one
 * JVM ({@code sgdlab check}), gain; a single short run in a fresh JVM may be faster with {@code -Dsgdlab.simd=false}.
 */
public final class Simd {
    /** True when the SIMD kernels are in use; a constant, so the JIT folds the branch on it away. */
    public static final boolean ENABLED;
    private static final String DESCRIPTION;

    static {
        String why = null;
        if ("false".equalsIgnoreCase(System.getProperty("sgdlab.simd", "true"))) {
            why = "-Dsgdlab.simd=false";
        } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            why = "jdk.incubator.vector not loaded; start java with --add-modules jdk.incubator.vector";
        } else {
            try {
                int bits = VectorKernels.preferredBits();
                if (bits < VectorKernels.BITS) {
                    why = "the CPU's widest double vector is " + bits + " bits, the kernels need " + VectorKernels.BITS;
                }
            } catch (LinkageError e) {
                why = "Vector API unavailable: " + e;
            }
        }
        ENABLED = why == null;
        DESCRIPTION = ENABLED
                ? "SIMD (Vector API, " + VectorKernels.BITS + "-bit, " + VectorKernels.LANES + " doubles per vector)"
                : "scalar (" + why + ")";
    }

    private Simd() {
    }

    /** "SIMD (Vector API, 256-bit, 4 doubles per vector)" or "scalar (reason)": the kernels' path, for provenance. */
    public static String describe() {
        return DESCRIPTION;
    }
}
