package org.sgdlab.nn.objective;

import java.util.Arrays;
import java.util.Objects;
import org.sgdlab.data.Dataset;
import org.sgdlab.nn.autodiff.Graph;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.model.Network;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.nn.tensor.Tensor;
import org.sgdlab.objective.Objective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.train.checkpoint.Checkpointable;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * The empirical risk of a network, L(θ) = Σᵢ ℓ(f_θ(xᵢ), yᵢ) or its mean ({@link Reduction}), as a core
 * {@link Objective} over the network's flat parameter vector, so {@code Trainer.builder(objective, optimizer)} trains
 * it with any optimizer chain. Minibatch estimates scale the batch sum by {@link Reduction#batchScale}, as
 * {@code EmpiricalRisk} does. Beyond the Objective contract: exact Hessian-vector products and Hessians, per-example
 * gradients and the Jacobian of the outputs (for an empirical NTK).
 *
 * <p>Graphs are built once per batch size (the full batch on first use, holding a copy of the data; each minibatch size
 * on first use) and re-run: after warm-up a gradient, minibatch gradient or HVP allocates nothing.
 *
 * <p>Stochastic layers. The training step's calls {@link #gradientOnly} and {@link #minibatchGradientOnly} (the ones
 * {@code Trainer} makes) first draw new dropout masks and, when built with {@code updateBatchNormStatistics}, fold the
 * batch statistics into the running ones after the pass. Every other method (value, gradient, HVP, Jacobians — what
 * probes and checks call) sees the current masks and leaves the statistics alone, so probing never changes a run.
 *
 * <p>Not thread-safe (the graphs are buffers).
 */
public final class NetworkObjective implements SecondOrderObjective, Checkpointable {
    private final Network network;
    private final Dataset data;
    private final NetworkLoss loss;
    private final Reduction reduction;
    private final boolean updateStatistics;
    private final ParameterLayout layout;
    private final int n;
    private final int d;
    private final double[] x;
    private final double[] y;
    private Bound full;
    private Bound last;
    /** Graphs by batch size (a handful at most: the batch size and a shorter last batch of an epoch). */
    private Bound[] bySize = new Bound[0];

    /** One graph for batches of {@code count} rows with its input buffers. */
    private static final class Bound {
        final int count;
        final Graph graph;
        final Node outputs;
        final Node losses;
        final double[] xs;
        final double[] ys;

        /** {@code inputs}: the rows are the graph's inputs "x" and "y" (a batch's), else its constants (the full data). */
        Bound(int count, Graph graph, Node outputs, Node losses, boolean inputs) {
            this.count = count;
            this.graph = graph;
            this.outputs = outputs;
            this.losses = losses;
            this.xs = inputs ? graph.input("x") : null;
            this.ys = inputs ? graph.input("y") : null;
        }
    }

    /** The risk of {@code network} on {@code data} (not copied) under {@code loss}, combined by {@code reduction}. */
    public NetworkObjective(Network network, Dataset data, NetworkLoss loss, Reduction reduction) {
        this(network, data, loss, reduction, false);
    }

    /**
     * As above; with {@code updateBatchNormStatistics} every training step ({@link #gradientOnly},
     * {@link #minibatchGradientOnly}) updates the batch-norm running statistics.
     */
    public NetworkObjective(Network network, Dataset data, NetworkLoss loss, Reduction reduction,
                            boolean updateBatchNormStatistics) {
        this.network = Objects.requireNonNull(network, "network");
        this.data = Objects.requireNonNull(data, "data");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
        this.updateStatistics = updateBatchNormStatistics;
        this.layout = network.layout();
        if (data.d() != network.inputFeatures()) {
            throw new IllegalArgumentException("network " + network.describe() + " takes " + network.inputFeatures()
                    + " features but data " + data.name() + " has " + data.d() + " columns");
        }
        network.validate(data);
        loss.validate(data, network.outputs());
        this.n = data.n();
        this.d = data.d();
        this.x = data.x().data();
        this.y = data.y();
    }

    /**
     * The network's mutable state for checkpoints: its batch-norm running statistics when it has any (a
     * {@link Checkpointable} network such as {@link org.sgdlab.nn.model.Mlp}); nothing otherwise. Not saved: the random
     * streams of dropout nodes, which live in the graphs (no network of sgdlab-nn builds dropout nodes today; one that did
     * would need them added here to resume bit for bit).
     */
    @Override
    public void fields(StateFields f) {
        if (network instanceof Checkpointable c) {
            f.nested("network", c);
        }
    }

    public Network network() {
        return network;
    }

    public Dataset data() {
        return data;
    }

    public NetworkLoss loss() {
        return loss;
    }

    public Reduction reduction() {
        return reduction;
    }

    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int dimension() {
        return layout.size();
    }

    @Override
    public int sampleCount() {
        return n;
    }

    /**
     * The graph for batches of {@code count} rows; with {@code fullData} the data's rows are constants of the graph
     * (copied once here; a native GEMM backend then keeps its copy of X between calls, see {@code GemmOperands}).
     */
    private Bound build(int count, boolean fullData) {
        GraphBuilder b = new GraphBuilder(layout);
        Node in = fullData ? b.constant(new Tensor(Shape.of(n, d), x)) : b.input("x", count, d);
        Node targets = fullData ? b.constant(new Tensor(Shape.of(n), y)) : b.input("y", count);
        Node out = network.build(b, in);
        if (out.shape().rank() != 2 || out.shape().dim(0) != count || out.shape().dim(1) != network.outputs()) {
            throw new IllegalStateException(network.describe() + " built outputs of shape " + out.shape() + ", expected ["
                    + count + ", " + network.outputs() + "]");
        }
        Node losses = loss.perExample(b, out, targets);
        Node total = b.sum(losses);
        return new Bound(count, b.build(total, out, losses), out, losses, !fullData);
    }

