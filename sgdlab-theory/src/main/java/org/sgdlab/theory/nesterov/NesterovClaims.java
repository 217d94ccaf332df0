package org.sgdlab.theory.nesterov;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code nesterov.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class NesterovClaims {
    private NesterovClaims() {
    }

    /** nesterov.acceleration. */
    public static List<Claim> all() {
        return List.of(new NesterovAccelerationClaim());
    }
}
