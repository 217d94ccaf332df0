package org.sgdlab.cli;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a spec: plain values only, so that a run can be shipped to another process (the Spark module distributes
 * {@link SpecRunner#run} over these).
 *
 * @param index    the run's number in the spec's order (0-based)
 * @param settings the swept {@code sgdlab train} options and this run's values, in the spec's order (copied)
 * @param seed     the run's seed (train's --seed: sampler and random init)
 * @param steps    T
 */
record SpecRunConfig(int index, Map<String, String> settings, long seed, long steps) implements Serializable {
    SpecRunConfig {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** "lr=0.1, batch=4, seed=2": the run's label in tables and messages. */
    String label() {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(k).append('=').append(v).append(", "));
        return sb.append("seed=").append(seed).toString();
    }

    /** "run3": the run's trace name. */
    String traceName() {
        return "run" + index;
    }
}