    private Bound full() {
        if (full == null) {
            full = build(n, true);
        }
        return full;
    }

    /** The graph for {@code count} rows, filled with the rows {@code batch[0..count)}. */
    private Bound batch(int[] batch, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + count);
        }
        Bound b = last;
        if (b == null || b.count != count) {
            b = null;
            for (Bound c : bySize) {
                if (c.count == count) {
                    b = c;
                    break;
                }
            }
            if (b == null) {
                b = build(count, false);
                bySize = Arrays.copyOf(bySize, bySize.length + 1);
                bySize[bySize.length - 1] = b;
            }
            last = b;
        }
        for (int t = 0; t < count; t++) {
            int i = batch[t];
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("batch index " + i + " at position " + t + " is outside 0.." + (n - 1));
            }
            System.arraycopy(x, i * d, b.xs, t * d, d);
            b.ys[t] = y[i];
        }
        return b;
    }

    private double fullScale() {
        return reduction == Reduction.SUM ? 1.0 : 1.0 / n;
    }

    private static void scale(double[] v, double k) {
        if (k != 1.0) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= k;
            }
        }
    }

    @Override
    public double value(double[] w) {
        return full().graph.value(w) * fullScale();
    }

    @Override
    public double gradient(double[] w, double[] out) {
        double v = full().graph.gradient(w, out);
        scale(out, fullScale());
        return v * fullScale();
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        Bound b = batch(batch, count);
        double v = b.graph.gradient(w, out);
        double k = reduction.batchScale(count, n);
        scale(out, k);
        return v * k;
    }

    @Override
    public void gradientOnly(double[] w, double[] out) {
        Graph g = full().graph;
        g.resampleDropoutInPlace();
        g.gradient(w, out);
        scale(out, fullScale());
        if (updateStatistics) {
            g.updateBatchNormStatisticsInPlace();
        }
    }

    @Override
    public void minibatchGradientOnly(double[] w, int[] batch, int count, double[] out) {
        Graph g = batch(batch, count).graph;
        g.resampleDropoutInPlace();
        g.gradient(w, out);
        scale(out, reduction.batchScale(count, n));
        if (updateStatistics) {
            g.updateBatchNormStatisticsInPlace();
        }
    }

    /** Writes ∇²L(w)·v into {@code out} and returns L(w) ({@code w}, {@code v} read only). */
    @Override
    public double hessianVectorProduct(double[] w, double[] v, double[] out) {
        double f = full().graph.hessianVectorProduct(w, v, out);
        scale(out, fullScale());
        return f * fullScale();
    }

    /** The full Hessian ∇²L(w), p × p row-major into {@code out} (p HVPs; small models). */
    public void hessian(double[] w, double[] out) {
        full().graph.hessian(w, out);
        scale(out, fullScale());
    }

    /** The network outputs f_w(xᵢ) for every row, n × k row-major into {@code out}. */
    public void outputs(double[] w, double[] out) {
        Bound b = full();
        if (out.length != n * network.outputs()) {
            throw new IllegalArgumentException("output buffer has " + out.length + " entries, expected n·k = "
                    + n * network.outputs());
        }
        b.graph.forward(w);
        System.arraycopy(b.outputs.value().data(), 0, out, 0, out.length);
    }

    /**
     * The directional derivative of the outputs along parameter direction {@code v}: out = J(w)·v, n × k row-major
     * (a forward pass carrying tangents; {@code w}, {@code v} read only).
     */
    public void outputJvp(double[] w, double[] v, double[] out) {
        Bound b = full();
        b.graph.jvp(w, v, b.outputs, out);
    }

    /**
     * The per-example gradients ∇ℓᵢ(w) (unscaled by the reduction), n × p row-major into {@code out}. For a
     * row-separable network without batch statistics or dropout, from a batch-of-one graph per row; otherwise as the
     * rows of the Jacobian of the batch's per-example losses (n backward passes over the batch graph).
     */
    public void perExampleGradients(double[] w, double[] out) {
        perRow(w, out, false);
    }

    /**
     * The Jacobian of the outputs, (n·k) × p row-major into {@code out}: row i·k + c is ∂f_w(xᵢ)_c/∂w. The empirical
     * neural tangent kernel is J Jᵀ (002 ch. 9).
     */
    public void outputJacobian(double[] w, double[] out) {
        perRow(w, out, true);
    }

    private void perRow(double[] w, double[] out, boolean outputs) {
        int p = layout.size();
        int rows = outputs ? network.outputs() : 1;
        if (out.length != (long) n * rows * p) {
            throw new IllegalArgumentException("buffer has " + out.length + " entries, expected " + n * rows + " × " + p);
        }
        Bound fb = full();
        if (!network.rowSeparable() || fb.graph.couplesExamples()) {
            fb.graph.jacobian(w, outputs ? fb.outputs : fb.losses, out);
            return;
        }
        int[] one = new int[1];
        double[] row = new double[rows * p];
        for (int i = 0; i < n; i++) {
            one[0] = i;
            Bound b = batch(one, 1);
            b.graph.jacobian(w, outputs ? b.outputs : b.losses, row);
            System.arraycopy(row, 0, out, i * rows * p, rows * p);
        }
    }

    /** Draws new dropout masks for the full-batch graph (the masks value, gradient and HVP then use). */
    public void resampleDropoutInPlace() {
        full().graph.resampleDropoutInPlace();
    }

    @Override
    public String toString() {
        return network.describe() + " on " + data.name() + " (" + loss.name() + ", " + reduction + ")";
    }
}
