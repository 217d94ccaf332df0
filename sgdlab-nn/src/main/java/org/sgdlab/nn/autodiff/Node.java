package org.sgdlab.nn.autodiff;

import java.util.Objects;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.nn.tensor.Tensor;

/**
 * One operation of a {@link Graph}: a tensor-valued function of its input nodes, with the four passes that give
 * exact first and second derivatives (forward-over-reverse, Pearlmutter's R-operator, 1994, "Fast exact
 * multiplication by the Hessian"). For y = F(x₁, …, x_k) with adjoint ȳ = ∂f/∂y of the graph's output f and a
 * parameter direction v (tangents ẋ = Dx[v]):
 * <pre>
 *   forward          y  = F(x)
 *   tangent          ẏ  = Σᵢ ∂ᵢF · ẋᵢ                                   (the JVP)
 *   backward         x̄ᵢ += (∂ᵢF)ᵀ ȳ                                     (the VJP)
 *   backwardTangent  R{x̄ᵢ} += (∂ᵢF)ᵀ R{ȳ} + Σⱼ (∂ᵢ∂ⱼF[ẋⱼ])ᵀ ȳ          (R{·} = D·[v], so R{θ̄} = ∇²f·v)
 * </pre>
 * Every node owns its buffers (value, adjoint, and once second order is used, tangent and adjoint tangent), allocated
 * once when the graph is built, so re-running a graph allocates nothing. Nodes that do not depend on a parameter
 * (data, constants, and functions of them only) are not differentiable: they have no adjoint or tangent buffers and
 * the passes skip them.
 *
 * <p>Subclasses implement the four passes; each reads its inputs' buffers through the static accessors and
 * accumulates (never overwrites) into its inputs' adjoints, because a node may feed several consumers.
 */
public abstract class Node {
    final Shape shape;
    final int size;
    final Node[] inputs;
    final boolean differentiable;
    private final String op;
    double[] value;
    double[] grad;
    double[] tangent;
    double[] gradTangent;
    /** The builder that created this node (null for nodes made outside a builder, which it rejects). */
    GraphBuilder owner;
    /** The position in its graph's topological order, −1 before the graph is built. */
    int position = -1;
    /**
     * Per input: this node's backward pass is the first to reach that input's adjoint (it is the input's last consumer
     * in execution order and takes it once), so it writes the adjoint instead of adding to it and the graph need not
     * zero it first. Set by {@link Graph} only where {@link #canOverwriteAdjoint} says the node supports it.
     */
    boolean[] overwrite;
    /** Added through {@link GraphBuilder#custom}: its passes may read state outside the graph. */
    boolean custom;
    /** Where {@link Graph#setOverwriting} keeps {@link #overwrite} while it is off. */
    boolean[] overwriteOff;
    private Tensor view;
    private Tensor adjointView;

    /** A node of shape {@code shape} computed from {@code inputs}; differentiable when any input is. */
    protected Node(String op, Shape shape, Node... inputs) {
        this(op, shape, anyDifferentiable(inputs), inputs);
    }

    Node(String op, Shape shape, boolean differentiable, Node... inputs) {
        this.op = Objects.requireNonNull(op, "op");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.size = shape.size();
        this.inputs = inputs.clone();
        for (Node in : this.inputs) {
            Objects.requireNonNull(in, "input of " + op);
        }
        this.differentiable = differentiable;
    }

    private static boolean anyDifferentiable(Node[] inputs) {
        for (Node n : inputs) {
            if (n.differentiable) {
                return true;
            }
        }
        return false;
    }

    /** The operation's name, e.g. {@code matmul}. */
    public final String op() {
        return op;
    }

    public final Shape shape() {
        return shape;
    }

    public final int size() {
        return size;
    }

    /** True when this node depends on a parameter (it then has adjoint and tangent buffers). */
    public final boolean isDifferentiable() {
        return differentiable;
    }

