package org.sgdlab.nn.autodiff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sgdlab.loss.Loss;
import org.sgdlab.nn.param.ParameterBlock;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.nn.tensor.Tensor;

/**
 * Builds a {@link Graph}: declare inputs and parameters, combine them with the operations below, then
 * {@link #build} once. Shapes are checked as each node is made (an IllegalArgumentException names the operation and
 * the shapes). Nodes are created in topological order; the graph keeps those the output depends on.
 *
 * <p>A builder is in training mode (batch statistics, dropout masks) unless {@link #evaluationMode()} was called,
 * which makes {@link #batchNorm} use the running statistics and {@link #dropout} the identity.
 */
public final class GraphBuilder {
    private final ParameterLayout layout;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, ParameterNode> parameters = new HashMap<>();
    private final Map<String, InputNode> inputs = new HashMap<>();
    private boolean training = true;
    private boolean built;

    /** A builder whose parameters are the blocks of {@code layout}. */
    public GraphBuilder(ParameterLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** Switches to evaluation mode (batch norm with running statistics, no dropout); returns this builder. */
    public GraphBuilder evaluationMode() {
        training = false;
        return this;
    }

    /** True in training mode (the default). */
    public boolean isTraining() {
        return training;
    }

    private <T extends Node> T add(T node) {
        if (built) {
            throw new IllegalStateException("this builder has already built its graph");
        }
        node.owner = this;
        nodes.add(node);
        return node;
    }

    private Node own(Node n) {
        Objects.requireNonNull(n, "node");
        if (n.owner != this) {
            throw new IllegalArgumentException(n + " was not made by this builder");
        }
        return n;
    }

    // ---- leaves ------------------------------------------------------------------------------------------------

    /** The parameter block {@code name} of the layout (the same node each time it is asked for). */
    public Node parameter(String name) {
        ParameterNode p = parameters.get(name);
        if (p == null) {
            ParameterBlock b = layout.block(name);
            p = add(new ParameterNode(b));
            parameters.put(name, p);
        }
        return p;
    }

    /** A data input called {@code name}, filled before each run through {@link Graph#input(String)}. */
    public Node input(String name, int... dims) {
        return input(name, Shape.of(dims));
    }

    /** A data input called {@code name} of shape {@code shape}. */
    public Node input(String name, Shape shape) {
        Objects.requireNonNull(name, "name");
        if (inputs.containsKey(name)) {
            throw new IllegalArgumentException("duplicate input name \"" + name + "\"");
        }
        InputNode n = add(new InputNode(name, shape, null));
        inputs.put(name, n);
        return n;
    }

    /** A constant tensor (copied now). */
    public Node constant(Tensor t) {
        return add(new InputNode(null, t.shape(), t.data().clone()));
    }

    // ---- linear algebra and broadcasting -----------------------------------------------------------------------

    /** A·B for matrices. */
    public Node matmul(Node a, Node b) {
        return matmul(a, b, false, false);
    }

    /** op(A)·op(B) with op the transpose where {@code transA}/{@code transB}. */
    public Node matmul(Node a, Node b, boolean transA, boolean transB) {
        return add(new MatMul(own(a), own(b), transA, transB));
    }

    /** a + b with broadcasting. */
    public Node add(Node a, Node b) {
        return add(new Broadcast(Broadcast.Kind.ADD, own(a), own(b)));
    }

    /**
     * relu(z + b) for a batch z (rows × n) and a bias vector b of length n added to every row: a dense layer's bias
     * and activation as one node, with the bits of {@code relu(add(z, b))} (one pass over the batch per derivative
     * pass instead of two).
     */
    public Node biasRelu(Node z, Node b) {
        return add(new BiasRelu(own(z), own(b)));
    }

    /** a − b with broadcasting. */
    public Node sub(Node a, Node b) {
        return add(new Broadcast(Broadcast.Kind.SUB, own(a), own(b)));
    }

    /** a ⊙ b (Hadamard product) with broadcasting. */
    public Node mul(Node a, Node b) {
        return add(new Broadcast(Broadcast.Kind.MUL, own(a), own(b)));
    }

    /** a / b entrywise with broadcasting. */
    public Node div(Node a, Node b) {
        return add(new Broadcast(Broadcast.Kind.DIV, own(a), own(b)));
    }

    /** c·x. */
    public Node scale(Node x, double c) {
        if (!Double.isFinite(c)) {
            throw new IllegalArgumentException("scale factor must be finite, got " + c);
        }
        return add(new Unary(Unary.Kind.SCALE, c, own(x)));
    }

    // ---- elementwise -------------------------------------------------------------------------------------------

    public Node relu(Node x) {
        return add(new Unary(Unary.Kind.RELU, 0, own(x)));
    }

    /** x for x &gt; 0, αx otherwise. */
    public Node leakyRelu(Node x, double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("leaky relu slope must be finite, got " + alpha);
        }
        return add(new Unary(Unary.Kind.LEAKY_RELU, alpha, own(x)));
    }

    public Node tanh(Node x) {
        return add(new Unary(Unary.Kind.TANH, 0, own(x)));
    }

