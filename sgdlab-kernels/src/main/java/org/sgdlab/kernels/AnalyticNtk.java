package org.sgdlab.kernels;

import java.util.Arrays;
import java.util.Objects;
import org.sgdlab.linalg.Simd;

/**
 * The analytic (infinite-width) neural tangent kernel of a bias-free fully connected network with scalar output, D
 * weight layers (L = D − 1 hidden layers) and an activation σ given by its {@link DualActivation}, by the recursion of
 * 002 §9.4 (Arora, Du, Hu, Li, Salakhutdinov &amp; Wang, "On exact computation with an infinitely wide neural net",
 * NeurIPS 2019, Thm 3.1; Jacot, Gabriel &amp; Hongler 2018):
 * <pre>
 *   Σ^{(0)}(x, x′) = xᵀx′,
 *   Λ^{(h)} = [[Σ^{(h−1)}(x, x), Σ^{(h−1)}(x, x′)], [Σ^{(h−1)}(x′, x), Σ^{(h−1)}(x′, x′)]],
 *   Σ^{(h)}(x, x′) = c_σ E_{(u,v)∼N(0,Λ^{(h)})}[σ(u)σ(v)],   Σ̇^{(h)}(x, x′) = c_σ E[σ′(u)σ′(v)],   h = 1 … L,
 *   Θ(x, x′) = Σ_{h=1}^{D} s_h · Σ^{(h−1)}(x, x′) · Π_{h′=h}^{L} Σ̇^{(h′)}(x, x′)      (002 §9.4, last display),
 * </pre>
 * where term h is ⟨∂f/∂W^{(h)}(x), ∂f/∂W^{(h)}(x′)⟩ in the limit and s_h its weight: 1 for a trained layer in the
 * {@link Parameterization#NTK} parameterization, n_{h−1}/c_σ for h ≥ 2 in the {@link Parameterization#STANDARD} one,
 * 0 for a frozen layer. Variants: all layers trained (the sum), last layer only (Σ^{(L)}, the NNGP kernel of Lee et
 * al. 2018), first layer only (Σ^{(0)} Π Σ̇ — for D = 2, c_σ = 1 and ReLU this is 002's H* of §9.2 with the factor
 * xᵢᵀxⱼ that eq. 9.8 drops in print: H*ᵢⱼ = xᵢᵀxⱼ (π − arccos ρᵢⱼ)/(2π)). The sum is evaluated by the Horner form
 * T ← (T + s_h Σ^{(h−1)})·Σ̇^{(h)} for h = 1 … L, then Θ = T + s_D Σ^{(L)}. Immutable.
 */
public final class AnalyticNtk implements InnerProductKernel {
    private final int depth;
    private final DualActivation activation;
    private final double cSigma;
    private final Parameterization parameterization;
    private final int[] hiddenWidths;
    private final boolean[] trained;
    /** s_h, index h − 1. */
    private final double[] termWeight;

    private AnalyticNtk(Builder b) {
        this.depth = b.depth;
        this.activation = b.activation;
        this.cSigma = Double.isNaN(b.cSigma) ? activation.defaultScale() : b.cSigma;
        InnerProducts.positive("c_sigma", cSigma);
        this.parameterization = b.parameterization;
        int hidden = depth - 1;
        if (parameterization == Parameterization.STANDARD && hidden > 0) {
            if (b.hiddenWidths == null) {
                throw new IllegalArgumentException("the standard parameterization's NTK grows with the width: give the hidden "
                        + "widths (width=...), got none");
            }
            if (b.hiddenWidths.length != hidden) {
                throw new IllegalArgumentException("depth " + depth + " has " + hidden + " hidden layers, got "
                        + b.hiddenWidths.length + " widths " + Arrays.toString(b.hiddenWidths));
            }
        }
        this.hiddenWidths = b.hiddenWidths == null ? null : b.hiddenWidths.clone();
        this.trained = b.trained == null ? allTrue(depth) : b.trained;
        if (trained.length != depth) {
            throw new IllegalArgumentException("trained layers must name layers 1.." + depth + ", got " + trained.length
                    + " flags");
        }
        this.termWeight = new double[depth];
        for (int h = 1; h <= depth; h++) {
            double s = parameterization == Parameterization.STANDARD && h >= 2 ? hiddenWidths[h - 2] / cSigma : 1.0;
            termWeight[h - 1] = trained[h - 1] ? s : 0.0;
        }
    }

