package org.sgdlab.nn.autodiff;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward pass of a squared loss whose per-example values nobody reads during the pass (a
 * {@link PointwiseLossNode} whose only consumer is the {@link Reduce} summing it whole; its values are written later,
 * on demand, by {@link PointwiseLossNode#materializeValues}): only the residuals r = p − y and Σ ½r² are computed;
 * loaded only when {@code org.sgdlab.linalg.Simd#ENABLED}.
 *
 * <p>The sum has {@link Sums#sum}'s order and bits (n ≥ {@link Sums#SPLIT_MIN}: partial sums s_q over the entries
 * i ≡ q mod 8 in index order, combined ((s₀+s₁)+(s₂+s₃))+((s₄+s₅)+(s₆+s₇))) over the values ½r² computed as
 * {@code 0.5 * r * r}, core's SquaredLoss, so it equals {@link LossVectorKernels#squaredWithSum}'s to the bit
 * (DeferredLossValuesTest). That kernel also stores the values: 8 KB of stores per 1000 entries that no one reads
 * in a training step (removing them measured 7.3–7.6 → 6.6–6.9 µs per deep-linear GD step, thread CPU, best of 200
 * blocks, four alternating process pairs on a loaded Xeon).
 */
final class ResidualSumKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    private ResidualSumKernels() {
    }

    /**
     * d1[i] = p[i] − y[i] for i &lt; n (written); returns Σ 0.5·d1[i]·d1[i] in {@link Sums}'s order. {@code p} and
     * {@code y} read only; n ≥ {@link Sums#SPLIT_MIN}.
     */
    static double residualsAndSum(double[] p, double[] y, double[] d1, int n) {
        if (n < Sums.SPLIT_MIN) {
            throw new IllegalArgumentException("n must be at least " + Sums.SPLIT_MIN + ", got " + n);
        }
        // lanes 0-3 of lo are s_0..s_3, those of hi s_4..s_7
        DoubleVector lo = DoubleVector.zero(S);
        DoubleVector hi = lo;
        int e = 0;
        for (int end = n - Sums.WAYS; e <= end; e += Sums.WAYS) {
            DoubleVector r0 = DoubleVector.fromArray(S, p, e).sub(DoubleVector.fromArray(S, y, e));
            DoubleVector r1 = DoubleVector.fromArray(S, p, e + 4).sub(DoubleVector.fromArray(S, y, e + 4));
            r0.intoArray(d1, e);
            r1.intoArray(d1, e + 4);
            lo = lo.add(r0.mul(0.5).mul(r0));
            hi = hi.add(r1.mul(0.5).mul(r1));
        }
        double s0 = lo.lane(0), s1 = lo.lane(1), s2 = lo.lane(2), s3 = lo.lane(3);
        double s4 = hi.lane(0), s5 = hi.lane(1), s6 = hi.lane(2), s7 = hi.lane(3);
        // the last n mod 8 (< 8) entries continue the partial sums they belong to: s_q gets entry e + q (no array,
        // so nothing is allocated)
        int left = n - e;
        if (left > 0) {
            s0 += halfSquare(p, y, d1, e);
        }
        if (left > 1) {
            s1 += halfSquare(p, y, d1, e + 1);
        }
        if (left > 2) {
            s2 += halfSquare(p, y, d1, e + 2);
        }
        if (left > 3) {
            s3 += halfSquare(p, y, d1, e + 3);
        }
        if (left > 4) {
            s4 += halfSquare(p, y, d1, e + 4);
        }
        if (left > 5) {
            s5 += halfSquare(p, y, d1, e + 5);
        }
        if (left > 6) {
            s6 += halfSquare(p, y, d1, e + 6);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** d1[i] = p[i] − y[i] (written); returns 0.5·r·r. */
    private static double halfSquare(double[] p, double[] y, double[] d1, int i) {
        double r = p[i] - y[i];
        d1[i] = r;
        return 0.5 * r * r;
    }
}
