package org.sgdlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.sgdlab.data.Dataset;
import org.sgdlab.kernels.AnalyticNtk;
import org.sgdlab.kernels.EmpiricalNtk;
import org.sgdlab.kernels.FullyConnectedNetwork;
import org.sgdlab.kernels.GramMatrix;
import org.sgdlab.kernels.KernelRegressionSolution;
import org.sgdlab.kernels.KernelRidge;
import org.sgdlab.kernels.Parameterization;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sde.GaussianSampler;
import org.sgdlab.sde.Integrator;
import org.sgdlab.sde.LinearEulerMaruyama;
import org.sgdlab.sde.LinearSde;
import org.sgdlab.sde.PathSimulator;
import org.sgdlab.sde.Paths;

/**
 * The sgdlab side of the kernel and SDE rows of {@code bench/run.sh} (issues 14 and 15; {@code bench/kernel-rows.sh}),
 * next to the peers {@code bench/peers/ntk_numpy.py}, {@code entk_torch.py}, {@code krr_numpy.py} and
 * {@code em_numpy.py}. Everything through the public API of sgdlab-kernels and sgdlab-sde.
 *
 * <pre>
 * KernelWorkloads gen   dir=bench/data                                 (the data files below; once)
 * KernelWorkloads ntk   dir=.. depth=3 reps=3 out=K.bin                (GramMatrix.symmetric(AnalyticNtk.relu(3), X))
 * KernelWorkloads entk  dir=.. reps=3 out=K.bin                        (EmpiricalNtk.of(net).gram(w₀, X))
 * KernelWorkloads solve dir=.. lambda=1e-3 reps=3 out=alpha.bin         (KernelRidge.solve(K, n, y, λ))
 * KernelWorkloads em    paths=100000 steps=1000 d=10 reps=3 path=fast|general sampler=ziggurat|polar out=m.bin
 * </pre>
 *
 * Files under {@code dir}: {@code kern_ntk.bin} (2000 × 784 pixels uniform in [0, 1), MNIST-sized), {@code kern_entk.bin}
 * (500 × 100, N(0, 1/100) entries) with {@code kern_entk_w0.bin} (the parameters of the 100-1024-1 relu network in the
 * NTK parameterization, N(0, 1) entries, layout W1 (1024 × 100, row-major) then W2 (1 × 1024)), {@code kern_krr.bin}
 * (K, the depth-2 relu NTK Gram matrix of 5000 points of N(0, I/50) in ℝ⁵⁰, as an SGDLABD1 file with d = n, and the
 * targets y). The em workload has no file: the d-dimensional OU process dX = −θX dt + s dW (θ = 1, s = 1) from
 * x₀ = (1, …, 1) to T = 1; its result is the sample mean and variance of every coordinate of X_T (2d numbers), and
 * {@code max_z} is the largest deviation of those from Euler–Maruyama's exact law in standard errors.
 *
 * <p>Each timed command repeats the computation {@code reps} times in one JVM (data loading excluded; the first
 * repetition is JIT-cold and left out of the median), checks that every repetition gives the same bits, and prints one
 * {@code RESULT key=value ...} line (warm median, minimum, maximum, the calling thread's CPU time (warm median), the
 * process's CPU time per repetition over all of them (cpu_mean_s: every thread, JIT and GC included), threads).
 */
