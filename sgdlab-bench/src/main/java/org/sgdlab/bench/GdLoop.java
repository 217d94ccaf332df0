package org.sgdlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.train.Trainer;

/**
 * The sgdlab side of the numpy comparison in {@code bench/}: full-batch gradient descent on the
 * summed logistic loss, w ← w − η∇L(w) with L(w) = Σᵢ log(1 + e^{−yᵢ⟨xᵢ, w⟩}), from w₀ = 0 — the
 * same loop as source 001's numpy code and {@code bench/peers/gd_logistic.py}.
 *
 * <pre>
 * GdLoop gen     n=100 d=2 seed=1 out=bench/data/clouds_100x2.bin
 * GdLoop run     data=bench/data/clouds_100x2.bin steps=100000 lr=0.1 path=trainer reps=5 out=w.bin
 * GdLoop compare a=w_java.bin b=w_numpy.bin
 * </pre>
 *
 * {@code path=direct} is {@code objective.gradient} followed by {@code Kernels.axpy(−η, g, w)};
 * {@code path=trainer} is {@code Trainer} with {@code Optimizers.sgd(η)}. {@code run} repeats the whole
 * T-step run {@code reps} times in one JVM, each from w₀ = 0: the first repetition includes JIT
 * compilation ("cold"), the median of the others is the steady state ("warm"). It checks that every
 * repetition ends at bit-for-bit the same w, writes that w to {@code out}, and prints one
 * {@code RESULT key=value ...} line for {@code bench/run.sh}.
 */
public final class GdLoop {
    private GdLoop() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            usage("no command");
        }
        Map<String, String> kv = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                usage("argument \"" + args[i] + "\" is not key=value");
            }
            kv.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        switch (args[0]) {
            case "gen":
                gen(kv);
                break;
            case "run":
                run(kv);
                break;
            case "compare":
                compare(kv);
                break;
            default:
                usage("unknown command " + args[0]);
        }
    }

    private static void usage(String why) {
        System.err.println("GdLoop: " + why + "\nusage: GdLoop gen n=N d=D seed=S out=FILE\n"
                + "       GdLoop run data=FILE steps=T [lr=0.1] [path=direct|trainer] [reps=5] [out=FILE]\n"
                + "       GdLoop compare a=FILE b=FILE");
        System.exit(2);
    }

    private static String need(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null) {
            usage("missing " + key + "=...");
        }
        return v;
    }

    private static void gen(Map<String, String> kv) throws IOException {
        int n = Integer.parseInt(need(kv, "n"));
        int d = Integer.parseInt(need(kv, "d"));
        long seed = Long.parseLong(kv.getOrDefault("seed", "1"));
        Path out = Path.of(need(kv, "out"));
        BenchData.write(BenchData.gaussianClouds(n, d, seed), out);
        System.out.println("wrote " + out + " (n=" + n + ", d=" + d + ", seed=" + seed + ")");
    }

    /** T steps of GD from 0 with the direct loop. */
    static double[] directLoop(EmpiricalRisk objective, double lr, long steps) {
        double[] w = new double[objective.dimension()];
        double[] g = new double[w.length];
        for (long t = 0; t < steps; t++) {
            objective.gradient(w, g);
            Kernels.axpy(-lr, g, w);
        }
        return w;
    }

    /** T steps of GD from 0 through Trainer + Optimizers.sgd. */
    static double[] trainerLoop(EmpiricalRisk objective, double lr, long steps) {
        Trainer trainer = Trainer.builder(objective, Optimizers.sgd(lr)).build();
        return trainer.run(new double[objective.dimension()], steps).params();
    }

    private static void run(Map<String, String> kv) throws IOException {
        Path dataFile = Path.of(need(kv, "data"));
        long steps = Long.parseLong(need(kv, "steps"));
        double lr = Double.parseDouble(kv.getOrDefault("lr", "0.1"));
        String path = kv.getOrDefault("path", "trainer");
        int reps = Integer.parseInt(kv.getOrDefault("reps", "5"));
        if (!path.equals("direct") && !path.equals("trainer")) {
            usage("path must be direct or trainer");
        }
        if (reps < 1 || steps < 1) {
            usage("reps and steps must be >= 1");
        }
        Dataset data = BenchData.read(dataFile);
        EmpiricalRisk objective = EmpiricalRisk.of(data, LogisticLoss.INSTANCE, Reduction.SUM);
        double[] perStep = new double[reps];
        double[] w = null;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            double[] wr = path.equals("direct") ? directLoop(objective, lr, steps) : trainerLoop(objective, lr, steps);
            long t1 = System.nanoTime();
            perStep[r] = (double) (t1 - t0) / steps;
            if (w != null && !Arrays.equals(w, wr)) {
                throw new IllegalStateException("repetition " + r + " ended at a different w than repetition 0");
            }
            w = wr;
        }
        double cold = perStep[0];
        double[] warm = reps > 1 ? Arrays.copyOfRange(perStep, 1, reps) : perStep.clone();
        Arrays.sort(warm);
        double median = warm.length % 2 == 1 ? warm[warm.length / 2]
                : 0.5 * (warm[warm.length / 2 - 1] + warm[warm.length / 2]);
        // rows whose gradient weight φ'(mᵢ) underflowed to zero at the final w (the fused kernel skips their axpy)
        double[] m = objective.margins(w, new double[data.n()]);
        int zero = 0;
        for (double mi : m) {
            if (LogisticLoss.INSTANCE.derivative(mi) == 0.0) {
                zero++;
            }
        }
        if (kv.containsKey("out")) {
            BenchData.writeVector(w, Path.of(kv.get("out")));
        }
        System.out.println(String.format(Locale.ROOT,
                "RESULT impl=sgdlab-%s n=%d d=%d steps=%d reps=%d cold_ns_per_step=%.1f warm_ns_per_step=%.1f"
                        + " warm_min_ns_per_step=%.1f zero_weight_rows_at_end=%d w0=%.17g",
                path, data.n(), data.d(), steps, reps, cold, median, warm[0], zero, w[0]));
    }

    private static void compare(Map<String, String> kv) throws IOException {
        System.out.println(Workloads.compareLine(BenchData.readVector(Path.of(need(kv, "a"))),
                BenchData.readVector(Path.of(need(kv, "b")))));
    }
}
