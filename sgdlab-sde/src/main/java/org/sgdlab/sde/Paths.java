package org.sgdlab.sde;

import java.util.function.ToDoubleFunction;

/**
 * The end points of simulated paths: {@code finals[p·d + i]} is coordinate i of X_T on path p, and
 * {@code brownianEnds[p·m + j]} is W_T,j on the same path (the sum of its increments, for strong-error comparisons
 * with exact solutions driven by the same W). Arrays are shared, not copied.
 */
public record Paths(int paths, int dimension, int noiseDimension, double[] finals, double[] brownianEnds) {
    /** X_T of path p (a new array). */
    public double[] state(int p) {
        double[] x = new double[dimension];
        System.arraycopy(finals, p * dimension, x, 0, dimension);
        return x;
    }

    /** W_T of path p (a new array). */
    public double[] brownianEnd(int p) {
        double[] w = new double[noiseDimension];
        System.arraycopy(brownianEnds, p * noiseDimension, w, 0, noiseDimension);
        return w;
    }

    /** g(X_T) for every path, in path order. */
    public double[] values(ToDoubleFunction<double[]> g) {
        double[] v = new double[paths];
        for (int p = 0; p < paths; p++) {
            v[p] = g.applyAsDouble(state(p));
        }
        return v;
    }
}
