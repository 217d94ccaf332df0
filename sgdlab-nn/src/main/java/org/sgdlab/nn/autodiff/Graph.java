package org.sgdlab.nn.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.GemmOperands;
import org.sgdlab.nn.param.ParameterLayout;

/**
 * A computation built once by a {@link GraphBuilder} for fixed shapes and re-run: every node owns preallocated
 * buffers, so after the first second-order call (which allocates the tangent buffers) no method below allocates.
 * The parameters are read from a flat vector laid out by the graph's {@link ParameterLayout}; derivatives are
 * written to flat vectors of the same layout (zero for blocks the graph does not use).
 *
 * <p>Derivatives, all exact up to rounding:
 * <ul>
 *   <li>{@link #gradient}: reverse mode (backpropagation, 002 §4.2), one forward and one backward pass;</li>
 *   <li>{@link #hessianVectorProduct}: forward-over-reverse (Pearlmutter 1994; 002 §4.4.1): a forward pass carrying
 *   tangents Dx[v], then a backward pass carrying adjoints and their tangents, R{θ̄} = ∇²f·v; about three gradients.
 *   At an unchanged point (the same w bit for bit, data, dropout masks and running statistics: a
 *   {@link LinearizationPoint}) the forward values and first-order adjoints of the last HVP or gradient are reused
 *   and only the tangent passes run, with the same bits (Lanczos multiplies many v at one w);</li>
 *   <li>{@link #hessian}: p Hessian-vector products against the basis vectors (small models);</li>
 *   <li>{@link #jvp}, {@link #vjp}, {@link #jacobian}: for any node of the graph, e.g. the network outputs (an
 *   empirical NTK is JJᵀ) or the per-example losses (per-example gradients are the rows of their Jacobian).</li>
 * </ul>
 * Not thread-safe: a graph is one set of buffers.
 */
public final class Graph {
    private final ParameterLayout layout;
    private final Node[] nodes;
    private final Node output;
    private final ParameterNode[] parameters;
    private final Map<String, InputNode> inputs;
    private final Dropout[] dropouts;
    private final Normalize[] batchNorms;
    private final boolean coversLayout;
    private final boolean couplesExamples;
    /** The adjoints {@link #gradient} zeroes (the rest are written by their first backward edge). */
    private final Node[] zeroForGradient;
    /** See {@link #planDeferredLossValues}. */
    private final PointwiseLossNode[] deferredLosses;
    private boolean overwriting = true;
    /**
     * Copies of the products' operands kept by a backend with its own memory (native OpenBLAS; {@code NONE} for the
     * Java GEMM). What this graph vouches for ({@link GemmOperands}): constants never change; every other buffer is
     * written only by its node's forward pass (values, tangents) or before its node's backward pass uses it
     * (adjoints), so the copies stay valid from a pass's parameters through its forward and its first backward pass,
     * and are dropped when the next parameters are set or a second backward pass (a Jacobian's next row) starts.
     */
    private final GemmOperands operands = Gemm.newOperands();
    private boolean backwardRan;
    private boolean secondOrder;
    /** False when a custom node may read state outside the graph: then nothing is reused. */
    private final boolean reusable;
    /** The point the buffers' forward values and adjoints belong to (made with the tangent buffers; null before). */
    private LinearizationPoint linearization;
    /** Reuse at an unchanged point (off: every HVP recomputes everything, the reference the tests compare with). */
    private boolean reusing = true;

    Graph(ParameterLayout layout, List<Node> kept, Node output, Map<String, InputNode> inputs) {
        this.layout = layout;
        this.nodes = kept.toArray(new Node[0]);
        this.output = output;
        this.inputs = inputs;
        List<ParameterNode> ps = new ArrayList<>();
        List<Dropout> ds = new ArrayList<>();
        List<Normalize> bs = new ArrayList<>();
        boolean couples = false;
        boolean opaque = false;
        int covered = 0;
        for (int i = 0; i < nodes.length; i++) {
            Node n = nodes[i];
            n.position = i;
            n.allocate();
            if (n instanceof ParameterNode p) {
                ps.add(p);
                covered += p.size;
            } else if (n instanceof Dropout d) {
                ds.add(d);
            } else if (n instanceof Normalize b && b.statistics != null) {
                bs.add(b);
            }
            couples |= n.couplesExamples();
            opaque |= n.custom;
        }
        for (Node n : nodes) {
            if (n instanceof InputNode in && in.isConstant()) {
                operands.pinInPlace(n.value);
            } else if (n instanceof MatMul mm) {
                mm.operands = operands;
            }
        }
        this.parameters = ps.toArray(new ParameterNode[0]);
        this.dropouts = ds.toArray(new Dropout[0]);
        this.batchNorms = bs.toArray(new Normalize[0]);
        this.coversLayout = covered == layout.size();
        this.couplesExamples = couples;
        this.reusable = !opaque;
        this.zeroForGradient = planOverwrites();
        this.deferredLosses = planDeferredLossValues();
        setDeferringLossValues(true);
    }