    public Node sigmoid(Node x) {
        return add(new Unary(Unary.Kind.SIGMOID, 0, own(x)));
    }

    /** log(1 + eˣ), evaluated without overflow. */
    public Node softplus(Node x) {
        return add(new Unary(Unary.Kind.SOFTPLUS, 0, own(x)));
    }

    public Node square(Node x) {
        return add(new Unary(Unary.Kind.SQUARE, 0, own(x)));
    }

    public Node exp(Node x) {
        return add(new Unary(Unary.Kind.EXP, 0, own(x)));
    }

    public Node log(Node x) {
        return add(new Unary(Unary.Kind.LOG, 0, own(x)));
    }

    /** xᵖ entrywise (Math.pow; x &gt; 0 unless p is an integer). */
    public Node power(Node x, double p) {
        if (!Double.isFinite(p)) {
            throw new IllegalArgumentException("exponent must be finite, got " + p);
        }
        return add(new Unary(Unary.Kind.POWER, p, own(x)));
    }

    // ---- reductions and shape ----------------------------------------------------------------------------------

    /** The sum of all entries (a scalar). */
    public Node sum(Node x) {
        return add(new Reduce(own(x), allAxes(x), false, false));
    }

    /** The sum over {@code axes} (dropped from the shape unless {@code keepDims}, which keeps them with size 1). */
    public Node sum(Node x, boolean keepDims, int... axes) {
        return add(new Reduce(own(x), axes, false, keepDims));
    }

    /** The mean of all entries (a scalar). */
    public Node mean(Node x) {
        return add(new Reduce(own(x), allAxes(x), true, false));
    }

    /** The mean over {@code axes}. */
    public Node mean(Node x, boolean keepDims, int... axes) {
        return add(new Reduce(own(x), axes, true, keepDims));
    }