    private static boolean[] allTrue(int n) {
        boolean[] t = new boolean[n];
        Arrays.fill(t, true);
        return t;
    }

    /** A builder for a network of {@code depth} ≥ 1 weight layers (depth 2 is the two-layer network of 002 §9.2). */
    public static Builder builder(int depth) {
        return new Builder(depth);
    }

    /** The ReLU NTK of a depth-D network, NTK parameterization, c_σ = 2 (He), all layers trained. */
    public static AnalyticNtk relu(int depth) {
        return builder(depth).build();
    }

    /** D, the number of weight layers. */
    public int depth() {
        return depth;
    }

    public DualActivation activation() {
        return activation;
    }

    /** c_σ as used (the activation's default 1/E[σ(z)²] unless set). */
    public double cSigma() {
        return cSigma;
    }

    public Parameterization parameterization() {
        return parameterization;
    }

    /** Whether weight layer h (1-based, 1 ≤ h ≤ D) is trained. */
    public boolean trained(int layer) {
        if (layer < 1 || layer > depth) {
            throw new IllegalArgumentException("layer must be in 1.." + depth + ", got " + layer);
        }
        return trained[layer - 1];
    }

    @Override
    public double fromInnerProducts(double xx, double yy, double xy) {
        double a = xx;
        double b = yy;
        double c = xy;
        double t = 0.0;
        double[] e = new double[2];
        for (int h = 1; h < depth; h++) {
            t += termWeight[h - 1] * c;
            activation.expectations(a, b, c, e);
            c = cSigma * e[0];
            a = cSigma * activation.secondMoment(a);
            b = cSigma * activation.secondMoment(b);
            t *= cSigma * e[1];
        }
        return t + termWeight[depth - 1] * c;
    }

    /**
     * Rows at least this long go through the vector lanes. Shorter rows (Gram matrices of a few hundred points, as in
     * the claims) stay scalar: in a fresh JVM the vector loops cost ~0.25 s of CPU to warm up (JIT), measured on a
     * 300-point Gram, more than the scalar map of such a matrix takes. The bits are the same either way.
     */
    static final int LANES_MIN_ROW = 512;

    /**
     * The entry-by-entry map of {@link InnerProductKernel#fromInnerProductsInPlace}, the same bits; for the ReLU dual
     * with the SIMD kernels on ({@link Simd#ENABLED}) and rows of at least {@value #LANES_MIN_ROW} entries, four
     * entries at a time ({@code ReluNtkLanes}) and the last count mod 4 entry by entry. {@code yy} is read only,
     * {@code xy} modified.
     */
    @Override
    public void fromInnerProductsInPlace(double xx, double[] yy, double[] xy, int offset, int count) {
        int done = 0;
        if (Simd.ENABLED && count >= LANES_MIN_ROW && activation instanceof ReluDual) {
            done = rowInPlaceByLanes(xx, yy, xy, offset, count);
        }
        for (int j = done; j < count; j++) {
            xy[offset + j] = fromInnerProducts(xx, yy[j], xy[offset + j]);
        }
    }

    /**
     * The vectorized part of {@link #fromInnerProductsInPlace} for the ReLU dual (needs {@link Simd#ENABLED}): maps
     * the first count − count mod 4 entries and returns that number.
     */
    int rowInPlaceByLanes(double xx, double[] yy, double[] xy, int offset, int count) {
        if (!(activation instanceof ReluDual)) {
            throw new IllegalStateException("the lanes implement the ReLU dual only, got " + activation.name());
        }
        return ReluNtkLanes.rowInPlace(xx, yy, xy, offset, count, depth, cSigma, termWeight);
    }

