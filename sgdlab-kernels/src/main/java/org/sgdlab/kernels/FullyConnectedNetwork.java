package org.sgdlab.kernels;

import java.util.Objects;
import java.util.OptionalInt;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.model.Activation;
import org.sgdlab.nn.model.Network;
import org.sgdlab.nn.param.ParameterBlock;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.random.RandomStream;

/**
 * The finite-width network whose NTK {@link AnalyticNtk} is the limit of: bias-free, fully connected, scalar output,
 * D weight layers "W1" … "WD" (W_h ∈ ℝ^{n_h × n_{h−1}}, torch's layout, inputs as rows), activation relu, tanh or
 * softplus, in either {@link Parameterization}:
 * <pre>
 *   NTK:      z₁ = x W₁ᵀ,  h_l = √(c_σ/n_l)·σ(z_l),  z_{l+1} = h_l W_{l+1}ᵀ,  all W ∼ N(0, 1)          (002 eq. 9.12)
 *   standard: z₁ = x W₁ᵀ,  h_l = σ(z_l),            z_{l+1} = h_l W_{l+1}ᵀ,  W₁ ∼ N(0, 1), W_l ∼ N(0, c_σ/n_{l−1})
 * </pre>
 * Both compute the same function of the same random draw; they differ in what a gradient step moves (docs/ntk.md).
 * {@link #analyticNtk()} is the matching infinite-width kernel (all layers trained). Immutable.
 */
public final class FullyConnectedNetwork implements Network {
    private final int inputs;
    private final int[] hidden;
    private final String activationName;
    private final Activation activation;
    private final double cSigma;
    private final Parameterization parameterization;
    private final ParameterLayout layout;

    /**
     * @param inputs           n₀ ≥ 1
     * @param hiddenWidths     n₁ … n_L (each ≥ 1; empty for the linear model f = W₁x); copied
     * @param activation       relu, tanh or softplus
     * @param cSigma           c_σ &gt; 0, or NaN for the activation's default 1/E[σ(z)²] (2 for relu)
     * @param parameterization NTK or standard
     */
    public FullyConnectedNetwork(int inputs, int[] hiddenWidths, String activation, double cSigma,
                                 Parameterization parameterization) {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
        }
        for (int w : hiddenWidths) {
            if (w < 1) {
                throw new IllegalArgumentException("hidden width must be >= 1, got " + w);
            }
        }
        if (!activation.equals("relu") && !activation.equals("tanh") && !activation.equals("softplus")) {
            throw new IllegalArgumentException("activation must be relu, tanh or softplus (a network activation with an NTK "
                    + "dual), got \"" + activation + "\"");
        }
        this.inputs = inputs;
        this.hidden = hiddenWidths.clone();
        this.activationName = activation;
        this.activation = Activation.byName(activation);
        this.cSigma = Double.isNaN(cSigma) ? dual().defaultScale() : InnerProducts.positive("c_sigma", cSigma);
        this.parameterization = Objects.requireNonNull(parameterization, "parameterization");
        ParameterLayout.Builder lb = ParameterLayout.builder();
        int fanIn = inputs;
        for (int l = 1; l <= hidden.length + 1; l++) {
            int fanOut = l <= hidden.length ? hidden[l - 1] : 1;
            lb.add("W" + l, fanOut, fanIn);
            fanIn = fanOut;
        }
        this.layout = lb.build();
    }

    private DualActivation dual() {
        return DualActivation.byName(activationName, QuadratureDual.DEFAULT_POINTS);
    }

    /** D, the number of weight layers. */
    public int depth() {
        return hidden.length + 1;
    }

    /** c_σ as used. */
    public double cSigma() {
        return cSigma;
    }

    public Parameterization parameterization() {
        return parameterization;
    }

    /** The infinite-width NTK of this architecture, all layers trained (the standard one at these widths). */
    public AnalyticNtk analyticNtk() {
        AnalyticNtk.Builder b = AnalyticNtk.builder(depth()).activation(dual()).cSigma(cSigma)
                .parameterization(parameterization);
        if (hidden.length > 0) {
            b.hiddenWidths(hidden);
        }
        return b.build();
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int inputFeatures() {
        return inputs;
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public Node build(GraphBuilder b, Node input) {
        Node h = input;
        for (int l = 1; l <= depth(); l++) {
            Node z = b.matmul(h, b.parameter("W" + l), false, true);
            if (l == depth()) {
                return z;
            }
            h = activation.apply(b, z);
            if (parameterization == Parameterization.NTK) {
                h = b.scale(h, Math.sqrt(cSigma / hidden[l - 1]));
            }
        }
        throw new AssertionError("unreachable");
    }

    @Override
    public boolean rowSeparable() {
        return true;
    }

    @Override
    public OptionalInt homogeneityDegree() {
        return activationName.equals("relu") ? OptionalInt.of(depth()) : OptionalInt.empty();
    }

    /**
     * The parameterization's initialization times α = {@code scale}: NTK every entry N(0, 1); standard W₁ ∼ N(0, 1) and
     * W_l ∼ N(0, c_σ/n_{l−1}). A new vector; {@code rnd} is advanced by one Gaussian per parameter, in layout order,
     * so both parameterizations draw the same standard normals and compute the same function at α = 1.
     */
    @Override
    public double[] initialize(RandomStream rnd, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("initialization scale must be > 0 and finite, got " + scale);
        }
        double[] w = new double[layout.size()];
        for (ParameterBlock blk : layout.blocks()) {
            int l = Integer.parseInt(blk.name().substring(1));
            double sd = parameterization == Parameterization.STANDARD && l >= 2 ? Math.sqrt(cSigma / hidden[l - 2]) : 1.0;
            for (int i = blk.offset(); i < blk.end(); i++) {
                w[i] = scale * sd * rnd.nextGaussian();
            }
        }
        return w;
    }

    @Override
    public String describe() {
        StringBuilder w = new StringBuilder().append(inputs);
        for (int h : hidden) {
            w.append('-').append(h);
        }
        return "fc " + w + "-1 (" + activationName + ", " + parameterization.specName() + " parameterization, c_sigma="
                + KernelSpecs.format(cSigma) + ", no bias)";
    }

    @Override
    public String toString() {
        return describe();
    }
}
