package org.sgdlab.objective;

import java.util.Arrays;
import java.util.Objects;
import org.sgdlab.data.DataFormatException;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * Multiclass softmax cross-entropy of a linear model without intercepts (source 001 §2.6, eq. 17):
 * <pre>
 *   L(W) = Σᵢ ℓᵢ(W)  (or its mean, see {@link Reduction}),   ℓᵢ(W) = −log( e^{s_{i,yᵢ}} / Σ_k e^{s_{i,k}} ),   s_{i,k} = ⟨w_k, xᵢ⟩
 *   ∇_{w_k} ℓᵢ = (p_{i,k} − [k = yᵢ]) xᵢ,   p_{i,k} = e^{s_{i,k}} / Σ_{k'} e^{s_{i,k'}}
 * </pre>
 * The parameters are W ∈ ℝ^{K×d} flattened row-major (w[k·d + j] = W[k][j], one row per class); labels are the class
 * indices 0..K−1 stored as doubles in {@link Dataset#y()}.
 *
 * <p>Numerics. With zᵢ,k = s_{i,k} − s_{i,yᵢ} (k ≠ yᵢ) the loss is ℓᵢ = log(1 + Σ_{k≠yᵢ} e^{z_{i,k}}), evaluated with
 * log1p when every z ≤ 0 and shifted by max z otherwise, so it neither overflows nor loses the tiny losses of confidently
 * classified samples. The gradient can be written over the "pair" weights c_{i,k} = p_{i,k} (k ≠ yᵢ):
 * ∇L = Σᵢ Σ_{k≠yᵢ} c_{i,k} (e_k − e_{yᵢ}) ⊗ xᵢ, with log c_{i,k} = z_{i,k} − softplus(Λᵢ), Λᵢ = log Σ_{k≠yᵢ} e^{z_{i,k}}.
 * On separable data late in training every c underflows (margins ~ ‖Ŵ‖ ln t); {@link #logValue} and
 * {@link #gradientDirection} work with the log weights shifted by their maximum, exactly as {@link EmpiricalRisk} does for
 * binary margin losses (Soudry et al. 2018, "The implicit bias of gradient descent on separable data", JMLR 19, §4 for
 * the multiclass case). For K = 2 the loss is the logistic loss of v = w₁ − w₀ with labels ±1 (class 1 ↦ +1).
 *
 * <p>Smoothness: the Hessian of ℓᵢ in the scores is diag(p) − ppᵀ ⪯ ½I, so ∇²L ⪯ ½ Σᵢ xᵢxᵢᵀ ⊗ I_K and
 * L is λ_max(XᵀX)/2-smooth (summed; divide by n for the mean) — see {@link #smoothness()}.
 *
 * <p>Holds O(K) scratch buffers: not thread-safe; {@code gradient}, {@code gradientOnly} and the minibatch variants do
 * not allocate (the log-domain methods, meant for probes, do).
 */
public final class SoftmaxCrossEntropy implements Objective {
    private final Dataset data;
    private final int numClasses;
    private final int[] labels;
    private final Reduction reduction;
    private final double[] score;

    /**
     * @param data       n × d samples with labels 0..K−1 (as doubles)
     * @param numClasses K ≥ 2
     * @param reduction  SUM or MEAN
     * @throws DataFormatException      naming the row if a label is not an integer in 0..K−1
     * @throws IllegalArgumentException if K &lt; 2
     */
    public SoftmaxCrossEntropy(Dataset data, int numClasses, Reduction reduction) {
        this.data = Objects.requireNonNull(data, "data");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.labels = classLabels(data, numClasses);
        this.score = new double[numClasses];
    }

    /** The column copy for the full-batch scores (made on the first full-batch pass where it applies), and their buffer. */
    private ColumnPredictions columns;
    private double[] allScores;

    /**
     * All n·K scores of a full-batch pass, class after class, at allScores[k·paddedRows + i], where the column path
     * applies (SIMD on, d &lt; {@link Kernels#SIMD_DOT_MIN}, a small matrix): the bits of {@link #scores} row by row
     * (VectorKernels.rowDotsByColumns), 4 rows per vector instead of one scalar dot per row and class (multiclass GD,
     * n = 60, d = 10, K = 3: ~40 % of a step). Returns false where it does not apply.
     */
    private boolean scoresByColumns(double[] w) {
        if (columns == null) {
            if (!ColumnPredictions.applies(data.x())) {
                return false;
            }
            columns = ColumnPredictions.forMatrix(data.x());
            allScores = new double[numClasses * columns.paddedRows()];
        }
        int stride = columns.paddedRows();
        int d = data.d();
        for (int k = 0; k < numClasses; k++) {
            columns.predictionsPadded(w, k * d, allScores, k * stride);
        }
        return true;
    }

    /** The labels of {@code data} as class indices, checked to be integers in 0..K−1. */
    public static int[] classLabels(Dataset data, int numClasses) {
        double[] y = data.y();
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (!(v >= 0 && v < numClasses && v == Math.rint(v))) {
                throw new DataFormatException(data.name(), "row " + (i + 1),
                        "class label must be an integer in 0.." + (numClasses - 1) + ", got " + v);
            }
            out[i] = (int) v;
        }
        return out;
    }

    public Dataset data() {
        return data;
    }

    public int numClasses() {
        return numClasses;
    }

    /** The class labels 0..K−1 (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    public Reduction reduction() {
        return reduction;
    }

    @Override
    public int dimension() {
        return numClasses * data.d();
    }

    @Override
    public int sampleCount() {
        return data.n();
    }

    /** A smoothness constant of L: λ_max(XᵀX)/2 for SUM, divided by n for MEAN (the bound diag(p) − ppᵀ ⪯ ½I). */
    public double smoothness() {
        return 0.5 * Smoothness.sigmaMaxSquared(data, false) * fullScale();
    }

    private double fullScale() {
        return reduction == Reduction.SUM ? 1.0 : 1.0 / data.n();
    }

    private void requireDimension(double[] w) {
        if (w.length != dimension()) {
            throw new IllegalArgumentException("W has " + w.length + " entries, expected K·d = " + dimension());
        }
    }

    /** Writes the scores s_k = ⟨w_k, xᵢ⟩ into {@link #score}. */
    private void scores(double[] w, int i) {
        int d = data.d();
        double[] a = data.x().data();
        for (int k = 0; k < numClasses; k++) {
            score[k] = Kernels.dot(a, i * d, w, k * d, d);
        }
    }

    /**
     * ℓᵢ from the scores in {@link #score}: log(1 + Σ_{k≠y} e^{z_k}), z_k = s_k − s_y, by log1p when max z ≤ 0 (no
     * cancellation for tiny losses) and as M + log(e^{−M} + Σ e^{z_k − M}) with M = max z otherwise (no overflow).
     */
    private double sampleLoss(int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < numClasses; k++) {
            if (k != y) {
                max = Math.max(max, score[k] - score[y]);
            }
        }
        double s = 0;
        if (max <= 0) {
            for (int k = 0; k < numClasses; k++) {
                if (k != y) {
                    s += Math.exp(score[k] - score[y]);
                }
            }
            return Math.log1p(s);
        }
        for (int k = 0; k < numClasses; k++) {
            if (k != y) {
                s += Math.exp(score[k] - score[y] - max);
            }
        }
        return max + Math.log(Math.exp(-max) + s);
    }

    @Override
    public double value(double[] w) {
        requireDimension(w);
        double v = 0;
        for (int i = 0; i < data.n(); i++) {
            scores(w, i);
            v += sampleLoss(labels[i]);
        }
        return v * fullScale();
    }

    @Override
    public double gradient(double[] w, double[] out) {
        double v = raw(w, null, data.n(), out, true);
        scale(out, fullScale());
        return v * fullScale();
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        double v = raw(w, batch, count, out, true);
        double k = reduction.batchScale(count, data.n());
        scale(out, k);
        return v * k;
    }

    @Override
    public void gradientOnly(double[] w, double[] out) {
        raw(w, null, data.n(), out, false);
        scale(out, fullScale());
    }

    @Override
    public void minibatchGradientOnly(double[] w, int[] batch, int count, double[] out) {
        raw(w, batch, count, out, false);
        scale(out, reduction.batchScale(count, data.n()));
    }

    private static void scale(double[] v, double k) {
        if (k != 1.0) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= k;
            }
        }
    }

    /**
     * Σ over the selected rows (all when batch is null) of ℓᵢ and ∇ℓᵢ, unscaled. The softmax is shifted by the largest
     * score, so p never overflows; the true class's coefficient p_y − 1 is formed as −Σ_{k≠y} p_k (no cancellation
     * when p_y ≈ 1).
     */
    private double raw(double[] w, int[] batch, int count, double[] out, boolean withValue) {
        requireDimension(w);
        if (out.length != w.length) {
            throw new IllegalArgumentException("gradient buffer has " + out.length + " entries, expected " + w.length);
        }
        Matrix x = data.x();
        double[] a = x.data();
        int d = x.cols();
        Arrays.fill(out, 0.0);
        double v = 0;
        boolean precomputed = batch == null && scoresByColumns(w);
        int stride = precomputed ? columns.paddedRows() : 0;
        boolean shortRows = d < Kernels.SIMD_DOT_MIN;
        for (int t = 0; t < count; t++) {
            int i = batch == null ? t : batch[t];
            int y = labels[i];
            if (precomputed) {
                for (int k = 0; k < numClasses; k++) {
                    score[k] = allScores[k * stride + i];
                }
            } else {
                scores(w, i);
            }
            if (withValue) {
                v += sampleLoss(y);
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < numClasses; k++) {
                max = Math.max(max, score[k]);
            }
            double sum = 0;
            for (int k = 0; k < numClasses; k++) {
                score[k] = Math.exp(score[k] - max);
                sum += score[k];
            }
            double others = 0;
            for (int k = 0; k < numClasses; k++) {
                if (k != y) {
                    double p = score[k] / sum;
                    others += p;
                    if (p != 0.0) {
                        addScaledRow(p, a, i * d, out, k * d, d, shortRows);
                    }
                }
            }
            if (others != 0.0) {
                addScaledRow(-others, a, i * d, out, y * d, d, shortRows);
            }
        }
        return v;
    }

    /**
     * out[outOff + j] += alpha·a[aOff + j] for j &lt; d: {@link Kernels#axpy}, inline for short rows (its scalar loop, the
     * same bits; a call per row and class of 10 entries costs more than the loop).
     */
    /**
     * out[outOff..] += alpha·a[aOff..] over d entries: {@link Kernels#axpy}'s own bits; short rows call its scalar loop
     * directly (a small static method the JIT inlines) instead of paying a call of the dispatching one per row.
     */
    private static void addScaledRow(double alpha, double[] a, int aOff, double[] out, int outOff, int d, boolean shortRows) {
        if (shortRows) {
            Kernels.axpyScalar(alpha, a, aOff, out, outOff, d);
        } else {
            Kernels.axpy(alpha, a, aOff, out, outOff, d);
        }
    }

    /** The margins ⟨w_{yᵢ} − w_k, xᵢ⟩ written to out[i·K + k] (0 at k = yᵢ); returns {@code out} (length n·K). */
    public double[] pairMargins(double[] w, double[] out) {
        requireDimension(w);
        for (int i = 0; i < data.n(); i++) {
            scores(w, i);
            int y = labels[i];
            for (int k = 0; k < numClasses; k++) {
                out[i * numClasses + k] = k == y ? 0.0 : score[y] - score[k];
            }
        }
        return out;
    }

    /** min over i and k ≠ yᵢ of ⟨w_{yᵢ} − w_k, xᵢ⟩ (the multiclass margin of W; divide by ‖W‖_F for the normalized one). */
    public double minMargin(double[] w) {
        requireDimension(w);
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < data.n(); i++) {
            scores(w, i);
            int y = labels[i];
            for (int k = 0; k < numClasses; k++) {
                if (k != y) {
                    m = Math.min(m, score[y] - score[k]);
                }
            }
        }
        return m;
    }

    /** log(log1p(e^Λ)) for Λ = log Σ_{k≠y} e^{z_k}: exact also where log1p(e^Λ) underflows (Λ &lt; −745). */
    private static double logSoftplus(double lambda) {
        if (lambda < -30) {
            // log(log1p(u)) = log u + log1p(−u/2 + u²/3 − …) = Λ − e^Λ/2 to double precision for u = e^Λ < 1e-13
            return lambda - 0.5 * Math.exp(lambda);
        }
        return Math.log(softplus(lambda));
    }

    /** log(1 + e^Λ) without overflow. */
    private static double softplus(double lambda) {
        return Math.max(lambda, 0.0) + Math.log1p(Math.exp(-Math.abs(lambda)));
    }

    /** Λᵢ = log Σ_{k≠y} e^{s_k − s_y} from {@link #score}, by log-sum-exp. */
    private double logOthers(int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < numClasses; k++) {
            if (k != y) {
                max = Math.max(max, score[k] - score[y]);
            }
        }
        double s = 0;
        for (int k = 0; k < numClasses; k++) {
            if (k != y) {
                s += Math.exp(score[k] - score[y] - max);
            }
        }
        return max + Math.log(s);
    }

    /**
     * log L(W) by log-sum-exp over log ℓᵢ = log softplus(Λᵢ): exact where L itself underflows (late in an implicit-bias
     * run, ℓᵢ ≈ e^{−margin}) or overflows.
     */
    public double logValue(double[] w) {
        requireDimension(w);
        int n = data.n();
        double[] logs = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            scores(w, i);
            logs[i] = logSoftplus(logOthers(labels[i]));
            max = Math.max(max, logs[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double l : logs) {
            s += Math.exp(l - max);
        }
        return max + Math.log(s) + Math.log(fullScale());
    }

    /**
     * Writes the pair weights c_{i,k} = p_{i,k} (k ≠ yᵢ; 0 at k = yᵢ) normalized to sum 1 into out[i·K + k] and returns
     * log Σ c_{i,k}. The weights come from log c_{i,k} = z_{i,k} − softplus(Λᵢ) shifted by their maximum, so they never
     * all underflow. They are the multiclass analogue of source 001 exp. 2's per-sample "gradient contributions": each
     * constraint ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1 of the multiclass SVM has one.
     *
     * @param out length n·K
     */
    public double normalizedPairWeights(double[] w, double[] out) {
        requireDimension(w);
        int kk = numClasses;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.n(); i++) {
            scores(w, i);
            int y = labels[i];
            double sp = softplus(logOthers(y));
            for (int k = 0; k < kk; k++) {
                double l = k == y ? Double.NEGATIVE_INFINITY : score[k] - score[y] - sp;
                out[i * kk + k] = l;
                max = Math.max(max, l);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            Arrays.fill(out, 0.0);
            return max;
        }
        double s = 0;
        for (int c = 0; c < data.n() * kk; c++) {
            out[c] = Math.exp(out[c] - max);
            s += out[c];
        }
        for (int c = 0; c < data.n() * kk; c++) {
            out[c] /= s;
        }
        return max + Math.log(s);
    }

    /**
     * Writes the unit gradient direction ∇L(W)/‖∇L(W)‖ (Frobenius) into {@code out} and returns log‖∇L(W)‖. With the
     * normalized pair weights ĉ (see {@link #normalizedPairWeights}) and C = log Σ c, ∇L = e^C·k·Σ ĉ_{i,k}(e_k − e_{yᵢ}) ⊗ xᵢ,
     * k the reduction scale; the shifted sum is O(1), so the direction is accurate even when every c underflows.
     * Returns −∞ and writes zeros when the gradient is exactly zero.
     */
    public double gradientDirection(double[] w, double[] out) {
        int kk = numClasses;
        int d = data.d();
        double[] c = new double[data.n() * kk];
        double logTotal = normalizedPairWeights(w, c);
        Arrays.fill(out, 0.0);
        if (logTotal == Double.NEGATIVE_INFINITY) {
            return logTotal;
        }
        double[] a = data.x().data();
        for (int i = 0; i < data.n(); i++) {
            int y = labels[i];
            for (int k = 0; k < kk; k++) {
                double ck = c[i * kk + k];
                if (ck != 0.0) {
                    Kernels.axpy(ck, a, i * d, out, k * d, d);
                    Kernels.axpy(-ck, a, i * d, out, y * d, d);
                }
            }
        }
        double norm = Kernels.norm2(out);
        if (norm == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        for (int j = 0; j < out.length; j++) {
            out[j] /= norm;
        }
        return logTotal + Math.log(norm) + Math.log(fullScale());
    }
}
