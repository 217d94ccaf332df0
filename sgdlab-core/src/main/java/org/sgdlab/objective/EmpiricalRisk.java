package org.sgdlab.objective;

import java.util.Arrays;
import java.util.Objects;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.RowSource;
import org.sgdlab.linalg.Simd;
import org.sgdlab.linalg.VectorKernels;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.MarginLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.model.LinearModel;

/**
 * Empirical risk of a linear model: L(w) = Σᵢ ℓ(⟨w, xᵢ⟩ + b, yᵢ), or its mean (see {@link Reduction}).
 * The gradient is Σᵢ ℓ'(pᵢ, yᵢ)·(xᵢ, 1), computed by the fused one-pass kernels of {@link Kernels}.
 *
 * <p>For margin losses it also offers the log-domain quantities the implicit-bias claims need:
 * {@link #logValue} (log L by log-sum-exp) and {@link #gradientDirection} (∇L/‖∇L‖ and log‖∇L‖
 * from per-sample weights shifted by their maximum, so the direction never underflows to zero). For the exponential
 * loss these compute only the rows whose weight has not underflowed to +0.0 ({@link ActiveRows}), with the same bits.
 *
 * <p>The rows come from a {@link RowSource}: a {@link Matrix} in memory (the fast path: kernels index
 * its backing array) or a memory-mapped file that may be larger than the heap ({@link #overRows});
 * both give the same bits. Full-batch sums over large problems (n·d ≥ 2¹⁸) run in fixed row blocks,
 * on {@link org.sgdlab.parallel.Parallel}'s threads, with the same bits for every thread count
 * (see {@link BlockedRows}). Small problems with short rows and the logistic or exponential loss take the
 * full-batch gradient by columns on the SIMD kernels instead ({@link ColumnMarginGradient}).
 *
 * <p>Holds O(n + p) scratch buffers (and, for the exponential loss's log-domain quantities, a column copy of the rows
 * that can carry weight: O(n·d)): not thread-safe; {@code gradient} does not allocate on problems
 * below the blocked threshold.
 */
public final class EmpiricalRisk implements FusedSampleStep {
    private final Dataset data;
    private final String name;
    private final RowSource rows;
    private final Matrix matrix;
    private final double[] y;
    private final int n;
    private final int d;
    private final LinearModel model;
    private final Loss loss;
    private final MarginLoss phi;
    private final Reduction reduction;
    private final BlockedRows blocks;
    private final BlockedRows.RangeKernel gradientKernel;
    private final BlockedRows.RangeKernel gradientOnlyKernel;
    private final BlockedRows.RangeKernel minibatchKernel;
    private final BlockedRows.RangeKernel minibatchOnlyKernel;
    private final BlockedRows.RangeKernel valueKernel;
    /** The column copy for the full-batch gradient, made on the first full-batch gradient (null where not used). */
    private ColumnMarginGradient columns;
    private final boolean columnPath;
    /** The column copy for {@link #predictions}, made on its first call where {@link ColumnPredictions#applies}. */
    private ColumnPredictions columnPredictions;
    /**
     * The rows that can carry log-domain weight near the last point (see {@link #activeRows()}), made in the constructor
     * where they apply (one pass over the rows for their norms), null elsewhere.
     */
    private final ActiveRows activeRows;
    private double[] scratchN;
    private double[] rowScratch;
    private static final double[] NO_ACC = new double[0];

    public EmpiricalRisk(Dataset data, LinearModel model, Loss loss, Reduction reduction) {
        this(Objects.requireNonNull(data, "data"), data.name(), data.x(), data.y(), model, loss, reduction, null);
    }

