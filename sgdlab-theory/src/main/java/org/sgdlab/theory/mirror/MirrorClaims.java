package org.sgdlab.theory.geometry;

import java.util.List;
import org.sgdlab.theory.Claim;

/**
 * The implicit-geometry claims of 002 §8.1.3 and §8.3.2: steepest descent w.r.t. ℓ1, ℓ2, ℓ∞ maximizes the margin of
 * its own norm ({@link MarginGeometryClaim}), and GD on a diagonal linear network is mirror descent with the
 * hyperbolic entropy, interpolating between min-ℓ1 and min-ℓ2 as the initialization scale grows ({@link DiagonalNetClaim}).
 */
public final class ImplicitGeometryClaims {
    private ImplicitGeometryClaims() {
    }

    /** steepest.margin-geometry and mirror.diagonal-net, in catalog order. */
    public static List<Claim> all() {
        return List.of(new MarginGeometryClaim(), new DiagonalNetClaim());
    }
}
