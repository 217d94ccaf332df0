package org.sgdlab.geometry;

import java.util.Objects;
import java.util.OptionalDouble;
import org.sgdlab.optim.Schedule;
import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * Mirror descent (Nemirovski &amp; Yudin 1983; Beck &amp; Teboulle 2003; 002 §8.1.1 eq. (8.3)):
 * ∇R(w') = ∇R(w) − η_t g, output u = w' − w (the trainer then sets w ← w + u). Put it at the head of a
 * chain: it consumes the gradient and includes the learning rate (t counted in the state). By 002
 * Thm 8.1.2, on realizable least squares the limit (if it interpolates) is argmin D_R(w, w₀) over the
 * interpolating set. Uses {@link Potential#mirrorStep}, so ½‖·‖²₂ gives gradient descent bit for bit.
 */
public final class MirrorDescent implements Transform {
    private final Potential potential;
    private final Schedule schedule;

    public MirrorDescent(Potential potential, Schedule schedule) {
        this.potential = Objects.requireNonNull(potential, "potential");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    public Potential potential() {
        return potential;
    }

    @Override
    public State init(double[] params) {
        potential.checkDomain(params);
        return new MdState(potential.workspaceSize(params.length));
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        MdState s = (MdState) state;
        double eta = schedule.at(s.step);
        if (!(eta >= 0)) {
            throw new IllegalArgumentException("learning rate must be ≥ 0, got " + eta + " at step " + s.step);
        }
        s.last = eta;
        s.step++;
        potential.mirrorStep(params, updates, eta, updates, s.work);
    }

    @Override
    public OptionalDouble lastLearningRate(State state) {
        MdState s = (MdState) state;
        return OptionalDouble.of(s.step == 0 ? schedule.at(0) : s.last);
    }

    @Override
    public String describe() {
        return "mirror-descent(" + potential.describe() + ", lr=" + schedule.describe() + ")";
    }

    private static final class MdState implements State {
        final double[] work;
        long step;
        double last;

        MdState(int w) {
            work = new double[w];
        }

        @Override
        public void fields(StateFields f) {
            step = f.longValue("step", step);
            last = f.doubleValue("last_lr", last);
        }

        @Override
        public State copy() {
            MdState c = new MdState(work.length);
            c.step = step;
            c.last = last;
            return c;
        }
    }
}
