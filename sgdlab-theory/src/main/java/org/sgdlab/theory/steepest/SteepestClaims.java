package org.sgdlab.theory.geometry;

import java.util.List;
import org.sgdlab.theory.Claim;

/**
 * The steepest-direction claims of seed 004 ("流形上的最速下降 1: SGD + 超球面"): the ℓp steepest direction
 * (pbSGD, SGD, SignSGD), steepest descent on the unit sphere, and on the ℓp sphere.
 */
public final class SteepestDirectionClaims {
    private SteepestDirectionClaims() {
    }

    /** steepest.lp-direction, steepest.sphere, steepest.lp-sphere, in this order. */
    public static List<Claim> all() {
        return List.of(new LpDirectionClaim(), new SphereClaim(), new LpSphereClaim());
    }
}
