package org.sgdlab.theory.sgd;

import java.util.List;
import org.sgdlab.finitesum.FiniteSum;
import org.sgdlab.finitesum.MonteCarlo;
import org.sgdlab.finitesum.SpreadQuadratic;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * R independent constant-step SGD runs X_{k+1} = X_k − αG_k (source 003 §2.2, G_k from p indices drawn
 * with replacement) through the library's {@link Trainer}, each on stream {@code master.split(r)},
 * recording a quantity q(X_k) (‖∇f‖² or f − f*) at every k = 0…K and the largest distance from x*.
 *
 * <p>Layout of each run's observation vector (and of the estimates):
 * [q(X_0) … q(X_K) | (1/k)Σ_{i&lt;k} q(X_i) for each k in {@code averageAt} | mean of q over k ∈ [K/2, K) |
 * over [K/2, 3K/4) | over [3K/4, K) | max_k ‖X_k − x*‖ | max_k S(X_k)].
 */
final class SgdMonteCarlo {
    private SgdMonteCarlo() {
    }

    /** The estimates and where each block starts. */
    record Result(MonteCarlo.Estimates estimates, int steps, long[] averageAt) {
        double stepMean(int k) {
            return estimates.mean()[k];
        }

        double stepSe(int k) {
            return estimates.stdErr()[k];
        }

        int averageOffset() {
            return steps + 1;
        }

        int tailOffset() {
            return steps + 1 + averageAt.length;
        }

        /** Largest distance from x* over all runs and steps. */
        double maxDistance() {
            return estimates.max()[estimates.size() - 2];
        }

        /** Largest exact single-sample variance S(X_k) over all runs and steps k = 0…K. */
        double maxSpread() {
            return estimates.max()[estimates.size() - 1];
        }
    }

    static Result run(FiniteSum f, double alpha, int batch, double[] x0, int steps, long[] averageAt, int runs,
                      RandomStream master, TrackedObjective.Record what, org.sgdlab.train.ProgressListener progress) {
        double[] xs = f.minimizer();
        int m = f.terms();
        int n = steps + 1 + averageAt.length + 5;
        SpreadQuadratic sq = f.spreadQuadratic(xs);
        MonteCarlo.Estimates e = MonteCarlo.estimate(runs, master, Runtime.getRuntime().availableProcessors(), (r, s) -> {
            FiniteSum own = f.copy();
            TrackedObjective obj = new TrackedObjective(own, xs, steps, what).trackSpread(sq);
            TrainResult res = Trainer.builder(obj, Optimizers.sgd(alpha)).sampler(Samplers.withReplacement(m, batch, s))
                    .probes(List.of()).probeSchedule(ProbeSchedule.linear(steps, Math.max(1, steps))).build().run(x0, steps);
            double[] q = obj.recorded();
            double[] out = new double[n];
            System.arraycopy(q, 0, out, 0, steps);
            out[steps] = what == TrackedObjective.Record.EXCESS ? own.excess(res.params())
                    : own.gradientNormSquared(res.params());
            double prefix = 0;
            int next = 0;
            for (int k = 0; k <= steps && next < averageAt.length; k++) {
                while (next < averageAt.length && averageAt[next] == k) {
                    out[steps + 1 + next] = prefix / k;
                    next++;
                }
                if (k < steps) {
                    prefix += q[k];
                }
            }
            int t = steps + 1 + averageAt.length;
            out[t] = mean(q, steps / 2, steps);
            out[t + 1] = mean(q, steps / 2, 3 * steps / 4);
            out[t + 2] = mean(q, 3 * steps / 4, steps);
            out[t + 3] = Math.max(obj.maxDistance(), dist(res.params(), xs));
            out[t + 4] = Math.max(obj.maxSpread(), sq.at(res.params()));
            return out;
        }, progress);
        return new Result(e, steps, averageAt.clone());
    }

    private static double mean(double[] q, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += q[i];
        }
        return s / (to - from);
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /** The probe steps k ≥ 1 of a log-spaced schedule (about {@code perDecade} per decade) up to K. */
    static long[] probeSteps(int steps, int perDecade, boolean withZero) {
        long[] all = ProbeSchedule.logSpaced(steps, perDecade).steps();
        return java.util.Arrays.stream(all).filter(k -> withZero || k >= 1).toArray();
    }
}
