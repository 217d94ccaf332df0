package org.sgdlab.nn.autodiff;

import java.util.Arrays;
import org.sgdlab.train.checkpoint.Checkpointable;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * The running statistics of one batch-normalization layer, shared between the graphs that use it (a training graph
 * records batch statistics; an evaluation graph normalizes with the running ones). Starts at mean 0, variance 1 and is
 * updated only by {@link #accumulateInPlace} (through {@link Graph#updateBatchNormStatisticsInPlace()}), with torch's
 * rule: μ ← (1 − m)μ + m·μ_B, v ← (1 − m)v + m·σ²_B·n/(n − 1) (the unbiased batch variance; n the group size).
 * Mutable and not thread-safe.
 */
public final class BatchNormStatistics implements Checkpointable {
    private final int channels;
    private final double momentum;
    private final double eps;
    private final double[] runningMean;
    private final double[] runningVar;

    /**
     * @param channels the number of normalized channels (≥ 1)
     * @param momentum the running-average weight m of a new batch, in (0, 1] (torch's default 0.1)
     * @param eps      ε added to the variance, ≥ 0 (torch's default 1e-5)
     */
    public BatchNormStatistics(int channels, double momentum, double eps) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in (0, 1], got " + momentum);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be >= 0 and finite, got " + eps);
        }
        this.channels = channels;
        this.momentum = momentum;
        this.eps = eps;
        this.runningMean = new double[channels];
        this.runningVar = new double[channels];
        Arrays.fill(runningVar, 1.0);
    }

    public int channels() {
        return channels;
    }

    public double momentum() {
        return momentum;
    }

    public double eps() {
        return eps;
    }

    /** The running means (a copy). */
    public double[] runningMean() {
        return runningMean.clone();
    }

    /** The running variances (a copy). */
    public double[] runningVariance() {
        return runningVar.clone();
    }

    double[] runningMeanBuffer() {
        return runningMean;
    }

    double[] runningVarianceBuffer() {
        return runningVar;
    }

    /** Sets the running statistics (copied; e.g. loaded from a trained torch model). */
    public void setInPlace(double[] mean, double[] variance) {
        if (mean.length != channels || variance.length != channels) {
            throw new IllegalArgumentException("expected " + channels + " means and variances, got " + mean.length + " and "
                    + variance.length);
        }
        System.arraycopy(mean, 0, runningMean, 0, channels);
        System.arraycopy(variance, 0, runningVar, 0, channels);
    }

    /** Folds in one batch's means and biased variances over groups of {@code count} entries (read only). */
    public void accumulateInPlace(double[] batchMean, double[] batchVariance, int count) {
        double unbias = count > 1 ? (double) count / (count - 1) : 1.0;
        for (int c = 0; c < channels; c++) {
            runningMean[c] = (1 - momentum) * runningMean[c] + momentum * batchMean[c];
            runningVar[c] = (1 - momentum) * runningVar[c] + momentum * batchVariance[c] * unbias;
        }
    }

    /** The running mean and variance, for checkpoints (restored in place). */
    @Override
    public void fields(StateFields f) {
        f.doubles("running_mean", runningMean);
        f.doubles("running_var", runningVar);
    }
}
