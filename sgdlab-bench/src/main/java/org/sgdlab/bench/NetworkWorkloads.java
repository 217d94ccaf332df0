package org.sgdlab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.Lanczos;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.Simd;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.autodiff.Graph;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.objective.Reduction;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.random.RandomStream;

/**
 * The sgdlab side of the network rows of {@code bench/run.sh} (issue 13 §6), next to the PyTorch peers
 * {@code bench/peers/nn_torch.py} and {@code nn_power_torch.py}. Two models, both through sgdlab-nn's public API:
 *
 * <ul>
 *   <li>{@code deeplinear}: f(W₁, W₂, W₃) = ½‖X W₁ᵀ W₂ᵀ W₃ᵀ − Y‖²_F, three 10 × 10 matrices, X and Y 100 × 10 (a
 *   {@link Graph} built with {@link GraphBuilder}: the 10-output squared loss is not a {@link NetworkLoss});</li>
 *   <li>{@code mlp}: the mean over 2000 rows of ½(f(xᵢ) − yᵢ)² for a 784-256-256-1 relu {@link Mlp} with biases
 *   ({@link NetworkObjective} with core's {@link SquaredLoss}).</li>
 * </ul>
 *
 * <pre>
 * NetworkWorkloads gen     model=deeplinear|mlp dir=bench/data        (data, w₀ and a direction v; once)
 * NetworkWorkloads gd      model=deeplinear dir=.. steps=10000 lr=1e-4 reps=5 out=W    (full-batch GD)
 * NetworkWorkloads grad    model=mlp dir=.. calls=5 reps=5 out=G                        (gradient at w₀)
 * NetworkWorkloads hvp     model=mlp dir=.. calls=5 reps=5 out=HV                       (∇²f(w₀)·v, and a gradient)
 * NetworkWorkloads lanczos model=mlp dir=.. tol=1e-6 reps=3 [ref=λ]                      (top Hessian eigenvalue)
 * </pre>
 *
 * File names under {@code dir}: {@code nn_<model>.bin} (SGDLABD1; for deeplinear the 20 columns are X then Y and the
 * labels are unused), {@code nn_<model>_w0.bin}, {@code nn_<model>_v.bin} (SGDLABW1). Each timed command repeats the
 * computation {@code reps} times in one JVM (data loading excluded; the first repetition is "cold"), checks that every
 * repetition ends at the same bits, and prints one {@code RESULT key=value ...} line with the warm median, the
 * repetitions' minimum and spread, the bytes allocated per call by all of sgdlab's threads after warm-up (the caller
 * and {@link Parallel}'s workers, from {@code ThreadMXBean.getThreadAllocatedBytes}), the thread count and the GEMM
 * backend.
 */
public final class NetworkWorkloads {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private NetworkWorkloads() {
    }

    /** A model with its data bound: what the timed commands call. */
    interface Model {
        int dimension();

        /** ∇f(w) into g; returns nothing (the training step's call). */
        void gradient(double[] w, double[] g);

        /** ∇²f(w)·v into out. */
        void hvp(double[] w, double[] v, double[] out);

