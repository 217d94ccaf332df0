package org.sgdlab.nn.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;

/**
 * A matrix W ∈ ℝ^{m×n} parameterized as a product of L factors W = W_L ⋯ W₁ ({@link FactorChain}, widths
 * n = n₀, n₁, …, n_L = m; depth 1 is W itself), observed through linear measurements — the setting of implicit
 * nuclear-norm regularization (Gunasekar et al. 2017; Arora, Cohen, Hu &amp; Luo 2019; source 001 §3.1 and
 * experiment 3). Each example is one measurement, so a {@code NetworkObjective} with core's squared loss and
 * {@code Reduction.SUM} is ½ Σₖ (⟨Aₖ, W⟩ − bₖ)², minibatches sample measurements, and
 * {@code NetworkLoss.scaled(…, 2)} gives the source's un-halved Σₖ (⟨Aₖ, W⟩ − bₖ)² = ‖Y − W₂W₁‖²_F.
 * <ul>
 *   <li>{@link Observation#SENSING}: example k is the row vec(Aₖ) ∈ ℝ^{m·n} (row-major) and the output ⟨Aₖ, W⟩;
 *   ({@link #sensingData});</li>
 *   <li>{@link Observation#COMPLETION}: example k is the pair (iₖ, jₖ) of a row and a column (two features, integers
 *   0 ≤ i &lt; m, 0 ≤ j &lt; n) and the output W_{iₖjₖ} ({@link #completionData}, {@link #fullyObserved}). The same as
 *   sensing with Aₖ = e_{iₖ}e_{jₖ}ᵀ, without the m·n-wide rows.</li>
 * </ul>
 * Positively homogeneous of degree L. Immutable.
 */
public final class FactorizedMatrix extends FactorChainNetwork {
    /** How examples observe W. */
    public enum Observation { SENSING, COMPLETION }

    private final Observation observation;

    private FactorizedMatrix(Observation observation, int rows, int cols, int[] inner) {
        super(new FactorChain(widths(rows, cols, inner)));
        this.observation = Objects.requireNonNull(observation, "observation");
    }

    /** n = cols, the inner widths, m = rows: the chain's widths, each checked positive. */
    private static int[] widths(int rows, int cols, int[] inner) {
        int[] w = new int[inner.length + 2];
        w[0] = Arguments.positive("columns", cols);
        for (int i = 0; i < inner.length; i++) {
            w[i + 1] = Arguments.positive("inner width", inner[i]);
        }
        w[w.length - 1] = Arguments.positive("rows", rows);
        return w;
    }

    /**
     * Matrix sensing of W ∈ ℝ^{rows×cols} = W_L ⋯ W₁ with inner widths n₁, …, n_{L−1} ({@code inner}; none for L = 1):
     * W₁ is n₁ × cols, W_L is rows × n_{L−1}.
     */
    public static FactorizedMatrix sensing(int rows, int cols, int... inner) {
        return new FactorizedMatrix(Observation.SENSING, rows, cols, inner);
    }

    /** Matrix completion of W ∈ ℝ^{rows×cols} = W_L ⋯ W₁ with inner widths {@code inner} (none for depth 1). */
    public static FactorizedMatrix completion(int rows, int cols, int... inner) {
        return new FactorizedMatrix(Observation.COMPLETION, rows, cols, inner);
    }

    /** Depth L = {@code depth} with every one of the L − 1 inner widths equal to {@code width}. */
    public static FactorizedMatrix of(Observation observation, int rows, int cols, int depth, int width) {
        int[] inner = new int[Arguments.positive("depth", depth) - 1];
        Arrays.fill(inner, width);
        return new FactorizedMatrix(observation, rows, cols, inner);
    }

    public Observation observation() {
        return observation;
    }

    /** m. */
    public int rows() {
        return chain.rows();
    }

    /** n. */
    public int cols() {
        return chain.cols();
    }

