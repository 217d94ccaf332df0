package org.sgdlab.nn.autodiff;

import java.util.Arrays;
import org.sgdlab.nn.tensor.Shape;

/** Axis permutation y[i_{π(0)}, …] : output axis a is input axis π(a). Linear: the adjoint scatters back. */
final class Permute extends Node {
    /** For each output entry, the flat index of the input entry it copies. */
    private final int[] source;

    Permute(Node x, int[] perm) {
        super("permute" + Arrays.toString(perm), permuted(x.shape, perm), x);
        int r = perm.length;
        int[] inStrides = x.shape.strides();
        int[] dims = shape.dims();
        source = new int[size];
        int[] idx = new int[r];
        for (int o = 0; o < size; o++) {
            int f = 0;
            for (int a = 0; a < r; a++) {
                f += idx[a] * inStrides[perm[a]];
            }
            source[o] = f;
            for (int a = r - 1; a >= 0; a--) {
                if (++idx[a] < dims[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
    }

    private static Shape permuted(Shape in, int[] perm) {
        if (perm.length != in.rank()) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " does not permute the "
                    + in.rank() + " axes of " + in);
        }
        boolean[] seen = new boolean[perm.length];
        int[] d = new int[perm.length];
        for (int a = 0; a < perm.length; a++) {
            if (perm[a] < 0 || perm[a] >= perm.length || seen[perm[a]]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " is not a permutation of 0.."
                        + (perm.length - 1));
            }
            seen[perm[a]] = true;
            d[a] = in.dim(perm[a]);
        }
        return Shape.of(d);
    }

    @Override
    protected void forward() {
        double[] x = inputs[0].value;
        for (int o = 0; o < size; o++) {
            value[o] = x[source[o]];
        }
    }

    @Override
    protected void backward() {
        double[] xbar = inputs[0].grad;
        for (int o = 0; o < size; o++) {
            xbar[source[o]] += grad[o];
        }
    }

    @Override
    protected void tangent() {
        double[] xdot = inputs[0].tangent;
        for (int o = 0; o < size; o++) {
            tangent[o] = xdot[source[o]];
        }
    }

    @Override
    protected void backwardTangent() {
        double[] rx = inputs[0].gradTangent;
        for (int o = 0; o < size; o++) {
            rx[source[o]] += gradTangent[o];
        }
    }
}
