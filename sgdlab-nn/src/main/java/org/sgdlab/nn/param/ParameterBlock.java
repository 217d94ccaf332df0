package org.sgdlab.nn.param;

import java.util.Objects;
import org.sgdlab.nn.tensor.Shape;

/**
 * One named parameter tensor stored row-major in the flat parameter vector at [offset, offset + size). A matrix
 * block of shape [rows, cols] is exactly what {@code org.sgdlab.geometry.Partition.Block.matrix(offset, rows, cols, t)}
 * routes to a matrix optimizer (Muon, Stiefel).
 *
 * @param name   unique within its layout, e.g. {@code W1}
 * @param shape  the tensor's shape
 * @param offset the index of its first entry in the flat vector
 */
public record ParameterBlock(String name, Shape shape, int offset) {
    public ParameterBlock {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        if (name.isBlank()) {
            throw new IllegalArgumentException("parameter name must not be blank, got \"" + name + "\"");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("parameter offset must be >= 0, got " + offset + " for " + name);
        }
    }

    /** The number of entries. */
    public int size() {
        return shape.size();
    }

    /** One past the last index. */
    public int end() {
        return offset + shape.size();
    }

    /** Rows of a matrix block: dim 0 of a rank-2 shape. */
    public int rows() {
        requireMatrix();
        return shape.dim(0);
    }

    /** Columns of a matrix block: dim 1 of a rank-2 shape. */
    public int cols() {
        requireMatrix();
        return shape.dim(1);
    }

    /** True for rank-2 blocks. */
    public boolean isMatrix() {
        return shape.rank() == 2;
    }

    private void requireMatrix() {
        if (shape.rank() != 2) {
            throw new IllegalArgumentException("parameter " + name + " is not a matrix: shape " + shape);
        }
    }

    @Override
    public String toString() {
        return name + shape + "@" + offset;
    }
}
