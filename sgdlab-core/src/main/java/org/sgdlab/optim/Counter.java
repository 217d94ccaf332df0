package org.sgdlab.optim;

/** The state of transforms that keep only a step counter t (number of completed updates). */
final class Counter implements State {
    long step;
    double last;

    @Override
    public State copy() {
        Counter c = new Counter();
        c.step = step;
        c.last = last;
        return c;
    }
}
