package org.sgdlab.sde;

import java.util.Objects;
import java.util.Optional;
import org.sgdlab.objective.Objective;
import org.sgdlab.random.RandomStream;

/**
 * NGOS with Gaussian noise (002 Def. 12.1.2): g = ∇f(x) + σ·L·ζ, ζ ~ N(0, I_k), so Cov(g) = σ²·L·Lᵀ (Σ = L·Lᵀ,
 * independent of x). Built from the covariance Σ (factored here as V·diag(√λ), which admits a singular Σ) or from
 * a factor L directly.
 */
public final class GaussianOracle implements NoisyGradientOracle {
    private final Objective objective;
    private final double sigma;
    private final double[] factor;
    private final int k;
    private final double[] zeta;
    private final double[] mean;

    private GaussianOracle(Objective objective, double sigma, double[] factor, int k) {
        this.objective = Objects.requireNonNull(objective, "objective");
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise scale sigma must be >= 0 and finite, got " + sigma);
        }
        this.sigma = sigma;
        this.factor = factor;
        this.k = k;
        this.zeta = new double[k];
        this.mean = new double[objective.dimension()];
    }

    /** g = ∇f(x) + σz, z ~ N(0, Σ) with Σ (d×d, symmetric positive semidefinite; copied). */
    public static GaussianOracle withCovariance(Objective objective, double sigma, double[] covariance) {
        int d = objective.dimension();
        return new GaussianOracle(objective, sigma, Dense.psdFactor("covariance", covariance, d), d);
    }

    /** g = ∇f(x) + σ·L·ζ with L d×k row-major (copied), ζ ~ N(0, I_k): Σ = L·Lᵀ. */
    public static GaussianOracle withFactor(Objective objective, double sigma, double[] factor, int k) {
        int d = objective.dimension();
        if (k < 1 || factor.length != d * k) {
            throw new IllegalArgumentException("factor must have " + d + "×k entries with k >= 1, got " + factor.length
                    + " entries for k = " + k);
        }
        Dense.requireFinite("factor", factor);
        return new GaussianOracle(objective, sigma, factor.clone(), k);
    }

    @Override
    public int dimension() {
        return objective.dimension();
    }

    @Override
    public void meanGradient(double[] x, double[] out) {
        objective.gradient(x, out);
    }

    @Override
    public void sample(double[] x, RandomStream random, double[] out) {
        objective.gradient(x, mean);
        random.gaussians(zeta);
        int d = mean.length;
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += factor[i * k + j] * zeta[j];
            }
            out[i] = mean[i] + sigma * s;
        }
    }

    @Override
    public Optional<double[]> covariance(double[] x) {
        return Optional.of(Dense.scaledGram(factor, mean.length, k, sigma));
    }

    /** σ. */
    public double sigma() {
        return sigma;
    }

    @Override
    public String describe() {
        return "gaussian-ngos(sigma=" + sigma + ", d=" + mean.length + ", rank<=" + k + ")";
    }
}
