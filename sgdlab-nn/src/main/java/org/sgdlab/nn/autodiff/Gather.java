package org.sgdlab.nn.autodiff;

import java.util.Arrays;
import org.sgdlab.nn.tensor.Shape;

/**
 * y_k = x[index_k] by flat index (observed entries of a matrix in matrix completion; index may repeat). Linear:
 * x̄[index_k] += ȳ_k.
 */
final class Gather extends Node {
    private final int[] index;

    Gather(Node x, int[] index) {
        super("gather", Shape.of(checkedLength(index)), x);
        this.index = index.clone();
        for (int k = 0; k < index.length; k++) {
            if (index[k] < 0 || index[k] >= x.size) {
                throw new IllegalArgumentException("gather: index " + index[k] + " at position " + k
                        + " is out of range for " + x.shape + " (" + x.size + " entries)");
            }
        }
    }

    private static int checkedLength(int[] index) {
        if (index.length == 0) {
            throw new IllegalArgumentException("gather: needs at least one index, got " + Arrays.toString(index));
        }
        return index.length;
    }

    @Override
    protected void forward() {
        double[] x = inputs[0].value;
        for (int k = 0; k < size; k++) {
            value[k] = x[index[k]];
        }
    }

    @Override
    protected void backward() {
        double[] xbar = inputs[0].grad;
        for (int k = 0; k < size; k++) {
            xbar[index[k]] += grad[k];
        }
    }

    @Override
    protected void tangent() {
        double[] xdot = inputs[0].tangent;
        for (int k = 0; k < size; k++) {
            tangent[k] = xdot[index[k]];
        }
    }

    @Override
    protected void backwardTangent() {
        double[] rx = inputs[0].gradTangent;
        for (int k = 0; k < size; k++) {
            rx[index[k]] += gradTangent[k];
        }
    }
}
