package org.sgdlab.random;

import org.sgdlab.linalg.Matrix;

/**
 * A bit-for-bit reimplementation of NumPy's legacy global generator ({@code np.random.seed(s)},
 * {@code np.random.rand}, {@code np.random.randn}), so that experiments published as NumPy code
 * can be reproduced exactly in Java.
 *
 * <ul>
 *   <li>Bits: MT19937 (Matsumoto &amp; Nishimura, 1998) seeded with {@code init_genrand(seed)}, which is
 *       what {@code np.random.seed(int)} does for a seed in [0, 2³²).</li>
 *   <li>{@link #randomSample()}: {@code a = next32() >>> 5}, {@code b = next32() >>> 6},
 *       {@code (a·2²⁶ + b) / 2⁵³}.</li>
 *   <li>{@link #gauss()}: NumPy's {@code legacy_gauss}, the Marsaglia polar method with {@code x1, x2 =
 *       2u − 1}, rejection while {@code r² ≥ 1 or r² = 0}, {@code f = sqrt(−2 log(r²)/r²)}; it returns
 *       {@code f·x2} and caches {@code f·x1} for the next call.</li>
 * </ul>
 *
 * <p><b>The logarithm.</b> NumPy calls the C library's {@code log}, so NumPy's own bits depend on the
 * platform's libm. Measured against NumPy 2.4 on glibc 2.36 / x86-64 over 8·10⁶ {@code randn} values
 * (seeds 42 and 7): with {@link StrictMath#log} (fdlibm) 3.1 % of the values differ, with
 * {@link Math#log} 0.036 % (and Math.log may vary between JVMs), with a correctly rounded log 0.035 %.
 * No Java log reproduces glibc exactly (glibc's log is accurate to about 0.52 ulp but not correctly
 * rounded), so this class uses its own correctly rounded log ({@link #log}, double-double
 * arithmetic), which gives the same bits on every JVM and platform. Consequence: a polar pair can
 * differ from NumPy/glibc (by at most 3 ulp in that measurement) only when glibc's log of the pair's
 * r² is not correctly rounded (about 0.07 % of pairs; the sqrt absorbs roughly half of those); in
 * seed 42's first 102 pairs that is pair 38 only (normals 76 and 77, one ulp apart).
 * The committed test vectors (tools/testdata/numpy_legacy_vectors.py) flag those pairs and every
 * other value is checked bit for bit; tools/testdata/numpy_log_agreement.py re-measures the rate.
 *
 * <p>Not thread-safe.
 */
public final class NumpyLegacyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] key = new int[N];
    private int pos;
    private boolean hasGauss;
    private double cachedGauss;

    /**
     * The state after {@code np.random.seed(seed)}.
     *
     * @throws IllegalArgumentException unless 0 ≤ seed ≤ 2³² − 1 (NumPy's own range)
     */
    public NumpyLegacyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("numpy seed must be between 0 and 2**32 - 1, got " + seed);
        }
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            key[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    private void generate() {
        int i = 0;
        for (; i < N - M; i++) {
            int y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < N - 1; i++) {
            int y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
        key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /** The next 32 MT19937 output bits, as an unsigned value in [0, 2³²). */
    public long next32() {
        if (pos == N) {
            generate();
        }
        int y = key[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    /** {@code np.random.random_sample()}: uniform in [0, 1) with 53 bits. */
    public double randomSample() {
        long a = next32() >>> 5;
        long b = next32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code np.random.standard_normal()} in the legacy generator (polar method, cached pair). */
    public double gauss() {
        if (hasGauss) {
            hasGauss = false;
            double t = cachedGauss;
            cachedGauss = 0.0;
            return t;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * log(r2) / r2);
        cachedGauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code np.random.randn(count)}. */
    public double[] randn(int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = gauss();
        }
        return out;
    }

    /** {@code np.random.randn(rows, cols)}, filled in C (row-major) order like NumPy. */
    public Matrix randn(int rows, int cols) {
        return new Matrix(rows, cols, randn(Math.multiplyExact(rows, cols)));
    }

    /** {@code np.random.random_sample(count)} (same as {@code np.random.rand(count)}). */
    public double[] randomSample(int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = randomSample();
        }
        return out;
    }
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    private static final int LOG_TERMS = 24;
    private static final double[] INV_ODD_HI = new double[LOG_TERMS];
    private static final double[] INV_ODD_LO = new double[LOG_TERMS];

    static {
        for (int j = 0; j < LOG_TERMS; j++) {
            double d = 2 * j + 1;
            INV_ODD_HI[j] = 1.0 / d;
            INV_ODD_LO[j] = Math.fma(-INV_ODD_HI[j], d, 1.0) / d;
        }
    }

    /**
     * The natural logarithm, correctly rounded for positive finite {@code x} (up to astronomically rare
     * cases closer to a rounding midpoint than about 2⁻⁹⁰ relative). Computed in double-double
     * arithmetic: x = m·2ᵏ with m in [√½, √2], log m = 2·atanh(s), s = (m − 1)/(m + 1), summed as
     * 2s·Σ s²ʲ/(2j + 1) over 24 terms (|s| ≤ 0.172, so the tail is below 2⁻¹¹⁰).
     */
    static double log(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            return Math.log(x);
        }
        int k = 0;
        if (x < Double.MIN_NORMAL) {
            x *= 0x1p54;
            k = -54;
        }
        k += Math.getExponent(x);
        double m = Math.scalb(x, -Math.getExponent(x));
        if (m > 1.4142135623730951) {
            m *= 0.5;
            k++;
        }
        double a = m - 1.0; // exact (Sterbenz)
        double bh = m + 1.0;
        double bv = bh - m;
        double bl = (m - (bh - bv)) + (1.0 - bv);
        double sh = a / bh;
        double sl = (Math.fma(-sh, bh, a) - sh * bl) / bh;
        double th = sh * sh;
        double tl = Math.fma(sh, sh, -th) + 2 * sh * sl;
        double ph = INV_ODD_HI[LOG_TERMS - 1];
        double pl = INV_ODD_LO[LOG_TERMS - 1];
        for (int j = LOG_TERMS - 2; j >= 0; j--) {
            double mh = ph * th;
            double ml = Math.fma(ph, th, -mh) + (ph * tl + pl * th);
            double s = mh + INV_ODD_HI[j];
            double v = s - mh;
            double e = (mh - (s - v)) + (INV_ODD_HI[j] - v) + ml + INV_ODD_LO[j];
            ph = s + e;
            pl = e - (ph - s);
        }
        double rh = 2 * (sh * ph);
        double rl = 2 * (Math.fma(sh, ph, -sh * ph) + (sh * pl + sl * ph));
        double kh = k * LN2_HI;
        double kl = Math.fma(k, LN2_HI, -kh) + k * LN2_LO;
        double s = kh + rh;
        double v = s - kh;
        double e = (kh - (s - v)) + (rh - v) + kl + rl;
        return s + e;
    }
}