    /** m·n for sensing (the row vec(Aₖ)), 2 for completion (the row and column of the entry). */
    @Override
    public int inputFeatures() {
        return observation == Observation.SENSING ? rows() * cols() : 2;
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public Node build(GraphBuilder b, Node input) {
        Node w = chain.buildProduct(b);
        int batch = input.shape().dim(0);
        if (observation == Observation.SENSING) {
            return b.matmul(input, b.reshape(w, rows() * cols(), 1));
        }
        return b.reshape(b.entries(w, input), batch, 1);
    }

    /** ‖W‖_* = Σ σᵢ(W), the nuclear norm of {@code w} (one-sided Jacobi SVD). */
    public static double nuclearNorm(Matrix w) {
        double s = 0;
        for (double sigma : JacobiSvd.singularValues(w.data(), w.rows(), w.cols())) {
            s += sigma;
        }
        return s;
    }

    // ---- data ----------------------------------------------------------------------------------------------------

    /** Completion data: example k observes entry (rows[k], cols[k]) with value values[k] (arrays read only). */
    public static Dataset completionData(String name, int[] rows, int[] cols, double[] values) {
        if (rows.length != cols.length || rows.length != values.length) {
            throw new IllegalArgumentException("completion data needs as many rows, columns and values, got " + rows.length
                    + ", " + cols.length + " and " + values.length);
        }
        double[] x = new double[2 * rows.length];
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || cols[k] < 0) {
                throw new IllegalArgumentException("observation " + k + " has a negative index (" + rows[k] + ", " + cols[k] + ")");
            }
            x[2 * k] = rows[k];
            x[2 * k + 1] = cols[k];
        }
        return new Dataset(name, new Matrix(rows.length, 2, x), values.clone(), List.of("row", "col"));
    }

    /** Every entry of {@code y} observed, in row-major order (source 001 experiment 3: a fully observed 3 × 3 Y). */
    public static Dataset fullyObserved(String name, Matrix y) {
        int m = y.rows();
        int n = y.cols();
        int[] r = new int[m * n];
        int[] c = new int[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                r[i * n + j] = i;
                c[i * n + j] = j;
            }
        }
        return completionData(name, r, c, y.data());
    }

    /** Sensing data: example k is vec(a[k]) (row-major, every a[k] of one shape) with target b[k] (all read only). */
    public static Dataset sensingData(String name, Matrix[] a, double[] b) {
        if (a.length == 0 || a.length != b.length) {
            throw new IllegalArgumentException("sensing data needs as many measurement matrices as targets (at least one), got "
                    + a.length + " and " + b.length);
        }
        int m = a[0].rows();
        int n = a[0].cols();
        double[] x = new double[a.length * m * n];
        for (int k = 0; k < a.length; k++) {
            if (a[k].rows() != m || a[k].cols() != n) {
                throw new IllegalArgumentException("measurement " + k + " is " + a[k].rows() + "×" + a[k].cols()
                        + ", the first is " + m + "×" + n);
            }
            System.arraycopy(a[k].data(), 0, x, k * m * n, m * n);
        }
        return new Dataset(name, new Matrix(a.length, m * n, x), b.clone());
    }

    /**
     * Checks that {@code data} fits this model: m·n features for sensing; for completion two integer columns with
     * 0 ≤ row &lt; m and 0 ≤ column &lt; n (the message names the example and the value).
     */
    @Override
    public void validate(Dataset data) {
        if (data.d() != inputFeatures()) {
            throw new IllegalArgumentException(describe() + " needs " + inputFeatures() + " features per example, data "
                    + data.name() + " has " + data.d());
        }
        if (observation == Observation.COMPLETION) {
            double[] x = data.x().data();
            for (int k = 0; k < data.n(); k++) {
                double i = x[2 * k];
                double j = x[2 * k + 1];
                if (i != Math.rint(i) || j != Math.rint(j) || i < 0 || j < 0 || i >= rows() || j >= cols()) {
                    throw new IllegalArgumentException("example " + k + " of " + data.name() + " observes entry (" + i + ", " + j
                            + "), not an entry of a " + rows() + "×" + cols() + " matrix");
                }
            }
        }
    }

    @Override
    public String describe() {
        return "factorized " + rows() + "×" + cols() + " = " + (depth() == 1 ? "W1" : "W" + depth() + "⋯W1") + " (widths "
                + chain.describeWidths() + ", " + observation.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