    /**
     * The squared losses whose per-example values no node reads: each summed whole by a {@link Reduce} that is its only
     * consumer (which reads the sum the loss's pass leaves). Their forward pass may leave the values out, to be
     * written when read through {@link Node#value()} ({@link PointwiseLossNode#deferValues}).
     */
    private PointwiseLossNode[] planDeferredLossValues() {
        int[] consumers = new int[nodes.length];
        Node[] consumer = new Node[nodes.length];
        for (Node c : nodes) {
            for (Node in : c.inputs) {
                consumers[in.position]++;
                consumer[in.position] = c;
            }
        }
        List<PointwiseLossNode> deferred = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof PointwiseLossNode l && consumers[n.position] == 1 && consumer[n.position] instanceof Reduce r
                    && r.sumsWhole(l)) {
                deferred.add(l);
            }
        }
        return deferred.toArray(new PointwiseLossNode[0]);
    }

    /**
     * Lets the summed squared losses of {@link #planDeferredLossValues} leave their per-example values out of the
     * forward pass (the default) or not (every value written by its pass: the reference the tests compare with).
     */
    void setDeferringLossValues(boolean on) {
        for (PointwiseLossNode l : deferredLosses) {
            l.materializeValues();
            l.deferValues = on;
        }
    }

    /**
     * Turns the written adjoints of {@link #planOverwrites} off (every adjoint zeroed, every edge adding: the reference
     * the tests compare the bits with) or back on.
     */
    void setOverwriting(boolean on) {
        if (on == overwriting) {
            return;
        }
        forgetLinearization();
        for (Node n : nodes) {
            boolean[] t = n.overwrite;
            n.overwrite = n.overwriteOff;
            n.overwriteOff = t;
        }
        overwriting = on;
    }

    /**
     * Marks the edges whose backward pass may write its input's adjoint instead of adding to it: the input's last
     * consumer in execution order (the first to run backward), when it takes the input once and supports writing, and
     * the adjoint buffer is the input's alone (a reshape shares its input's). Returns the differentiable nodes whose
     * adjoints {@link #gradient} must still zero: those with no such edge, or whose edge lies past the output (not run).
     * The other passes zero every adjoint as before; a marked edge is still the first to reach its adjoint there.
     */
    private Node[] planOverwrites() {
        java.util.IdentityHashMap<double[], Integer> owners = new java.util.IdentityHashMap<>();
        for (Node n : nodes) {
            if (n.grad != null) {
                owners.merge(n.grad, 1, Integer::sum);
            }
        }
        int[] lastConsumer = new int[nodes.length];
        Arrays.fill(lastConsumer, -1);
        for (Node c : nodes) {
            for (Node in : c.inputs) {
                lastConsumer[in.position] = Math.max(lastConsumer[in.position], c.position);
            }
        }
        List<Node> zero = new ArrayList<>();
        for (Node n : nodes) {
            if (!n.differentiable) {
                continue;
            }
            int last = lastConsumer[n.position];
            boolean written = false;
            if (last >= 0 && last <= output.position && owners.get(n.grad) == 1) {
                Node c = nodes[last];
                int edge = -1;
                int edges = 0;
                for (int i = 0; i < c.inputs.length; i++) {
                    if (c.inputs[i] == n) {
                        edge = i;
                        edges++;
                    }
                }
                if (edges == 1 && c.differentiable && c.canOverwriteAdjoint(edge)) {
                    if (c.overwrite == null) {
                        c.overwrite = new boolean[c.inputs.length];
                    }
                    c.overwrite[edge] = true;
                    written = true;
                }
            }
            if (!written) {
                zero.add(n);
            }
        }
        return zero.toArray(new Node[0]);
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** The output node. */
    public Node output() {
        return output;
    }

    /** The nodes in execution (topological) order. */
    public List<Node> nodes() {
        return List.of(nodes);
    }

    /** True when some node mixes examples (batch statistics, batch-wide dropout masks). */
    public boolean couplesExamples() {
        return couplesExamples;
    }

    /**
     * The buffer of input {@code name}, to be filled by the caller before a run (not a copy; row-major; its length is
     * the input's size).
     */
    public double[] input(String name) {
        InputNode n = inputs.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no input called \"" + name + "\"; inputs are " + inputs.keySet());
        }
        return n.value;
    }

    /** Copies {@code values} (read only) into input {@code name}. */
    public void setInput(String name, double[] values) {
        double[] buf = input(name);
        if (values.length != buf.length) {
            throw new IllegalArgumentException("input " + name + " has " + buf.length + " entries, got " + values.length);
        }
        System.arraycopy(values, 0, buf, 0, buf.length);
    }

    /** Draws the next mask of every dropout node. */
    public void resampleDropoutInPlace() {
        if (dropouts.length > 0) {
            forgetLinearization();
        }
        for (Dropout d : dropouts) {
            d.resampleInPlace();
        }
    }

    /** Folds the batch statistics of the last forward pass into each batch-norm layer's running statistics. */
    public void updateBatchNormStatisticsInPlace() {
        for (Normalize b : batchNorms) {
            b.statistics.accumulateInPlace(b.mean, b.variance, b.groupSize());
        }
    }

    // ---- passes ------------------------------------------------------------------------------------------------

    /**
     * Turns the reuse of forward values and adjoints at an unchanged point on (the default) or off (every HVP runs all
     * four passes: the reference the tests compare the bits with).
     */
    void setReusingLinearization(boolean on) {
        reusing = on;
        forgetLinearization();
    }

    /** True when the next HVP at {@code w} would reuse the buffers (for tests). */
    boolean linearizationMatches(double[] w) {
        return reusing && linearization != null && linearization.matches(w);
    }

    private void forgetLinearization() {
        if (linearization != null) {
            linearization.invalidate();
        }
    }

    /** After a full forward and first-order backward pass at {@code w}: the buffers belong to w (if tracked). */
    private void rememberLinearization(double[] w) {
        if (linearization != null && reusing) {
            linearization.record(w);
        }
    }

    private void setParameters(double[] w) {
        layout.requireLength(w);
        forgetLinearization();
        operands.invalidateInPlace();
        backwardRan = false;
        for (ParameterNode p : parameters) {
            System.arraycopy(w, p.block.offset(), p.value, 0, p.size);
        }
    }

    private void forwardTo(int last) {
        for (int i = 0; i <= last; i++) {
            nodes[i].forward();
        }
    }

    private void forwardWithTangentsTo(int last) {
        for (int i = 0; i <= last; i++) {
            Node n = nodes[i];
            n.forward();
            if (n.differentiable && !(n instanceof ParameterNode)) {
                n.tangent();
            }
        }
    }

    private void zeroAdjointsTo(int last, boolean withTangents) {
        for (int i = 0; i <= last; i++) {
            Node n = nodes[i];
            if (n.differentiable) {
                Arrays.fill(n.grad, 0.0);
                if (withTangents) {
                    Arrays.fill(n.gradTangent, 0.0);
                }
            }
        }
    }

    /** Before a backward pass: the copies of adjoints from an earlier backward pass (a Jacobian's rows) are stale. */
    private void beginBackward() {
        if (backwardRan) {
            operands.invalidateInPlace();
        }
        backwardRan = true;
    }

    private void backwardFrom(int first) {
        beginBackward();
        for (int i = first; i >= 0; i--) {
            Node n = nodes[i];
            if (n.differentiable) {
                n.backward();
            }
        }
    }

    private void collect(double[] out, boolean tangents) {
        layout.requireLength(out);
        if (!coversLayout) {
            Arrays.fill(out, 0.0);
        }
        for (ParameterNode p : parameters) {
            System.arraycopy(tangents ? p.gradTangent : p.grad, 0, out, p.block.offset(), p.size);
        }
    }

    private void ensureSecondOrder() {
        if (!secondOrder) {
            for (Node n : nodes) {
                n.allocateSecondOrder();
            }
            secondOrder = true;
            if (reusable) {
                linearization = new LinearizationPoint(layout.size(), nodes);
            }
        }
    }

    private void requireScalarOutput(String what) {
        if (output.size != 1) {
            throw new IllegalStateException(what + " needs a scalar output, the graph's output is " + output);
        }
    }

    private int positionOf(Node of) {
        if (of.position < 0 || of.position >= nodes.length || nodes[of.position] != of) {
            throw new IllegalArgumentException(of + " is not a node of this graph");
        }
        return of.position;
    }

    /** Runs the forward pass at parameters {@code w} (read only); the nodes' values are then readable. */
    public void forward(double[] w) {
        setParameters(w);
        forwardTo(nodes.length - 1);
    }

    /** f(w): the forward pass, returning the scalar output. */
    public double value(double[] w) {
        requireScalarOutput("value");
        forward(w);
        return output.value[0];
    }

    /** Writes ∇f(w) into {@code out} and returns f(w); {@code w} is read only. */
    public double gradient(double[] w, double[] out) {
        requireScalarOutput("gradient");
        setParameters(w);
        int last = nodes.length - 1;
        forwardTo(last);
        if (overwriting) {
            for (Node n : zeroForGradient) {
                Arrays.fill(n.grad, 0.0);
            }
        } else {
            zeroAdjointsTo(last, false);
        }
        output.grad[0] = 1.0;
        backwardFrom(output.position);
        collect(out, false);
        // the values and adjoints an HVP at w would compute, bit for bit: every node runs the same forward and backward
        // with the same written-adjoint plan (an HVP zeroes the written adjoints too, but their edges overwrite them);
        // recorded only once the graph has been used for second order, so a training graph never pays the copy
        rememberLinearization(w);
        return output.value[0];
    }

    /**
     * Writes ∇²f(w)·v into {@code out} (and ∇f(w) into {@code gradientOut} unless it is null) and returns f(w);
     * {@code w} and {@code v} are read only.
     *
     * <p>When the graph's buffers still hold the forward values and first-order adjoints of the last HVP or
     * {@link #gradient} at this very point (w equal bit for bit, data inputs, dropout masks and running batch-norm
     * statistics unchanged, no other pass run since: {@link LinearizationPoint}), only the tangent pass and the
     * adjoint-tangent pass run: the forward and backward passes would write the same bits again, and the tangent
     * passes read them without changing them. The result is the same bits either way.
     */
    public double hessianVectorProduct(double[] w, double[] v, double[] out, double[] gradientOut) {
        requireScalarOutput("a Hessian-vector product");
        layout.requireLength(w);
        layout.requireLength(v);
        ensureSecondOrder();
        int last = nodes.length - 1;
        boolean reuse = linearizationMatches(w);
        if (reuse) {
            // the tangents change with v: the operand copies of the last pass (tangents, adjoints) are stale
            operands.invalidateInPlace();
            backwardRan = false;
        } else {
            setParameters(w);
        }
        for (ParameterNode p : parameters) {
            System.arraycopy(v, p.block.offset(), p.tangent, 0, p.size);
        }
        if (reuse) {
            tangentsTo(last);
            zeroAdjointTangentsTo(last);
            beginBackward();
            for (int i = output.position; i >= 0; i--) {
                Node n = nodes[i];
                if (n.differentiable) {
                    n.backwardTangent();
                }
            }
        } else {
            forwardWithTangentsTo(last);
            zeroAdjointsTo(last, true);
            output.grad[0] = 1.0;
            beginBackward();
            for (int i = output.position; i >= 0; i--) {
                Node n = nodes[i];
                if (n.differentiable) {
                    n.backward();
                    n.backwardTangent();
                }
            }
            rememberLinearization(w);
        }
        collect(out, true);
        if (gradientOut != null) {
            collect(gradientOut, false);
        }
        return output.value[0];
    }

    /** The tangent pass alone, over forward values already computed. */
    private void tangentsTo(int last) {
        for (int i = 0; i <= last; i++) {
            Node n = nodes[i];
            if (n.differentiable && !(n instanceof ParameterNode)) {
                n.tangent();
            }
        }
    }

    private void zeroAdjointTangentsTo(int last) {
        for (int i = 0; i <= last; i++) {
            Node n = nodes[i];
            if (n.differentiable) {
                Arrays.fill(n.gradTangent, 0.0);
            }
        }
    }

    /** ∇²f(w)·v into {@code out}; returns f(w). */
    public double hessianVectorProduct(double[] w, double[] v, double[] out) {
        return hessianVectorProduct(w, v, out, null);
    }

    /**
     * The full Hessian ∇²f(w), p × p row-major into {@code out} (length p²), column j from the HVP with the j-th basis
     * vector; allocates one p-vector. For small models.
     */
    public void hessian(double[] w, double[] out) {
        int p = layout.size();
        if (out.length != (long) p * p) {
            throw new IllegalArgumentException("Hessian buffer has " + out.length + " entries, expected p² = " + (long) p * p);
        }
        double[] e = new double[p];
        double[] col = new double[p];
        for (int j = 0; j < p; j++) {
            e[j] = 1.0;
            hessianVectorProduct(w, e, col);
            e[j] = 0.0;
            for (int i = 0; i < p; i++) {
                out[i * p + j] = col[i];
            }
        }
    }

    /**
     * The Jacobian-vector product of node {@code of} along parameter direction {@code v}: out = D(of)(w)·v (of's size;
     * zero when {@code of} does not depend on the parameters). Runs the forward pass up to {@code of}.
     */
    public void jvp(double[] w, double[] v, Node of, double[] out) {
        int k = positionOf(of);
        layout.requireLength(v);
        if (out.length != of.size) {
            throw new IllegalArgumentException("JVP buffer has " + out.length + " entries, " + of + " has " + of.size);
        }
        ensureSecondOrder();
        setParameters(w);
        for (ParameterNode p : parameters) {
            System.arraycopy(v, p.block.offset(), p.tangent, 0, p.size);
        }
        forwardWithTangentsTo(k);
        if (of.differentiable) {
            System.arraycopy(of.tangent, 0, out, 0, of.size);
        } else {
            Arrays.fill(out, 0.0);
        }
    }

    /**
     * The vector-Jacobian product uᵀ·D(of)(w), i.e. ∇_w⟨u, of(w)⟩, into {@code out} (parameter layout). Runs the
     * forward pass up to {@code of} and the backward pass from it.
     */
    public void vjp(double[] w, Node of, double[] u, double[] out) {
        int k = positionOf(of);
        if (u.length != of.size) {
            throw new IllegalArgumentException("VJP seed has " + u.length + " entries, " + of + " has " + of.size);
        }
        setParameters(w);
        forwardTo(k);
        vjpAfterForward(of, k, u, -1, out, 0);
    }

    /** Backward from {@code of} seeded with u (or with the basis vector e_entry when u is null), into out[outOff..). */
    private void vjpAfterForward(Node of, int k, double[] u, int entry, double[] out, int outOff) {
        int p = layout.size();
        if (!of.differentiable) {
            Arrays.fill(out, outOff, outOff + p, 0.0);
            return;
        }
        zeroAdjointsTo(k, false);
        if (u != null) {
            System.arraycopy(u, 0, of.grad, 0, of.size);
        } else {
            of.grad[entry] = 1.0;
        }
        backwardFrom(k);
        if (!coversLayout) {
            Arrays.fill(out, outOff, outOff + p, 0.0);
        }
        for (ParameterNode q : parameters) {
            System.arraycopy(q.grad, 0, out, outOff + q.block.offset(), q.size);
        }
    }

    /**
     * The Jacobian of node {@code of} with respect to the parameters: row r (of's r-th entry, row-major) holds
     * ∂of_r/∂w in out[r·p, (r+1)·p). One forward pass and of.size backward passes. With {@code of} the per-example
     * losses, the rows are the per-example gradients; with {@code of} the network outputs, JJᵀ is the empirical NTK.
     */
    public void jacobian(double[] w, Node of, double[] out) {
        int k = positionOf(of);
        int p = layout.size();
        if (out.length != (long) of.size * p) {
            throw new IllegalArgumentException("Jacobian buffer has " + out.length + " entries, expected " + of.size + " × "
                    + p + " = " + (long) of.size * p);
        }
        setParameters(w);
        forwardTo(k);
        for (int r = 0; r < of.size; r++) {
            vjpAfterForward(of, k, null, r, out, r * p);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Graph(").append(nodes.length).append(" nodes, ").append(layout.size())
                .append(" parameters):");
        for (Node n : nodes) {
            sb.append("\n  ").append(n.position).append(": ").append(n);
        }
        return sb.toString();
    }
}
