package org.sgdlab.nn.autodiff;

import org.sgdlab.random.RandomStream;

/**
 * Inverted dropout y = x ⊙ M with Mᵢ = 1/(1 − p) with probability 1 − p and 0 otherwise (Srivastava et al. 2014,
 * 002 ch. 11). The mask is a constant of the graph until {@link #resampleInPlace()} draws the next one from the
 * node's own {@link RandomStream} (entry i kept when the i-th uniform draw is ≥ p), so the same seed gives the same
 * sequence of masks, and gradients, HVPs and finite differences between two resamplings all see one fixed function.
 * Linear in x: ẏ = M ⊙ ẋ, x̄ += M ⊙ ȳ.
 */
final class Dropout extends Node {
    private final double p;
    private final double keepScale;
    private final RandomStream stream;
    private final double[] mask;
    /** Masks drawn so far (the first at construction): a changed count is a changed mask ({@link LinearizationPoint}). */
    private long draws;

    Dropout(Node x, double p, long seed) {
        super("dropout(" + p + ")", x.shape, x);
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
        this.keepScale = 1.0 / (1.0 - p);
        this.stream = new RandomStream(seed);
        this.mask = new double[size];
        resampleInPlace();
    }

    /** Draws the next mask. */
    void resampleInPlace() {
        for (int i = 0; i < size; i++) {
            mask[i] = stream.nextDouble() >= p ? keepScale : 0.0;
        }
        draws++;
    }

    /** The number of masks drawn so far. */
    long draws() {
        return draws;
    }

    /** The current mask (a copy). */
    double[] mask() {
        return mask.clone();
    }

    @Override
    protected boolean couplesExamples() {
        // the mask is drawn for the whole batch: a batch of one would see other draws
        return true;
    }

    @Override
    protected void forward() {
        double[] x = inputs[0].value;
        for (int i = 0; i < size; i++) {
            value[i] = x[i] * mask[i];
        }
    }

    @Override
    protected void backward() {
        double[] xbar = inputs[0].grad;
        for (int i = 0; i < size; i++) {
            xbar[i] += grad[i] * mask[i];
        }
    }

    @Override
    protected void tangent() {
        double[] xdot = inputs[0].tangent;
        for (int i = 0; i < size; i++) {
            tangent[i] = xdot[i] * mask[i];
        }
    }

    @Override
    protected void backwardTangent() {
        double[] rx = inputs[0].gradTangent;
        for (int i = 0; i < size; i++) {
            rx[i] += gradTangent[i] * mask[i];
        }
    }
}
