package org.sgdlab.theory;

import org.sgdlab.objective.Objective;
import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;
import org.sgdlab.sample.Sampler;
import org.sgdlab.train.DivergenceException;

/**
 * A step loop that exposes every iterate, shared by the gd, nesterov and adagrad families: the rate claims need
 * quantities at every step (the descent-lemma slack, running minima of ‖∇f‖², the first step below a tolerance),
 * which the trainer's probe schedule records only at probe steps. It drives a library {@link Transform}
 * exactly as {@link org.sgdlab.train.Trainer} does (updates ← gradient, transform, w ← w + updates)
 * and, like the trainer, throws {@link DivergenceException} when the parameters become non-finite.
 */
public final class StepLoop {
    /** Sees w_t, f(w_t) and the exact gradient ∇f(w_t) before step t; returns false to stop. */
    @FunctionalInterface
    public interface Observer {
        boolean see(long t, double[] w, double f, double[] grad);
    }

    private StepLoop() {
    }

    /**
     * Runs up to {@code steps} steps from {@code w0}; the transform receives the exact gradient
     * ({@code sampler} null) or the minibatch gradient of {@code sampler}'s batches. The observer is
     * called for t = 0..steps (the last call sees the final iterate). Returns the number of steps taken.
     */
    public static long run(Objective f, Transform opt, Sampler sampler, double[] w0, long steps, Observer obs) {
        return loop(f, opt, sampler, w0, steps, obs, true);
    }

    /**
     * {@link #run} for observers that do not use f(w_t): the exact gradient comes from {@link Objective#gradientOnly}
     * (which may skip the value) and the observer sees f = NaN. The same iterates and gradients, bit for bit, wherever
     * the objective's gradientOnly has its gradient's bits.
     */
    public static long runWithoutValue(Objective f, Transform opt, Sampler sampler, double[] w0, long steps, Observer obs) {
        return loop(f, opt, sampler, w0, steps, obs, false);
    }

    private static long loop(Objective f, Transform opt, Sampler sampler, double[] w0, long steps, Observer obs,
                             boolean withValue) {
        double[] w = w0.clone();
        double[] g = new double[w.length];
        double[] u = new double[w.length];
        int[] batch = sampler == null ? null : new int[sampler.batchSize()];
        State state = opt.init(w);
        for (long t = 0; ; t++) {
            double v;
            if (withValue) {
                v = f.gradient(w, g);
            } else {
                f.gradientOnly(w, g);
                v = Double.NaN;
            }
            if (!obs.see(t, w, v, g) || t == steps) {
                return t;
            }
            if (sampler == null) {
                System.arraycopy(g, 0, u, 0, w.length);
            } else {
                int count = sampler.nextBatch(batch);
                f.minibatchGradientOnly(w, batch, count, u);
            }
            opt.updateInPlace(u, state, w);
            boolean finite = true;
            for (int i = 0; i < w.length; i++) {
                w[i] += u[i];
                finite &= Double.isFinite(w[i]);
            }
            if (!finite) {
                throw new DivergenceException(t, opt.lastLearningRate(state).orElse(Double.NaN),
                        "parameters became non-finite in step " + t);
            }
        }
    }

    /** ‖g‖₂². */
    public static double normSq(double[] g) {
        double s = 0;
        for (double x : g) {
            s += x * x;
        }
        return s;
    }

    /** log-spaced probe steps in [0, total] as a boolean lookup for cheap "is t probed" tests. */
    public static boolean[] probeMask(long total, int perDecade) {
        boolean[] m = new boolean[(int) total + 1];
        for (long s : org.sgdlab.probe.ProbeSchedule.logSpaced(total, perDecade).steps()) {
            m[(int) s] = true;
        }
        return m;
    }
}
