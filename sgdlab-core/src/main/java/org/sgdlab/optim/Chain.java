package org.sgdlab.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.sgdlab.train.checkpoint.StateFields;

/** Transforms applied in sequence: the updates leaving one are the updates entering the next (optax {@code chain}). */
public final class Chain implements Transform {
    private final Transform[] parts;
    private final String name;

    private Chain(String name, Transform[] parts) {
        this.name = name;
        this.parts = parts.clone();
        if (parts.length == 0) {
            throw new IllegalArgumentException("a chain needs at least one transform");
        }
    }

    /** chain(t₁, …, t_k). */
    public static Chain of(Transform... parts) {
        return new Chain(null, parts);
    }

    /** A chain that describes itself by {@code name} (named optimizers). */
    public static Chain named(String name, Transform... parts) {
        return new Chain(name, parts);
    }

    /** The transforms, in order. */
    public List<Transform> parts() {
        return List.of(parts);
    }

    @Override
    public State init(double[] params) {
        State[] states = new State[parts.length];
        for (int i = 0; i < parts.length; i++) {
            states[i] = parts[i].init(params);
        }
        return new ChainState(states);
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        State[] states = ((ChainState) state).states;
        for (int i = 0; i < parts.length; i++) {
            parts[i].updateInPlace(updates, states[i], params);
        }
    }

    @Override
    public OptionalDouble lastLearningRate(State state) {
        State[] states = ((ChainState) state).states;
        for (int i = 0; i < parts.length; i++) {
            OptionalDouble lr = parts[i].lastLearningRate(states[i]);
            if (lr.isPresent()) {
                return lr;
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * True for a chain of one plain-SGD transform. Not for longer chains, even of plain-SGD parts only: k factors
     * round k times per entry, which one factor −η_t read off a 1-vector would not reproduce bit for bit.
     */
    @Override
    public boolean isPlainSgd() {
        return parts.length == 1 && parts[0].isPlainSgd();
    }

    @Override
    public String describe() {
        if (name != null) {
            return name;
        }
        List<String> s = new ArrayList<>();
        for (Transform t : parts) {
            s.add(t.describe());
        }
        return "chain(" + String.join(", ", s) + ")";
    }

    private static final class ChainState implements State {
        private final State[] states;

        ChainState(State[] states) {
            this.states = states;
        }

        @Override
        public void fields(StateFields f) {
            for (int i = 0; i < states.length; i++) {
                f.nested(Integer.toString(i), states[i]);
            }
        }

        @Override
        public State copy() {
            State[] c = new State[states.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = states[i].copy();
            }
            return new ChainState(c);
        }
    }
}
