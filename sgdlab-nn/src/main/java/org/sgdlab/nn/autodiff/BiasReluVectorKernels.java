package org.sgdlab.nn.autodiff;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of {@link BiasRelu}'s first-order sweeps; loaded only when {@code org.sgdlab.linalg.Simd#ENABLED}.
 * Additions, products, comparisons and blends only (no fused multiply-add), so every lane is exactly the scalar
 * expression (BiasReluTest compares the bits with {@link BiasRelu#forwardRowsScalar} and
 * {@link BiasRelu#adjointScalar}, NaN, ±0 and ±∞ included). 256-bit, like every sgdlab kernel.
 */
final class BiasReluVectorKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int LANES = 4;

    private BiasReluVectorKernels() {
    }

    /** y = u &gt; 0 ? u : 0 with u = z + b on rows [r0, r1) of width {@code cols} (z, b read only; y written). */
    static void forward(double[] z, double[] b, double[] y, int cols, int r0, int r1) {
        DoubleVector zero = DoubleVector.zero(S);
        for (int o = r0 * cols, end = r1 * cols; o < end; o += cols) {
            int j = 0;
            for (int last = cols - LANES; j <= last; j += LANES) {
                DoubleVector u = DoubleVector.fromArray(S, z, o + j).add(DoubleVector.fromArray(S, b, j));
                zero.blend(u, u.compare(VectorOperators.GT, 0.0)).intoArray(y, o + j);
            }
            for (; j < cols; j++) {
                double u = z[o + j] + b[j];
                y[o + j] = u > 0 ? u : 0.0;
            }
        }
    }

    /**
     * {@link BiasRelu#adjointScalar} lane by lane: t = 0 + s·ȳ with s = 1[y &gt; 0]; z̄ = (writeZ ? 0 : z̄) + t and
     * b̄_j = (first row of the pass and writeB ? 0 : b̄_j) + t. {@code zbar} or {@code bbar} may be null (skipped);
     * y and ȳ are read only.
     */
    static void adjoint(double[] y, double[] ybar, double[] zbar, double[] bbar, boolean writeZ, boolean writeB,
                        int cols, int r0, int r1) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int o = r0 * cols, end = r1 * cols; o < end; o += cols) {
            boolean first = writeB && o == 0;
            int j = 0;
            for (int last = cols - LANES; j <= last; j += LANES) {
                VectorMask<Double> pos = DoubleVector.fromArray(S, y, o + j).compare(VectorOperators.GT, 0.0);
                DoubleVector t = zero.add(zero.blend(one, pos).mul(DoubleVector.fromArray(S, ybar, o + j)));
                if (zbar != null) {
                    (writeZ ? zero : DoubleVector.fromArray(S, zbar, o + j)).add(t).intoArray(zbar, o + j);
                }
                if (bbar != null) {
                    (first ? zero : DoubleVector.fromArray(S, bbar, j)).add(t).intoArray(bbar, j);
                }
            }
            for (; j < cols; j++) {
                double s = y[o + j] > 0 ? 1.0 : 0.0;
                double t = 0.0 + s * ybar[o + j];
                if (zbar != null) {
                    zbar[o + j] = (writeZ ? 0.0 : zbar[o + j]) + t;
                }
                if (bbar != null) {
                    bbar[j] = (first ? 0.0 : bbar[j]) + t;
                }
            }
        }
    }

    /** y = u &gt; 0 ? u : 0 with u = z + b_i on rows i in [r0, r1) of width {@code cols} (per-row bias). */
    static void forwardPerRow(double[] z, double[] b, double[] y, int cols, int r0, int r1) {
        DoubleVector zero = DoubleVector.zero(S);
        for (int i = r0; i < r1; i++) {
            int o = i * cols;
            double bi = b[i];
            DoubleVector bv = DoubleVector.broadcast(S, bi);
            int j = 0;
            for (int last = cols - LANES; j <= last; j += LANES) {
                DoubleVector u = DoubleVector.fromArray(S, z, o + j).add(bv);
                zero.blend(u, u.compare(VectorOperators.GT, 0.0)).intoArray(y, o + j);
            }
            for (; j < cols; j++) {
                double u = z[o + j] + bi;
                y[o + j] = u > 0 ? u : 0.0;
            }
        }
    }

    /**
     * {@link BiasRelu#adjointPerRow} lane by lane: the same t and z̄ per entry, and each row's sum of t in the same
     * order (four lane sums over the first 4⌊cols/4⌋ entries, combined as (p₀ + p₁) + (p₂ + p₃), then the rest in
     * order).
     */
    static void adjointPerRow(double[] y, double[] ybar, double[] zbar, double[] bbar, boolean writeZ, boolean writeB,
                              int cols, int r0, int r1) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = r0; i < r1; i++) {
            int o = i * cols;
            DoubleVector acc = zero;
            int j = 0;
            for (int last = cols - LANES; j <= last; j += LANES) {
                VectorMask<Double> pos = DoubleVector.fromArray(S, y, o + j).compare(VectorOperators.GT, 0.0);
                DoubleVector t = zero.add(zero.blend(one, pos).mul(DoubleVector.fromArray(S, ybar, o + j)));
                if (zbar != null) {
                    (writeZ ? zero : DoubleVector.fromArray(S, zbar, o + j)).add(t).intoArray(zbar, o + j);
                }
                acc = acc.add(t);
            }
            double sum = (acc.lane(0) + acc.lane(1)) + (acc.lane(2) + acc.lane(3));
            for (; j < cols; j++) {
                double t = 0.0 + (y[o + j] > 0 ? 1.0 : 0.0) * ybar[o + j];
                if (zbar != null) {
                    zbar[o + j] = (writeZ ? 0.0 : zbar[o + j]) + t;
                }
                sum += t;
            }
            if (bbar != null) {
                bbar[i] = (writeB ? 0.0 : bbar[i]) + sum;
            }
        }
    }
}
