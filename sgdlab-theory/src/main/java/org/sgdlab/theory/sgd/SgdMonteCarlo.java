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
 * recording a quantity q(X_k) (‖∇f‖² or f − f*) at the steps the caller needs and the largest distance from x*.
 *
 * <p>Layout of each run's observation vector (and of the estimates):
 * [q(X_k) for each recorded k, ascending (k = K last) | (1/k)Σ_{i&lt;k} q(X_i) for each k in {@code averageAt} |
 * mean of q over k ∈ [K/2, K) | over [K/2, 3K/4) | over [3K/4, K) | max_k ‖X_k − x*‖ | max_k S(X_k)]. The recorded
 * steps are the caller's {@code reported} steps, every k below the largest {@code averageAt} (the running averages
 * need them), every k in [K/2, K) (the tail means) and K; q is computed at no other step (issue 12: a number reported
 * "at step k" is measured at step k, and nothing else is measured).
 */
final class SgdMonteCarlo {
    private SgdMonteCarlo() {
    }

    /** The estimates and where each block starts ({@code slot[k]}: the index of q(X_k), or −1 where not recorded). */
    record Result(MonteCarlo.Estimates estimates, int steps, long[] averageAt, int[] slot, int recordedCount) {
        double stepMean(int k) {
            return estimates.mean()[index(k)];
        }

        double stepSe(int k) {
            return estimates.stdErr()[index(k)];
        }

        private int index(int k) {
            if (k < 0 || k > steps || slot[k] < 0) {
                throw new IllegalArgumentException("step " + k + " was not recorded (recorded: the reported steps, those "
                        + "the running averages and the tail means need, and " + steps + ")");
            }
            return slot[k];
        }

        int averageOffset() {
            return recordedCount;
        }

        int tailOffset() {
            return recordedCount + averageAt.length;
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

    /** Which steps k ∈ [0, K] get q(X_k) recorded (see the class comment); {@code reported} null: every step. */
    static boolean[] recordedSteps(int steps, long[] averageAt, long[] reported) {
        boolean[] at = new boolean[steps + 1];
        if (reported == null) {
            java.util.Arrays.fill(at, true);
            return at;
        }
        for (long k : reported) {
            if (k < 0 || k > steps) {
                throw new IllegalArgumentException("reported step " + k + " is outside [0, " + steps + "]");
            }
            at[(int) k] = true;
        }
        long lastAverage = 0;
        for (long k : averageAt) {
            lastAverage = Math.max(lastAverage, k);
        }
        for (int k = 0; k < lastAverage && k < steps; k++) {
            at[k] = true;
        }
        for (int k = steps / 2; k <= steps; k++) {
            at[k] = true;
        }
        return at;
    }

    /**
     * Runs R runs; q is recorded at the {@code reported} steps (null: at every step) and at those the running averages
     * at {@code averageAt} and the tail means need.
     */
    static Result run(FiniteSum f, double alpha, int batch, double[] x0, int steps, long[] averageAt, long[] reported, int runs,
                      RandomStream master, TrackedObjective.Record what, org.sgdlab.train.ProgressListener progress) {
        double[] xs = f.minimizer();
        boolean[] recorded = recordedSteps(steps, averageAt, reported);
        int[] slot = new int[steps + 1];
        int count = 0;
        for (int k = 0; k <= steps; k++) {
            slot[k] = recorded[k] ? count++ : -1;
        }
        int recordedCount = count;
        int n = recordedCount + averageAt.length + 5;
        SpreadQuadratic sq = f.spreadQuadratic(xs);
        Plan plan = new Plan(f, xs, sq, alpha, batch, x0, steps, averageAt, recorded, slot, recordedCount, n);
        // One lambda per recorded quantity: q(X_K), the one step that depends on it outside TrackedObjective, is then a
        // fixed call in each lambda, and the shared part (observe) has no branch on it. With a single lambda and a
        // `what == EXCESS` test, the first claim compiled the lambda (the trainer's set-up inlined, 35-57 kB of code)
        // without the other branch and the second claim's first run threw it away (JFR of check --quick: unstable_if at
        // that test, the lambda compiled at full size twice, 2.6 and 2.9 s of C2 time on a loaded machine).
        MonteCarlo.Run run = what == TrackedObjective.Record.EXCESS
                ? (r, s) -> {
                    Observed o = plan.observe(TrackedObjective.Record.EXCESS, s);
                    o.out()[slot[steps]] = o.own().excess(o.last());
                    return o.finish();
                }
                : (r, s) -> {
                    Observed o = plan.observe(TrackedObjective.Record.GRADIENT_NORM_SQUARED, s);
                    o.out()[slot[steps]] = o.own().gradientNormSquared(o.last());
                    return o.finish();
                };
        MonteCarlo.Estimates e = MonteCarlo.estimate(runs, master, Runtime.getRuntime().availableProcessors(), run, progress);
        return new Result(e, steps, averageAt.clone(), slot, recordedCount);
    }

    /** What every run of {@link #run} shares (read only: the runs execute in parallel). */
    private record Plan(FiniteSum f, double[] xs, SpreadQuadratic sq, double alpha, int batch, double[] x0, int steps,
                        long[] averageAt, boolean[] recorded, int[] slot, int recordedCount, int n) {
        /**
         * One SGD run on stream {@code s}: its observation vector with every entry but q(X_K) (the caller's), X_K, and the
         * run's own copy of the sum (to evaluate q(X_K) on).
         */
        Observed observe(TrackedObjective.Record what, RandomStream s) {
            FiniteSum own = f.copy();
            TrackedObjective obj = new TrackedObjective(own, xs, steps, what).trackSpread(sq).recordOnly(recorded);
            TrainResult res = Trainer.builder(obj.withFusedStep(), Optimizers.sgd(alpha))
                    .sampler(Samplers.withReplacement(f.terms(), batch, s)).probes(List.of())
                    .probeSchedule(ProbeSchedule.linear(steps, Math.max(1, steps))).build().run(x0, steps);
            double[] q = obj.recorded();
            double[] out = new double[n];
            for (int k = 0; k < steps; k++) {
                if (slot[k] >= 0) {
                    out[slot[k]] = q[k];
                }
            }
            double[] last = res.params();
            return new Observed(this, obj, q, out, own, last);
        }
    }

    /** One run's observations before q(X_K) is filled in ({@link #finish} completes the vector). */
    private record Observed(Plan plan, TrackedObjective obj, double[] q, double[] out, FiniteSum own, double[] last) {
        /** The running averages, the tail means and the two maxima; returns the completed observation vector. */
        double[] finish() {
            int steps = plan.steps();
            long[] averageAt = plan.averageAt();
            int recordedCount = plan.recordedCount();
            double prefix = 0;
            int next = 0;
            for (int k = 0; k <= steps && next < averageAt.length; k++) {
                while (next < averageAt.length && averageAt[next] == k) {
                    out[recordedCount + next] = prefix / k;
                    next++;
                }
                if (k < steps) {
                    prefix += q[k];
                }
            }
            int t = recordedCount + averageAt.length;
            out[t] = mean(q, steps / 2, steps);
            out[t + 1] = mean(q, steps / 2, 3 * steps / 4);
            out[t + 2] = mean(q, 3 * steps / 4, steps);
            out[t + 3] = Math.max(obj.maxDistance(), dist(last, plan.xs()));
            out[t + 4] = Math.max(obj.maxSpread(), plan.sq().at(last));
            return out;
        }
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
