package org.sgdlab.nn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.nn.autodiff.BatchNormStatistics;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.param.ParameterBlock;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.checkpoint.Checkpointable;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * A fully connected network with widths d = n₀, n₁, …, n_L = k:
 * <pre>
 *   h₀ = x,   z_l = h_{l−1} W_lᵀ (+ b_l),   h_l = σ(N(z_l))  (l &lt; L),   output z_L
 * </pre>
 * with W_l ∈ ℝ^{n_l × n_{l−1}} (torch's nn.Linear layout, parameter "W{l}"), optional biases "b{l}", and optional
 * normalization N of the hidden layers (batch norm over the batch, or layer norm over the features, each with a scale
 * "gamma{l}" and shift "beta{l}"). Batch-norm running statistics live in this object and are shared by every graph
 * built from it. Immutable apart from those statistics.
 *
 * <p>A hidden relu layer with a bias and no normalization is built as one node, relu(z + b)
 * ({@link GraphBuilder#biasRelu}), with the bits of {@code relu(add(z, b))} and one pass over the batch instead of two.
 *
 * <p><b>Feature-major layout for a native GEMM.</b> When core's {@link Gemm} runs a native backend
 * ({@code -Dsgdlab.blas=openblas}) and the network is a relu MLP with biases and no normalization, it is built on the
 * transposed activations, one row per feature and one column per example: z_lᵀ = W_l h_{l−1}ᵀ (the first as W₁ xᵀ),
 * h_lᵀ = relu(z_lᵀ + b_l 1ᵀ) (the per-row bias of {@link GraphBuilder#biasRelu}), output (z_Lᵀ + b_L 1ᵀ)ᵀ. The same
 * function and derivatives, from the same products in the other orientation: every large product then writes a C
 * whose long side (the batch) is OpenBLAS's column-major M, the orientation its kernel runs fastest (on the 2000-row
 * batch of a 784-256-256-1 net, one thread, Cooperlake kernel: 256 × 2000 × 256 in 4.1–4.3 ms against 4.5–4.7 ms as
 * 2000 × 256 × 256), with no transposing copy. The Java GEMM keeps the row layout (and its bits).
 */
public final class Mlp implements Network, Checkpointable {
    /** The normalization of the hidden pre-activations. */
    public enum Normalization { NONE, BATCH, LAYER }

    private final int[] widths;
    private final Activation activation;
    private final boolean bias;
    private final Normalization normalization;
    private final double eps;
    private final BatchNormStatistics[] statistics;
    private final ParameterLayout layout;
    /** Whether {@link #build} uses the feature-major layout (see the class comment); null = when Gemm is native. */
    private final Boolean featureMajor;

    private Mlp(Builder b) {
        this.widths = b.widths();
        this.activation = b.activation;
        this.bias = b.bias;
        this.normalization = b.normalization;
        this.eps = b.eps;
        this.featureMajor = b.featureMajor;
        int layers = widths.length - 1;
        ParameterLayout.Builder lb = ParameterLayout.builder();
        this.statistics = new BatchNormStatistics[layers];
        for (int l = 1; l <= layers; l++) {
            lb.add("W" + l, widths[l], widths[l - 1]);
            if (bias) {
                lb.add("b" + l, widths[l]);
            }
            if (l < layers && normalization != Normalization.NONE) {
                lb.add("gamma" + l, widths[l]);
                lb.add("beta" + l, widths[l]);
                if (normalization == Normalization.BATCH) {
                    statistics[l - 1] = new BatchNormStatistics(widths[l], b.momentum, eps);
                }
            }
        }
        this.layout = lb.build();
    }

    /** A builder for inputs of {@code features} columns. */
    public static Builder builder(int features) {
        return new Builder(features);
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int inputFeatures() {
        return widths[0];
    }

    @Override
    public int outputs() {
        return widths[widths.length - 1];
    }

    /** n₀, …, n_L (a copy). */
    public int[] widths() {
        return widths.clone();
    }

    /** The number of linear layers L. */
    public int depth() {
        return widths.length - 1;
    }

    public Activation activation() {
        return activation;
    }

    public boolean hasBias() {
        return bias;
    }

    public Normalization normalization() {
        return normalization;
    }

    /** The batch-norm running statistics of every hidden layer (none without batch norm), for checkpoints. */
    @Override
    public void fields(StateFields f) {
        for (int l = 0; l < statistics.length; l++) {
            if (statistics[l] != null) {
                f.nested("batch_norm" + (l + 1), statistics[l]);
            }
        }
    }

    /** The running statistics of hidden layer l (1-based), for batch normalization. */
    public BatchNormStatistics batchNormStatistics(int layer) {
        if (normalization != Normalization.BATCH || layer < 1 || layer >= depth()) {
            throw new IllegalArgumentException("no batch-norm statistics for layer " + layer + " of " + describe());
        }
        return statistics[layer - 1];
    }

    /**
     * Whether {@link #build} lays the activations out feature-major: for a relu MLP with biases, no normalization and
     * a hidden layer, when core's Gemm is native (or as the builder forced it).
     */
    boolean buildsFeatureMajor() {
        boolean eligible = bias && normalization == Normalization.NONE && activation.isRelu() && depth() >= 2;
        boolean wanted = featureMajor != null ? featureMajor : !"java".equals(Gemm.backend().name());
        return eligible && wanted;
    }

    @Override
    public Node build(GraphBuilder b, Node input) {
        if (buildsFeatureMajor()) {
            return buildFeatureMajor(b, input);
        }
        Node h = input;
        int layers = depth();
        for (int l = 1; l <= layers; l++) {
            Node z = b.matmul(h, b.parameter("W" + l), false, true);
            if (bias && l < layers && normalization == Normalization.NONE && activation.isRelu()) {
                h = b.biasRelu(z, b.parameter("b" + l)); // relu(z + b) in one node, the same bits
                continue;
            }
            if (bias) {
                z = b.add(z, b.parameter("b" + l));
            }
            if (l == layers) {
                return z;
            }
            switch (normalization) {
                case BATCH -> z = b.batchNorm(z, statistics[l - 1], b.parameter("gamma" + l), b.parameter("beta" + l));
                case LAYER -> z = b.layerNorm(z, eps, b.parameter("gamma" + l), b.parameter("beta" + l));
                case NONE -> {
                }
            }
            h = activation.apply(b, z);
        }
        throw new AssertionError("unreachable");
    }

    /** The graph on transposed activations (class comment): h holds h_lᵀ, n_l rows by one column per example. */
    private Node buildFeatureMajor(GraphBuilder b, Node input) {
        int layers = depth();
        Node h = null;
        for (int l = 1; l <= layers; l++) {
            Node w = b.parameter("W" + l);
            Node z = l == 1 ? b.matmul(w, input, false, true) : b.matmul(w, h, false, false);
            Node column = b.reshape(b.parameter("b" + l), widths[l], 1);
            if (l == layers) {
                return b.transpose(b.add(z, column));
            }
            h = b.biasRelu(z, column);
        }
        throw new AssertionError("unreachable");
    }

    @Override
    public boolean rowSeparable() {
        return normalization != Normalization.BATCH;
    }

    /**
     * L, the number of linear layers, when the network is bias-free, unnormalized and its activation positively
     * homogeneous (relu, leaky relu, identity): then f(c·θ; x) = c^L f(θ; x). Empty otherwise (biases and normalization
     * break homogeneity in θ as a whole; a normalized layer is scale-invariant in its own weights instead, see
     * {@link #blocksFeedingNormalization}).
     */
    @Override
    public OptionalInt homogeneityDegree() {
        return !bias && normalization == Normalization.NONE && activation.positivelyHomogeneous()
                ? OptionalInt.of(depth()) : OptionalInt.empty();
    }

    /**
     * The blocks feeding the normalization of hidden layer l (1-based, l &lt; L): W_l, and b_l when there are biases. The
     * loss is invariant under scaling them together, L(c·W_l, c·b_l) = L(W_l, b_l) for c &gt; 0 (exactly for ε = 0,
     * up to O(ε/σ²) otherwise; source 001 derivation 7.5), so the gradient is orthogonal to them and gradient descent
     * only grows their norm. Source 001 experiment 4's Linear(2,10) → BatchNorm1d(10) has these as "W1", "b1".
     */
    public List<String> blocksFeedingNormalization(int layer) {
        if (normalization == Normalization.NONE || layer < 1 || layer >= depth()) {
            throw new IllegalArgumentException("no normalization after layer " + layer + " of " + describe());
        }
        return bias ? List.of("W" + layer, "b" + layer) : List.of("W" + layer);
    }

    /**
     * torch's nn.Linear defaults ({@link #initialize(RandomStream)}) with every weight and bias multiplied by α =
     * {@code scale} (normalization scales stay 1, shifts 0); α = 1 is torch's. A new vector; {@code rnd} is advanced
     * exactly as by {@link #initialize(RandomStream)}.
     */
    @Override
    public double[] initialize(RandomStream rnd, double scale) {
        double alpha = Arguments.scale(scale);
        double[] w = initialize(rnd);
        if (alpha != 1.0) {
            for (ParameterBlock blk : layout.blocks()) {
                if (!blk.name().startsWith("gamma") && !blk.name().startsWith("beta")) {
                    for (int i = blk.offset(); i < blk.end(); i++) {
                        w[i] *= alpha;
                    }
                }
            }
        }
        return w;
    }

    /**
     * Parameters drawn like torch's nn.Linear defaults: every entry of W_l and b_l uniform in ±1/√n_{l−1}; normalization
     * scales 1 and shifts 0. A new vector; {@code rnd} is advanced.
     */
    public double[] initialize(RandomStream rnd) {
        double[] w = new double[layout.size()];
        for (ParameterBlock blk : layout.blocks()) {
            String n = blk.name();
            if (n.startsWith("gamma")) {
                Arrays.fill(w, blk.offset(), blk.end(), 1.0);
            } else if (n.startsWith("W") || n.startsWith("b") && !n.startsWith("beta")) {
                int l = Integer.parseInt(n.substring(1));
                double bound = 1.0 / Math.sqrt(widths[l - 1]);
                for (int i = blk.offset(); i < blk.end(); i++) {
                    w[i] = bound * (2 * rnd.nextDouble() - 1);
                }
            }
        }
        return w;
    }

    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(activation.name());
        parts.add(bias ? "bias" : "no bias");
        if (normalization != Normalization.NONE) {
            parts.add(normalization.name().toLowerCase(Locale.ROOT) + " norm");
        }
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            w.append(i == 0 ? "" : "-").append(widths[i]);
        }
        return "mlp " + w + " (" + String.join(", ", parts) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Configures an {@link Mlp}. */
    public static final class Builder {
        private final int features;
        private final List<Integer> hidden = new ArrayList<>();
        private int outputs = 1;
        private Activation activation = Activation.relu();
        private boolean bias = true;
        private Normalization normalization = Normalization.NONE;
        private double eps = 1e-5;
        private double momentum = 0.1;
        private Boolean featureMajor;

        private Builder(int features) {
            this.features = positive("features", features);
        }

        private static int positive(String what, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be >= 1, got " + v);
            }
            return v;
        }

        /** Appends hidden layers of these widths. */
        public Builder hidden(int... widths) {
            for (int w : widths) {
                hidden.add(positive("hidden width", w));
            }
            return this;
        }

        /** The number of outputs k (default 1). */
        public Builder outputs(int k) {
            this.outputs = positive("outputs", k);
            return this;
        }

        /** The hidden activation (default relu). */
        public Builder activation(Activation a) {
            this.activation = Objects.requireNonNull(a, "activation");
            return this;
        }

        /** Whether the linear layers have biases (default true). */
        public Builder bias(boolean b) {
            this.bias = b;
            return this;
        }

        /** Normalization of the hidden pre-activations (default none), with torch's ε = 1e-5 and momentum 0.1. */
        public Builder normalization(Normalization n) {
            this.normalization = Objects.requireNonNull(n, "normalization");
            return this;
        }

        /** ε of the normalization (default 1e-5). */
        public Builder eps(double e) {
            if (!(e >= 0) || Double.isInfinite(e)) {
                throw new IllegalArgumentException("eps must be >= 0 and finite, got " + e);
            }
            this.eps = e;
            return this;
        }

        /**
         * Forces the feature-major layout on ({@code true}) or off ({@code false}) whatever the GEMM backend, for
         * tests comparing the two layouts on one backend; by default it follows the backend (class comment).
         */
        Builder featureMajor(boolean on) {
            this.featureMajor = on;
            return this;
        }

        private int[] widths() {
            int[] w = new int[hidden.size() + 2];
            w[0] = features;
            for (int i = 0; i < hidden.size(); i++) {
                w[i + 1] = hidden.get(i);
            }
            w[w.length - 1] = outputs;
            return w;
        }

        public Mlp build() {
            return new Mlp(this);
        }
    }
}
