package org.sgdlab.objective;

import java.util.Objects;

/**
 * An objective that forwards every call of {@link Objective} to another one and implements nothing else. Wrapping
 * therefore hides the wrapped objective's capabilities (such as {@link FusedSampleStep}): the trainer then takes its
 * general step loop, which is how the fast paths are compared with their naive reference. Subclasses add
 * instrumentation (counting calls, say) by overriding single methods.
 */
public class ForwardingObjective implements Objective {
    private final Objective delegate;

    /** Forwards to {@code delegate} (not copied; calls see its current state). */
    public ForwardingObjective(Objective delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public int sampleCount() {
        return delegate.sampleCount();
    }

    @Override
    public double value(double[] w) {
        return delegate.value(w);
    }

    @Override
    public double gradient(double[] w, double[] out) {
        return delegate.gradient(w, out);
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        return delegate.minibatchGradient(w, batch, count, out);
    }

    @Override
    public void gradientOnly(double[] w, double[] out) {
        delegate.gradientOnly(w, out);
    }

    @Override
    public void minibatchGradientOnly(double[] w, int[] batch, int count, double[] out) {
        delegate.minibatchGradientOnly(w, batch, count, out);
    }
}
