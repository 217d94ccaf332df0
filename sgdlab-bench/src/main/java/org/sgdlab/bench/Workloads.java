package org.sgdlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.sgdlab.data.Dataset;
import org.sgdlab.geometry.GeometricOptimizers;
import org.sgdlab.geometry.Norms;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.optim.Schedules;
import org.sgdlab.oracles.HardMarginSvm;
import org.sgdlab.oracles.MinNormLeastSquares;
import org.sgdlab.oracles.MinNormSolution;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.oracles.SvmSolution;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.Trainer;

/**
 * The sgdlab side of the peer comparison run by {@code bench/run.sh} (workloads 3–7 of issue 5; workloads 1–2,
 * full-batch GD on the logistic loss, are {@link GdLoop}). Every workload goes through the product's public API
 * ({@link Trainer}, {@link EmpiricalRisk}, {@link GeometricOptimizers}, {@link HardMarginSvm},
 * {@link MinNormLeastSquares}); only {@code lsgrad path=kernel} calls a kernel directly, because that row
 * measures the kernel.
 *
 * <pre>
 * Workloads gen      kind=clouds|separable|gaussian|fig81 [n=.. d=.. seed=1 gap=0.1] out=FILE [libsvm=FILE]
 * Workloads steepest data=FILE p=1.3333333333333333 lr=1e-4 steps=2000000 reps=3 out=W
 * Workloads sgd      data=FILE lr=0.1 epochs=5 reps=3 out=W
 * Workloads lsgrad   data=FILE path=kernel|risk calls=10 reps=5 out=G
 * Workloads svm      data=FILE intercept=true reps=3 out=WB
 * Workloads minnorm  data=FILE reps=5 out=W
 * Workloads scale    kind=sgd|grad n=2000,20000,200000 d=200 [calls=..]
 * Workloads compare  a=FILE b=FILE
 * </pre>
 *
 * Each timed command repeats the whole computation {@code reps} times in one JVM (data loading excluded):
 * repetition 1 includes JIT compilation ("cold"), the median of the others is "warm". All repetitions must end at
 * bit-identical results (same input, deterministic code). One {@code RESULT key=value ...} line goes to stdout.
 */
