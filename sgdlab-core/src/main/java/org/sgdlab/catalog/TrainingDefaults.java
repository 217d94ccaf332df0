package org.sgdlab.catalog;

import java.util.Map;
import org.sgdlab.optim.Schedule;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.Transform;

/**
 * How a training run's options become its sampler name and optimizer when the user leaves them to the defaults: the one
 * rule {@code sgdlab train}, a spec's runs and {@code sgdlab spark train} share, so the same options give the same run.
 */
public final class TrainingDefaults {
    private TrainingDefaults() {
    }

    /** {@code sampler} when given, else with replacement for {@code sgd} and full batches for every other optimizer. */
    public static String samplerName(String sampler, String optimizer) {
        return sampler != null ? sampler : ("sgd".equals(optimizer) ? "with-replacement" : "full");
    }

    /**
     * The optimizer {@code optimizer} ("gd" is "sgd", meant for full batches) on the schedule {@code schedule} from
     * {@code lr} over {@code steps} steps, for {@code dimension} parameters. The schedule's time scale τ is {@code tau}
     * when given; else the decay time of 1/t and 1/√t is steps/10 (at least 1) and cosine's half period is the run.
     *
     * @throws IllegalArgumentException for an unknown optimizer, schedule or hyperparameter, or a bad value
     */
    public static Transform optimizer(String optimizer, String schedule, double lr, Double tau, long steps,
                                      Map<String, Double> hyper, int dimension) {
        double t0 = tau != null ? tau : ("cosine".equals(schedule) ? steps : Math.max(1.0, steps / 10.0));
        Schedule sched = Schedules.byName(schedule, lr, t0);
        return OptimizerCatalog.create("gd".equals(optimizer) ? "sgd" : optimizer, sched, hyper, dimension);
    }
}
