package org.sgdlab.theory.scaleinv;

import java.util.List;
import org.sgdlab.theory.Claim;

/**
 * The {@code scale-invariance.*}, {@code exp-lr.*} and {@code product-loss.*} claims' registry (002 ch. 13), in catalog
 * order ({@link org.sgdlab.theory.ClaimCatalog} collects it).
 */
public final class ScaleInvClaims {
    private ScaleInvClaims() {
    }

    /** scale-invariance.identities, exp-lr.equivalence, scale-invariance.convergence, product-loss.explosion. */
    public static List<Claim> all() {
        return List.of(new IdentitiesClaim(), new ExpLrClaim(), new ConvergenceClaim(), new ExplosionClaim());
    }
}
