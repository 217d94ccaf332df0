package org.sgdlab.spark;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.catalog.TrainingDefaults;
import org.sgdlab.objective.Objective;
import org.sgdlab.optim.Transform;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Probes;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * Runs core's {@link Trainer} on any objective with the optimizer, schedule and sampler a {@link TrainConfig} names,
 * built exactly as {@code sgdlab train} builds them (seeded sampler stream {@code new RandomStream(seed).split(1)},
 * "gd" = "sgd" on the full batch, zero start). The same call on a {@link SparkRisk} and on core's
 * {@code EmpiricalRisk} over the same rows gives the same bits.
 *
 * <p><b>Sweeps.</b> A sweep is a list of {@link TrainConfig}s in and one {@link Result} row per configuration out. On
 * Spark there are two ways to spread it, and this class serves both: (a) data that fit one executor — parallelize the
 * configurations, and on each executor run {@link #train} on core's in-memory {@code EmpiricalRisk} (configurations
 * and results are serializable); (b) data that do not — run the configurations one after another on the driver, each
 * with {@link #train} on one shared {@link SparkRisk} (every gradient is then itself distributed). Either way each
 * row is what the local run of the same configuration gives, bit for bit.
 */
public final class SparkTraining {
    private SparkTraining() {
    }

    /**
     * One run's outcome.
     *
     * @param params   final parameters
     * @param loss     final loss f(w)
     * @param gradNorm final ‖∇f(w)‖
     * @param steps    steps taken
     * @param result   core's result (trace of loss, norm and gradient norm at log-spaced steps)
     */
    public record Result(double[] params, double loss, double gradNorm, long steps, TrainResult result)
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The sampler the configuration names, over n samples, seeded as {@code sgdlab train} seeds it. */
    public static Sampler sampler(TrainConfig c, int n) {
        String name = c.samplerName();
        return Samplers.byName(name, n, name.startsWith("full") ? n : c.batch(), new RandomStream(c.seed()).split(1));
    }

    /** The optimizer chain the configuration names, for {@code dimension} parameters. */
    public static Transform optimizer(TrainConfig c, int dimension) {
        return TrainingDefaults.optimizer(c.optimizer(), c.schedule(), c.lr(), c.tau(), c.steps(), c.hyper(), dimension);
    }

    /**
     * Trains from zero for {@code c.steps()} steps on {@code f} (which must be the risk {@code c.riskSpec()} describes).
     *
     * @param probesPerDecade density of the loss / norm / gradient-norm trace on the log-spaced step grid (each probe of
     *                        a {@link SparkRisk} is a distributed pass over the rows)
     */
    public static Result train(Objective f, TrainConfig c, int probesPerDecade) {
        Sampler s = sampler(c, f.sampleCount());
        Transform opt = optimizer(c, f.dimension());
        List<Probe> probes = new ArrayList<>(List.of(Probes.loss(), Probes.norm(), Probes.gradientNorm(f.dimension())));
        TrainResult r = Trainer.builder(f, opt).sampler(s).probes(probes)
                .probeSchedule(ProbeSchedule.logSpaced(c.steps(), probesPerDecade)).traceName("trace")
                .build().run(new double[f.dimension()], c.steps());
        // the log-spaced schedule ends on the last step, probed at the final parameters: f(w_T) (the value kernel, as
        // sgdlab train's final_loss) and ‖∇f(w_T)‖ are the trace's last row, not two more passes over the data
        return new Result(r.params(), r.trace().last("loss"), r.trace().last("grad_norm"), r.steps(), r);
    }
}