    private EmpiricalRisk(Dataset data, String name, RowSource rows, double[] y, LinearModel model, Loss loss,
                          Reduction reduction, BlockedRows blocks) {
        this.data = data;
        this.name = Objects.requireNonNull(name, "name");
        this.rows = Objects.requireNonNull(rows, "rows");
        this.matrix = rows.inMemory();
        this.y = Objects.requireNonNull(y, "y");
        this.n = rows.rows();
        this.d = rows.cols();
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
        if (model.features() != d) {
            throw new IllegalArgumentException("model has " + model.features() + " features but data "
                    + name + " has " + d + " columns");
        }
        if (y.length != n) {
            throw new IllegalArgumentException(name + ": " + n + " rows but " + y.length + " targets");
        }
        if (loss.needsBinaryLabels()) {
            if (data != null) {
                data.requireBinaryLabels();
            } else {
                new Dataset(name, new Matrix(n, 0, new double[0]), y).requireBinaryLabels();
            }
        }
        this.phi = loss instanceof MarginLoss m ? m : null;
        this.blocks = blocks != null ? blocks : new BlockedRows(rows, y);
        this.gradientKernel = kernel(true, true);
        this.gradientOnlyKernel = kernel(true, false);
        this.minibatchKernel = kernel(false, true);
        this.minibatchOnlyKernel = kernel(false, false);
        this.valueKernel = this::valueRange;
        // Not for the tests' explicit row-block layouts (blocks != null): those compare the row paths bit for bit.
        this.columnPath = phi != null && blocks == null
                && ColumnMarginGradient.applies(rows, model.hasIntercept(), phi, this.blocks.blocked());
        boolean activeRowsApply = phi instanceof ExponentialLoss && !model.hasIntercept() && matrix != null
                && loss.needsBinaryLabels();
        this.activeRows = activeRowsApply ? new ActiveRows(matrix, y) : null;
    }

    /**
     * The empirical risk over rows that need not be in memory: {@code rows} may be a memory-mapped
     * file ({@code org.sgdlab.data.MappedRows}); the targets {@code y} are in memory. Training on it
     * gives the same bits as on the same rows held in a {@link Matrix}. {@link #data()} is not
     * available for such a risk.
     */
    public static EmpiricalRisk overRows(String name, RowSource rows, double[] y, LinearModel model, Loss loss,
                                         Reduction reduction) {
        return new EmpiricalRisk(null, name, rows, y, model, loss, reduction, null);
    }

    /** Package-private for tests: explicit block size, copy size and path of the row sums. */
    static EmpiricalRisk withBlocks(String name, RowSource rows, double[] y, LinearModel model, Loss loss,
                                    Reduction reduction, int blockRows, int copyRows, boolean blocked) {
        return new EmpiricalRisk(null, name, rows, y, model, loss, reduction,
                new BlockedRows(rows, y, blockRows, copyRows, blocked));
    }

    /** A linear model without intercept on {@code data}. */
    public static EmpiricalRisk of(Dataset data, Loss loss, Reduction reduction) {
        return new EmpiricalRisk(data, new LinearModel(data.d(), false), loss, reduction);
    }

    /**
     * The in-memory dataset.
     *
     * @throws IllegalStateException for a risk built by {@link #overRows} (its rows may not fit the heap)
     */
    public Dataset data() {
        if (data == null) {
            throw new IllegalStateException(name + ": rows are not held in memory (built by overRows); no Dataset");
        }
        return data;
    }

    /** The rows, in memory or mapped. */
    public RowSource rows() {
        return rows;
    }

    /** The n targets (not a copy). */
    public double[] targets() {
        return y;
    }

    public LinearModel model() {
        return model;
    }

    public Loss loss() {
        return loss;
    }

    public Reduction reduction() {
        return reduction;
    }

    @Override
    public int dimension() {
        return model.parameterCount();
    }

    @Override
    public int sampleCount() {
        return n;
    }

    private double fullScale() {
        return reduction == Reduction.SUM ? 1.0 : 1.0 / n;
    }

    /** Σ ℓ(⟨w, xₖ⟩ + b, yₖ) over a row range, continuing {@code s} (same arithmetic for every path). */
    private double valueRange(double[] w, double b, double[] a, int aOff, double[] yy, int yOff, int count,
                              double[] acc, double s) {
        for (int k = 0, off = aOff; k < count; k++, off += d) {
            s += loss.value(Kernels.dot(a, off, w, 0, d) + b, yy[yOff + k]);
        }
        return s;
    }

