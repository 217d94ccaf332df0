package org.sgdlab.theory.nuclearnorm;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code nuclear-norm.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class NuclearNormClaims {
    private NuclearNormClaims() {
    }

    /** nuclear-norm.deep-linear, nuclear-norm.seed-exp3. */
    public static List<Claim> all() {
        return List.of(new DeepLinearClaim(), new SourceExperiment3Claim());
    }
}
