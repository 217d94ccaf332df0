package org.sgdlab.nn.probe;

import java.util.Objects;
import org.sgdlab.linalg.Lanczos;
import org.sgdlab.random.RandomStream;

/**
 * λ_max by core's {@link Lanczos} (full reorthogonalization, thick restarts, the multiplicity check, explicitly computed
 * residuals), started from the given vector (a warm start: the previous measurement's Ritz vector) with later starts
 * drawn from its own seeded stream: the sharpness probe's solver for models of any size. The estimate's residual is
 * Lanczos's ‖Ax − θx‖₂; when the run did not converge within the options' budget it is simply larger (the bound stays
 * true). Not thread-safe (its stream advances).
 */
public final class LanczosEigensolver implements TopEigensolver {
    private final Lanczos.Options options;
    private final RandomStream random;

    /** A solver with {@code options} (for the single largest eigenvalue) and restarts drawn from {@code seed}. */
    public LanczosEigensolver(Lanczos.Options options, long seed) {
        this.options = Objects.requireNonNull(options, "options");
        if (options.which() != Lanczos.Which.LARGEST || options.count() != 1) {
            throw new IllegalArgumentException("a top eigensolver needs options for the single largest eigenvalue, got "
                    + options.which() + " count " + options.count());
        }
        this.random = new RandomStream(seed);
    }

    /** {@code Lanczos.Options.largest(1)}: relative tolerance 1e-8, 10 000 applications, multiplicity check on. */
    public LanczosEigensolver(long seed) {
        this(Lanczos.Options.largest(1), seed);
    }

    @Override
    public Estimate largest(int dimension, Operator a, double[] start, double[] vectorOut) {
        Lanczos.Result r = Lanczos.solve(a::apply, dimension, options, start, random);
        System.arraycopy(r.vectors()[0], 0, vectorOut, 0, dimension);
        return new Estimate(r.values()[0], r.residualNorms()[0], r.applications());
    }
}
