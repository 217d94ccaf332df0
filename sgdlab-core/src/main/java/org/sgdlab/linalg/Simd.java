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
 * <p><b>512-bit products.</b> Kernels in which every lane is one output's chain of fused multiply-adds in k order
 * (the GEMM tiles, the networks' small products) give the same bits at any width: the width only decides how many
 * outputs are computed side by side. Those kernels use 512-bit vectors ({@link #WIDE_PRODUCTS}) when the CPU's
 * preferred double vector is at least 512 bits (AVX-512: twice the FMA lanes per instruction and, with two 512-bit
 * FMA pipes, up to twice the flops per cycle), on a JDK that runs two vector shapes side by side at full speed
 * (from {@value #TWO_SPECIES_FEATURE} on; not 17), unless the system property {@value #PRODUCT_BITS_PROPERTY} says
 * {@code 256} (or {@code 512}, to force them). Sums with lane-wise partial sums keep the 256-bit
 * shape everywhere, since their grouping, and so their bits, depend on the width.
 *
 * <p><b>Warm-up.</b> Until C2 compiles them, Vector API kernels run as ordinary Java objects, 100× slower or more:
 * the first 10⁴ GD steps at n = 100, d = 2 take ~0.4 s instead of ~0.05 s. Long runs, and many short runs in one
 * JVM ({@code sgdlab check}), gain; a single short run in a fresh JVM may be faster with {@code -Dsgdlab.simd=false}.
 */
public final class Simd {
    /** True when the SIMD kernels are in use; a constant, so the JIT folds the branch on it away. */
    public static final boolean ENABLED;
    private static final String DESCRIPTION;
    /**
     * System property: {@code 256} makes the FMA-chain products use their 256-bit kernels even on a 512-bit CPU (for
     * comparisons); {@code 512} makes them use 512-bit ones on any JDK, also those before
     * {@value #TWO_SPECIES_FEATURE}, where that makes them (or the 256-bit sums) run boxed, 20-80× slower (below).
     */
    public static final String PRODUCT_BITS_PROPERTY = "sgdlab.simd.productBits";
    /**
     * The first JDK feature release on which 512-bit kernels run at full speed beside the 256-bit ones. On JDK 17 the
     * Vector API's shared methods keep one type profile for every vector shape, and C2 then fails to intrinsify
     * whichever shape warms up second: measured on this Xeon, a 512-bit 6 × 16 GEMM tile ran at 76 GFLOP/s alone and
     * at 1.3 GFLOP/s (295 KB of boxed vectors per call) after a 256-bit tile had warmed up, and the other way round
     * 26 → 0.9 GFLOP/s; warming both up together boxes both. Temurin 25 runs both at full speed in either order.
     */
    static final int TWO_SPECIES_FEATURE = 25;
    /**
     * True when the CPU's preferred double vector is at least 512 bits wide and the SIMD path is on: the CPU could run
     * the 512-bit product kernels ({@link #WIDE_PRODUCTS} says whether this JVM does; tests run them only then).
     */
    public static final boolean WIDE_AVAILABLE;
    /**
     * True when the FMA-chain products (GEMM tiles, the networks' small products) use 512-bit vectors: decided once,
     * {@link #WIDE_AVAILABLE} and not {@code -D}{@value #PRODUCT_BITS_PROPERTY}{@code =256}. The same bits either way.
     */
    public static final boolean WIDE_PRODUCTS;

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
        WIDE_AVAILABLE = ENABLED && VectorKernels.preferredBits() >= 512;
        String productBits = System.getProperty(PRODUCT_BITS_PROPERTY, "").trim();
        WIDE_PRODUCTS = WIDE_AVAILABLE && (productBits.equals("512")
                || (!productBits.equals("256") && Runtime.version().feature() >= TWO_SPECIES_FEATURE));
        DESCRIPTION = ENABLED
                ? "SIMD (Vector API, " + VectorKernels.BITS + "-bit, " + VectorKernels.LANES + " doubles per vector; "
                        + "FMA-chain products " + (WIDE_PRODUCTS ? "512" : "256") + "-bit"
                        + (WIDE_AVAILABLE && !WIDE_PRODUCTS ? (productBits.equals("256")
                                ? " by -D" + PRODUCT_BITS_PROPERTY + "=256"
                                : ": JDK " + Runtime.version().feature() + " boxes a second vector shape") : "")
                        + ")"
                : "scalar (" + why + ")";
    }

    private Simd() {
    }

    /**
     * "SIMD (Vector API, 256-bit, 4 doubles per vector; FMA-chain products 512-bit)" or "scalar (reason)": the kernels'
     * path, for provenance.
     */
    public static String describe() {
        return DESCRIPTION;
    }
}
