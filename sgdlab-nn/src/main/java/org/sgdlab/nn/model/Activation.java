package org.sgdlab.nn.model;

import java.util.Objects;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;

/** An elementwise activation applied by a {@link GraphBuilder}. Immutable. */
public final class Activation {
    private final String name;
    private final Apply apply;
    private final boolean positivelyHomogeneous;

    @FunctionalInterface
    private interface Apply {
        Node apply(GraphBuilder b, Node x);
    }

    private Activation(String name, Apply apply, boolean positivelyHomogeneous) {
        this.name = name;
        this.apply = apply;
        this.positivelyHomogeneous = positivelyHomogeneous;
    }

    /** max(x, 0). */
    public static Activation relu() {
        return new Activation("relu", GraphBuilder::relu, true);
    }

    /** x for x &gt; 0, αx otherwise. */
    public static Activation leakyRelu(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("leaky relu slope must be finite, got " + alpha);
        }
        return new Activation("leaky-relu(" + alpha + ")", (b, x) -> b.leakyRelu(x, alpha), true);
    }

    public static Activation tanh() {
        return new Activation("tanh", GraphBuilder::tanh, false);
    }

    public static Activation sigmoid() {
        return new Activation("sigmoid", GraphBuilder::sigmoid, false);
    }

    public static Activation softplus() {
        return new Activation("softplus", GraphBuilder::softplus, false);
    }

    /** The identity (a linear network). */
    public static Activation identity() {
        return new Activation("identity", (b, x) -> x, true);
    }

    /** Applies the activation to {@code x}. */
    public Node apply(GraphBuilder b, Node x) {
        return apply.apply(Objects.requireNonNull(b, "builder"), Objects.requireNonNull(x, "x"));
    }

    /** True for {@link #relu()}: a dense layer then fuses its bias and activation ({@link GraphBuilder#biasRelu}). */
    boolean isRelu() {
        return "relu".equals(name);
    }

    public String name() {
        return name;
    }

    /**
     * True when σ(c·x) = c·σ(x) for every c &gt; 0 (relu, leaky relu, identity): a bias-free network of such layers is
     * then positively homogeneous in its parameters ({@link Network#homogeneityDegree()}).
     */
    public boolean positivelyHomogeneous() {
        return positivelyHomogeneous;
    }

    /**
     * The activation called {@code name}: relu, tanh, sigmoid, softplus, identity, or leaky-relu with an optional
     * slope, {@code leaky-relu:0.1} (default 0.01, torch's).
     */
    public static Activation byName(String name) {
        Objects.requireNonNull(name, "name");
        switch (name) {
            case "relu":
                return relu();
            case "tanh":
                return tanh();
            case "sigmoid":
                return sigmoid();
            case "softplus":
                return softplus();
            case "identity":
            case "linear":
                return identity();
            case "leaky-relu":
                return leakyRelu(0.01);
            default:
                if (name.startsWith("leaky-relu:")) {
                    String slope = name.substring("leaky-relu:".length());
                    try {
                        return leakyRelu(Double.parseDouble(slope));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("leaky relu slope must be a number, got \"" + slope + "\"");
                    }
                }
                throw new IllegalArgumentException("unknown activation \"" + name + "\"; choose one of " + NAMES);
        }
    }

    /** The names {@link #byName} accepts. */
    public static final java.util.List<String> NAMES = java.util.List.of("relu", "leaky-relu[:slope]", "tanh", "sigmoid",
            "softplus", "identity");

    @Override
    public String toString() {
        return name;
    }

}
