package org.sgdlab.nn.autodiff;

import org.sgdlab.linalg.Simd;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.parallel.Parallel;

/**
 * y = relu(z + b) for a batch z (rows × |b|) and a bias row b added to every row: a dense layer's bias and activation
 * in one node, so each pass reads and writes the batch once instead of twice (the graph of {@code relu(add(z, b))}
 * has an m × |b| intermediate u = z + b with its own adjoint). With s = 1[y &gt; 0] (= 1[u &gt; 0]):
 * <pre>
 *   forward          y = u &gt; 0 ? u : 0,   u = z + b
 *   tangent          ẏ = s ⊙ (ż + ḃ)
 *   backward         z̄ (+)= t,  b̄_j (+)= Σ_rows t,     t = 0 + s ⊙ ȳ
 *   backwardTangent  R{z̄} += r,  R{b̄_j} += Σ_rows r,    r = 0 + (s ⊙ R{ȳ} + 0 ⊙ u̇ ⊙ ȳ)
 * </pre>
 * Bits: every entry is computed by the expressions of {@link Broadcast} (add, rows) followed by {@link Unary} (relu)
 * on the same numbers in the same order — t and r are what the unfused relu writes into u's zeroed (or written)
 * adjoint, and every b̄_j sums its column over the rows in order — so a graph built with this node has the bits of
 * the unfused one, on any thread count (BiasReluTest compares them: values, gradients, written and zeroed adjoints,
 * HVPs).
 *
 * <p><b>Per-row bias.</b> With b of shape (rows × 1) instead of (|b|), b_i is added to every entry of row i: the layout
 * of a network stored feature-major (one row per feature, one column per example; {@code Mlp} builds it so for a native
 * GEMM). The formulas are those above with b_j replaced by b_i; every b̄_i sums its row in four interleaved partial
 * sums ({@link #adjointPerRow}, for the vector sweep), so a graph with this node agrees with one with
 * {@code relu(add(z, b))} and that (rows × 1) b to rounding in its gradient and HVP (BiasReluTest: 1e-12), and has its
 * bits in the value; the tangent and second-order sweeps are scalar, b̄'s tangent chained over each row in order.
 */
final class BiasRelu extends Node {
    private final int cols;
    private final int rowsCount;
    /** True when b has shape (rows × 1) and b_i is added to row i; false when b_j is added to column j. */
    private final boolean perRow;
    /** u̇ = ż + ḃ of the last tangent pass (second order only). */
    private double[] innerTangent;

    BiasRelu(Node z, Node b) {
        super("bias_relu", checkedShape(z, b), z, b);
        this.cols = z.shape.dim(1);
        this.rowsCount = z.shape.dim(0);
        this.perRow = b.shape.rank() == 2;
    }

    private static Shape checkedShape(Node z, Node b) {
        boolean columns = z.shape.rank() == 2 && b.shape.rank() == 1 && z.shape.dim(1) == b.shape.dim(0);
        boolean rows = z.shape.rank() == 2 && b.shape.rank() == 2 && b.shape.dim(1) == 1
                && z.shape.dim(0) == b.shape.dim(0);
        if (!columns && !rows) {
            throw new IllegalArgumentException("bias_relu needs a matrix z and a bias vector of its width (or a column"
                    + " of its height), got shapes " + z.shape + " and " + b.shape);
        }
        return z.shape;
    }

    private final Chunks.Pass forwardPass = new Chunks.Pass(this::forwardRows);
    private final Chunks.Pass adjointZPass = new Chunks.Pass(this::adjointRowsZ);
    private final Chunks.Pass adjointBPass = new Chunks.Pass(this::adjointColumnsB);
    private final Chunks.Pass adjointPerRowPass = new Chunks.Pass(this::adjointRowsPerRow);

    @Override
    protected void forward() {
        forwardPass.run(rowsCount, Math.max(1, Chunks.CHUNK / cols), size);
    }

    /** y on rows [r0, r1). */
    private void forwardRows(int r0, int r1) {
        double[] z = inputs[0].value;
        double[] b = inputs[1].value;
        if (perRow) {
            if (Simd.ENABLED) {
                BiasReluVectorKernels.forwardPerRow(z, b, value, cols, r0, r1);
            } else {
                forwardPerRowScalar(z, b, value, cols, r0, r1);
            }
            return;
        }
        if (Simd.ENABLED) {
            BiasReluVectorKernels.forward(z, b, value, cols, r0, r1);
            return;
        }
        forwardRowsScalar(z, b, value, cols, r0, r1);
    }

