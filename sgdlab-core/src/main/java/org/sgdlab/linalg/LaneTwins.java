package org.sgdlab.linalg;

/**
 * Scalar twins of {@link VectorKernels#marginGradientByColumns} and of the lane functions it uses: the same operations
 * lane by lane, in the same order, so the results are the same bits (tested on random and extreme inputs).
 *
 * <p>Why: the Vector API's kernels run as ordinary Java objects until C2 has compiled them, 100× slower or more, so
 * a fresh JVM's first ~10⁴ GD steps on source 001's 100 × 2 data cost ~0.2–0.4 s; this loop costs ~1 µs a step from
 * the start. {@code ColumnMarginGradient} runs it for the first calls in a JVM and the SIMD kernel after, and since
 * the bits are the same, where the switch falls cannot change a result. It is exact because every vector operation
 * the kernel uses is rounded exactly per lane (IEEE 754 add, multiply, divide, fused multiply-add, compares, bit
 * shifts) and sums run in a fixed lane order ({@link Simd}).
 */
public final class LaneTwins {
    private static final int LANES = 4;

    private LaneTwins() {
    }

    /**
     * Same contract and bits as {@link VectorKernels#marginGradientByColumns}: margins, then φ'(m) lane by lane, then
     * {@code gradOut[j]} = the dot of the coefficients with column j, grouped as {@link VectorKernels#dot}.
     * {@code z} and {@code w} are read only; {@code margins}, {@code coefficients} and {@code gradOut} are written.
     */
    public static void marginGradientByColumns(double[] z, int stride, int n, int cols, double[] w,
                                               boolean exponential, double[] margins, double[] coefficients,
                                               double[] gradOut) {
        int padded = (n + LANES - 1) / LANES * LANES;
        double w0 = w[0];
        for (int i = 0; i < padded; i++) {
            margins[i] = z[i] * w0;
        }
        for (int j = 1; j < cols; j++) {
            double wj = w[j];
            int off = j * stride;
            for (int i = 0; i < padded; i++) {
                margins[i] = Math.fma(z[off + i], wj, margins[i]);
            }
        }
        for (int i = 0; i < padded; i++) {
            coefficients[i] = exponential ? exponentialDerivative(margins[i]) : logisticDerivative(margins[i]);
        }
        for (int j = 0; j < cols; j++) {
            gradOut[j] = dot(coefficients, z, j * stride, padded);
        }
    }

    /** One lane of {@link VectorKernels#lanewise} with LOGISTIC_DERIVATIVE. */
    static double logisticDerivative(double m) {
        double e = exp(-Math.abs(m), true);
        double numerator = m < 0.0 ? 1.0 : e;
        return -(numerator / (e + 1.0));
    }

    /** One lane of {@link VectorKernels#lanewise} with EXPONENTIAL_DERIVATIVE. */
    static double exponentialDerivative(double m) {
        return -exp(-m, false);
    }

    /** One lane of {@link VectorKernels#lanewise}'s exponential (its comments explain each step). */
    static double exp(double arg, boolean nonPositive) {
        double xc = arg < -746.0 ? -746.0 : arg;
        if (!nonPositive) {
            xc = xc > 710.0 ? 710.0 : xc;
        }
        double t = Math.fma(xc, 0x1.71547652b82fep0, 0x1.8p52);
        double k = t - 0x1.8p52;
        double r = Math.fma(k, -0x1.62e42fefa3800p-1, xc);
        r = Math.fma(k, -0x1.ef35793c76730p-45, r);
        double r2 = r * r;
        double r4 = r2 * r2;
        double b0 = Math.fma(Math.fma(r, 0x1.1111111110811p-7, 0x1.555555554f133p-5), r2,
                Math.fma(r, 0x1.5555555555553p-3, 0x1.0000000000010p-1));
        double b1 = Math.fma(Math.fma(r, 0x1.71de028dad113p-19, 0x1.a01991d841eb5p-16), r2,
                Math.fma(r, 0x1.a01a01aadde2cp-13, 0x1.6c16c187ea904p-10));
        double q = Math.fma(Math.fma(r, 0x1.af4f6cb01e9b9p-26, 0x1.28b3ddb399294p-22), r4 * r4, Math.fma(b1, r4, b0));
        double p = Math.fma(q, r2, r) + 1.0;
        boolean deep = k < -1020.0;
        double tk = t + (deep ? 64.0 : 0.0);
        double power = Double.longBitsToDouble((Double.doubleToRawLongBits(tk) << 52) + (1022L << 52));
        return p * power * (deep ? 0x1p-63 : 2.0);
    }

    /** ⟨a[0..n), b[off..off+n)⟩ for n a multiple of 4, grouped as {@link VectorKernels#dot}: 16 then 4 partial sums. */
    private static double dot(double[] a, double[] b, int off, int n) {
        double[] s = new double[4 * LANES];
        int i = 0;
        for (int end = n - 4 * LANES; i <= end; i += 4 * LANES) {
            for (int l = 0; l < 4 * LANES; l++) {
                s[l] = Math.fma(a[i + l], b[off + i + l], s[l]);
            }
        }
        for (int end = n - LANES; i <= end; i += LANES) {
            for (int l = 0; l < LANES; l++) {
                s[l] = Math.fma(a[i + l], b[off + i + l], s[l]);
            }
        }
        double[] v = new double[LANES];
        for (int l = 0; l < LANES; l++) {
            v[l] = (s[l] + s[LANES + l]) + (s[2 * LANES + l] + s[3 * LANES + l]);
        }
        return (v[0] + v[1]) + (v[2] + v[3]);
    }
}
