package org.sgdlab.data;

import static org.sgdlab.linalg.Kernels.axpy;
import static org.sgdlab.linalg.Kernels.dot;

import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.NumpyLegacyRandom;
import org.sgdlab.random.RandomStream;

/**
 * Synthetic datasets. Each is a pure function of its arguments: the same seed gives the same bits
 * on every JVM (all randomness comes from {@link RandomStream} or {@link NumpyLegacyRandom}).
 *
 * <p>Seeded generators use independent sub-streams of {@code new RandomStream(seed)}: {@code split(0)}
 * for the planted direction or weights, {@code split(1)} for the samples, {@code split(2)} for noise.
 * So {@link #separatingDirection} and {@link #plantedWeights} recover the hidden vector without
 * regenerating the data.
 */
public final class Generators {
    private Generators() {}

    /**
     * Source 001, experiment 1, with its NumPy recipe replayed through {@link NumpyLegacyRandom}:
     * <pre>
     * np.random.seed(42)
     * X_pos = np.random.randn(50, 2) + np.array([2, 2])
     * X_neg = np.random.randn(50, 2) + np.array([-2, -2])
     * X = np.vstack([X_pos, X_neg]); y = [1]*50 + [-1]*50
     * w = np.random.randn(2) * 0.01
     * </pre>
     *
     * @param data     the 100 × 2 points with labels ±1
     * @param initialW the initial iterate w drawn right after the data
     */
    public record SeedExperiment1(Dataset data, double[] initialW) {}

    /**
     * Recreates {@link SeedExperiment1}, bit for bit equal to NumPy's output (checked against vectors
     * from NumPy 2.4 on glibc 2.36). The only raw normals in this draw where {@link NumpyLegacyRandom}
     * and glibc differ (pair 38, by an ulp) are absorbed by rounding when 2 is added.
     */
    public static SeedExperiment1 seedExperiment1() {
        NumpyLegacyRandom rng = new NumpyLegacyRandom(42);
        double[] x = new double[200];
        double[] pos = rng.randn(100);
        double[] neg = rng.randn(100);
        for (int k = 0; k < 100; k++) {
            x[k] = pos[k] + 2.0;
            x[100 + k] = neg[k] + -2.0;
        }
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i < 50 ? 1.0 : -1.0;
        }
        double[] w = rng.randn(2);
        w[0] *= 0.01;
        w[1] *= 0.01;
        Dataset data = new Dataset("seed 001 experiment 1 (numpy seed 42)", new Matrix(100, 2, x), y);
        return new SeedExperiment1(data, w);
    }

    /**
     * Two balanced classes ±1 in R^d, linearly separable through the origin with geometric margin at
     * least {@code margin} with respect to the unit vector u = {@link #separatingDirection(int, long)
     * separatingDirection(d, seed)}: y·⟨u, x⟩ ≥ margin for every sample.
     *
     * <p>Construction: u is a standard normal vector, normalized. Sample i gets label +1 if i is even,
     * −1 if odd (so ⌈n/2⌉ positives, interleaved). Its x is drawn from N(0, I); if y·⟨u, x⟩ &lt; 0, x is
     * reflected through the hyperplane ⟨u, x⟩ = 0 (x −= 2⟨u, x⟩u), which makes x an N(0, I) draw
     * conditioned on the label's half-space (the sign of ⟨u, x⟩ decides the class). Finally x +=
     * y·margin·u, so y·⟨u, x⟩ = |⟨u, x⟩| + margin; a last correction step enforces the inequality also
     * after floating-point rounding.
     *
     * @throws IllegalArgumentException if n &lt; 2, d &lt; 1 or margin is negative or not finite
     */
    public static Dataset separableGaussians(int n, int d, double margin, long seed) {
        if (n < 2 || d < 1 || !(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("need n >= 2, d >= 1, finite margin >= 0; got n=" + n + ", d=" + d
                    + ", margin=" + margin);
        }
        double[] u = separatingDirection(d, seed);
        RandomStream rng = new RandomStream(seed).split(1);
        double[] x = new double[Math.multiplyExact(n, d)];
        double[] y = new double[n];
        double[] xi = new double[d];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2 == 0 ? 1.0 : -1.0;
            rng.gaussians(xi);
            double s = dot(u, xi);
            if (y[i] * s < 0) {
                axpy(-2 * s, u, xi);
            }
            axpy(y[i] * margin, u, xi);
            for (double got = y[i] * dot(u, xi); got < margin; got = y[i] * dot(u, xi)) {
                axpy(y[i] * Math.max(margin - got, Math.ulp(margin) + Double.MIN_NORMAL), u, xi);
            }
            System.arraycopy(xi, 0, x, i * d, d);
        }
        String name = "separableGaussians(n=" + n + ", d=" + d + ", margin=" + margin + ", seed=" + seed + ")";
        return new Dataset(name, new Matrix(n, d, x), y);
    }

    /** The unit direction u that {@link #separableGaussians} separates with for this d and seed. */
    public static double[] separatingDirection(int d, long seed) {
        RandomStream rng = new RandomStream(seed).split(0);
        double[] u = new double[d];
        double norm;
        do {
            norm = Math.sqrt(dot(rng.gaussians(u), u));
        } while (norm == 0);
        for (int j = 0; j < d; j++) {
            u[j] /= norm;
        }
        return u;
    }

    /**
     * An underdetermined (d &gt; n) linear regression problem: X has i.i.d. N(0, 1) entries, the planted
     * weights w* = {@link #plantedWeights(int, long) plantedWeights(d, seed)} are N(0, I/d) (so each
     * ⟨xᵢ, w*⟩ has variance about 1), and y = Xw* + noise·ε with ε ~ N(0, I). Interpolating solutions
     * exist for any noise level.
     *
     * @throws IllegalArgumentException unless d &gt; n ≥ 1 and noise is finite and ≥ 0
     */
    public static Dataset underdeterminedRegression(int n, int d, double noise, long seed) {
        if (n < 1 || d <= n) {
            throw new IllegalArgumentException("underdetermined regression needs d > n >= 1, got n=" + n + ", d=" + d);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
        }
        double[] w = plantedWeights(d, seed);
        double[] x = new RandomStream(seed).split(1).gaussians(new double[Math.multiplyExact(n, d)]);
        RandomStream eps = new RandomStream(seed).split(2);
        Matrix xm = new Matrix(n, d, x);
        double[] y = new double[n];
        Kernels.gemv(xm, w, y);
        for (int i = 0; i < n; i++) {
            y[i] += noise * eps.nextGaussian();
        }
        String name = "underdeterminedRegression(n=" + n + ", d=" + d + ", noise=" + noise + ", seed=" + seed + ")";
        return new Dataset(name, xm, y);
    }

    /** The planted weights w* ~ N(0, I/d) of {@link #underdeterminedRegression} for this d and seed. */
    public static double[] plantedWeights(int d, long seed) {
        double[] w = new RandomStream(seed).split(0).gaussians(new double[d]);
        double scale = 1 / Math.sqrt(d);
        for (int j = 0; j < d; j++) {
            w[j] *= scale;
        }
        return w;
    }
}