    /**
     * The range kernel for this loss. Full-batch squared loss uses the fused least-squares kernel
     * (returns Σr², halved by the caller); minibatches of the squared loss use the generic kernel, as
     * sgdlab always did, so in-memory and mapped minibatches agree bit for bit.
     */
    private BlockedRows.RangeKernel kernel(boolean fullBatch, boolean withValue) {
        if (phi != null) {
            return (w, b, a, aOff, yy, yOff, count, acc, v) ->
                    Kernels.marginLossAccumulate(a, aOff, d, yy, yOff, count, w, b, phi, acc, v, withValue);
        }
        if (loss == SquaredLoss.INSTANCE && fullBatch) {
            return (w, b, a, aOff, yy, yOff, count, acc, v) ->
                    Kernels.leastSquaresAccumulate(a, aOff, d, yy, yOff, count, w, b, acc, v);
        }
        return this::genericRange;
    }

    private double genericRange(double[] w, double b, double[] a, int aOff, double[] yy, int yOff, int count,
                                double[] acc, double v) {
        boolean withIntercept = acc.length > d;
        double gb = withIntercept ? acc[d] : 0.0;
        for (int k = 0, off = aOff; k < count; k++, off += d) {
            double p = Kernels.dot(a, off, w, 0, d) + b;
            double yk = yy[yOff + k];
            v += loss.value(p, yk);
            double c = loss.derivative(p, yk);
            Kernels.axpy(c, a, off, acc, 0, d);
            gb += c;
        }
        if (withIntercept) {
            acc[d] = gb;
        }
        return v;
    }

    @Override
    public double value(double[] w) {
        double s = blocks.sum(valueKernel, w, model.intercept(w), NO_ACC);
        return s * fullScale();
    }

    @Override
    public double gradient(double[] w, double[] out) {
        return finishFullBatch(loss, reduction, n, fullBatchSums(w, out, true), out);
    }

    /**
     * Rows per block of the full-batch sums over n rows of d features: below the blocked threshold (n·d &lt; 2¹⁸) the
     * whole problem is one block; above it, the fixed blocks of {@link BlockedRows} (2¹⁶/d rows rounded down to a
     * multiple of 4), whose partials {@link #gradient} adds in block order. A distributed sum that cuts the rows at the
     * same boundaries, computes each block by {@link #blockSums} and adds the partials in block order from zero (then
     * {@link #finishFullBatch}) reproduces {@link #gradient} bit for bit (sgdlab-spark does).
     */
    public static int fullBatchBlockRows(int n, int d) {
        return (long) n * d >= BlockedRows.PARALLEL_MIN_WORK ? BlockedRows.defaultBlockRows(d) : n;
    }

    /**
     * One block's partial of the full-batch sums, as the blocked sum computes it: overwrites {@code out} (length
     * {@link #dimension()}) with Σ ∇ℓᵢ over rows [from, from + count), summed from zero in row order by the full-batch row
     * kernel, and returns the raw Σ of the kernel's value (for the squared loss Σ rᵢ², halved by
     * {@link #finishFullBatch}; 0 when {@code withValue} is false, the kernel {@link #gradientOnly} uses). Unscaled.
     * {@code w} is not modified. Rows must be in memory.
     */
    public double blockSums(double[] w, int from, int count, double[] out, boolean withValue) {
        requireRange(from, count);
        Arrays.fill(out, 0.0);
        return (withValue ? gradientKernel : gradientOnlyKernel)
                .accumulate(w, model.intercept(w), matrix.data(), from * d, y, from, count, out, 0.0);
    }

    /** As {@link #blockSums} for {@link #value}: the raw Σ ℓᵢ over rows [from, from + count), from zero, unscaled. */
    public double blockValue(double[] w, int from, int count) {
        requireRange(from, count);
        return valueRange(w, model.intercept(w), matrix.data(), from * d, y, from, count, NO_ACC, 0.0);
    }

    private void requireRange(int from, int count) {
        if (matrix == null) {
            throw new IllegalStateException(name + ": block sums need the rows in memory (this risk was built by overRows)");
        }
        if (from < 0 || count < 0 || from > n - count) {
            throw new IllegalArgumentException("row range [" + from + ", " + from + " + " + count + ") is outside the "
                    + n + " rows of " + name);
        }
    }

