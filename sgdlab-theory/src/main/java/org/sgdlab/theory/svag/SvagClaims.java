package org.sgdlab.theory.svag;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code svag.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class SvagClaims {
    private SvagClaims() {
    }

    /** svag.convergence. */
    public static List<Claim> all() {
        return List.of(new ConvergenceClaim());
    }
}