public final class Workloads {
    private Workloads() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw usage("no command");
        }
        Map<String, String> kv = parse(args);
        switch (args[0]) {
            case "gen" -> gen(kv);
            case "steepest" -> steepest(kv);
            case "sgd" -> sgd(kv);
            case "lsgrad" -> lsgrad(kv);
            case "svm" -> svm(kv);
            case "minnorm" -> minnorm(kv);
            case "scale" -> scale(kv);
            case "compare" -> compare(kv);
            default -> throw usage("unknown command " + args[0]);
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> kv = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw usage("argument \"" + args[i] + "\" is not key=value");
            }
            kv.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        return kv;
    }

    private static IllegalArgumentException usage(String why) {
        return new IllegalArgumentException("Workloads: " + why + " (see the class Javadoc for the commands)");
    }

    private static String need(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null) {
            throw usage("missing " + key + "=...");
        }
        return v;
    }

    private static int intArg(Map<String, String> kv, String key, int dflt) {
        return Integer.parseInt(kv.getOrDefault(key, Integer.toString(dflt)));
    }

    /** Wall-clock times of {@code reps} repetitions of one computation and its (bit-identical) result. */
    record Timing(double coldSeconds, double warmSeconds, double warmMinSeconds, double[] result) {
        String fields(double units, String unitName) {
            return String.format(Locale.ROOT, "reps_cold_s=%.6f warm_s=%.6f warm_min_s=%.6f cold_ns_per_%s=%.2f warm_ns_per_%s=%.2f",
                    coldSeconds, warmSeconds, warmMinSeconds, unitName, coldSeconds / units * 1e9, unitName,
                    warmSeconds / units * 1e9);
        }
    }

    static Timing time(int reps, Supplier<double[]> run) {
        if (reps < 1) {
            throw usage("reps must be >= 1");
        }
        double[] seconds = new double[reps];
        double[] result = null;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            double[] out = run.get();
            seconds[r] = (System.nanoTime() - t0) * 1e-9;
            if (result != null && !Arrays.equals(result, out)) {
                throw new IllegalStateException("repetition " + r + " ended at a different result than repetition 0");
            }
            result = out;
        }
        double[] warm = reps > 1 ? Arrays.copyOfRange(seconds, 1, reps) : seconds.clone();
        Arrays.sort(warm);
        double median = warm.length % 2 == 1 ? warm[warm.length / 2] : 0.5 * (warm[warm.length / 2 - 1] + warm[warm.length / 2]);
        return new Timing(seconds[0], median, warm[0], result);
    }

    private static void gen(Map<String, String> kv) throws IOException {
        String kind = need(kv, "kind");
        long seed = Long.parseLong(kv.getOrDefault("seed", "1"));
        Dataset data = switch (kind) {
            case "clouds" -> BenchData.gaussianClouds(Integer.parseInt(need(kv, "n")), Integer.parseInt(need(kv, "d")), seed);
            case "separable" -> BenchData.separable(Integer.parseInt(need(kv, "n")), Integer.parseInt(need(kv, "d")),
                    Double.parseDouble(kv.getOrDefault("gap", "0.1")), seed);
            case "gaussian" -> BenchData.gaussian(Integer.parseInt(need(kv, "n")), Integer.parseInt(need(kv, "d")), seed);
            case "fig81" -> BenchData.fig81();
            default -> throw usage("unknown kind " + kind);
        };
        Path out = Path.of(need(kv, "out"));
        BenchData.write(data, out);
        if (kv.containsKey("libsvm")) {
            BenchData.writeLibsvm(data, Path.of(kv.get("libsvm")));
        }
        System.out.println("wrote " + out + ": " + data.name());
    }

    private static void writeOut(Map<String, String> kv, double[] v) throws IOException {
        if (kv.containsKey("out")) {
            BenchData.writeVector(v, Path.of(kv.get("out")));
        }
    }

    /**
     * Workload 3: steepest descent w.r.t. ‖·‖_p (002 eq. 8.5, w ← w − η ‖g‖_q sharp_p(g)) on the summed squared loss
     * L(w) = Σ½(⟨xᵢ, w⟩ − yᵢ)² from w₀ = 0 — exactly the Trainer + {@code GeometricOptimizers.steepestDescent} call
     * of sgdlab-theory's SteepestFig81.
     */
    private static void steepest(Map<String, String> kv) throws IOException {
        Dataset data = BenchData.read(Path.of(need(kv, "data")));
        double p = Double.parseDouble(kv.getOrDefault("p", Double.toString(4.0 / 3.0)));
        double lr = Double.parseDouble(kv.getOrDefault("lr", "1e-4"));
        long steps = Long.parseLong(need(kv, "steps"));
        EmpiricalRisk f = EmpiricalRisk.of(data, SquaredLoss.INSTANCE, Reduction.SUM);
        Trainer trainer = Trainer.builder(f, GeometricOptimizers.steepestDescent(Norms.lp(p), Schedules.constant(lr))).build();
        Timing t = time(intArg(kv, "reps", 3), () -> trainer.run(new double[data.d()], steps).params());
        writeOut(kv, t.result());
        System.out.println(String.format(Locale.ROOT, "RESULT impl=sgdlab-steepest p=%s lr=%s steps=%d %s w0=%.17g",
                p, lr, steps, t.fields(steps, "step"), t.result()[0]));
    }

    /**
     * Workload 4: single-sample SGD on the logistic loss, visiting the samples in order for {@code epochs} epochs,
     * w ← w − η φ'(yᵢ⟨xᵢ, w⟩) yᵢ xᵢ, from w₀ = 0: Trainer + {@code Optimizers.sgd(η)} + {@code Samplers.inOrder} with
     * batch 1 on the MEAN-reduced risk (whose one-sample minibatch gradient is ∇ℓᵢ, unscaled). This is the update
     * sequence of sklearn's {@code SGDClassifier(loss='log_loss', learning_rate='constant', eta0=η, penalty=None,
     * fit_intercept=False, shuffle=False)}.
     */
    private static void sgd(Map<String, String> kv) throws IOException {
        Dataset data = BenchData.read(Path.of(need(kv, "data")));
        double lr = Double.parseDouble(kv.getOrDefault("lr", "0.1"));
        int epochs = intArg(kv, "epochs", 5);
        long steps = (long) epochs * data.n();
        EmpiricalRisk f = EmpiricalRisk.of(data, LogisticLoss.INSTANCE, Reduction.MEAN);
        Timing t = time(intArg(kv, "reps", 3), () -> Trainer.builder(f, Optimizers.sgd(lr))
                .sampler(Samplers.inOrder(data.n(), 1)).build().run(new double[data.d()], steps).params());
        writeOut(kv, t.result());
        System.out.println(String.format(Locale.ROOT,
                "RESULT impl=sgdlab-sgd n=%d d=%d epochs=%d lr=%s %s warm_samples_per_s=%.1f w0=%.17g",
                data.n(), data.d(), epochs, lr, t.fields(steps, "sample"), steps / t.warmSeconds(), t.result()[0]));
    }

    /** The fixed point w at which workload 5 evaluates the gradient: wⱼ = (−1)ʲ·(j + 1)/d (bench/peers use the same). */
    static double[] lsgradPoint(int d) {
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = ((j % 2 == 0) ? 1.0 : -1.0) * (j + 1) / d;
        }
        return w;
    }

    /**
     * Workload 5: the full-batch least-squares gradient Xᵀ(Xw − y), {@code calls} evaluations per repetition.
     * {@code path=kernel}: {@code Kernels.leastSquaresResidualGradient} (one fused pass over X);
     * {@code path=risk}: {@code EmpiricalRisk(SquaredLoss, SUM).gradientOnly}, the API a user calls.
     */
    private static void lsgrad(Map<String, String> kv) throws IOException {
        Dataset data = BenchData.read(Path.of(need(kv, "data")));
        String path = kv.getOrDefault("path", "kernel");
        int calls = intArg(kv, "calls", 10);
        double[] w = lsgradPoint(data.d());
        double[] residual = new double[data.n()];
        EmpiricalRisk f = EmpiricalRisk.of(data, SquaredLoss.INSTANCE, Reduction.SUM);
        Supplier<double[]> run = switch (path) {
            case "kernel" -> () -> {
                double[] g = new double[data.d()];
                for (int c = 0; c < calls; c++) {
                    Kernels.leastSquaresResidualGradient(data.x(), data.y(), w, 0.0, residual, g);
                }
                return g;
            };
            case "risk" -> () -> {
                double[] g = new double[data.d()];
                for (int c = 0; c < calls; c++) {
                    f.gradientOnly(w, g);
                }
                return g;
            };
            default -> throw usage("path must be kernel or risk");
        };
        Timing t = time(intArg(kv, "reps", 5), run);
        writeOut(kv, t.result());
        double seconds = t.warmSeconds() / calls;
        double xBytes = 8.0 * data.n() * data.d();
        System.out.println(String.format(Locale.ROOT,
                "RESULT impl=sgdlab-lsgrad-%s n=%d d=%d calls=%d %s warm_ms_per_gradient=%.4f"
                        + " gb_per_s_one_pass=%.3f gflop_per_s=%.3f",
                path, data.n(), data.d(), calls, t.fields(calls, "gradient"), seconds * 1e3,
                xBytes / seconds * 1e-9, 4.0 * data.n() * data.d() / seconds * 1e-9));
    }

    /**
     * Workload 6: the hard-margin SVM by {@link HardMarginSvm#solve} at its default KKT tolerance 1e-10. Writes
     * (w, b) as one vector of length d + 1.
     */
    private static void svm(Map<String, String> kv) throws IOException {
        Dataset data = BenchData.read(Path.of(need(kv, "data")));
        boolean intercept = Boolean.parseBoolean(kv.getOrDefault("intercept", "true"));
        SvmSolution[] last = new SvmSolution[1];
        Timing t = time(intArg(kv, "reps", 3), () -> {
            SvmSolution s = HardMarginSvm.solve(data.x(), data.y(), intercept);
            if (s.status() != OracleStatus.OPTIMAL) {
                throw new IllegalStateException("HardMarginSvm did not reach OPTIMAL: " + s.status() + ": " + s.message());
            }
            last[0] = s;
            double[] wb = Arrays.copyOf(s.w(), data.d() + 1);
            wb[data.d()] = s.b();
            return wb;
        });
        writeOut(kv, t.result());
        SvmSolution s = last[0];
        System.out.println(String.format(Locale.ROOT,
                "RESULT impl=sgdlab-svm n=%d d=%d intercept=%b %s warm_ms=%.3f kkt=%.3e support_vectors=%d iterations=%d margin=%.10g",
                data.n(), data.d(), intercept, t.fields(1, "solve"), t.warmSeconds() * 1e3, s.kktResidual(),
                s.supportVectors().length, s.iterations(), s.margin()));
    }

    /** Workload 7: X⁺y by {@link MinNormLeastSquares#solve} (default cutoff max(n, d)·ε, as numpy's lstsq). */
    private static void minnorm(Map<String, String> kv) throws IOException {
        Dataset data = BenchData.read(Path.of(need(kv, "data")));
        MinNormSolution[] last = new MinNormSolution[1];
        Timing t = time(intArg(kv, "reps", 5), () -> {
            last[0] = MinNormLeastSquares.solve(data.x(), data.y());
            return last[0].w();
        });
        writeOut(kv, t.result());
        System.out.println(String.format(Locale.ROOT, "RESULT impl=sgdlab-minnorm n=%d d=%d %s warm_ms=%.3f rank=%d residual=%.3e",
                data.n(), data.d(), t.fields(1, "solve"), t.warmSeconds() * 1e3, last[0].rank(), last[0].residualNorm()));
    }

    /**
     * Scale rows: cost of one epoch of single-sample SGD ({@code kind=sgd}, the workload-4 Trainer path) or of one
     * full-batch least-squares gradient ({@code kind=grad}, {@code EmpiricalRisk.gradientOnly}) for each n × d in
     * the cross product of the lists, on in-memory {@link BenchData#gaussianClouds} data. One RESULT line per shape.
     */
    private static void scale(Map<String, String> kv) {
        String kind = need(kv, "kind");
        int reps = intArg(kv, "reps", 5);
        // one unreported pass over all shapes first: Trainer.run is called only a few times per shape, so without
        // it the first shapes would be timed while the step loop is still interpreted or OSR-compiled
        for (boolean report : new boolean[] {false, true}) {
            scalePass(kind, need(kv, "n").split(","), need(kv, "d").split(","), report ? reps : 2, report);
        }
    }

    private static void scalePass(String kind, String[] nList, String[] dList, int reps, boolean report) {
        for (String ns : nList) {
            for (String ds : dList) {
                int n = Integer.parseInt(ns);
                int d = Integer.parseInt(ds);
                Dataset data = BenchData.gaussianClouds(n, d, 1);
                Timing t;
                if (kind.equals("sgd")) {
                    EmpiricalRisk f = EmpiricalRisk.of(data, LogisticLoss.INSTANCE, Reduction.MEAN);
                    t = time(reps, () -> Trainer.builder(f, Optimizers.sgd(0.1)).sampler(Samplers.inOrder(n, 1)).build()
                            .run(new double[d], n).params());
                } else if (kind.equals("grad")) {
                    EmpiricalRisk f = EmpiricalRisk.of(data, SquaredLoss.INSTANCE, Reduction.SUM);
                    double[] w = lsgradPoint(d);
                    t = time(reps, () -> {
                        double[] g = new double[d];
                        f.gradientOnly(w, g);
                        return g;
                    });
                } else {
                    throw usage("kind must be sgd or grad");
                }
                if (!report) {
                    continue;
                }
                System.out.println(String.format(Locale.ROOT,
                        "RESULT impl=sgdlab-scale-%s n=%d d=%d warm_us_per_epoch=%.2f ns_per_nonzero=%.4f cold_us_per_epoch=%.2f",
                        kind, n, d, t.warmSeconds() * 1e6, t.warmSeconds() / ((double) n * d) * 1e9, t.coldSeconds() * 1e6));
            }
        }
    }

    /**
     * Compares two vectors: max_rel = maxⱼ |aⱼ − bⱼ| / max(|aⱼ|, |bⱼ|), normwise_rel = ‖a − b‖_∞ / ‖b‖_∞ and
     * cos = ⟨a, b⟩ / (‖a‖‖b‖) (the agreement of directions, for the SVM row).
     */
    private static void compare(Map<String, String> kv) throws IOException {
        double[] a = BenchData.readVector(Path.of(need(kv, "a")));
        double[] b = BenchData.readVector(Path.of(need(kv, "b")));
        System.out.println(compareLine(a, b));
    }

    static String compareLine(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors have different lengths " + a.length + " and " + b.length);
        }
        double maxRel = 0;
        double maxAbs = 0;
        double normB = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = Math.abs(a[j] - b[j]);
            double scale = Math.max(Math.abs(a[j]), Math.abs(b[j]));
            if (Double.isNaN(diff)) {
                maxRel = Double.NaN;
                maxAbs = Double.NaN;
            } else if (diff != 0 && !Double.isNaN(maxRel)) {
                maxRel = Math.max(maxRel, diff / scale);
                maxAbs = Math.max(maxAbs, diff);
            }
            normB = Math.max(normB, Math.abs(b[j]));
        }
        double cos = Kernels.dot(a, b) / (Kernels.norm2(a) * Kernels.norm2(b));
        return String.format(Locale.ROOT, "COMPARE max_rel=%.3e normwise_rel=%.3e max_abs=%.3e one_minus_cos=%.3e",
                maxRel, normB > 0 ? maxAbs / normB : maxAbs, maxAbs, 1 - cos);
    }
}
