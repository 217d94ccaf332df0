package org.sgdlab.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link AnalyticNtk#fromInnerProductsInPlace} for the ReLU dual, four entries of a row at a time on the Vector API
 * (256-bit); loaded only when {@code org.sgdlab.linalg.Simd#ENABLED}. Each lane repeats the operations of
 * {@link AnalyticNtk#fromInnerProducts} with {@link ReluDual#expectations} (and {@link InnerProducts#cosine}) in the
 * same order, branches replaced by blends, and θ from {@link ArccosLanes}, so every entry has the bits of the scalar
 * kernel (ReluNtkLanesTest). Per layer the row goes through three self-contained loops over L1-sized chunks (the
 * cosines, their arccos, the rest of the layer), so that no vector crosses a call C2 might not inline.
 */
final class ReluNtkLanes {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int LANES = 4;
    /** Entries per chunk: the five scratch rows stay in L1 (5 × 256 × 8 bytes = 10 KB). */
    private static final int CHUNK = 256;
    private static final double TWO_PI = 2.0 * Math.PI;
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[5][CHUNK]);

    private ReluNtkLanes() {
    }

    /**
     * Maps xy[offset + j] for j &lt; count − count mod 4 (see {@link InnerProductKernel#fromInnerProductsInPlace})
     * and returns that number; the caller maps the rest entry by entry. {@code yy} and {@code termWeight} are read
     * only, {@code xy} is modified.
     */
    static int rowInPlace(double xx, double[] yy, double[] xy, int offset, int count, int depth, double cSigma,
            double[] termWeight) {
        int vectorCount = count - count % LANES;
        double[][] scratch = SCRATCH.get();
        for (int j0 = 0; j0 < vectorCount; j0 += CHUNK) {
            chunk(xx, yy, j0, xy, offset + j0, Math.min(CHUNK, vectorCount - j0), depth, cSigma, termWeight, scratch);
        }
        return vectorCount;
    }

    /** Entries [0, m) of the chunk (m a multiple of 4): yy from yyOff, xy from xyOff. */
    private static void chunk(double xx, double[] yy, int yyOff, double[] xy, int xyOff, int m, int depth,
            double cSigma, double[] termWeight, double[][] scratch) {
        double[] t = scratch[0];
        double[] b = scratch[1];
        double[] rho = scratch[2];
        double[] theta = scratch[3];
        double[] root = scratch[4];
        System.arraycopy(yy, yyOff, b, 0, m);
        java.util.Arrays.fill(t, 0, m, 0.0);
        double a = xx;
        for (int h = 1; h < depth; h++) {
            cosines(a, b, xy, xyOff, t, termWeight[h - 1], rho, root, m);
            ArccosLanes.acos(rho, 0, theta, 0, m);
            layer(a, b, xy, xyOff, t, rho, theta, root, cSigma, m);
            a = cSigma * (0.5 * a);
        }
        DoubleVector wLast = DoubleVector.broadcast(S, termWeight[depth - 1]);
        for (int k = 0; k < m; k += LANES) {
            DoubleVector c = DoubleVector.fromArray(S, xy, xyOff + k);
            DoubleVector.fromArray(S, t, k).add(wLast.mul(c)).intoArray(xy, xyOff + k);
        }
    }

    /**
     * t ← t + w·c; root = √(a·b); ρ = c/root clamped to [−1, 1], 0 where a·b is not &gt; 0 ({@link InnerProducts#cosine}).
     */
    private static void cosines(double a, double[] b, double[] xy, int xyOff, double[] t, double w, double[] rho,
            double[] root, int m) {
        DoubleVector av = DoubleVector.broadcast(S, a);
        DoubleVector wv = DoubleVector.broadcast(S, w);
        DoubleVector zero = DoubleVector.zero(S);
        for (int k = 0; k < m; k += LANES) {
            DoubleVector c = DoubleVector.fromArray(S, xy, xyOff + k);
            DoubleVector.fromArray(S, t, k).add(wv.mul(c)).intoArray(t, k);
            DoubleVector q = av.mul(DoubleVector.fromArray(S, b, k));
            DoubleVector sq = q.sqrt();
            DoubleVector r = c.div(sq);
            r = r.blend(1.0, r.compare(VectorOperators.GT, 1.0));
            r = r.blend(-1.0, r.compare(VectorOperators.LT, -1.0));
            zero.blend(r, q.compare(VectorOperators.GT, 0.0)).intoArray(rho, k);
            sq.intoArray(root, k);
        }
    }

    /**
     * The rest of layer h ({@link ReluDual#expectations}, then the recursion's update): with sin = √max(0, (1 − ρ)(1 + ρ))
     * and step = (π − θ)/(2π), e₀ = root·(sin/(2π) + ρ·step), e₁ = step (both 0 unless a &gt; 0 and b &gt; 0);
     * c ← c_σ e₀ (into xy), t ← t·(c_σ e₁), b ← c_σ(b/2).
     */
    private static void layer(double a, double[] b, double[] xy, int xyOff, double[] t, double[] rho, double[] theta,
            double[] root, double cSigma, int m) {
        DoubleVector av = DoubleVector.broadcast(S, a);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector pi = DoubleVector.broadcast(S, Math.PI);
        DoubleVector twoPi = DoubleVector.broadcast(S, TWO_PI);
        DoubleVector cs = DoubleVector.broadcast(S, cSigma);
        DoubleVector half = DoubleVector.broadcast(S, 0.5);
        DoubleVector zero = DoubleVector.zero(S);
        VectorMask<Double> rowPositive = av.compare(VectorOperators.GT, 0.0);
        for (int k = 0; k < m; k += LANES) {
            DoubleVector r = DoubleVector.fromArray(S, rho, k);
            DoubleVector bv = DoubleVector.fromArray(S, b, k);
            DoubleVector sin = one.sub(r).mul(one.add(r)).lanewise(VectorOperators.MAX, 0.0).sqrt();
            DoubleVector step = pi.sub(DoubleVector.fromArray(S, theta, k)).div(twoPi);
            DoubleVector e0 = DoubleVector.fromArray(S, root, k).mul(sin.div(twoPi).add(r.mul(step)));
            VectorMask<Double> valid = rowPositive.and(bv.compare(VectorOperators.GT, 0.0));
            cs.mul(zero.blend(e0, valid)).intoArray(xy, xyOff + k);
            DoubleVector.fromArray(S, t, k).mul(cs.mul(zero.blend(step, valid))).intoArray(t, k);
            cs.mul(half.mul(bv)).intoArray(b, k);
        }
    }
}
