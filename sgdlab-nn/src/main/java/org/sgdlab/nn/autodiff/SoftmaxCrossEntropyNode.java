package org.sgdlab.nn.autodiff;

import org.sgdlab.nn.tensor.Shape;

/**
 * Per-example softmax cross-entropy ℓᵢ = log Σ_k e^{s_{ik}} − s_{i,yᵢ} of logits s ∈ ℝ^{n×K} against class indices
 * yᵢ ∈ {0, …, K−1} (stored as doubles, as core's datasets do). The value is computed as core's
 * {@code org.sgdlab.objective.SoftmaxCrossEntropy} does: with z_k = s_k − s_y, ℓ = log1p(Σ_{k≠y} e^{z_k}) when every
 * z ≤ 0 (no cancellation for tiny losses), M + log(e^{−M} + Σ_{k≠y} e^{z_k − M}) with M = max z otherwise (no overflow).
 * With p = softmax(s) (shifted by the largest logit) and c = p − e_y, whose y-entry is formed as −Σ_{k≠y} p_k:
 * <pre>
 *   ℓ̇ = ⟨c, ṡ⟩,   s̄ += ℓ̄ c,   R{s̄} += R{ℓ̄} c + ℓ̄ (p ⊙ ṡ − p ⟨p, ṡ⟩)       (∇²_s ℓ = diag(p) − ppᵀ)
 * </pre>
 */
final class SoftmaxCrossEntropyNode extends Node {
    private final int n;
    private final int classes;
    private final double[] prob;
    private final double[] coef;
    private double[] probDot;

    SoftmaxCrossEntropyNode(Node logits, Node labels) {
        super("softmax cross-entropy", checked(logits, labels), logits, labels);
        this.n = logits.shape.dim(0);
        this.classes = logits.shape.dim(1);
        this.prob = differentiable ? new double[n * classes] : null;
        this.coef = differentiable ? new double[n * classes] : null;
    }

    private static Shape checked(Node logits, Node labels) {
        if (logits.shape.rank() != 2 || logits.shape.dim(1) < 2) {
            throw new IllegalArgumentException("softmax cross-entropy needs logits of shape [n, K] with K >= 2, got "
                    + logits.shape);
        }
        if (labels.size != logits.shape.dim(0)) {
            throw new IllegalArgumentException("softmax cross-entropy: " + logits.shape.dim(0) + " rows of logits but "
                    + labels.size + " labels " + labels.shape);
        }
        if (labels.differentiable) {
            throw new IllegalArgumentException("softmax cross-entropy: labels must be data, not a function of the parameters");
        }
        return Shape.of(logits.shape.dim(0));
    }

    @Override
    void allocateSecondOrder() {
        super.allocateSecondOrder();
        if (differentiable && probDot == null) {
            probDot = new double[n];
        }
    }

    private int label(double[] labels, int i) {
        double v = labels[i];
        if (!(v >= 0 && v < classes && v == Math.rint(v))) {
            throw new IllegalArgumentException("softmax cross-entropy: label of row " + i + " must be an integer in 0.."
                    + (classes - 1) + ", got " + v);
        }
        return (int) v;
    }

    @Override
    protected void forward() {
        double[] s = inputs[0].value;
        double[] labels = inputs[1].value;
        int kk = classes;
        for (int i = 0; i < n; i++) {
            int y = label(labels, i);
            int row = i * kk;
            double sy = s[row + y];
            double maxZ = Double.NEGATIVE_INFINITY;
            double maxS = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < kk; k++) {
                maxS = Math.max(maxS, s[row + k]);
                if (k != y) {
                    maxZ = Math.max(maxZ, s[row + k] - sy);
                }
            }
            double acc = 0.0;
            if (maxZ <= 0) {
                for (int k = 0; k < kk; k++) {
                    if (k != y) {
                        acc += Math.exp(s[row + k] - sy);
                    }
                }
                value[i] = Math.log1p(acc);
            } else {
                for (int k = 0; k < kk; k++) {
                    if (k != y) {
                        acc += Math.exp(s[row + k] - sy - maxZ);
                    }
                }
                value[i] = maxZ + Math.log(Math.exp(-maxZ) + acc);
            }
            if (prob != null) {
                double sum = 0.0;
                for (int k = 0; k < kk; k++) {
                    double e = Math.exp(s[row + k] - maxS);
                    prob[row + k] = e;
                    sum += e;
                }
                double others = 0.0;
                for (int k = 0; k < kk; k++) {
                    double p = prob[row + k] / sum;
                    prob[row + k] = p;
                    if (k != y) {
                        coef[row + k] = p;
                        others += p;
                    }
                }
                coef[row + y] = -others;
            }
        }
    }

    @Override
    protected void backward() {
        double[] sbar = inputs[0].grad;
        int kk = classes;
        for (int i = 0; i < n; i++) {
            double g = grad[i];
            int row = i * kk;
            for (int k = 0; k < kk; k++) {
                sbar[row + k] += g * coef[row + k];
            }
        }
    }

    @Override
    protected void tangent() {
        double[] sdot = inputs[0].tangent;
        int kk = classes;
        for (int i = 0; i < n; i++) {
            int row = i * kk;
            double t = 0.0;
            double q = 0.0;
            for (int k = 0; k < kk; k++) {
                t += coef[row + k] * sdot[row + k];
                q += prob[row + k] * sdot[row + k];
            }
            tangent[i] = t;
            probDot[i] = q;
        }
    }

    @Override
    protected void backwardTangent() {
        double[] sdot = inputs[0].tangent;
        double[] rs = inputs[0].gradTangent;
        int kk = classes;
        for (int i = 0; i < n; i++) {
            int row = i * kk;
            double r = gradTangent[i];
            double g = grad[i];
            double q = probDot[i];
            for (int k = 0; k < kk; k++) {
                double p = prob[row + k];
                rs[row + k] += r * coef[row + k] + g * p * (sdot[row + k] - q);
            }
        }
    }
}
