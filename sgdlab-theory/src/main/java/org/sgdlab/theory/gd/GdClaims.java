package org.sgdlab.theory.gd;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code gd.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class GdClaims {
    private GdClaims() {
    }

    /** gd.descent-lemma, gd.nonconvex-rate. */
    public static List<Claim> all() {
        return List.of(new DescentLemmaClaim(), new NonconvexRateClaim());
    }
}
