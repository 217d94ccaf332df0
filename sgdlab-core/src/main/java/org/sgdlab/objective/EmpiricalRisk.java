package org.sgdlab.objective;

import java.util.Arrays;
import java.util.Objects;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
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
 * from per-sample weights shifted by their maximum, so the direction never underflows to zero).
 *
 * <p>Holds O(n + p) scratch buffers: not thread-safe; {@code gradient} does not allocate.
 */
public final class EmpiricalRisk implements Objective {
    private final Dataset data;
    private final LinearModel model;
    private final Loss loss;
    private final Reduction reduction;
    private final double[] scratchN;

    public EmpiricalRisk(Dataset data, LinearModel model, Loss loss, Reduction reduction) {
        this.data = Objects.requireNonNull(data, "data");
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
        if (model.features() != data.d()) {
            throw new IllegalArgumentException("model has " + model.features() + " features but data "
                    + data.name() + " has " + data.d() + " columns");
        }
        if (loss.needsBinaryLabels()) {
            data.requireBinaryLabels();
        }
        this.scratchN = new double[data.n()];
    }

    /** A linear model without intercept on {@code data}. */
    public static EmpiricalRisk of(Dataset data, Loss loss, Reduction reduction) {
        return new EmpiricalRisk(data, new LinearModel(data.d(), false), loss, reduction);
    }

    public Dataset data() {
        return data;
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
        return data.n();
    }

    private double fullScale() {
        return reduction == Reduction.SUM ? 1.0 : 1.0 / data.n();
    }

    @Override
    public double value(double[] w) {
        Matrix x = data.x();
        double[] y = data.y();
        int d = x.cols();
        double b = model.intercept(w);
        double s = 0;
        for (int i = 0; i < x.rows(); i++) {
            s += loss.value(Kernels.dot(x.data(), i * d, w, 0, d) + b, y[i]);
        }
        return s * fullScale();
    }

    @Override
    public double gradient(double[] w, double[] out) {
        double v = rawGradient(w, null, data.n(), out, true);
        scale(out, fullScale());
        return v * fullScale();
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        double v = rawGradient(w, batch, count, out, true);
        double k = reduction.batchScale(count, data.n());
        scale(out, k);
        return v * k;
    }

    @Override
    public void gradientOnly(double[] w, double[] out) {
        rawGradient(w, null, data.n(), out, false);
        scale(out, fullScale());
    }

    @Override
    public void minibatchGradientOnly(double[] w, int[] batch, int count, double[] out) {
        rawGradient(w, batch, count, out, false);
        scale(out, reduction.batchScale(count, data.n()));
    }

