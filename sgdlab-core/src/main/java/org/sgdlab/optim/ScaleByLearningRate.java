package org.sgdlab.optim;

import java.util.OptionalDouble;

/** updates ← −η_t · updates, with t counted in the state (optax {@code scale_by_learning_rate}). */
public final class ScaleByLearningRate implements Transform {
    private final Schedule schedule;

    public ScaleByLearningRate(Schedule schedule) {
        this.schedule = java.util.Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public State init(double[] params) {
        return new Counter();
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        Counter c = (Counter) state;
        double eta = schedule.at(c.step);
        c.last = eta;
        c.step++;
        for (int i = 0; i < updates.length; i++) {
            updates[i] *= -eta;
        }
    }

    @Override
    public OptionalDouble lastLearningRate(State state) {
        Counter c = (Counter) state;
        return c.step == 0 ? OptionalDouble.of(schedule.at(0)) : OptionalDouble.of(c.last);
    }

    /** True: −η_t from the schedule at the state's step count, one multiplication per entry. */
    @Override
    public boolean isPlainSgd() {
        return true;
    }

    @Override
    public String describe() {
        return "scale-by-lr(" + schedule.describe() + ")";
    }
}
