package org.sgdlab.nn.model;

import java.util.OptionalInt;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.random.RandomStream;

/**
 * What the models whose parameters are the factors of one {@link FactorChain} W = W_L ⋯ W₁ share: the layout (blocks
 * "W1", …, "WL"), the end-to-end product, positive homogeneity of degree L (W(c·θ) = c^L W(θ), and the output is
 * linear in W), rows that are separate examples, and the factor initializations of {@link FactorInitialization}.
 * Subclasses say how examples are fed through W.
 */
public abstract sealed class FactorChainNetwork implements Network permits DeepLinearNetwork, FactorizedMatrix {
    /** The factors (immutable). */
    protected final FactorChain chain;

    FactorChainNetwork(FactorChain chain) {
        this.chain = chain;
    }

    /** The factors. */
    public final FactorChain chain() {
        return chain;
    }

    /** The number of factors L. */
    public final int depth() {
        return chain.depth();
    }

    @Override
    public final ParameterLayout layout() {
        return chain.layout();
    }

    @Override
    public final boolean rowSeparable() {
        return true;
    }

    /** L: f(c·θ; x) = c^L f(θ; x). */
    @Override
    public final OptionalInt homogeneityDegree() {
        return OptionalInt.of(chain.depth());
    }

    /** The end-to-end matrix W = W_L ⋯ W₁ of {@code params} (read only), as a new matrix. */
    public final Matrix product(double[] params) {
        return chain.product(params);
    }

    /** Factors drawn by {@code init} (scheme and scale α); a new vector, {@code rnd} advanced. */
    public final double[] initialize(FactorInitialization init, RandomStream rnd) {
        return init.initialize(chain, rnd);
    }

    /** The default: Gaussian factors with entries α·N(0, 1) ({@link FactorInitialization#gaussian}). */
    @Override
    public final double[] initialize(RandomStream rnd, double scale) {
        return initialize(FactorInitialization.gaussian(scale), rnd);
    }
}
