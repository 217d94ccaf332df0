package org.sgdlab.theory.sgd;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code sgd.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class SgdClaims {
    private SgdClaims() {
    }

    /** sgd.unbiased, sgd.noise-floor, sgd.strongly-convex, sgd.mnist-4v9. */
    public static List<Claim> all() {
        return List.of(new UnbiasedClaim(), new NoiseFloorClaim(), new StronglyConvexClaim(), new Mnist4v9Claim());
    }
}
