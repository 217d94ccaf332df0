package org.sgdlab.theory.eos;

import java.util.Arrays;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.model.Activation;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.ProgressListener;

/**
 * One full-batch GD run at a fixed learning rate η on the mean squared loss ½(f(x) − y)² of a small tanh MLP (Cohen et
 * al. 2021's setting: full-batch GD, MSE, a small subset), with the loss recorded at every step and the sharpness
 * λ_max(∇²L) ({@link Sharpness}: Lanczos, or power iteration for comparison) at every {@code probeEvery}-th step and the
 * last; plus the plateau measurement of {@link #analyze}.
 */
final class EosRun {
    /** The hidden widths of the network (two tanh layers, with biases, torch's default initialization law). */
    static final int[] HIDDEN = {16, 16};
    /** The sharpness has reached the edge when it first reaches this fraction of 2/η. */
    static final double REACH_FRACTION = 0.9;
    /** Power-iteration tolerance and budget per probe. */
    static final double SHARPNESS_TOL = 5e-3;
    static final int SHARPNESS_MAX_PRODUCTS = 50;
    /** Lanczos tolerance (relative to ‖H‖_est ≥ λ_max) and budget per probe. */
    static final double LANCZOS_TOL = 1e-3;
    static final int LANCZOS_MAX_PRODUCTS = 200;
    /**
     * Norm of the random part of a warm start ({@link Sharpness#warmStart}): the previous probe's unit Ritz vector plus a
     * Gaussian direction of this norm. Measured on the quick budget of the time (800 steps per run, seed 1): 2016 HVPs with cold starts, 1376 warm
     * (−32 %; 1357 with no random part), the plateaus equal to 7 digits.
     */
    static final double WARM_START_MIX = 0.1;

    /**
     * How the sharpness is probed: Lanczos warm-started from the previous probe's vector (the claim's), Lanczos from a
     * Gaussian vector at every probe (its reference), or power iteration (002's method).
     */
    enum Method { LANCZOS, LANCZOS_COLD, POWER }

    /**
     * A run's record.
     *
     * @param probeSteps the probed steps (0, probeEvery, …, steps)
     * @param sharpness  λ_max at those steps
     * @param residual   the estimate's relative residual ‖Hv − λv‖/λ at those steps
     * @param loss       L(w_t) for t = 0..steps
     */
    record Record(String name, double eta, long[] probeSteps, double[] sharpness, double[] residual, double[] loss,
                  int products) {
        int steps() {
            return loss.length - 1;
        }
    }

    /**
     * What the run says about the edge of stability.
     *
     * @param initial        λ_max at step 0
     * @param reachedStep    the first probed step with λ_max ≥ {@link #REACH_FRACTION}·2/η, or −1 if none
     * @param atReach        λ_max at that step
     * @param windowStart    the first step of the plateau window: reachedStep + ⌈2(T − reachedStep)/3⌉
     * @param plateau        the median of λ_max over the probes in [windowStart, T] (NaN if not reached)
     * @param plateauLow     the 10th percentile over the window (how far it dips)
     * @param plateauHigh    the 90th percentile over the window (how far it overshoots)
     * @param lossAtReach    L at reachedStep
     * @param lossEnd        L at T
     * @param lossIncreases  the number of steps t in [reachedStep, T) with L(w_{t+1}) &gt; L(w_t)
     * @param maxResidual    the largest power-iteration residual over the window's probes
     */
    record Analysis(double initial, long reachedStep, double atReach, long windowStart, double plateau, double plateauLow,
                    double plateauHigh, double lossAtReach, double lossEnd, int lossIncreases, double maxResidual) {
        boolean reached() {
            return reachedStep >= 0;
        }

        /** plateau·η/2: 1 at the edge. */
        double ratio(double eta) {
            return plateau * eta / 2;
        }
    }

    private EosRun() {
    }

    /** The network for {@code d} input features. */
    static Mlp network(int d) {
        return Mlp.builder(d).hidden(HIDDEN).activation(Activation.tanh()).build();
    }

    /** The objective: mean of ½(f(xᵢ) − yᵢ)². */
    static NetworkObjective objective(Mlp net, Dataset data) {
        return new NetworkObjective(net, data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN);
    }

