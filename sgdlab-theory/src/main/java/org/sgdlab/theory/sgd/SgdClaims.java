package org.sgdlab.theory.sgd;

import java.util.List;
import org.sgdlab.theory.Claim;

/** Section D of the catalog (seed 003): sgd.unbiased, sgd.noise-floor, sgd.strongly-convex, sgd.mnist-4v9. */
public final class SgdClaims {
    private SgdClaims() {
    }

    /** The four claims, in catalog order. */
    public static List<Claim> all() {
        return List.of(new UnbiasedClaim(), new NoiseFloorClaim(), new StronglyConvexClaim(), new Mnist4v9Claim());
    }
}
