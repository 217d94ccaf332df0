package org.sgdlab.nn.autodiff;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API form of {@link PointwiseLossNode}'s squared loss summed by a {@link Reduce} over all its entries;
 * loaded only when {@code org.sgdlab.linalg.Simd#ENABLED}. 256-bit, and 512-bit when {@code Simd.WIDE_PRODUCTS}: the
 * sum's eight partial chains are two 256-bit vectors' lanes or one 512-bit vector's, the same chains either way.
 */
final class LossVectorKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Double> W = DoubleVector.SPECIES_512;
    /** Whether {@link #squaredWithSum} runs its 512-bit loop (decided once; the same bits as the 256-bit one). */
    static final boolean WIDE = org.sgdlab.linalg.Simd.WIDE_PRODUCTS;

    private LossVectorKernels() {
    }

    /**
     * For i &lt; n: r = p[i] − y[i], value[i] = 0.5·r·r, d1[i] = r (core's SquaredLoss, its value and derivative, as
     * {@link PointwiseLossNode} writes them); returns Σ value[i] in {@link Sums}'s order (n ≥ {@link Sums#SPLIT_MIN}:
     * partial sums s_q over the entries i ≡ q mod 8 in index order, combined ((s₀+s₁)+(s₂+s₃))+((s₄+s₅)+(s₆+s₇))).
     * Lanes 0–3 of {@code lo} are s₀..s₃ and those of {@code hi} s₄..s₇, each the same chain of additions as the scalar
     * loop's, so the sum has {@code Sums.sum(value, 0, n)}'s bits (LossSumTest) while the loss is computed, instead of
     * a second pass whose eight dependent chains wait on the adder. {@code p}, {@code y} read only; {@code value},
     * {@code d1} written.
     */
    static double squaredWithSum(double[] p, double[] y, double[] value, double[] d1, int n) {
        return WIDE ? squaredWithSumWide(p, y, value, d1, n) : squaredWithSumNarrow(p, y, value, d1, n);
    }

    /** {@link #squaredWithSum} with two 256-bit vectors of partial sums (the reference of the 512-bit loop). */
    static double squaredWithSumNarrow(double[] p, double[] y, double[] value, double[] d1, int n) {
        if (n < Sums.SPLIT_MIN) {
            throw new IllegalArgumentException("n must be at least " + Sums.SPLIT_MIN + ", got " + n);
        }
        DoubleVector lo = DoubleVector.zero(S);
        DoubleVector hi = lo;
        int e = 0;
        for (int end = n - Sums.WAYS; e <= end; e += Sums.WAYS) {
            DoubleVector r0 = DoubleVector.fromArray(S, p, e).sub(DoubleVector.fromArray(S, y, e));
            DoubleVector r1 = DoubleVector.fromArray(S, p, e + 4).sub(DoubleVector.fromArray(S, y, e + 4));
            DoubleVector v0 = r0.mul(0.5).mul(r0);
            DoubleVector v1 = r1.mul(0.5).mul(r1);
            r0.intoArray(d1, e);
            r1.intoArray(d1, e + 4);
            v0.intoArray(value, e);
            v1.intoArray(value, e + 4);
            lo = lo.add(v0);
            hi = hi.add(v1);
        }
        double s0 = lo.lane(0), s1 = lo.lane(1), s2 = lo.lane(2), s3 = lo.lane(3);
        double s4 = hi.lane(0), s5 = hi.lane(1), s6 = hi.lane(2), s7 = hi.lane(3);
        // the last n mod 8 entries continue the partial sums they belong to (no array: nothing allocated)
        int left = n - e;
        if (left > 0) {
            s0 += squared(p, y, value, d1, e);
        }
        if (left > 1) {
            s1 += squared(p, y, value, d1, e + 1);
        }
        if (left > 2) {
            s2 += squared(p, y, value, d1, e + 2);
        }
        if (left > 3) {
            s3 += squared(p, y, value, d1, e + 3);
        }
        if (left > 4) {
            s4 += squared(p, y, value, d1, e + 4);
        }
        if (left > 5) {
            s5 += squared(p, y, value, d1, e + 5);
        }
        if (left > 6) {
            s6 += squared(p, y, value, d1, e + 6);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * {@link #squaredWithSum} with one 512-bit vector: lane q holds s_q, the same chain of additions over the entries
     * i ≡ q mod 8 as {@link #squaredWithSumNarrow}'s lanes, so the same bits; half the vector instructions. Only where
     * the 512-bit kernels are in use ({@code Simd.WIDE_PRODUCTS}).
     */
    static double squaredWithSumWide(double[] p, double[] y, double[] value, double[] d1, int n) {
        if (n < Sums.SPLIT_MIN) {
            throw new IllegalArgumentException("n must be at least " + Sums.SPLIT_MIN + ", got " + n);
        }
        DoubleVector acc = DoubleVector.zero(W);
        int e = 0;
        for (int end = n - Sums.WAYS; e <= end; e += Sums.WAYS) {
            DoubleVector r = DoubleVector.fromArray(W, p, e).sub(DoubleVector.fromArray(W, y, e));
            DoubleVector v = r.mul(0.5).mul(r);
            r.intoArray(d1, e);
            v.intoArray(value, e);
            acc = acc.add(v);
        }
        double s0 = acc.lane(0), s1 = acc.lane(1), s2 = acc.lane(2), s3 = acc.lane(3);
        double s4 = acc.lane(4), s5 = acc.lane(5), s6 = acc.lane(6), s7 = acc.lane(7);
        int left = n - e;
        if (left > 0) {
            s0 += squared(p, y, value, d1, e);
        }
        if (left > 1) {
            s1 += squared(p, y, value, d1, e + 1);
        }
        if (left > 2) {
            s2 += squared(p, y, value, d1, e + 2);
        }
        if (left > 3) {
            s3 += squared(p, y, value, d1, e + 3);
        }
        if (left > 4) {
            s4 += squared(p, y, value, d1, e + 4);
        }
        if (left > 5) {
            s5 += squared(p, y, value, d1, e + 5);
        }
        if (left > 6) {
            s6 += squared(p, y, value, d1, e + 6);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Entry i of {@link #squaredWithSum}'s loop, written; returns value[i]. */
    private static double squared(double[] p, double[] y, double[] value, double[] d1, int i) {
        double r = p[i] - y[i];
        double v = 0.5 * r * r;
        value[i] = v;
        d1[i] = r;
        return v;
    }
}