    /**
     * GD w ← w − η∇L(w) for {@code steps} steps from the initialization drawn from {@code init} (advanced), probing the
     * sharpness every {@code probeEvery} steps.
     */
    static Record run(String name, Dataset data, double eta, int steps, int probeEvery, RandomStream init,
                      ProgressListener progress) {
        return run(name, data, eta, steps, probeEvery, init, Method.LANCZOS, progress);
    }

    /**
     * As above with the given sharpness probe; Lanczos draws its start vectors (and the random part of its warm starts)
     * from {@code init.split(1)}.
     */
    static Record run(String name, Dataset data, double eta, int steps, int probeEvery, RandomStream init, Method method,
                      ProgressListener progress) {
        Mlp net = network(data.d());
        NetworkObjective f = objective(net, data);
        double[] w = net.initialize(init);
        double[] start = new double[w.length];
        for (int i = 0; i < start.length; i++) {
            start[i] = init.nextGaussian();
        }
        Sharpness probe = new Sharpness(f, start, SHARPNESS_TOL, SHARPNESS_MAX_PRODUCTS);
        RandomStream starts = init.split(1);
        Sharpness.HessianOperator hvp = f::hessianVectorProduct;
        int probes = steps / probeEvery + (steps % probeEvery == 0 ? 1 : 2);
        long[] at = new long[probes];
        double[] s = new double[probes];
        double[] res = new double[probes];
        double[] loss = new double[steps + 1];
        double[] g = new double[w.length];
        int k = 0;
        int products = 0;
        double[] ritz = null; // the previous Lanczos probe's vector
        for (int t = 0; ; t++) {
            loss[t] = f.gradient(w, g);
            if (t % probeEvery == 0 || t == steps) {
                double[] warm = method == Method.LANCZOS && ritz != null ? Sharpness.warmStart(ritz, WARM_START_MIX, starts) : null;
                Sharpness.Estimate e = method == Method.POWER ? probe.at(w)
                        : Sharpness.lanczos(hvp, w, w.length, LANCZOS_TOL, LANCZOS_MAX_PRODUCTS, warm, starts);
                ritz = e.vector();
                at[k] = t;
                s[k] = e.value();
                res[k] = e.relativeResidual();
                products += e.products();
                k++;
            }
            if (t == steps) {
                break;
            }
            for (int i = 0; i < w.length; i++) {
                w[i] -= eta * g[i];
            }
            if (!Double.isFinite(loss[t])) {
                throw new IllegalStateException(name + ": the loss became " + loss[t] + " at step " + t + " (η = " + eta + ")");
            }
            if ((t & 63) == 0) {
                progress.onProgress(t, steps);
            }
        }
        progress.onProgress(steps, steps);
        return new Record(name, eta, at, s, res, loss, products);
    }

    /** The measurement of {@link Analysis} on a record. */
    static Analysis analyze(Record r) {
        double edge = 2 / r.eta();
        int reach = -1;
        for (int i = 0; i < r.sharpness().length; i++) {
            if (r.sharpness()[i] >= REACH_FRACTION * edge) {
                reach = i;
                break;
            }
        }
        int steps = r.steps();
        double initial = r.sharpness()[0];
        if (reach < 0) {
            return new Analysis(initial, -1, Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, r.loss()[steps], 0,
                    Double.NaN);
        }
        long tc = r.probeSteps()[reach];
        long from = tc + (2 * (steps - tc) + 2) / 3;
        double[] window = Arrays.stream(indices(r.probeSteps(), from)).mapToDouble(i -> r.sharpness()[i]).sorted().toArray();
        double maxRes = Arrays.stream(indices(r.probeSteps(), from)).mapToDouble(i -> r.residual()[i]).max().orElse(Double.NaN);
        int increases = 0;
        for (int t = (int) tc; t < steps; t++) {
            increases += r.loss()[t + 1] > r.loss()[t] ? 1 : 0;
        }
        return new Analysis(initial, tc, r.sharpness()[reach], from, quantile(window, 0.5), quantile(window, 0.1),
                quantile(window, 0.9), r.loss()[(int) tc], r.loss()[steps], increases, maxRes);
    }

    private static int[] indices(long[] steps, long from) {
        return java.util.stream.IntStream.range(0, steps.length).filter(i -> steps[i] >= from).toArray();
    }

    /** The q-quantile of sorted values (linear interpolation between order statistics); NaN when empty. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
