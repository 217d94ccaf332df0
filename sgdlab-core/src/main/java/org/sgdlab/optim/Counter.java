package org.sgdlab.optim;

import org.sgdlab.train.checkpoint.StateFields;

/** The state of transforms that keep only a step counter t (number of completed updates). */
final class Counter implements State {
    long step;
    double last;

    @Override
    public void fields(StateFields f) {
        step = f.longValue("step", step);
        last = f.doubleValue("last_lr", last);
    }

    @Override
    public State copy() {
        Counter c = new Counter();
        c.step = step;
        c.last = last;
        return c;
    }
}
