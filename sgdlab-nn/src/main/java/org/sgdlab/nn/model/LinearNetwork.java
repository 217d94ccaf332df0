package org.sgdlab.nn.model;

import java.util.OptionalInt;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.random.RandomStream;

/**
 * The linear model as a network: outputs X Wᵀ (+ b) with W ∈ ℝ^{k×d} ("W") and b ∈ ℝ^k ("b"). The flat layout is
 * core's: for k = 1 it is {@code org.sgdlab.model.LinearModel}'s (w, then the intercept), for k classes without
 * intercept it is {@code org.sgdlab.objective.SoftmaxCrossEntropy}'s (one row of W per class), so the same parameter
 * vector means the same model in both.
 */
public final class LinearNetwork implements Network {
    private final int features;
    private final int outputs;
    private final boolean intercept;
    private final ParameterLayout layout;

    public LinearNetwork(int features, int outputs, boolean intercept) {
        if (features < 1) {
            throw new IllegalArgumentException("features must be >= 1, got " + features);
        }
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, got " + outputs);
        }
        this.features = features;
        this.outputs = outputs;
        this.intercept = intercept;
        ParameterLayout.Builder b = ParameterLayout.builder().add("W", outputs, features);
        if (intercept) {
            b.add("b", outputs);
        }
        this.layout = b.build();
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
        return outputs;
    }

    public boolean hasIntercept() {
        return intercept;
    }

    @Override
    public Node build(GraphBuilder b, Node input) {
        Node z = b.matmul(input, b.parameter("W"), false, true);
        return intercept ? b.add(z, b.parameter("b")) : z;
    }

    @Override
    public boolean rowSeparable() {
        return true;
    }

    /** 1 without an intercept; none with one. */
    @Override
    public OptionalInt homogeneityDegree() {
        return intercept ? OptionalInt.empty() : OptionalInt.of(1);
    }

    /** W with entries α·N(0, 1/d) (the CLI's {@code --init random} for the linear model), intercepts 0. */
    @Override
    public double[] initialize(RandomStream rnd, double scale) {
        double alpha = Arguments.scale(scale);
        double[] w = new double[layout.size()];
        int k = outputs * features;
        for (int i = 0; i < k; i++) {
            w[i] = rnd.nextGaussian() * alpha / Math.sqrt(features);
        }
        return w;
    }

    @Override
    public String describe() {
        return "linear " + features + "-" + outputs + (intercept ? " (intercept)" : "");
    }
}
