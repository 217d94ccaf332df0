package org.sgdlab.kernels;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.GemmKernel;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.Transpose;
import org.sgdlab.nn.autodiff.Graph;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.model.Network;
import org.sgdlab.nn.param.ParameterBlock;
import org.sgdlab.parallel.Parallel;

/**
 * The empirical neural tangent kernel of a network of sgdlab-nn at parameters θ (002 Lemma 9.1.1):
 * <pre>
 *   Θ((x, a), (x′, b)) = Σ_blocks m_B ⟨∂f_a(x)/∂θ_B, ∂f_b(x′)/∂θ_B⟩,
 * </pre>
 * for outputs a, b of a k-output network (rows i·k + a of the result), with block weights m_B ≥ 0 (default 1 for
 * every block: all parameters trained; 0 freezes a block, e.g. the "first layer only" NTK). The Jacobian rows
 * ∂f(xᵢ)/∂θ come from sgdlab-nn's reverse mode ({@link Graph#jacobian}, one backward pass per output): for a
 * row-separable network ({@link Network#rowSeparable()}) from a batch-of-one graph per point, in parallel with one
 * graph per worker; otherwise from the graph of the whole batch (batch statistics couple the points; graphs are built
 * in training mode, as the ones {@code NetworkObjective} trains with). Each row is
 * scaled by √m_B per block, then Θ = J Jᵀ by {@link Gemm} calls over panels of rows that compute the lower triangle
 * and mirror it, so every entry is one FMA chain over the p parameters (the bits of one full J Jᵀ product): the same
 * bits for any thread count. When J (n·k rows of p doubles) exceeds the memory budget, rows are
 * processed in chunks and the Jacobian of a chunk is recomputed for each chunk pair — still the same bits, since an
 * entry's FMA chain does not depend on the chunking. Immutable; thread-compatible (graphs are built per call).
 */
public final class EmpiricalNtk {
    /** The smallest default budget for Jacobian rows held at once: 256 MiB (the default is the larger of this and a quarter of the heap). */
    public static final long DEFAULT_BUDGET_BYTES = 256L << 20;

    private final Network network;
    private final double[] columnScale;
    private final long budgetBytes;
    private final Map<String, Double> weights;
    private volatile Boolean separable;
    /**
     * Batch-of-one graphs of finished Jacobians, for the next call to reuse (building one costs about as much as a
     * small network's Jacobian); at most one per thread that ran a call. A graph's outputs do not depend on what it
     * computed before (each worker already reuses its graph from point to point).
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Graph> idleGraphs = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private EmpiricalNtk(Network network, Map<String, Double> weights, long budgetBytes) {
        this.network = network;
        this.weights = Map.copyOf(weights);
        this.budgetBytes = budgetBytes;
        int p = network.layout().size();
        this.columnScale = new double[p];
        Arrays.fill(columnScale, 1.0);
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            ParameterBlock b = network.layout().block(e.getKey());
            Arrays.fill(columnScale, b.offset(), b.end(), Math.sqrt(e.getValue()));
        }
    }

    /**
     * The empirical NTK of {@code network}, every block with weight 1, holding at most max(256 MiB, heap/4) of Jacobian
     * rows at once.
     */
    public static EmpiricalNtk of(Network network) {
        return new EmpiricalNtk(Objects.requireNonNull(network, "network"), Map.of(),
                Math.max(DEFAULT_BUDGET_BYTES, Runtime.getRuntime().maxMemory() / 4));
    }

    /**
     * The same kernel with block {@code name} weighted by m ≥ 0 (0: frozen; in the NTK parameterization every trained
     * block has m = 1).
     *
     * @throws IllegalArgumentException for an unknown block (listing the layout) or m negative or not finite
     */
    public EmpiricalNtk withBlockWeight(String name, double m) {
        if (!(m >= 0) || Double.isInfinite(m)) {
            throw new IllegalArgumentException("block weight of " + name + " must be >= 0 and finite, got " + m);
        }
        if (!network.layout().has(name)) {
            throw new IllegalArgumentException("no parameter block \"" + name + "\" in " + network.describe() + "; blocks are "
                    + network.layout());
        }
        Map<String, Double> w = new LinkedHashMap<>(weights);
        w.put(name, m);
        return new EmpiricalNtk(network, w, budgetBytes);
    }

    /** Only the named blocks trained (weight 1), every other block frozen. */
    public EmpiricalNtk trainingOnly(String... names) {
        EmpiricalNtk k = this;
        for (ParameterBlock b : network.layout().blocks()) {
            k = k.withBlockWeight(b.name(), 0.0);
        }
        for (String n : names) {
            k = k.withBlockWeight(n, 1.0);
        }
        return k;
    }

