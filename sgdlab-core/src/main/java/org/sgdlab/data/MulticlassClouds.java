package org.sgdlab.data;

import static org.sgdlab.linalg.Kernels.dot;

import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/**
 * K Gaussian clouds that a linear multiclass classifier through the origin separates: the data for the multiclass
 * implicit-bias claim (source 001 §2.6). Labels are the class indices 0..K−1 stored as doubles (see {@link Dataset}).
 *
 * <p>Construction, a pure function of the arguments: the class means are μ_k = radius·u_k with u_k independent uniformly
 * random unit vectors (stream {@code split(0)} of {@code new RandomStream(seed)}); sample i has class yᵢ = i mod K (balanced,
 * interleaved) and xᵢ = μ_{yᵢ} + g with g ~ N(0, I) (stream {@code split(1)}), redrawn until the planted classifier
 * W° = (μ_0; …; μ_{K−1}) gives it a geometric pair margin of at least {@code margin}:
 * ⟨μ_{yᵢ} − μ_k, xᵢ⟩ ≥ margin·‖μ_{yᵢ} − μ_k‖ for every k ≠ yᵢ. So W° certifies separability, and the hard-margin
 * multiclass SVM min Σ_k‖w_k‖² s.t. ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1 is feasible. The redrawing makes each cloud a Gaussian
 * conditioned on that cone.
 */
public final class MulticlassClouds {
    /** Redraws allowed per sample before the parameters are declared hopeless. */
    static final int MAX_DRAWS_PER_SAMPLE = 100_000;

    private MulticlassClouds() {
    }

    /**
     * The data set described in the class comment.
     *
     * @throws IllegalArgumentException if n &lt; K, K &lt; 2, d &lt; 1, radius ≤ 0, margin &lt; 0 (or not finite), or a
     *                                  sample cannot be drawn in {@value #MAX_DRAWS_PER_SAMPLE} tries (margin too large
     *                                  for the radius)
     */
    public static Dataset generate(int n, int d, int numClasses, double radius, double margin, long seed) {
        if (numClasses < 2 || n < numClasses || d < 1 || !(radius > 0) || Double.isInfinite(radius) || !(margin >= 0)
                || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("need K >= 2, n >= K, d >= 1, finite radius > 0 and finite margin >= 0; got n="
                    + n + ", d=" + d + ", K=" + numClasses + ", radius=" + radius + ", margin=" + margin);
        }
        double[][] mu = means(d, numClasses, radius, seed);
        RandomStream rng = new RandomStream(seed).split(1);
        double[] x = new double[Math.multiplyExact(n, d)];
        double[] y = new double[n];
        double[] xi = new double[d];
        double[] diff = new double[d];
        for (int i = 0; i < n; i++) {
            int c = i % numClasses;
            y[i] = c;
            int draws = 0;
            do {
                if (++draws > MAX_DRAWS_PER_SAMPLE) {
                    throw new IllegalArgumentException("no sample of class " + c + " with pair margin >= " + margin + " in "
                            + MAX_DRAWS_PER_SAMPLE + " draws (radius " + radius + ", d=" + d + ", K=" + numClasses
                            + "): lower the margin or raise the radius");
                }
                rng.gaussians(xi);
                for (int j = 0; j < d; j++) {
                    xi[j] += mu[c][j];
                }
            } while (!accepted(mu, c, xi, margin, diff));
            System.arraycopy(xi, 0, x, i * d, d);
        }
        String name = "multiclassClouds(n=" + n + ", d=" + d + ", K=" + numClasses + ", radius=" + radius + ", margin="
                + margin + ", seed=" + seed + ")";
        return new Dataset(name, new Matrix(n, d, x), y);
    }

    /** The class means μ_k = radius·u_k (K × d) that {@link #generate} uses for these arguments. */
    public static double[][] means(int d, int numClasses, double radius, long seed) {
        RandomStream rng = new RandomStream(seed).split(0);
        double[][] mu = new double[numClasses][d];
        for (int k = 0; k < numClasses; k++) {
            double norm;
            do {
                norm = Math.sqrt(dot(rng.gaussians(mu[k]), mu[k]));
            } while (norm == 0);
            for (int j = 0; j < d; j++) {
                mu[k][j] *= radius / norm;
            }
        }
        return mu;
    }

    private static boolean accepted(double[][] mu, int c, double[] xi, double margin, double[] diff) {
        for (int k = 0; k < mu.length; k++) {
            if (k == c) {
                continue;
            }
            for (int j = 0; j < xi.length; j++) {
                diff[j] = mu[c][j] - mu[k][j];
            }
            double gap = dot(diff, xi);
            if (!(gap >= margin * Math.sqrt(dot(diff, diff))) || gap <= 0) {
                return false;
            }
        }
        return true;
    }
}
