package org.sgdlab.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD twins of sgdlab's hot kernels, on the incubating Vector API. This is the only class that touches
 * {@code jdk.incubator.vector}; it is loaded only when {@link Simd#ENABLED} is true, so the library runs (on its
 * scalar loops) without the module. Callers go through {@link Kernels}, which picks the path; the tests compare
 * every method here with its scalar twin.
 *
 * <p>Fixed 256-bit shape and exactly-rounded lane operations only, so the bits do not depend on the CPU's widest
 * vector or on whether the code is interpreted or compiled (see {@link Simd}). Each kernel is one self-contained
 * loop, and no vector value crosses a method call: C2 does not inline a callee that is large in bytecode or already
 * compiled into large code, and a vector that crosses a call which is not inlined is boxed on the heap (measured:
 * 2.5–3× slower, and which calls get inlined varied from run to run).
 */
public final class VectorKernels {
    static final int BITS = 256;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    static final int LANES = S.length();

    // exp(x) = 2^k · e^r with k = round(x / ln 2), r = x − k ln 2 (Cody–Waite, ln 2 split in two; constants as in
    // musl's exp), |r| ≤ ln2/2. e^r by the degree-11 polynomial 1 + r + C2 r² + … + C11 r¹¹ that interpolates it at
    // the 12 Chebyshev nodes of [−ln2/2, ln2/2] (coefficients solved and refined in extended precision with numpy):
    // relative error 7.6e-18 over the interval, below a tenth of an ulp; its constant and linear coefficients
    // round to exactly 1.
    private static final double LOG2E = 0x1.71547652b82fep0;
    private static final double LN2_HI = 0x1.62e42fefa3800p-1;
    private static final double LN2_LO = 0x1.ef35793c76730p-45;
    /** 1.5·2⁵²: adding it rounds to an integer held in the low mantissa bits (round to nearest even). */
    private static final double ROUND = 0x1.8p52;
    private static final double C2 = 0x1.0000000000010p-1,
            C3 = 0x1.5555555555553p-3, C4 = 0x1.555555554f133p-5, C5 = 0x1.1111111110811p-7,
            C6 = 0x1.6c16c187ea904p-10, C7 = 0x1.a01a01aadde2cp-13, C8 = 0x1.a01991d841eb5p-16,
            C9 = 0x1.71de028dad113p-19, C10 = 0x1.28b3ddb399294p-22, C11 = 0x1.af4f6cb01e9b9p-26;

    private VectorKernels() {
    }