    static void forwardRowsScalar(double[] z, double[] b, double[] y, int cols, int r0, int r1) {
        for (int o = r0 * cols, end = r1 * cols; o < end; o += cols) {
            for (int j = 0; j < cols; j++) {
                double u = z[o + j] + b[j];
                y[o + j] = u > 0 ? u : 0.0;
            }
        }
    }

    /** y = u &gt; 0 ? u : 0 with u = z + b_i on rows i in [r0, r1) (per-row bias). */
    static void forwardPerRowScalar(double[] z, double[] b, double[] y, int cols, int r0, int r1) {
        for (int i = r0; i < r1; i++) {
            double bi = b[i];
            for (int o = i * cols, end = o + cols; o < end; o++) {
                double u = z[o] + bi;
                y[o] = u > 0 ? u : 0.0;
            }
        }
    }

    @Override
    boolean canOverwriteAdjoint(int i) {
        return inputs[0] != inputs[1];
    }

    @Override
    protected void backward() {
        double[] zbar = inputs[0].differentiable ? inputs[0].grad : null;
        double[] bbar = inputs[1].differentiable ? inputs[1].grad : null;
        boolean writeZ = overwrites(0);
        boolean writeB = overwrites(1);
        if (perRow) {
            if (zbar != null || bbar != null) {
                adjointPerRowPass.run(rowsCount, Math.max(4, Chunks.CHUNK / cols), size);
            }
            return;
        }
        if (zbar != null && bbar != null && (size < Chunks.PARALLEL_MIN || Parallel.threads() == 1)) {
            adjointRows(value, grad, zbar, bbar, writeZ, writeB, cols, 0, rowsCount);
            return;
        }
        if (zbar != null) {
            adjointZPass.run(rowsCount, Math.max(1, Chunks.CHUNK / cols), size);
        }
        if (bbar != null) {
            adjointBPass.run(cols, Math.max(8, cols / 8), size);
        }
    }

    /**
     * z̄ and b̄ (either may be null) in one sweep over rows [r0, r1), on the Vector API when enabled (b̄'s chains run
     * over the rows in order from r0).
     */
    private static void adjointRows(double[] y, double[] ybar, double[] zbar, double[] bbar, boolean writeZ, boolean writeB,
                             int cols, int r0, int r1) {
        if (Simd.ENABLED) {
            BiasReluVectorKernels.adjoint(y, ybar, zbar, bbar, writeZ, writeB, cols, r0, r1);
            return;
        }
        adjointScalar(y, ybar, zbar, bbar, writeZ, writeB, cols, r0, r1);
    }

    /**
     * The scalar form of the backward sweep on rows [r0, r1): t = 0 + s·ȳ (the unfused relu's write), then z̄ = (writeZ ?
     * 0 : z̄) + t and b̄_j = (first row and writeB ? 0 : b̄_j) + t, the unfused add's. Either adjoint may be null.
     */
    static void adjointScalar(double[] y, double[] ybar, double[] zbar, double[] bbar, boolean writeZ, boolean writeB,
                              int cols, int r0, int r1) {
        for (int o = r0 * cols, end = r1 * cols; o < end; o += cols) {
            boolean first = writeB && o == 0;
            for (int j = 0; j < cols; j++) {
                double s = y[o + j] > 0 ? 1.0 : 0.0;
                double t = 0.0 + s * ybar[o + j];
                if (zbar != null) {
                    zbar[o + j] = (writeZ ? 0.0 : zbar[o + j]) + t;
                }
                if (bbar != null) {
                    bbar[j] = (first ? 0.0 : bbar[j]) + t;
                }
            }
        }
    }

    private void adjointRowsZ(int r0, int r1) {
        adjointRows(value, grad, inputs[0].grad, null, overwrites(0), false, cols, r0, r1);
    }

    /** b̄ on columns [j0, j1), every column's chain over the rows in order. */
    private void adjointColumnsB(int j0, int j1) {
        double[] y = value;
        double[] ybar = grad;
        double[] bbar = inputs[1].grad;
        boolean writeB = overwrites(1);
        for (int o = 0; o < size; o += cols) {
            boolean first = writeB && o == 0;
            for (int j = j0; j < j1; j++) {
                double s = y[o + j] > 0 ? 1.0 : 0.0;
                double t = 0.0 + s * ybar[o + j];
                bbar[j] = (first ? 0.0 : bbar[j]) + t;
            }
        }
    }

