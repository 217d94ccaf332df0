package org.sgdlab.geometry;

import java.util.Objects;
import java.util.OptionalDouble;
import org.sgdlab.optim.Schedule;
import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * One Riemannian gradient step on a {@link Manifold}, as a transform at the head of a chain
 * (Absil, Mahony &amp; Sepulchre 2008, ch. 4, gradient descent with a retraction and a fixed step; source 004 for the sphere):
 * <ol>
 *   <li>ξ = P_w(g) (tangent projection), or, when {@code normalized}, ξ = φ, the steepest unit tangent
 *   direction in the manifold's norm ({@link Manifold#steepestTangent});</li>
 *   <li>step = −η_t ξ, with η_t from the schedule and t counted in the state;</li>
 *   <li>w' = R_w(step) (retraction);</li>
 *   <li>output u = w' − w.</li>
 * </ol>
 * The trainer then sets w ← w + u. <b>Rounding:</b> w + (w' − w) is not always exactly w' in floating
 * point; each coordinate can be off by about one ulp of max(|w_i|, |w'_i|). Since the next step
 * retracts again from the stored w, the error does not accumulate: ‖w‖ stays within a few ulps of 1
 * on the spheres (the tests require 1e-14 over 1000 steps) and ‖WᵀW − I‖ within 1e-13 on Stiefel.
 * Start from a point on the manifold ({@link Manifold#project}); {@link #init} rejects a w₀ whose
 * {@link Manifold#violation} exceeds 1e-8.
 */
public final class RiemannianStep implements Transform {
    private final Manifold manifold;
    private final Schedule schedule;
    private final boolean normalized;

    public RiemannianStep(Manifold manifold, Schedule schedule, boolean normalized) {
        this.manifold = Objects.requireNonNull(manifold, "manifold");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.normalized = normalized;
    }

    public Manifold manifold() {
        return manifold;
    }

    public boolean normalized() {
        return normalized;
    }

    @Override
    public State init(double[] params) {
        int req = manifold.requiredLength();
        if (req >= 0 && req != params.length) {
            throw new IllegalArgumentException(manifold.describe() + " needs " + req + " parameters, got length " + params.length);
        }
        double v = manifold.violation(params);
        if (!(v <= 1e-8)) {
            throw new IllegalArgumentException("initial parameters are off " + manifold.describe()
                    + " (violation " + v + "); project them first");
        }
        return new StepState(params.length, manifold.workspaceSize(params.length));
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        StepState s = (StepState) state;
        double eta = schedule.at(s.step);
        if (!(eta >= 0)) {
            throw new IllegalArgumentException("learning rate must be ≥ 0, got " + eta + " at step " + s.step);
        }
        s.last = eta;
        s.step++;
        double[] xi = s.xi;
        if (normalized) {
            manifold.steepestTangent(params, updates, xi, s.work);
        } else {
            manifold.toTangent(params, updates, xi, s.work);
        }
        for (int i = 0; i < xi.length; i++) {
            xi[i] *= -eta;
        }
        manifold.retract(params, xi, s.next, s.work);
        for (int i = 0; i < updates.length; i++) {
            updates[i] = s.next[i] - params[i];
        }
    }

    @Override
    public OptionalDouble lastLearningRate(State state) {
        StepState s = (StepState) state;
        return OptionalDouble.of(s.step == 0 ? schedule.at(0) : s.last);
    }

    @Override
    public String describe() {
        return "riemannian(" + manifold.describe() + ", lr=" + schedule.describe() + (normalized ? ", normalized" : "") + ")";
    }

    private static final class StepState implements State {
        final double[] xi;
        final double[] next;
        final double[] work;
        long step;
        double last;

        StepState(int n, int w) {
            xi = new double[n];
            next = new double[n];
            work = new double[w];
        }

        /** The step count and last step size; xi, next and work are scratch (see copy). */
        @Override
        public void fields(StateFields f) {
            step = f.longValue("step", step);
            last = f.doubleValue("last_lr", last);
        }

        @Override
        public State copy() {
            StepState c = new StepState(xi.length, work.length);
            c.step = step;
            c.last = last;
            return c;
        }
    }
}
