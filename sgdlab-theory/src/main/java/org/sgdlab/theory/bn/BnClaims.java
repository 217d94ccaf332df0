package org.sgdlab.theory.bn;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code bn.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class BnClaims {
    private BnClaims() {
    }

    /** bn.seed-exp4, bn.weight-norm. */
    public static List<Claim> all() {
        return List.of(new SourceExperiment4Claim(), new WeightNormClaim());
    }
}
