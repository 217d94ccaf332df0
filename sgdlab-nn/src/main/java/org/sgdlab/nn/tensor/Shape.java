package org.sgdlab.nn.tensor;

import java.util.Arrays;

/**
 * The shape of a dense row-major tensor of rank 0 to 4: {@code Shape.of()} is a scalar, {@code Shape.of(n, d)} an
 * n × d matrix. Entry (i₀, …, i_{r−1}) sits at flat index Σ iₐ·strideₐ with strideₐ = Π_{b &gt; a} dim_b. Immutable.
 */
public final class Shape {
    /** The largest rank sgdlab-nn supports. */
    public static final int MAX_RANK = 4;

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        if (dims.length > MAX_RANK) {
            throw new IllegalArgumentException("tensor rank must be at most " + MAX_RANK + ", got " + dims.length
                    + " dimensions " + Arrays.toString(dims));
        }
        long s = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("every dimension must be >= 1, got " + Arrays.toString(dims));
            }
            s *= d;
            if (s > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("tensor of shape " + Arrays.toString(dims) + " has more than 2^31 entries");
            }
        }
        this.dims = dims;
        this.size = (int) s;
    }

    /** The shape with these dimensions (each ≥ 1; at most {@link #MAX_RANK} of them; the array is copied). */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** The scalar shape (rank 0, one entry). */
    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    public int rank() {
        return dims.length;
    }

    /** The size of axis {@code axis}. */
    public int dim(int axis) {
        checkAxis(axis);
        return dims[axis];
    }

    /** The dimensions (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of entries Π dimₐ (1 for a scalar). */
    public int size() {
        return size;
    }

    /** The row-major strides (a new array). */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int a = dims.length - 1; a >= 0; a--) {
            s[a] = acc;
            acc *= dims[a];
        }
        return s;
    }

    /** {@code axis} checked against the rank; negative axes count from the end (−1 is the last). */
    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for a tensor of shape " + this);
        }
        return a;
    }

    private void checkAxis(int axis) {
        if (axis < 0 || axis >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for a tensor of shape " + this);
        }
    }

    /** This shape with axis {@code axis} replaced by {@code size}. */
    public Shape withDim(int axis, int size) {
        checkAxis(axis);
        int[] d = dims.clone();
        d[axis] = size;
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** E.g. {@code [2, 3]}; {@code []} for a scalar. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
