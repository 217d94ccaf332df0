package org.sgdlab.theory.eos;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code eos.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class EosClaims {
    private EosClaims() {
    }

    /** eos.sharpness. */
    public static List<Claim> all() {
        return List.of(new SharpnessClaim());
    }
}
