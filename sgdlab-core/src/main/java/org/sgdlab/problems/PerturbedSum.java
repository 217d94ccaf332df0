package org.sgdlab.problems;

import org.sgdlab.objective.Objective;
import org.sgdlab.random.RandomStream;

/**
 * A finite sum with the same mean as a base objective f: fⱼ(w) = f(w) + ⟨cⱼ, w⟩ for j = 1..m with
 * Σⱼ cⱼ = 0, so (1/m)Σⱼ fⱼ = f exactly (same f*, minimizers and L; each fⱼ is L-smooth too).
 * A minibatch of B indices drawn uniformly with replacement gives the unbiased estimate
 * ∇f(w) + (1/B)Σ_b c_{j_b}, whose variance E‖ĝ − ∇f‖² = v/B with v = (1/m)Σⱼ‖cⱼ‖² is the same at every w
 * ({@link #variance()}); its second moment is E‖ĝ‖² = ‖∇f(w)‖² + v/B.
 */
public final class PerturbedSum implements Objective {
    private final Objective base;
    private final double[][] c;
    private final double variance;

    /** Uses the given vectors after subtracting their mean (so that they sum to zero). */
    public PerturbedSum(Objective base, double[][] perturbations) {
        int d = base.dimension();
        int m = perturbations.length;
        if (m < 1) {
            throw new IllegalArgumentException("need at least one term");
        }
        double[] mean = new double[d];
        for (double[] cj : perturbations) {
            if (cj.length != d) {
                throw new IllegalArgumentException("perturbation has " + cj.length + " entries, objective " + d);
            }
            for (int i = 0; i < d; i++) {
                mean[i] += cj[i] / m;
            }
        }
        this.base = base;
        this.c = new double[m][d];
        double v = 0;
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) {
                c[j][i] = perturbations[j][i] - mean[i];
                v += c[j][i] * c[j][i];
            }
        }
        this.variance = v / m;
    }

    /** m Gaussian perturbations, rescaled so that the single-sample variance v is exactly {@code variance}. */
    public static PerturbedSum gaussian(Objective base, int m, double variance, RandomStream rng) {
        int d = base.dimension();
        double[][] p = new double[m][d];
        for (double[] row : p) {
            rng.gaussians(row);
        }
        PerturbedSum raw = new PerturbedSum(base, p);
        double k = raw.variance > 0 ? Math.sqrt(variance / raw.variance) : 0;
        for (double[] row : raw.c) {
            for (int i = 0; i < d; i++) {
                row[i] *= k;
            }
        }
        return new PerturbedSum(base, raw.c);
    }

    @Override
    public int dimension() {
        return base.dimension();
    }

    @Override
    public int sampleCount() {
        return c.length;
    }

    @Override
    public double value(double[] w) {
        return base.value(w);
    }

    @Override
    public double gradient(double[] w, double[] out) {
        return base.gradient(w, out);
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        double f = base.gradient(w, out);
        double lin = 0;
        for (int b = 0; b < count; b++) {
            double[] cj = c[batch[b]];
            for (int i = 0; i < out.length; i++) {
                out[i] += cj[i] / count;
                lin += cj[i] * w[i] / count;
            }
        }
        return f + lin;
    }

    /** ∇f(w) into {@code out} through the base's {@link Objective#gradientOnly} (no value). */
    @Override
    public void gradientOnly(double[] w, double[] out) {
        base.gradientOnly(w, out);
    }

    /**
     * The estimate of {@link #minibatchGradient} without its value: the base's {@link Objective#gradientOnly}, then the
     * same additions (1/B)·c_{j_b} in the same order, so the same bits where the base's gradientOnly has its gradient's.
     */
    @Override
    public void minibatchGradientOnly(double[] w, int[] batch, int count, double[] out) {
        base.gradientOnly(w, out);
        for (int b = 0; b < count; b++) {
            double[] cj = c[batch[b]];
            for (int i = 0; i < out.length; i++) {
                out[i] += cj[i] / count;
            }
        }
    }

    /** v = (1/m)Σⱼ‖cⱼ‖²: the variance of a single-sample gradient (batch B: v/B), at every w. */
    public double variance() {
        return variance;
    }

    /** The base objective f (the mean of the terms). */
    public Objective base() {
        return base;
    }
}