    private static void scale(double[] v, double k) {
        if (k != 1.0) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= k;
            }
        }
    }

    /** Σ over the selected rows (all rows when batch is null) of ℓ and ∇ℓ, unscaled. */
    private double rawGradient(double[] w, int[] batch, int count, double[] out, boolean withValue) {
        Matrix x = data.x();
        double[] y = data.y();
        double b = model.intercept(w);
        if (loss instanceof MarginLoss) {
            return Kernels.marginLossGradient(x, y, w, b, (MarginLoss) loss, batch, count, null, out, withValue);
        }
        if (loss == SquaredLoss.INSTANCE && batch == null) {
            double half = Kernels.leastSquaresResidualGradient(x, y, w, b, scratchN, out);
            if (model.hasIntercept()) {
                double sr = 0;
                for (int i = 0; i < data.n(); i++) {
                    sr += scratchN[i];
                }
                out[x.cols()] = sr;
            }
            return half;
        }
        return genericGradient(w, batch, count, out);
    }

    private double genericGradient(double[] w, int[] batch, int count, double[] out) {
        Matrix x = data.x();
        double[] a = x.data();
        double[] y = data.y();
        int d = x.cols();
        double b = model.intercept(w);
        Arrays.fill(out, 0.0);
        double v = 0;
        double gb = 0;
        for (int k = 0; k < count; k++) {
            int i = batch == null ? k : batch[k];
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

    /** Writes the predictions ⟨w, xᵢ⟩ + b into {@code out} (length n); returns {@code out}. */
    public double[] predictions(double[] w, double[] out) {
        Kernels.gemv(data.x(), w, out);
        double b = model.intercept(w);
        if (b != 0.0) {
            for (int i = 0; i < out.length; i++) {
                out[i] += b;
            }
        }
        return out;
    }

    /** Writes the margins mᵢ = yᵢ(⟨w, xᵢ⟩ + b) into {@code out} (length n); returns {@code out}. */
    public double[] margins(double[] w, double[] out) {
        predictions(w, out);
        double[] y = data.y();
        for (int i = 0; i < out.length; i++) {
            out[i] *= y[i];
        }
        return out;
    }

    /** minᵢ yᵢ(⟨w, xᵢ⟩ + b). */
    public double minMargin(double[] w) {
        margins(w, scratchN);
        double m = Double.POSITIVE_INFINITY;
        for (double v : scratchN) {
            m = Math.min(m, v);
        }
        return m;
    }

    private MarginLoss marginLoss() {
        if (!(loss instanceof MarginLoss)) {
            throw new UnsupportedOperationException("log-domain quantities need a margin loss, this objective uses " + loss.name());
        }
        return (MarginLoss) loss;
    }

    /**
     * log L(w) by log-sum-exp over log φ(mᵢ): exact where L itself underflows (late in an
     * implicit-bias run) or overflows. −∞ when every term is exactly zero (e.g. hinge, all margins ≥ 1).
     */
    public double logValue(double[] w) {
        MarginLoss phi = marginLoss();
        margins(w, scratchN);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scratchN.length; i++) {
            scratchN[i] = phi.logValue(scratchN[i]);
            max = Math.max(max, scratchN[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double l : scratchN) {
            s += Math.exp(l - max);
        }
        return max + Math.log(s) + Math.log(fullScale());
    }

    /**
     * Writes the per-sample gradient weights −φ'(mᵢ) normalized to sum 1 into {@code out} (computed
     * from log weights shifted by their maximum, so they never all underflow) and returns
     * log Σᵢ −φ'(mᵢ). Seed 001 exp. 2 calls these the samples' "gradient contributions".
     */
    public double normalizedSampleWeights(double[] w, double[] out) {
        MarginLoss phi = marginLoss();
        margins(w, out);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < out.length; i++) {
            out[i] = phi.logNegDerivative(out[i]);
            max = Math.max(max, out[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            Arrays.fill(out, 0.0);
            return max;
        }
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(out[i] - max);
            s += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= s;
        }
        return max + Math.log(s);
    }

    /**
     * Writes the unit gradient direction ∇L(w)/‖∇L(w)‖ into {@code out} and returns log‖∇L(w)‖.
     * With weights cᵢ = −φ'(mᵢ) = e^{sᵢ} and S = maxᵢ sᵢ, ∇L = −e^S·k·Σᵢ e^{sᵢ − S} yᵢ(xᵢ, 1), k the reduction
     * scale; the shifted sum is O(1), so the direction is accurate even when every cᵢ underflows.
     * Returns −∞ and writes zeros when the gradient is exactly zero.
     */
    public double gradientDirection(double[] w, double[] out) {
        double logTotal = normalizedSampleWeights(w, scratchN);
        if (logTotal == Double.NEGATIVE_INFINITY) {
            Arrays.fill(out, 0.0);
            return logTotal;
        }
        Matrix x = data.x();
        double[] y = data.y();
        int d = x.cols();
        Arrays.fill(out, 0.0);
        double gb = 0;
        for (int i = 0; i < data.n(); i++) {
            double c = -scratchN[i] * y[i];
            if (c != 0.0) {
                Kernels.axpy(c, x.data(), i * d, out, 0, d);
                gb += c;
            }
        }
        if (model.hasIntercept()) {
            out[d] = gb;
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
}
