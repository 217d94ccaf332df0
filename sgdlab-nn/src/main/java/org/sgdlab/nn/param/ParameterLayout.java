package org.sgdlab.nn.param;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sgdlab.geometry.Partition;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.optim.Transform;

/**
 * The parameters of a network as named blocks of one flat {@code double[]}, in the order they were added (each block
 * row-major, blocks back to back). Because the vector is flat, every optimizer chain of sgdlab trains a network
 * unchanged; {@link #partitionBlock} and {@link #partition} give {@link Partition}'s per-block routing by name. Immutable.
 */
public final class ParameterLayout {
    private final List<ParameterBlock> blocks;
    private final Map<String, ParameterBlock> byName;
    private final int size;

    private ParameterLayout(List<ParameterBlock> blocks) {
        this.blocks = List.copyOf(blocks);
        this.byName = new LinkedHashMap<>();
        int s = 0;
        for (ParameterBlock b : this.blocks) {
            byName.put(b.name(), b);
            s = b.end();
        }
        this.size = s;
    }

    /** A builder adding blocks back to back from offset 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** The total number of parameters. */
    public int size() {
        return size;
    }

    /** The blocks in storage order. */
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    /** True when a block is called {@code name}. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** The block called {@code name}. */
    public ParameterBlock block(String name) {
        ParameterBlock b = byName.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no parameter called \"" + name + "\"; parameters are " + byName.keySet());
        }
        return b;
    }

    /** The entries of block {@code name} of {@code params} (a copy; {@code params} is read only). */
    public double[] get(double[] params, String name) {
        requireLength(params);
        ParameterBlock b = block(name);
        double[] out = new double[b.size()];
        System.arraycopy(params, b.offset(), out, 0, b.size());
        return out;
    }

    /** Copies {@code values} into block {@code name} of {@code params} (modified). */
    public void setInPlace(double[] params, String name, double[] values) {
        requireLength(params);
        ParameterBlock b = block(name);
        if (values.length != b.size()) {
            throw new IllegalArgumentException("parameter " + name + " has " + b.size() + " entries, got " + values.length);
        }
        System.arraycopy(values, 0, params, b.offset(), b.size());
    }

    /** Checks that {@code params} has {@link #size()} entries. */
    public void requireLength(double[] params) {
        if (params.length != size) {
            throw new IllegalArgumentException("parameter vector has " + params.length + " entries, the layout needs " + size);
        }
    }

    /** The {@link Partition} block routing parameter {@code name} to {@code transform} (a matrix block for rank 2). */
    public Partition.Block partitionBlock(String name, Transform transform) {
        ParameterBlock b = block(name);
        return b.isMatrix() ? Partition.Block.matrix(b.offset(), b.rows(), b.cols(), transform)
                : new Partition.Block(b.offset(), b.size(), transform);
    }

    /**
     * A {@link Partition} sending each named block to its transform and every other parameter to {@code rest}. The
     * blocks are listed in layout order whatever the map's iteration order, so the partition (its description, the
     * learning rate it reports) is the same for equal maps.
     */
    public Partition partition(Map<String, Transform> byBlock, Transform rest) {
        for (String name : byBlock.keySet()) {
            block(name);
        }
        List<Partition.Block> parts = new ArrayList<>();
        for (ParameterBlock b : blocks) {
            Transform t = byBlock.get(b.name());
            if (t != null) {
                parts.add(partitionBlock(b.name(), t));
            }
        }
        return new Partition(parts, rest);
    }

    @Override
    public String toString() {
        return "ParameterLayout" + blocks + " (" + size + " parameters)";
    }

    /** Adds blocks back to back. */
    public static final class Builder {
        private final List<ParameterBlock> blocks = new ArrayList<>();
        private final Map<String, Boolean> names = new LinkedHashMap<>();
        private long next;

        private Builder() {
        }

        /** Adds block {@code name} of shape {@code dims} after the previous ones. */
        public Builder add(String name, int... dims) {
            return add(name, Shape.of(dims));
        }

        /** Adds block {@code name} of shape {@code shape} after the previous ones. */
        public Builder add(String name, Shape shape) {
            Objects.requireNonNull(shape, "shape");
            if (names.put(name, Boolean.TRUE) != null) {
                throw new IllegalArgumentException("duplicate parameter name \"" + name + "\"");
            }
            if (next + shape.size() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("more than 2^31 parameters adding " + name + shape);
            }
            blocks.add(new ParameterBlock(name, shape, (int) next));
            next += shape.size();
            return this;
        }

        public ParameterLayout build() {
            if (blocks.isEmpty()) {
                throw new IllegalArgumentException("a parameter layout needs at least one block");
            }
            return new ParameterLayout(blocks);
        }
    }
}
