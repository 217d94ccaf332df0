package org.sgdlab.theory;

import org.sgdlab.random.RandomStream;

/** Random starting points and offsets of the rate claims (gd, adagrad families). */
public final class Starts {
    private Starts() {
    }

    /**
     * A new vector of {@code d} entries {@code scale·N(0, 1)}, drawn one by one with {@link RandomStream#nextGaussian()}
     * (advances {@code r}).
     */
    public static double[] gaussian(int d, RandomStream r, double scale) {
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = scale * r.nextGaussian();
        }
        return w;
    }
}
