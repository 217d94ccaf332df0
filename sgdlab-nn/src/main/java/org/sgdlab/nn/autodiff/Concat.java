package org.sgdlab.nn.autodiff;

import org.sgdlab.nn.tensor.Shape;

/**
 * Concatenation along one axis; the other axes must agree. Linear: each input's adjoint is its range of ȳ. Inputs that
 * are not differentiable contribute a zero tangent.
 */
final class Concat extends Node {
    private final int outer;
    private final int inner;
    private final int outAxis;
    private final int[] starts;
    private final int[] lengths;

    Concat(Node[] parts, int axis) {
        super("concat", joined(parts, axis), parts);
        int a = parts[0].shape.normalizeAxis(axis);
        int o = 1;
        for (int t = 0; t < a; t++) {
            o *= shape.dim(t);
        }
        int in = 1;
        for (int t = a + 1; t < shape.rank(); t++) {
            in *= shape.dim(t);
        }
        this.outer = o;
        this.inner = in;
        this.outAxis = shape.dim(a);
        this.starts = new int[parts.length];
        this.lengths = new int[parts.length];
        int s = 0;
        for (int p = 0; p < parts.length; p++) {
            starts[p] = s;
            lengths[p] = parts[p].shape.dim(a);
            s += lengths[p];
        }
    }

    private static Shape joined(Node[] parts, int axis) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one input");
        }
        Shape first = parts[0].shape;
        int a = first.normalizeAxis(axis);
        long total = 0;
        for (Node p : parts) {
            Shape s = p.shape;
            boolean ok = s.rank() == first.rank();
            for (int t = 0; ok && t < s.rank(); t++) {
                ok = t == a || s.dim(t) == first.dim(t);
            }
            if (!ok) {
                throw new IllegalArgumentException("concat along axis " + axis + ": shapes " + first + " and " + s
                        + " differ off that axis");
            }
            total += s.dim(a);
        }
        return first.withDim(a, Math.toIntExact(total));
    }

    @Override
    protected void forward() {
        for (int p = 0; p < inputs.length; p++) {
            double[] x = inputs[p].value;
            int block = lengths[p] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x, o * block, value, (o * outAxis + starts[p]) * inner, block);
            }
        }
    }

    private void addBack(double[] ybar, int p, double[] xbar) {
        int block = lengths[p] * inner;
        for (int o = 0; o < outer; o++) {
            int src = (o * outAxis + starts[p]) * inner;
            int dst = o * block;
            for (int t = 0; t < block; t++) {
                xbar[dst + t] += ybar[src + t];
            }
        }
    }

    @Override
    protected void backward() {
        for (int p = 0; p < inputs.length; p++) {
            if (inputs[p].differentiable) {
                addBack(grad, p, inputs[p].grad);
            }
        }
    }

    @Override
    protected void tangent() {
        for (int p = 0; p < inputs.length; p++) {
            int block = lengths[p] * inner;
            double[] xdot = inputs[p].tangent;
            for (int o = 0; o < outer; o++) {
                int dst = (o * outAxis + starts[p]) * inner;
                if (xdot == null) {
                    java.util.Arrays.fill(tangent, dst, dst + block, 0.0);
                } else {
                    System.arraycopy(xdot, o * block, tangent, dst, block);
                }
            }
        }
    }

    @Override
    protected void backwardTangent() {
        for (int p = 0; p < inputs.length; p++) {
            if (inputs[p].differentiable) {
                addBack(gradTangent, p, inputs[p].gradTangent);
            }
        }
    }
}
