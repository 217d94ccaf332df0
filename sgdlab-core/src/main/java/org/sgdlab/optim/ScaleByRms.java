package org.sgdlab.optim;

import org.sgdlab.train.checkpoint.StateFields;

/**
 * RMSProp (Tieleman &amp; Hinton 2012, Lecture 6.5; centered form: Graves 2013; torch.optim.RMSprop):
 * <pre>
 *   v ← α·v + (1 − α)·g²
 *   centered:  ḡ ← α·ḡ + (1 − α)·g,   a = √(v − ḡ²) + ε      otherwise a = √v + ε
 *   momentum μ &gt; 0:  b ← μ·b + g/a,  g ← b                   otherwise g ← g/a
 * </pre>
 * with v, ḡ, b starting at 0. Followed by {@link ScaleByLearningRate} this is torch's step
 * w ← w − η·(b or g/a); coupled weight decay ({@link AddWeightDecay}) goes first. Torch defaults:
 * lr = 1e-2, α = 0.99, ε = 1e-8, μ = 0, not centered ({@link Optimizers#rmsprop(double)}).
 *
 * <pre>{@code
 * Chain opt = Chain.of(new ScaleByRms(0.99, 1e-8, 0.0, false), new ScaleByLearningRate(Schedules.constant(0.01)));
 * // step 1 with g: update = −0.01·g/(√0.01·|g| + 1e-8) ≈ −0.1·sign(g)
 * }</pre>
 */
public final class ScaleByRms implements Transform {
    private final double alpha;
    private final double eps;
    private final double momentum;
    private final boolean centered;

    /**
     * @param alpha smoothing constant α in [0, 1)
     * @param eps ε ≥ 0
     * @param momentum μ in [0, 1)
     * @param centered whether to subtract the squared running mean of g (Graves)
     */
    public ScaleByRms(double alpha, double eps, double momentum, boolean centered) {
        this.alpha = Hyper.unitInterval("alpha", alpha);
        this.eps = Hyper.nonNegative("eps", eps);
        this.momentum = Hyper.unitInterval("momentum", momentum);
        this.centered = centered;
    }

    @Override
    public State init(double[] params) {
        int n = params.length;
        return new Moments(new double[n], centered ? new double[n] : null, momentum > 0 ? new double[n] : null);
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        Moments s = (Moments) state;
        double[] sq = s.squareAvg;
        double[] ga = s.gradAvg;
        double[] buf = s.buf;
        double a = alpha;
        double c = 1 - alpha;
        for (int i = 0; i < updates.length; i++) {
            double g = updates[i];
            sq[i] = sq[i] * a + c * g * g;
            double avg;
            if (ga != null) {
                ga[i] = ga[i] * a + c * g;
                avg = Math.sqrt(sq[i] - ga[i] * ga[i]) + eps;
            } else {
                avg = Math.sqrt(sq[i]) + eps;
            }
            if (buf != null) {
                buf[i] = buf[i] * momentum + g / avg;
                updates[i] = buf[i];
            } else {
                updates[i] = g / avg;
            }
        }
    }

    @Override
    public String describe() {
        return "scale-by-rms(alpha=" + alpha + ", eps=" + eps + (momentum > 0 ? ", momentum=" + momentum : "")
                + (centered ? ", centered" : "") + ")";
    }

    private static final class Moments implements State {
        final double[] squareAvg;
        final double[] gradAvg;
        final double[] buf;

        Moments(double[] squareAvg, double[] gradAvg, double[] buf) {
            this.squareAvg = squareAvg;
            this.gradAvg = gradAvg;
            this.buf = buf;
        }

        @Override
        public void fields(StateFields f) {
            f.doubles("square_avg", squareAvg);
            if (gradAvg != null) {
                f.doubles("grad_avg", gradAvg);
            }
            if (buf != null) {
                f.doubles("momentum_buffer", buf);
            }
        }

        @Override
        public State copy() {
            return new Moments(squareAvg.clone(), Hyper.copyOf(gradAvg), Hyper.copyOf(buf));
        }
    }
}
