package org.sgdlab.probe;

import org.sgdlab.objective.Objective;

/** One measured quantity, recorded by the trainer at the probe steps. */
public interface Probe {
    /** The column name in the trace. */
    String name();

    /**
     * The value at {@code step} for parameters {@code w} (read only; a probe must not modify it).
     * Called only at probe steps, so it may allocate and do O(n·d) work.
     */
    double measure(long step, double[] w, Objective objective);

    /** A probe from a name and a function. */
    static Probe of(String name, Measure f) {
        return new Probe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double measure(long step, double[] w, Objective objective) {
                return f.measure(step, w, objective);
            }
        };
    }

    /** The function behind {@link #of}. */
    @FunctionalInterface
    interface Measure {
        double measure(long step, double[] w, Objective objective);
    }
}
