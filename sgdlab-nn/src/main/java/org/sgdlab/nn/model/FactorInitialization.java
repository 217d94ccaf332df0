package org.sgdlab.nn.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sgdlab.linalg.HouseholderQr;
import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.random.RandomStream;

/**
 * How the factors W₁, …, W_L of a {@link FactorChain} start, with the scale α as a first-class parameter: α multiplies
 * every factor, so the product scales as α^L (the knob between the kernel regime, large α, and the rich regime, small
 * α, of Woodworth et al. 2020 and of the nuclear-norm results of Gunasekar et al. 2017 and Arora et al. 2019).
 * <ul>
 *   <li>{@link Scheme#GAUSSIAN}: every entry α·N(0, 1) (source 001 experiment 3: {@code torch.randn(...) * 0.01});</li>
 *   <li>{@link Scheme#ORTHOGONAL}: W_l = α·Q_l with Q_l ∈ ℝ^{n_l×n_{l−1}} having orthonormal rows or columns
 *   (whichever are fewer), the Q factor of a Gaussian matrix with a positive diagonal of R (torch.nn.init.orthogonal_;
 *   Saxe, McClelland &amp; Ganguli 2014);</li>
 *   <li>{@link Scheme#BALANCED}: Arora, Cohen, Golowich &amp; Hu 2019 (ICLR, Procedure 1): a standard Gaussian
 *   A ∈ ℝ^{n_L×n₀} with thin SVD A = UΣVᵀ truncated to r = min_l n_l, and W_l = α·V_l Σ^{1/L} V_{l−1}ᵀ with V₀ = V,
 *   V_L = U and random orthonormal V_l ∈ ℝ^{n_l×r} in between. Then W_{l+1}ᵀW_{l+1} = W_lW_lᵀ = α²V_lΣ^{2/L}V_lᵀ
 *   exactly (up to rounding) and the product is α^L·A_r.</li>
 * </ul>
 * Draws come from the given {@link RandomStream} in a fixed order (factor 1 first, each row-major), so a seed fixes the
 * bits. Immutable.
 */
public final class FactorInitialization {
    /** The schemes. */
    public enum Scheme { GAUSSIAN, ORTHOGONAL, BALANCED }

    /** The names {@link #byName} accepts. */
    public static final List<String> NAMES = List.of("gaussian", "orthogonal", "balanced");

    private final Scheme scheme;
    private final double alpha;

    private FactorInitialization(Scheme scheme, double alpha) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.alpha = Arguments.scale(alpha);
    }

    /** Entries α·N(0, 1). */
    public static FactorInitialization gaussian(double alpha) {
        return new FactorInitialization(Scheme.GAUSSIAN, alpha);
    }

    /** α times a random matrix with orthonormal rows or columns, per factor. */
    public static FactorInitialization orthogonal(double alpha) {
        return new FactorInitialization(Scheme.ORTHOGONAL, alpha);
    }

    /** Balanced factors of α^L times a Gaussian matrix (Arora et al. 2019). */
    public static FactorInitialization balanced(double alpha) {
        return new FactorInitialization(Scheme.BALANCED, alpha);
    }

    /** The scheme called {@code name} (gaussian, orthogonal, balanced) with scale α. */
    public static FactorInitialization byName(String name, double alpha) {
        Objects.requireNonNull(name, "name");
        switch (name) {
            case "gaussian":
                return gaussian(alpha);
            case "orthogonal":
                return orthogonal(alpha);
            case "balanced":
                return balanced(alpha);
            default:
                throw new IllegalArgumentException("unknown factor initialization \"" + name + "\"; choose one of " + NAMES);
        }
    }

    public Scheme scheme() {
        return scheme;
    }

    /** The scale α. */
    public double alpha() {
        return alpha;
    }

    /** The factors of {@code chain} as a new parameter vector of its layout; {@code rnd} is advanced. */
    public double[] initialize(FactorChain chain, RandomStream rnd) {
        double[] w = new double[chain.layout().size()];
        switch (scheme) {
            case GAUSSIAN -> {
                rnd.gaussians(w);
                for (int i = 0; i < w.length; i++) {
                    w[i] *= alpha;
                }
            }
            case ORTHOGONAL -> {
                for (int l = 1; l <= chain.depth(); l++) {
                    int rows = chain.block(l).rows();
                    int cols = chain.block(l).cols();
                    double[] q = orthonormal(Math.max(rows, cols), Math.min(rows, cols), rnd);
                    int off = chain.block(l).offset();
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < cols; j++) {
                            // Q is tall (max × min) with orthonormal columns; a wide factor takes its transpose
                            double v = rows >= cols ? q[i * cols + j] : q[j * rows + i];
                            w[off + i * cols + j] = alpha * v;
                        }
                    }
                }
            }
            case BALANCED -> balanced(chain, w, rnd);
            default -> throw new AssertionError(scheme);
        }
        return w;
    }

    /** m × k (m ≥ k) with orthonormal columns: qf of a standard Gaussian matrix, R with a positive diagonal. */
    private static double[] orthonormal(int m, int k, RandomStream rnd) {
        double[] g = rnd.gaussians(new double[m * k]);
        double[] q = new double[m * k];
        int bad = HouseholderQr.orthonormalFactorInto(g, m, k, q, new double[HouseholderQr.orthonormalWorkspaceSize(m, k)]);
        if (bad >= 0) {
            // a Gaussian matrix has full column rank with probability one
            throw new IllegalStateException("a Gaussian " + m + "×" + k + " matrix lost rank at column " + bad);
        }
        return q;
    }

    private void balanced(FactorChain chain, double[] w, RandomStream rnd) {
        int[] n = chain.widths();
        int depth = chain.depth();
        int rows = n[depth];
        int cols = n[0];
        int r = Integer.MAX_VALUE;
        for (int width : n) {
            r = Math.min(r, width);
        }
        JacobiSvd svd = new JacobiSvd(rows, cols);
        svd.decompose(rnd.gaussians(new double[rows * cols]));
        double[] sigma = svd.singularValues();
        double[] root = new double[r];
        for (int j = 0; j < r; j++) {
            root[j] = alpha * Math.pow(sigma[j], 1.0 / depth);
        }
        // frames[l]: n_l × r with orthonormal columns, row-major; frames[0] = V, frames[L] = U
        double[][] frames = new double[depth + 1][];
        frames[0] = columnsOf(svd.rightVectors(), r, cols);
        frames[depth] = columnsOf(svd.leftVectors(), r, rows);
        for (int l = 1; l < depth; l++) {
            frames[l] = orthonormal(n[l], r, rnd);
        }
        for (int l = 1; l <= depth; l++) {
            double[] out = frames[l];
            double[] in = frames[l - 1];
            int off = chain.block(l).offset();
            int nOut = n[l];
            int nIn = n[l - 1];
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nIn; j++) {
                    double s = 0;
                    for (int k = 0; k < r; k++) {
                        s += out[i * r + k] * root[k] * in[j * r + k];
                    }
                    w[off + i * nIn + j] = s;
                }
            }
        }
    }

    /** The first r rows of a row-major (≥ r) × len matrix, as a len × r matrix (those rows become columns). */
    private static double[] columnsOf(double[] rowsOfVectors, int r, int len) {
        double[] out = new double[len * r];
        for (int k = 0; k < r; k++) {
            for (int i = 0; i < len; i++) {
                out[i * r + k] = rowsOfVectors[k * len + i];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return scheme.name().toLowerCase(Locale.ROOT) + "(alpha=" + alpha + ")";
    }
}
