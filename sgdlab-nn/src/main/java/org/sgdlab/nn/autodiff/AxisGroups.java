package org.sgdlab.nn.autodiff;

import java.util.Arrays;
import org.sgdlab.nn.tensor.Shape;

/**
 * The entries of a tensor split by a set of reduced axes: group g (one per index of the kept axes, in row-major
 * order) holds the entries groupBase[g] + memberOffset[e] for the members e (one per index of the reduced axes, in
 * row-major order). Sums and means over axes, batch and layer normalization all loop over it. Built once per shape.
 */
final class AxisGroups {
    final int groups;
    final int members;
    final int[] groupBase;
    final int[] memberOffset;
    /** The shape of one value per group: the kept axes in order (a scalar when every axis is reduced). */
    final Shape keptShape;

    AxisGroups(Shape shape, boolean[] reduced) {
        int[] dims = shape.dims();
        int[] strides = shape.strides();
        int r = dims.length;
        int[] keptDims = new int[r];
        int[] keptStrides = new int[r];
        int[] redDims = new int[r];
        int[] redStrides = new int[r];
        int nk = 0;
        int nr = 0;
        for (int a = 0; a < r; a++) {
            if (reduced[a]) {
                redDims[nr] = dims[a];
                redStrides[nr++] = strides[a];
            } else {
                keptDims[nk] = dims[a];
                keptStrides[nk++] = strides[a];
            }
        }
        this.groupBase = offsets(Arrays.copyOf(keptDims, nk), Arrays.copyOf(keptStrides, nk));
        this.memberOffset = offsets(Arrays.copyOf(redDims, nr), Arrays.copyOf(redStrides, nr));
        this.groups = groupBase.length;
        this.members = memberOffset.length;
        this.keptShape = Shape.of(Arrays.copyOf(keptDims, nk));
    }

    /** Σ iₐ·strideₐ over the index space of {@code dims} in row-major order. */
    private static int[] offsets(int[] dims, int[] strides) {
        int count = 1;
        for (int d : dims) {
            count *= d;
        }
        int[] out = new int[count];
        int[] idx = new int[dims.length];
        for (int t = 0; t < count; t++) {
            int off = 0;
            for (int a = 0; a < dims.length; a++) {
                off += idx[a] * strides[a];
            }
            out[t] = off;
            for (int a = dims.length - 1; a >= 0; a--) {
                if (++idx[a] < dims[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return out;
    }

    /** The reduced-axis flags for {@code axes} (negative axes count from the end) of {@code shape}. */
    static boolean[] flags(Shape shape, int[] axes, String op) {
        boolean[] f = new boolean[shape.rank()];
        for (int axis : axes) {
            int a = shape.normalizeAxis(axis);
            if (f[a]) {
                throw new IllegalArgumentException(op + ": axis " + axis + " given twice in " + Arrays.toString(axes));
            }
            f[a] = true;
        }
        return f;
    }
}
