package org.sgdlab.theory.saddle;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code saddle.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class SaddleClaims {
    private SaddleClaims() {
    }

    /** saddle.perturbed-gd. */
    public static List<Claim> all() {
        return List.of(new PerturbedGdClaim());
    }
}