        /** f(w). */
        double value(double[] w);
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw usage("no command");
        }
        Map<String, String> kv = Workloads.parse(args);
        switch (args[0]) {
            case "gen" -> gen(kv);
            case "gd" -> gd(kv);
            case "grad" -> grad(kv);
            case "hvp" -> hvp(kv);
            case "lanczos" -> lanczos(kv);
            default -> throw usage("unknown command " + args[0]);
        }
    }

    private static IllegalArgumentException usage(String why) {
        return new IllegalArgumentException("NetworkWorkloads: " + why + " (see the class Javadoc for the commands)");
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

    private static Path file(Map<String, String> kv, String suffix) {
        return Path.of(kv.getOrDefault("dir", "bench/data"), "nn_" + need(kv, "model") + suffix + ".bin");
    }

    // ---- data --------------------------------------------------------------------------------------------------

    /** The deep linear network's data: X ~ N(0, 1) (100 × 10), Y = X Aᵀ + 0.1 N(0, 1) with A ~ N(0, 1/10). */
    static Dataset deepLinearData(long seed) {
        int n = 100;
        int d = 10;
        RandomStream r = new RandomStream(seed);
        double[] x = r.gaussians(new double[n * d]);
        double[] a = r.gaussians(new double[d * d]);
        double[] xy = new double[n * 2 * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0.0;
                for (int p = 0; p < d; p++) {
                    s += x[i * d + p] * a[j * d + p] / Math.sqrt(d);
                }
                xy[i * 2 * d + j] = x[i * d + j];
                xy[i * 2 * d + d + j] = s + 0.1 * r.nextGaussian();
            }
        }
        return new Dataset("deep-linear(n=100, d=10, seed=" + seed + ")", new Matrix(n, 2 * d, xy), new double[n]);
    }

    /** MNIST-sized rows: 2000 × 784 pixels uniform in [0, 1), labels ±1 from a random hyperplane through the centre. */
    static Dataset mlpData(long seed) {
        int n = 2000;
        int d = 784;
        RandomStream r = new RandomStream(seed);
        double[] u = r.gaussians(new double[d]);
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int j = 0; j < d; j++) {
                double v = r.nextDouble();
                x[i * d + j] = v;
                s += u[j] * (v - 0.5);
            }
            y[i] = s >= 0 ? 1.0 : -1.0;
        }
        return new Dataset("mnist-sized(n=2000, d=784, seed=" + seed + ")", new Matrix(n, d, x), y);
    }

    static Mlp mlp() {
        return Mlp.builder(784).hidden(256, 256).build();
    }

    private static void gen(Map<String, String> kv) throws IOException {
        String model = need(kv, "model");
        long seed = Long.parseLong(kv.getOrDefault("seed", "1"));
        Dataset data;
        double[] w0;
        switch (model) {
            case "deeplinear" -> {
                data = deepLinearData(seed);
                RandomStream r = new RandomStream(seed + 1);
                w0 = r.gaussians(new double[300]);
                for (int i = 0; i < w0.length; i++) {
                    w0[i] *= 0.3;
                }
            }
            case "mlp" -> {
                data = mlpData(seed);
                w0 = mlp().initialize(new RandomStream(seed + 1));
            }
            default -> throw usage("unknown model " + model);
        }
        double[] v = new RandomStream(seed + 2).gaussians(new double[w0.length]);
        BenchData.write(data, file(kv, ""));
        BenchData.writeVector(w0, file(kv, "_w0"));
        BenchData.writeVector(v, file(kv, "_v"));
        System.out.println("wrote " + file(kv, "") + ", _w0, _v: " + data.name() + ", " + w0.length + " parameters");
    }

    /** The model of {@code model=} on the data of {@code dir=}. */
    static Model load(Map<String, String> kv) throws IOException {
        Dataset data = BenchData.read(file(kv, ""));
        return switch (need(kv, "model")) {
            case "deeplinear" -> deepLinear(data);
            case "mlp" -> mlpModel(data);
            default -> throw usage("unknown model " + kv.get("model"));
        };
    }

    /** The MLP's mean squared loss on {@code data} as a {@link NetworkObjective}. */
    static Model mlpModel(Dataset data) {
        NetworkObjective f = new NetworkObjective(mlp(), data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN);
        return new Model() {
            @Override
            public int dimension() {
                return f.dimension();
            }

            @Override
            public void gradient(double[] w, double[] g) {
                f.gradientOnly(w, g);
            }

            @Override
            public void hvp(double[] w, double[] v, double[] out) {
                f.hessianVectorProduct(w, v, out);
            }

            @Override
            public double value(double[] w) {
                return f.value(w);
            }
        };
    }

    /** ½‖X W₁ᵀW₂ᵀW₃ᵀ − Y‖² as a graph; X and Y are the two halves of the data's columns. */
    static Model deepLinear(Dataset data) {
        int n = data.n();
        int d = data.d() / 2;
        double[] x = new double[n * d];
        double[] y = new double[n * d];
        double[] xy = data.x().data();
        for (int i = 0; i < n; i++) {
            System.arraycopy(xy, i * 2 * d, x, i * d, d);
            System.arraycopy(xy, i * 2 * d + d, y, i * d, d);
        }
        ParameterLayout layout = ParameterLayout.builder().add("W1", d, d).add("W2", d, d).add("W3", d, d).build();
        GraphBuilder b = new GraphBuilder(layout);
        Node xs = b.input("x", n, d);
        Node ys = b.input("y", n, d);
        Node out = b.matmul(b.matmul(b.matmul(xs, b.parameter("W1"), false, true), b.parameter("W2"), false, true),
                b.parameter("W3"), false, true);
        // ½‖out − Y‖² as core's squared loss ½(p − y)² per entry, summed (one fused node, as a network's loss is
        // written in sgdlab; the peer writes 0.5 * ((out - Y) ** 2).sum(): the same numbers, to the bit)
        Graph g = b.build(b.sum(b.loss(out, ys, SquaredLoss.INSTANCE)));
        g.setInput("x", x);
        g.setInput("y", y);
        return new Model() {
            @Override
            public int dimension() {
                return layout.size();
            }

            @Override
            public void gradient(double[] w, double[] grad) {
                g.gradient(w, grad);
            }

            @Override
            public void hvp(double[] w, double[] v, double[] hv) {
                g.hessianVectorProduct(w, v, hv);
            }

            @Override
            public double value(double[] w) {
                return g.value(w);
            }
        };
    }

    // ---- timing ------------------------------------------------------------------------------------------------

    /**
     * Wall-clock seconds of each repetition, the calling thread's CPU seconds (on one thread, a figure that other load
     * on the machine hardly moves) and the (bit-identical) result.
     */
    record Reps(double[] seconds, double[] cpuSeconds, double[] result) {
        Reps(double[] seconds, double[] result) {
            this(seconds, null, result);
        }

        double cpuMedian() {
            if (cpuSeconds == null) {
                return Double.NaN;
            }
            double[] w = cpuSeconds.length > 1 ? Arrays.copyOfRange(cpuSeconds, 1, cpuSeconds.length) : cpuSeconds.clone();
            Arrays.sort(w);
            return w.length % 2 == 1 ? w[w.length / 2] : 0.5 * (w[w.length / 2 - 1] + w[w.length / 2]);
        }

        double cold() {
            return seconds[0];
        }

        double[] warm() {
            double[] w = seconds.length > 1 ? Arrays.copyOfRange(seconds, 1, seconds.length) : seconds.clone();
            Arrays.sort(w);
            return w;
        }

        double median() {
            double[] w = warm();
            return w.length % 2 == 1 ? w[w.length / 2] : 0.5 * (w[w.length / 2 - 1] + w[w.length / 2]);
        }

        double min() {
            return warm()[0];
        }

        double max() {
            double[] w = warm();
            return w[w.length - 1];
        }
    }

    interface Run {
        double[] get();
    }

    static Reps repeat(int reps, Run run) {
        if (reps < 1) {
            throw usage("reps must be >= 1");
        }
        double[] seconds = new double[reps];
        double[] cpu = new double[reps];
        double[] result = null;
        for (int r = 0; r < reps; r++) {
            long c0 = MX.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            double[] out = run.get();
            seconds[r] = (System.nanoTime() - t0) * 1e-9;
            cpu[r] = (MX.getCurrentThreadCpuTime() - c0) * 1e-9;
            if (result != null && !Arrays.equals(result, out)) {
                throw new IllegalStateException("repetition " + r + " ended at a different result than repetition 0");
            }
            result = out;
        }
        return new Reps(seconds, cpu, result);
    }

    /** The calling thread and Parallel's workers (named sgdlab-worker-*), found after warm-up. */
    static long[] sgdlabThreads() {
        List<Long> ids = new ArrayList<>();
        ids.add(Thread.currentThread().getId());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("sgdlab-worker-")) {
                ids.add(t.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    static long allocated(long[] ids) {
        long sum = 0;
        for (long b : MX.getThreadAllocatedBytes(ids)) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    /** Bytes allocated per call of {@code step} by sgdlab's threads (the measurement's own array subtracted). */
    static double bytesPerCall(int calls, Runnable step) {
        step.run();
        long[] ids = sgdlabThreads();
        long probe0 = allocated(ids);
        long probe1 = allocated(ids);
        long own = probe1 - probe0;
        long before = allocated(ids);
        for (int i = 0; i < calls; i++) {
            step.run();
        }
        long after = allocated(ids);
        return Math.max(0, after - before - own) / (double) calls;
    }

    private static String common(Reps r, double units, String unit) {
        return String.format(Locale.ROOT, "reps=%d cold_s=%.6f warm_s=%.6f warm_min_s=%.6f warm_max_s=%.6f "
                        + "warm_%s=%.4f warm_min_%s=%.4f warm_cpu_s=%.6f", r.seconds().length, r.cold(), r.median(), r.min(),
                r.max(), unit, r.median() / units * unitScale(unit), unit, r.min() / units * unitScale(unit), r.cpuMedian());
    }

    private static double unitScale(String unit) {
        return unit.startsWith("us") ? 1e6 : unit.startsWith("ms") ? 1e3 : unit.startsWith("ns") ? 1e9 : 1.0;
    }

    private static String environment() {
        return "threads=" + Parallel.threads() + " simd=" + Simd.ENABLED + " gemm=\"" + Gemm.describe().replace('"', '\'')
                + "\"";
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    /** Full-batch GD from w₀: w ← w − η∇f(w), {@code steps} times (the torch loop of nn_torch.py gd). */
    private static void gd(Map<String, String> kv) throws IOException {
        Model model = load(kv);
        double[] w0 = BenchData.readVector(file(kv, "_w0"));
        int steps = intArg(kv, "steps", 10000);
        double lr = Double.parseDouble(kv.getOrDefault("lr", "1e-4"));
        double[] g = new double[model.dimension()];
        double f0 = model.value(w0);
        Reps r = repeat(intArg(kv, "reps", 5), () -> {
            double[] w = w0.clone();
            for (int t = 0; t < steps; t++) {
                model.gradient(w, g);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * g[i];
                }
            }
            return w;
        });
        double[] w = r.result().clone();
        double bytes = bytesPerCall(1000, () -> {
            model.gradient(w, g);
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
        });
        if (kv.containsKey("out")) {
            BenchData.writeVector(r.result(), Path.of(kv.get("out")));
        }
        System.out.println("RESULT impl=sgdlab-gd model=" + kv.get("model") + " steps=" + steps + " lr=" + lr + " "
                + common(r, steps, "us_per_step") + String.format(Locale.ROOT, " bytes_per_step=%.1f f0=%.6e f=%.6e ",
                bytes, f0, model.value(r.result())) + environment());
    }

    /** {@code calls} gradients at w₀ per repetition. */
    private static void grad(Map<String, String> kv) throws IOException {
        Model model = load(kv);
        double[] w0 = BenchData.readVector(file(kv, "_w0"));
        int calls = intArg(kv, "calls", 5);
        double[] g = new double[model.dimension()];
        Reps r = repeat(intArg(kv, "reps", 5), () -> {
            for (int c = 0; c < calls; c++) {
                model.gradient(w0, g);
            }
            return g.clone();
        });
        double bytes = bytesPerCall(Math.max(calls, 3), () -> model.gradient(w0, g));
        if (kv.containsKey("out")) {
            BenchData.writeVector(r.result(), Path.of(kv.get("out")));
        }
        System.out.println("RESULT impl=sgdlab-grad model=" + kv.get("model") + " calls=" + calls + " "
                + common(r, calls, "ms_per_call") + String.format(Locale.ROOT, " bytes_per_call=%.1f ", bytes)
                + environment());
    }

    /**
     * {@code calls} HVPs ∇²f(w₀)·v, then {@code calls} gradients, alternating {@code reps} times in one process (so both
     * see the same load; the first pair is cold): the HVP's time, and the HVP/gradient ratio as the median of the
     * pairs' ratios.
     */
    private static void hvp(Map<String, String> kv) throws IOException {
        Model model = load(kv);
        double[] w0 = BenchData.readVector(file(kv, "_w0"));
        double[] v = BenchData.readVector(file(kv, "_v"));
        int calls = intArg(kv, "calls", 5);
        int reps = intArg(kv, "reps", 5);
        double[] hv = new double[model.dimension()];
        double[] g = new double[model.dimension()];
        double[] th = new double[reps];
        double[] tg = new double[reps];
        double[] first = null;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int c = 0; c < calls; c++) {
                model.hvp(w0, v, hv);
            }
            long t1 = System.nanoTime();
            for (int c = 0; c < calls; c++) {
                model.gradient(w0, g);
            }
            long t2 = System.nanoTime();
            th[r] = (t1 - t0) * 1e-9;
            tg[r] = (t2 - t1) * 1e-9;
            if (first == null) {
                first = hv.clone();
            } else if (!Arrays.equals(first, hv)) {
                throw new IllegalStateException("repetition " + r + " gave a different HVP than repetition 0");
            }
        }
        Reps rh = new Reps(th, hv);
        Reps rg = new Reps(tg, g);
        double[] ratios = new double[Math.max(1, reps - 1)];
        for (int r = reps > 1 ? 1 : 0, i = 0; r < reps; r++, i++) {
            ratios[i] = th[r] / tg[r];
        }
        Arrays.sort(ratios);
        double ratio = ratios.length % 2 == 1 ? ratios[ratios.length / 2]
                : 0.5 * (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]);
        double bytes = bytesPerCall(Math.max(calls, 3), () -> model.hvp(w0, v, hv));
        if (kv.containsKey("out")) {
            BenchData.writeVector(hv, Path.of(kv.get("out")));
        }
        System.out.println("RESULT impl=sgdlab-hvp model=" + kv.get("model") + " calls=" + calls + " "
                + common(rh, calls, "ms_per_call") + String.format(Locale.ROOT,
                " grad_warm_ms_per_call=%.4f grad_warm_min_ms_per_call=%.4f hvp_over_grad=%.3f hvp_over_grad_min=%.3f"
                        + " hvp_over_grad_best_of=%.3f bytes_per_hvp=%.1f ", rg.median() / calls * 1e3,
                rg.min() / calls * 1e3, ratio, ratios[0], rh.min() / rg.min(), bytes) + environment());
    }

    /**
     * The largest eigenvalue of ∇²f(w₀) by core's {@link Lanczos} over the HVP (relative residual tolerance
     * {@code tol}, which bounds |θ − λ| ≤ tol·‖H‖_est; multiplicity check off, as in the peer's power iteration). With
     * {@code ref=λ} it reports the relative error against that reference.
     */
    private static void lanczos(Map<String, String> kv) throws IOException {
        Model model = load(kv);
        double[] w0 = BenchData.readVector(file(kv, "_w0"));
        double tol = Double.parseDouble(kv.getOrDefault("tol", "1e-6"));
        boolean verify = Boolean.parseBoolean(kv.getOrDefault("verify", "false"));
        int p = model.dimension();
        Lanczos.Options options = Lanczos.Options.largest(1).withTolerance(tol).withVerifyMultiplicity(verify);
        Lanczos.Result[] last = new Lanczos.Result[1];
        Reps r = repeat(intArg(kv, "reps", 3), () -> {
            last[0] = Lanczos.solve((u, out) -> model.hvp(w0, u, out), p, options, new RandomStream(7));
            return new double[] {last[0].values()[0]};
        });
        Lanczos.Result res = last[0];
        double lambda = res.values()[0];
        String err = "";
        if (kv.containsKey("ref")) {
            double ref = Double.parseDouble(kv.get("ref"));
            err = String.format(Locale.ROOT, " rel_err=%.3e", Math.abs(lambda - ref) / Math.abs(ref));
        }
        System.out.println(String.format(Locale.ROOT, "RESULT impl=sgdlab-lanczos model=%s lambda=%.17g tol=%.1e"
                        + " applications=%d restarts=%d residual=%.3e norm_est=%.6e converged=%b%s ", kv.get("model"),
                lambda, tol, res.applications(), res.restarts(), res.residualNorms()[0], res.normEstimate(),
                res.converged(), err) + common(r, 1, "s_per_solve") + " " + environment());
    }
}