    static int preferredBits() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** Lane functions of {@link #lanewise}: e^x, and φ'(m) of the logistic and of the exponential loss. */
    public enum LaneFunction { EXP, LOGISTIC_DERIVATIVE, EXPONENTIAL_DERIVATIVE }

    /**
     * out[i] = f(x[i]) for i &lt; n, n a multiple of 4 ({@link #LANES}). One self-contained loop on purpose: C2 does
     * not inline a callee whose compiled code is already large, and vectors passed across such a call are boxed.
     *
     * <ul>
     *   <li>EXP: e^x within 1 ulp of {@link StrictMath#exp} (tested over [−750, 750] and at the special values):
     *       +∞ above ln(MAX_VALUE), 0 below ln(MIN_VALUE/2), subnormal in between, NaN for NaN.</li>
     *   <li>LOGISTIC_DERIVATIVE: φ'(m) in the overflow-free form of {@code LogisticLoss.derivative}: with
     *       e = e^{−|m|}, −e/(1 + e) for m ≥ 0 and −1/(1 + e) for m &lt; 0.</li>
     *   <li>EXPONENTIAL_DERIVATIVE: φ'(m) = −e^{−m}.</li>
     * </ul>
     */
    public static void lanewise(LaneFunction f, double[] x, double[] out, int n) {
        boolean logistic = f == LaneFunction.LOGISTIC_DERIVATIVE;
        boolean negate = f != LaneFunction.EXP;
        for (int i = 0; i < n; i += LANES) {
            DoubleVector m = DoubleVector.fromArray(S, x, i);
            DoubleVector arg = logistic ? m.abs().neg() : negate ? m.neg() : m;
            // e^arg: clamping keeps k in [−1077, 1025]; e^−746 rounds to 0 and e^710 overflows to ∞, as they should.
            // (compare and blend, not max/min: C2 expands Java's max/min semantics for ±0 and NaN into several
            // instructions per lane group; a NaN fails both compares and goes through as NaN)
            DoubleVector xc = arg.blend(-746.0, arg.compare(VectorOperators.LT, -746.0));
            if (!logistic) { // the logistic loss's argument −|m| is never positive
                xc = xc.blend(710.0, xc.compare(VectorOperators.GT, 710.0));
            }
            DoubleVector t = xc.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, ROUND));
            DoubleVector k = t.sub(ROUND);
            DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), xc);
            r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
            // e^r = 1 + (r + r²·Q(r)): Q (degree 9) by Estrin's scheme, dependency depth 4 instead of Horner's 9 (the
            // loop is latency-bound, measured); the leading 1 is added last, so its rounding is the only large one.
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector b0 = r.fma(C5, C4).fma(r2, r.fma(C3, C2));
            DoubleVector b1 = r.fma(C9, C8).fma(r2, r.fma(C7, C6));
            DoubleVector q = r.fma(C11, C10).fma(r4.mul(r4), b1.fma(r4, b0));
            DoubleVector p = q.fma(r2, r).add(1.0);
            // p·2^k, k from the low bits of t = k + 1.5·2⁵² (shifted left by 52 they are the exponent field of 2^k),
            // as (p·2^{k−1})·2 so that k = 1024 still gives a normal power, and below k = −1020 as
            // (p·2^{k−1+64})·2^−63 so that the power stays normal and the product rounds once into the subnormals.
            VectorMask<Double> deep = k.compare(VectorOperators.LT, -1020.0);
            DoubleVector tk = t.add(DoubleVector.zero(S).blend(64.0, deep));
            DoubleVector power = tk.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(1022L << 52)
                    .reinterpretAsDoubles();
            DoubleVector e = p.mul(power).mul(DoubleVector.broadcast(S, 2.0).blend(0x1p-63, deep));
            if (logistic) {
                DoubleVector numerator = e.blend(1.0, m.compare(VectorOperators.LT, 0.0));
                e = numerator.div(e.add(1.0));
            }
            (negate ? e.neg() : e).intoArray(out, i);
        }
    }

    /**
     * ⟨a[aOff..aOff+n), b[bOff..bOff+n)⟩: four vector accumulators (16 partial sums, fused multiply-adds) over the
     * multiples of 16, one more vector for the rest of the multiples of 4, then a scalar tail. The grouping depends
     * only on n, never on the offsets, so a row gives the same bits wherever it is stored.
     */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        DoubleVector s2 = DoubleVector.zero(S);
        DoubleVector s3 = DoubleVector.zero(S);
        int i = 0;
        for (int end = n - 4 * LANES; i <= end; i += 4 * LANES) {
            s0 = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), s0);
            s1 = DoubleVector.fromArray(S, a, aOff + i + LANES).fma(DoubleVector.fromArray(S, b, bOff + i + LANES), s1);
            s2 = DoubleVector.fromArray(S, a, aOff + i + 2 * LANES)
                    .fma(DoubleVector.fromArray(S, b, bOff + i + 2 * LANES), s2);
            s3 = DoubleVector.fromArray(S, a, aOff + i + 3 * LANES)
                    .fma(DoubleVector.fromArray(S, b, bOff + i + 3 * LANES), s3);
        }
        for (int end = n - LANES; i <= end; i += LANES) {
            s0 = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), s0);
        }
        // Lanes added in a fixed order, unlike reduceLanes, whose order the API leaves open.
        DoubleVector v = s0.add(s1).add(s2.add(s3));
        double s = (v.lane(0) + v.lane(1)) + (v.lane(2) + v.lane(3));
        for (; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    /**
     * out[i] = ⟨xᵢ, w⟩ for the rows i &lt; padded of a column-major copy (x[j·stride + i] = xᵢⱼ, padded a multiple of 4),
     * 4 rows per vector, each lane doing {@link Kernels#dotScalar}'s operations on its row in the same order (four
     * running sums over j ≡ 0, 1, 2, 3 mod 4, product then sum, the tail into the first, then (s0 + s1) + (s2 + s3)):
     * the bits of {@code dotScalar(xᵢ, w)} row by row, 4× fewer instructions. For the short rows (d &lt;
     * {@link Kernels#SIMD_DOT_MIN}) on which {@link Kernels#dot} takes the scalar loop.
     */
    public static void rowDotsByColumns(double[] x, int stride, int padded, int d, double[] w, double[] out) {
        rowDotsByColumns(x, stride, padded, d, w, 0, out, 0);
    }

    /** {@link #rowDotsByColumns} with w read from {@code w[wOff..wOff+d)} and out written from {@code out[outOff]}. */
    public static void rowDotsByColumns(double[] x, int stride, int padded, int d, double[] w, int wOff, double[] out,
                                        int outOff) {
        int end = d - 3;
        for (int i = 0; i < padded; i += LANES) {
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = DoubleVector.zero(S);
            DoubleVector s2 = DoubleVector.zero(S);
            DoubleVector s3 = DoubleVector.zero(S);
            int j = 0;
            for (; j < end; j += 4) {
                s0 = s0.add(DoubleVector.fromArray(S, x, j * stride + i).mul(w[wOff + j]));
                s1 = s1.add(DoubleVector.fromArray(S, x, (j + 1) * stride + i).mul(w[wOff + j + 1]));
                s2 = s2.add(DoubleVector.fromArray(S, x, (j + 2) * stride + i).mul(w[wOff + j + 2]));
                s3 = s3.add(DoubleVector.fromArray(S, x, (j + 3) * stride + i).mul(w[wOff + j + 3]));
            }
            for (; j < d; j++) {
                s0 = s0.add(DoubleVector.fromArray(S, x, j * stride + i).mul(w[wOff + j]));
            }
            s0.add(s1).add(s2.add(s3)).intoArray(out, outOff + i);
        }
    }

    /**
     * Four consecutive axpys in one pass: for the rows x₀…x₃ stored one after the other from {@code xOff} (row r at
     * {@code xOff + r·n}), y[yOff+i] ← (((y + α₀x₀ᵢ) + α₁x₁ᵢ) + α₂x₂ᵢ) + α₃x₃ᵢ, each term product then sum: the bits
     * of {@link #axpy} called four times in row order (every entry of y sees the same operations in the same order), with
     * y loaded and stored once instead of four times. The least-squares row kernel
     * ({@link Kernels#leastSquaresAccumulate}) adds its rows this way.
     */
    public static void axpy4(double a0, double a1, double a2, double a3, double[] x, int xOff, double[] y, int yOff, int n) {
        int x1 = xOff + n;
        int x2 = x1 + n;
        int x3 = x2 + n;
        int i = 0;
        for (int end = n - LANES; i <= end; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(S, y, yOff + i);
            v = v.add(DoubleVector.fromArray(S, x, xOff + i).mul(a0));
            v = v.add(DoubleVector.fromArray(S, x, x1 + i).mul(a1));
            v = v.add(DoubleVector.fromArray(S, x, x2 + i).mul(a2));
            v = v.add(DoubleVector.fromArray(S, x, x3 + i).mul(a3));
            v.intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            double v = y[yOff + i];
            v += a0 * x[xOff + i];
            v += a1 * x[x1 + i];
            v += a2 * x[x2 + i];
            v += a3 * x[x3 + i];
            y[yOff + i] = v;
        }
    }

    /**
     * y[yOff+i] += alpha · x[xOff+i] for i &lt; n, 4 entries per vector, product then sum (no fused multiply-add):
     * the bits of the scalar loop. Explicit vector loads do not depend on C2 proving that x and y do not overlap.
     */
    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = n - LANES; i <= end; i += LANES) {
            DoubleVector.fromArray(S, y, yOff + i).add(DoubleVector.fromArray(S, x, xOff + i).mul(alpha))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /**
     * The plane rotation of two rows of one array, lane by lane in the scalar loop's order of operations (two products
     * and one sum or difference per entry, no fused multiply-add), so the bits of
     * {@link SymmetricEigen#rotateRowsScalar}: (x[pOff + k], x[qOff + k]) ← (c·x_p − s·x_q, s·x_p + c·x_q). The rows must
     * not overlap.
     */
    static void rotateRows(double[] x, int pOff, int qOff, int n, double c, double s) {
        int k = 0;
        for (int end = n - LANES; k <= end; k += LANES) {
            DoubleVector xp = DoubleVector.fromArray(S, x, pOff + k);
            DoubleVector xq = DoubleVector.fromArray(S, x, qOff + k);
            xp.mul(c).sub(xq.mul(s)).intoArray(x, pOff + k);
            xp.mul(s).add(xq.mul(c)).intoArray(x, qOff + k);
        }
        for (; k < n; k++) {
            double xp = x[pOff + k];
            double xq = x[qOff + k];
            x[pOff + k] = c * xp - s * xq;
            x[qOff + k] = s * xp + c * xq;
        }
    }

    /**
     * The single-sample SGD update fused with the next sample's dot product: w[j] += ((0 + c·a[off + j])·k)·α for
     * j &lt; d, and returns ⟨a[nextOff..nextOff+d), w⟩ at the updated w. The update is lane by lane in the scalar
     * loop's order of operations (no fused multiply-add), and the dot is grouped exactly as {@link #dot}, so the
     * result has the bits of that loop followed by {@code dot(a, nextOff, w, 0, d)}.
     */
    public static double addScaledRowThenDot(double[] w, double[] a, int off, int nextOff, int d, double c, double k,
                                             double alpha) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        DoubleVector s2 = DoubleVector.zero(S);
        DoubleVector s3 = DoubleVector.zero(S);
        int j = 0;
        for (int end = d - 4 * LANES; j <= end; j += 4 * LANES) {
            DoubleVector w0 = DoubleVector.fromArray(S, w, j)
                    .add(DoubleVector.fromArray(S, a, off + j).mul(c).add(0.0).mul(k).mul(alpha));
            DoubleVector w1 = DoubleVector.fromArray(S, w, j + LANES)
                    .add(DoubleVector.fromArray(S, a, off + j + LANES).mul(c).add(0.0).mul(k).mul(alpha));
            DoubleVector w2 = DoubleVector.fromArray(S, w, j + 2 * LANES)
                    .add(DoubleVector.fromArray(S, a, off + j + 2 * LANES).mul(c).add(0.0).mul(k).mul(alpha));
            DoubleVector w3 = DoubleVector.fromArray(S, w, j + 3 * LANES)
                    .add(DoubleVector.fromArray(S, a, off + j + 3 * LANES).mul(c).add(0.0).mul(k).mul(alpha));
            w0.intoArray(w, j);
            w1.intoArray(w, j + LANES);
            w2.intoArray(w, j + 2 * LANES);
            w3.intoArray(w, j + 3 * LANES);
            s0 = DoubleVector.fromArray(S, a, nextOff + j).fma(w0, s0);
            s1 = DoubleVector.fromArray(S, a, nextOff + j + LANES).fma(w1, s1);
            s2 = DoubleVector.fromArray(S, a, nextOff + j + 2 * LANES).fma(w2, s2);
            s3 = DoubleVector.fromArray(S, a, nextOff + j + 3 * LANES).fma(w3, s3);
        }
        for (int end = d - LANES; j <= end; j += LANES) {
            DoubleVector w0 = DoubleVector.fromArray(S, w, j)
                    .add(DoubleVector.fromArray(S, a, off + j).mul(c).add(0.0).mul(k).mul(alpha));
            w0.intoArray(w, j);
            s0 = DoubleVector.fromArray(S, a, nextOff + j).fma(w0, s0);
        }
        DoubleVector v = s0.add(s1).add(s2.add(s3));
        double s = (v.lane(0) + v.lane(1)) + (v.lane(2) + v.lane(3));
        for (; j < d; j++) {
            w[j] += ((0.0 + c * a[off + j]) * k) * alpha;
            s += a[nextOff + j] * w[j];
        }
        return s;
    }

    /**
     * The margin-loss gradient over columns: with the data held column by column as zⱼ = y ⊙ X[:, j]
     * ({@code z[j·stride .. j·stride + n)}, zero past n up to the next multiple of 4), computes the margins
     * mᵢ = Σⱼ zᵢⱼ wⱼ into {@code margins}, the weights cᵢ = φ'(mᵢ) into {@code coefficients}, and
     * {@code gradOut[j]} = Σᵢ cᵢ zᵢⱼ for j &lt; cols. Every sum runs across rows, 4 rows per vector, so it pays when
     * rows are short (small d), where the row-wise kernels are scalar. The padded rows have z = 0 and add nothing.
     *
     * @param exponential true for the exponential loss, false for the logistic loss
     */
    public static void marginGradientByColumns(double[] z, int stride, int n, int cols, double[] w,
                                               boolean exponential, double[] margins, double[] coefficients,
                                               double[] gradOut) {
        int padded = (n + LANES - 1) / LANES * LANES;
        marginsByColumns(z, stride, padded, cols, w, margins);
        lanewise(exponential ? LaneFunction.EXPONENTIAL_DERIVATIVE : LaneFunction.LOGISTIC_DERIVATIVE, margins,
                coefficients, padded);
        for (int j = 0; j < cols; j++) {
            gradOut[j] = dot(coefficients, 0, z, j * stride, padded);
        }
    }

    /**
     * margins[0..padded) = Σⱼ wⱼ z[j·stride ..], column after column: m = z₀w₀, then m = fma(zⱼ, wⱼ, m). Columns in the
     * outer loop, so every inner loop is a plain stream over L1 (rows in the outer loop and a short column loop
     * inside measured 2.7× slower at d = 2).
     */
    private static void marginsByColumns(double[] z, int stride, int padded, int cols, double[] w, double[] margins) {
        DoubleVector w0 = DoubleVector.broadcast(S, w[0]);
        for (int i = 0; i < padded; i += LANES) {
            DoubleVector.fromArray(S, z, i).mul(w0).intoArray(margins, i);
        }
        for (int j = 1; j < cols; j++) {
            DoubleVector wj = DoubleVector.broadcast(S, w[j]);
            int off = j * stride;
            for (int i = 0; i < padded; i += LANES) {
                DoubleVector.fromArray(S, z, off + i).fma(wj, DoubleVector.fromArray(S, margins, i)).intoArray(margins, i);
            }
        }
    }

    /** out[i] = e^{x[i]} for every i &lt; n, any n (the last lanes through a padded copy). For tests and benchmarks. */
    public static void exp(double[] x, double[] out, int n) {
        int whole = n / LANES * LANES;
        lanewise(LaneFunction.EXP, x, out, whole);
        if (whole < n) {
            double[] tail = new double[LANES];
            System.arraycopy(x, whole, tail, 0, n - whole);
            lanewise(LaneFunction.EXP, tail, tail, LANES);
            System.arraycopy(tail, 0, out, whole, n - whole);
        }
    }
}