    private static int[] allAxes(Node x) {
        int[] a = new int[x.shape.rank()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }

    /** The same entries as shape {@code dims} (no copy). */
    public Node reshape(Node x, int... dims) {
        return add(new Reshape(own(x), Shape.of(dims)));
    }

    /** The transpose of a matrix. */
    public Node transpose(Node x) {
        if (x.shape.rank() != 2) {
            throw new IllegalArgumentException("transpose needs a matrix, got shape " + x.shape + "; use permute");
        }
        return permute(x, 1, 0);
    }

    /** Axis permutation: output axis a is input axis perm[a]. */
    public Node permute(Node x, int... perm) {
        return add(new Permute(own(x), perm));
    }

    /** x[…, start:end, …] along {@code axis}. */
    public Node slice(Node x, int axis, int start, int end) {
        return add(new Slice(own(x), axis, start, end));
    }

    /** Concatenation of {@code parts} along {@code axis}. */
    public Node concat(int axis, Node... parts) {
        for (Node p : parts) {
            own(p);
        }
        return add(new Concat(parts, axis));
    }

    /** y_k = x[flatIndex_k] (row-major flat indices; a vector of their count). */
    public Node gather(Node x, int... flatIndex) {
        return add(new Gather(own(x), flatIndex));
    }

    /**
     * y_k = x[index[k, 0], …, index[k, r−1]]: the entries of x (rank r) at the multi-indices in the rows of the data
     * node {@code index} [m, r] (integers stored as doubles, checked on every forward pass); a vector of length m.
     */
    public Node entries(Node x, Node index) {
        return add(new Entries(own(x), own(index)));
    }

    // ---- losses ------------------------------------------------------------------------------------------------

    /**
     * Per-example losses ℓ(pᵢ, yᵢ) of core's {@code loss} (its values and derivatives; second derivatives from
     * {@link org.sgdlab.loss.Loss#secondDerivative}); predictions and targets have the same size, the result the targets' shape.
     */
    public Node loss(Node predictions, Node targets, Loss loss) {
        return add(new PointwiseLossNode(own(predictions), own(targets), loss));
    }

    /** Per-example softmax cross-entropy of logits [n, K] against class indices [n] (stored as doubles). */
    public Node softmaxCrossEntropy(Node logits, Node labels) {
        return add(new SoftmaxCrossEntropyNode(own(logits), own(labels)));
    }

    // ---- normalization, dropout --------------------------------------------------------------------------------

    /** Standardization (x − mean)/√(var + ε) over {@code axes}, biased variance: the core of batch and layer norm. */
    public Node standardize(Node x, double eps, int... axes) {
        return add(new Normalize("standardize", own(x), axes, eps, null));
    }

    /**
     * Batch normalization of x [n, C, …] per channel (axis 1) over the batch and any trailing axes, followed by the
     * affine map γ_c x̂ + β_c when {@code gamma}/{@code beta} are given (vectors of length C; either may be null). In
     * training mode with the batch statistics (recorded for {@link Graph#updateBatchNormStatisticsInPlace()}), in
     * evaluation mode with the running ones of {@code statistics}.
     */
    public Node batchNorm(Node x, BatchNormStatistics statistics, Node gamma, Node beta) {
        own(x);
        Objects.requireNonNull(statistics, "statistics");
        if (x.shape.rank() < 2) {
            throw new IllegalArgumentException("batch norm needs an input of shape [n, C, ...], got " + x.shape);
        }
        int[] axes = new int[x.shape.rank() - 1];
        axes[0] = 0;
        for (int a = 2; a < x.shape.rank(); a++) {
            axes[a - 1] = a;
        }
        Node xhat = training ? add(new Normalize("batch norm", x, axes, statistics.eps(), statistics))
                : add(new FixedNormalize(x, axes, statistics));
        return affine(xhat, gamma, beta, 1);
    }

    /**
     * Layer normalization over the last axis with eps, followed by γ ⊙ x̂ + β when given (vectors of the last axis's
     * length; either may be null).
     */
    public Node layerNorm(Node x, double eps, Node gamma, Node beta) {
        own(x);
        Node xhat = add(new Normalize("layer norm", x, new int[] {x.shape.rank() - 1}, eps, null));
        return affine(xhat, gamma, beta, x.shape.rank() - 1);
    }

    /** γ ⊙ x + β with γ, β vectors along {@code axis} of x, broadcast over the other axes. */
    private Node affine(Node x, Node gamma, Node beta, int axis) {
        Node y = x;
        if (gamma != null) {
            y = mul(y, alongAxis(gamma, x.shape, axis));
        }
        if (beta != null) {
            y = add(y, alongAxis(beta, x.shape, axis));
        }
        return y;
    }

    private Node alongAxis(Node v, Shape of, int axis) {
        own(v);
        int c = of.dim(axis);
        if (v.size != c) {
            throw new IllegalArgumentException("scale/shift for axis " + axis + " of " + of + " needs " + c + " entries, got "
                    + v.shape);
        }
        int trailing = of.rank() - 1 - axis;
        if (trailing == 0) {
            return v.shape.rank() == 1 ? v : reshape(v, c);
        }
        int[] dims = new int[trailing + 1];
        java.util.Arrays.fill(dims, 1);
        dims[0] = c;
        return reshape(v, dims);
    }

    /**
     * Weight normalization (Salimans &amp; Kingma 2016): W[i, :] = gᵢ · v[i, :]/‖v[i, :]‖₂ for v [out, in] and g [out],
     * composed of square, sum, power(−½) and broadcast products (so its derivatives of every order are theirs).
     */
    public Node weightNorm(Node v, Node g) {
        own(v);
        own(g);
        if (v.shape.rank() != 2 || g.size != v.shape.dim(0)) {
            throw new IllegalArgumentException("weight norm needs v [out, in] and g [out], got " + v.shape + " and " + g.shape);
        }
        Node inv = power(sum(square(v), true, 1), -0.5);
        return mul(mul(v, inv), reshape(g, v.shape.dim(0), 1));
    }

    /**
     * Inverted dropout with probability p and masks from a {@link org.sgdlab.random.RandomStream} seeded with
     * {@code seed} (resampled by {@link Graph#resampleDropoutInPlace()}); the identity in evaluation mode or for p = 0.
     */
    public Node dropout(Node x, double p, long seed) {
        own(x);
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        if (!training || p == 0) {
            return x;
        }
        return add(new Dropout(x, p, seed));
    }

    /**
     * Adds a custom node (a subclass of {@link Node} whose inputs were made by this builder). Its forward pass may read
     * state the graph cannot see, so a graph with a custom node recomputes the forward and backward passes for every
     * Hessian-vector product instead of reusing them at an unchanged point ({@link Graph#hessianVectorProduct}).
     */
    public <T extends Node> T custom(T node) {
        for (Node in : node.inputs) {
            own(in);
        }
        node.custom = true;
        return add(node);
    }

    // ---- build -------------------------------------------------------------------------------------------------

    /**
     * The graph computing {@code output} (and {@code extras}, e.g. per-example losses to differentiate separately);
     * allocates every buffer now. A builder builds once.
     */
    public Graph build(Node output, Node... extras) {
        own(output);
        for (Node e : extras) {
            own(e);
        }
        if (built) {
            throw new IllegalStateException("this builder has already built its graph");
        }
        built = true;
        java.util.IdentityHashMap<Node, Boolean> needed = new java.util.IdentityHashMap<>();
        markNeeded(output, needed);
        for (Node e : extras) {
            markNeeded(e, needed);
        }
        for (InputNode in : inputs.values()) {
            needed.put(in, Boolean.TRUE);
        }
        List<Node> kept = new ArrayList<>();
        for (Node n : nodes) {
            if (needed.containsKey(n)) {
                kept.add(n);
            }
        }
        return new Graph(layout, kept, output, new HashMap<>(inputs));
    }

    private static void markNeeded(Node n, java.util.IdentityHashMap<Node, Boolean> needed) {
        java.util.ArrayDeque<Node> stack = new java.util.ArrayDeque<>();
        stack.push(n);
        while (!stack.isEmpty()) {
            Node x = stack.pop();
            if (needed.put(x, Boolean.TRUE) == null) {
                for (Node in : x.inputs) {
                    stack.push(in);
                }
            }
        }
    }
}
