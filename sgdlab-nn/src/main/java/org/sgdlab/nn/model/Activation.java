package org.sgdlab.nn.model;

import java.util.Objects;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;

/** An elementwise activation applied by a {@link GraphBuilder}. Immutable. */
public final class Activation {
    private final String name;
    private final Apply apply;

    @FunctionalInterface
    private interface Apply {
        Node apply(GraphBuilder b, Node x);
    }

    private Activation(String name, Apply apply) {
        this.name = name;
        this.apply = apply;
    }

    /** max(x, 0). */
    public static Activation relu() {
        return new Activation("relu", GraphBuilder::relu);
    }

    /** x for x &gt; 0, αx otherwise. */
    public static Activation leakyRelu(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("leaky relu slope must be finite, got " + alpha);
        }
        return new Activation("leaky-relu(" + alpha + ")", (b, x) -> b.leakyRelu(x, alpha));
    }

    public static Activation tanh() {
        return new Activation("tanh", GraphBuilder::tanh);
    }

    public static Activation sigmoid() {
        return new Activation("sigmoid", GraphBuilder::sigmoid);
    }

    public static Activation softplus() {
        return new Activation("softplus", GraphBuilder::softplus);
    }

    /** The identity (a linear network). */
    public static Activation identity() {
        return new Activation("identity", (b, x) -> x);
    }

    /** Applies the activation to {@code x}. */
    public Node apply(GraphBuilder b, Node x) {
        return apply.apply(Objects.requireNonNull(b, "builder"), Objects.requireNonNull(x, "x"));
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

}
