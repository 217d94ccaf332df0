package org.sgdlab.train;

/** A run produced a non-finite parameter (NaN or ±∞); names the step and the step size that caused it. */
public class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long step;
    private final double learningRate;

    public DivergenceException(long step, double learningRate, String detail) {
        super("run diverged at step " + step + " (learning rate " + learningRate + "): " + detail);
        this.step = step;
        this.learningRate = learningRate;
    }

    /** The step whose update produced the non-finite value. */
    public long step() {
        return step;
    }

    /** The step size applied at that step (NaN when the optimizer has none). */
    public double learningRate() {
        return learningRate;
    }
}
