package org.sgdlab.nn.objective;

import java.util.Objects;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.Loss;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.objective.SoftmaxCrossEntropy;

/** How a network's outputs [n, k] and the targets [n] become per-example losses [n]. Immutable. */
public abstract class NetworkLoss {
    private NetworkLoss() {
    }

    /** Core's per-sample loss of a single output (k = 1): ℓ(f(xᵢ), yᵢ). */
    public static NetworkLoss of(Loss loss) {
        Objects.requireNonNull(loss, "loss");
        return new NetworkLoss() {
            @Override
            public Node perExample(GraphBuilder b, Node outputs, Node targets) {
                return b.loss(b.reshape(outputs, outputs.size()), targets, loss);
            }

            @Override
            public void validate(Dataset data, int outputs) {
                if (outputs != 1) {
                    throw new IllegalArgumentException("loss " + loss.name() + " needs a network with one output, got " + outputs);
                }
                if (loss.needsBinaryLabels()) {
                    data.requireBinaryLabels();
                }
            }

            @Override
            public String name() {
                return loss.name();
            }
        };
    }

    /** Softmax cross-entropy of k ≥ 2 logits against class indices 0..k−1. */
    public static NetworkLoss softmaxCrossEntropy() {
        return new NetworkLoss() {
            @Override
            public Node perExample(GraphBuilder b, Node outputs, Node targets) {
                return b.softmaxCrossEntropy(outputs, targets);
            }

            @Override
            public void validate(Dataset data, int outputs) {
                if (outputs < 2) {
                    throw new IllegalArgumentException("softmax cross-entropy needs a network with >= 2 outputs, got " + outputs);
                }
                SoftmaxCrossEntropy.classLabels(data, outputs);
            }

            @Override
            public String name() {
                return "softmax-cross-entropy";
            }
        };
    }

    /**
     * {@code factor} times {@code loss} (factor finite and &gt; 0), e.g. {@code scaled(of(SquaredLoss.INSTANCE), 2)} for the
     * un-halved squared error (p − y)² of source 001 experiment 3's ‖Y − W₂W₁‖²_F, where core's squared loss is ½(p − y)².
     */
    public static NetworkLoss scaled(NetworkLoss loss, double factor) {
        Objects.requireNonNull(loss, "loss");
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("loss factor must be > 0 and finite, got " + factor);
        }
        String name = factor + "·" + loss.name();
        return new NetworkLoss() {
            @Override
            public Node perExample(GraphBuilder b, Node outputs, Node targets) {
                return b.scale(loss.perExample(b, outputs, targets), factor);
            }

            @Override
            public void validate(Dataset data, int outputs) {
                loss.validate(data, outputs);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** The per-example losses [n] of {@code outputs} [n, k] against {@code targets} [n]. */
    public abstract Node perExample(GraphBuilder b, Node outputs, Node targets);

    /** Checks that {@code data} and a network of {@code outputs} outputs fit this loss (labels, widths). */
    public abstract void validate(Dataset data, int outputs);

    /** A short identifier. */
    public abstract String name();

    @Override
    public String toString() {
        return name();
    }
}
