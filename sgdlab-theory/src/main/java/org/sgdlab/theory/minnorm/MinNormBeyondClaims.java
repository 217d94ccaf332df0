package org.sgdlab.theory.minnorm;

import java.util.List;
import org.sgdlab.theory.Claim;

/**
 * Beyond section A of the catalog: where the min-norm implicit bias stops (adaptive methods) and what
 * it buys in test risk (ridgeless regression, double descent).
 */
public final class MinNormBeyondClaims {
    private MinNormBeyondClaims() {
    }

    /** min-norm.adaptive-breaks and min-norm.generalization. */
    public static List<Claim> all() {
        return List.of(new AdaptiveBreaks(), new RidgelessRisk());
    }
}
