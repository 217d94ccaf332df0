package org.sgdlab.theory.adagrad;

import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;
import org.sgdlab.theory.StepLoop;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * 002 Thm 2.5.4 as printed (a known misprint): P_t = ‖∇̂²_{1:t}‖^{-1}, i.e. g ← g/(b₀² + Σ_{s≤t}‖g_s‖²) without the
 * square root. Claim-local, only to show how the printed form behaves; the library implements the corrected form
 * ({@link org.sgdlab.optim.ScaleByAdagradNorm}).
 */
final class PrintedAdagradNorm implements Transform {
    private final double b0;

    PrintedAdagradNorm(double b0) {
        this.b0 = b0;
    }

    @Override
    public State init(double[] params) {
        return new Acc(b0 * b0);
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        Acc a = (Acc) state;
        a.sum += StepLoop.normSq(updates);
        for (int i = 0; i < updates.length; i++) {
            updates[i] /= a.sum;
        }
    }

    @Override
    public String describe() {
        return "printed-adagrad-norm(b0=" + b0 + ")";
    }

    private static final class Acc implements State {
        double sum;

        Acc(double sum) {
            this.sum = sum;
        }

        @Override
        public void fields(StateFields f) {
            sum = f.doubleValue("sum", sum);
        }

        @Override
        public State copy() {
            return new Acc(sum);
        }
    }
}
