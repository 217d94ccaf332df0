package org.sgdlab.theory.minnorm;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code min-norm.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class MinNormClaims {
    private MinNormClaims() {
    }

    /** min-norm.gd, min-norm.sgd, min-norm.momentum, min-norm.adaptive-breaks, min-norm.generalization. */
    public static List<Claim> all() {
        return List.of(new GdClaim(), new SgdClaim(), new MomentumClaim(), new AdaptiveBreaks(), new RidgelessRisk());
    }
}
