package org.sgdlab.optim;

/**
 * A step-size schedule η_t as a function of the step t = 0, 1, 2, …; the counter lives in the
 * state of the transform that uses it ({@link ScaleByLearningRate}).
 */
@FunctionalInterface
public interface Schedule {
    /** η_t. */
    double at(long step);

    /** A one-line description. */
    default String describe() {
        return "custom";
    }
}
