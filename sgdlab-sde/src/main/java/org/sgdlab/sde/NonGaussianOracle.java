package org.sgdlab.sde;

import java.util.Objects;
import java.util.Optional;
import org.sgdlab.objective.Objective;
import org.sgdlab.random.RandomStream;

/**
 * NGOS with non-Gaussian noise of a given covariance: g = ∇f(x) + σ·L·ζ with ζ's coordinates independent, mean 0 and
 * variance 1, so Cov(g) = σ²·L·Lᵀ exactly, but the third moments (skewness) or the tails differ from the Gaussian's:
 * <ul>
 *   <li>{@link Shape#centredExponential()}: ζᵢ = Eᵢ − 1, Eᵢ ~ Exp(1): skewness E ζᵢ³ = 2 (violates the low-skewness
 *   condition 3 of 002 Thm 12.3.4 unless it is scaled away);</li>
 *   <li>{@link Shape#studentT(double)}: ζᵢ = t_ν·√((ν−2)/ν) for ν &gt; 2 (t_ν = N/√(χ²_ν/ν)): symmetric, heavy
 *   tailed, moments of order ≥ ν infinite (violates the bounded-moments condition 4 for every m ≥ ν/2).</li>
 * </ul>
 */
public final class NonGaussianOracle implements NoisyGradientOracle {
    /** The standardized distribution of each ζᵢ. */
    public record Shape(String name, double nu) {
        /** Centred unit exponential E − 1 (mean 0, variance 1, third moment 2). */
        public static Shape centredExponential() {
            return new Shape("centred-exponential", Double.NaN);
        }

        /** Student t with ν &gt; 2 degrees of freedom, scaled to variance 1. */
        public static Shape studentT(double nu) {
            if (!(nu > 2) || Double.isInfinite(nu)) {
                throw new IllegalArgumentException("Student-t degrees of freedom nu must be > 2 and finite (finite variance), got " + nu);
            }
            return new Shape("student-t", nu);
        }

        /** One standardized draw. */
        double draw(RandomStream r) {
            if (Double.isNaN(nu)) {
                return -StrictMath.log1p(-r.nextDouble()) - 1;
            }
            double chi2 = 2 * Gamma.sample(nu / 2, r);
            return r.nextGaussian() / Math.sqrt(chi2 / nu) * Math.sqrt((nu - 2) / nu);
        }

        /** E ζ³ (0 for the symmetric t). */
        public double thirdMoment() {
            return Double.isNaN(nu) ? 2 : 0;
        }
    }

    private final Objective objective;
    private final double sigma;
    private final double[] factor;
    private final Shape shape;
    private final int d;
    private final double[] zeta;
    private final double[] mean;

    private NonGaussianOracle(Objective objective, double sigma, double[] factor, Shape shape) {
        this.objective = Objects.requireNonNull(objective, "objective");
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise scale sigma must be >= 0 and finite, got " + sigma);
        }
        this.sigma = sigma;
        this.factor = factor;
        this.shape = Objects.requireNonNull(shape, "shape");
        this.d = objective.dimension();
        this.zeta = new double[d];
        this.mean = new double[d];
    }

    /** Noise with covariance σ²Σ (Σ symmetric PSD, d×d; factored as V·diag(√λ)) and standardized coordinates of {@code shape}. */
    public static NonGaussianOracle withCovariance(Objective objective, double sigma, double[] covariance, Shape shape) {
        return new NonGaussianOracle(objective, sigma, Dense.psdFactor("covariance", covariance, objective.dimension()), shape);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void meanGradient(double[] x, double[] out) {
        objective.gradient(x, out);
    }

    @Override
    public void sample(double[] x, RandomStream random, double[] out) {
        objective.gradient(x, mean);
        for (int j = 0; j < d; j++) {
            zeta[j] = shape.draw(random);
        }
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += factor[i * d + j] * zeta[j];
            }
            out[i] = mean[i] + sigma * s;
        }
    }

    @Override
    public Optional<double[]> covariance(double[] x) {
        return Optional.of(Dense.scaledGram(factor, d, d, sigma));
    }

    /** The shape of ζ. */
    public Shape shape() {
        return shape;
    }

    @Override
    public String describe() {
        return shape.name() + "-ngos(sigma=" + sigma + (Double.isNaN(shape.nu()) ? "" : ", nu=" + shape.nu()) + ", d=" + d + ")";
    }
}
