package org.sgdlab.optim;

import org.sgdlab.train.checkpoint.StateFields;

/**
 * AdaGrad-norm (scalar AdaGrad; Streeter &amp; McMahan 2010, Ward, Wu &amp; Bottou 2019, "AdaGrad
 * stepsizes: sharp convergence over nonconvex landscapes"; 002 Thm 2.5.4):
 * b_t² = b₀² + Σ_{s≤t} ‖g_s‖², g ← g / b_t. Followed by {@link ScaleByLearningRate} the step is
 * w ← w − η·g_t/√(b₀² + Σ_{s≤t}‖g_s‖²) — the current gradient is included in the sum.
 *
 * <p>002 Thm 2.5.4 prints the step as η/(b₀² + Σ‖g‖²) without the square root; that is a known
 * misprint (the theorem's rate needs the square root, as in Ward et al.). sgdlab implements the
 * square-root form.
 *
 * <pre>{@code
 * Chain opt = Optimizers.adagradNorm(1.0, 0.1);
 * // step 1 with g = (3, 4): update = −(3, 4)/√(0.01 + 25)
 * }</pre>
 */
public final class ScaleByAdagradNorm implements Transform {
    private final double b0;

    /** @param b0 the initial accumulator b₀ &gt; 0 (enters squared) */
    public ScaleByAdagradNorm(double b0) {
        this.b0 = Hyper.positive("b0", b0);
    }

    @Override
    public State init(double[] params) {
        Acc a = new Acc();
        a.sumSq = b0 * b0;
        return a;
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        Acc a = (Acc) state;
        a.sumSq += Hyper.sumOfSquares(updates);
        double b = Math.sqrt(a.sumSq);
        for (int i = 0; i < updates.length; i++) {
            updates[i] /= b;
        }
    }

    @Override
    public String describe() {
        return "scale-by-adagrad-norm(b0=" + b0 + ")";
    }

    private static final class Acc implements State {
        double sumSq;

        @Override
        public void fields(StateFields f) {
            sumSq = f.doubleValue("sum_sq", sumSq);
        }

        @Override
        public State copy() {
            Acc c = new Acc();
            c.sumSq = sumSq;
            return c;
        }
    }
}
