package org.sgdlab.theory.maxmargin;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The multiclass max-margin claim (CLAIMS.md §B, max-margin.multiclass); see {@link MulticlassClaim}. */
public final class MulticlassClaims {
    private MulticlassClaims() {
    }

    /** max-margin.multiclass. */
    public static List<Claim> all() {
        return List.of(new MulticlassClaim());
    }
}
