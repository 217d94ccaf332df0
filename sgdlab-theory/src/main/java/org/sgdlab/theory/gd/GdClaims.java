package org.sgdlab.theory.rates;

import java.util.List;
import org.sgdlab.theory.Claim;

/**
 * Section D of the catalog, rates under smoothness (002 ch. 2): the descent lemma and the edge of
 * stability, GD's and SGD's nonconvex rates, Nesterov's acceleration on quadratics, AdaGrad-norm's
 * rate without knowing L. Test problems come from {@code org.sgdlab.problems}.
 */
public final class RateClaims {
    private RateClaims() {
    }

    /** gd.descent-lemma, gd.nonconvex-rate, nesterov.acceleration, adagrad.rate. */
    public static List<Claim> all() {
        return List.of(new DescentLemmaClaim(), new NonconvexRateClaim(), new NesterovAccelerationClaim(), new AdagradRateClaim());
    }
}
