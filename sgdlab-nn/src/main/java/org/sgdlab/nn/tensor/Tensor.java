package org.sgdlab.nn.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float64 tensor: a {@link Shape} and its entries in row-major order in one {@code double[]}. The array is
 * not copied and is exposed on purpose (graphs read and write node buffers directly); methods that mutate end in
 * {@code InPlace}.
 */
public final class Tensor {
    private final Shape shape;
    private final double[] data;

    /** Wraps {@code data} (not copied) with shape {@code shape}. */
    public Tensor(Shape shape, double[] data) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.data = Objects.requireNonNull(data, "data");
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("data has " + data.length + " entries but shape " + shape + " needs "
                    + shape.size());
        }
    }

    /** A new zero tensor. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new double[shape.size()]);
    }

    /** A tensor of shape {@code shape} holding a copy of {@code values}. */
    public static Tensor of(Shape shape, double... values) {
        return new Tensor(shape, values.clone());
    }

    public Shape shape() {
        return shape;
    }

    /** The entries, row-major (not a copy). */
    public double[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    /** The entry at {@code index} (one index per axis). */
    public double get(int... index) {
        return data[flatIndex(index)];
    }

    /** Sets the entry at {@code index} (one index per axis) to {@code value}. */
    public void setInPlace(double value, int... index) {
        data[flatIndex(index)] = value;
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("tensor of shape " + shape + " needs " + shape.rank() + " indices, got "
                    + Arrays.toString(index));
        }
        int flat = 0;
        for (int a = 0; a < index.length; a++) {
            int d = shape.dim(a);
            if (index[a] < 0 || index[a] >= d) {
                throw new IllegalArgumentException("index " + Arrays.toString(index) + " is out of range for shape " + shape);
            }
            flat = flat * d + index[a];
        }
        return flat;
    }

    /** An independent copy. */
    public Tensor copy() {
        return new Tensor(shape, data.clone());
    }

    @Override
    public String toString() {
        return "Tensor" + shape + (data.length <= 16 ? " " + Arrays.toString(data) : "");
    }
}
