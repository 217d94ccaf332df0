package org.sgdlab.theory.mirror;

import java.util.List;
import org.sgdlab.theory.Claim;

/** The {@code mirror.*} family's registry: its claims in catalog order ({@link org.sgdlab.theory.ClaimCatalog} collects it). */
public final class MirrorClaims {
    private MirrorClaims() {
    }

    /** mirror.bregman, mirror.diagonal-net. */
    public static List<Claim> all() {
        return List.of(new BregmanClaim(), new DiagonalNetClaim());
    }
}
