package org.sgdlab.sde;

import org.sgdlab.random.RandomStream;
import org.sgdlab.train.checkpoint.Checkpointable;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * Standard normal variates by the ziggurat method of Marsaglia &amp; Tsang ("The ziggurat method for generating random
 * variables", J. Stat. Softw. 5(8), 2000) with 256 layers of area V under f(x) = exp(−x²/2), written for sgdlab. One
 * 64-bit draw gives the layer i (bits 0–7), the sign (bit 8) and a 53-bit uniform U = m·2⁻⁵³ (m: bits 11–63); z = U·xᵢ
 * is returned at once when z &lt; xᵢ₊₁ (about 98.8 % of draws); otherwise the wedge test against f(z) with a second
 * uniform, or for the base layer Marsaglia's tail method beyond R (1964: a = −ln U₁/R, b = −ln U₂ until 2b ≥ a²,
 * z = R + a). The fast test is done on the integer m against a per-layer threshold that decides exactly as z &lt;
 * xᵢ₊₁ ({@link #KEEP}), and z with its sign is one product m·(±xᵢ·2⁻⁵³) ({@link #SCALED}): the same bits as the
 * floating-point test and the sign bit, with fewer instructions per variate.
 *
 * <p>The tables come from {@link StrictMath} at class initialization and the rare wedge and tail draws use
 * {@link StrictMath} too, so a stream gives the same variates on every JDK. The number of 64-bit draws per variate
 * varies (rejections), so two users of one stream agree only if they call this in the same order.
 *
 * <p>{@link #fill} is the bulk form (and the tests' reference for the fused loops): it runs the stream's xoshiro256** state in local variables (a
 * {@link RandomStream} keeps it in fields, and each draw then waits on the previous draw's stores) and gives the same
 * variates as as many calls of {@link #next} on that stream. Loops that use each variate at once (e.g.
 * {@link LinearEulerMaruyama}) run the state themselves and take the variate from {@link #accepts}, {@link #accepted}
 * and {@link #rejected}, the pieces of {@link #next}.
 */
final class ZigguratNormal {
    /** Layers. */
    static final int LAYERS = 256;
    /** The start of the tail: the layer edge x₁ for 256 layers. */
    static final double R = 3.6541528853610088;
    /** The common area of the layers (base layer: rectangle [0, R] × [0, f(R)] plus the tail beyond R). */
    static final double V = 0.00492867323399;

    /** x₀ = V/f(R) (the base layer's pseudo-width), x₁ = R, …, x₂₅₆ = 0. */
    private static final double[] X = new double[LAYERS + 1];
    /** f(xᵢ). */
    private static final double[] F = new double[LAYERS + 1];
    /**
     * Indexed by the draw's bits 0–8, j = layer i (bits 0–7) + 256·sign (bit 8): ±xᵢ·2⁻⁵³, so that z = m·SCALED[j] for
     * the draw's 53-bit word m is the signed m·2⁻⁵³·xᵢ bit for bit (scaling by a power of two is exact here, so both
     * forms round the exact m·xᵢ·2⁻⁵³ once, and negation is exact: m = 0 gives −0.0 for sign 1, as the sign bit did).
     */
    private static final double[] SCALED = new double[2 * LAYERS];
    /**
     * Indexed as {@link #SCALED}: the least m with m·2⁻⁵³·xᵢ ≥ xᵢ₊₁ (2⁵³ if none), found by bisection on that very
     * floating-point product, which is nondecreasing in m. So {@code m < KEEP[j]} decides exactly as
     * {@code z < xᵢ₊₁}, without waiting for the conversion and the product.
     */
    private static final long[] KEEP = new long[2 * LAYERS];

    static {
        double fr = StrictMath.exp(-0.5 * R * R);
        X[0] = V / fr;
        X[1] = R;
        for (int i = 1; i < LAYERS - 1; i++) {
            // layer i is [0, xᵢ] × [f(xᵢ), f(xᵢ₊₁)] with area V
            X[i + 1] = StrictMath.sqrt(-2.0 * StrictMath.log(V / X[i] + StrictMath.exp(-0.5 * X[i] * X[i])));
        }
        X[LAYERS] = 0.0;
        for (int i = 0; i <= LAYERS; i++) {
            F[i] = StrictMath.exp(-0.5 * X[i] * X[i]);
        }
        F[0] = fr;  // the base layer's top is f(R), not f(x₀)
        for (int i = 0; i < LAYERS; i++) {
            double scaled = X[i] * 0x1.0p-53;
            long lo = 0;             // m·scaled < xᵢ₊₁ for every m < lo
            long hi = 1L << 53;      // m·scaled ≥ xᵢ₊₁ at m = hi, or hi = 2⁵³
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (mid * scaled < X[i + 1]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            SCALED[i] = scaled;
            SCALED[i + LAYERS] = -scaled;
            KEEP[i] = lo;
            KEEP[i + LAYERS] = lo;
        }
    }

    private ZigguratNormal() {
    }

    /** One standard normal variate from {@code r} (advanced by one or more 64-bit draws). */
    static double next(RandomStream r) {
        long u = r.nextLong();
        return accepts(u) ? accepted(u) : edge(r::nextLong, u);
    }

    /**
     * The xoshiro256** state words of {@code r} (read through its checkpoint fields; {@code r} is not changed), for
     * {@link #fill}. Only for a stream without a kept polar Gaussian (a fresh or split one, or one used only through
     * nextLong): the ziggurat never uses it.
     */
    static long[] state(RandomStream r) {
        long[] st = new long[4];
        r.fields(new StateFields() {
            @Override
            public void doubles(String name, double[] values) {
            }

            @Override
            public void longs(String name, long[] values) {
            }

            @Override
            public void ints(String name, int[] values) {
            }

            @Override
            public long longValue(String name, long value) {
                st[Integer.parseInt(name.substring(1))] = value;
                return value;
            }

            @Override
            public double doubleValue(String name, double value) {
                return value;
            }

            @Override
            public boolean flag(String name, boolean value) {
                return value;
            }

            @Override
            public void nested(String name, Checkpointable part) {
            }
        });
        return st;
    }

    /**
     * out[0 … n) ← n variates, the same as n calls of {@link #next} on the stream whose xoshiro256** state is
     * {@code st} (from {@link #state}; advanced in place).
     */
    static void fill(long[] st, double[] out, int n) {
        long s0 = st[0];
        long s1 = st[1];
        long s2 = st[2];
        long s3 = st[3];
        for (int j = 0; j < n; j++) {
            // xoshiro256** (RandomStream.nextLong), on locals
            long u = Long.rotateLeft(s1 * 5, 7) * 9;
            long t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = Long.rotateLeft(s3, 45);
            if (accepts(u)) {
                out[j] = accepted(u);
            } else {
                st[0] = s0;
                st[1] = s1;
                st[2] = s2;
                st[3] = s3;
                out[j] = rejected(st, u);
                s0 = st[0];
                s1 = st[1];
                s2 = st[2];
                s3 = st[3];
            }
        }
        st[0] = s0;
        st[1] = s1;
        st[2] = s2;
        st[3] = s3;
    }

    /** Whether the draw u gives its variate at once, as {@link #accepted}; else {@link #rejected} (for fused loops). */
    static boolean accepts(long u) {
        return (u >>> 11) < KEEP[(int) u & 0x1FF];
    }

    /** The variate of a draw u that {@link #accepts}. */
    static double accepted(long u) {
        return (u >>> 11) * SCALED[(int) u & 0x1FF];
    }

    /**
     * The variate of a draw u that is not {@link #accepts accepted}, drawing further words from the xoshiro256** state
     * {@code st} (the state after u; advanced in place).
     */
    static double rejected(long[] st, long u) {
        return edge(new Words(st), u);
    }

    /** Where {@link #edge} draws its further 64-bit words: a {@link RandomStream} or state words in an array. */
    private interface Source {
        long nextLong();
    }

    /** xoshiro256** on st[0..3], in place (the same words as RandomStream.nextLong from that state). */
    private record Words(long[] st) implements Source {
        @Override
        public long nextLong() {
            long s1 = st[1];
            long result = Long.rotateLeft(s1 * 5, 7) * 9;
            long t = s1 << 17;
            st[2] ^= st[0];
            st[3] ^= s1;
            st[1] ^= st[2];
            st[0] ^= st[3];
            st[2] ^= t;
            st[3] = Long.rotateLeft(st[3], 45);
            return result;
        }
    }

    /**
     * The rare case (~1.2 %): the draw u (not {@link #accepts accepted}) has z = m·2⁻⁵³·xᵢ beyond the layer's inner
     * edge xᵢ₊₁; then the wedge or tail test, and on rejection new draws until one is accepted.
     */
    private static double edge(Source r, long u) {
        while (true) {
            int i = (int) (u & 0xFF);
            double z = (u >>> 11) * SCALED[i];
            if (i == 0) {
                return signed(tail(r), u);
            }
            // the wedge between f(xᵢ) and f(xᵢ₊₁): accept when a uniform height in the layer lies under f(z)
            double y = F[i] + ((r.nextLong() >>> 11) * 0x1.0p-53) * (F[i + 1] - F[i]);
            if (y < StrictMath.exp(-0.5 * z * z)) {
                return signed(z, u);
            }
            u = r.nextLong();
            if (accepts(u)) {
                return accepted(u);
            }
        }
    }

    /** z ≥ 0 with the sign bit of the draw u (bit 8) — without a branch, which would be mispredicted half the time. */
    private static double signed(double z, long u) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(z) | ((u & 0x100L) << 55));
    }

    private static double tail(Source r) {
        while (true) {
            double a = -StrictMath.log(openUniform(r)) / R;
            double b = -StrictMath.log(openUniform(r));
            if (b + b >= a * a) {
                return R + a;
            }
        }
    }

    /** Uniform in (0, 1]. */
    private static double openUniform(Source r) {
        return ((r.nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    /** The layer edges x₀ … x₂₅₆ (a copy; for tests). */
    static double[] edges() {
        return X.clone();
    }
}