    /** The same kernel holding at most {@code bytes} of Jacobian rows at once (≥ one row pair). */
    public EmpiricalNtk withMemoryBudget(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("memory budget must be >= 1 byte, got " + bytes);
        }
        return new EmpiricalNtk(network, weights, bytes);
    }

    public Network network() {
        return network;
    }

    /**
     * Θ on the rows of x: (n·k) × (n·k) row-major, a new array; {@code w} (the parameters) and {@code x} are read only.
     *
     * @throws IllegalArgumentException on a wrong parameter length or column count, or a non-finite input
     */
    public double[] gram(double[] w, Matrix x) {
        check(w, x, "x");
        int k = network.outputs();
        int p = network.layout().size();
        int n = x.rows();
        int rows = Math.multiplyExact(n, k);
        if (!separable() || rowBytes(rows, p) <= budgetBytes) {
            // J Jᵀ by panels of rows, the lower triangle only (about half the multiply-adds of the full product), then
            // mirrored: the same bits as Gemm.multiply(N, T) of all of J (LowerPanels)
            return LowerPanels.gram(jacobian(w, x, 0, n), rows, p);
        }
        double[] out = new double[Math.multiplyExact(rows, rows)];
        int outer = chunkPoints(k, p, 2.0 / 3);
        int inner = chunkPoints(k, p, 1.0 / 3);
        for (int i0 = 0; i0 < n; i0 += outer) {
            int ni = Math.min(outer, n - i0);
            double[] ji = jacobian(w, x, i0, ni);
            block(ji, ni * k, i0 * k, ji, ni * k, i0 * k, p, out, rows, false);
            for (int c0 = 0; c0 < i0; c0 += inner) {
                int nc = Math.min(inner, i0 - c0);
                block(ji, ni * k, i0 * k, jacobian(w, x, c0, nc), nc * k, c0 * k, p, out, rows, true);
            }
        }
        return out;
    }

    /**
     * Column {@code col} of {@link #gram}: Θ[i][col] for the n·k rows i (a new array; w and x read only), one GEMM column
     * J·J[col]ᵀ instead of the whole J Jᵀ (for n = 8 points: 8 entries instead of 64). With sgdlab's GEMM kernel every
     * entry is one chain of fused multiply-adds over the parameters, the same in either operand order, so these are
     * the bits of {@code gram(w, x)[i·n·k + col]} and of its mirror {@code gram(w, x)[col·n·k + i]}
     * (EmpiricalNtkTest). Forms the whole Jacobian (n·k × p doubles; no memory budget): for few points.
     *
     * @throws IllegalArgumentException on a wrong parameter length or column count, a non-finite input, or col outside
     *                                  [0, n·k)
     */
    public double[] gramColumn(double[] w, Matrix x, int col) {
        check(w, x, "x");
        int k = network.outputs();
        int p = network.layout().size();
        int rows = Math.multiplyExact(x.rows(), k);
        if (col < 0 || col >= rows) {
            throw new IllegalArgumentException("col must be in [0, " + rows + "), got " + col);
        }
        double[] j = jacobian(w, x, 0, x.rows());
        double[] out = new double[rows];
        if (Gemm.backend() == GemmKernel.get()) {
            columnChains(j, rows, p, col, out);
        } else {
            Gemm.multiply(Transpose.N, Transpose.T, rows, 1, p, j, 0, Math.max(1, p), j, col * p, Math.max(1, p), out, 0, 1);
        }
        return out;
    }

    /**
     * out[i] = ⟨J[i], J[col]⟩ as sgdlab's GEMM defines every entry ({@link org.sgdlab.linalg.GemmReference}): one chain
     * s = fma(J[i][c], J[col][c], s), c = 0 … p − 1, from +0. Four rows' chains side by side; a GEMM call with one column
     * would pack and pad J to its 8-column tiles for 1/8 of the work. j read only.
     */
    private static void columnChains(double[] j, int rows, int p, int col, double[] out) {
        int b = col * p;
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            int o0 = i * p;
            int o1 = o0 + p;
            int o2 = o1 + p;
            int o3 = o2 + p;
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            for (int c = 0; c < p; c++) {
                double v = j[b + c];
                s0 = Math.fma(j[o0 + c], v, s0);
                s1 = Math.fma(j[o1 + c], v, s1);
                s2 = Math.fma(j[o2 + c], v, s2);
                s3 = Math.fma(j[o3 + c], v, s3);
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (; i < rows; i++) {
            int o = i * p;
            double s = 0.0;
            for (int c = 0; c < p; c++) {
                s = Math.fma(j[o + c], j[b + c], s);
            }
            out[i] = s;
        }
    }

    /**
     * Θ between the rows of x and of z: (n·k) × (m·k) row-major, a new array; w, x and z are read only.
     */
    public double[] cross(double[] w, Matrix x, Matrix z) {
        check(w, x, "x");
        check(w, z, "z");
        int k = network.outputs();
        int p = network.layout().size();
        int n = x.rows();
        int m = z.rows();
        int rowsX = Math.multiplyExact(n, k);
        int rowsZ = Math.multiplyExact(m, k);
        double[] out = new double[Math.multiplyExact(rowsX, rowsZ)];
        if (!separable() || rowBytes(rowsX + rowsZ, p) <= budgetBytes) {
            double[] jx = jacobian(w, x, 0, n);
            double[] jz = jacobian(w, z, 0, m);
            block(jx, rowsX, 0, jz, rowsZ, 0, p, out, rowsZ, false);
            return out;
        }
        int outer = chunkPoints(k, p, 2.0 / 3);
        int inner = chunkPoints(k, p, 1.0 / 3);
        for (int i0 = 0; i0 < n; i0 += outer) {
            int ni = Math.min(outer, n - i0);
            double[] ji = jacobian(w, x, i0, ni);
            for (int c0 = 0; c0 < m; c0 += inner) {
                int nc = Math.min(inner, m - c0);
                block(ji, ni * k, i0 * k, jacobian(w, z, c0, nc), nc * k, c0 * k, p, out, rowsZ, false);
            }
        }
        return out;
    }

    /** out[r0.., c0..] ← A Bᵀ (and the transpose into out[c0.., r0..] when {@code mirror}); ld = out's row length. */
    private static void block(double[] a, int ra, int r0, double[] b, int rb, int c0, int p, double[] out, int ld,
                              boolean mirror) {
        double[] tile = new double[ra * rb];
        Gemm.multiply(Transpose.N, Transpose.T, ra, rb, p, a, 0, Math.max(1, p), b, 0, Math.max(1, p), tile, 0,
                Math.max(1, rb));
        for (int i = 0; i < ra; i++) {
            System.arraycopy(tile, i * rb, out, (r0 + i) * ld + c0, rb);
            if (mirror) {
                for (int j = 0; j < rb; j++) {
                    out[(c0 + j) * ld + r0 + i] = tile[i * rb + j];
                }
            }
        }
    }

    private static long rowBytes(long rows, long p) {
        return rows * p * Double.BYTES;
    }

    /**
     * The number of points whose Jacobian rows fill {@code share} of the budget (at least 1). The outer chunk takes 2/3
     * and the inner one 1/3: Jacobian rows are recomputed about n²/(2·outer) times in all, and the GEMM tiles stay
     * large enough to run near the kernel's speed (20 × 20 tiles run at a fifth of 120 × 120 ones).
     */
    private int chunkPoints(int k, int p, double share) {
        long perPoint = (long) k * p * Double.BYTES;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) (share * budgetBytes) / Math.max(1, perPoint)));
    }

    /**
     * The scaled Jacobian rows of points [from, from + count) of x: (count·k) × p, a new array. Row-separable
     * networks: one batch-of-one graph per worker; otherwise the batch graph of all of x (from = 0, count = n).
     */
    double[] jacobian(double[] w, Matrix x, int from, int count) {
        int k = network.outputs();
        int p = network.layout().size();
        int d = x.cols();
        double[] out = new double[Math.multiplyExact(Math.multiplyExact(count, k), p)];
        if (!separable()) {
            Graph g = graph(x.rows());
            System.arraycopy(x.data(), 0, g.input("x"), 0, x.rows() * d);
            g.jacobian(w, g.output(), out);
            scaleColumns(out, x.rows() * k, p);
            return out;
        }
        Graph[] graphs = new Graph[Parallel.threads()];
        int per = 8;
        int blocks = (count + per - 1) / per;
        Parallel.forEachBlock(blocks, (block, worker) -> {
            if (graphs[worker] == null) {
                Graph idle = idleGraphs.poll();
                graphs[worker] = idle != null ? idle : graph(1);
            }
            Graph g = graphs[worker];
            double[] in = g.input("x");
            double[] row = new double[k * p];
            for (int i = block * per; i < Math.min(count, (block + 1) * per); i++) {
                System.arraycopy(x.data(), (from + i) * d, in, 0, d);
                g.jacobian(w, g.output(), row);
                System.arraycopy(row, 0, out, i * k * p, k * p);
            }
        });
        for (Graph g : graphs) {
            if (g != null) {
                idleGraphs.offer(g);
            }
        }
        scaleColumns(out, count * k, p);
        return out;
    }

    private void scaleColumns(double[] j, int rows, int p) {
        if (weights.isEmpty()) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < p; c++) {
                j[r * p + c] *= columnScale[c];
            }
        }
    }

    /**
     * Whether a batch-of-one graph gives the per-point derivatives: the network says its rows are separable and its
     * graph has no node that mixes examples (as {@code NetworkObjective} decides for its Jacobians).
     */
    private boolean separable() {
        // decided once per instance: the answer depends on the network only, and building a graph to ask costs as much
        // as a small Jacobian (a benign race: every thread computes the same value)
        Boolean known = separable;
        if (known == null) {
            Graph one = graph(1);
            known = network.rowSeparable() && !one.couplesExamples();
            if (known) {
                idleGraphs.offer(one);
            }
            separable = known;
        }
        return known;
    }

    private Graph graph(int batch) {
        GraphBuilder b = new GraphBuilder(network.layout());
        Node in = b.input("x", batch, network.inputFeatures());
        Node out = network.build(b, in);
        return b.build(out);
    }

    private void check(double[] w, Matrix x, String name) {
        network.layout().requireLength(w);
        if (x.cols() != network.inputFeatures()) {
            throw new IllegalArgumentException(name + " has " + x.cols() + " columns but " + network.describe() + " takes "
                    + network.inputFeatures());
        }
        GramMatrix.requireFinite(name, x);
    }
}
