package org.sgdlab.linalg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
 * (from {@value #TWO_SPECIES_FEATURE} on, or JDK 17 started with {@value #SPECULATION_OPTION}, an opt-in that
 * sgdlab-core's tests use: see {@link #SPECULATION_OPTION}), unless the system property
 * {@value #PRODUCT_BITS_PROPERTY} says {@code 256} (or {@code 512}, to force them). Sums with lane-wise partial sums
 * keep the 256-bit shape everywhere, since their grouping, and so their bits, depend on the width.
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
     * {@value #TWO_SPECIES_FEATURE} without {@value #SPECULATION_OPTION}, where that makes them (or the 256-bit
     * sums) run boxed, 20-80× slower (below).
     */
    public static final String PRODUCT_BITS_PROPERTY = "sgdlab.simd.productBits";
    /**
     * The first JDK feature release on which 512-bit kernels run at full speed beside the 256-bit ones whatever the JVM
     * options; before it, only with {@value #SPECULATION_OPTION}. Measured on this Xeon on JDK 17 without it: a
     * 512-bit 12 × 16 GEMM tile ran at 69-75 GFLOP/s alone and at 0.9-1.3 GFLOP/s (590 KB of boxed vectors per call)
     * after the 256-bit 12 × 8 tile had warmed up, and the other way round 36-42 → 0.8 GFLOP/s.
     */
    static final int TWO_SPECIES_FEATURE = 25;
    /**
     * The HotSpot option under which JDK 17's C2 compiles 256- and 512-bit kernels side by side without boxing:
     * return types profiled at every call site (the default, 111, profiles them only at method-handle calls).
     *
     * <p>Why it is needed (JDK 17.0.15, {@code -XX:+PrintInlining -XX:+PrintIntrinsics}). The Vector API's
     * convenience methods are final methods of {@code DoubleVector} that call the shape's class virtually on
     * {@code this}: {@code fma} calls {@code lanewise(FMA, b, c)}, {@code intoArray} calls {@code length()} and
     * {@code vspecies()}. Each such call site has one receiver-type profile for the whole JVM. In a kernel, C2 does not
     * know the receiver's exact class while it parses (the vectors come from intrinsics it expands later, such as
     * {@code VectorSupport.broadcastCoerced}, and from loop phis typed {@code DoubleVector}), so it inlines by that
     * profile: once both shapes have run, both the {@code Double256Vector} and the {@code Double512Vector} branch.
     * Their merge has no constant class or length, so the intrinsics after it fail ("missing constant:
     * vclass=DecodeN etype=ConP vlen=LoadI" for {@code VectorSupport.ternaryOp} and {@code store}) and every vector
     * lives in a heap box. Calling {@code lanewise(FMA, …)} directly moves the FMA's profile into the kernel (measured:
     * then the FMAs compile), but {@code intoArray} has no such form and still failed. With return types profiled at
     * every call site, C2 speculates on the exact class returned at the kernel's own calls ({@code broadcast},
     * {@code fromArray}, {@code fma}), which see one shape, and inlines only that shape's branch: both tiles then ran
     * at full speed in either order (12 × 8: 30-43, 12 × 16: 75-77 GFLOP/s; also with 021 or 120, not with {@code
     * -XX:-UseTypeSpeculation}, {@code -XX:TypeProfileWidth=1} or {@code -XX:TypeProfileMajorReceiverPercent=50}). A
     * JIT option: it changes no bit (every kernel gives the same bits interpreted or compiled).
     *
     * <p>Not passed by the {@code sgdlab} launcher (opt in with {@code SGDLAB_JAVA_OPTS=-XX:TypeProfileLevel=121}):
     * with it, a 128-128-128-1 network's training step allocates 288 bytes per thread (three 512-bit boxes' worth;
     * JDK 17 and 25 alike, nothing without it), which breaks sgdlab-nn's no-allocation tests; the GEMMs alone
     * allocate nothing. It is also fragile: on JDK 17 a JFR recording started in the middle of such a run (which
     * makes C2 recompile) left the 512-bit GEMM tile boxed from then on, ~0.5 GB allocated per step.
     */
    public static final String SPECULATION_OPTION = "-XX:TypeProfileLevel=121";
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
        boolean twoShapes = Runtime.version().feature() >= TWO_SPECIES_FEATURE;
        boolean speculation = WIDE_AVAILABLE && !twoShapes && productBits.isEmpty() && speculatesReturnTypes();
        WIDE_PRODUCTS = WIDE_AVAILABLE && (productBits.equals("512")
                || (!productBits.equals("256") && (twoShapes || speculation)));
        DESCRIPTION = ENABLED
                ? "SIMD (Vector API, " + VectorKernels.BITS + "-bit, " + VectorKernels.LANES + " doubles per vector; "
                        + "FMA-chain products " + (WIDE_PRODUCTS ? "512" : "256") + "-bit"
                        + (WIDE_AVAILABLE && !WIDE_PRODUCTS ? (productBits.equals("256")
                                ? " by -D" + PRODUCT_BITS_PROPERTY + "=256"
                                : ": JDK " + Runtime.version().feature() + " boxes a second vector shape without "
                                        + SPECULATION_OPTION) : "")
                        + (WIDE_PRODUCTS && speculation ? " with " + SPECULATION_OPTION : "")
                        + ")"
                : "scalar (" + why + ")";
    }

    private Simd() {
    }

    /**
     * Whether this JVM was started with return types profiled at every call site and type speculation on, as under
     * {@value #SPECULATION_OPTION}: the last {@code -XX:TypeProfileLevel=} on its command line has tens digit 2 and
     * no {@code -XX:-UseTypeSpeculation} follows. Read from {@code /proc/self/cmdline} (~1 ms; HotSpot's diagnostic
     * MXBean, which would also see options from the environment, costs 25-35 ms of start-up on this machine); false
     * where that file does not exist, so that the 512-bit products are never turned on by mistake.
     */
    static boolean speculatesReturnTypes() {
        try {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8);
            int level = 111; // HotSpot's default
            boolean speculation = true;
            for (String arg : cmdline.split("\u0000")) {
                if (arg.startsWith("-XX:TypeProfileLevel=")) {
                    level = Integer.parseInt(arg.substring("-XX:TypeProfileLevel=".length()));
                } else if (arg.equals("-XX:-UseTypeSpeculation") || arg.equals("-XX:+UseTypeSpeculation")) {
                    speculation = arg.charAt(4) == '+';
                }
            }
            return speculation && level / 10 % 10 == 2;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }


    /**
     * "SIMD (Vector API, 256-bit, 4 doubles per vector; FMA-chain products 512-bit)" or "scalar (reason)": the kernels'
     * path, for provenance.
     */
    public static String describe() {
        return DESCRIPTION;
    }
}
