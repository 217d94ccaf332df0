package org.sgdlab.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.sgdlab.objective.Reduction;

/**
 * One training run's configuration, named as {@code sgdlab train}'s options (linear models, zero start). Serializable,
 * so that a sweep can ship configurations to executors (see {@link SparkTraining}). Immutable.
 *
 * @param loss      squared, logistic, exponential, hinge or squared-hinge
 * @param intercept whether to fit an intercept b
 * @param reduction sum or mean of the per-sample losses
 * @param optimizer "gd" or a name of {@code sgdlab list optimizers}
 * @param hyper     hyperparameters besides the learning rate (copied)
 * @param lr        the step size η (&gt; 0)
 * @param schedule  constant, inverse-time, inverse-sqrt or cosine
 * @param tau       the decay time of the schedule, or null for {@code sgdlab train}'s default
 * @param sampler   full, with-replacement, shuffled or in-order; null: with-replacement for "sgd", else full
 * @param batch     batch size of the stochastic samplers (≥ 1)
 * @param steps     number of steps (≥ 1)
 * @param seed      seed of the sampler
 */
public record TrainConfig(String loss, boolean intercept, Reduction reduction, String optimizer, Map<String, Double> hyper,
                          double lr, String schedule, Double tau, String sampler, int batch, long steps, long seed)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrainConfig {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(reduction, "reduction");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        hyper = new TreeMap<>(hyper);
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr must be > 0, got " + lr);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
    }

    /** Full-batch GD with a constant step, mean reduction, no intercept. */
    public static TrainConfig gd(String loss, double lr, long steps) {
        return new TrainConfig(loss, false, Reduction.MEAN, "gd", Map.of(), lr, "constant", null, null, 1, steps, 1);
    }

    /** This configuration with another optimizer, hyperparameters, sampler and batch size. */
    public TrainConfig with(String optimizer, Map<String, Double> hyper, String sampler, int batch) {
        return new TrainConfig(loss, intercept, reduction, optimizer, hyper, lr, schedule, tau, sampler, batch, steps, seed);
    }

    /** The sampler's name as {@code sgdlab train} resolves it. */
    public String samplerName() {
        return org.sgdlab.catalog.TrainingDefaults.samplerName(sampler, optimizer);
    }

    /** The loss, intercept and reduction the objective needs. */
    public RiskSpec riskSpec() {
        return new RiskSpec(loss, intercept, reduction);
    }
}