    /**
     * Σ^{(L)}(x, x′), the covariance of the output at initialization in the NTK parameterization (the NNGP kernel;
     * the last-layer-only NTK), from the inner products.
     */
    public double nngp(double xx, double yy, double xy) {
        double a = xx;
        double b = yy;
        double c = xy;
        double[] e = new double[2];
        for (int h = 1; h < depth; h++) {
            activation.expectations(a, b, c, e);
            c = cSigma * e[0];
            a = cSigma * activation.secondMoment(a);
            b = cSigma * activation.secondMoment(b);
        }
        return c;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("ntk:depth=").append(depth).append(",activation=").append(activation.name())
                .append(",c=").append(KernelSpecs.format(cSigma)).append(",param=").append(parameterization.specName());
        if (hiddenWidths != null && parameterization == Parameterization.STANDARD) {
            sb.append(",width=");
            for (int i = 0; i < hiddenWidths.length; i++) {
                sb.append(i == 0 ? "" : "/").append(hiddenWidths[i]);
            }
        }
        sb.append(",trained=").append(trainedSpec());
        if (activation instanceof QuadratureDual q) {
            sb.append(",points=").append(q.points());
        }
        return sb.toString();
    }

    private String trainedSpec() {
        boolean all = true;
        int count = 0;
        for (boolean t : trained) {
            all &= t;
            count += t ? 1 : 0;
        }
        if (all) {
            return "all";
        }
        if (count == 1 && trained[0]) {
            return "first";
        }
        if (count == 1 && trained[depth - 1]) {
            return "last";
        }
        StringBuilder sb = new StringBuilder();
        for (int h = 1; h <= depth; h++) {
            if (trained[h - 1]) {
                sb.append(sb.length() == 0 ? "" : "/").append(h);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Configures an {@link AnalyticNtk}; defaults: ReLU, c_σ = the activation's default, NTK parameterization, all trained. */
    public static final class Builder {
        private final int depth;
        private DualActivation activation = new ReluDual();
        private double cSigma = Double.NaN;
        private Parameterization parameterization = Parameterization.NTK;
        private int[] hiddenWidths;
        private boolean[] trained;

        private Builder(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("NTK depth (weight layers) must be >= 1, got " + depth);
            }
            this.depth = depth;
        }

        public Builder activation(DualActivation a) {
            this.activation = Objects.requireNonNull(a, "activation");
            return this;
        }

        /** c_σ &gt; 0 (default 1/E[σ(z)²]: 2 for ReLU). */
        public Builder cSigma(double c) {
            this.cSigma = InnerProducts.positive("c_sigma", c);
            return this;
        }

        public Builder parameterization(Parameterization p) {
            this.parameterization = Objects.requireNonNull(p, "parameterization");
            return this;
        }

        /** The hidden widths n₁ … n_L (needed by the standard parameterization; each ≥ 1). */
        public Builder hiddenWidths(int... widths) {
            for (int w : widths) {
                if (w < 1) {
                    throw new IllegalArgumentException("hidden width must be >= 1, got " + w);
                }
            }
            this.hiddenWidths = widths.clone();
            return this;
        }

        /** Every hidden layer of width n. */
        public Builder width(int n) {
            int[] w = new int[depth - 1];
            Arrays.fill(w, n);
            return hiddenWidths(w);
        }

        /** Trains only the listed weight layers (1-based, 1 … D; at least one). */
        public Builder trainOnly(int... layers) {
            if (layers.length == 0) {
                throw new IllegalArgumentException("train at least one layer, got none");
            }
            boolean[] t = new boolean[depth];
            for (int h : layers) {
                if (h < 1 || h > depth) {
                    throw new IllegalArgumentException("trained layer must be in 1.." + depth + ", got " + h);
                }
                t[h - 1] = true;
            }
            this.trained = t;
            return this;
        }

        /** Only the first weight layer trained (002 §9.2's setting). */
        public Builder firstLayerOnly() {
            return trainOnly(1);
        }

        /** Only the last weight layer trained: Σ^{(L)}, the NNGP kernel (times s_D). */
        public Builder lastLayerOnly() {
            return trainOnly(depth);
        }

        /** All layers trained (the default). */
        public Builder allLayers() {
            this.trained = null;
            return this;
        }

        public AnalyticNtk build() {
            return new AnalyticNtk(this);
        }
    }
}
