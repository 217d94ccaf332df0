package org.sgdlab.nn.autodiff;

import org.sgdlab.nn.tensor.Shape;

/** y = x[…, start:end, …] along one axis (end exclusive). Linear: the adjoint adds into that range of x̄. */
final class Slice extends Node {
    private final int outer;
    private final int inner;
    private final int inAxis;
    private final int start;
    private final int len;

    Slice(Node x, int axis, int start, int end) {
        super("slice", sliced(x.shape, axis, start, end), x);
        int a = x.shape.normalizeAxis(axis);
        int o = 1;
        for (int t = 0; t < a; t++) {
            o *= x.shape.dim(t);
        }
        int in = 1;
        for (int t = a + 1; t < x.shape.rank(); t++) {
            in *= x.shape.dim(t);
        }
        this.outer = o;
        this.inner = in;
        this.inAxis = x.shape.dim(a);
        this.start = start;
        this.len = end - start;
    }

    private static Shape sliced(Shape in, int axis, int start, int end) {
        int a = in.normalizeAxis(axis);
        if (start < 0 || end > in.dim(a) || start >= end) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") is empty or outside axis " + axis
                    + " of size " + in.dim(a) + " (shape " + in + ")");
        }
        return in.withDim(a, end - start);
    }

    private void copy(double[] from, double[] to) {
        int block = len * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(from, (o * inAxis + start) * inner, to, o * block, block);
        }
    }

    private void addBack(double[] from, double[] to) {
        int block = len * inner;
        for (int o = 0; o < outer; o++) {
            int src = o * block;
            int dst = (o * inAxis + start) * inner;
            for (int t = 0; t < block; t++) {
                to[dst + t] += from[src + t];
            }
        }
    }

    @Override
    protected void forward() {
        copy(inputs[0].value, value);
    }

    @Override
    protected void backward() {
        addBack(grad, inputs[0].grad);
    }

    @Override
    protected void tangent() {
        copy(inputs[0].tangent, tangent);
    }

    @Override
    protected void backwardTangent() {
        addBack(gradTangent, inputs[0].gradTangent);
    }
}
