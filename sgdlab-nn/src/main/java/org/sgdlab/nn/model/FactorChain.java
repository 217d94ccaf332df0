package org.sgdlab.nn.model;

import java.util.Arrays;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.param.ParameterBlock;
import org.sgdlab.nn.param.ParameterLayout;

/**
 * A product of matrices W = W_L ⋯ W₂W₁ with W_l ∈ ℝ^{n_l × n_{l−1}} (torch's nn.Linear layout: W_l maps ℝ^{n_{l−1}} to
 * ℝ^{n_l}), stored as the blocks "W1", …, "WL" of one flat parameter vector ({@link #layout()}), widths n₀, …, n_L.
 * The factors of a deep linear network ({@link DeepLinearNetwork}) and of a factorized matrix
 * ({@link FactorizedMatrix}, W ∈ ℝ^{n_L × n₀}). Besides building the product into a graph it computes it directly
 * (plain loops: the reference the graph is tested against, and what probes read) and measures the balancedness
 * W_{l+1}ᵀW_{l+1} = W_lW_lᵀ that gradient flow conserves (Arora, Cohen &amp; Hazan 2018, Theorem 1; Du, Hu &amp; Lee 2018).
 * Immutable.
 */
public final class FactorChain {
    private final int[] widths;
    private final ParameterLayout layout;

    /** Factors for widths n₀, …, n_L (L ≥ 1 factors; every width ≥ 1). */
    public FactorChain(int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a factor chain needs widths n0, ..., nL with L >= 1, got " + Arrays.toString(widths));
        }
        for (int w : widths) {
            Arguments.positive("width", w);
        }
        this.widths = widths.clone();
        ParameterLayout.Builder b = ParameterLayout.builder();
        for (int l = 1; l < widths.length; l++) {
            b.add(blockName(l), widths[l], widths[l - 1]);
        }
        this.layout = b.build();
    }

    /** The blocks W1, …, WL in this order. */
    public ParameterLayout layout() {
        return layout;
    }

    /** The number of factors L. */
    public int depth() {
        return widths.length - 1;
    }

    /** n₀, …, n_L (a copy). */
    public int[] widths() {
        return widths.clone();
    }

    /** Rows of the product, n_L. */
    public int rows() {
        return widths[widths.length - 1];
    }

    /** Columns of the product, n₀. */
    public int cols() {
        return widths[0];
    }

    /** The block name of factor l (1-based): {@code W}l. */
    public static String blockName(int l) {
        return "W" + l;
    }

    /** The block of factor l (1-based). */
    public ParameterBlock block(int l) {
        if (l < 1 || l > depth()) {
            throw new IllegalArgumentException("factor index must be in 1.." + depth() + ", got " + l);
        }
        return layout.block(blockName(l));
    }

    // ---- graphs ------------------------------------------------------------------------------------------------

    /** The product W_L ⋯ W₁ as a node [n_L, n₀], multiplied from the right: W_l (W_{l−1} ⋯ W₁). */
    public Node buildProduct(GraphBuilder b) {
        Node p = b.parameter(blockName(1));
        for (int l = 2; l <= depth(); l++) {
            p = b.matmul(b.parameter(blockName(l)), p);
        }
        return p;
    }

    /** The rows of x [batch, n₀] mapped by the product: x W₁ᵀ W₂ᵀ ⋯ W_Lᵀ, a node [batch, n_L]. */
    public Node applyToRows(GraphBuilder b, Node x) {
        Node h = x;
        for (int l = 1; l <= depth(); l++) {
            h = b.matmul(h, b.parameter(blockName(l)), false, true);
        }
        return h;
    }

    // ---- direct computation (plain loops) ----------------------------------------------------------------------

    /** Factor l (1-based) of {@code params} (read only) as a new matrix. */
    public Matrix factor(double[] params, int l) {
        layout.requireLength(params);
        ParameterBlock blk = block(l);
        return new Matrix(blk.rows(), blk.cols(), Arrays.copyOfRange(params, blk.offset(), blk.end()));
    }

    /** The product W_L ⋯ W₁ (n_L × n₀) of {@code params} (read only), as a new matrix. */
    public Matrix product(double[] params) {
        return partialProduct(params, 1, depth());
    }

    /**
     * W_to ⋯ W_from (1-based, inclusive; n_to × n_{from−1}) of {@code params} (read only), as a new matrix; the identity
     * of size n_{from−1} when to = from − 1 (an empty product). Accumulated from the right, as {@link #buildProduct}.
     */
    public Matrix partialProduct(double[] params, int from, int to) {
        layout.requireLength(params);
        if (from < 1 || to > depth() || to < from - 1) {
            throw new IllegalArgumentException("partial product W_to...W_from needs 1 <= from <= to + 1 <= L + 1 with L = "
                    + depth() + ", got from=" + from + ", to=" + to);
        }
        int n = widths[from - 1];
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++) {
            p[i * n + i] = 1.0;
        }
        int rows = n;
        for (int l = from; l <= to; l++) {
            ParameterBlock blk = block(l);
            p = multiply(params, blk.offset(), blk.rows(), blk.cols(), p, n);
            rows = blk.rows();
        }
        return new Matrix(rows, n, p);
    }

    /** (a × b) for a the r × k block at {@code aOff} of {@code a} and b a k × c row-major matrix; a new r × c array. */
    private static double[] multiply(double[] a, int aOff, int r, int k, double[] b, int c) {
        double[] out = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int t = 0; t < k; t++) {
                double ait = a[aOff + i * k + t];
                if (ait != 0.0) {
                    for (int j = 0; j < c; j++) {
                        out[i * c + j] += ait * b[t * c + j];
                    }
                }
            }
        }
        return out;
    }

    /**
     * The largest imbalance max_l ‖W_{l+1}ᵀW_{l+1} − W_lW_lᵀ‖_F over l = 1, …, L − 1 of {@code params} (read only); 0 for
     * one factor. Gradient flow on any loss of the product conserves each W_{l+1}ᵀW_{l+1} − W_lW_lᵀ (Arora, Cohen &amp;
     * Hazan 2018, Theorem 1), so a balanced start (0) stays balanced and gradient descent drifts by O(η²) per step.
     */
    public double balanceResidual(double[] params) {
        layout.requireLength(params);
        double worst = 0;
        for (int l = 1; l < depth(); l++) {
            ParameterBlock lo = block(l);
            ParameterBlock hi = block(l + 1);
            int n = widths[l];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double upper = 0; // (W_{l+1}ᵀ W_{l+1})_{ij} = Σ_r W_{l+1}[r, i] W_{l+1}[r, j]
                    for (int r = 0; r < hi.rows(); r++) {
                        upper += params[hi.offset() + r * n + i] * params[hi.offset() + r * n + j];
                    }
                    double lower = 0; // (W_l W_lᵀ)_{ij} = Σ_c W_l[i, c] W_l[j, c]
                    for (int c = 0; c < lo.cols(); c++) {
                        lower += params[lo.offset() + i * lo.cols() + c] * params[lo.offset() + j * lo.cols() + c];
                    }
                    double dij = upper - lower;
                    sum += dij * dij;
                }
            }
            worst = Math.max(worst, Math.sqrt(sum));
        }
        return worst;
    }

    /** The widths joined by dashes, n₀-n₁-…-n_L, e.g. {@code 3-10-3}. */
    public String describeWidths() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            s.append(i == 0 ? "" : "-").append(widths[i]);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "FactorChain(" + describeWidths() + ")";
    }
}
