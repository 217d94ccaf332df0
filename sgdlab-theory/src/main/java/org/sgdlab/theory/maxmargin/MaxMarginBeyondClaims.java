package org.sgdlab.theory.maxmargin;

import java.util.List;
import org.sgdlab.theory.Claim;

/**
 * Section B claims beyond the GD/SGD direction checks: seed 001 experiment 7's loss table and the fast
 * (normalized / dual-accelerated) margin-maximization methods.
 */
public final class MaxMarginBeyondClaims {
    private MaxMarginBeyondClaims() {
    }

    /** max-margin.loss-table, max-margin.fast. */
    public static List<Claim> all() {
        return List.of(new LossTableClaim(), new FastMarginClaim());
    }
}