    private void adjointRowsPerRow(int r0, int r1) {
        double[] zbar = inputs[0].differentiable ? inputs[0].grad : null;
        double[] bbar = inputs[1].differentiable ? inputs[1].grad : null;
        if (Simd.ENABLED) {
            BiasReluVectorKernels.adjointPerRow(value, grad, zbar, bbar, overwrites(0), overwrites(1), cols, r0, r1);
            return;
        }
        adjointPerRow(value, grad, zbar, bbar, overwrites(0), overwrites(1), cols, r0, r1);
    }

    /**
     * The backward sweep with a per-row bias on rows [r0, r1): per entry t = 0 + s·ȳ and z̄ = (writeZ ? 0 : z̄) + t, and
     * b̄_i = (writeB ? 0 : b̄_i) + Σ_j t_ij, the sum taken as four interleaved partial sums p_l = (0 + t_l) + t_{l+4} +
     * … over the first 4⌊cols/4⌋ entries, combined as (p₀ + p₁) + (p₂ + p₃), then the remaining entries added in
     * order: the order of {@link BiasReluVectorKernels#adjointPerRow}'s lanes, so that the vector sweep has these bits
     * (a row's single chain would be four times longer on the critical path). Either adjoint may be null.
     */
    static void adjointPerRow(double[] y, double[] ybar, double[] zbar, double[] bbar, boolean writeZ, boolean writeB,
                              int cols, int r0, int r1) {
        for (int i = r0; i < r1; i++) {
            int o = i * cols;
            double p0 = 0.0;
            double p1 = 0.0;
            double p2 = 0.0;
            double p3 = 0.0;
            int j = 0;
            for (; j + 4 <= cols; j += 4) {
                double t0 = 0.0 + (y[o + j] > 0 ? 1.0 : 0.0) * ybar[o + j];
                double t1 = 0.0 + (y[o + j + 1] > 0 ? 1.0 : 0.0) * ybar[o + j + 1];
                double t2 = 0.0 + (y[o + j + 2] > 0 ? 1.0 : 0.0) * ybar[o + j + 2];
                double t3 = 0.0 + (y[o + j + 3] > 0 ? 1.0 : 0.0) * ybar[o + j + 3];
                if (zbar != null) {
                    zbar[o + j] = (writeZ ? 0.0 : zbar[o + j]) + t0;
                    zbar[o + j + 1] = (writeZ ? 0.0 : zbar[o + j + 1]) + t1;
                    zbar[o + j + 2] = (writeZ ? 0.0 : zbar[o + j + 2]) + t2;
                    zbar[o + j + 3] = (writeZ ? 0.0 : zbar[o + j + 3]) + t3;
                }
                p0 += t0;
                p1 += t1;
                p2 += t2;
                p3 += t3;
            }
            double sum = (p0 + p1) + (p2 + p3);
            for (; j < cols; j++) {
                double t = 0.0 + (y[o + j] > 0 ? 1.0 : 0.0) * ybar[o + j];
                if (zbar != null) {
                    zbar[o + j] = (writeZ ? 0.0 : zbar[o + j]) + t;
                }
                sum += t;
            }
            if (bbar != null) {
                bbar[i] = (writeB ? 0.0 : bbar[i]) + sum;
            }
        }
    }

    @Override
    void allocateSecondOrder() {
        super.allocateSecondOrder();
        if (differentiable && innerTangent == null) {
            innerTangent = new double[size];
        }
    }

    @Override
    protected void tangent() {
        double[] zt = inputs[0].tangent;
        double[] bt = inputs[1].tangent;
        double[] y = value;
        for (int o = 0; o < size; o += cols) {
            for (int j = 0; j < cols; j++) {
                double da = zt == null ? 0.0 : zt[o + j];
                double db = bt == null ? 0.0 : bt[perRow ? o / cols : j];
                double u = da + db;
                innerTangent[o + j] = u;
                tangent[o + j] = (y[o + j] > 0 ? 1.0 : 0.0) * u;
            }
        }
    }

    @Override
    protected void backwardTangent() {
        double[] rz = inputs[0].gradTangent;
        double[] rb = inputs[1].gradTangent;
        double[] y = value;
        double[] ud = innerTangent;
        for (int o = 0; o < size; o += cols) {
            for (int j = 0; j < cols; j++) {
                double s = y[o + j] > 0 ? 1.0 : 0.0;
                double r = 0.0 + (s * gradTangent[o + j] + 0.0 * ud[o + j] * grad[o + j]);
                if (rz != null) {
                    rz[o + j] = rz[o + j] + r;
                }
                if (rb != null) {
                    int k = perRow ? o / cols : j;
                    rb[k] = rb[k] + r;
                }
            }
        }
    }
}
