package org.sgdlab.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Arccos#acos} four lanes at a time on the Vector API (256-bit, like every sgdlab kernel); loaded only when
 * {@code org.sgdlab.linalg.Simd#ENABLED}. Every lane runs both of the scalar routine's branches on the same
 * operations in the same order (+, −, ×, ÷, fma, √, each rounded exactly by IEEE 754) and the lane's branch is picked
 * by a blend, so each lane has the scalar result's bits (ArccosLanesTest compares them, edges and NaN included).
 * One self-contained loop over arrays, not a method taking vectors: C2 boxes vectors passed to a callee it does not
 * inline.
 */
final class ArccosLanes {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    static final int LANES = 4;

    private ArccosLanes() {
    }

    /**
     * out[outOff + i] = {@link Arccos#acos}(x[xOff + i]) for i &lt; n, bit for bit (the last n mod 4 by the scalar
     * routine). {@code x} is read only; out may be x (same offsets).
     */
    static void acos(double[] x, int xOff, double[] out, int outOff, int n) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector half = DoubleVector.broadcast(S, 0.5);
        DoubleVector two = DoubleVector.broadcast(S, 2.0);
        DoubleVector pio2Hi = DoubleVector.broadcast(S, Arccos.PIO2_HI);
        DoubleVector pio2Lo = DoubleVector.broadcast(S, Arccos.PIO2_LO);
        DoubleVector zero = DoubleVector.zero(S);
        int i = 0;
        for (int end = n - LANES; i <= end; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(S, x, xOff + i);
            DoubleVector ax = v.abs();
            VectorMask<Double> small = ax.compare(VectorOperators.LE, 0.5);
            // z = x² (|x| ≤ ½) or (1 − |x|)/2 (otherwise, and for NaN)
            DoubleVector z = one.sub(ax).mul(half).blend(v.mul(v), small);
            DoubleVector p = DoubleVector.broadcast(S, Arccos.C12);
            p = p.fma(z, DoubleVector.broadcast(S, Arccos.C11));
            p = p.fma(z, DoubleVector.broadcast(S, Arccos.C10));
            p = p.fma(z, DoubleVector.broadcast(S, Arccos.C9));
            p = p.fma(z, DoubleVector.broadcast(S, Arccos.C8));
            p = p.fma(z, DoubleVector.broadcast(S, Arccos.C7));
            p = p.fma(z, DoubleVector.broadcast(S, Arccos.C6));
            p = p.fma(z, DoubleVector.broadcast(S, Arccos.C5));
            p = p.fma(z, DoubleVector.broadcast(S, Arccos.C4));
            p = p.fma(z, DoubleVector.broadcast(S, Arccos.C3));
            p = p.fma(z, DoubleVector.broadcast(S, Arccos.C2));
            p = p.fma(z, DoubleVector.broadcast(S, Arccos.C1));
            DoubleVector r = p.fma(z, DoubleVector.broadcast(S, Arccos.C0));
            // |x| ≤ ½: π/2_hi − (x − (π/2_lo − x·z·R))
            DoubleVector near = pio2Hi.sub(v.sub(pio2Lo.sub(v.mul(z).mul(r))));
            // |x| > ½: s = √z, c = (z − s²)/(2s) (0 where s is not > 0), w = c + s·z·R
            DoubleVector s = z.sqrt();
            DoubleVector c = s.neg().fma(s, z).div(s.add(s));
            c = zero.blend(c, s.compare(VectorOperators.GT, 0.0));
            DoubleVector w = c.add(s.mul(z).mul(r));
            DoubleVector positive = two.mul(s.add(w));
            DoubleVector negative = two.mul(pio2Hi.sub(s.add(w.sub(pio2Lo))));
            DoubleVector far = negative.blend(positive, v.compare(VectorOperators.GT, 0.0));
            far.blend(near, small).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = Arccos.acos(x[xOff + i]);
        }
    }
}