public final class KernelWorkloads {
    private KernelWorkloads() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw usage("no command");
        }
        Map<String, String> kv = Workloads.parse(args);
        switch (args[0]) {
            case "gen" -> gen(kv);
            case "ntk" -> ntk(kv);
            case "entk" -> entk(kv);
            case "solve" -> solve(kv);
            case "em" -> em(kv);
            default -> throw usage("unknown command " + args[0]);
        }
    }

    private static IllegalArgumentException usage(String why) {
        return new IllegalArgumentException("KernelWorkloads: " + why + " (see the class Javadoc for the commands)");
    }

    private static int intArg(Map<String, String> kv, String key, int dflt) {
        return Integer.parseInt(kv.getOrDefault(key, Integer.toString(dflt)));
    }

    private static Path file(Map<String, String> kv, String name) {
        return Path.of(kv.getOrDefault("dir", "bench/data"), name);
    }

    /** The network of the empirical-NTK row: 100-1024-1, relu, NTK parameterization, c_σ = 2, no biases. */
    static FullyConnectedNetwork entkNetwork() {
        return new FullyConnectedNetwork(100, new int[] {1024}, "relu", Double.NaN, Parameterization.NTK);
    }

    // ---- data --------------------------------------------------------------------------------------------------

    private static void gen(Map<String, String> kv) throws IOException {
        Dataset pixels = NetworkWorkloads.mlpData(14);
        BenchData.write(pixels, file(kv, "kern_ntk.bin"));

        RandomStream r = new RandomStream(15);
        int n = 500;
        int d = 100;
        double[] x = r.gaussians(new double[n * d]);
        for (int i = 0; i < x.length; i++) {
            x[i] /= Math.sqrt(d);
        }
        BenchData.write(new Dataset("entk(n=500, d=100)", new Matrix(n, d, x), new double[n]), file(kv, "kern_entk.bin"));
        BenchData.writeVector(entkNetwork().initialize(new RandomStream(16), 1.0), file(kv, "kern_entk_w0.bin"));

        int m = intArg(kv, "krr_n", 5000);
        int dk = 50;
        RandomStream rk = new RandomStream(17);
        double[] z = rk.gaussians(new double[m * dk]);
        for (int i = 0; i < z.length; i++) {
            z[i] /= Math.sqrt(dk);
        }
        double[] k = GramMatrix.symmetric(AnalyticNtk.relu(2), new Matrix(m, dk, z));
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = Math.sin(3 * z[i * dk]) + 0.1 * rk.nextGaussian();
        }
        BenchData.write(new Dataset("krr(n=" + m + ")", new Matrix(m, m, k), y), file(kv, "kern_krr.bin"));
        System.out.println("wrote kern_ntk.bin, kern_entk.bin, kern_entk_w0.bin, kern_krr.bin under " + file(kv, ""));
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** {@link NetworkWorkloads#repeat}, and the process's CPU seconds per repetition (all threads: workers, GC, JIT). */
    private static NetworkWorkloads.Reps repeat(Map<String, String> kv, NetworkWorkloads.Run run) {
        int reps = intArg(kv, "reps", 3);
        long c0 = OS.getProcessCpuTime();
        NetworkWorkloads.Reps r = NetworkWorkloads.repeat(reps, run);
        processCpuPerRep = (OS.getProcessCpuTime() - c0) * 1e-9 / reps;
        return r;
    }

    private static double processCpuPerRep = Double.NaN;

    private static String timing(NetworkWorkloads.Reps r) {
        return String.format(Locale.ROOT, "reps=%d cold_s=%.6f warm_s=%.6f warm_min_s=%.6f warm_max_s=%.6f warm_cpu_s=%.6f "
                        + "cpu_mean_s=%.6f", r.seconds().length, r.cold(), r.median(), r.min(), r.max(), r.cpuMedian(),
                processCpuPerRep);
    }

    private static String environment() {
        return "threads=" + org.sgdlab.parallel.Parallel.threads() + " simd=" + org.sgdlab.linalg.Simd.ENABLED;
    }

    private static void write(Map<String, String> kv, double[] v) throws IOException {
        if (kv.containsKey("out")) {
            BenchData.writeVector(v, Path.of(kv.get("out")));
        }
    }

    /** Row K1: the analytic NTK Gram matrix of the 2000 MNIST-sized rows. */
    private static void ntk(Map<String, String> kv) throws IOException {
        Matrix x = BenchData.read(file(kv, "kern_ntk.bin")).x();
        int depth = intArg(kv, "depth", 3);
        AnalyticNtk kernel = AnalyticNtk.relu(depth);
        NetworkWorkloads.Reps r = repeat(kv, () -> GramMatrix.symmetric(kernel, x));
        write(kv, r.result());
        System.out.println("RESULT impl=sgdlab-ntk n=" + x.rows() + " d=" + x.cols() + " depth=" + depth + " " + timing(r)
                + " " + environment());
    }

    /** Row K2: the empirical NTK of the 100-1024-1 relu network on 500 points, general path (Jacobians, then J Jᵀ). */
    private static void entk(Map<String, String> kv) throws IOException {
        Matrix x = BenchData.read(file(kv, "kern_entk.bin")).x();
        double[] w = BenchData.readVector(file(kv, "kern_entk_w0.bin"));
        EmpiricalNtk ntk = EmpiricalNtk.of(entkNetwork());
        NetworkWorkloads.Reps r = repeat(kv, () -> ntk.gram(w, x));
        write(kv, r.result());
        System.out.println("RESULT impl=sgdlab-entk n=" + x.rows() + " p=" + w.length + " " + timing(r) + " " + environment());
    }

    /** Row K3: kernel ridge regression (K + λI)α = y at n = 5000 (Cholesky, condition estimate, one refinement step). */
    private static void solve(Map<String, String> kv) throws IOException {
        Dataset data = BenchData.read(file(kv, "kern_krr.bin"));
        int n = data.n();
        double[] k = data.x().data();
        double[] y = data.y();
        double lambda = Double.parseDouble(kv.getOrDefault("lambda", "1e-3"));
        KernelRegressionSolution[] last = new KernelRegressionSolution[1];
        NetworkWorkloads.Reps r = repeat(kv, () -> {
            last[0] = KernelRidge.solve(k, n, y, lambda);
            if (last[0].alpha() == null) {
                throw new IllegalStateException(last[0].message());
            }
            return last[0].alpha();
        });
        write(kv, r.result());
        System.out.println("RESULT impl=sgdlab-krr n=" + n + " lambda=" + lambda + " " + timing(r)
                + String.format(Locale.ROOT, " kappa=%.3e residual=%.3e status=%s ", last[0].conditionEstimate(),
                last[0].relativeResidual(), last[0].status()) + environment());
    }

    /** Row K4: Euler–Maruyama on the 10-dimensional OU process, fast or general path. */
    private static void em(Map<String, String> kv) throws IOException {
        int paths = intArg(kv, "paths", 100_000);
        int steps = intArg(kv, "steps", 1000);
        int d = intArg(kv, "d", 10);
        double theta = 1.0;
        double s = 1.0;
        double horizon = 1.0;
        long seed = 2026;
        String path = kv.getOrDefault("path", "fast");
        GaussianSampler sampler = GaussianSampler.valueOf(kv.getOrDefault("sampler", "ziggurat").toUpperCase(Locale.ROOT));
        LinearSde ou = LinearSde.ornsteinUhlenbeck(d, theta, 0.0, s);
        Integrator em = Integrator.eulerMaruyama(ou);
        double[] x0 = new double[d];
        java.util.Arrays.fill(x0, 1.0);
        NetworkWorkloads.Reps r = repeat(kv, () -> {
            Paths p = switch (path) {
                case "fast" -> LinearEulerMaruyama.simulate(ou, x0, horizon, steps, paths, seed, sampler);
                case "general" -> PathSimulator.simulate(em, x0, horizon, steps, paths, seed, sampler);
                default -> throw usage("path must be fast or general, got " + path);
            };
            return moments(p.finals(), paths, d);
        });
        double maxZ = maxZ(r.result(), paths, d, theta, s, horizon / steps, steps);
        write(kv, r.result());
        System.out.println("RESULT impl=sgdlab-em path=" + path + " sampler=" + sampler.name().toLowerCase(Locale.ROOT)
                + " paths=" + paths + " steps=" + steps + " d=" + d + " " + timing(r)
                + String.format(Locale.ROOT, " ns_per_path_step_dim=%.3f max_z=%.3f ", r.median() * 1e9 / ((double) paths * steps * d),
                maxZ) + environment());
    }

    /** Sample mean (first d) and variance (last d) of every coordinate. */
    static double[] moments(double[] finals, int paths, int d) {
        double[] out = new double[2 * d];
        for (int p = 0; p < paths; p++) {
            for (int i = 0; i < d; i++) {
                out[i] += finals[p * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            out[i] /= paths;
        }
        for (int p = 0; p < paths; p++) {
            for (int i = 0; i < d; i++) {
                double u = finals[p * d + i] - out[i];
                out[d + i] += u * u;
            }
        }
        for (int i = 0; i < d; i++) {
            out[d + i] /= paths - 1;
        }
        return out;
    }

    /**
     * The largest |sample − exact| / standard error over the means and variances, against Euler–Maruyama's exact law for
     * the OU process from x₀ = 1: X_N = q^N + s√h Σ q^{N−1−k} ξ_k with q = 1 − θh (Gaussian; the variance's standard
     * error is var·√(2/(paths − 1))).
     */
    static double maxZ(double[] m, int paths, int d, double theta, double s, double h, int steps) {
        double q = 1 - theta * h;
        double mean = Math.pow(q, steps);
        double var = s * s * h * (1 - Math.pow(q, 2 * steps)) / (1 - q * q);
        double z = 0;
        for (int i = 0; i < d; i++) {
            z = Math.max(z, Math.abs(m[i] - mean) / Math.sqrt(var / paths));
            z = Math.max(z, Math.abs(m[d + i] - var) / (var * Math.sqrt(2.0 / (paths - 1))));
        }
        return z;
    }
}
