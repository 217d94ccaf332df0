package org.sgdlab.nn.autodiff;

import org.sgdlab.nn.tensor.Shape;

/**
 * y_k = x[i_k1, …, i_kr]: the entries of x (rank r) at the multi-indices given by the rows of a data node
 * index [m, r] (integers stored as doubles; they may repeat). Matrix completion reads the observed entries of a
 * product this way, with the observations a minibatch can choose. Linear in x: x̄[i_k] += ȳ_k, and the same for the
 * tangents; the index is data, never differentiated. A non-integer or out-of-range index fails the forward pass with
 * its row and value.
 */
final class Entries extends Node {
    private final int[] strides;
    private final int[] dims;

    Entries(Node x, Node index) {
        super("entries", Shape.of(rows(x, index)), x.differentiable, x, index);
        this.strides = x.shape.strides();
        this.dims = x.shape.dims();
    }

    private static int rows(Node x, Node index) {
        if (index.differentiable) {
            throw new IllegalArgumentException("entries: the index must be data, not a function of the parameters: " + index);
        }
        if (index.shape.rank() != 2 || index.shape.dim(1) != x.shape.rank()) {
            throw new IllegalArgumentException("entries: index must have shape [m, " + x.shape.rank() + "] for x of shape "
                    + x.shape + ", got " + index.shape);
        }
        return index.shape.dim(0);
    }

    /** The flat position in x of index row k (validated). */
    private int flat(double[] index, int k) {
        int r = dims.length;
        int pos = 0;
        for (int a = 0; a < r; a++) {
            double v = index[k * r + a];
            int i = (int) v;
            if (i != v || i < 0 || i >= dims[a]) {
                throw new IllegalArgumentException("entries: index row " + k + " has " + v + " on axis " + a
                        + ", which must be an integer in 0.." + (dims[a] - 1));
            }
            pos += i * strides[a];
        }
        return pos;
    }

    @Override
    protected void forward() {
        double[] x = inputs[0].value;
        double[] index = inputs[1].value;
        for (int k = 0; k < size; k++) {
            value[k] = x[flat(index, k)];
        }
    }

    @Override
    protected void backward() {
        double[] xbar = inputs[0].grad;
        double[] index = inputs[1].value;
        for (int k = 0; k < size; k++) {
            xbar[flat(index, k)] += grad[k];
        }
    }

    @Override
    protected void tangent() {
        double[] xdot = inputs[0].tangent;
        double[] index = inputs[1].value;
        for (int k = 0; k < size; k++) {
            tangent[k] = xdot[flat(index, k)];
        }
    }

    @Override
    protected void backwardTangent() {
        double[] rx = inputs[0].gradTangent;
        double[] index = inputs[1].value;
        for (int k = 0; k < size; k++) {
            rx[flat(index, k)] += gradTangent[k];
        }
    }
}
