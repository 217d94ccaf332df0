package org.sgdlab.theory.diagonal;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code diagonal.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class DiagonalClaims {
    private DiagonalClaims() {
    }

    /** diagonal.depth. */
    public static List<Claim> all() {
        return List.of(new DepthClaim());
    }
}
