package org.sgdlab.nn.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.random.RandomStream;

/**
 * A depth-D diagonal linear network: the linear predictor f(x) = ⟨w, x⟩ with w ∈ ℝ^d a coordinatewise polynomial of
 * the parameters (002 Example 8.1.5; Woodworth et al. 2020, "Kernel and rich regimes in overparametrized models";
 * source 001 §3.2). Two forms:
 * <ul>
 *   <li>{@link Form#PRODUCT}: w = u₁ ⊙ u₂ ⊙ ⋯ ⊙ u_D, blocks "u1", …, "uD" of length d. For D = 2 this is source 001's
 *   eq. (24), f(x) = w₂ ⊙ (w₁ ⊙ x), read with the scalar output 1ᵀ(w₂ ⊙ w₁ ⊙ x) = ⟨w₁ ⊙ w₂, x⟩ that its constraint
 *   (25) fits against yᵢ;</li>
 *   <li>{@link Form#DIFFERENCE}: w = u^{⊙D} − v^{⊙D}, blocks "u" then "v" (Woodworth et al.'s depth-D model, which can
 *   represent every sign). For D = 2 it is core's {@code DiagonalNetObjective} (same flat layout θ = (u, v)).</li>
 * </ul>
 * Positively homogeneous of degree D. Powers are repeated Hadamard products, so every derivative is the product rule's.
 * Immutable.
 */
public final class DiagonalNetwork implements Network {
    /** How w is formed from the parameters. */
    public enum Form { PRODUCT, DIFFERENCE }

    private final int features;
    private final int depth;
    private final Form form;
    private final ParameterLayout layout;

    private DiagonalNetwork(int features, int depth, Form form) {
        this.features = Arguments.positive("features", features);
        this.depth = Arguments.positive("depth", depth);
        this.form = Objects.requireNonNull(form, "form");
        ParameterLayout.Builder b = ParameterLayout.builder();
        if (form == Form.PRODUCT) {
            for (int k = 1; k <= depth; k++) {
                b.add("u" + k, features);
            }
        } else {
            b.add("u", features).add("v", features);
        }
        this.layout = b.build();
    }

    /** w = u₁ ⊙ ⋯ ⊙ u_D over d = {@code features} coordinates. */
    public static DiagonalNetwork product(int features, int depth) {
        return new DiagonalNetwork(features, depth, Form.PRODUCT);
    }

    /** w = u^{⊙D} − v^{⊙D} over d = {@code features} coordinates. */
    public static DiagonalNetwork difference(int features, int depth) {
        return new DiagonalNetwork(features, depth, Form.DIFFERENCE);
    }

    public Form form() {
        return form;
    }

    /** D. */
    public int depth() {
        return depth;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int inputFeatures() {
        return features;
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public Node build(GraphBuilder b, Node input) {
        Node w;
        if (form == Form.PRODUCT) {
            w = b.parameter("u1");
            for (int k = 2; k <= depth; k++) {
                w = b.mul(w, b.parameter("u" + k));
            }
        } else {
            w = depth == 1 ? b.sub(b.parameter("u"), b.parameter("v"))
                    : b.sub(power(b, b.parameter("u")), power(b, b.parameter("v")));
        }
        return b.matmul(input, b.reshape(w, features, 1));
    }

    private Node power(GraphBuilder b, Node u) {
        Node p = u;
        for (int k = 2; k <= depth; k++) {
            p = b.mul(p, u);
        }
        return p;
    }

    @Override
    public boolean rowSeparable() {
        return true;
    }

    /** D: w(c·θ) = c^D w(θ). */
    @Override
    public OptionalInt homogeneityDegree() {
        return OptionalInt.of(depth);
    }

    /** The linear predictor w ∈ ℝ^d of {@code params} (read only), as a new vector (the graph's products, in its order). */
    public double[] weights(double[] params) {
        layout.requireLength(params);
        double[] w = new double[features];
        for (int j = 0; j < features; j++) {
            if (form == Form.PRODUCT) {
                double p = params[j];
                for (int k = 1; k < depth; k++) {
                    p *= params[k * features + j];
                }
                w[j] = p;
            } else {
                double u = params[j];
                double v = params[features + j];
                double pu = u;
                double pv = v;
                for (int k = 2; k <= depth; k++) {
                    pu *= u;
                    pv *= v;
                }
                w[j] = pu - pv;
            }
        }
        return w;
    }

    /**
     * Every parameter α (the constant start of Woodworth et al. and of {@code DiagonalNetObjective.initial}): the
     * difference form starts at w = 0 with u ⊙ v = α², the product form at w = α^D·1 (where a product of equal factors
     * keeps its sign: gradient flow conserves u_k² − u_l²). {@code rnd} is not used.
     */
    @Override
    public double[] initialize(RandomStream rnd, double scale) {
        double[] w = new double[layout.size()];
        Arrays.fill(w, Arguments.scale(scale));
        return w;
    }

    @Override
    public String describe() {
        return "diagonal depth " + depth + " over " + features + " features (" + (form == Form.PRODUCT
                ? "w = u1⊙…⊙u" + depth : "w = u^" + depth + " − v^" + depth) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
