package org.sgdlab.cli;

import org.sgdlab.nn.objective.SecondOrderObjective;
import org.sgdlab.nn.probe.DenseEigensolver;
import org.sgdlab.nn.probe.SharpnessProbe;

/** The sharpness probe of `sgdlab train`: λ_max of the loss Hessian on exact HVPs, warm-started, with its residual. */
final class Sharpness {
    private Sharpness() {
    }

    /** The probe for the Hessian of {@code f}, its first start vector drawn from {@code seed}. */
    static SharpnessProbe probe(SecondOrderObjective f, long seed) {
        int p = f.dimension();
        if (p > DenseEigensolver.MAX_DIMENSION) {
            throw new Main.UsageException("the sharpness probe takes models of at most " + DenseEigensolver.MAX_DIMENSION
                    + " parameters for now (it decomposes the dense Hessian); this one has " + p);
        }
        return new SharpnessProbe(p, new DenseEigensolver(p), f, seed);
    }
}
