package org.sgdlab.geometry;

import java.util.Objects;
import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * Maps the incoming gradient g to a steepest direction under a {@link Norm}. Two conventions:
 * <ul>
 *   <li>{@link #dualize(Norm)}: updates ← sharp(g), a unit step (‖update‖ = 1). This is the
 *   "dualization" of Bernstein &amp; Newhouse (2024) / modula and the normalized direction φ of source 004:
 *   followed by {@code ScaleByLearningRate} it gives w ← w − η φ with ‖η φ‖ = η (SignSGD for ℓ∞,
 *   pbSGD for ℓp, Muon for the spectral norm).</li>
 *   <li>{@link #steepest(Norm)}: updates ← ‖g‖_* · sharp(g). This is the steepest-descent step of
 *   002 eq. (8.5)/(8.27): Δw = argmin_v ⟨g, v⟩ + ½‖v‖² = −‖g‖_* sharp(g), so with the learning rate
 *   w ← w − η ‖g‖_* sharp(g) (for ℓ2 exactly GD; for ℓ1 greedy coordinate descent −η g_j e_j).</li>
 * </ul>
 * Allocation-free after {@link #init}: the state holds the output buffer and the norm's workspace.
 */
public final class Dualize implements Transform {
    private final Norm norm;
    private final boolean scaleByDual;

    private Dualize(Norm norm, boolean scaleByDual) {
        this.norm = Objects.requireNonNull(norm, "norm");
        this.scaleByDual = scaleByDual;
    }

    /** updates ← sharp(g) (unit step; modula convention). */
    public static Dualize dualize(Norm norm) {
        return new Dualize(norm, false);
    }

    /** updates ← ‖g‖_* · sharp(g) (steepest descent of 002 §8.1.1/§8.3.2). */
    public static Dualize steepest(Norm norm) {
        return new Dualize(norm, true);
    }

    public Norm norm() {
        return norm;
    }

    public boolean scalesByDual() {
        return scaleByDual;
    }

    @Override
    public State init(double[] params) {
        int req = norm.requiredLength();
        if (req >= 0 && req != params.length) {
            throw new IllegalArgumentException("norm " + norm.describe() + " needs " + req
                    + " parameters, got length " + params.length);
        }
        return new Buffers(params.length, norm.workspaceSize(params.length));
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        Buffers b = (Buffers) state;
        double dual = norm.sharpInto(updates, b.out, b.work);
        double scale = scaleByDual ? dual : 1.0;
        for (int i = 0; i < updates.length; i++) {
            updates[i] = scale * b.out[i];
        }
    }

    @Override
    public String describe() {
        return (scaleByDual ? "steepest(" : "dualize(") + norm.describe() + ")";
    }

    private static final class Buffers implements State {
        final double[] out;
        final double[] work;

        Buffers(int n, int w) {
            out = new double[n];
            work = new double[w];
        }

        @Override
        public void fields(StateFields f) {
            // scratch only (see copy): nothing survives a step
        }

        @Override
        public State copy() {
            // buffers are scratch only: nothing in them survives a step, so a fresh pair is a faithful copy
            return new Buffers(out.length, work.length);
        }
    }
}
