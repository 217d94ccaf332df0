package org.sgdlab.nn.autodiff;

import java.util.Objects;
import org.sgdlab.loss.Loss;
import org.sgdlab.linalg.Simd;
import org.sgdlab.loss.SquaredLoss;

/**
 * Per-example losses ℓᵢ = ℓ(pᵢ, yᵢ) of core's {@link Loss} (values and first derivatives are core's own, hence its
 * log-domain-stable forms and the same bits), with the second derivative from {@link Loss#secondDerivative}:
 * <pre>
 *   ℓ̇ = ℓ' ṗ,   p̄ += ℓ' ℓ̄,   R{p̄} += ℓ' R{ℓ̄} + ℓ'' ṗ ℓ̄
 * </pre>
 * Predictions and targets have the same number of entries; the output has the targets' shape.
 */
final class PointwiseLossNode extends Node {
    private final Loss loss;
    private final double[] d1;
    private double[] d2;
    /**
     * Set by a {@link Reduce} that sums all of this node's entries: the forward pass then also leaves their sum, in
     * {@link Sums}'s order, in {@link #total}, which that Reduce reads instead of summing the values again (for the
     * squared loss with the SIMD path, while computing them: {@link LossVectorKernels#squaredWithSum}).
     */
    boolean summed;
    /** Σ value in {@link Sums}'s order after a forward pass, when {@link #summed}. */
    double total;
    /**
     * Forward passes of this node that run the scalar loop before the Vector API kernel takes over. Until C2 has
     * compiled it, a Vector API loop boxes every vector it makes (~190 KB per pass at 2000 entries, measured in bench
     * row N2 while it ran on C1); the scalar loop and the kernel give the same bits (LossSumTest), so where the switch
     * falls cannot change a result. A long run (the deep-linear GD of row N1) reaches the kernel after this many steps.
     */
    static final int SCALAR_FIRST_PASSES = 1000;
    private int forwardPasses;
    /**
     * Set by {@link Graph} when this squared loss is summed whole by a {@link Reduce} that is its only consumer: no node
     * reads the per-example values during a pass, so the SIMD forward pass leaves them out
     * ({@link ResidualSumKernels}) and {@link #materializeValues} writes them when they are read through
     * {@link Node#value()} or {@code valueOf}. Off in the tests' reference ({@link Graph#setDeferringLossValues}).
     */
    boolean deferValues;
    /** False while {@link #deferValues} has left the value buffer behind the last forward pass. */
    private boolean valuesCurrent = true;

    PointwiseLossNode(Node prediction, Node target, Loss loss) {
        super("loss " + Objects.requireNonNull(loss, "loss").name(), target.shape, prediction, target);
        this.loss = loss;
        if (prediction.size != target.size) {
            throw new IllegalArgumentException("loss " + loss.name() + ": predictions " + prediction.shape + " and targets "
                    + target.shape + " have different sizes");
        }
        if (target.differentiable) {
            throw new IllegalArgumentException("loss " + loss.name() + ": targets must be data, not a function of the parameters");
        }
        this.d1 = differentiable ? new double[size] : null;
    }

    @Override
    void allocateSecondOrder() {
        super.allocateSecondOrder();
        if (differentiable && d2 == null) {
            if (!loss.hasSecondDerivative()) {
                throw new UnsupportedOperationException("the " + loss.name() + " loss has no second derivative; "
                        + "Hessian-vector products need one");
            }
            d2 = new double[size];
        }
    }

    @Override
    protected void forward() {
        double[] p = inputs[0].value;
        double[] y = inputs[1].value;
        if (loss == SquaredLoss.INSTANCE && d1 != null) {
            if (summed && Simd.ENABLED && size >= Sums.SPLIT_MIN && forwardPasses++ >= SCALAR_FIRST_PASSES) {
                if (deferValues) {
                    total = ResidualSumKernels.residualsAndSum(p, y, d1, size);
                    valuesCurrent = false;
                } else {
                    total = LossVectorKernels.squaredWithSum(p, y, value, d1, size);
                }
                return;
            }
            valuesCurrent = true;
            // core's SquaredLoss written out (r = p − y; ½r² as 0.5 * r * r; ∂ = p − y), a loop C2 vectorizes; the same
            // bits as its value and derivative (LossNodesTest)
            for (int i = 0; i < size; i++) {
                double r = p[i] - y[i];
                value[i] = 0.5 * r * r;
                d1[i] = r;
            }
        } else {
            for (int i = 0; i < size; i++) {
                value[i] = loss.value(p[i], y[i]);
                if (d1 != null) {
                    d1[i] = loss.derivative(p[i], y[i]);
                }
            }
        }
        if (summed) {
            total = Sums.sum(value, 0, size);
        }
    }

    /**
     * Writes the per-example values ½r² the last forward pass left out ({@link #deferValues}) from its residuals
     * r = d1 as {@code 0.5 * r * r}: the bits the pass would have written (core's SquaredLoss).
     */
    @Override
    void materializeValues() {
        if (!valuesCurrent) {
            for (int i = 0; i < size; i++) {
                value[i] = 0.5 * d1[i] * d1[i];
            }
            valuesCurrent = true;
        }
    }

    @Override
    protected void backward() {
        double[] pbar = inputs[0].grad;
        if (overwrites(0)) {
            for (int i = 0; i < size; i++) {
                pbar[i] = 0.0 + d1[i] * grad[i]; // 0 + x: a zeroed adjoint's bits (−0 becomes +0)
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            pbar[i] += d1[i] * grad[i];
        }
    }

    @Override
    boolean canOverwriteAdjoint(int i) {
        return i == 0;
    }

    @Override
    protected void tangent() {
        double[] p = inputs[0].value;
        double[] y = inputs[1].value;
        double[] pdot = inputs[0].tangent;
        for (int i = 0; i < size; i++) {
            tangent[i] = d1[i] * pdot[i];
            d2[i] = loss.secondDerivative(p[i], y[i]);
        }
    }

    @Override
    protected void backwardTangent() {
        double[] pdot = inputs[0].tangent;
        double[] rp = inputs[0].gradTangent;
        for (int i = 0; i < size; i++) {
            rp[i] += d1[i] * gradTangent[i] + d2[i] * pdot[i] * grad[i];
        }
    }
}
