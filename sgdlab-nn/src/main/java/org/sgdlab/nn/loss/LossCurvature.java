package org.sgdlab.nn.loss;

import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.HingeLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.SquaredHingeLoss;
import org.sgdlab.loss.SquaredLoss;

/**
 * The second derivative ∂²ℓ/∂p² of core's per-sample losses, which core does not need and so does not define; value
 * and first derivative always come from core's {@link Loss} itself. For a margin loss ℓ(p, y) = φ(yp):
 * ∂²ℓ/∂p² = y² φ''(yp).
 * <pre>
 *   squared        ½(p − y)²           1
 *   logistic       log(1 + e^{−m})     φ''(m) = σ(m)σ(−m) = e^{−|m|}/(1 + e^{−|m|})²   (no overflow for any m)
 *   exponential    e^{−m}              φ''(m) = e^{−m}
 *   hinge          max(0, 1 − m)       0 (piecewise linear)
 *   squared hinge  max(0, 1 − m)²      φ''(m) = 2 for m &lt; 1, 0 for m ≥ 1 (the side core's φ' takes at the kink)
 * </pre>
 */
public final class LossCurvature {
    private LossCurvature() {
    }

    /** True when {@link #secondDerivative} knows {@code loss}. */
    public static boolean supports(Loss loss) {
        return loss == SquaredLoss.INSTANCE || loss == LogisticLoss.INSTANCE || loss == ExponentialLoss.INSTANCE
                || loss == HingeLoss.INSTANCE || loss == SquaredHingeLoss.INSTANCE;
    }

    /**
     * ∂²ℓ/∂p² at (p, y).
     *
     * @throws UnsupportedOperationException for a loss outside core's five
     */
    public static double secondDerivative(Loss loss, double p, double y) {
        if (loss == SquaredLoss.INSTANCE) {
            return 1.0;
        }
        double m = y * p;
        double y2 = y * y;
        if (loss == LogisticLoss.INSTANCE) {
            double e = Math.exp(-Math.abs(m));
            double s = 1.0 + e;
            return y2 * (e / (s * s));
        }
        if (loss == ExponentialLoss.INSTANCE) {
            return y2 * Math.exp(-m);
        }
        if (loss == HingeLoss.INSTANCE) {
            return 0.0;
        }
        if (loss == SquaredHingeLoss.INSTANCE) {
            return m < 1.0 ? 2.0 * y2 : 0.0;
        }
        throw new UnsupportedOperationException("no second derivative for loss " + loss.name()
                + "; Hessian-vector products support squared, logistic, exponential, hinge and squared-hinge");
    }
}
