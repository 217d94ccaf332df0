package org.sgdlab.theory.maxmargin;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code max-margin.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class MaxMarginClaims {
    private MaxMarginClaims() {
    }

    /**
     * max-margin.gd-logistic, max-margin.exp-loss, max-margin.sgd, max-margin.support-vectors, max-margin.seed-exp1,
     * max-margin.lr-robustness, max-margin.init-robustness, max-margin.reg-path, max-margin.multiclass,
     * max-margin.loss-table, max-margin.fast, max-margin.homogeneous-kkt.
     */
    public static List<Claim> all() {
        return List.of(GdDirectionClaim.logistic(), GdDirectionClaim.exponential(), new SgdDirectionClaim(),
                new SupportVectorsClaim(), new SourceExperiment1Claim(), new LrRobustnessClaim(), new InitRobustnessClaim(),
                new RegPathClaim(), new MulticlassClaim(), new LossTableClaim(), new FastMarginClaim(),
                new HomogeneousKktClaim());
    }
}
