package org.sgdlab.nn.autodiff;

import org.sgdlab.nn.tensor.Shape;

/**
 * The same entries under another shape of the same size. It shares every buffer with its input (value, adjoint,
 * tangent, adjoint tangent), so all four passes are empty: consumers of the reshape accumulate straight into the
 * input's adjoint.
 */
final class Reshape extends Node {
    Reshape(Node x, Shape shape) {
        super("reshape", checked(x, shape), x);
    }

    private static Shape checked(Node x, Shape shape) {
        if (shape.size() != x.shape.size()) {
            throw new IllegalArgumentException("reshape: cannot view " + x.shape + " (" + x.shape.size() + " entries) as "
                    + shape + " (" + shape.size() + " entries)");
        }
        return shape;
    }

    @Override
    void allocate() {
        value = inputs[0].value;
        grad = inputs[0].grad;
    }

    @Override
    void allocateSecondOrder() {
        tangent = inputs[0].tangent;
        gradTangent = inputs[0].gradTangent;
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
