package org.sgdlab.theory.steepest;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code steepest.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class SteepestClaims {
    private SteepestClaims() {
    }

    /** steepest.lp-direction, steepest.sphere, steepest.lp-sphere, steepest.fig81, steepest.margin-geometry. */
    public static List<Claim> all() {
        return List.of(new LpDirectionClaim(), new SphereClaim(), new LpSphereClaim(), new Fig81Claim(), new MarginGeometryClaim());
    }
}
