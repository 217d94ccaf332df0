package org.sgdlab.sde;

import java.util.Objects;
import java.util.Optional;
import org.sgdlab.objective.Objective;
import org.sgdlab.random.RandomStream;

/**
 * The minibatch NGOS of a finite sum (002 §12.1, Problem 12.1.1): g = the objective's minibatch gradient over B indices
 * drawn uniformly from {0, …, n−1}, with or without replacement. With hᵢ the one-term estimate of ∇f(x) (the objective's
 * minibatch gradient over {i}, whose mean over i is ∇f(x)) and Σ₁(x) = (1/n) Σᵢ (hᵢ − h̄)(hᵢ − h̄)ᵀ,
 * <ul>
 *   <li>with replacement: Cov(g) = Σ₁(x)/B;</li>
 *   <li>without replacement: Cov(g) = Σ₁(x)/B · (n − B)/(n − 1) (the finite-population correction; 0 at B = n).</li>
 * </ul>
 * Both assume the objective's minibatch gradient is the mean of the hᵢ over the batch (true of the empirical risks,
 * and checked by Monte Carlo in the tests). In NGOS terms σ = 1/√B and Σ = Σ₁ (times the correction).
 */
public final class MinibatchOracle implements NoisyGradientOracle {
    private final Objective objective;
    private final int batch;
    private final boolean replacement;
    private final int n;
    private final int[] indices;
    private final int[] permutation;

    /**
     * @param objective   a finite sum of n = {@code objective.sampleCount()} ≥ 1 terms (not modified)
     * @param batch       B ≥ 1 (≤ n without replacement)
     * @param replacement draw the B indices with replacement (independent) or without (a uniform B-subset)
     */
    public MinibatchOracle(Objective objective, int batch, boolean replacement) {
        this.objective = Objects.requireNonNull(objective, "objective");
        this.n = objective.sampleCount();
        if (batch < 1 || (!replacement && batch > n)) {
            throw new IllegalArgumentException("batch size must be in [1, " + (replacement ? "∞" : n) + "] for "
                    + (replacement ? "sampling with replacement" : "sampling without replacement from n = " + n) + ", got " + batch);
        }
        this.batch = batch;
        this.replacement = replacement;
        this.indices = new int[batch];
        this.permutation = replacement ? null : new int[n];
    }

    @Override
    public int dimension() {
        return objective.dimension();
    }

    @Override
    public void meanGradient(double[] x, double[] out) {
        objective.gradient(x, out);
    }

    /** Draws the B indices into {@code out} (length ≥ B): a function of the stream state only. */
    public void drawIndices(RandomStream random, int[] out) {
        if (replacement) {
            for (int b = 0; b < batch; b++) {
                out[b] = random.nextInt(n);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        for (int b = 0; b < batch; b++) {
            int j = b + random.nextInt(n - b);
            int t = permutation[b];
            permutation[b] = permutation[j];
            permutation[j] = t;
            out[b] = permutation[b];
        }
    }

    @Override
    public void sample(double[] x, RandomStream random, double[] out) {
        drawIndices(random, indices);
        objective.minibatchGradient(x, indices, batch, out);
    }

    /** Σ₁(x) = (1/n) Σᵢ (hᵢ − h̄)(hᵢ − h̄)ᵀ, the covariance of a one-index draw (n gradient evaluations). */
    public double[] singleSampleCovariance(double[] x) {
        int d = objective.dimension();
        double[] h = new double[n * d];
        double[] hbar = new double[d];
        double[] row = new double[d];
        int[] one = new int[1];
        for (int i = 0; i < n; i++) {
            one[0] = i;
            objective.minibatchGradient(x, one, 1, row);
            System.arraycopy(row, 0, h, i * d, d);
            for (int a = 0; a < d; a++) {
                hbar[a] += row[a];
            }
        }
        for (int a = 0; a < d; a++) {
            hbar[a] /= n;
        }
        double[] c = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double u = h[i * d + a] - hbar[a];
                for (int b = 0; b < d; b++) {
                    c[a * d + b] += u * (h[i * d + b] - hbar[b]);
                }
            }
        }
        for (int k = 0; k < c.length; k++) {
            c[k] /= n;
        }
        return c;
    }

    @Override
    public Optional<double[]> covariance(double[] x) {
        double[] c = singleSampleCovariance(x);
        double f = replacement ? 1.0 / batch : (n == 1 ? 0.0 : (double) (n - batch) / ((double) batch * (n - 1)));
        for (int k = 0; k < c.length; k++) {
            c[k] *= f;
        }
        return Optional.of(c);
    }

    @Override
    public String describe() {
        return "minibatch-ngos(n=" + n + ", B=" + batch + ", " + (replacement ? "with" : "without") + " replacement)";
    }
}
