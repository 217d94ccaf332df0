package org.sgdlab.theory.ntk;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code ntk.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class NtkClaims {
    private NtkClaims() {
    }

    /** ntk.closed-form, ntk.lazy-training, ntk.eigen-speed, ntk.complexity, ntk.kernel-svm. */
    public static List<Claim> all() {
        return List.of(new ClosedFormClaim(), new LazyTrainingClaim(), new EigenSpeedClaim(), new ComplexityClaim(), new KernelSvmClaim());
    }
}
