package org.sgdlab.theory.nesterov;

import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * The textbook look-ahead form of Nesterov's method for strongly convex f (Nesterov, Introductory Lectures,
 * scheme (2.2.19) with constant momentum; the corrected form of 002 §2.3's implicitly printed update):
 * x_{t+1} = y_t − η∇f(y_t), y_{t+1} = x_{t+1} + μ(x_{t+1} − x_t), x₀ = y₀. The trainer's parameters are y_t;
 * the state holds x_t. Claim-local: used to check that the library's torch-form {@code Optimizers.nesterov}
 * (b ← μb + g, w ← w − η(g + μb)) produces the same iterates y_t.
 */
final class LookAheadNesterov implements Transform {
    private final double eta;
    private final double mu;

    LookAheadNesterov(double eta, double mu) {
        this.eta = eta;
        this.mu = mu;
    }

    @Override
    public State init(double[] params) {
        return new X(params.clone());
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        double[] x = ((X) state).x;
        for (int i = 0; i < params.length; i++) {
            double xNext = params[i] - eta * updates[i];
            double yNext = xNext + mu * (xNext - x[i]);
            x[i] = xNext;
            updates[i] = yNext - params[i];
        }
    }

    @Override
    public String describe() {
        return "look-ahead-nesterov(lr=" + eta + ", mu=" + mu + ")";
    }

    private static final class X implements State {
        final double[] x;

        X(double[] x) {
            this.x = x;
        }

        @Override
        public void fields(StateFields f) {
            f.doubles("x", x);
        }

        @Override
        public State copy() {
            return new X(x.clone());
        }
    }
}
