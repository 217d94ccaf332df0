package org.sgdlab.nn.autodiff;

import org.sgdlab.nn.tensor.Shape;

/** A leaf holding data (inputs, targets, constants): set from outside, not differentiated. */
final class InputNode extends Node {
    final String name;
    private final double[] constant;

    /** An input filled per run through {@link Graph#input(String)}; {@code constant} fixes it once (may be null). */
    InputNode(String name, Shape shape, double[] constant) {
        super(constant == null ? "input " + name : "constant", shape, false);
        this.name = name;
        this.constant = constant;
    }

    /** A constant's buffer is its (builder-made, private) array itself: never written after the build. */
    @Override
    void allocate() {
        if (constant != null) {
            value = constant;
        } else {
            super.allocate();
        }
    }

    /** True for a constant (fixed at the build), false for an input filled per run. */
    boolean isConstant() {
        return constant != null;
    }

    @Override
    protected void forward() {
    }

    @Override
    protected void backward() {
    }

    @Override
    protected void tangent() {
    }

    @Override
    protected void backwardTangent() {
    }
}
