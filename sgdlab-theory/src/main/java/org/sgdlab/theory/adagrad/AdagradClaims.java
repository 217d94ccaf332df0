package org.sgdlab.theory.adagrad;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code adagrad.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class AdagradClaims {
    private AdagradClaims() {
    }

    /** adagrad.rate. */
    public static List<Claim> all() {
        return List.of(new AdagradRateClaim());
    }
}
