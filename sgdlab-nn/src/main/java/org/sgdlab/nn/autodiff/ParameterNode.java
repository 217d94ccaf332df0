package org.sgdlab.nn.autodiff;

import org.sgdlab.nn.param.ParameterBlock;

/** A leaf holding one parameter block; the graph copies the block in from the flat vector and its adjoint out. */
final class ParameterNode extends Node {
    final ParameterBlock block;

    ParameterNode(ParameterBlock block) {
        super("parameter " + block.name(), block.shape(), true);
        this.block = block;
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