    /**
     * The value computed by the last forward pass, as a tensor over the node's own buffer (not a copy: read only, and
     * overwritten by the next pass; read it through this method after each pass: a squared loss summed whole writes its
     * per-example values only when they are asked for, see {@link #materializeValues}).
     *
     * @throws IllegalStateException before the node's graph is built
     */
    public final Tensor value() {
        if (value == null) {
            throw new IllegalStateException(op + shape + " is not part of a built graph");
        }
        materializeValues();
        if (view == null) {
            view = new Tensor(shape, value);
        }
        return view;
    }

    /**
     * The adjoint ∂f/∂(this node) of the last backward pass (for a VJP: of ⟨u, node⟩), as a tensor over the node's own
     * buffer (not a copy; read only). Null for nodes that are not differentiable.
     *
     * @throws IllegalStateException before the node's graph is built
     */
    public final Tensor adjoint() {
        if (value == null) {
            throw new IllegalStateException(op + shape + " is not part of a built graph");
        }
        if (grad == null) {
            return null;
        }
        if (adjointView == null) {
            adjointView = new Tensor(shape, grad);
        }
        return adjointView;
    }

    // ---- the four passes -------------------------------------------------------------------------------------

    /** Computes this node's value from its inputs' values. */
    protected abstract void forward();

    /** Adds (∂ᵢF)ᵀ ȳ to the adjoint of every differentiable input i. Called only on differentiable nodes. */
    protected abstract void backward();

    /** Writes ẏ = Σᵢ ∂ᵢF·ẋᵢ (over differentiable inputs) into this node's tangent. Called only on differentiable nodes. */
    protected abstract void tangent();

    /** Adds the R-operator of {@link #backward} to the adjoint tangent of every differentiable input. */
    protected abstract void backwardTangent();

    /**
     * True when {@link #backward} can write input {@code i}'s adjoint (x̄ᵢ = 0 + (∂ᵢF)ᵀȳ, the same bits as adding to a
     * zeroed adjoint) when {@link #overwrite}[i] is set, instead of adding to it.
     */
    boolean canOverwriteAdjoint(int i) {
        return false;
    }

    /** Whether this node's backward writes (rather than adds to) input {@code i}'s adjoint. */
    final boolean overwrites(int i) {
        return overwrite != null && overwrite[i];
    }

    /** True for nodes whose output rows depend on several input rows (batch statistics): per-example gradients then need the batch graph. */
    protected boolean couplesExamples() {
        return false;
    }

    // ---- buffers -----------------------------------------------------------------------------------------------

    /** Allocates the value and (if differentiable) adjoint buffers. Nodes that share their input's buffers override. */
    void allocate() {
        value = new double[size];
        if (differentiable) {
            grad = new double[size];
        }
    }

    /** Allocates the tangent buffers on first second-order use (differentiable nodes only). */
    void allocateSecondOrder() {
        if (differentiable && tangent == null) {
            tangent = new double[size];
            gradTangent = new double[size];
        }
    }

    /** This node's value buffer (read only for consumers). */
    protected static double[] valueOf(Node n) {
        n.materializeValues();
        return n.value;
    }

    /**
     * Brings the value buffer up to date with the last forward pass where that pass left it behind because no node of
     * the graph reads it (a squared loss summed whole: {@code PointwiseLossNode}); nothing for every other node.
     */
    void materializeValues() {
    }

    /** This node's adjoint buffer (consumers accumulate into it), null when not differentiable. */
    protected static double[] gradOf(Node n) {
        return n.grad;
    }

    /** This node's tangent buffer, null when not differentiable. */
    protected static double[] tangentOf(Node n) {
        return n.tangent;
    }

    /** This node's adjoint-tangent buffer (consumers accumulate into it), null when not differentiable. */
    protected static double[] gradTangentOf(Node n) {
        return n.gradTangent;
    }

    /** The {@code i}-th input. */
    protected final Node input(int i) {
        return inputs[i];
    }

    /** The number of inputs. */
    protected final int inputCount() {
        return inputs.length;
    }

    /** {@code op[shape]}, e.g. {@code matmul[4, 3]}. */
    @Override
    public String toString() {
        return op + shape;
    }
}
