package org.sgdlab.theory.sde;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code sde.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class SdeClaims {
    private SdeClaims() {
    }

    /** sde.ou-toy, sde.weak-order, sde.linear-scaling. */
    public static List<Claim> all() {
        return List.of(new OuToyClaim(), new WeakOrderClaim(), new LinearScalingClaim());
    }
}
