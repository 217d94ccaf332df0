package org.sgdlab.sde;

import java.util.Optional;
import org.sgdlab.random.RandomStream;

/**
 * A noisy gradient oracle with scale σ (NGOS, 002 Def. 12.1.2): at x it returns g = ∇f(x) + σz with z drawn from a
 * mean-zero distribution with covariance Σ(x). Implementations expose the mean ∇f(x) and, where there is a closed form,
 * the exact covariance of g, Cov(g) = σ²Σ(x).
 *
 * <p>All randomness comes from the {@link RandomStream} passed in, so the same stream state gives the same draw. An
 * oracle may keep scratch buffers (as its objective may): one instance per thread.
 */
public interface NoisyGradientOracle {
    /** The dimension d of x and g. */
    int dimension();

    /** Writes the mean ∇f(x) into {@code out}; {@code x} is read only. */
    void meanGradient(double[] x, double[] out);

    /** Writes one draw g = ∇f(x) + σz into {@code out}; {@code x} is read only, {@code random} is advanced. */
    void sample(double[] x, RandomStream random, double[] out);

    /** The exact covariance Cov(g) = σ²Σ(x), row-major d×d (a new array), or empty where no closed form is known. */
    Optional<double[]> covariance(double[] x);

    /** A one-line description with the parameters. */
    String describe();
}
