package org.sgdlab.optim;

import java.util.OptionalDouble;

/**
 * A gradient transformation in the style of optax ({@code optax/_src/base.py}): {@code init}
 * creates the state from the initial parameters, {@code update} maps incoming updates (at the head
 * of a chain: the gradient) to outgoing updates. The trainer then applies w ← w + updates.
 *
 * <p>A transform holds only hyperparameters; everything that changes lives in its {@link State}.
 * {@code updateInPlace} overwrites its {@code updates} argument and advances {@code state}; it must
 * not modify {@code params}. Named optimizers are factories returning chains ({@link Optimizers}).
 */
public interface Transform {
    /** The initial state for parameters {@code params} (read only). */
    State init(double[] params);

    /**
     * Transforms {@code updates} in place (in: the incoming updates; out: the outgoing ones) and
     * advances {@code state}. {@code params} are the current parameters, read only.
     */
    void updateInPlace(double[] updates, State state, double[] params);

    /** The step size this transform applied at its last update, if it has one (used in divergence reports). */
    default OptionalDouble lastLearningRate(State state) {
        return OptionalDouble.empty();
    }

    /** A one-line description with hyperparameters, e.g. {@code sgd(lr=0.1)}. */
    String describe();

    /**
     * True when this transform is plain SGD, w ← w − η_t g: {@code updateInPlace} multiplies every entry by one
     * factor −η_t (one rounding per entry) that depends only on the step count in the state, not on the updates, the
     * parameters or their length. Then applying it to the 1-vector (1) yields −η_t and advances the state exactly as
     * the full-length update would, which lets the trainer fuse the step into the objective
     * ({@link org.sgdlab.objective.FusedSampleStep}). False by default.
     */
    default boolean isPlainSgd() {
        return false;
    }
}