    /**
     * The unscaled full-batch sums by the path {@link #gradient} takes on this problem (one sequential pass, the
     * column kernel, or the blocked sum): overwrites {@code out} with Σ ∇ℓᵢ and returns the raw Σ value (see
     * {@link #blockSums}; {@code withValue} as there). {@code gradient(w, out)} is
     * {@code finishFullBatch(.., fullBatchSums(w, out, true), out)}.
     */
    public double fullBatchSums(double[] w, double[] out, boolean withValue) {
        return rawGradient(w, null, n, out, withValue);
    }

    /**
     * Turns full-batch sums into the gradient and value of the risk over {@code n} rows: scales {@code sums} in place by
     * the reduction's factor (1, or 1/n for the mean) and returns the value (the raw Σ, halved for the squared loss,
     * times the same factor).
     */
    public static double finishFullBatch(Loss loss, Reduction reduction, int n, double rawValue, double[] sums) {
        double k = reduction == Reduction.SUM ? 1.0 : 1.0 / n;
        scale(sums, k);
        double v = loss == SquaredLoss.INSTANCE ? 0.5 * rawValue : rawValue;
        return v * k;
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        double v = rawGradient(w, batch, count, out, true);
        double k = reduction.batchScale(count, n);
        scale(out, k);
        return v * k;
    }

    @Override
    public void gradientOnly(double[] w, double[] out) {
        rawGradient(w, null, n, out, false);
        scale(out, fullScale());
    }

    @Override
    public void minibatchGradientOnly(double[] w, int[] batch, int count, double[] out) {
        rawGradient(w, batch, count, out, false);
        scale(out, reduction.batchScale(count, n));
    }

