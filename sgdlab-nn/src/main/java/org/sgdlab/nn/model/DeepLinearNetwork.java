package org.sgdlab.nn.model;

import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;

/**
 * A deep linear network f(x) = W_L ⋯ W₂W₁x with widths d = n₀, n₁, …, n_L = k and no biases (002 ch. 8; Saxe et al.
 * 2014; Arora, Cohen &amp; Hazan 2018): the factors of a {@link FactorChain}, blocks "W1", …, "WL" with
 * W_l ∈ ℝ^{n_l×n_{l−1}}. On a [batch, d] input the graph computes X W₁ᵀ ⋯ W_Lᵀ. Positively homogeneous of degree L.
 * The function is linear in x with the end-to-end matrix {@link #product}; the parameterization is what changes the
 * implicit bias. Immutable.
 */
public final class DeepLinearNetwork extends FactorChainNetwork {

    /** The network with widths n₀ = features, n₁, …, n_L = outputs (L ≥ 1). */
    public DeepLinearNetwork(int... widths) {
        super(new FactorChain(widths));
    }

    /** Depth L with L − 1 hidden layers of width {@code hidden}: widths d, hidden, …, hidden, k. */
    public static DeepLinearNetwork of(int features, int depth, int hidden, int outputs) {
        Arguments.positive("depth", depth);
        int[] w = new int[depth + 1];
        java.util.Arrays.fill(w, Arguments.positive("hidden width", hidden));
        w[0] = Arguments.positive("features", features);
        w[depth] = Arguments.positive("outputs", outputs);
        return new DeepLinearNetwork(w);
    }

    @Override
    public int inputFeatures() {
        return chain.cols();
    }

    @Override
    public int outputs() {
        return chain.rows();
    }

    @Override
    public Node build(GraphBuilder b, Node input) {
        return chain.applyToRows(b, input);
    }

    @Override
    public String describe() {
        return "deep linear " + chain.describeWidths() + " (depth " + chain.depth() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
