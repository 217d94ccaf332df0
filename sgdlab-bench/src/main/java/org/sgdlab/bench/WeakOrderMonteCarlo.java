package org.sgdlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.sde.WeakError;
import org.sgdlab.theory.sde.WeakOrderWorkload;

/**
 * The weak-order row of bench/run.sh (issue 15 §Performance): the SGD Monte Carlo of the claim sde.weak-order
 * ({@link WeakOrderWorkload}: logistic regression, B = 1, controlled paths) timed in paths per second, beside
 * bench/peers/weakorder_numpy.py doing the same computation vectorized over paths.
 *
 * <pre>
 *   WeakOrderMonteCarlo gen eta=0.0625 out=bench/data/weakorder_eta0.0625.txt
 *   WeakOrderMonteCarlo run eta=0.0625 paths=32768 reps=5 seed=1
 * </pre>
 * {@code run} repeats the whole Monte Carlo {@code reps} times in one JVM (the first repetition includes JIT compilation and
 * is excluded) and prints one {@code RESULT} line: the median warm seconds, paths per second, and per test function the
 * estimate E g ± its standard error (the peer's must agree within 5 combined standard errors). Threads: -Dsgdlab.threads.
 */
public final class WeakOrderMonteCarlo {
    private WeakOrderMonteCarlo() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: WeakOrderMonteCarlo gen|run key=value ...");
        }
        Map<String, String> kv = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("argument \"" + args[i] + "\" is not key=value");
            }
            kv.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        double eta = Double.parseDouble(kv.getOrDefault("eta", "0.0625"));
        switch (args[0]) {
            case "gen" -> WeakOrderWorkload.writeSetup(Path.of(kv.getOrDefault("out", "bench/data/weakorder.txt")), eta);
            case "run" -> run(eta, Integer.parseInt(kv.getOrDefault("paths", "32768")), Integer.parseInt(kv.getOrDefault("reps", "5")),
                    Long.parseLong(kv.getOrDefault("seed", "1")));
            default -> throw new IllegalArgumentException("unknown command " + args[0] + " (gen or run)");
        }
    }

    private static void run(double eta, int paths, int reps, long seed) {
        if (reps < 2) {
            throw new IllegalArgumentException("reps must be >= 2 (the first is JIT warm-up), got " + reps);
        }
        double[] secs = new double[reps];
        double[][] last = null;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            last = WeakOrderWorkload.run(eta, paths, seed + r);
            secs[r] = (System.nanoTime() - t0) * 1e-9;
        }
        double[] warm = Arrays.copyOfRange(secs, 1, reps);
        Arrays.sort(warm);
        double median = warm.length % 2 == 1 ? warm[warm.length / 2] : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "RESULT side=sgdlab eta=%s steps=%d paths=%d threads=%d cold_s=%.6f warm_s=%.6f "
                + "best_s=%.6f paths_per_s=%.1f", eta, WeakOrderWorkload.steps(eta), paths, Parallel.threads(), secs[0], median, warm[0], paths / median));
        String[] names = WeakOrderWorkload.functions();
        for (int g = 0; g < names.length; g++) {
            WeakError.Estimate e = WeakError.mean(last[g]);
            sb.append(String.format(Locale.ROOT, " mean_%s=%.17g se_%s=%.6g", names[g], e.value(), names[g], e.stdErr()));
        }
        System.out.println(sb);
    }
}
