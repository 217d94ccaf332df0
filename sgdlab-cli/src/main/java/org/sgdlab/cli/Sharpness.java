package org.sgdlab.cli;

import org.sgdlab.nn.objective.SecondOrderObjective;
import org.sgdlab.nn.probe.LanczosEigensolver;
import org.sgdlab.nn.probe.SharpnessProbe;

/**
 * The sharpness probe of `sgdlab train`: λ_max of the loss Hessian by Lanczos on exact HVPs, warm-started from the
 * previous probe's vector, with its residual bound.
 */
final class Sharpness {
    private Sharpness() {
    }

    /** The probe for the Hessian of {@code f}, its first start vector and Lanczos's restarts drawn from {@code seed}. */
    static SharpnessProbe probe(SecondOrderObjective f, long seed) {
        return new SharpnessProbe(f.dimension(), new LanczosEigensolver(seed + 1), f, seed);
    }
}