    private static void scale(double[] v, double k) {
        if (k != 1.0) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= k;
            }
        }
    }

    /** Σ over the selected rows (all rows when batch is null) of ℓ and ∇ℓ, unscaled (full batch, squared loss: Σr², not halved). */
    private double rawGradient(double[] w, int[] batch, int count, double[] out, boolean withValue) {
        double b = model.intercept(w);
        if (batch == null) {
            if (columnPath) {
                // made on first use: a risk used only through blockSums (sgdlab-spark's cached blocks) never pays
                // for the copy of its rows
                if (columns == null) {
                    columns = ColumnMarginGradient.forProblem(rows, y, model.hasIntercept(), phi, false);
                }
                return columns.sum(w, out, withValue);
            }
            return blocks.sum(withValue ? gradientKernel : gradientOnlyKernel, w, b, out);
        }
        if (matrix == null) {
            return blocks.gatherSum(withValue ? minibatchKernel : minibatchOnlyKernel, w, b, batch, count, out);
        }
        if (phi != null) {
            return Kernels.marginLossGradient(matrix, y, w, b, phi, batch, count, null, out, withValue);
        }
        return genericGradient(w, batch, count, out);
    }

    /** In-memory minibatch of a non-margin loss: indexes the matrix directly. */
    private double genericGradient(double[] w, int[] batch, int count, double[] out) {
        double[] a = matrix.data();
        double b = model.intercept(w);
        Arrays.fill(out, 0.0);
        double v = 0;
        double gb = 0;
        for (int k = 0; k < count; k++) {
            int i = batch[k];
            double p = Kernels.dot(a, i * d, w, 0, d) + b;
            v += loss.value(p, y[i]);
            double c = loss.derivative(p, y[i]);
            Kernels.axpy(c, a, i * d, out, 0, d);
            gb += c;
        }
        if (model.hasIntercept()) {
            out[d] = gb;
        }
        return v;
    }

    /**
     * The fused single-sample SGD step: w ← w + α·ĝᵢ with ĝᵢ = k·∇ℓᵢ(w) (k = the reduction's scale for a
     * batch of one), in one dot and one pass over w — no gradient buffer. It reproduces, bit for bit,
     * {@link #minibatchGradientOnly} on the batch {i} followed by the updates ĝ·α and w + (ĝ·α): entry j
     * adds ((0 + c·xᵢⱼ)·k)·α exactly as the buffer path rounds it (the 0 + keeps its sign of zero).
     */
    @Override
    public double sampleStep(double[] w, int i, double alpha) {
        // The row is copied first (an intrinsic arraycopy, ~d/8 vector moves): the update loop then
        // indexes the row and w at the same offset, which C2 vectorizes; with the row read in place
        // (offset i·d vs 0) it cannot rule out aliasing and stays scalar (measured ~3× slower for d = 200).
        if (rowScratch == null) {
            rowScratch = new double[d];
        }
        double[] a = rowScratch;
        rows.copyRows(i, 1, a, 0);
        double b = model.intercept(w);
        double p = Kernels.dot(a, 0, w, 0, d) + b;
        double k = reduction.batchScale(1, n);
        double c = sampleCoefficient(i, p);
        if (addZeroStepIfSkipped(c, w, k, alpha)) {
            return p;
        }
        for (int j = 0; j < d; j++) {
            w[j] += ((0.0 + c * a[j]) * k) * alpha;
        }
        if (model.hasIntercept()) {
            w[d] += ((0.0 + c) * k) * alpha;
        }
        return p;
    }

    /** c with ∇ℓᵢ = c·(xᵢ, 1) at the prediction p: φ'(yᵢp)·yᵢ for a margin loss, ℓ'(p, yᵢ) otherwise. */
    private double sampleCoefficient(int i, double p) {
        double yi = y[i];
        return phi != null ? phi.derivative(yi * p) * yi : loss.derivative(p, yi);
    }

    /**
     * Where the buffer path skips the sample's axpy (a margin loss with c = 0), every entry of ĝ is +0: adds
     * (0·k)·α to each entry of w, as {@code w + (ĝ·α)} does, and returns true; otherwise changes nothing.
     */
    private boolean addZeroStepIfSkipped(double c, double[] w, double k, double alpha) {
        if (phi == null || c != 0.0) {
            return false;
        }
        double z = (0.0 * k) * alpha;
        for (int j = 0; j < w.length; j++) {
            w[j] += z;
        }
        return true;
    }

    /**
     * In memory, with the SIMD kernels and rows of at least {@link Kernels#SIMD_DOT_MIN} entries: there the update of
     * w and the next sample's dot product share one pass ({@link VectorKernels#addScaledRowThenDot}).
     */
    @Override
    public boolean supportsStepAhead() {
        return matrix != null && Simd.ENABLED && d >= Kernels.SIMD_DOT_MIN;
    }

    @Override
    public double samplePrediction(double[] w, int i) {
        return Kernels.dot(matrix.data(), i * d, w, 0, d) + model.intercept(w);
    }

    /**
     * {@link #sampleStep} with its prediction given, fused with the next prediction: why it pays is that single-sample
     * SGD is one chain of dependent operations (dot, φ', update of w, the next dot reading the w just stored), so
     * one pass that updates wⱼ and multiplies it into the next row shortens the chain (~130 → ~90 ns per step at
     * d = 200, measured in a prototype). Same bits as {@code sampleStep} then {@code samplePrediction}: the update is
     * element by element in the same order of operations, and the dot is grouped as {@link VectorKernels#dot}.
     */
    @Override
    public double sampleStepAhead(double[] w, int i, double p, double alpha, int next) {
        double k = reduction.batchScale(1, n);
        double c = sampleCoefficient(i, p);
        if (addZeroStepIfSkipped(c, w, k, alpha)) {
            return samplePrediction(w, next);
        }
        double dot = VectorKernels.addScaledRowThenDot(w, matrix.data(), i * d, next * d, d, c, k, alpha);
        if (model.hasIntercept()) {
            w[d] += ((0.0 + c) * k) * alpha;
        }
        return dot + model.intercept(w);
    }

    /**
     * Writes the predictions ⟨w, xᵢ⟩ + b into {@code out} (length n); returns {@code out}. Uses this objective's
     * scratch (not thread-safe, like the rest of the class); for small in-memory matrices the rows are copied by columns
     * on first use ({@link ColumnPredictions}), so the matrix must not change afterwards.
     */
    public double[] predictions(double[] w, double[] out) {
        if (matrix != null) {
            if (columnPredictions == null && ColumnPredictions.applies(matrix)) {
                columnPredictions = ColumnPredictions.forMatrix(matrix);
            }
            if (columnPredictions != null) {
                columnPredictions.predictions(w, out); // the bits of gemv
            } else {
                Kernels.gemv(matrix, w, out);
            }
        } else {
            blocks.visit((a, aOff, from, count) -> {
                for (int k = 0, off = aOff; k < count; k++, off += d) {
                    out[from + k] = Kernels.dot(a, off, w, 0, d);
                }
            });
        }
        double b = model.intercept(w);
        if (b != 0.0) {
            for (int i = 0; i < out.length; i++) {
                out[i] += b;
            }
        }
        return out;
    }

    /** Writes the margins mᵢ = yᵢ(⟨w, xᵢ⟩ + b) into {@code out} (length n); returns {@code out}. As {@link #predictions}. */
    public double[] margins(double[] w, double[] out) {
        predictions(w, out);
        for (int i = 0; i < out.length; i++) {
            out[i] *= y[i];
        }
        return out;
    }

    /** minᵢ yᵢ(⟨w, xᵢ⟩ + b). */
    public double minMargin(double[] w) {
        double[] scratchN = scratchN();
        margins(w, scratchN);
        double m = Double.POSITIVE_INFINITY;
        for (double v : scratchN) {
            m = Math.min(m, v);
        }
        return m;
    }

    /**
     * Below this, {@link Math#exp} returns +0.0: e^x &lt; 2⁻¹⁰⁷⁵ (half the least subnormal) for x &lt; ln 2⁻¹⁰⁷⁵ ≈ −745.133,
     * fdlibm's underflow threshold, which HotSpot's intrinsic shares (LogDomainFastPathTest checks it on the running JVM).
     */
    static final double EXP_IS_ZERO_BELOW = -746.0;

    /**
     * {@code Math.exp(x)}, bit for bit, without the library call where it returns +0.0. Late in an implicit-bias run the
     * shifted log weights of all but a few samples lie far below −745 (margins differ by 10³–10⁹), and there the call
     * cost ~6 ns per sample, 45 % of a normalized-GD step at n = 50, d = 10 (max-margin.fast).
     */
    static double expOrZero(double x) {
        return x < EXP_IS_ZERO_BELOW ? 0.0 : Math.exp(x);
    }

    private double[] scratchN() {
        if (scratchN == null) {
            scratchN = new double[n];
        }
        return scratchN;
    }

    /**
     * The loss as a margin loss: the field {@link #phi} (set in the constructor, null for other losses), not a type test
     * of {@link #loss} here, whose profile C2 shares across every risk in the JVM (JFR of check --quick: a class_check
     * deoptimization each time another claim brought another loss class to logValue).
     */
    private MarginLoss marginLoss() {
        if (phi == null) {
            throw new UnsupportedOperationException("log-domain quantities need a margin loss, this objective uses " + loss.name());
        }
        return phi;
    }

    /**
     * log L(w) by log-sum-exp over log φ(mᵢ): exact where L itself underflows (late in an
     * implicit-bias run) or overflows. −∞ when every term is exactly zero (e.g. hinge, all margins ≥ 1).
     */
    public double logValue(double[] w) {
        ActiveRows act = activeRows();
        if (act != null && act.covers(w)) {
            return activeLogValue(act);
        }
        return plainLogValue(w);
    }

    /** {@link #logValue} over all rows, without {@link ActiveRows} (the reference the tests compare it with). */
    double plainLogValue(double[] w) {
        MarginLoss phi = marginLoss();
        double[] scratchN = scratchN();
        margins(w, scratchN);
        double max = Double.NEGATIVE_INFINITY;
        boolean exponential = phi instanceof ExponentialLoss; // log φ(m) = −m, spelled out as below
        for (int i = 0; i < scratchN.length; i++) {
            scratchN[i] = exponential ? -scratchN[i] : phi.logValue(scratchN[i]);
            max = Math.max(max, scratchN[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double l : scratchN) {
            double e = expOrZero(l - max);
            if (e != 0.0) { // s + 0.0 == s: s starts at +0.0 and only grows
                s += e;
            }
        }
        return max + Math.log(s) + Math.log(fullScale());
    }

    /**
     * Writes the per-sample gradient weights −φ'(mᵢ) normalized to sum 1 into {@code out} (computed
     * from log weights shifted by their maximum, so they never all underflow) and returns
     * log Σᵢ −φ'(mᵢ). Source 001 exp. 2 calls these the samples' "gradient contributions".
     */
    public double normalizedSampleWeights(double[] w, double[] out) {
        MarginLoss phi = marginLoss();
        margins(w, out);
        double max = Double.NEGATIVE_INFINITY;
        // log(−φ'(m)) = −m for the exponential loss, spelled out: in a JVM that has seen several losses the call is
        // megamorphic (not inlined), one virtual call per sample
        boolean exponential = phi instanceof ExponentialLoss;
        for (int i = 0; i < out.length; i++) {
            out[i] = exponential ? -out[i] : phi.logNegDerivative(out[i]);
            max = Math.max(max, out[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            Arrays.fill(out, 0.0);
            return max;
        }
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = expOrZero(out[i] - max);
            if (out[i] != 0.0) { // s + 0.0 == s: s starts at +0.0 and only grows
                s += out[i];
            }
        }
        // +0.0 / s is +0.0 for every s ≥ 1 (the largest term is e⁰ = 1), so only nonzero weights are divided; a NaN s
        // (a NaN or infinite margin) divides all, as before
        boolean allDivided = Double.isNaN(s);
        for (int i = 0; i < out.length; i++) {
            if (allDivided || out[i] != 0.0) {
                out[i] /= s;
            }
        }
        return max + Math.log(s);
    }

    /**
     * out[0..d) += cₖ xₖ over the rows k = from … from + count − 1 stored at {@code a[aOff..]}, in row order, skipping the
     * rows whose cₖ = −weights[k]·yₖ is zero; returns {@code sum} + Σ cₖ (the intercept's entry). Short rows (d &lt;
     * {@link Kernels#SIMD_DOT_MIN}) go to {@link Kernels#axpyScalar}, which the JIT inlines, rather than a call of the
     * dispatching {@link Kernels#axpy} per row (the same bits); a call per row of 10 entries cost ~18 ns (max-margin.fast).
     */
    private double addWeightedRows(double[] a, int aOff, int from, int count, double[] weights, double[] out, double sum) {
        boolean shortRows = d < Kernels.SIMD_DOT_MIN;
        for (int k = 0, off = aOff; k < count; k++, off += d) {
            double c = -weights[from + k] * y[from + k];
            if (c != 0.0) {
                if (shortRows) {
                    Kernels.axpyScalar(c, a, off, out, 0, d); // Kernels.axpy's scalar loop, inlined without its dispatch
                } else {
                    Kernels.axpy(c, a, off, out, 0, d);
                }
                sum += c;
            }
        }
        return sum;
    }

    /**
     * Writes the unit gradient direction ∇L(w)/‖∇L(w)‖ into {@code out} and returns log‖∇L(w)‖.
     * With weights cᵢ = −φ'(mᵢ) = e^{sᵢ} and S = maxᵢ sᵢ, ∇L = −e^S·k·Σᵢ e^{sᵢ − S} yᵢ(xᵢ, 1), k the reduction
     * scale; the shifted sum is O(1), so the direction is accurate even when every cᵢ underflows.
     * Returns −∞ and writes zeros when the gradient is exactly zero.
     *
     * <p>For the exponential loss without intercept on rows in memory only the rows whose weight e^{sᵢ − S} can be
     * nonzero are computed ({@link ActiveRows}: a proof per call that every other weight is +0.0), with the same bits.
     */
    public double gradientDirection(double[] w, double[] out) {
        return direction(w, out, true);
    }

    /**
     * {@link #gradientDirection}'s vector ∇L(w)/‖∇L(w)‖ (the same bits) without log‖∇L(w)‖, which costs two logarithms
     * a call: normalized GD steps along the direction only.
     */
    public void gradientDirectionOnly(double[] w, double[] out) {
        direction(w, out, false);
    }

    private double direction(double[] w, double[] out, boolean withLogNorm) {
        ActiveRows act = activeRows();
        if (act != null && (act.covers(w) || act.wantsRebuild() && rebuild(act, w))) {
            double r = activeGradientDirection(act, out, withLogNorm);
            if (!Double.isNaN(r)) {
                return r;
            }
        }
        return plainGradientDirection(w, out);
    }

    /** {@link #gradientDirection} over all rows, without {@link ActiveRows} (the reference the tests compare it with). */
    double plainGradientDirection(double[] w, double[] out) {
        double[] scratchN = scratchN();
        double logTotal = normalizedSampleWeights(w, scratchN);
        if (logTotal == Double.NEGATIVE_INFINITY) {
            Arrays.fill(out, 0.0);
            return logTotal;
        }
        Arrays.fill(out, 0.0);
        double interceptEntry;
        if (matrix != null) {
            interceptEntry = addWeightedRows(matrix.data(), 0, 0, n, scratchN, out, 0.0);
        } else {
            double[] gb = {0.0};
            blocks.visit((a, aOff, from, count) -> gb[0] = addWeightedRows(a, aOff, from, count, scratchN, out, gb[0]));
            interceptEntry = gb[0];
        }
        if (model.hasIntercept()) {
            out[d] = interceptEntry;
        }
        double norm = Kernels.norm2(out);
        if (norm == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= norm;
        }
        return logTotal + Math.log(norm) + Math.log(fullScale());
    }

    /**
     * The exponential loss's active-row bookkeeping ({@link ActiveRows}) where it applies (exponential loss, no intercept,
     * rows in memory); null elsewhere. Made in the constructor, not on first use: the test for "not made yet" is taken
     * once per risk, and C2, having compiled it as never taken (unstable_if), threw {@link #direction} (with the
     * log-domain gradient inlined, ~0.7-0.9 s of compilation under load) away when the next max-margin risk arrived
     * (JFR of check --quick).
     */
    private ActiveRows activeRows() {
        return activeRows;
    }

    /** {@link #activeRows()} for tests. */
    ActiveRows activeRowsForTests() {
        return activeRows();
    }

    /** All n margins at w into the active-row set, then a new reference there; whether the rows are listed for w. */
    private boolean rebuild(ActiveRows act, double[] w) {
        margins(w, act.margins);
        return act.rebuild(w);
    }

    /**
     * {@link #gradientDirection}'s arithmetic over the listed rows only, in row order, from the margins in {@code act}
     * (every other row's weight is +0.0, which the full loops skip: the same bits). NaN where the log weights are not
     * finite (the caller then takes the full path, which handles those cases).
     */
    private double activeGradientDirection(ActiveRows act, double[] out, boolean withLogNorm) {
        int[] idx = act.rows;
        int count = act.count;
        double[] m = act.margins;
        double[] wt = act.slots;
        // the largest log weight maxᵢ(−mᵢ) is −minᵢ mᵢ exactly (signed zeros included), the minimum the set keeps
        double max = -act.minMargin;
        if (!(Math.abs(max) < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        double s = 0;
        for (int k = 0; k < count; k++) {
            double e = expOrZero(-m[idx[k]] - max); // log(−φ'(m)) = −m
            wt[k] = e;
            if (e != 0.0) {
                s += e;
            }
        }
        for (int k = 0; k < count; k++) {
            if (wt[k] != 0.0) {
                wt[k] /= s;
            }
        }
        Arrays.fill(out, 0.0);
        double[] a = matrix.data();
        boolean shortRows = d < Kernels.SIMD_DOT_MIN;
        for (int k = 0; k < count; k++) {
            int i = idx[k];
            double c = -wt[k] * y[i];
            if (c != 0.0) {
                if (shortRows) {
                    Kernels.axpyScalar(c, a, i * d, out, 0, d);
                } else {
                    Kernels.axpy(c, a, i * d, out, 0, d);
                }
            }
        }
        double norm = Kernels.norm2(out);
        if (norm == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= norm;
        }
        return withLogNorm ? max + Math.log(s) + Math.log(norm) + Math.log(fullScale()) : 0.0;
    }

    /** {@link #logValue}'s arithmetic over the listed rows only (the exponential loss: log φ(m) = −m), as above. */
    private double activeLogValue(ActiveRows act) {
        int[] idx = act.rows;
        int count = act.count;
        double[] m = act.margins;
        double max = -act.minMargin;
        double s = 0;
        for (int k = 0; k < count; k++) {
            double e = expOrZero(-m[idx[k]] - max);
            if (e != 0.0) {
                s += e;
            }
        }
        return max + Math.log(s) + Math.log(fullScale());
    }
}
